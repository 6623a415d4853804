"""The fast (numba) engine against the reference numpy engine it must reproduce.

Every test runs on both compiled paths (see ``_path``). Every trajectory is compared snapshot
by snapshot: log-likelihoods to 1e-9 relative, final
parameters to 1e-7, flags exactly. Components collapsing onto a handful of
points (variances near reg_covar) belong to the reference engine's tests only: the fast
engine's one-pass covariances are documented not to promise 1e-9 there.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gmm_desktop.engine import (
    COVARIANCE_TYPES,
    FitConfig,
    GMMInputError,
    MixtureParams,
    backend,
    fast,
    initial_params,
    iterate_em,
    m_step,
    posterior,
    responsibilities,
    search_snapshots,
)
from gmm_desktop.engine.em import EMSnapshot

from .helpers import random_spd, sample_clusters

LL_RTOL = 1e-9
PARAM_RTOL = 1e-7
MAX_EXAMPLES = int(os.environ.get("GMM_FAST_EXAMPLES", "30"))  # more for a local soak run

needs_numba = pytest.mark.skipif(not fast.is_available(), reason="numba is not installed")


@pytest.fixture(scope="module", autouse=True)
def _compiled() -> None:
    """Compile (or load from numba's cache) once for the whole module."""
    fast.warm_up()


@pytest.fixture(scope="module", autouse=True, params=["blocks", "passes"])
def _path(request: pytest.FixtureRequest) -> Iterator[str]:
    """Every test on both compiled paths: small data's many iterations per compiled call
    (``_kernels_loop``), and one threaded pass per iteration (what larger data runs)."""
    saved = fast.LOOP_ROWS
    fast.LOOP_ROWS = saved if request.param == "blocks" else 0
    yield request.param
    fast.LOOP_ROWS = saved


def _problem(
    seed: int, n: int, d: int, k: int, covariance_type: str, init: str = "random-from-data"
) -> tuple[np.ndarray, MixtureParams]:
    """Well-scaled data from k clusters (means ~ N(0, 3^2), unit-ish spread) and an EM start."""
    rng = np.random.default_rng(seed)
    means = rng.normal(scale=3.0, size=(k, d))
    covs = np.stack([random_spd(rng, d, floor=0.3) for _ in range(k)])
    counts = rng.multinomial(n - k, np.full(k, 1.0 / k)) + 1
    X, _ = sample_clusters(rng, means, covs, counts)
    X = X[rng.permutation(n)]
    config = FitConfig(n_components=k, covariance_type=covariance_type, init=init, seed=seed)
    return X, initial_params(X, config, np.random.default_rng(seed))


def _assert_same_trajectory(ref: list[EMSnapshot], got: list[EMSnapshot]) -> None:
    assert [s.iteration for s in got] == [s.iteration for s in ref]
    assert [(s.converged, s.final, s.n_samples, s.restart, s.n_restarts) for s in got] == [
        (s.converged, s.final, s.n_samples, s.restart, s.n_restarts) for s in ref
    ]
    ll_ref = np.array([s.log_likelihood for s in ref])
    ll_got = np.array([s.log_likelihood for s in got])
    np.testing.assert_allclose(ll_got, ll_ref, rtol=LL_RTOL, atol=0)
    a, b = ref[-1].params, got[-1].params
    scale = max(1.0, float(np.max(np.abs(a.covariances))))
    np.testing.assert_allclose(b.weights, a.weights, rtol=PARAM_RTOL, atol=1e-12)
    np.testing.assert_allclose(b.means, a.means, rtol=PARAM_RTOL, atol=PARAM_RTOL * 1e-2)
    np.testing.assert_allclose(
        b.covariances, a.covariances, rtol=PARAM_RTOL, atol=PARAM_RTOL * 1e-2 * scale
    )


def _both(
    X: np.ndarray, start: MixtureParams, covariance_type: str, max_iter: int, tol: float = 0.0
) -> tuple[list[EMSnapshot], list[EMSnapshot]]:
    kwargs = {"covariance_type": covariance_type, "max_iter": max_iter, "tol": tol}
    ref = list(iterate_em(X, start, **kwargs))  # type: ignore[arg-type]
    got = list(fast.fast_iterate_em(X, start, **kwargs))  # type: ignore[arg-type]
    return ref, got


@st.composite
def _shapes(draw: st.DrawFn) -> tuple[int, int, int]:
    """(d, K, n): d in 1..5, K in 1..5, n in 20..2000 with at least 20 rows per component and
    dimension, so no component collapses onto a handful of points (variances near reg_covar
    are the reference engine's domain, see the module docstring of fast.py)."""
    d = draw(st.integers(1, 5))
    k = draw(st.integers(1, 5))
    n = draw(st.integers(max(20, 20 * k * d), 2000))
    return d, k, n


@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    covariance_type=st.sampled_from(COVARIANCE_TYPES),
    shape=_shapes(),
    seed=st.integers(0, 2**31 - 1),
)
def test_fast_engine_follows_the_reference(
    covariance_type: str, shape: tuple[int, int, int], seed: int
) -> None:
    d, k, n = shape
    X, start = _problem(seed, n, d, k, covariance_type)
    ref, got = _both(X, start, covariance_type, max_iter=15)
    _assert_same_trajectory(ref, got)


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_ten_dimensions_eight_components(covariance_type: str) -> None:
    X, start = _problem(10, 3000, 10, 8, covariance_type, init="kmeans++")
    ref, got = _both(X, start, covariance_type, max_iter=10)
    _assert_same_trajectory(ref, got)


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_same_stopping_rule_with_a_tolerance(covariance_type: str) -> None:
    X, start = _problem(3, 1500, 2, 3, covariance_type)
    ref, got = _both(X, start, covariance_type, max_iter=200, tol=1e-3)
    assert ref[-1].converged and ref[-1].iteration < 200
    _assert_same_trajectory(ref, got)


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_data_far_from_the_origin(covariance_type: str) -> None:
    """Values near 1e6 with unit spread: distances are taken from the current means, so the
    one-pass statistics lose nothing to the offset.

    The exact trajectory is the reference engine's on the unshifted data: the reference engine on
    shifted data itself drifts (its means lose ~1e-10 to the offset, and a slowly climbing
    spherical fit amplifies that to ~5e-9 in 15 iterations on some CPUs), so the fast engine is
    compared with the exact answer, not with that drift.
    """
    X, start = _problem(13, 1200, 2, 3, covariance_type)
    offset = np.array([1e6, -3e6])
    exact = list(iterate_em(X, start, covariance_type=covariance_type, max_iter=15, tol=0.0))
    shifted = MixtureParams(start.weights, start.means + offset, start.covariances)
    got = list(
        fast.fast_iterate_em(
            X + offset, shifted, covariance_type=covariance_type, max_iter=15, tol=0.0
        )
    )
    ll_exact = np.array([s.log_likelihood for s in exact])
    ll_got = np.array([s.log_likelihood for s in got])
    np.testing.assert_allclose(ll_got, ll_exact, rtol=LL_RTOL, atol=0)
    np.testing.assert_allclose(got[-1].params.means - offset, exact[-1].params.means, atol=1e-7)
    np.testing.assert_allclose(got[-1].params.weights, exact[-1].params.weights, rtol=1e-7)


