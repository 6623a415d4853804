"""Sessions from the window: save and open dialogs, autosave for crash recovery, and
restoring a session once its data file has loaded.

What a session holds is built and rebuilt by the Qt-free ``io.app_state.AppState``; this
wires it to the window's dialogs, panels and messages (texts in the "MainWindow" context).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

from ..errors import UserError
from ..io import Table
from ..io.app_state import AppState, RebuiltFits, SavedFitError, check_session_data
from ..io.session import SESSION_SUFFIX, Session, load_session, save_session
from .file_loader import SessionRead
from .i18n import error_text, translate

if TYPE_CHECKING:
    from .main_window import MainWindow


BACKGROUND_SESSION_BYTES = 1_000_000  # bigger session files are read off the GUI thread


def _size(path: Path) -> int:
    """The file's size in bytes; 0 when it cannot be told (the reading says why)."""
    try:
        return path.stat().st_size if path.is_file() else 0
    except OSError:
        return 0


class WindowSessions:
    """The window's session actions (``window.sessions``)."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        window.loader.sig_session_read.connect(self._on_session_read)

    def save_session_dialog(self) -> None:
        if self.window.features is None:
            self.window.show_error(
                translate("MainWindow", "Open a data file before saving a session.")
            )
            return
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            translate("MainWindow", "Save session"),
            "",
            translate("MainWindow", "GMM Desktop sessions (*{suffix})").format(
                suffix=SESSION_SUFFIX
            ),
        )
        if path:
            if not path.endswith(SESSION_SUFFIX):
                path += SESSION_SUFFIX
            try:
                self.save_session(path)
            except UserError as exc:
                self.window.show_error(error_text(exc))

    def save_session(self, path: str | Path) -> Path:
        """Save data file, columns, settings, the shown fit, the runs list and the Choose K
        models (atomically)."""
        session = self._current_session(with_lists=True)  # checks there is something to save
        if self.window.state.keep_generated_data(path) is not None:  # so that it reopens
            session = self._current_session(with_lists=True)
        target = save_session(path, session)
        self.window._set_status(
            translate("MainWindow", "Session saved to {path}").format(path=target)
        )
        return target

    def _current_session(self, with_lists: bool = False) -> Session:
        """The window as a Session; ``with_lists`` adds the runs list and the Choose K models."""
        # the Choose K view owns the sweep while it runs
        self.window.state.sweep = list(self.window.choose_k.scores)
        no_fit = self.window.result is None and self.window.features is not None
        chosen = self.window.parameter_panel.config() if no_fit else None
        settings = self.window.parameter_panel.to_settings()
        return self.window.state.to_session(settings, chosen, with_lists=with_lists)

    def autosave(self) -> None:
        """Keep the last finished fit for crash recovery (files only; generated data is not).

        The runs list and the Choose K models are left out: writing all their histories after
        each fit would grow with the session, on the GUI thread."""
        recovery, table = self.window.recovery, self.window.table
        if recovery is None or table is None or table.source is None:
            return
        try:
            recovery.save(self._current_session())
        except (UserError, OSError):
            pass

    def open_session_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            translate("MainWindow", "Open session"),
            "",
            translate("MainWindow", "GMM Desktop sessions (*{suffix});;All files (*)").format(
                suffix=SESSION_SUFFIX
            ),
        )
        if path:
            self.open_session(path)

    def open_session(self, path: str | Path) -> bool:
        """Restore a saved session: reload its data file, settings and fit, without refitting.

        A session file over ``BACKGROUND_SESSION_BYTES`` is read and checked in the loader's
        thread (True: started; what is wrong with it is told when it has been read); a smaller
        one at once (False: it cannot be used, and the user was told why)."""
        path = Path(path)
        if _size(path) > BACKGROUND_SESSION_BYTES:
            window = self.window
            window.waiting_fit.cancel()
            window.runner.cancel()
            window._set_status(translate("MainWindow", "Opening {name}…").format(name=path.name))
            window.progress.setRange(0, 0)  # busy: reading JSON reports no fraction
            window.progress.setVisible(True)
            window.loader.read_session(path)
            return True
        try:
            session = load_session(path)
        except UserError as exc:
            self.window.show_error(error_text(exc))
            return False
        checked, problems = check_session_data(session)
        return self._open_read(SessionRead(checked, tuple(problems)))

    def _on_session_read(self, read: SessionRead) -> None:
        self._open_read(read)

    def _open_read(self, read: SessionRead) -> bool:
        """Tell the read session's problems; open its data file unless it cannot be used."""
        for problem in read.problems:
            self.window.show_error(error_text(problem))
        if read.session is None:
            return False
        session = read.session
        data = Path(str(session.data_path))
        self.window.open_file(
            data,
            columns=session.columns,
            label=session.label,
            remember=False,
            session=session,
            options=session.read_options,
            budget=self.window.parameter_panel.large_files.budget_in(session.settings),
        )
        return True

    def rebuilt_fits(self, session: Session, table: Table) -> RebuiltFits | None:
        """The session's fits rebuilt on ``table`` before the window changes; None (after one
        message) if any of them does not fit the data."""
        fits, problems = AppState.restore(session, table)
        for problem in problems:
            cause = problem.cause if isinstance(problem, SavedFitError) else None
            if cause is None:
                self.window.show_error(error_text(problem))
                continue
            error = error_text(cause) if isinstance(cause, UserError) else str(cause)
            self.window.show_error(
                translate("MainWindow", "The saved fit could not be shown: {error}").format(
                    error=error
                )
            )
        return fits

    def restore_session(self, session: Session, fits: RebuiltFits) -> None:
        """Show a session whose data is loaded and whose fits are rebuilt (rebuilt_fits)."""
        try:
            sweep = self.window.state.adopt(session, fits)
        except UserError as exc:
            self.window.show_error(error_text(exc))
            return
        assert self.window.features is not None
        self.window.set_truth(session.true_params, session.true_columns)
        self.window.parameter_panel.from_settings(session.settings)
        self.window.parameter_panel.set_config(session.config)
        for run in fits.runs:
            if run is not None:
                self.window.runs_panel.add_run(run, self.window.features.columns)
        if session.sweep:
            self.window.choose_k.restore(sweep)
        if fits.shown is not None:
            self.window._config = session.config
            self.window._show_result(fits.shown)
        self.window.sig_session_restored.emit()
