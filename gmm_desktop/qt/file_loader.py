"""Reading a data file (or a big session file) in the background: one load at a time, a new
one cancels the last."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ..errors import UserError
from ..io import ReadOptions, Table, read_table
from ..io.app_state import check_session_data
from ..io.out_of_core import open_within_budget
from ..io.session import Session, file_sha256, load_session
from .table_prep import prepare_table
from .tasks import Task, TaskSlot, TaskState


@dataclass(frozen=True)
class SessionRead:
    """A session file read and checked in the loader's thread: the session (None when it
    cannot be used) and the problems to tell the user."""

    session: Session | None
    problems: tuple[UserError, ...]


class FileLoader(QObject):
    """Reads tables off the GUI thread, with their SHA-256 (for sessions and autosaves).

    ``load(path, request)`` hands ``request`` (anything: what to do with the table) back with
    the result. A cancelled load delivers nothing; its thread is kept until it ends.

    Signals
    -------
    sig_progress(fraction), sig_loaded(request, table, sha256), sig_session_read(SessionRead),
    sig_failed(request, message, details), sig_ended(): the current load ended, in any way.
    """

    sig_progress = Signal(float)
    sig_loaded = Signal(object, object, str)
    sig_session_read = Signal(object)
    sig_failed = Signal(object, str, str)
    sig_ended = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._slot = TaskSlot(self)
        self._request: object = None  # of the current load
        self._slot.sig_progress.connect(self.sig_progress)
        self._slot.sig_done.connect(self._on_done)
        self._slot.sig_failed.connect(lambda m, d: self.sig_failed.emit(self._request, m, d))
        self._slot.sig_ended.connect(self.sig_ended)

    @property
    def task(self) -> Task | None:
        """The current load's task, None when no load runs."""
        return self._slot.current

    def load(
        self,
        path: Path,
        request: object,
        options: ReadOptions | None = None,
        *,
        budget: int | None = None,
    ) -> None:
        """Cancel any current load and start reading ``path`` (with ``options``, if given).

        With ``budget`` (bytes) a Parquet, Arrow or CSV file too large for it is read as a
        random sample of its rows (``out_of_core.open_within_budget``)."""

        def work(state: TaskState) -> tuple[Table, str]:
            if budget is not None:
                table = open_within_budget(
                    path,
                    budget,
                    options=options,
                    progress=state.progress,
                    cancelled=lambda: state.cancelled,
                )
            else:
                table = read_table(
                    path,
                    options=options,
                    progress=state.progress,
                    cancelled=lambda: state.cancelled,
                )
            # what showing it needs, so a big table does not stall the GUI thread (issue 15 (i))
            prepare_table(table, cancelled=lambda: state.cancelled)
            return table, file_sha256(path)  # for sessions and autosaves, off the GUI thread

        self._slot.start(work)  # retires the load before, if any
        self._request = request

    def read_session(self, path: Path) -> None:
        """Cancel any current load and read and check the session file ``path`` (a big one:
        100,000 snapshots took 10 s on the GUI thread); ``sig_session_read`` hands it over."""

        def work(_state: TaskState) -> SessionRead:
            checked, problems = check_session_data(load_session(path))
            return SessionRead(checked, tuple(problems))

        self._slot.start(work)
        self._request = (path, None, None, False)  # what a failure names

    def _on_done(self, loaded: object) -> None:
        if isinstance(loaded, SessionRead):
            self.sig_session_read.emit(loaded)
        else:
            assert isinstance(loaded, tuple)
            self.sig_loaded.emit(self._request, *loaded)

    def cancel(self) -> None:
        self._slot.retire()

    def shutdown(self) -> None:
        """Cancel the current load and wait for every load's thread."""
        self._slot.shutdown()
