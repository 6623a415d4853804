"""Compiling (or loading from cache) the fast engine in the background, with status lines."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ..engine import backend
from ..engine.backend import compiled_threads, ready
from .i18n import translate
from .tasks import Task, TaskState


class EngineWarmUp(QObject):
    """``start()`` compiles numba's kernels in a Task; ``wait()`` blocks until that ends (a
    compile cannot be interrupted, and a QThread destroyed while it runs aborts the process).

    Signals: sig_started(status), sig_ready(status), sig_failed(status): lines for the status
    bar (texts in the "MainWindow" translation context, where they were first written).
    """

    sig_started = Signal(str)
    sig_ready = Signal(str)
    sig_failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._task: Task | None = None

    def start(self) -> None:
        if backend.is_warm():
            return
        self.sig_started.emit(translate("MainWindow", "Preparing the fast engine…"))

        def work(state: TaskState) -> None:
            # numba is imported here, off the path to the first paint
            backend.warm_up()

        task = Task(work, self)
        task.sig_done.connect(lambda _: self._on_task_done())
        task.sig_failed.connect(
            lambda msg, _details: self.sig_failed.emit(
                translate("MainWindow", "Fast engine off: {message}").format(message=msg)
            )
        )
        task.sig_ended.connect(lambda t=task: self._on_task_ended(t))
        self._task = task
        task.start()

    def is_running(self) -> bool:
        return self._task is not None and not self._task.wait(0)

    def wait(self) -> None:
        if self._task is not None:
            self._task.wait()

    def _on_task_done(self) -> None:
        if not ready().compiled:
            text = translate("MainWindow", "Using the reference engine (numba is not available).")
        else:
            text = translate("MainWindow", "Fast engine ready ({n} threads).").format(
                n=compiled_threads()
            )
        self.sig_ready.emit(text)

    def _on_task_ended(self, task: Task) -> None:
        self._task = None
        task.deleteLater()
