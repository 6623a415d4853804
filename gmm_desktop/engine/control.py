"""Pause, step, slow down and stop a running EM loop from another thread (no Qt)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import numpy as np

from .backend import Backend, ready
from .config import FitConfig, check_data, check_weights
from .em import EMSnapshot
from .result import FitResult, collapse_judge, result_from_tracker
from .search import RestartTracker, search_snapshots


class FitControl:
    """Thread-safe switches that the EM loop consults between iterations.

    ``delay`` is the minimum time between two iterations in seconds (0 = as fast as possible).
    """

    def __init__(self, *, paused: bool = False, delay: float = 0.0) -> None:
        self._cond = threading.Condition()
        self._paused = paused
        self._steps = 0
        self._stopped = False
        self._delay = max(0.0, delay)

    @property
    def paused(self) -> bool:
        return self._paused

    @property
    def stopped(self) -> bool:
        return self._stopped

    def pause(self) -> None:
        with self._cond:
            self._paused = True
            self._cond.notify_all()

    def resume(self) -> None:
        with self._cond:
            self._paused = False
            self._steps = 0
            self._cond.notify_all()

    def step(self) -> None:
        """Allow exactly one more iteration, then hold (pauses a running loop)."""
        with self._cond:
            if self._paused:
                self._steps += 1
            self._paused = True
            self._cond.notify_all()

    def stop(self) -> None:
        with self._cond:
            self._stopped = True
            self._cond.notify_all()

    def set_delay(self, seconds: float) -> None:
        with self._cond:
            self._delay = max(0.0, seconds)
            self._cond.notify_all()

    def wait_turn(self) -> bool:
        """Block until the next iteration may run; False once stopped."""
        with self._cond:
            deadline = time.monotonic() + self._delay
            while True:
                if self._stopped:
                    return False
                if self._paused:
                    if self._steps > 0:
                        self._steps -= 1
                        return True
                    self._cond.wait()
                    continue
                remaining = min(deadline, time.monotonic() + self._delay) - time.monotonic()
                if remaining <= 0:
                    return True
                self._cond.wait(remaining)


def run_controlled_fit(
    X: np.ndarray,
    config: FitConfig,
    control: FitControl,
    on_snapshot: Callable[[EMSnapshot], None],
    cancelled: Callable[[], bool] = lambda: False,
    backend: Backend | None = None,
    labels: bool = False,
    tracker: RestartTracker | None = None,
    sample_weight: np.ndarray | None = None,
) -> FitResult | None:
    """Run every start of a fit, asking ``control`` before each iteration after the first.

    Returns the best start's result (also when stopped early), or None when cancelled or
    stopped before the first snapshot. With ``labels`` the snapshots handed to ``on_snapshot``
    carry the rows' most likely components (the result's history does not keep them).
    ``backend`` defaults to ``backend.ready()``; ``tracker`` (a new one by default) sees
    every snapshot before ``on_snapshot`` does. ``sample_weight`` (n,) weights the rows
    (``result.fit``).
    """
    X = check_data(X, allow_missing=config.missing == "model")
    run = backend or ready()
    tracker = tracker if tracker is not None else RestartTracker(collapse_judge(X, config, run))
    weights = check_weights(sample_weight, X.shape[0])
    snapshots = search_snapshots(X, config, backend=run, labels=labels, sample_weight=weights)
    first = True
    while True:
        if not first and (cancelled() or not control.wait_turn()):
            break
        first = False
        snapshot = next(snapshots, None)
        if snapshot is None:
            break
        tracker.add(snapshot)
        on_snapshot(snapshot)
    snapshots.close()
    if cancelled() or not tracker.history():
        return None
    return result_from_tracker(X, config, tracker, run, weights)
