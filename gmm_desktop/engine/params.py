"""Mixture parameters: one immutable value object shared by the engine, the CLI and the GUI."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..errors import QT_TRANSLATE_NOOP
from .errors import GMMInputError

COVARIANCE_TYPES = ("full", "diag", "spherical", "tied")


def _frozen(array: np.ndarray) -> np.ndarray:
    out = np.array(array, dtype=float, copy=True)
    out.setflags(write=False)
    return out


@dataclass(frozen=True, eq=False)
class MixtureParams:
    """Weights, means and covariances of a Gaussian mixture.

    Attributes
    ----------
    weights : ndarray, shape (K,)
        Mixing proportions, positive, summing to 1.
    means : ndarray, shape (K, d)
    covariances : ndarray, shape (K, d, d)
        Always full matrices, whatever the covariance type that produced them
        (a diagonal or spherical fit simply has zero off-diagonal entries).
    """

    weights: np.ndarray
    means: np.ndarray
    covariances: np.ndarray

    def __post_init__(self) -> None:
        weights = _frozen(self.weights)
        means = _frozen(self.means)
        covariances = _frozen(self.covariances)
        if weights.ndim != 1 or means.ndim != 2 or covariances.ndim != 3:
            raise GMMInputError.said(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "parameters need weights (K), means (K x d) and covariances (K x d x d)",
                )
            )
        k, d = means.shape
        if weights.shape != (k,) or covariances.shape != (k, d, d):
            raise GMMInputError.said(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "parameters do not fit together: {n_weights} weights, {k} means of {d} values, covariances of shape {shape}",  # noqa: E501  (one literal for lupdate)
                ),
                n_weights=weights.shape[0],
                k=k,
                d=d,
                shape=str(covariances.shape),
            )
        object.__setattr__(self, "weights", weights)
        object.__setattr__(self, "means", means)
        object.__setattr__(self, "covariances", covariances)

    @classmethod
    def trusted(
        cls, weights: np.ndarray, means: np.ndarray, covariances: np.ndarray
    ) -> MixtureParams:
        """Wrap read-only float arrays (K,), (K, d), (K, d, d), unchecked and uncopied.

        For the compiled engine's own outputs, made thousands of times a second.
        """
        out = object.__new__(cls)
        object.__setattr__(out, "weights", weights)
        object.__setattr__(out, "means", means)
        object.__setattr__(out, "covariances", covariances)
        return out

    @property
    def n_components(self) -> int:
        return int(self.means.shape[0])

    @property
    def n_features(self) -> int:
        return int(self.means.shape[1])

    @property
    def standard_deviations(self) -> np.ndarray:
        """Per-feature standard deviations, shape (K, d)."""
        return np.sqrt(np.maximum(np.diagonal(self.covariances, axis1=1, axis2=2), 0.0))

    @property
    def correlations(self) -> np.ndarray:
        """Correlation matrices, shape (K, d, d)."""
        sd = self.standard_deviations
        with np.errstate(divide="ignore", invalid="ignore"):
            corr = self.covariances / (sd[:, :, None] * sd[:, None, :])
        return np.nan_to_num(corr)

    def reordered(self, order: Sequence[int] | np.ndarray) -> MixtureParams:
        """The same mixture with its components in ``order``."""
        idx = np.asarray(order, dtype=int)
        return MixtureParams(self.weights[idx], self.means[idx], self.covariances[idx])

    @classmethod
    def from_user(
        cls,
        weights: Sequence[float] | np.ndarray,
        means: Sequence[float] | Sequence[Sequence[float]] | np.ndarray,
        covariances: np.ndarray | Sequence | None = None,
        standard_deviations: np.ndarray | Sequence | None = None,
    ) -> MixtureParams:
        """Build and check parameters typed by a user (CLI file or GUI table).

        ``means`` may be a flat list for 1-D data (the homework's mu1=180, mu2=165).
        Give either ``covariances`` (K x d x d, or K x d for diagonal variances, or K for
        spherical variances) or ``standard_deviations`` (K, or K x d).
        """
        w = np.asarray(weights, dtype=float).ravel()
        m = np.asarray(means, dtype=float)
        if m.ndim == 1:
            m = m[:, None]
        k, d = m.shape
        if w.shape != (k,):
            raise GMMInputError.said(
                QT_TRANSLATE_NOOP(
                    "Errors", "there are {n_weights} initial weights but {k} initial means"
                ),
                n_weights=w.size,
                k=k,
            )
        if not np.all(np.isfinite(w)) or np.any(w <= 0):
            raise GMMInputError.said(
                QT_TRANSLATE_NOOP("Errors", "initial weights must all be positive numbers")
            )
        if abs(w.sum() - 1.0) > 1e-3:
            raise GMMInputError.said(
                QT_TRANSLATE_NOOP(
                    "Errors", "initial weights must add up to 1 (they add up to {total})"
                ),
                total=f"{w.sum():.4g}",
            )
        if not np.all(np.isfinite(m)):
            raise GMMInputError.said(
                QT_TRANSLATE_NOOP("Errors", "initial means must be finite numbers")
            )
        if (covariances is None) == (standard_deviations is None):
            raise GMMInputError.said(
                QT_TRANSLATE_NOOP(
                    "Errors", "give either initial covariances or initial standard deviations"
                )
            )
        if standard_deviations is not None:
            sd = np.asarray(standard_deviations, dtype=float)
            if sd.ndim == 1 and sd.size == k:
                sd = np.repeat(sd[:, None], d, axis=1)
            if sd.shape != (k, d):
                raise GMMInputError.said(
                    QT_TRANSLATE_NOOP("Errors", "expected {k} x {d} initial standard deviations"),
                    k=k,
                    d=d,
                )
            if not np.all(np.isfinite(sd)) or np.any(sd <= 0):
                raise GMMInputError.said(
                    QT_TRANSLATE_NOOP("Errors", "initial standard deviations must all be positive")
                )
            cov = np.stack([np.diag(row**2) for row in sd])
            if not np.all(np.isfinite(cov)):
                raise GMMInputError.said(
                    QT_TRANSLATE_NOOP("Errors", "initial standard deviations are too large")
                )
        else:
            c = np.asarray(covariances, dtype=float)
            if c.ndim == 1 and c.size == k:
                c = np.stack([np.eye(d) * v for v in c])
            elif c.shape == (k, d) and not (d == 1 and c.ndim == 3):
                c = np.stack([np.diag(row) for row in c])
            if c.shape != (k, d, d):
                raise GMMInputError.said(
                    QT_TRANSLATE_NOOP(
                        "Errors", "expected {k} initial covariance matrices of size {d} x {d}"
                    ),
                    k=k,
                    d=d,
                )
            if not np.all(np.isfinite(c)):
                raise GMMInputError.said(
                    QT_TRANSLATE_NOOP("Errors", "initial covariances must be finite numbers")
                )
            for j in range(k):
                if not np.allclose(c[j], c[j].T, rtol=1e-8, atol=1e-12):
                    raise GMMInputError.said(
                        QT_TRANSLATE_NOOP(
                            "Errors", "initial covariance of component {j} is not symmetric"
                        ),
                        j=j + 1,
                    )
                try:
                    np.linalg.cholesky(c[j])
                except np.linalg.LinAlgError:
                    raise GMMInputError.said(
                        QT_TRANSLATE_NOOP(
                            "Errors",
                            "initial covariance of component {j} is not positive definite",
                        ),
                        j=j + 1,
                    ) from None
            cov = c
        return cls(w / w.sum(), m, cov)


def project_covariances(
    covariances: np.ndarray, covariance_type: str, weights: np.ndarray
) -> np.ndarray:
    """Restrict full covariances (K, d, d) to what ``covariance_type`` can express.

    diag keeps the diagonals, spherical their mean, tied the weight-averaged matrix.
    Returns full matrices, shape (K, d, d).
    """
    k, d, _ = covariances.shape
    if covariance_type == "full":
        return covariances.copy()
    if covariance_type == "tied":
        shared = np.tensordot(weights / weights.sum(), covariances, axes=1)
        return np.repeat(shared[None], k, axis=0)
    diag = np.diagonal(covariances, axis1=1, axis2=2)
    if covariance_type == "spherical":
        diag = np.repeat(diag.mean(axis=1, keepdims=True), d, axis=1)
    return np.stack([np.diag(row) for row in diag])


def n_free_parameters(n_components: int, n_features: int, covariance_type: str) -> int:
    """Number of free parameters p used by BIC and AIC (scikit-learn's count)."""
    k, d = n_components, n_features
    cov = {
        "full": k * d * (d + 1) // 2,
        "diag": k * d,
        "tied": d * (d + 1) // 2,
        "spherical": k,
    }[covariance_type]
    return int(cov + k * d + k - 1)
