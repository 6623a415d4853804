"""The compiled many-iterations kernel (``_kernels_loop``): its stopping rule is ``Stopper``'s,
its block edges change nothing, and it ends where the reference ends.

(``test_fast.py`` runs the trajectory comparisons on this path and on the one-pass path.)
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gmm_desktop.engine import FitConfig, fast, initial_params, iterate_em
from gmm_desktop.engine.stopping import STOPPING_RULES, Stopper

pytestmark = pytest.mark.skipif(not fast.is_available(), reason="numba is not installed")


@pytest.fixture(scope="module", autouse=True)
def _compiled() -> None:
    fast.warm_up()


@settings(max_examples=200, deadline=None)
@given(
    rule=st.sampled_from(STOPPING_RULES),
    tol=st.sampled_from([0.0, 1e-8, 1e-6, 1e-3, 1.0]),
    n=st.integers(0, 5000),
    steps=st.lists(
        st.one_of(
            st.floats(-1e3, 1e3, allow_nan=False),
            st.sampled_from([0.0, 1e-12, -1e-12, 1e-7, 5e-9]),
        ),
        min_size=1,
        max_size=30,
    ),
)
def test_stop_update_decides_as_the_stopper(
    rule: str, tol: float, n: int, steps: list[float]
) -> None:
    from gmm_desktop.engine import _kernels_loop as loop

    stopper = Stopper(rule, tol, n)
    state = np.zeros(4)
    total = -1234.5
    for step in [0.0, *steps]:
        total += step
        assert loop.stop_update(state, total, loop.RULE_CODES[rule], tol, n) == stopper.update(
            total
        )


def _iris_like(seed: int, n: int = 300) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = rng.normal(scale=2.5, size=(3, 3))
    return centres[rng.integers(3, size=n)] + rng.normal(size=(n, 3))


@pytest.mark.parametrize("max_iter", [0, 1, 7, 8, 9, 23, 24, 25, 300])
@pytest.mark.parametrize("covariance_type", ["full", "diag", "spherical", "tied"])
def test_every_block_edge_ends_like_the_reference(max_iter: int, covariance_type: str) -> None:
    """max_iter on and around the edges of the compiled calls (8, 8 + 16, ...)."""
    X = _iris_like(3)
    config = FitConfig(n_components=3, covariance_type=covariance_type, init="random", seed=4)
    start = initial_params(X, config, np.random.default_rng(4))
    kwargs = {"covariance_type": covariance_type, "max_iter": max_iter}
    ref = list(iterate_em(X, start, **kwargs))  # type: ignore[arg-type]
    got = list(fast.fast_iterate_em(X, start, **kwargs))  # type: ignore[arg-type]
    assert [s.iteration for s in got] == [s.iteration for s in ref]
    assert [(s.final, s.converged) for s in got] == [(s.final, s.converged) for s in ref]
    np.testing.assert_allclose(
        [s.log_likelihood for s in got], [s.log_likelihood for s in ref], rtol=1e-10
    )
    assert got[0].params is start


def test_snapshots_of_a_run_do_not_share_arrays() -> None:
    """Each snapshot's parameters are its own, read-only arrays (the GUI keeps them)."""
    X = _iris_like(5)
    config = FitConfig(n_components=2, init="random", seed=1)
    start = initial_params(X, config, np.random.default_rng(1))
    snaps = list(fast.fast_iterate_em(X, start, max_iter=40, tol=0.0))
    means = [s.params.means for s in snaps[1:]]
    assert all(not m.flags.writeable for m in means)
    assert len({m.ctypes.data for m in means}) == len(means)
    assert not np.array_equal(means[0], means[-1])
