"""FitControl and run_controlled_fit: pause, step, stop and cancel between iterations."""

from __future__ import annotations

import threading

import numpy as np

from gmm_desktop.engine import REFERENCE, FitConfig, fit
from gmm_desktop.engine.control import FitControl, run_controlled_fit
from gmm_desktop.engine.search import search_snapshots


def _data(seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return np.concatenate([rng.normal(0, 1, 200), rng.normal(5, 1, 200)])[:, None]


def test_uncontrolled_run_equals_fit():
    X = _data()
    config = FitConfig(n_components=2, seed=3, n_init=3)
    seen = []
    result = run_controlled_fit(X, config, FitControl(), seen.append, backend=REFERENCE)
    assert result is not None
    reference = fit(X, config, backend=REFERENCE)  # compared exactly: the same backend
    assert result.log_likelihood == reference.log_likelihood
    # every snapshot of every start is handed over, in order, exactly as the engine yields them
    expected = list(search_snapshots(X, config, backend=REFERENCE))
    assert [(s.restart, s.iteration, s.log_likelihood) for s in seen] == [
        (e.restart, e.iteration, e.log_likelihood) for e in expected
    ]
    assert {s.restart for s in seen} == set(range(9))  # three short runs per restart
    # the result keeps the history of its own start: those same snapshots
    kept = result.history[-1].restart
    assert [s.log_likelihood for s in seen if s.restart == kept] == [
        s.log_likelihood for s in result.history
    ]


def test_stop_returns_best_so_far():
    X = _data()
    control = FitControl()
    seen = []

    def on_snapshot(s):
        seen.append(s)
        if s.iteration == 2:
            control.stop()

    result = run_controlled_fit(
        X, FitConfig(n_components=2, tol=0, max_iter=50), control, on_snapshot
    )
    assert result is not None and result.n_iter == 2 and not result.converged
    assert [s.iteration for s in seen] == [0, 1, 2]


def test_cancel_returns_nothing():
    X = _data()
    seen = []
    result = run_controlled_fit(
        X,
        FitConfig(n_components=2, tol=0, max_iter=50),
        FitControl(),
        seen.append,
        cancelled=lambda: len(seen) >= 3,
    )
    assert result is None and len(seen) == 3


def test_paused_loop_runs_one_iteration_per_step():
    X = _data()
    control = FitControl(paused=True)
    seen: list = []
    arrived = threading.Semaphore(0)

    def on_snapshot(s):
        seen.append(s)
        arrived.release()

    worker = threading.Thread(
        target=run_controlled_fit,
        args=(X, FitConfig(n_components=2, tol=0, max_iter=20), control, on_snapshot),
    )
    worker.start()
    assert arrived.acquire(timeout=10)  # iteration 0 is computed before the first wait
    for expected in (1, 2, 3):
        control.step()
        assert arrived.acquire(timeout=10)
        assert seen[-1].iteration == expected
    assert not arrived.acquire(timeout=0.2)  # nothing more while paused
    control.stop()
    worker.join(timeout=10)
    assert not worker.is_alive()
    assert [s.iteration for s in seen] == [0, 1, 2, 3]


def test_delay_wakes_on_stop():
    control = FitControl(delay=60.0)
    done = threading.Event()

    def wait():
        control.wait_turn()
        done.set()

    t = threading.Thread(target=wait)
    t.start()
    control.stop()
    assert done.wait(timeout=5)
    t.join()
