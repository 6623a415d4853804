"""Compiling (or loading from cache) the fast engine in the background, with status lines."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ..engine import backend
from ..engine.backend import compiled_threads, ready
from .i18n import translate
from .tasks import TaskSlot, TaskState


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
        self._slot = TaskSlot(self)
        self._slot.sig_done.connect(lambda _: self._on_task_done())
        self._slot.sig_failed.connect(
            lambda msg, _details: self.sig_failed.emit(
                translate("MainWindow", "Fast engine off: {message}").format(message=msg)
            )
        )

    def start(self) -> None:
        if backend.is_warm():
            return
        self.sig_started.emit(translate("MainWindow", "Preparing the fast engine…"))

        def work(state: TaskState) -> None:
            # numba is imported here, off the path to the first paint
            backend.warm_up()

        self._slot.start(work)

    def is_running(self) -> bool:
        return not self._slot.wait(0)

    def wait(self) -> None:
        self._slot.wait()

    def _on_task_done(self) -> None:
        if not ready().compiled:
            text = translate("MainWindow", "Using the reference engine (numba is not available).")
        else:
            text = translate("MainWindow", "Fast engine ready ({n} threads).").format(
                n=compiled_threads()
            )
        self.sig_ready.emit(text)
