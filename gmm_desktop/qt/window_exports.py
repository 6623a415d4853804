"""Exports from the window: the three CSV files of the shown fit and every plot as a picture
(texts in the "MainWindow" translation context, where they were first written)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

from ..errors import UserError
from ..io.export import write_fit_exports
from .i18n import error_text, translate

if TYPE_CHECKING:
    from .main_window import MainWindow


class WindowExports:
    """The window's export actions (``window.exports``)."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def _no_fit_yet(self) -> bool:
        if self.window.result is None:
            self.window.show_error(
                translate("MainWindow", "There is no finished fit to export yet.")
            )
        return self.window.result is None

    def _wrote(self, paths: list[Path], folder: str | Path) -> None:
        self.window._set_status(
            translate("MainWindow", "Wrote {files} to {folder}").format(
                files=", ".join(p.name for p in paths), folder=folder
            )
        )

    def export_results_dialog(self) -> None:
        if self._no_fit_yet():
            return
        title = translate("MainWindow", "Export results into folder")
        folder = QFileDialog.getExistingDirectory(self.window, title)
        if folder:
            try:
                self.export_results(folder)
            except UserError:
                pass  # export_results has told the user

    def export_plots_dialog(self) -> None:
        if self._no_fit_yet():
            return
        title = translate("MainWindow", "Export all plots into folder")
        folder = QFileDialog.getExistingDirectory(self.window, title)
        if not folder:
            return
        try:
            paths = self.window.plots.export_all(folder)
        except UserError as exc:
            self.window.show_error(error_text(exc))
            return
        self._wrote(paths, folder)

    def export_results(self, folder: str | Path) -> list[Path]:
        """Write the three CSV files of the shown fit into ``folder``; never over the data."""
        w = self.window
        if w.result is None or w.features is None or w.table is None:
            raise UserError("there is no finished fit to export")
        try:
            paths = write_fit_exports(
                folder,
                w.result,
                w.features.columns,
                w.table.frame,
                w.features.rows,
                input_file=w.table.source,
                bootstrap=w.results_panel.bootstrap_for(w.result),
            )
        except UserError as exc:
            w.show_error(error_text(exc))
            raise
        self._wrote(paths, folder)
        return paths
