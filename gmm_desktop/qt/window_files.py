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
from ..io import Table
from ..io.demo import demo_path
from ..io.session import Session
from ..io.synthetic_table import TRUE_COMPONENT, synthetic_table
from .i18n import QT_TRANSLATE_NOOP, translate
from .synthetic_dialog import SyntheticDialog
from .truth_dialog import TruthDialog

if TYPE_CHECKING:
    from .main_window import MainWindow

FILE_FILTER = QT_TRANSLATE_NOOP(
    "MainWindow", "Data files (*.csv *.tsv *.txt *.dat *.xlsx *.xls);;All files (*)"
)


class WindowFiles:
    """The window's ways to open data (``window.files``); results arrive through the
    window's FileLoader and end in ``window.set_table``."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self._pending_session: Session | None = None  # restored once its file has loaded
        loader = window.loader
        loader.sig_progress.connect(lambda f: window._set_progress(int(100 * f)))
        loader.sig_loaded.connect(self._on_load_done)
        loader.sig_failed.connect(self._on_load_failed)
        loader.sig_ended.connect(lambda: window.progress.setVisible(False))

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
            self.open_file(path)

    def open_demo(self, key: str) -> None:
        self.open_file(demo_path(key), remember=False)

    def open_file(
        self,
        path: str | Path,
        *,
        columns: list[str] | None = None,
        label: str | None = None,
        remember: bool = True,
        session: Session | None = None,
    ) -> None:
        """Load a file in the background (progress in the status bar; a new load cancels).

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

        self.window.loader.load(path, (path, columns, label, remember))

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
        self.window.set_table(table, columns=columns, label=label)
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
