"""File > Report... and File > Export as script...: the window's side of ``io.report`` and
``io.script_export`` (the main window only holds the two actions and calls these)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog

from ..engine.backend import ready
from ..errors import UserError
from ..io.report import ReportData, report_html
from ..io.script_export import data_spec, fit_script, write_output
from ..io.session import file_sha256
from .i18n import error_text, report_language

if TYPE_CHECKING:
    from .main_window import MainWindow


class ReportActions(QObject):
    """Writes a report or a script of the window's finished fit, after a file dialog."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    # ----------------------------------------------------------------------------- report
    def report_dialog(self) -> None:
        """Ask where to write the report (HTML or PDF), then write it."""
        if self.window.result is None:
            self.window.show_error(self.tr("There is no finished fit to report yet."))
            return
        html_filter = self.tr("HTML report (*.html)")
        pdf_filter = self.tr("PDF report (*.pdf)")
        path, chosen = QFileDialog.getSaveFileName(
            self.window,
            self.tr("Save report"),
            self._default_name("report.html"),
            f"{html_filter};;{pdf_filter}",
        )
        if not path:
            return
        if Path(path).suffix.lower() not in (".html", ".htm", ".pdf"):
            path += ".pdf" if chosen == pdf_filter else ".html"
        self._write(lambda: self.write_report(path))

    def write_report(self, path: str | Path, language: str | None = None) -> Path:
        """Write the report of the current fit to ``path`` (.pdf for a PDF, else HTML)."""
        data = self.report_data()
        language = language or report_language()
        if Path(path).suffix.lower() == ".pdf":
            from .report_pdf import report_pdf

            content: str | bytes = report_pdf(data, language)
        else:
            content = report_html(data, language)
        # the file dialog has asked before replacing a file; the data file is never replaced
        return write_output(path, content, input_file=self._source(), force=True)

    def report_data(self) -> ReportData:
        """The window's finished fit as a ReportData."""
        w = self.window
        if w.result is None or w.features is None or w.table is None:
            raise UserError("there is no finished fit to report")
        source = self._source()
        return ReportData(
            result=w.result,
            X=w.features.X,
            columns=tuple(w.features.columns),
            data_path=str(source) if source is not None else "synthetic data",
            sha256=file_sha256(source) if source is not None else "-",
            rows_total=w.table.n_rows,
            rows_dropped=w.features.rows_dropped,
            drop_summary=w.features.drop_summary(),
            labels=w.features.labels,
            label_column=w.features.label_column,
            weight_column=w.features.weight_column,
            sweep=tuple(w.choose_k.scores),
            backend=ready().name,
            settings=w.parameter_panel.to_settings(),
        )

    # ----------------------------------------------------------------------------- script
    def script_dialog(self) -> None:
        """Ask where to write the script (Python or R), then write it."""
        w = self.window
        if w.result is None:
            w.show_error(self.tr("There is no finished fit to export yet."))
            return
        if self._source() is None:
            w.show_error(
                self.tr("This data was made in the window and has no file for a script to read.")
            )
            return
        python_filter = self.tr("Python script (*.py)")
        r_filter = self.tr("R script (*.R)")
        path, chosen = QFileDialog.getSaveFileName(
            w,
            self.tr("Export as script"),
            self._default_name("fit.py"),
            f"{python_filter};;{r_filter}",
        )
        if not path:
            return
        if Path(path).suffix.lower() not in (".py", ".r"):
            path += ".R" if chosen == r_filter else ".py"
        self._write(lambda: self.write_script(path))

    def write_script(self, path: str | Path) -> Path:
        """Write the script of the current fit: R for a .R file, else Python."""
        w = self.window
        if w.result is None or w.features is None or w.table is None or self._source() is None:
            raise UserError("there is no finished fit of a data file to export")
        language = "r" if Path(path).suffix.lower() == ".r" else "python"
        text = fit_script(w.result, data_spec(w.table, w.features), language)
        return write_output(path, text, input_file=self._source(), force=True)

    # ------------------------------------------------------------------------------ helpers
    def _source(self) -> Path | None:
        table = self.window.table
        return table.source.resolve() if table is not None and table.source is not None else None

    def _default_name(self, name: str) -> str:
        source = self._source()
        return str(source.with_name(name)) if source is not None else name

    def _write(self, write: Callable[[], Path]) -> None:
        try:
            path = write()
        except UserError as exc:
            self.window.show_error(error_text(exc))
            return
        self.window.status_label.setText(self.tr("Wrote {path}").format(path=path))
