"""Log densities and the E-step, all in log space so distant points never underflow.

numpy only (no scipy): this is on the path of every command-line fit, whose start-up counts.
"""

from __future__ import annotations

import numpy as np

from ..errors import QT_TRANSLATE_NOOP
from .errors import GMMInputError
from .params import MixtureParams

LOG_2PI = float(np.log(2.0 * np.pi))


def _is_diagonal(covariance_type: str) -> bool:
    return covariance_type in ("diag", "spherical")


def precision_cholesky(covariances: np.ndarray, covariance_type: str = "full") -> np.ndarray:
    """Upper-triangular factors U_k with U_k U_k^T = inv(Sigma_k).

    Parameters
    ----------
    covariances : ndarray, shape (K, d, d)
    covariance_type : str
        For "diag" and "spherical" only the diagonals are used.

    Returns
    -------
    ndarray, shape (K, d, d)

    Raises
    ------
    GMMInputError
        When a covariance is not positive definite, with advice for the user.
    """
    k, d, _ = covariances.shape
    if not np.all(np.isfinite(covariances)):
        raise GMMInputError.said(
            QT_TRANSLATE_NOOP(
                "Errors",
                "the covariances overflowed (the values or the starting means are too large); rescale the data or choose starting values nearer to it",  # noqa: E501  (one literal for lupdate)
            )
        )
    out = np.zeros_like(covariances, dtype=float)
    if _is_diagonal(covariance_type):
        diag = np.diagonal(covariances, axis1=1, axis2=2)
        if np.any(diag <= 0) or not np.all(np.isfinite(diag)):
            raise _ill_defined()
        idx = np.arange(d)
        out[:, idx, idx] = 1.0 / np.sqrt(diag)
        return out
    for j in range(k):
        try:
            chol = np.linalg.cholesky(covariances[j])
        except np.linalg.LinAlgError:
            raise _ill_defined() from None
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            out[j] = _inverse_lower(chol).T
    if not np.all(np.isfinite(out)):
        raise _ill_defined()
    return out


def _inverse_lower(lower: np.ndarray) -> np.ndarray:
    """Inverse (d, d) of a lower-triangular (d, d) matrix by forward substitution (exactly
    lower triangular, as LAPACK's triangular solve gives)."""
    d = lower.shape[0]
    inv = np.zeros_like(lower)
    for i in range(d):
        inv[i] = -(lower[i, :i] @ inv[:i])
        inv[i, i] += 1.0
        inv[i] /= lower[i, i]
    return inv


def logsumexp_rows(a: np.ndarray) -> np.ndarray:
    """log(sum_k exp(a[i, k])) for each row of a (n, K), without overflow: shape (n,).

    Rows of -inf give -inf; a +inf entry gives +inf; NaN propagates.
    """
    top = np.max(a, axis=1)
    top = np.where(np.isfinite(top), top, 0.0)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        total = np.sum(np.exp(a - top[:, None]), axis=1)
        return np.log(total) + top


def _ill_defined() -> GMMInputError:
    return GMMInputError.said(
        QT_TRANSLATE_NOOP(
            "Errors",
            "a component's covariance became singular (it collapsed onto too few distinct points); use fewer components, a larger regularisation (reg_covar), or another covariance type",  # noqa: E501  (one literal for lupdate)
        )
    )


def log_gaussian_densities(
    X: np.ndarray, params: MixtureParams, covariance_type: str = "full"
) -> np.ndarray:
    """log N(x_i | mu_k, Sigma_k) for every row and component.

    Parameters
    ----------
    X : ndarray, shape (n, d)
    params : MixtureParams with K components of dimension d

    Returns
    -------
    ndarray, shape (n, K)
    """
    n, d = X.shape
    prec = precision_cholesky(params.covariances, covariance_type)
    out = np.empty((n, params.n_components))
    for j in range(params.n_components):
        log_det = np.sum(np.log(np.diagonal(prec[j])))
        diff = X - params.means[j]
        if _is_diagonal(covariance_type):
            y = diff * np.diagonal(prec[j])
        else:
            y = diff @ prec[j]
        out[:, j] = -0.5 * (d * LOG_2PI + np.einsum("ij,ij->i", y, y)) + log_det
    return out


def weighted_log_densities(
    X: np.ndarray, params: MixtureParams, covariance_type: str = "full"
) -> np.ndarray:
    """log(w_k) + log N(x_i | mu_k, Sigma_k), shape (n, K)."""
    with np.errstate(divide="ignore"):
        log_w = np.log(params.weights)
    return log_gaussian_densities(X, params, covariance_type) + log_w


def e_step(
    X: np.ndarray,
    params: MixtureParams,
    covariance_type: str = "full",
    sample_weight: np.ndarray | None = None,
) -> tuple[float, np.ndarray]:
    """Expectation step; ``sample_weight`` (n,) makes row i count w_i times.

    Returns
    -------
    log_likelihood : float
        Total log-likelihood sum_i w_i log p(x_i) (natural log; w_i = 1 without weights).
    log_resp : ndarray, shape (n, K)
        Log responsibilities; each row's exponentials sum to 1.
    """
    wlp = weighted_log_densities(X, params, covariance_type)
    log_norm = logsumexp_rows(wlp)
    with np.errstate(invalid="ignore"):
        log_resp = wlp - log_norm[:, None]
    if sample_weight is not None:
        return weighted_total(log_norm, sample_weight), log_resp
    return float(np.sum(log_norm)), log_resp


def weighted_total(values: np.ndarray, sample_weight: np.ndarray) -> float:
    """sum_i w_i v_i over (n,) values, with 0 x (-inf) = 0 (a row of weight 0 never counts)."""
    with np.errstate(invalid="ignore"):
        terms = np.where(sample_weight > 0, sample_weight * values, 0.0)
    return float(np.sum(terms))


def log_likelihood(X: np.ndarray, params: MixtureParams, covariance_type: str = "full") -> float:
    """Total log-likelihood of X (n, d) under the mixture."""
    return e_step(X, params, covariance_type)[0]


def has_missing(X: np.ndarray) -> bool:
    """True when X (n, d) holds a missing (NaN) cell: then EM runs ``missing.py``'s code."""
    return bool(np.isnan(X).any())


def mixture_log_density(
    X: np.ndarray, params: MixtureParams, covariance_type: str = "full"
) -> np.ndarray:
    """log p(x_i) of the whole mixture, shape (n,)."""
    return logsumexp_rows(weighted_log_densities(X, params, covariance_type))
