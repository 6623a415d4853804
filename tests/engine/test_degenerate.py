"""Degenerate data gives finite, reported results; bad settings give plain errors."""

from __future__ import annotations

import numpy as np
import pytest

from gmm_desktop.engine import (
    COVARIANCE_TYPES,
    FitConfig,
    GMMInputError,
    MixtureParams,
    collapsed_components,
    fit,
    initial_params,
    iterate_em,
)


def _assert_finite(result) -> None:
    assert np.isfinite(result.log_likelihood)
    for snap in result.history:
        assert np.isfinite(snap.log_likelihood)
    p = result.params
    assert np.all(np.isfinite(p.weights)) and np.all(np.isfinite(p.means))
    assert np.all(np.isfinite(p.covariances))
    assert np.all(np.isfinite(result.responsibilities))
    np.testing.assert_allclose(result.responsibilities.sum(axis=1), 1.0, rtol=1e-12)
    assert np.isfinite(result.bic) and np.isfinite(result.aic)


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_duplicated_rows_scale_the_log_likelihood(covariance_type: str) -> None:
    """Each row three times: same parameters at every step, three times the log-likelihood."""
    rng = np.random.default_rng(0)
    X = np.r_[rng.normal(size=(40, 2)), rng.normal(size=(40, 2)) + 3.0]
    start = MixtureParams(
        np.full(2, 0.5), np.array([[0.0, 1.0], [2.0, 2.0]]), np.stack([np.eye(2)] * 2)
    )
    once = list(iterate_em(X, start, covariance_type=covariance_type, max_iter=15, tol=0))
    thrice = list(
        iterate_em(
            np.repeat(X, 3, axis=0), start, covariance_type=covariance_type, max_iter=15, tol=0
        )
    )
    for a, b in zip(once, thrice, strict=True):
        assert b.log_likelihood == pytest.approx(3 * a.log_likelihood, rel=1e-12)
        np.testing.assert_allclose(b.means, a.means, rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(b.covariances, a.covariances, rtol=1e-11, atol=1e-12)


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_constant_column(covariance_type: str) -> None:
    rng = np.random.default_rng(1)
    X = np.c_[np.r_[rng.normal(size=80), rng.normal(size=70) + 5], np.full(150, 3.0)]
    result = fit(X, FitConfig(n_components=2, covariance_type=covariance_type, seed=0))
    _assert_finite(result)
    np.testing.assert_allclose(result.params.means[:, 1], 3.0, rtol=1e-14)
    if covariance_type != "spherical":
        # the constant column's variance is exactly the regularisation
        np.testing.assert_allclose(result.params.covariances[:, 1, 1], 1e-6, rtol=1e-6)


def _with_outlier() -> np.ndarray:
    rng = np.random.default_rng(2)
    return np.r_[rng.normal(size=(100, 2)), [[1e6, -1e6]]]


def test_far_outlier_gets_its_own_component() -> None:
    X = _with_outlier()
    result = fit(X, FitConfig(n_components=2, seed=0))
    _assert_finite(result)
    far = int(np.argmax(result.params.means[:, 0]))
    near = 1 - far
    np.testing.assert_allclose(result.params.means[far], [1e6, -1e6])
    assert result.params.weights[far] == pytest.approx(1 / 101, rel=1e-6)
    np.testing.assert_allclose(result.params.means[near], X[:100].mean(axis=0), atol=1e-9)
    np.testing.assert_allclose(
        result.params.covariances[near], np.cov(X[:100], rowvar=False, bias=True) + 1e-6 * np.eye(2)
    )
    # the outlier's component sits on one point: it is collapsed, and said so
    assert far in collapsed_components(result.params, X, result.responsibilities, 1e-6)
    assert any(f"component {far + 1} has collapsed onto about 1 row " in w for w in result.warnings)


def test_far_outlier_does_not_make_healthy_component_look_collapsed() -> None:
    X = _with_outlier()
    result = fit(X, FitConfig(n_components=2, seed=0))
    near = int(np.argmin(result.params.means[:, 0]))
    assert near not in collapsed_components(result.params, X, result.responsibilities, 1e-6)
    assert not any(f"component {near + 1} has collapsed" in w for w in result.warnings)


def _two_clusters_at_zero() -> np.ndarray:
    rng = np.random.default_rng(5)
    return np.vstack([rng.normal(size=(150, 2)), rng.normal(size=(150, 2)) + np.array([4.0, -3.0])])


@pytest.mark.parametrize("init", ["kmeans++", "random", "random-from-data"])
@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_values_near_a_million_fit_like_values_near_zero(covariance_type: str, init: str) -> None:
    """Centred two-pass M-step: shifting the data by 1e6 changes nothing but the means."""
    X0 = _two_clusters_at_zero()
    shift = 1e6
    config = FitConfig(covariance_type=covariance_type, init=init, seed=3, tol=0, max_iter=30)
    at_zero = fit(X0, config)
    far = fit(X0 + shift, config)
    _assert_finite(far)
    ll0 = np.array([s.log_likelihood for s in at_zero.history])
    ll1 = np.array([s.log_likelihood for s in far.history])
    np.testing.assert_allclose(ll1, ll0, rtol=1e-6)
    np.testing.assert_allclose(far.params.means - shift, at_zero.params.means, atol=1e-6)
    np.testing.assert_allclose(far.params.covariances, at_zero.params.covariances, atol=1e-6)
    np.testing.assert_allclose(far.params.weights, at_zero.params.weights, atol=1e-9)
    if init != "kmeans++":
        return  # the other starts are near the grand mean and need more than 30 iterations
    # the means are the clusters' own, near 1e6 + (0, 0) and 1e6 + (4, -3)
    means = far.params.means[np.argsort(far.params.means[:, 0])] - shift
    np.testing.assert_allclose(means, [[0.0, 0.0], [4.0, -3.0]], atol=0.3)


@pytest.mark.parametrize("shift", [1e8, 1e9])
def test_kmeans_start_is_translation_invariant(shift: float) -> None:
    X0 = _two_clusters_at_zero()
    for seed in range(5):
        a = initial_params(X0, FitConfig(), np.random.default_rng(seed))
        b = initial_params(X0 + shift, FitConfig(), np.random.default_rng(seed))
        np.testing.assert_allclose(b.means - shift, a.means, atol=1e-3)
        np.testing.assert_allclose(b.covariances, a.covariances, atol=1e-3)


@pytest.mark.parametrize("init", ["kmeans++", "random", "random-from-data"])
def test_k_equal_to_number_of_distinct_rows(init: str) -> None:
    rng = np.random.default_rng(6)
    values = rng.normal(scale=5.0, size=(3, 2))
    X = np.repeat(values, [12, 10, 8], axis=0)
    result = fit(X, FitConfig(n_components=3, init=init, seed=0))
    _assert_finite(result)
    assert result.warnings  # collapsed components are reported
    if init == "kmeans++":
        # one component per distinct row: the exact answer
        order = [int(np.argmin(np.linalg.norm(result.params.means - v, axis=1))) for v in values]
        assert sorted(order) == [0, 1, 2]
        params = result.params.reordered(order)
        np.testing.assert_allclose(params.means, values, atol=1e-12)
        np.testing.assert_allclose(params.weights, [0.4, 1 / 3, 0.8 / 3], rtol=1e-12)
        assert sorted(collapsed_components(result.params, X, result.responsibilities, 1e-6)) == [
            0,
            1,
            2,
        ]


def test_random_from_data_starts_at_distinct_rows() -> None:
    rng = np.random.default_rng(7)
    X = np.repeat(rng.normal(size=(3, 2)), [20, 5, 5], axis=0)
    config = FitConfig(n_components=3, init="random-from-data")
    for seed in range(10):
        params = initial_params(X, config, np.random.default_rng(seed))
        assert len(np.unique(params.means, axis=0)) == 3


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_all_points_identical(covariance_type: str) -> None:
    X = np.full((20, 2), 4.0)
    result = fit(X, FitConfig(n_components=2, covariance_type=covariance_type, seed=0))
    _assert_finite(result)
    assert result.warnings
    assert any("same value in every row" in w for w in result.warnings)
    busy = int(np.argmax(result.params.weights))
    np.testing.assert_allclose(result.params.means[busy], [4.0, 4.0], rtol=1e-14)


@pytest.mark.parametrize("k", [2, 3])
@pytest.mark.parametrize("init", ["kmeans++", "random", "random-from-data"])
def test_collapsed_component_is_flagged_in_plain_words(init: str, k: int) -> None:
    rng = np.random.default_rng(8)
    X = np.r_[rng.normal(size=100), np.full(5, 50.0)][:, None]
    result = fit(X, FitConfig(n_components=k, init=init, seed=0))
    _assert_finite(result)
    spike = int(np.argmax(result.params.means[:, 0]))
    assert result.params.means[spike, 0] == pytest.approx(50.0)
    assert collapsed_components(result.params, X, result.responsibilities, 1e-6) == [spike]
    expected = (
        f"component {spike + 1} has collapsed onto about 5 rows that share one value, "
        "so its likelihood is not trustworthy"
    )
    assert expected in result.warnings


@pytest.mark.parametrize(
    ("n", "changes", "message"),
    [
        (10, {"n_components": 0}, "at least 1"),
        (10, {"n_components": -2}, "at least 1"),
        (10, {"n_components": 1.5}, "whole number"),
        (5, {"n_components": 6}, "K = 6 components need at least 6 rows, but the data has 5"),
        (10, {"tol": -1e-3}, "tolerance"),
        (10, {"tol": float("nan")}, "tolerance"),
        (10, {"reg_covar": -1.0}, "reg_covar"),
        (10, {"n_init": 0}, "restarts"),
        (10, {"max_iter": -1}, "iteration limit"),
        (10, {"covariance_type": "banana"}, "unknown covariance type 'banana'"),
        (10, {"init": "kmeans"}, "unknown start method 'kmeans'"),
        (10, {"stopping": "never"}, "unknown stopping rule 'never'"),
        (10, {"seed": -1}, "seed must be a whole number of 0 or more"),
        (10, {"accelerate": "yes"}, "acceleration setting must be true or false"),
        (10, {"accelerate": 1}, "acceleration setting must be true or false"),
    ],
)
def test_bad_settings_raise_plain_errors(n: int, changes: dict, message: str) -> None:
    X = np.random.default_rng(0).normal(size=(n, 2))
    with pytest.raises(GMMInputError, match=message) as info:
        fit(X, FitConfig(**changes))
    assert isinstance(info.value, ValueError)
    assert info.value.template is not None  # the window shows it translated
    text = str(info.value)
    assert "\n" not in text and "Traceback" not in text


@pytest.mark.parametrize(
    ("X", "message"),
    [
        (np.zeros((0, 2)), "no data"),
        (np.zeros((3, 0)), "no data"),
        (np.array([[1.0, np.nan], [2.0, 3.0]]), "missing or infinite"),
        (np.array([[1.0, np.inf], [2.0, 3.0]]), "missing or infinite"),
        (np.array([[1e200, 1.0], [2.0, 3.0]]), "too large"),
    ],
)
def test_bad_data_raise_plain_errors(X: np.ndarray, message: str) -> None:
    with pytest.raises(GMMInputError, match=message):
        fit(X, FitConfig(n_components=1))


@pytest.mark.parametrize(
    "changes",
    [
        {"n_components": 2.0},
        {"n_components": None},
        {"max_iter": 2.5},
        {"n_init": 2.5},
        {"tol": None},
    ],
    ids=["K=2.0", "K=None", "max_iter=2.5", "n_init=2.5", "tol=None"],
)
def test_odd_setting_types_are_used_or_refused_plainly(changes: dict) -> None:
    """Values a GUI or a settings file might hand over: they work, or are refused in words
    (not a TypeError from deep inside numpy)."""
    X = np.random.default_rng(0).normal(size=(20, 2))
    try:
        result = fit(X, FitConfig(**changes))
    except GMMInputError as exc:
        assert "\n" not in str(exc)
        return
    assert result.params.n_components == 2


def test_ragged_rows_are_refused_plainly() -> None:
    with pytest.raises(GMMInputError) as info:
        fit([[1.0, 2.0], [3.0]], FitConfig(n_components=1))  # type: ignore[arg-type]
    assert "\n" not in str(info.value) and "inhomogeneous" not in str(info.value)


def _tiny_clusters() -> np.ndarray:
    """Two clusters at 1e-4 and 3e-4 of sd 2e-5: variance about 1e-8, far below reg_covar."""
    rng = np.random.default_rng(3)
    return np.r_[rng.normal(1e-4, 2e-5, 200), rng.normal(3e-4, 2e-5, 200)][:, None]


def test_regularisation_swamping_tiny_data_is_warned() -> None:
    """reg_covar 1e-6 on data of variance 1e-8 makes both components sd 0.001: say so."""
    result = fit(_tiny_clusters(), FitConfig(n_components=2, seed=0))
    swamped = [w for w in result.warnings if "regularisation" in w]
    assert len(swamped) == 1, result.warnings
    assert "column 1 " in swamped[0] and "multiply" in swamped[0] and "--reg-covar" in swamped[0]


def test_regularisation_small_against_the_data_is_not_warned() -> None:
    """The same data scaled by 1000 (or a smaller reg_covar) fits two components, no warning."""
    for X, reg in ((_tiny_clusters() * 1000, 1e-6), (_tiny_clusters(), 1e-12)):
        result = fit(X, FitConfig(n_components=2, seed=0, reg_covar=reg))
        assert not [w for w in result.warnings if "regularisation" in w], result.warnings
        assert abs(np.diff(result.params.means[:, 0])[0]) > 100 * np.sqrt(reg)


def test_wide_data_is_checked_without_eigendecompositions(monkeypatch) -> None:
    """200 rows x 2,000 columns: the warnings find a collapsed component along a column without
    decomposing any d x d matrix (at 10,000 columns those took more than 300 s)."""
    from gmm_desktop.engine import diagnostics, fit_warnings

    real_eigh, real_eigvalsh = np.linalg.eigh, np.linalg.eigvalsh

    def bounded(real):
        def decompose(matrix, *args, **kwargs):
            assert np.shape(matrix)[-1] <= diagnostics.DENSE_CHECK_FEATURES, np.shape(matrix)
            return real(matrix, *args, **kwargs)

        return decompose

    monkeypatch.setattr(np.linalg, "eigh", bounded(real_eigh))
    monkeypatch.setattr(np.linalg, "eigvalsh", bounded(real_eigvalsh))
    n, d = 200, 2_000
    X = np.random.default_rng(4).normal(size=(n, d))
    variances = np.ones((2, d))
    variances[1, 7] = 1e-6  # component 2 sits on one value of column 8: only reg_covar left
    params = MixtureParams(
        np.full(2, 0.5), np.zeros((2, d)), np.stack([np.diag(v) for v in variances])
    )
    resp = np.repeat([[0.5, 0.5]], n, axis=0)
    warnings = fit_warnings(params, X, resp, 1e-6, True, 5, covariance_type="diag")
    assert [w for w in warnings if "component" in w] == [
        "component 1 has collapsed: it rests on 100.0 rows' worth of responsibility, fewer than "
        "its 2000 covariance parameters, so its likelihood is not trustworthy",
        "component 2 has collapsed onto about 100 rows that share one value, "
        "so its likelihood is not trustworthy",
    ]
