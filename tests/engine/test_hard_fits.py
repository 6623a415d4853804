"""Fits that go wrong: every outcome is a finite result (with warnings when something is off) or
a clear GMMInputError -- never NaN, inf or another exception (issue 9, hardening)."""

from __future__ import annotations

import numpy as np
import pytest

from gmm_desktop.engine import (
    COVARIANCE_TYPES,
    FitConfig,
    FitResult,
    GMMInputError,
    MixtureParams,
    fit,
)
from gmm_desktop.errors import UserError

INITS = ("kmeans++", "random-from-data", "random")


def _check_finite(result: FitResult) -> None:
    """Every number the window, the exports and the session file show must be finite."""
    assert result.history, "a result without history"
    for snap in result.history:
        assert np.isfinite(snap.log_likelihood)
        assert np.all(np.isfinite(snap.weights))
        assert np.all(np.isfinite(snap.means))
        assert np.all(np.isfinite(snap.covariances))
    p = result.params
    assert np.all(p.weights >= 0) and p.weights.sum() == pytest.approx(1.0, abs=1e-9)
    diag = np.diagonal(p.covariances, axis1=1, axis2=2)
    assert np.all(diag > 0), "a variance that is not positive"
    assert np.all(np.isfinite(result.responsibilities))
    np.testing.assert_allclose(result.responsibilities.sum(axis=1), 1.0, rtol=1e-9)
    assert np.isfinite(result.bic) and np.isfinite(result.aic)
    for text in result.warnings:
        assert isinstance(text, str) and text.strip() and "\n" not in text.strip()


def _fit_or_clear_error(X: np.ndarray, config: FitConfig) -> FitResult | None:
    """Fit; a GMMInputError must carry a one-line plain message. Other exceptions propagate.

    Iterations are capped at 150: what goes wrong shows in the first few, and the 2-core
    test machine must stay fast."""
    config = config.with_changes(max_iter=min(config.max_iter, 150))
    try:
        result = fit(X, config)
    except GMMInputError as exc:
        message = str(exc)
        assert message.strip() and "\n" not in message and "Traceback" not in message
        return None
    _check_finite(result)
    return result


# ---------------------------------------------------------------------------- identical points
@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
@pytest.mark.parametrize("k", [1, 2, 5])
def test_all_points_identical(covariance_type: str, k: int) -> None:
    X = np.full((40, 2), 3.25)
    result = _fit_or_clear_error(
        X, FitConfig(n_components=k, covariance_type=covariance_type, seed=0)
    )
    if result is not None:
        held = result.params.weights > 1e-6  # an empty component's mean means nothing
        np.testing.assert_allclose(result.params.means[held], 3.25, rtol=1e-12)
        if k > 1:
            assert result.warnings, "K > 1 on identical rows should warn"


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_all_points_identical_one_column(covariance_type: str) -> None:
    X = np.full(25, -7.0)
    _fit_or_clear_error(X, FitConfig(n_components=3, covariance_type=covariance_type, seed=1))


# ------------------------------------------------------------------- K equal to distinct rows
@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
@pytest.mark.parametrize("init", INITS)
def test_k_equal_to_number_of_distinct_rows(covariance_type: str, init: str) -> None:
    distinct = np.array([[0.0, 0.0], [5.0, 1.0], [-3.0, 4.0], [2.0, -6.0]])
    X = np.repeat(distinct, 10, axis=0)
    result = _fit_or_clear_error(
        X, FitConfig(n_components=4, covariance_type=covariance_type, init=init, seed=2)
    )
    if result is not None and init != "random":
        # every component sits on a single point: that is a collapse the user must be told
        assert result.warnings


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_k_equal_to_number_of_rows(covariance_type: str) -> None:
    X = np.random.default_rng(3).normal(size=(6, 2))
    _fit_or_clear_error(X, FitConfig(n_components=6, covariance_type=covariance_type, seed=0))


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_k_more_than_rows_is_a_clear_error(covariance_type: str) -> None:
    X = np.random.default_rng(4).normal(size=(5, 2))
    with pytest.raises(GMMInputError, match="rows"):
        fit(X, FitConfig(n_components=6, covariance_type=covariance_type))


# ------------------------------------------------------------------------- collapsing weights
@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
@pytest.mark.parametrize("seed", range(2))
def test_weights_collapsing_to_zero(covariance_type: str, seed: int) -> None:
    """One tight cluster and too many components: some weights head for zero."""
    rng = np.random.default_rng(seed)
    X = np.r_[rng.normal(0.0, 1.0, size=(60, 2)), [[40.0, 40.0]]]
    result = _fit_or_clear_error(
        X,
        FitConfig(
            n_components=6,
            covariance_type=covariance_type,
            init="random",
            max_iter=80,
            tol=0.0,
            seed=seed,
        ),
    )
    if result is not None:
        assert result.params.weights.min() >= 0.0


