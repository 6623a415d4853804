"""Missing cells in the model (Ghahramani and Jordan 1994): EM on each row's observed cells."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import optimize, stats

from gmm_desktop.engine import FitConfig, GMMInputError, MixtureParams, backend, fit
from gmm_desktop.engine.density import e_step
from gmm_desktop.engine.em import iterate_em
from gmm_desktop.engine.missing import (
    expected_values,
    missing_e_step,
    missing_m_step,
    missingness_patterns,
)
from gmm_desktop.engine.mstep import m_step

COVARIANCE_TYPES = ("full", "diag", "spherical", "tied")
BACKENDS = ("reference", "compiled")


def _data(seed: int, n: int = 120, d: int = 3, share: float = 0.15) -> tuple[np.ndarray, ...]:
    """Complete rows (n, d) of two groups, the same with ``share`` of the cells NaN (no row
    all NaN), and a start of two components."""
    rng = np.random.default_rng(seed)
    cov = 0.6 * np.eye(d) + 0.4
    X = np.vstack(
        [
            rng.multivariate_normal(np.zeros(d), cov, n // 2),
            rng.multivariate_normal(np.linspace(3.0, 1.0, d), np.eye(d), n - n // 2),
        ]
    )
    holes = X.copy()
    holes[rng.random(X.shape) < share] = np.nan
    empty = np.isnan(holes).all(axis=1)
    holes[empty, 0] = X[empty, 0]
    start = MixtureParams(
        np.array([0.5, 0.5]),
        np.stack([np.full(d, -0.5), np.full(d, 2.5)]),
        np.stack([np.eye(d)] * 2),
    )
    return X, holes, start


def _path(name, X, start, covariance_type, max_iter=200, reg_covar=1e-6):
    run = backend.by_name(name)
    return list(
        run.iterate(
            X,
            start,
            covariance_type=covariance_type,
            max_iter=max_iter,
            tol=0.0,
            reg_covar=reg_covar,
        )
    )


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_without_missing_cells_model_equals_drop(covariance_type):
    """On complete data the pattern-wise steps are the complete-data steps, to 1e-12."""
    X, _, start = _data(1)
    patterns = missingness_patterns(X)
    assert len(patterns) == 1 and patterns[0].missing.size == 0
    total, log_resp = missing_e_step(X, patterns, start, covariance_type)
    ref_total, ref_log_resp = e_step(X, start, covariance_type)
    assert total == pytest.approx(ref_total, rel=1e-12)
    np.testing.assert_allclose(log_resp, ref_log_resp, rtol=1e-12, atol=1e-12)
    got = missing_m_step(X, patterns, np.exp(log_resp), start, covariance_type)
    want = m_step(X, np.exp(ref_log_resp), covariance_type)
    for a, b in zip(
        (got.weights, got.means, got.covariances),
        (want.weights, want.means, want.covariances),
        strict=True,
    ):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-12)
    config = FitConfig(n_components=2, covariance_type=covariance_type, seed=3)
    dropped = fit(X, config)
    modelled = fit(X, config.with_changes(missing="model"))
    assert modelled.log_likelihood == pytest.approx(dropped.log_likelihood, rel=1e-12)
    np.testing.assert_allclose(modelled.params.means, dropped.params.means, rtol=1e-12)
    assert modelled.cells_filled == 0


@pytest.mark.parametrize("name", BACKENDS)
@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
@pytest.mark.parametrize("seed", range(3))
def test_the_observed_data_log_likelihood_never_decreases(name, covariance_type, seed):
    _, holes, start = _data(10 + seed, share=0.1 + 0.1 * seed)
    path = [s.log_likelihood for s in _path(name, holes, start, covariance_type)]
    steps = np.diff(path)
    assert np.all(steps >= -1e-12 * abs(path[-1])), steps.min()


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_both_backends_give_the_same_path_with_missing_cells(covariance_type):
    _, holes, start = _data(4)
    ref = _path("reference", holes, start, covariance_type, 40)
    got = _path("compiled", holes, start, covariance_type, 40)
    for a, b in zip(ref, got, strict=True):
        assert a.log_likelihood == pytest.approx(b.log_likelihood, rel=1e-12)
        np.testing.assert_allclose(a.covariances, b.covariances, rtol=1e-12, atol=1e-12)
    run = backend.warm_up()
    np.testing.assert_allclose(
        run.responsibilities(holes, got[-1].params, covariance_type),
        backend.REFERENCE.responsibilities(holes, got[-1].params, covariance_type),
        rtol=1e-12,
        atol=1e-14,
    )


def _observed_log_likelihood(X: np.ndarray, params: MixtureParams) -> float:
    """sum_i log sum_k w_k N(x_io | mu_k,o, Sigma_k,oo) with scipy.stats, rows grouped by
    their observed columns."""
    observed = ~np.isnan(X)
    total = 0.0
    for key in np.unique(observed, axis=0):
        rows = X[(observed == key).all(axis=1)][:, key]
        dens = sum(
            w * stats.multivariate_normal(m[key], c[np.ix_(key, key)]).pdf(rows)
            for w, m, c in zip(params.weights, params.means, params.covariances, strict=True)
        )
        total += float(np.sum(np.log(np.atleast_1d(dens))))
    return total


def _unpack(theta: np.ndarray, d: int) -> MixtureParams:
    """Two full components from a free vector: logit weight, means, Cholesky factors."""
    w1 = 1.0 / (1.0 + np.exp(-theta[0]))
    means = theta[1 : 1 + 2 * d].reshape(2, d)
    rest = theta[1 + 2 * d :].reshape(2, -1)
    covs = []
    rows, cols = np.tril_indices(d)
    for r in rest:
        lower = np.zeros((d, d))
        lower[rows, cols] = r
        covs.append(lower @ lower.T)
    return MixtureParams(np.array([w1, 1.0 - w1]), means, np.stack(covs))


def _pack(params: MixtureParams) -> np.ndarray:
    d = params.n_features
    rows, cols = np.tril_indices(d)
    chol = [np.linalg.cholesky(c)[rows, cols] for c in params.covariances]
    logit = np.log(params.weights[0] / params.weights[1])
    return np.concatenate([[logit], params.means.ravel(), *chol])


def test_the_fit_is_the_maximum_of_the_observed_data_likelihood():
    """scipy.optimize, started from EM's answer, finds no better point of the observed-data
    log-likelihood (scipy.stats on each row's observed cells); and EM beats the listwise fit's
    parameters evaluated on the same rows."""
    _, holes, start = _data(7, n=80, d=2, share=0.2)
    em = _path("reference", holes, start, "full", max_iter=3000, reg_covar=0.0)[-1]
    ll_em = _observed_log_likelihood(holes, em.params)
    assert ll_em == pytest.approx(em.log_likelihood, rel=1e-10)
    result = optimize.minimize(
        lambda theta: -_observed_log_likelihood(holes, _unpack(theta, 2)),
        _pack(em.params),
        method="L-BFGS-B",
        options={"maxiter": 300},
    )
    assert -result.fun <= ll_em + 1e-7
    complete = holes[~np.isnan(holes).any(axis=1)]
    listwise = list(iterate_em(complete, start, max_iter=3000, tol=0.0, reg_covar=0.0))[-1]
    assert ll_em >= _observed_log_likelihood(holes, listwise.params)


def test_a_fit_with_missing_cells_counts_them_and_fills_them():
    _, holes, _ = _data(5)
    config = FitConfig(n_components=2, seed=1, missing="model")
    result = fit(holes, config)
    assert result.cells_filled == int(np.isnan(holes).sum()) > 0
    assert result.responsibilities.shape == (holes.shape[0], 2)
    assert np.allclose(result.responsibilities.sum(axis=1), 1.0)
    filled = expected_values(holes, result.params, result.responsibilities)
    assert np.isfinite(filled).all()
    observed = ~np.isnan(holes)
    assert np.array_equal(filled[observed], holes[observed])
    with pytest.raises(GMMInputError, match="missing"):
        fit(holes, config.with_changes(missing="drop"))
    with pytest.raises(GMMInputError, match="every chosen cell empty"):
        fit(np.vstack([holes, [np.nan] * 3]), config)
    with pytest.raises(GMMInputError, match="empty cells 'guess'"):
        config.with_changes(missing="guess").validate(*holes.shape)


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_the_compiled_backend_runs_its_own_kernels_on_missing_cells(covariance_type, monkeypatch):
    """The compiled backend no longer hands rows with empty cells to the numpy code: it runs
    its fused kernels once per pattern (``fast._missing_pass``), weighted or not, and its
    path, one step, responsibilities and labels equal the reference's."""
    from gmm_desktop.engine import fast, missing

    run = backend.warm_up()
    if not run.compiled:
        pytest.skip("numba is not available")
    _, holes, start = _data(21, n=400, d=4, share=0.2)
    weights = np.random.default_rng(3).integers(0, 4, holes.shape[0]).astype(float)
    ref = _path("reference", holes, start, covariance_type, 25)
    ref_weighted = list(
        backend.REFERENCE.iterate(
            holes, start, covariance_type=covariance_type, max_iter=25, tol=0.0,
            sample_weight=weights,
        )
    )  # fmt: skip
    ref_step = backend.REFERENCE.step(holes, start, covariance_type, 1e-6, weights)

    def numpy_code(*_args, **_kwargs):
        raise AssertionError("the compiled backend ran missing.py's numpy code")

    for name in ("missing_e_step", "missing_m_step", "missing_responsibilities"):
        monkeypatch.setattr(missing, name, numpy_code)
    calls = []
    original = fast._missing_pass
    monkeypatch.setattr(fast, "_missing_pass", lambda *a, **k: calls.append(1) or original(*a, **k))
    got = _path("compiled", holes, start, covariance_type, 25)
    weighted = list(
        run.iterate(
            holes, start, covariance_type=covariance_type, max_iter=25, tol=0.0,
            sample_weight=weights, labels=True,
        )
    )  # fmt: skip
    assert len(calls) == 2 * 26  # one pass per snapshot of each path
    for a, b in [*zip(ref, got, strict=True), *zip(ref_weighted, weighted, strict=True)]:
        assert a.log_likelihood == pytest.approx(b.log_likelihood, rel=1e-12)
        np.testing.assert_allclose(a.covariances, b.covariances, rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(a.means, b.means, rtol=1e-10, atol=1e-12)
    total, params = run.step(holes, start, covariance_type, 1e-6, weights)
    assert total == pytest.approx(ref_step[0], rel=1e-12)
    np.testing.assert_allclose(params.covariances, ref_step[1].covariances, rtol=1e-10)
    final = got[-1].params
    monkeypatch.undo()
    resp = backend.REFERENCE.responsibilities(holes, final, covariance_type)
    np.testing.assert_allclose(
        run.responsibilities(holes, final, covariance_type), resp, rtol=1e-10, atol=1e-13
    )
    labels = run.labels(holes, final, covariance_type)
    sure = resp.max(axis=1) > 0.5 + 1e-9  # rows whose label rounding cannot flip
    assert np.array_equal(labels[sure], np.argmax(resp, axis=1)[sure])
    assert np.array_equal(weighted[-1].labels, np.argmax(
        backend.REFERENCE.responsibilities(holes, weighted[-1].params, covariance_type), axis=1
    ))  # fmt: skip


def test_missingness_patterns_group_every_row_once_complete_rows_first():
    rng = np.random.default_rng(5)
    X = rng.normal(size=(2000, 5))
    X[rng.random(X.shape) < 0.3] = np.nan
    X = X[~np.isnan(X).all(axis=1)]
    patterns = missingness_patterns(X)
    assert patterns[0].missing.size == 0
    rows = np.concatenate([p.rows for p in patterns])
    assert np.array_equal(np.sort(rows), np.arange(X.shape[0]))
    for p in patterns:
        observed = ~np.isnan(X[p.rows])
        assert observed[:, p.observed].all() and not observed[:, p.missing].any()
        assert np.array_equal(np.sort(np.r_[p.observed, p.missing]), np.arange(5))
        assert np.all(np.diff(p.rows) > 0)
    assert len({tuple(p.observed) for p in patterns}) == len(patterns)
