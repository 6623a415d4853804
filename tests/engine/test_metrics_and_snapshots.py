"""Agreement metrics, immutable snapshots, sampling, early stopping and restart bookkeeping."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import adjusted_rand_score

from gmm_desktop.engine import (
    EMSnapshot,
    FitConfig,
    GMMInputError,
    MixtureParams,
    RestartTracker,
    adjusted_rand_index,
    contingency_table,
    fit,
    iterate_em,
    result_from_history,
    sample_mixture,
    search_snapshots,
)


@st.composite
def _labelings(draw: st.DrawFn) -> tuple[list[int], list[int]]:
    n = draw(st.integers(1, 120))
    a = draw(st.lists(st.integers(0, draw(st.integers(0, 6))), min_size=n, max_size=n))
    b = draw(st.lists(st.integers(-2, draw(st.integers(-2, 8))), min_size=n, max_size=n))
    return a, b


@settings(max_examples=200, deadline=None)
@given(_labelings())
def test_adjusted_rand_index_matches_sklearn(pair: tuple[list[int], list[int]]) -> None:
    a, b = pair
    ours = adjusted_rand_index(np.array(a), np.array(b))
    assert ours == pytest.approx(adjusted_rand_score(a, b), abs=1e-12)
    assert adjusted_rand_index(np.array(b), np.array(a)) == pytest.approx(ours, abs=1e-12)


def test_adjusted_rand_index_known_values() -> None:
    a = np.array([0, 0, 1, 1, 2, 2])
    assert adjusted_rand_index(a, a) == 1.0
    # renaming the groups changes nothing
    assert adjusted_rand_index(a, np.array([5, 5, 3, 3, 9, 9])) == 1.0
    assert adjusted_rand_index(np.array(["x", "x", "y", "y"]), np.array([1, 1, 0, 0])) == 1.0
    # worse than chance is negative
    assert adjusted_rand_index(np.array([0, 0, 1, 1]), np.array([0, 1, 0, 1])) < 0


@settings(max_examples=50, deadline=None)
@given(_labelings())
def test_contingency_table_counts(pair: tuple[list[int], list[int]]) -> None:
    a, b = pair
    table, rows, cols = contingency_table(np.array(a), np.array(b))
    assert list(rows) == sorted(set(a)) and list(cols) == sorted(set(b))
    assert table.sum() == len(a)
    for i, r in enumerate(rows):
        for j, c in enumerate(cols):
            assert table[i, j] == sum(1 for x, y in zip(a, b, strict=True) if x == r and y == c)


def test_contingency_table_with_text_labels() -> None:
    table, rows, cols = contingency_table(
        np.array(["m", "f", "m", "m", "f"]), np.array([1, 0, 1, 0, 0])
    )
    assert list(rows) == ["f", "m"] and list(cols) == [0, 1]
    np.testing.assert_array_equal(table, [[2, 0], [1, 2]])


def _data() -> np.ndarray:
    rng = np.random.default_rng(4)
    return np.r_[rng.normal(size=(60, 2)), rng.normal(size=(40, 2)) + 4.0]


def test_snapshots_are_immutable() -> None:
    snaps = list(search_snapshots(_data(), FitConfig(seed=0, max_iter=5)))
    for snap in snaps:
        for array in (snap.weights, snap.means, snap.covariances):
            assert not array.flags.writeable
            with pytest.raises(ValueError, match="read-only"):
                array[0] = 0.0
        with pytest.raises(dataclasses.FrozenInstanceError):
            snap.log_likelihood = 0.0  # type: ignore[misc]
        with pytest.raises(dataclasses.FrozenInstanceError):
            snap.params.means = np.zeros((2, 2))  # type: ignore[misc]
    # a later step never changes an earlier snapshot
    first_means = snaps[0].means.copy()
    list(search_snapshots(_data(), FitConfig(seed=0, max_iter=5)))
    np.testing.assert_array_equal(snaps[0].means, first_means)


def test_params_copy_their_inputs() -> None:
    weights = np.array([0.5, 0.5])
    params = MixtureParams(weights, np.zeros((2, 1)), np.ones((2, 1, 1)))
    weights[0] = 0.9
    assert params.weights[0] == 0.5


def test_snapshot_fields_and_convergence_flags() -> None:
    X = _data()
    snaps = list(search_snapshots(X, FitConfig(seed=0, max_iter=200, tol=1e-3)))
    assert [s.iteration for s in snaps] == list(range(len(snaps)))
    assert all(not s.final for s in snaps[:-1]) and snaps[-1].final
    assert snaps[-1].converged and not any(s.converged for s in snaps[:-1])
    last, before = snaps[-1], snaps[-2]
    assert abs(last.mean_log_likelihood - before.mean_log_likelihood) < 1e-3
    assert last.mean_log_likelihood == pytest.approx(last.log_likelihood / len(X))
    # tol=0 runs exactly max_iter M-steps and never claims convergence
    exact = list(iterate_em(X, snaps[0].params, max_iter=7, tol=0.0))
    assert len(exact) == 8 and not exact[-1].converged and exact[-1].final


def test_sample_shape_and_proportions() -> None:
    result = fit(_data(), FitConfig(seed=0, tol=1e-6))
    X, components = result.sample(20000, seed=1)
    assert X.shape == (20000, 2) and components.shape == (20000,)
    proportions = np.bincount(components, minlength=2) / 20000
    np.testing.assert_allclose(proportions, result.params.weights, atol=0.015)
    for j in range(2):
        rows = X[components == j]
        np.testing.assert_allclose(rows.mean(axis=0), result.params.means[j], atol=0.06)
        np.testing.assert_allclose(
            np.cov(rows, rowvar=False), result.params.covariances[j], atol=0.08
        )
    X2, c2 = result.sample(20000, seed=1)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(components, c2)


def test_sample_one_dimension() -> None:
    params = MixtureParams.from_user([0.7, 0.3], [180, 165], standard_deviations=[5, 5])
    X, components = sample_mixture(params, 5000, seed=3)
    assert X.shape == (5000, 1)
    assert abs(np.mean(components == 0) - 0.7) < 0.03
    assert abs(X[components == 1, 0].std() - 5) < 0.3


@pytest.mark.parametrize("stop_after", [1, 4])
def test_should_stop_returns_after_that_snapshot(stop_after: int) -> None:
    seen: list[EMSnapshot] = []
    result = fit(
        _data(),
        FitConfig(seed=0, max_iter=100, tol=0.0),
        on_snapshot=seen.append,
        should_stop=lambda: len(seen) >= stop_after,
    )
    assert len(seen) == stop_after
    assert len(result.history) == stop_after
    assert result.final is seen[-1]
    assert result.n_iter == stop_after - 1
    assert not result.converged
    assert result.responsibilities.shape == (100, 2)


def test_should_stop_during_a_later_restart_keeps_the_best_finished_one() -> None:
    config = FitConfig(seed=0, n_init=3, max_iter=10, tol=0.0)
    seen: list[EMSnapshot] = []
    # restarts 0 and 1 finish (11 snapshots each); stop 3 snapshots into restart 2
    result = fit(_data(), config, on_snapshot=seen.append, should_stop=lambda: len(seen) >= 25)
    assert seen[-1].restart == 2 and seen[-1].iteration == 2
    assert len(result.restart_log_likelihoods) == 2
    assert result.best_restart in (0, 1)
    assert result.final.final and result.n_iter == 10
    assert result.log_likelihood == max(result.restart_log_likelihoods)


def _snap(restart: int, iteration: int, ll: float, final: bool) -> EMSnapshot:
    params = MixtureParams(np.ones(1), np.zeros((1, 1)), np.ones((1, 1, 1)))
    return EMSnapshot(iteration, ll, params, final, final, 10, restart, 3)


def test_restart_tracker_keeps_the_best_start() -> None:
    tracker = RestartTracker()
    assert tracker.history() == []
    tracker.add(_snap(0, 0, -50.0, False))
    tracker.add(_snap(0, 1, -40.0, True))
    tracker.add(_snap(1, 0, -60.0, False))
    tracker.add(_snap(1, 1, -30.0, False))
    tracker.add(_snap(1, 2, -20.0, True))
    tracker.add(_snap(2, 0, -45.0, False))
    tracker.add(_snap(2, 1, -25.0, True))
    assert tracker.final_log_likelihoods == [-40.0, -20.0, -25.0]
    best = tracker.history()
    assert [s.restart for s in best] == [1, 1, 1]
    assert [s.log_likelihood for s in best] == [-60.0, -30.0, -20.0]


def test_restart_tracker_before_any_start_finishes() -> None:
    tracker = RestartTracker()
    tracker.add(_snap(0, 0, -50.0, False))
    tracker.add(_snap(0, 1, -45.0, False))
    assert [s.iteration for s in tracker.history()] == [0, 1]
    assert tracker.final_log_likelihoods == []


def test_result_from_empty_history_is_a_plain_error() -> None:
    with pytest.raises(GMMInputError, match="stopped before its first iteration"):
        result_from_history(_data(), FitConfig(), [])
