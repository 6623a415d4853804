"""Fit settings, with scikit-learn's parameter names, and their validation."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

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
# What a fit does with rows that have empty cells: leave them out, or use their other cells.
MISSING_CHOICES = ("drop", "model")


@dataclass(frozen=True)
class FitConfig:
    """Everything that decides a fit, besides the data.

    n_components : number of Gaussian components K (>= 1).
    covariance_type : "full", "diag", "spherical" or "tied" (scikit-learn's meanings).
    init : "auto" (the kinds below in turn, see ``starts.start_plan``), "kmeans++" (k-means
        on standardised columns seeded by k-means++), "kmeans-raw" (the same on the columns
        as they are, scikit-learn's default start), "hierarchical" (mclust's start: model-based
        agglomeration, quantile classes on one column), "random-from-data" (K rows as
        means), "random" (random responsibilities) or "manual" (``init_params``).
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
    missing : "drop" (rows with an empty cell are left out before the fit, as ``select_features``
        does) or "model" (the data may hold NaN cells; EM uses each row's observed cells and
        fills the others in the model, ``missing.py``).
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
    missing: str = "drop"

    def with_changes(self, **changes: object) -> FitConfig:
        return replace(self, **changes)  # type: ignore[arg-type]

    def validate(self, n_samples: int, n_features: int) -> None:
        """Raise GMMInputError, in plain words, if these settings cannot fit (n, d) data.

        The rules are ``CONSTRAINTS``, checked in order; the first broken one is reported.
        """
        shape = (n_samples, n_features)
        for constraint in CONSTRAINTS:
            if not constraint.holds(self, shape):
                raise GMMInputError.said(constraint.message, **constraint.values(self, shape))


Shape = tuple[int, int]
"""The data's (n_samples, n_features)."""


@dataclass(frozen=True)
class Constraint:
    """One rule of ``FitConfig.validate`` (like scikit-learn's ``_parameter_constraints``).

    parameter : the FitConfig field the rule is about.
    holds : (config, (n, d)) -> True when the settings pass the rule.
    message : the error when they do not, a template of the "Errors" context.
    values : (config, (n, d)) -> the values of the message's ``{fields}``.
    """

    parameter: str
    holds: Callable[[FitConfig, Shape], bool]
    message: str
    values: Callable[[FitConfig, Shape], dict[str, object]]


def _value_rule(parameter: str, test: Callable[[Any], bool], message: str) -> Constraint:
    """A rule on one field alone; its message may show the value as ``{value}`` (repr)."""
    return Constraint(
        parameter,
        lambda config, _shape: bool(test(getattr(config, parameter))),
        message,
        lambda config, _shape: {"value": repr(getattr(config, parameter))},
    )


def _choice_rule(parameter: str, choices: tuple[str, ...], message: str) -> Constraint:
    """The field is one of ``choices``; the message shows ``{value}`` and ``{choices}``."""
    return Constraint(
        parameter,
        lambda config, _shape: getattr(config, parameter) in choices,
        message,
        lambda config, _shape: {"value": getattr(config, parameter), "choices": ", ".join(choices)},
    )


def _is_whole(value: object) -> bool:
    return isinstance(value, int | np.integer) and not isinstance(value, bool)


def _is_real(value: object) -> bool:
    return isinstance(value, int | float | np.integer | np.floating) and not isinstance(value, bool)


def _manual_start_given(config: FitConfig, _shape: Shape) -> bool:
    return config.init != "manual" or config.init_params is not None


def _manual_start_fits(config: FitConfig, shape: Shape) -> bool:
    p = config.init_params
    if config.init != "manual" or p is None:
        return True
    return p.n_components == config.n_components and p.n_features == shape[1]


def _manual_start_sizes(config: FitConfig, shape: Shape) -> dict[str, object]:
    p = config.init_params
    assert p is not None  # only asked when _manual_start_fits failed
    return {"k0": p.n_components, "d0": p.n_features, "k": config.n_components, "d": shape[1]}


# Types first, then ranges: a range rule may assume its field has the right type.
CONSTRAINTS: tuple[Constraint, ...] = (
    _choice_rule(
        "covariance_type",
        COVARIANCE_TYPES,
        QT_TRANSLATE_NOOP("Errors", "unknown covariance type '{value}' (choose one of {choices})"),
    ),
    _choice_rule(
        "init",
        INIT_METHODS,
        QT_TRANSLATE_NOOP("Errors", "unknown start method '{value}' (choose one of {choices})"),
    ),
    _choice_rule(
        "stopping",
        STOPPING_RULES,
        QT_TRANSLATE_NOOP("Errors", "unknown stopping rule '{value}' (choose one of {choices})"),
    ),
    _choice_rule(
        "missing",
        MISSING_CHOICES,
        QT_TRANSLATE_NOOP(
            "Errors", "unknown way to treat empty cells '{value}' (choose one of {choices})"
        ),
    ),
    _value_rule(
        "n_components",
        _is_whole,
        QT_TRANSLATE_NOOP(
            "Errors", "the number of components K must be a whole number (got {value})"
        ),
    ),
    _value_rule(
        "n_init",
        _is_whole,
        QT_TRANSLATE_NOOP("Errors", "the number of restarts must be a whole number (got {value})"),
    ),
    _value_rule(
        "max_iter",
        _is_whole,
        QT_TRANSLATE_NOOP("Errors", "the iteration limit must be a whole number (got {value})"),
    ),
    _value_rule(
        "tol",
        _is_real,
        QT_TRANSLATE_NOOP("Errors", "the tolerance must be a number (got {value})"),
    ),
    _value_rule(
        "reg_covar",
        _is_real,
        QT_TRANSLATE_NOOP("Errors", "the regularisation must be a number (got {value})"),
    ),
    _value_rule(
        "seed",
        lambda seed: seed is None or (_is_whole(seed) and seed >= 0),
        QT_TRANSLATE_NOOP("Errors", "the seed must be a whole number of 0 or more (got {value})"),
    ),
    _value_rule(
        "accelerate",
        lambda flag: isinstance(flag, bool),
        QT_TRANSLATE_NOOP("Errors", "the acceleration setting must be true or false (got {value})"),
    ),
    _value_rule(
        "n_components",
        lambda k: k >= 1,
        QT_TRANSLATE_NOOP(
            "Errors", "the number of components K must be a whole number of at least 1"
        ),
    ),
    Constraint(
        "n_components",
        lambda config, shape: config.n_components <= shape[0],
        QT_TRANSLATE_NOOP(
            "Errors", "K = {k} components need at least {k} rows, but the data has {n}"
        ),
        lambda config, shape: {"k": config.n_components, "n": shape[0]},
    ),
    _value_rule(
        "n_init",
        lambda n: n >= 1,
        QT_TRANSLATE_NOOP("Errors", "the number of restarts must be at least 1"),
    ),
    _value_rule(
        "max_iter",
        lambda n: n >= 0,
        QT_TRANSLATE_NOOP("Errors", "the iteration limit cannot be negative"),
    ),
    _value_rule(
        "tol",
        lambda x: np.isfinite(x) and x >= 0,
        QT_TRANSLATE_NOOP("Errors", "the tolerance must be zero or a positive number"),
    ),
    _value_rule(
        "reg_covar",
        lambda x: np.isfinite(x) and x >= 0,
        QT_TRANSLATE_NOOP(
            "Errors", "the regularisation (reg_covar) must be zero or a positive number"
        ),
    ),
    Constraint(
        "init_params",
        _manual_start_given,
        QT_TRANSLATE_NOOP(
            "Errors", "the manual start needs initial weights, means and covariances"
        ),
        lambda _config, _shape: {},
    ),
    Constraint(
        "init_params",
        _manual_start_fits,
        QT_TRANSLATE_NOOP(
            "Errors",
            "the initial parameters have {k0} components of dimension {d0}, but the fit asks for K = {k} on {d} column(s)",  # noqa: E501  (one literal for lupdate)
        ),
        _manual_start_sizes,
    ),
)
"""FitConfig's rules, in the order ``validate`` checks them."""


def check_data(X: np.ndarray, allow_missing: bool = False) -> np.ndarray:
    """Return X as a float array of shape (n, d); 1-D input becomes one column.

    With ``allow_missing`` NaN cells may stay (not infinite ones, nor a row of NaN only).
    """
    try:
        arr = np.asarray(X, dtype=float)
    except (TypeError, ValueError):
        raise GMMInputError.said(
            QT_TRANSLATE_NOOP(
                "Errors",
                "the data must be a table of numbers with the same number of values in every row",
            )
        ) from None
    if arr.ndim == 1:
        arr = arr[:, None]
    if arr.ndim != 2 or arr.shape[0] == 0 or arr.shape[1] == 0:
        raise GMMInputError.said(
            QT_TRANSLATE_NOOP("Errors", "there is no data to fit (no rows or no columns)")
        )
    finite = np.isfinite(arr)
    if allow_missing and not finite.all():
        finite |= np.isnan(arr)
        if not (~np.isnan(arr)).any(axis=1).all():
            raise GMMInputError.said(
                QT_TRANSLATE_NOOP("Errors", "a row has every chosen cell empty; leave it out")
            )
    if not np.all(finite):
        raise GMMInputError.said(
            QT_TRANSLATE_NOOP("Errors", "the data contains missing or infinite values")
        )
    if np.nanmax(np.abs(arr)) > 1e150:
        raise GMMInputError.said(
            QT_TRANSLATE_NOOP(
                "Errors", "the values are too large to fit reliably (above 1e150); rescale the data"
            )
        )
    return arr


def check_weights(sample_weight: np.ndarray | None, n_samples: int) -> np.ndarray | None:
    """Row weights (frequencies) as a float array (n,), or None when there are none.

    Raises GMMInputError in plain words when they are not one number per row, when one is
    missing, infinite or negative, or when they add up to zero.
    """
    if sample_weight is None:
        return None
    try:
        weights = np.asarray(sample_weight, dtype=float)
    except (TypeError, ValueError):
        raise GMMInputError.said(
            QT_TRANSLATE_NOOP("Errors", "the row weights must be numbers")
        ) from None
    if weights.shape != (n_samples,):
        raise GMMInputError.said(
            QT_TRANSLATE_NOOP(
                "Errors", "there must be one row weight for each of the {n} rows (got {count})"
            ),
            n=n_samples,
            count=weights.size,
        )
    bad = ~np.isfinite(weights) | (weights < 0)
    if bad.any():
        raise GMMInputError.said(
            QT_TRANSLATE_NOOP(
                "Errors",
                "row weights must be numbers of 0 or more, but row {row} has {value}",
            ),
            row=int(np.flatnonzero(bad)[0]) + 1,
            value=repr(float(weights[bad][0])),
        )
    if not np.sum(weights) > 0:
        raise GMMInputError.said(
            QT_TRANSLATE_NOOP("Errors", "the row weights add up to zero: no row counts")
        )
    return np.ascontiguousarray(weights)


def filled_with_column_means(X: np.ndarray) -> np.ndarray:
    """X (n, d) with each NaN cell replaced by its column's mean (X itself when there is none):
    for starts and diagnostics, never for the fit itself."""
    missing = np.isnan(X)
    if not missing.any():
        return X
    filled = X.copy()
    filled[missing] = np.take(np.nanmean(X, axis=0), np.nonzero(missing)[1])
    return filled