# ------------------------------------------------------------------------------- rank loss
@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_points_on_a_line_in_2d(covariance_type: str) -> None:
    t = np.random.default_rng(5).normal(size=200)
    X = np.c_[t, 2.0 * t + 1.0]
    result = _fit_or_clear_error(
        X, FitConfig(n_components=2, covariance_type=covariance_type, seed=0)
    )
    if result is not None and covariance_type in ("full", "tied"):
        assert result.warnings, "a covariance that lost rank should be reported"


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_points_on_a_plane_in_3d(covariance_type: str) -> None:
    rng = np.random.default_rng(6)
    u, v = rng.normal(size=(2, 300))
    X = np.c_[u, v, 3.0 * u - 2.0 * v]
    result = _fit_or_clear_error(
        X, FitConfig(n_components=3, covariance_type=covariance_type, seed=0)
    )
    if result is not None and covariance_type in ("full", "tied"):
        assert result.warnings, "a covariance that lost rank should be reported"


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_no_regularisation_on_a_line(covariance_type: str) -> None:
    t = np.random.default_rng(7).normal(size=100)
    X = np.c_[t, -t]
    _fit_or_clear_error(
        X, FitConfig(n_components=2, covariance_type=covariance_type, reg_covar=0.0, seed=0)
    )


# ---------------------------------------------------------------------------- extreme scales
@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
@pytest.mark.parametrize("scale", [1e-300, 1e-150, 1e-20])
def test_tiny_magnitudes(covariance_type: str, scale: float) -> None:
    rng = np.random.default_rng(8)
    X = np.r_[rng.normal(0, 1, size=(50, 2)), rng.normal(5, 1, size=(50, 2))] * scale
    _fit_or_clear_error(X, FitConfig(n_components=2, covariance_type=covariance_type, seed=0))


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
@pytest.mark.parametrize("scale", [1e300, 1e200, 1e100])
def test_huge_magnitudes(covariance_type: str, scale: float) -> None:
    rng = np.random.default_rng(9)
    X = np.r_[rng.normal(0, 1, size=(50, 2)), rng.normal(5, 1, size=(50, 2))] * scale
    _fit_or_clear_error(X, FitConfig(n_components=2, covariance_type=covariance_type, seed=0))


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_mixed_magnitudes_across_columns(covariance_type: str) -> None:
    rng = np.random.default_rng(10)
    X = np.c_[rng.normal(size=120) * 1e-200, rng.normal(size=120) * 1e100]
    _fit_or_clear_error(X, FitConfig(n_components=2, covariance_type=covariance_type, seed=0))


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_subnormal_spread_around_a_large_offset(covariance_type: str) -> None:
    """Values that differ only in their last bits: the covariance is all rounding noise."""
    rng = np.random.default_rng(11)
    X = 1e10 + rng.integers(0, 3, size=(80, 2)) * np.spacing(1e10)
    _fit_or_clear_error(X, FitConfig(n_components=2, covariance_type=covariance_type, seed=0))


# -------------------------------------------------------------------------- high dimensions
@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
@pytest.mark.parametrize("k", [1, 3])
def test_50_dimensions_60_rows(covariance_type: str, k: int) -> None:
    rng = np.random.default_rng(12)
    X = rng.normal(size=(60, 50)) + np.repeat(rng.normal(0, 4, size=(3, 50)), 20, axis=0)
    result = _fit_or_clear_error(
        X, FitConfig(n_components=k, covariance_type=covariance_type, seed=0, max_iter=100)
    )
    if result is not None and covariance_type == "full" and k == 3:
        # 20 rows per component in 50 dimensions: each covariance is rank-deficient
        assert result.warnings


# ------------------------------------------------------------------- the settings themselves
@pytest.mark.parametrize(
    "changes",
    [
        {"max_iter": 0},
        {"max_iter": 1},
        {"tol": 1e9},
        {"tol": 0.0, "max_iter": 3},
        {"reg_covar": 1e9},
        {"n_init": 5, "init": "random", "max_iter": 60},
        {"n_components": 30, "max_iter": 40},
    ],
    ids=lambda c: ",".join(f"{k}={v}" for k, v in c.items()),
)
def test_extreme_but_valid_settings(changes: dict) -> None:
    rng = np.random.default_rng(13)
    X = np.r_[rng.normal(0, 1, size=(40, 2)), rng.normal(6, 1, size=(40, 2))]
    for covariance_type in COVARIANCE_TYPES:
        config = FitConfig(covariance_type=covariance_type, seed=0).with_changes(**changes)
        _fit_or_clear_error(X, config)


