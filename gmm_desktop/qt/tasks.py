"""Background work in a QThread: a plain function gets a TaskState, the window gets signals.

Orange's pattern: the function reports progress and partial results through the state and checks
``state.cancelled`` between steps; it never touches widgets. A Task is used once.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from ..errors import UserError
from .i18n import error_text


class TaskCancelled(Exception):
    """Raised inside a task function to end it quietly after a cancel request."""


class TaskState:
    """What a task function may do: report progress and partial results, see cancellation."""

    def __init__(self, runner: _Runner) -> None:
        self._runner = runner
        self._cancel = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def progress(self, fraction: float) -> None:
        self._runner.sig_progress.emit(float(fraction))

    def partial(self, value: object) -> None:
        self._runner.sig_partial.emit(value)


class _Runner(QObject):
    sig_progress = Signal(float)
    sig_partial = Signal(object)
    sig_done = Signal(object)
    sig_failed = Signal(str, str)
    sig_cancelled = Signal()

    def __init__(self, fn: Callable[[TaskState], Any]) -> None:
        super().__init__()
        self._fn = fn
        self.state = TaskState(self)

    @Slot()
    def run(self) -> None:
        try:
            result = self._fn(self.state)
        except TaskCancelled:
            self.sig_cancelled.emit()
        except UserError as exc:
            self.sig_failed.emit(error_text(exc), "")
        except MemoryError:
            self.sig_failed.emit(self.tr("not enough memory for this data"), traceback.format_exc())
        except Exception as exc:  # report, never kill the window
            self.sig_failed.emit(
                self.tr("unexpected error: {error}").format(error=exc), traceback.format_exc()
            )
        else:
            if self.state.cancelled:
                self.sig_cancelled.emit()
            else:
                self.sig_done.emit(result)
        finally:
            thread = self.thread()
            if thread is not None:
                thread.quit()


class Task(QObject):
    """Runs ``fn(state)`` in its own QThread. Signals arrive in the owner's thread.

    sig_ended is emitted last, whatever happened (done, failed or cancelled).
    """

    sig_progress = Signal(float)
    sig_partial = Signal(object)
    sig_done = Signal(object)
    sig_failed = Signal(str, str)
    sig_cancelled = Signal()
    sig_ended = Signal()

    def __init__(self, fn: Callable[[TaskState], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._runner = _Runner(fn)
        self._runner.moveToThread(self._thread)
        self._thread.started.connect(self._runner.run)
        self._detached = False
        self._runner.sig_progress.connect(self._on_runner_progress)
        self._runner.sig_partial.connect(self._on_runner_partial)
        self._runner.sig_done.connect(self._on_runner_done)
        self._runner.sig_failed.connect(self._on_runner_failed)
        self._runner.sig_cancelled.connect(self._on_runner_cancelled)
        self._thread.finished.connect(self.sig_ended)

    # Relays in the owner's thread; a detached task's results are dropped here.
    def _on_runner_progress(self, fraction: float) -> None:
        if not self._detached:
            self.sig_progress.emit(fraction)

    def _on_runner_partial(self, value: object) -> None:
        if not self._detached:
            self.sig_partial.emit(value)

    def _on_runner_done(self, value: object) -> None:
        if not self._detached:
            self.sig_done.emit(value)

    def _on_runner_failed(self, message: str, details: str) -> None:
        if not self._detached:
            self.sig_failed.emit(message, details)

    def _on_runner_cancelled(self) -> None:
        if not self._detached:
            self.sig_cancelled.emit()

    @property
    def state(self) -> TaskState:
        return self._runner.state

    def start(self) -> None:
        self._thread.start()

    def is_running(self) -> bool:
        return self._thread.isRunning()

    def cancel(self) -> None:
        """Ask the function to stop; its result (if any) will be dropped."""
        self._runner.state._cancel.set()

    def detach(self) -> None:
        """Deliver nothing more but sig_ended (stale work must not reach new state)."""
        self._detached = True

    def wait(self, msecs: int | None = None) -> bool:
        """Block until the thread has ended, or for at most ``msecs``; True if it has ended.

        Shutdown waits without a limit: a QThread destroyed while it runs aborts the process."""
        if msecs is None:
            return bool(self._thread.wait())
        return bool(self._thread.wait(msecs))


class RetiredTasks:
    """Tasks abandoned before they ended: detached, cancelled, and kept (so their QThread is not
    destroyed while running) until their own sig_ended arrives or, at shutdown, they have
    ended."""

    def __init__(self) -> None:
        self._tasks: list[Task] = []

    def retire(self, task: Task) -> None:
        task.detach()
        task.cancel()
        self._tasks.append(task)

    def forget(self, task: Task) -> bool:
        """Drop an ended task; True if it had been retired."""
        if task in self._tasks:
            self._tasks.remove(task)
            return True
        return False

    def wait_all(self, msecs: int | None = None) -> None:
        """Wait for every retired task (each for at most ``msecs``); keep those still running."""
        self._tasks = [task for task in self._tasks if not task.wait(msecs)]


class TaskSlot(QObject):
    """One owner's background work, one task at a time (Orange's ``ConcurrentMixin``).

    ``start(fn)`` runs ``fn(state)`` as a Task and first retires the current one: a retired
    task is cancelled and detached (nothing it still does reaches the owner) and kept until
    its thread ends, so no QThread is destroyed while it runs. The slot's signals are the
    current task's; ``sig_ended`` comes last, once, when the current task ends in any way
    (not for a retired one). ``shutdown()`` waits for every thread (the window closing).
    The owner is the parent, which keeps the slot and its tasks alive (a parentless slot
    delivering its last signal into a qtbot.waitSignal crashed PySide6 6.11 in a test).
    """

    sig_progress = Signal(float)
    sig_partial = Signal(object)
    sig_done = Signal(object)
    sig_failed = Signal(str, str)
    sig_cancelled = Signal()
    sig_ended = Signal()

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.current: Task | None = None
        self._retired = RetiredTasks()

    def start(self, fn: Callable[[TaskState], Any]) -> Task:
        """Retire the current task, if any, and run ``fn(state)`` in a new thread."""
        self.retire()
        task = Task(fn, self)
        task.sig_progress.connect(self.sig_progress)
        task.sig_partial.connect(self.sig_partial)
        task.sig_done.connect(self.sig_done)
        task.sig_failed.connect(self.sig_failed)
        task.sig_cancelled.connect(self.sig_cancelled)
        task.sig_ended.connect(lambda t=task: self._on_task_ended(t))
        self.current = task
        task.start()
        return task

    def is_running(self) -> bool:
        """True from start() until the current task's sig_ended (or until it is retired)."""
        return self.current is not None

    def cancel(self) -> None:
        """Ask the current task to stop; it still delivers sig_cancelled (or its result if it
        had finished) and sig_ended."""
        if self.current is not None:
            self.current.cancel()

    def retire(self) -> bool:
        """Abandon the current task: nothing more from it arrives. True if there was one."""
        task, self.current = self.current, None
        if task is None:
            return False
        self._retired.retire(task)
        return True

    def wait(self, msecs: int | None = None) -> bool:
        """Block until the current task's thread has ended (True), or for at most ``msecs``."""
        return self.current is None or self.current.wait(msecs)

    def shutdown(self, msecs: int | None = None) -> None:
        """Retire the current task and wait for every thread (each for at most ``msecs``)."""
        self.retire()
        self._retired.wait_all(msecs)

    def _on_task_ended(self, task: Task) -> None:
        task.deleteLater()
        if self._retired.forget(task):  # abandoned earlier: the owner has moved on
            return
        if task is self.current:
            self.current = None
            self.sig_ended.emit()
