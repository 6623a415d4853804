"""Reading a data file in the background: one load at a time, a new one cancels the last."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ..io import Table, read_table
from ..io.session import file_sha256
from .tasks import RetiredTasks, Task, TaskState


class FileLoader(QObject):
    """Reads tables off the GUI thread, with their SHA-256 (for sessions and autosaves).

    ``load(path, request)`` hands ``request`` (anything: what to do with the table) back with
    the result. A cancelled load delivers nothing; its thread is kept until it ends.

    Signals
    -------
    sig_progress(fraction), sig_loaded(request, table, sha256), sig_failed(request, message,
    details), sig_ended(): the current load ended, in any way.
    """

    sig_progress = Signal(float)
    sig_loaded = Signal(object, object, str)
    sig_failed = Signal(object, str, str)
    sig_ended = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.task: Task | None = None  # the current load
        self._retired = RetiredTasks()

    def load(self, path: Path, request: object) -> None:
        """Cancel any current load and start reading ``path``."""
        self.cancel()

        def work(state: TaskState) -> tuple[Table, str]:
            table = read_table(path, progress=state.progress, cancelled=lambda: state.cancelled)
            return table, file_sha256(path)  # for sessions and autosaves, off the GUI thread

        task = Task(work, self)
        task.sig_progress.connect(self.sig_progress)
        task.sig_done.connect(lambda loaded: self.sig_loaded.emit(request, *loaded))
        task.sig_failed.connect(lambda msg, details: self.sig_failed.emit(request, msg, details))
        task.sig_ended.connect(lambda t=task: self._on_task_ended(t))
        self.task = task
        task.start()

    def cancel(self) -> None:
        if self.task is not None:
            self._retired.retire(self.task)
            self.task = None

    def shutdown(self) -> None:
        """Cancel the current load and wait for every load's thread."""
        self.cancel()
        self._retired.wait_all()

    def _on_task_ended(self, task: Task) -> None:
        self._retired.forget(task)
        if task is self.task:
            self.task = None
            self.sig_ended.emit()
        task.deleteLater()