@pytest.mark.parametrize(
    "changes",
    [
        {"tol": -1.0},
        {"tol": float("nan")},
        {"reg_covar": -1e-6},
        {"reg_covar": float("inf")},
        {"n_components": 0},
        {"n_init": 0},
        {"max_iter": -1},
        {"covariance_type": "banana"},
        {"init": "manual"},
        {"seed": -5},
    ],
    ids=lambda c: ",".join(f"{k}={v}" for k, v in c.items()),
)
def test_invalid_settings_are_clear_errors(changes: dict) -> None:
    X = np.random.default_rng(14).normal(size=(30, 2))
    with pytest.raises(GMMInputError) as info:
        fit(X, FitConfig(seed=0).with_changes(**changes))
    assert str(info.value).strip() and "\n" not in str(info.value)


@pytest.mark.parametrize(
    "bad", [np.array([[1.0, np.nan]]), np.array([[np.inf, 1.0]]), np.empty((0, 2)), [[1, 2], [3]]]
)
def test_unusable_data_is_a_clear_error(bad: object) -> None:
    with pytest.raises(UserError):
        fit(bad, FitConfig(n_components=1))  # type: ignore[arg-type]


# --------------------------------------------------------------------------- random torture
@pytest.mark.parametrize("seed", range(12))
def test_random_awkward_data(seed: int) -> None:
    """Few rows, duplicated rows, constant columns and outliers mixed at random."""
    rng = np.random.default_rng(100 + seed)
    n = int(rng.integers(2, 40))
    d = int(rng.integers(1, 6))
    X = rng.normal(size=(n, d)) * 10.0 ** rng.integers(-8, 8, size=d)
    if rng.random() < 0.5:
        X[:, int(rng.integers(d))] = rng.normal()
    if rng.random() < 0.5:
        X = np.repeat(X, int(rng.integers(2, 4)), axis=0)
    if rng.random() < 0.3:
        X[0] = 1e6
    for covariance_type in COVARIANCE_TYPES:
        config = FitConfig(
            n_components=int(rng.integers(1, min(X.shape[0], 8) + 1)),
            covariance_type=covariance_type,
            init=str(rng.choice(INITS)),
            n_init=int(rng.integers(1, 3)),
            max_iter=int(rng.integers(1, 80)),
            tol=float(rng.choice([0.0, 1e-6, 1e-2])),
            reg_covar=float(rng.choice([0.0, 1e-12, 1e-6, 1e-2])),
            seed=seed,
        )
        _fit_or_clear_error(X, config)


# ------------------------------------------------------------------------ manual starts
@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
@pytest.mark.parametrize(
    "means, sds",
    [
        ([[0.0, 0.0], [1.0, 1.0]], [1e-160, 1.0]),
        ([[0.0, 0.0], [1.0, 1.0]], [1e-200, 1.0]),
        ([[0.0, 0.0], [1.0, 1.0]], [1e150, 1.0]),
        ([[1e300, 0.0], [1.0, 1.0]], [1.0, 1.0]),
        ([[-1e300, 1e300], [1.0, 1.0]], [1e100, 1e-100]),
    ],
    ids=["sd-1e-160", "sd-1e-200", "sd-1e150", "mean-1e300", "mixed"],
)
def test_manual_start_with_extreme_values(covariance_type: str, means: list, sds: list) -> None:
    """Starting values typed into the window's table: any finite positive sd is accepted there."""
    X = np.random.default_rng(15).normal(size=(50, 2))
    try:
        start = MixtureParams.from_user([0.5, 0.5], means, standard_deviations=sds)
    except GMMInputError:
        return
    _fit_or_clear_error(
        X,
        FitConfig(
            n_components=2, covariance_type=covariance_type, init="manual", init_params=start
        ),
    )


def test_manual_start_with_an_sd_whose_square_overflows() -> None:
    X = np.random.default_rng(16).normal(size=(50, 1))
    with np.errstate(over="ignore"):
        try:
            start = MixtureParams.from_user([0.5, 0.5], [0.0, 1.0], standard_deviations=[1e200, 1])
        except GMMInputError:
            return  # the fixed behaviour: refused when typed
        _fit_or_clear_error(X, FitConfig(n_components=2, init="manual", init_params=start))
