"""Fit settings, with scikit-learn's parameter names, and their validation."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from ..errors import QT_TRANSLATE_NOOP
from .errors import GMMInputError
from .params import COVARIANCE_TYPES, MixtureParams
from .stopping import DEFAULT_TOL, STOPPING_RULES

# "auto" mixes the automatic kinds start by start (``starts.start_plan``).
INIT_METHODS = (
    "auto",
    "kmeans++",
    "kmeans-raw",
    "hierarchical",
    "random-from-data",
    "random",
    "manual",
)


@dataclass(frozen=True)
class FitConfig:
    """Everything that decides a fit, besides the data.

    n_components : number of Gaussian components K (>= 1).
    covariance_type : "full", "diag", "spherical" or "tied" (scikit-learn's meanings).
    init : "auto" (the kinds below in turn, see ``starts.start_plan``), "kmeans++" (k-means
        on standardised columns seeded by k-means++), "kmeans-raw" (the same on the columns
        as they are, scikit-learn's default start), "hierarchical" (Ward agglomeration, in
        the spirit of mclust's start), "random-from-data" (K rows as means), "random"
        (random responsibilities) or "manual" (``init_params``).
    n_init : number of starts; the one with the best final log-likelihood is kept.
    max_iter : maximum number of EM iterations (M-steps) per start.
    stopping : "aitken" (the estimated gain still to come, per row, is below ``tol``),
        "mean-change" (scikit-learn's: the mean log-likelihood per row changes by less than
        ``tol``) or "total-change" (the total log-likelihood changes by less than ``tol``);
        see ``stopping.py``. ``tol`` 0 runs max_iter.
    accelerate : extrapolate EM's steps (SQUAREM, ``accelerate.py``) on more than
        ``accelerate.ACCELERATE_ROWS`` rows; for fits nobody watches step by step (sweeps).
    reg_covar : added to covariance diagonals.
    seed : makes every start reproducible; None draws fresh randomness.
    """

    n_components: int = 2
    covariance_type: str = "full"
    init: str = "auto"
    n_init: int = 1
    max_iter: int = 2000
    tol: float = DEFAULT_TOL["aitken"]
    reg_covar: float = 1e-6
    seed: int | None = None
    init_params: MixtureParams | None = None
    stopping: str = "aitken"
    accelerate: bool = False

    def with_changes(self, **changes: object) -> FitConfig:
        return replace(self, **changes)  # type: ignore[arg-type]

    def validate(self, n_samples: int, n_features: int) -> None:
        """Raise GMMInputError, in plain words, if these settings cannot fit (n, d) data."""
        if self.covariance_type not in COVARIANCE_TYPES:
            raise GMMInputError(
                f"unknown covariance type '{self.covariance_type}' "
                f"(choose one of {', '.join(COVARIANCE_TYPES)})"
            )
        if self.init not in INIT_METHODS:
            raise GMMInputError(
                f"unknown start method '{self.init}' (choose one of {', '.join(INIT_METHODS)})"
            )
        if self.stopping not in STOPPING_RULES:
            rules = ", ".join(STOPPING_RULES)
            raise GMMInputError(f"unknown stopping rule '{self.stopping}' (choose one of {rules})")
        for name, value in (
            ("the number of components K", self.n_components),
            ("the number of restarts", self.n_init),
            ("the iteration limit", self.max_iter),
        ):
            if not _is_whole(value):
                raise GMMInputError(f"{name} must be a whole number (got {value!r})")
        for name, real in (("the tolerance", self.tol), ("the regularisation", self.reg_covar)):
            if not _is_real(real):
                raise GMMInputError(f"{name} must be a number (got {real!r})")
        if self.seed is not None and (not _is_whole(self.seed) or self.seed < 0):
            raise GMMInputError(f"the seed must be a whole number of 0 or more (got {self.seed!r})")
        if self.n_components < 1:
            raise GMMInputError("the number of components K must be a whole number of at least 1")
        if self.n_components > n_samples:
            raise GMMInputError.said(
                QT_TRANSLATE_NOOP(
                    "Errors", "K = {k} components need at least {k} rows, but the data has {n}"
                ),
                k=self.n_components,
                n=n_samples,
            )
        if self.n_init < 1:
            raise GMMInputError("the number of restarts must be at least 1")
        if self.max_iter < 0:
            raise GMMInputError("the iteration limit cannot be negative")
        if not np.isfinite(self.tol) or self.tol < 0:
            raise GMMInputError("the tolerance must be zero or a positive number")
        if not np.isfinite(self.reg_covar) or self.reg_covar < 0:
            raise GMMInputError("the regularisation (reg_covar) must be zero or a positive number")
        if self.init == "manual":
            p = self.init_params
            if p is None:
                raise GMMInputError("the manual start needs initial weights, means and covariances")
            if p.n_components != self.n_components or p.n_features != n_features:
                raise GMMInputError.said(
                    QT_TRANSLATE_NOOP(
                        "Errors",
                        "the initial parameters have {k0} components of dimension {d0}, but the fit asks for K = {k} on {d} column(s)",  # noqa: E501  (one literal for lupdate)
                    ),
                    k0=p.n_components,
                    d0=p.n_features,
                    k=self.n_components,
                    d=n_features,
                )


def _is_whole(value: object) -> bool:
    return isinstance(value, int | np.integer) and not isinstance(value, bool)


def _is_real(value: object) -> bool:
    return isinstance(value, int | float | np.integer | np.floating) and not isinstance(value, bool)


def check_data(X: np.ndarray) -> np.ndarray:
    """Return X as a float array of shape (n, d); 1-D input becomes one column."""
    try:
        arr = np.asarray(X, dtype=float)
    except (TypeError, ValueError):
        raise GMMInputError(
            "the data must be a table of numbers with the same number of values in every row"
        ) from None
    if arr.ndim == 1:
        arr = arr[:, None]
    if arr.ndim != 2 or arr.shape[0] == 0 or arr.shape[1] == 0:
        raise GMMInputError("there is no data to fit (no rows or no columns)")
    if not np.all(np.isfinite(arr)):
        raise GMMInputError("the data contains missing or infinite values")
    if np.max(np.abs(arr)) > 1e150:
        raise GMMInputError.said(
            QT_TRANSLATE_NOOP(
                "Errors", "the values are too large to fit reliably (above 1e150); rescale the data"
            )
        )
    return arr
