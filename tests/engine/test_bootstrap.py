"""Bootstrap standard errors and intervals (engine/bootstrap.py)."""

from __future__ import annotations

import numpy as np
import pytest

from gmm_desktop.engine import FitConfig, GMMInputError, MixtureParams, backend, fit
from gmm_desktop.engine.bootstrap import bootstrap_fit, parameter_values
from gmm_desktop.engine.matching import match_components
from gmm_desktop.engine.result import sample_mixture

TRUTH = MixtureParams.from_user([0.6, 0.4], [0.0, 6.0], standard_deviations=[1.0, 1.5])
N = 400


@pytest.fixture(scope="module")
def compiled() -> backend.Backend:
    return backend.warm_up()


@pytest.fixture(scope="module")
def true_spread(compiled) -> dict[str, np.ndarray]:
    """The sd of the estimates over 200 fresh samples of N rows from TRUTH (each fitted from
    the truth, components matched to it): the sampling spread the SEs should estimate."""
    config = FitConfig(n_components=2, init="manual", init_params=TRUTH, tol=1e-6)
    estimates: dict[str, list[np.ndarray]] = {"weights": [], "means": [], "sds": []}
    for draw in range(200):
        X, _ = sample_mixture(TRUTH, N, 1000 + draw)
        params = fit(X, config, backend=compiled).params
        values = parameter_values(params.reordered(match_components(TRUTH, params)))
        for name, kept in estimates.items():
            kept.append(values[name])
    return {name: np.std(np.array(v), axis=0, ddof=1) for name, v in estimates.items()}


@pytest.mark.parametrize("kind", ["nonparametric", "parametric"])
def test_standard_errors_match_the_spread_over_fresh_samples(compiled, true_spread, kind) -> None:
    """One seeded sample's bootstrap SEs are within 20% of the true sampling spread. (A single
    sample's SEs vary by 10-20% from sample to sample at this n; this seed is a typical one.)"""
    X, _ = sample_mixture(TRUTH, N, 3)
    result = fit(X, FitConfig(n_components=2, n_init=2, seed=0, tol=1e-6), backend=compiled)
    boot = bootstrap_fit(X, result, n_bootstrap=200, kind=kind, seed=1, backend=compiled)
    assert boot.complete and boot.n_done == 200
    for name, spread in true_spread.items():
        ratio = boot.standard_error(name) / spread
        assert np.all(np.abs(ratio - 1.0) < 0.2), (name, ratio)
    low, high = boot.interval("means")
    assert np.all(low < result.params.means) and np.all(result.params.means < high)


def test_components_are_matched_to_the_full_fit_and_seeded(compiled) -> None:
    rng = np.random.default_rng(4)
    X = np.concatenate(
        [
            rng.multivariate_normal([0, 0], [[1, 0.6], [0.6, 1]], 150),
            rng.multivariate_normal([5, 5], [[1, -0.5], [-0.5, 1]], 100),
        ]
    )
    result = fit(X, FitConfig(n_components=2, n_init=2, seed=0), backend=compiled)
    boot = bootstrap_fit(X, result, n_bootstrap=30, seed=2, backend=compiled, threads=2)
    means = boot.replicates["means"]  # (30, 2, 2)
    assert means.shape == (30, 2, 2)
    assert np.all(np.abs(means - result.params.means).max(axis=(1, 2)) < 1.0)  # never swapped
    corr_se = boot.standard_error("correlations")
    assert corr_se.shape == (2, 2, 2)
    assert np.all(corr_se[:, 0, 1] > 0) and np.all(corr_se[:, 0, 1] < 0.2)
    again = bootstrap_fit(X, result, n_bootstrap=30, seed=2, backend=compiled, threads=1)
    np.testing.assert_array_equal(again.replicates["means"], means)
    summary = boot.as_dict()
    assert summary["kind"] == "nonparametric" and summary["replicates"] == 30
    assert np.asarray(summary["means"]["se"]).shape == (2, 2)  # type: ignore[index]


def test_stop_keeps_the_finished_replicates(compiled) -> None:
    X, _ = sample_mixture(TRUTH, 200, 0)
    result = fit(X, FitConfig(n_components=2, seed=0), backend=compiled)
    seen: list[int] = []
    boot = bootstrap_fit(
        X,
        result,
        n_bootstrap=50,
        backend=compiled,
        threads=2,  # a replicate finished ahead of the stop is not kept either
        on_progress=lambda done, total: seen.append(done),
        should_stop=lambda: len(seen) >= 4,
    )
    assert seen == [1, 2, 3, 4] and boot.n_done == 4 and not boot.complete
    single = bootstrap_fit(X, result, n_bootstrap=1, backend=compiled)
    assert np.all(np.isnan(single.standard_error("weights")))  # one replicate: no spread


def test_bad_settings_are_plain_errors(compiled) -> None:
    X, _ = sample_mixture(TRUTH, 100, 0)
    result = fit(X, FitConfig(n_components=2, seed=0), backend=compiled)
    with pytest.raises(GMMInputError, match="unknown kind of bootstrap 'jackknife'"):
        bootstrap_fit(X, result, kind="jackknife")
    with pytest.raises(GMMInputError, match="at least 1"):
        bootstrap_fit(X, result, n_bootstrap=0)
