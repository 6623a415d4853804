"""Drives the engine's EM iterator in a QThread: one signal per iteration, pause/step/stop."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, Signal

from ..engine import Backend, FitConfig
from ..engine.backend import ready
from ..engine.control import FitControl, run_controlled_fit
from ..engine.streaming import ReadProgress
from .big_fit import BigFitRequest, streamed_fit
from .tasks import TaskSlot, TaskState


class FitRunner(QObject):
    """Owns at most one running fit. Its signals arrive in the GUI thread.

    sig_snapshot(EMSnapshot) once per iteration; sig_finished(FitResult) when EM ends or is
    stopped (with the best start so far); sig_failed(message, details); sig_running(bool).
    A streamed fit also sends sig_reading(ReadProgress) during its passes over the file
    before the first snapshot, and sig_stopped_reading() when stopped during them (nothing
    was fitted). A cancelled fit (new data, closing the window) emits nothing more.
    """

    sig_snapshot = Signal(object)
    sig_reading = Signal(object)
    sig_stopped_reading = Signal()
    sig_finished = Signal(object)
    sig_failed = Signal(str, str)
    sig_running = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._slot = TaskSlot(self)
        self._slot.sig_partial.connect(self._on_task_partial)
        self._slot.sig_cancelled.connect(self.sig_stopped_reading)  # cancel() detaches first
        self._slot.sig_done.connect(self._on_task_done)
        self._slot.sig_failed.connect(self.sig_failed)
        self._slot.sig_ended.connect(lambda: self.sig_running.emit(False))
        self._control = FitControl()
        self._delay = 0.0

    def is_running(self) -> bool:
        return self._slot.is_running()

    def is_paused(self) -> bool:
        return self.is_running() and self._control.paused

    def start(
        self,
        X: np.ndarray,
        config: FitConfig,
        *,
        paused: bool = False,
        backend: Backend | None = None,
        labels: bool = False,
        sample_weight: np.ndarray | None = None,
    ) -> None:
        """Start a fit on X (n, d); any fit still running is cancelled first.

        With ``labels`` each snapshot carries the rows' most likely components (n,);
        ``backend`` defaults to ``engine.backend.ready()``; ``sample_weight`` (n,) weights
        the rows (None: every row counts once).
        """
        self.cancel()
        control = FitControl(paused=paused, delay=self._delay)

        def work(state: TaskState) -> object:
            return run_controlled_fit(
                X,
                config,
                control,
                state.partial,
                cancelled=lambda: state.cancelled,
                backend=backend,
                labels=labels,
                sample_weight=sample_weight,
            )

        self._control = control
        self._slot.start(work)
        self.sig_running.emit(True)

    def start_streamed(
        self, request: BigFitRequest, *, paused: bool = False, backend: Backend | None = None
    ) -> None:
        """Start a fit of every row of a file larger than memory (``big_fit.streamed_fit``);
        its snapshots and result arrive as for ``start``."""
        self.cancel()
        control = FitControl(paused=paused, delay=self._delay)

        def work(state: TaskState) -> object:
            return streamed_fit(
                request,
                control,
                state.partial,
                cancelled=lambda: state.cancelled,
                backend=backend or ready(),
                on_read=state.partial,
            )

        self._control = control
        self._slot.start(work)
        self.sig_running.emit(True)

    def pause(self) -> None:
        self._control.pause()

    def resume(self) -> None:
        self._control.resume()

    def step(self) -> None:
        self._control.step()

    def stop(self) -> None:
        """End EM after the current iteration and deliver the result so far."""
        self._control.stop()

    def set_delay(self, seconds: float) -> None:
        self._delay = seconds
        self._control.set_delay(seconds)

    def cancel(self) -> None:
        """Abandon the running fit: nothing it does reaches the window any more."""
        if self._slot.retire():
            self._control.stop()
            self.sig_running.emit(False)

    def shutdown(self, msecs: int | None = None) -> None:
        """Cancel and wait for every thread (window closing); a cancelled fit ends after its
        current iteration."""
        self.cancel()
        self._slot.shutdown(msecs)

    def _on_task_partial(self, value: object) -> None:
        if isinstance(value, ReadProgress):
            self.sig_reading.emit(value)
        else:
            self.sig_snapshot.emit(value)

    def _on_task_done(self, result: object) -> None:
        if result is not None:
            self.sig_finished.emit(result)