def test_max_iter_zero_gives_only_the_start() -> None:
    X, start = _problem(4, 300, 2, 2, "full")
    ref, got = _both(X, start, "full", max_iter=0)
    assert len(got) == 1 and got[0].final and not got[0].converged
    assert got[0].params is start
    _assert_same_trajectory(ref, got)


@needs_numba
def test_rows_spanning_many_chunks_and_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunk boundaries, partial blocks and the thread split change nothing, not even a bit."""
    from gmm_desktop.engine import _kernels

    n = 3 * _kernels.CHUNK + 77
    X, start = _problem(5, n, 3, 4, "full")
    runs = {}
    for threads in ("1", "2", "3"):
        monkeypatch.setenv("GMM_DESKTOP_THREADS", threads)
        runs[threads] = list(fast.fast_iterate_em(X, start, covariance_type="full", max_iter=5))
    for other in ("2", "3"):
        assert [s.log_likelihood for s in runs[other]] == [s.log_likelihood for s in runs["1"]]
        np.testing.assert_array_equal(runs[other][-1].covariances, runs["1"][-1].covariances)
    ref = list(iterate_em(X, start, covariance_type="full", max_iter=5))
    _assert_same_trajectory(ref, runs["2"])


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_responsibilities_and_labels_match_the_reference(covariance_type: str) -> None:
    X, start = _problem(6, 9000, 3, 4, covariance_type)
    params = list(iterate_em(X, start, covariance_type=covariance_type, max_iter=3))[-1].params
    ref = responsibilities(X, params, covariance_type)
    got = fast.fast_responsibilities(X, params, covariance_type)
    assert got.shape == ref.shape
    np.testing.assert_allclose(got, ref, rtol=0, atol=1e-12)
    labels = fast.fast_labels(X, params, covariance_type)
    assert labels.shape == (len(X),) and labels.dtype == np.int64
    np.testing.assert_array_equal(labels, np.argmax(ref, axis=1))


def test_labels_accept_one_dimensional_read_only_and_strided_input() -> None:
    rng = np.random.default_rng(7)
    x = np.concatenate([rng.normal(-2.0, 1.0, 700), rng.normal(3.0, 0.5, 600)])
    params = MixtureParams.from_user([0.5, 0.5], [-2.0, 3.0], standard_deviations=[1.0, 0.5])
    expected = np.argmax(responsibilities(x[:, None], params, "full"), axis=1)
    readonly = x.copy()
    readonly.setflags(write=False)
    np.testing.assert_array_equal(fast.fast_labels(readonly, params), expected)
    wide = np.stack([x, x], axis=1)[:, :1]  # a non-contiguous (n, 1) column
    np.testing.assert_array_equal(fast.fast_labels(wide, params), expected)
    assert fast.fast_responsibilities(x, params).shape == (len(x), 2)


def test_singular_covariance_raises_like_the_reference() -> None:
    X, start = _problem(8, 200, 2, 2, "full")
    singular = np.array([[[1.0, 1.0], [1.0, 1.0]], [[1.0, 0.0], [0.0, 1.0]]])
    bad = MixtureParams(start.weights, start.means, singular)
    with pytest.raises(GMMInputError):
        list(iterate_em(X, bad))
    with pytest.raises(GMMInputError):
        list(fast.fast_iterate_em(X, bad))


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_m_step_from_statistics_equals_the_two_pass_m_step(covariance_type: str) -> None:
    rng = np.random.default_rng(9)
    X = rng.normal(size=(500, 3)) + 50.0
    resp = rng.dirichlet(np.ones(4), size=500)
    centres = X[:4] + rng.normal(size=(4, 3))  # any centres; the fast engine uses the means
    diff = X[:, None, :] - centres[None]  # (n, K, d)
    sx = np.einsum("ik,ika->ka", resp, diff)
    sxx = np.einsum("ik,ika,ikb->kab", resp, diff, diff)
    if covariance_type in ("diag", "spherical"):
        sxx = np.diagonal(sxx, axis1=1, axis2=2)
    got = fast.m_step_from_stats(resp.sum(axis=0), sx, sxx, centres, covariance_type, 1e-6)
    ref = m_step(X, resp, covariance_type, reg_covar=1e-6)
    np.testing.assert_allclose(got.weights, ref.weights, rtol=1e-12)
    np.testing.assert_allclose(got.means, ref.means, rtol=1e-10, atol=1e-13)
    np.testing.assert_allclose(got.covariances, ref.covariances, rtol=1e-10, atol=1e-13)


def test_both_backends_run_the_same_search() -> None:
    """Every start of a screened, mixed-kind search follows the same path on both backends."""
    X, _ = _problem(11, 800, 2, 3, "full")
    config = FitConfig(n_components=3, n_init=6, max_iter=60, seed=5)
    ref = list(search_snapshots(X, config, backend=backend.REFERENCE))
    got = list(search_snapshots(X, config, backend=backend.warm_up()))
    assert [(s.restart, s.iteration) for s in got] == [(s.restart, s.iteration) for s in ref]
    for r in range(6):
        _assert_same_trajectory(
            [s for s in ref if s.restart == r], [s for s in got if s.restart == r]
        )
    with pytest.raises(ValueError, match="backend"):
        backend.by_name("gpu")


def test_without_numba_everything_falls_back_to_the_reference(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(fast, "is_available", lambda: False)
    monkeypatch.setattr(posterior, "LABEL_BLOCK", 100)  # several blocks in the label fallback
    X, start = _problem(12, 450, 2, 3, "diag")
    ref = list(iterate_em(X, start, covariance_type="diag", max_iter=8))
    got = list(fast.fast_iterate_em(X, start, covariance_type="diag", max_iter=8))
    assert [s.log_likelihood for s in got] == [s.log_likelihood for s in ref]  # the same code
    resp = responsibilities(X, ref[-1].params, "diag")
    np.testing.assert_array_equal(fast.fast_responsibilities(X, ref[-1].params, "diag"), resp)
    np.testing.assert_array_equal(
        fast.fast_labels(X, ref[-1].params, "diag"), np.argmax(resp, axis=1)
    )
    config = FitConfig(n_components=3, max_iter=5, seed=1)
    compiled = list(search_snapshots(X, config, backend=backend.warm_up()))
    assert len(compiled) == len(list(search_snapshots(X, config, backend=backend.REFERENCE)))
    fast.warm_up()  # harmless


def test_a_failed_compile_switches_to_the_reference(monkeypatch: pytest.MonkeyPatch) -> None:
    """A numba that imports but cannot compile (say, no source for its cache in a frozen
    bundle) must cost the user nothing but speed."""
    import threading

    for name in ("_kernels", "_import_error"):
        monkeypatch.setattr(fast, name, getattr(fast, name))  # restored after the test
    monkeypatch.setattr(fast, "_warm", threading.Event())

    def broken() -> None:
        raise RuntimeError("cannot cache function")

    monkeypatch.setattr(fast, "_compile_all", broken)
    X, start = _problem(14, 300, 2, 2, "full")
    got = list(fast.fast_iterate_em(X, start, max_iter=4))
    assert [s.log_likelihood for s in got] == [
        s.log_likelihood for s in iterate_em(X, start, max_iter=4)
    ]
    assert not fast.is_available() and fast.is_warm()
    assert "cannot cache function" in str(fast.unavailable_reason())
    assert fast.fast_labels(X, got[-1].params).shape == (300,)


def test_same_defaults_as_iterate_em() -> None:
    import inspect

    def defaults(function: object) -> dict[str, object]:
        return {
            name: p.default
            for name, p in inspect.signature(function).parameters.items()  # type: ignore[arg-type]
            if p.default is not inspect.Parameter.empty
        }

    assert defaults(fast.fast_iterate_em) == defaults(iterate_em)


def test_warm_up_and_status() -> None:
    fast.warm_up()
    assert fast.is_warm()
    info = fast.threading_info()
    assert info["available"] is fast.is_available()
    if fast.is_available():
        assert fast.unavailable_reason() is None
        assert fast.n_threads() >= 1


@needs_numba
def test_user_cache_dir_follows_xdg(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from gmm_desktop.engine import _kernels

    if sys.platform in ("win32", "darwin"):
        pytest.skip("XDG applies to Linux and other Unix systems")
    monkeypatch.setenv("XDG_CACHE_HOME", "/some/cache")
    assert _kernels.user_cache_dir() == "/some/cache/gmm-desktop/numba"


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_snapshots_carry_the_rows_labels_when_asked(covariance_type: str) -> None:
    """Both engines can label every row in the E-step's pass; the labels are argmax of the
    responsibilities of that very snapshot's parameters (the GUI colours points with them)."""
    X, start = _problem(21, 3 * 4096 + 5, 2, 3, covariance_type)
    kwargs = {"covariance_type": covariance_type, "max_iter": 4, "tol": 0.0}
    for run in (fast.fast_iterate_em, iterate_em):
        snaps = list(run(X, start, labels=True, **kwargs))  # type: ignore[operator]
        assert len(snaps) == 5
        for snap in snaps:
            expected = np.argmax(responsibilities(X, snap.params, covariance_type), axis=1)
            assert snap.labels is not None and snap.labels.shape == (len(X),)
            np.testing.assert_array_equal(snap.labels, expected)
        plain = list(run(X, start, **kwargs))  # type: ignore[operator]
        assert all(s.labels is None for s in plain)
        assert [s.log_likelihood for s in plain] == [s.log_likelihood for s in snaps]


def test_histories_do_not_keep_labels() -> None:
    """A long fit at a million rows must hold one labels array, not one per iteration."""
    from gmm_desktop.engine import RestartTracker
    from gmm_desktop.engine.control import FitControl, run_controlled_fit

    X, _ = _problem(22, 600, 2, 2, "full")
    config = FitConfig(n_components=2, max_iter=6, tol=0.0, n_init=2, seed=1)
    seen: list[EMSnapshot] = []
    result = run_controlled_fit(
        X, config, FitControl(), seen.append, backend=backend.warm_up(), labels=True
    )
    assert result is not None
    assert seen and all(s.labels is not None for s in seen)
    assert all(s.labels is None for s in result.history)
    final = next(s for s in seen if s.params is result.params)
    np.testing.assert_array_equal(final.labels, result.labels)
    tracker = RestartTracker()
    tracker.add(seen[0])
    assert tracker.history()[0].labels is None and tracker.history()[0].params is seen[0].params
