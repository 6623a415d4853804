"""SQUAREM (``accelerate.py``): it never lowers the log-likelihood, ends where plain EM ends in
far fewer snapshots, and takes the same path on both backends."""

from __future__ import annotations

import numpy as np
import pytest

from gmm_desktop.engine import FitConfig, MixtureParams, backend, initial_params, iterate_em
from gmm_desktop.engine import search as search_module
from gmm_desktop.engine.accelerate import _from_vector, squarem_snapshots
from gmm_desktop.engine.search import search_snapshots

TYPES = ["full", "diag", "spherical", "tied"]
REL_SLACK = 1e-12  # reg_covar may lower a step by rounding, never by more


def _flat_problem(seed: int, covariance_type: str) -> tuple[np.ndarray, MixtureParams]:
    """Three groups fitted with five components: EM creeps along a flat ridge."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(scale=3.0, size=(3, 2))
    X = centres[rng.integers(3, size=2000)] + rng.normal(size=(2000, 2))
    config = FitConfig(5, covariance_type=covariance_type, init="random", seed=seed)
    return X, initial_params(X, config, np.random.default_rng(seed))


def _run(X: np.ndarray, start: MixtureParams, ct: str, run: backend.Backend, **kw: object):
    step = lambda p: run.step(X, p, ct, 1e-6)  # noqa: E731
    options = {"max_iter": 2000, "tol": 1e-8, "stopping": "aitken", **kw}
    return list(squarem_snapshots(X, start, step, **options))  # type: ignore[arg-type]


@pytest.mark.parametrize("covariance_type", TYPES)
def test_never_lowers_the_log_likelihood_and_ends_where_plain_em_ends(covariance_type: str) -> None:
    X, start = _flat_problem(1, covariance_type)
    fast = _run(X, start, covariance_type, backend.warm_up())
    lls = np.array([s.log_likelihood for s in fast])
    assert np.all(np.diff(lls) >= -REL_SLACK * np.abs(lls[1:]))
    assert [s.iteration for s in fast] == list(range(len(fast)))
    assert fast[-1].final and fast[-1].converged and not any(s.final for s in fast[:-1])
    # it ends at a maximum (maybe another one than plain EM's): EM gains nothing more there
    more = list(
        iterate_em(X, fast[-1].params, covariance_type=covariance_type, max_iter=3000, tol=0.0)
    )
    assert more[-1].log_likelihood - fast[-1].log_likelihood < 1e-6 * abs(lls[-1])


def test_is_much_faster_than_plain_em_on_a_flat_likelihood() -> None:
    X, start = _flat_problem(2, "full")
    fast = _run(X, start, "full", backend.warm_up())
    plain = list(iterate_em(X, start, max_iter=20000))
    assert plain[-1].converged and len(plain) > 300
    assert 3 * len(fast) < len(plain)  # snapshots; each cycle costs 3 passes for 3 snapshots


@pytest.mark.parametrize("covariance_type", TYPES)
def test_both_backends_take_the_same_path(covariance_type: str) -> None:
    X, start = _flat_problem(3, covariance_type)
    ref = _run(X, start, covariance_type, backend.REFERENCE, max_iter=120)
    got = _run(X, start, covariance_type, backend.warm_up(), max_iter=120)
    assert len(ref) == len(got)
    np.testing.assert_allclose(  # jumps magnify the backends' 1e-13 differences a little
        [s.log_likelihood for s in got], [s.log_likelihood for s in ref], rtol=1e-7
    )


@pytest.mark.parametrize("max_iter", [0, 1, 2, 3, 4, 5, 10])
def test_max_iter_bounds_the_snapshots(max_iter: int) -> None:
    X, start = _flat_problem(4, "diag")
    snaps = _run(X, start, "diag", backend.warm_up(), max_iter=max_iter)
    assert len(snaps) == max_iter + 1 and snaps[-1].final and not snaps[-1].converged
    assert snaps[0].params is start


def test_invalid_jumps_are_refused() -> None:
    vector = np.concatenate([[0.5, 0.5], [0.0, 1.0], [1.0, 2.0]])  # K = 2, d = 1
    assert _from_vector(vector, 2, 1) is not None
    assert _from_vector(np.concatenate([[1.2, -0.2], [0.0, 1.0], [1.0, 2.0]]), 2, 1) is None
    assert _from_vector(np.concatenate([[0.5, 0.5], [0.0, 1.0], [1.0, -2.0]]), 2, 1) is None
    assert _from_vector(np.concatenate([[0.5, 0.5], [0.0, np.nan], [1.0, 2.0]]), 2, 1) is None


def test_search_accelerates_only_large_data_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    X, _ = _flat_problem(5, "full")
    config = FitConfig(5, n_init=1, seed=0, init="random")
    plain = list(search_snapshots(X, config))
    assert plain == plain and len(
        list(search_snapshots(X, config.with_changes(accelerate=True)))
    ) == len(plain)
    monkeypatch.setattr(search_module, "ACCELERATE_ROWS", 100)
    fast = list(search_snapshots(X, config.with_changes(accelerate=True)))
    assert len(fast) < len(plain) and fast[-1].converged
