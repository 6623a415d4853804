"""Opening data in the window: the file dialog, demo sets, a file read in the background
(then a pending session restored on it), and generated data with its true parameters.

Texts keep the "MainWindow" translation context (``translate``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from ..engine.synthetic import SyntheticSpec, generate
from ..errors import UserError
from ..io import ReadOptions, Table
from ..io.demo import demo_path, demo_sets
from ..io.out_of_core import default_memory_budget
from ..io.session import Session
from ..io.synthetic_table import DATA_SUFFIXES, TRUE_COMPONENT, synthetic_table, write_data_table
from .i18n import QT_TRANSLATE_NOOP, error_text, translate
from .import_dialog import ImportDialog, preview_wanted
from .synthetic_dialog import SyntheticDialog
from .truth_dialog import TruthDialog

if TYPE_CHECKING:
    from .main_window import MainWindow

FILE_FILTER = QT_TRANSLATE_NOOP(
    "MainWindow",
    "Data files (*.csv *.tsv *.txt *.dat *.xlsx *.xls *.parquet *.pq *.feather *.arrow);;All files (*)",  # noqa: E501  (one literal for lupdate)
)
SAVE_DATA_FILTER = QT_TRANSLATE_NOOP("MainWindow", "CSV files (*.csv);;Excel workbooks (*.xlsx)")


class WindowFiles:
    """The window's ways to open data (``window.files``); results arrive through the
    window's FileLoader and end in ``window.set_table``."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self._pending_session: Session | None = None  # restored once its file has loaded
        self.import_dialog: ImportDialog | None = None  # the import preview, while shown
        loader = window.loader
        loader.sig_progress.connect(lambda f: window._set_progress(int(100 * f)))
        loader.sig_loaded.connect(self._on_load_done)
        loader.sig_failed.connect(self._on_load_failed)
        loader.sig_ended.connect(self._on_load_ended)

    def _on_load_ended(self) -> None:
        """Hide the load's progress bar, unless a fit started as soon as the data loaded
        (a scripted run) uses it already: the loader's thread ends after sig_loaded."""
        if not self.window.runner.is_running():
            self.window.progress.setVisible(False)

    def open_file_dialog(self) -> None:
        start = (
            str(Path(self.window.recent_files()[0]).parent) if self.window.recent_files() else ""
        )
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            translate("MainWindow", "Open data"),
            start,
            translate("MainWindow", FILE_FILTER),
        )
        if path:
            self.preview_and_open(path)

    def preview_and_open(self, path: str | Path) -> None:
        """Open a file the user chose (File > Open, drag and drop, recent files): through the
        import preview unless it is turned off (then at once, as the command line does).

        The preview is window-modal but does not block: OK opens the file with its options,
        Cancel leaves the data shown as it was."""
        path = Path(path)
        if not preview_wanted(self.window.settings):
            self.open_file(path)
            return
        self.close_import_dialog()
        dialog = ImportDialog(path, self.window.settings, self.window)
        dialog.accepted.connect(lambda: self.open_file(path, options=dialog.options()))
        dialog.sig_unreadable.connect(
            lambda message, details: self._on_load_failed((path,), message, details)
        )
        dialog.finished.connect(lambda _result: self._forget_import_dialog(dialog))
        self.import_dialog = dialog
        dialog.open()

    def _forget_import_dialog(self, dialog: ImportDialog) -> None:
        if self.import_dialog is dialog:
            self.import_dialog = None
        dialog.deleteLater()

    def close_import_dialog(self) -> None:
        """Cancel the import preview, if shown (a new file, or the window closing)."""
        if self.import_dialog is not None:
            self.import_dialog.reject()

    def open_demo(self, key: str) -> None:
        """Open a bundled demo with the columns, label and K its catalog suggests."""
        demo = next((d for d in demo_sets() if d.key == key), None)
        if demo is None:
            self.open_file(demo_path(key), remember=False)
            return
        self.window.parameter_panel.set_components(demo.n_components)
        self.open_file(demo.path, columns=list(demo.columns), label=demo.label, remember=False)

    def open_file(
        self,
        path: str | Path,
        *,
        columns: list[str] | None = None,
        label: str | None = None,
        remember: bool = True,
        session: Session | None = None,
        options: ReadOptions | None = None,
        budget: int | None = None,
    ) -> None:
        """Load a file in the background (progress in the status bar; a new load cancels),
        read with ``options`` (None: everything detected); a file needing more memory than
        ``budget`` (default: the Fit settings' memory budget) opens as a random sample.

        ``session`` is restored once the file has loaded; opening any other file forgets it."""
        path = Path(path)
        self.window.loader.cancel()
        self._pending_session = session
        self.window.waiting_fit.cancel()
        self.window.runner.cancel()
        self.window._set_status(translate("MainWindow", "Opening {name}…").format(name=path.name))
        self.window.progress.setRange(0, 100)
        self.window.progress.setValue(0)
        self.window.progress.setVisible(True)

        if budget is None:
            try:
                budget = self.window.parameter_panel.large_files.budget()
            except UserError as exc:
                self.window.show_error(error_text(exc))
                budget = default_memory_budget()
        self.window.loader.load(path, (path, columns, label, remember), options, budget=budget)

    def _on_load_done(
        self, request: tuple[Path, list[str] | None, str | None, bool], table: Table, checksum: str
    ) -> None:
        path, columns, label, remember = request
        session, self._pending_session = self._pending_session, None
        fits = None if session is None else self.window.sessions.rebuilt_fits(session, table)
        if session is not None and fits is None:
            return  # one message said why; the window is as it was
        if remember:
            self.window.recent.remember(path)
        self.window.set_table(
            table,
            columns=columns,
            label=label,
            weights=None if session is None else session.weight_column,
            missing="drop" if session is None else session.config.missing,
        )
        self.window._data_sha256 = checksum
        if session is not None and fits is not None:
            self.window.sessions.restore_session(session, fits)

    def _on_load_failed(self, request: tuple[Path, ...], message: str, details: str) -> None:
        path = request[0]
        self._pending_session = None  # its fit belongs to that file, never to the next one
        self.window.show_error(
            translate("MainWindow", "Could not open {name}: {message}").format(
                name=path.name, message=message
            ),
            details,
        )

    def generate_synthetic_dialog(self) -> None:
        dialog = SyntheticDialog(self.window)
        if dialog.exec() == SyntheticDialog.DialogCode.Accepted:
            self.generate_synthetic(dialog.spec(), dialog.seed())

    def true_values_dialog(self) -> TruthDialog | None:
        """Data > True values...: type (or forget) the truth of the chosen columns. Returns
        the dialog, opened (non-modal), or None without data."""
        window = self.window
        f = window.features
        if f is None:
            return None
        columns = [str(c) for c in f.columns]
        start = window.shown_truth()
        if start is None and window.result is not None:
            start = window.result.params  # a start to edit: the shown fit
        try:
            k = window.parameter_panel.config().n_components
        except UserError:
            k = 2
        dialog = TruthDialog(columns, start, k, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def accepted() -> None:
            truth = dialog.truth()
            window.set_truth(truth, columns)
            window._set_status(
                translate("MainWindow", "True values set: drawn dashed beside the fit.")
                if truth is not None
                else translate("MainWindow", "True values forgotten.")
            )

        dialog.accepted.connect(accepted)
        dialog.open()
        return dialog

    def generate_synthetic(self, spec: SyntheticSpec, seed: int) -> None:
        """Draw data from ``spec`` and open it like a file, keeping the true parameters."""
        X, component = generate(spec, seed)
        table = synthetic_table(spec, X, component)
        label = spec.label_name or TRUE_COMPONENT  # the truth is a label to compare with
        self.window.set_table(table, columns=list(spec.feature_names), label=label)
        self.window.set_truth(spec.params, list(spec.feature_names))

    def save_generated_data_dialog(self) -> None:
        """Data > Save generated data: the rows drawn, as CSV or Excel."""
        if not self.has_generated_data():
            self.window.show_error(
                translate("MainWindow", "Generate data first (Data > Generate synthetic data).")
            )
            return
        path, chosen = QFileDialog.getSaveFileName(
            self.window,
            translate("MainWindow", "Save generated data"),
            "generated.csv",
            translate("MainWindow", SAVE_DATA_FILTER),
        )
        if not path:
            return
        if Path(path).suffix.lower() not in DATA_SUFFIXES:
            path += ".xlsx" if "xlsx" in chosen else ".csv"
        try:
            self.save_generated_data(path)
        except UserError:
            pass  # save_generated_data has told the user

    def has_generated_data(self) -> bool:
        """True while the data shown were generated (also once a session kept them)."""
        table = self.window.table
        return table is not None and (table.source is None or self.window.true_params is not None)

    def save_generated_data(self, path: str | Path) -> Path:
        """Write the generated rows (features, label, true component) to ``path`` (.csv or
        .xlsx), atomically; the data shown stays the generated data."""
        table = self.window.table
        if table is None:
            raise UserError("there is no data to save")
        try:
            target = write_data_table(table.frame, path)
        except UserError as exc:
            self.window.show_error(error_text(exc))
            raise
        self.window._set_status(
            translate("MainWindow", "Generated data saved to {path}").format(path=target)
        )
        return target
