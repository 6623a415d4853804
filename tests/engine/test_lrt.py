"""The tests of K-1 against K components (engine/lrt.py): BLRT and the Lo-Mendell-Rubin LRT."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2

from gmm_desktop.engine import FitConfig, GMMInputError, backend, fit
from gmm_desktop.engine.lrt import blrt_p_value, bootstrap_lrt, lmr_test
from gmm_desktop.io.demo import demo_path

# Refits follow the fitted models' settings; a looser tolerance keeps the slow K-1-against-K
# refits on one-component data (EM crawls there) short, for the observed fit and every refit.
FAST = {"n_init": 2, "tol": 1e-6, "max_iter": 400, "seed": 0}


@pytest.fixture(scope="module")
def compiled() -> backend.Backend:
    return backend.warm_up()


def _fits(X: np.ndarray, k: int, run: backend.Backend) -> tuple:
    null = fit(X, FitConfig(n_components=k - 1, **FAST), backend=run)  # type: ignore[arg-type]
    alternative = fit(X, FitConfig(n_components=k, **FAST), backend=run)  # type: ignore[arg-type]
    return null, alternative


def test_blrt_rejects_one_component_for_the_heights_demo(compiled) -> None:
    X = pd.read_csv(demo_path("heights"))[["height"]].to_numpy()
    null, alternative = _fits(X, 2, compiled)
    test = bootstrap_lrt(X, null, alternative, n_bootstrap=39, seed=1, backend=compiled)
    assert test.complete and test.n_done == 39
    assert test.blrt_p == pytest.approx(1 / 40)  # no replicate reached the observed LR
    assert test.blrt_p < 0.05
    assert test.lmr_p < 0.01
    assert "2 components fit better than 1" in test.sentence()


def test_blrt_does_not_reject_two_components_on_two_component_data(compiled) -> None:
    rng = np.random.default_rng(3)
    X = np.concatenate([rng.normal(0, 1, 200), rng.normal(4, 1, 150)])[:, None]
    null, alternative = _fits(X, 3, compiled)
    test = bootstrap_lrt(X, null, alternative, n_bootstrap=39, seed=1, backend=compiled)
    assert test.blrt_p > 0.2
    assert test.lmr_p > 0.05
    assert "do not fit clearly better" in test.sentence()


def test_same_seed_same_p_and_another_seed_other_replicates(compiled) -> None:
    rng = np.random.default_rng(8)
    X = np.concatenate([rng.normal(0, 1, 80), rng.normal(2.5, 1, 60)])[:, None]
    null, alternative = _fits(X, 2, compiled)
    first = bootstrap_lrt(X, null, alternative, n_bootstrap=6, seed=4, backend=compiled)
    again = bootstrap_lrt(X, null, alternative, n_bootstrap=6, seed=4, backend=compiled, threads=2)
    other = bootstrap_lrt(X, null, alternative, n_bootstrap=6, seed=5, backend=compiled)
    assert first.bootstrap_statistics == again.bootstrap_statistics
    assert first.blrt_p == again.blrt_p
    assert first.bootstrap_statistics != other.bootstrap_statistics


def test_p_value_and_its_monte_carlo_error() -> None:
    replicates = np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0])
    p, se = blrt_p_value(6.5, replicates)  # 3 of 9 replicates at or above 6.5
    assert p == pytest.approx(4 / 10)
    assert se == pytest.approx(np.sqrt(0.4 * 0.6 / 9))
    assert blrt_p_value(7.0, replicates)[0] == pytest.approx(4 / 10)  # ties count
    assert np.isnan(blrt_p_value(1.0, [])[0])


def test_lmr_is_the_ad_hoc_adjusted_statistic_of_lo_mendell_rubin() -> None:
    ll0, ll1, n, k, p0, p1 = -1000.0, -990.0, 500, 3, 5, 8
    statistic, p = lmr_test(ll0, ll1, k, n, p0, p1)
    lr = 2 * (ll1 - ll0)
    expected = lr / (1 + 1 / (((3 * k - 1) - (3 * (k - 1) - 1)) * np.log(n)))
    assert statistic == pytest.approx(expected)
    assert statistic == pytest.approx(20.0 / (1 + 1 / (3 * np.log(500))))
    assert p == pytest.approx(chi2.sf(expected, p1 - p0))


def test_progress_and_stop_keep_the_finished_replicates(compiled) -> None:
    rng = np.random.default_rng(2)
    X = rng.normal(size=(120, 1))
    null, alternative = _fits(X, 2, compiled)
    seen: list[tuple[int, int]] = []
    test = bootstrap_lrt(
        X,
        null,
        alternative,
        n_bootstrap=20,
        backend=compiled,
        on_progress=lambda done, total: seen.append((done, total)),
        should_stop=lambda: len(seen) >= 3,
    )
    assert seen == [(1, 20), (2, 20), (3, 20)]
    assert test.n_done == 3 and not test.complete
    assert test.as_dict()["blrt_replicates"] == 3


def test_models_must_be_k_minus_one_and_k(compiled) -> None:
    X = np.random.default_rng(0).normal(size=(60, 1))
    one = fit(X, FitConfig(n_components=1), backend=compiled)
    three = fit(X, FitConfig(n_components=3, seed=0), backend=compiled)
    with pytest.raises(GMMInputError, match="K - 1 with K"):
        bootstrap_lrt(X, one, three, n_bootstrap=2)
    two = fit(X, FitConfig(n_components=2, seed=0), backend=compiled)
    with pytest.raises(GMMInputError, match="at least 1"):
        bootstrap_lrt(X, one, two, n_bootstrap=0)
