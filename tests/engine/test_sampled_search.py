"""Large data: starts screened on a subsample, a few distinct ones carried on to all rows.

The driver itself is checked on scripted runs (which start goes on, which stops early and
why, what counts as reaching the best); the whole search against the unsampled search and
against scikit-learn's best on 40,000 rows.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator

import numpy as np
import pytest
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import GaussianMixture

from gmm_desktop.engine import FitConfig, MixtureParams, backend, fit, search
from gmm_desktop.engine.em import EMSnapshot
from gmm_desktop.engine.search import (
    CARRIED_DISTINCT,
    SAMPLE_ROWS,
    SAMPLED_ABOVE,
    RestartTracker,
    sample_rows,
    search_snapshots,
)
from gmm_desktop.engine.starts import StartSpec, start_plan

PARAMS = MixtureParams([1.0], [[0.0]], [[[1.0]]])


def _scripted(index: int, lls: list[float], n: int) -> Iterator[EMSnapshot]:
    for t, ll in enumerate(lls):
        final = t == len(lls) - 1
        yield EMSnapshot(t, ll, PARAMS, final, final, n, index, 9)


def _drive(sub_paths: dict[int, list[float]], full_paths: dict[int, list[float]], carried: int):
    plan = [StartSpec(i, "random", np.random.SeedSequence(i)) for i in sub_paths]
    started: list[int] = []

    def on_sample(spec: StartSpec) -> Iterator[EMSnapshot]:
        return _scripted(spec.index, sub_paths[spec.index], SAMPLE_ROWS)

    def from_params(index: int, params: MixtureParams) -> Iterator[EMSnapshot]:
        started.append(index)
        return _scripted(index, full_paths[index], 10 * SAMPLE_ROWS)

    seen = list(search._sampled_search(plan, carried, on_sample, from_params, False))
    return seen, started


def test_distinct_optima_are_carried_best_first_and_stopped_early(monkeypatch) -> None:
    monkeypatch.setattr(search, "CARRIED_DISTINCT", 3)
    climb = [-1000.0 + 10 * t for t in range(22)]  # 22 subsample snapshots: screened, then on
    sub = {
        0: [*climb, -700.0],  # optimum A (best)
        1: [*climb, -700.0],  # A again: named by start 0's final, never run on all rows
        2: [*climb, -710.0],  # optimum B
        3: [*climb, -720.0],  # optimum C
        4: [*climb, -730.0],  # optimum D: one more than the three carried
        5: [-5000.0] * 22,  # screened out
    }
    slow = [-10_000.0 + (1 - 0.5**t) for t in range(400)]  # B on all rows: far below, settling
    full = {
        0: [-9001.0, -9000.5, -9000.2, -9000.0],
        2: slow,
        3: [-9003.0, -9001.0, -9000.004, -9000.001, -8990.0],  # reaches A's optimum
    }
    seen, started = _drive(sub, full, carried=5)
    assert started == [0, 2, 3]  # best first; start 1 shares A, start 4 is the fourth optimum
    finals = {s.restart: s for s in seen if s.final}
    assert set(finals) == {0, 3}  # start 2 dropped (clearly below), no final
    assert finals[0].also_reached_by == (1,) and finals[0].converged
    # start 3 coincided with the best within 1e-6: stopped there, counted, not "converged"
    assert finals[3].log_likelihood == -9000.004 and not finals[3].converged
    assert len([s for s in seen if s.restart == 2]) < len(slow)
    assert all(s.n_samples == 10 * SAMPLE_ROWS for s in seen)  # no subsample snapshot leaks
    tracker = RestartTracker()
    for s in seen:
        tracker.add(s)
    assert sorted(tracker.finals) == [0, 1, 3]  # start 1 counts as ending where 0 ended
    assert tracker.history()[-1].restart == 0


def test_clearly_below_needs_the_same_iteration_and_the_projected_limit() -> None:
    best_path = [-110.0, -105.0, -102.0, -101.0, -100.5, -100.2, -100.1, -100.0]
    best = -100.0
    # below at the same iteration, gains shrinking fast: its limit is far below
    settling = [-300.0 + 80.0 * (1 - 0.5**t) for t in range(7)]
    assert search._clearly_below(settling, best_path, best)
    # too early to judge
    assert not search._clearly_below(settling[:4], best_path, best)
    # gains growing: no estimate of the limit, keep going
    growing = [-300.0 + 2.0**t for t in range(7)]
    assert not search._clearly_below(growing, best_path, best)
    # shrinking but slowly: padded tenfold, the projection reaches the best
    slow = [-200.0 + 200.0 * (1 - 0.95**t) for t in range(7)]
    assert not search._clearly_below(slow, best_path, best)
    # above the best start at the same iteration
    above = [-109.0, -104.0, -101.0, -100.9, -100.4, -100.15, -100.05]
    assert not search._clearly_below(above, best_path, best)


def test_subsample_is_fixed_by_the_seed() -> None:
    a, b = sample_rows(50_000, 3), sample_rows(50_000, 3)
    assert np.array_equal(a, b) and len(a) == SAMPLE_ROWS and np.all(np.diff(a) > 0)
    assert not np.array_equal(a, sample_rows(50_000, 4))


def _three_groups(n: int) -> np.ndarray:
    rng = np.random.default_rng(5)
    centres = np.array([[0.0, 0.0], [4.0, 1.0], [1.0, 5.0]])
    return centres[rng.integers(3, size=n)] + rng.normal(size=(n, 2)) * [1.0, 0.6]


@pytest.fixture(scope="module")
def large() -> np.ndarray:
    X = _three_groups(40_000)
    assert X.shape[0] > SAMPLED_ABOVE
    return X


@pytest.mark.parametrize("covariance_type", ["full", "diag"])
def test_large_fit_reaches_the_unsampled_search_and_sklearns_best(
    large: np.ndarray, covariance_type: str, monkeypatch
) -> None:
    engine = backend.warm_up()
    config = FitConfig(3, covariance_type=covariance_type, n_init=4, seed=2, accelerate=True)
    seen = list(search_snapshots(large, config, backend=engine))
    on_all_rows = {s.restart for s in seen}
    assert 1 <= len(on_all_rows) <= CARRIED_DISTINCT  # the others stayed on the subsample
    assert all(s.n_samples == large.shape[0] for s in seen)
    sampled = fit(large, config, backend=engine)
    assert sampled.n_starts == len(start_plan(config)) == 12
    assert sampled.starts_reaching_best >= 2  # subsample duplicates of the kept start count
    monkeypatch.setattr(search, "SAMPLED_ABOVE", 10**9)  # the same fit screened on all rows
    unsampled = fit(large, config, backend=engine)
    tolerance = 1e-6 * abs(unsampled.log_likelihood)
    assert sampled.log_likelihood >= unsampled.log_likelihood - tolerance
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        theirs = max(
            GaussianMixture(
                3, covariance_type=covariance_type, init_params=init, random_state=seed, tol=1e-8
            )
            .fit(large)
            .score(large)
            * len(large)
            for init in ("kmeans", "k-means++")
            for seed in range(2)
        )
    assert sampled.log_likelihood >= theirs - 1e-6 * abs(theirs)
