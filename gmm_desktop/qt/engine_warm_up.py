"""Compiling (or loading from cache) the fast engine in the background, with status lines."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ..engine import backend
from ..engine.backend import compiled_threads, ready
from .i18n import translate
from .tasks import TaskSlot, TaskState


def _import_3d_view() -> None:
    """Import OpenGL and pyqtgraph.opengl now (about 0.5 s), not on the GUI thread when the
    first 3-column file has loaded; the view itself is still made on the GUI thread."""
    try:
        from .plots import scatter3d_plot  # noqa: F401
    except Exception:  # no OpenGL: the 3-D tab says so when it is shown
        pass


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
            _import_3d_view()

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


# A fit on more rows than this, started while the fast engine compiles, waits for it: on
# 2,000,000 rows the numpy engine took 128 s where the compiled one takes 21 s.
WAIT_FOR_ENGINE_ROWS = 100_000


class WaitingFit(QObject):
    """A big fit asked for while the fast engine compiles, held until the warm-up ends.

    ``hold(paused)`` keeps it (and says so on the status line through ``sig_status``);
    ``sig_start(paused)`` asks for it when the warm-up has ended; ``cancel()`` forgets it.
    The GUI thread never blocks: the warm-up's end signals start it.
    """

    sig_start = Signal(bool)
    sig_status = Signal(str)

    def __init__(self, warm_up: EngineWarmUp) -> None:
        super().__init__(warm_up)
        self._warm_up = warm_up
        self.paused: bool | None = None  # the held fit's ``paused``, None when none is held
        warm_up.sig_ready.connect(self._release)
        warm_up.sig_failed.connect(self._release)

    def must_wait(self, n_rows: int) -> bool:
        """True when a fit of ``n_rows`` rows should wait: the engine is still compiling."""
        compiling = self._warm_up.is_running() and not backend.is_warm()
        return compiling and n_rows > WAIT_FOR_ENGINE_ROWS

    def hold(self, paused: bool) -> None:
        self.paused = paused
        self.sig_status.emit(
            translate(
                "MainWindow", "Preparing the fast engine… the fit starts as soon as it is ready."
            )
        )

    def cancel(self) -> bool:
        """Forget the held fit; True if there was one."""
        held, self.paused = self.paused is not None, None
        return held

    def _release(self, _status: str = "") -> None:
        paused, self.paused = self.paused, None
        if paused is not None:
            self.sig_start.emit(paused)
