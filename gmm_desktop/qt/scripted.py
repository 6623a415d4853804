"""The scripted run: open FILE, apply options, --run, --export DIR, --quit."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from ..cli.options import parse_columns, resolve_selection
from ..engine import FitResult
from ..engine.stopping import DEFAULT_TOL
from ..errors import QT_TRANSLATE_NOOP, UserError
from ..io.demo import demo_path
from ..io.export import refuse_overwriting_input
from ..io.read_options import ReadOptions, parse_names
from .i18n import error_text
from .main_window import MainWindow
from .parameter_panel import MAX_COMPONENTS

DEFAULT_DEMO = "heights"


class ScriptedRun(QObject):
    """Carries out the command-line options once the window is up."""

    def __init__(self, window: MainWindow, args: argparse.Namespace) -> None:
        super().__init__(window)
        self.window = window
        self.args = args
        self.exit_status = 0
        self._columns: list[str | int] | None = None
        self._exporting = False
        self.active = bool(args.run or args.export or args.quit)
        window.setProperty("scripted", self.active)

    def begin(self) -> None:
        args = self.args
        try:
            self._columns = parse_columns(args.columns)  # the same reading as `fit --columns`
        except UserError as exc:
            self._fail(str(exc))
            return
        path = Path(args.file) if args.file else demo_path(DEFAULT_DEMO)
        self.window.sig_data_loaded.connect(self._on_window_data_loaded)
        if self.active:
            self.window.sig_error.connect(self._on_window_error)
        options = ReadOptions(header=args.header, names=parse_names(args.names))
        self.window.open_file(path, remember=bool(args.file), options=options)

    def _on_window_data_loaded(self) -> None:
        self.window.sig_data_loaded.disconnect(self._on_window_data_loaded)
        args = self.args
        if not self._select_columns():
            return
        panel = self.window.parameter_panel
        if args.components is not None and args.components > MAX_COMPONENTS:
            self._refuse(
                UserError.said(
                    QT_TRANSLATE_NOOP(
                        "Errors",
                        "-k {k}: the window fits at most {most} components; for more, use the "
                        "command line: gmm-desktop fit FILE -k {k}",
                    ),
                    k=args.components,
                    most=MAX_COMPONENTS,
                )
            )
            return
        changes: dict[str, object] = {}
        if args.components is not None:
            changes["n_components"] = args.components
        if args.covariance is not None:
            changes["covariance_type"] = args.covariance
        changes.update(_stopping_changes(args))
        if changes:
            try:
                panel.set_config(panel.config().with_changes(**changes))
            except UserError as exc:
                self._fail(str(exc))
                return
        if args.run or args.export:
            self.window.sig_fit_finished.connect(self._on_window_fit_finished)
            if not self.window.start_fit():
                self._fail(None)  # start_fit has said why (sig_error)
        elif args.quit:
            self._finish()

    def _select_columns(self) -> bool:
        """Tick --columns and pick --label (names or 1-based numbers); False if one is unknown."""
        table = self.window.table
        if table is None or (self._columns is None and self.args.label is None):
            return True
        try:
            names, label = resolve_selection(table, self._columns, self.args.label)
        except UserError as exc:
            self._fail(str(exc))
            return False
        panel = self.window.data_panel
        panel.set_selection(names, label)
        panel.sig_selection_changed.emit()  # the window takes the new choice as the user's
        return True

    def _on_window_fit_finished(self, result: FitResult) -> None:
        if self.args.export:
            try:
                self._export(self.args.export)
            except UserError as exc:
                self._fail(str(exc))  # once: the window's own report of it was held back
                return
        if self.args.quit:
            self._finish()

    def _export(self, folder: str) -> None:
        """Write the CSV files and the plot PNGs into ``folder``; UserError if that fails."""
        from .export_plots import export_all_plots

        table = self.window.table
        refuse_overwriting_input(folder, table.source if table is not None else None)
        self._exporting = True  # export_results also shows its error: print it only once
        try:
            self.window.export_results(folder)
        finally:
            self._exporting = False
        export_all_plots(self.window, folder)

    def _on_window_error(self, message: str) -> None:
        if not self._exporting:
            self._fail(message)

    def _refuse(self, error: UserError) -> None:
        """An option the window cannot take: said on stderr and, when the window stays open
        for the user, on its status line too."""
        if not self.active:
            self.window.show_error(error_text(error))
        self._fail(str(error))

    def _fail(self, message: str | None) -> None:
        """Print ``message`` (None: already printed) and end with status 2, as `fit` does."""
        if message is not None:
            print(f"gmm-desktop: error: {message}", file=sys.stderr)
        self.exit_status = 2
        if self.args.quit:
            self._finish()

    def _finish(self) -> None:
        QTimer.singleShot(0, self.window.close)
        QTimer.singleShot(0, QApplication.quit)


def _stopping_changes(args: argparse.Namespace) -> dict[str, object]:
    """FitConfig changes of --max-iter, --stopping and --tol; --stopping alone brings the
    rule's usual tolerance, as on the command line."""
    changes: dict[str, object] = {}
    if args.max_iter is not None:
        changes["max_iter"] = args.max_iter
    if args.stopping is not None:
        changes["stopping"] = args.stopping
        changes["tol"] = DEFAULT_TOL[args.stopping]
    if args.tol is not None:
        changes["tol"] = args.tol
    return changes
