"""EM as half-steps: E then M is one engine iteration, the bound behaves as the theory says, the
formula numbers are the engine's, and stepping back returns the very same states."""

from __future__ import annotations

import numpy as np
import pytest

from gmm_desktop.engine import MixtureParams, iterate_em, m_step, responsibilities
from gmm_desktop.engine.halfsteps import (
    HalfStepHistory,
    e_formula,
    e_half,
    lower_bound,
    m_formula,
    m_half,
    start_state,
)

from .helpers import random_covariances, sample_clusters

COVARIANCE_TYPES = ("full", "diag", "spherical", "tied")


def _problem(d: int, covariance_type: str, seed: int = 3) -> tuple[np.ndarray, MixtureParams]:
    rng = np.random.default_rng(seed)
    means = rng.normal(scale=4.0, size=(3, d))
    covs = random_covariances(rng, 3, d, covariance_type)
    X, _ = sample_clusters(rng, means, covs, [60, 50, 40])
    start_means = X[rng.choice(len(X), size=3, replace=False)]
    start = MixtureParams(
        np.array([0.5, 0.3, 0.2]), start_means, np.repeat(np.eye(d)[None], 3, axis=0)
    )
    return X, start


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
@pytest.mark.parametrize("d", [1, 2])
def test_e_then_m_equals_one_em_iteration(d: int, covariance_type: str) -> None:
    X, start = _problem(d, covariance_type)
    snapshots = list(iterate_em(X, start, covariance_type=covariance_type, max_iter=3, tol=0.0))
    state = start_state(X, start, covariance_type)
    assert state.log_likelihood == pytest.approx(snapshots[0].log_likelihood, rel=1e-12)
    for snapshot in snapshots[1:]:
        state = m_half(X, e_half(X, state, covariance_type), covariance_type, 1e-6)
        for ours, theirs in [
            (state.params.weights, snapshot.weights),
            (state.params.means, snapshot.means),
            (state.params.covariances, snapshot.covariances),
        ]:
            np.testing.assert_allclose(ours, theirs, rtol=0, atol=1e-12)
        assert state.log_likelihood == pytest.approx(snapshot.log_likelihood, rel=1e-12)


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_bound_touches_after_e_and_stays_below_after_m(covariance_type: str) -> None:
    X, start = _problem(2, covariance_type, seed=11)
    history = HalfStepHistory(X, start, covariance_type)
    previous_bound = -np.inf
    for _ in range(30):
        state = history.step()
        assert state.lower_bound is not None
        if state.kind == "E":
            assert state.lower_bound == pytest.approx(state.log_likelihood, rel=1e-9)
        else:
            assert state.lower_bound <= state.log_likelihood + 1e-9 * abs(state.log_likelihood)
            # same q, better parameters: the bound rises (or stays at a fixed point)
            assert state.lower_bound >= previous_bound - 1e-9 * abs(previous_bound)
        previous_bound = state.lower_bound
    kinds = [s.kind for s in history.states]
    assert kinds[:4] == ["start", "E", "M", "E"]


def test_bound_is_below_the_log_likelihood_for_any_q() -> None:
    X, start = _problem(2, "full")
    rng = np.random.default_rng(0)
    q = rng.dirichlet(np.ones(3), size=len(X))
    state = start_state(X, start)
    assert lower_bound(X, start, q) < state.log_likelihood


def test_m_half_needs_responsibilities() -> None:
    X, start = _problem(1, "full")
    with pytest.raises(ValueError):
        m_half(X, start_state(X, start))


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_formula_numbers_equal_the_engine(covariance_type: str) -> None:
    X, start = _problem(2, covariance_type, seed=5)
    state = e_half(X, start_state(X, start, covariance_type), covariance_type)
    resp = responsibilities(X, start, covariance_type)
    for i in (0, 17, len(X) - 1):
        numbers = e_formula(X, start, i, covariance_type)
        np.testing.assert_allclose(numbers.gammas, resp[i], rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(numbers.products / numbers.total, resp[i], rtol=1e-10)
        np.testing.assert_allclose(numbers.weights, start.weights)
        np.testing.assert_allclose(numbers.point, X[i])
    assert state.responsibilities is not None
    engine = m_step(X, state.responsibilities, covariance_type, 1e-6)
    for k in range(3):
        numbers = m_formula(X, state.responsibilities, k, covariance_type, 1e-6)
        assert numbers.count == pytest.approx(state.responsibilities[:, k].sum(), rel=1e-12)
        assert numbers.weight == pytest.approx(engine.weights[k], rel=1e-12)
        np.testing.assert_allclose(numbers.mean, engine.means[k], rtol=1e-12)
        np.testing.assert_allclose(numbers.weighted_sum / numbers.count, engine.means[k])
        np.testing.assert_allclose(numbers.covariance, engine.covariances[k], atol=1e-12)


def test_e_formula_on_a_far_point_has_finite_gammas() -> None:
    X, start = _problem(1, "full")
    far = np.vstack([X, [[1e4]]])
    numbers = e_formula(far, start, len(far) - 1)
    assert np.all(np.isfinite(numbers.gammas))
    assert numbers.gammas.sum() == pytest.approx(1.0)


def test_history_steps_back_to_the_identical_states() -> None:
    X, start = _problem(2, "full")
    history = HalfStepHistory(X, start)
    taken = [history.current] + [history.step() for _ in range(6)]
    assert history.states == taken
    for expected in reversed(taken[:-1]):
        assert history.back() is expected
    assert history.back() is taken[0]  # nothing before the start
    again = [history.step() for _ in range(6)]
    assert all(a is b for a, b in zip(again, taken[1:], strict=True))
    assert history.previous_e() is taken[5]
    assert taken[3].responsibilities is not None
    assert not taken[3].responsibilities.flags.writeable
