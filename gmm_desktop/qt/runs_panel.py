"""The runs list: every fit of a session, to show again, compare any number of, or delete."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..engine import FitResult
from ..engine.diagnostics import degenerate_components
from .i18n import QT_TRANSLATE_NOOP, message_text
from .results_panel import reached_once, starts_tooltip
from .run_cards import RunCardDelegate
from .runs_compare import RunComparisonDialog, start_method, start_values, starts_cell
from .style import error_color, warning_color

HEAD = (  # translated where shown
    QT_TRANSLATE_NOOP("RunsPanel", "run"),
    QT_TRANSLATE_NOOP("RunsPanel", "start"),
    QT_TRANSLATE_NOOP("RunsPanel", "initial values"),
    QT_TRANSLATE_NOOP("RunsPanel", "K"),
    QT_TRANSLATE_NOOP("RunsPanel", "covariance"),
    QT_TRANSLATE_NOOP("RunsPanel", "log-likelihood"),
    QT_TRANSLATE_NOOP("RunsPanel", "iterations"),
    QT_TRANSLATE_NOOP("RunsPanel", "converged"),
    QT_TRANSLATE_NOOP("RunsPanel", "BIC"),
    QT_TRANSLATE_NOOP("RunsPanel", "starts reaching the best"),
    QT_TRANSLATE_NOOP("RunsPanel", "problems"),
    QT_TRANSLATE_NOOP("RunsPanel", "warnings"),
)
HEAD_TIPS = (  # what each column means, on its header
    QT_TRANSLATE_NOOP("RunsPanel", "The run's number in this list"),
    QT_TRANSLATE_NOOP("RunsPanel", "How EM chose its starting values"),
    QT_TRANSLATE_NOOP("RunsPanel", "The starting values of the start EM kept"),
    QT_TRANSLATE_NOOP("RunsPanel", "Number of components"),
    QT_TRANSLATE_NOOP("RunsPanel", "The covariance model"),
    QT_TRANSLATE_NOOP("RunsPanel", "The log-likelihood EM ended at (higher is better)"),
    QT_TRANSLATE_NOOP("RunsPanel", "EM iterations of the kept start"),
    QT_TRANSLATE_NOOP("RunsPanel", "Whether EM settled before the iteration limit"),
    QT_TRANSLATE_NOOP("RunsPanel", "Bayesian information criterion (lower is better)"),
    QT_TRANSLATE_NOOP("RunsPanel", "How many of the starts ended at the best log-likelihood"),
    QT_TRANSLATE_NOOP("RunsPanel", "Collapsed or empty components"),
    QT_TRANSLATE_NOOP("RunsPanel", "How many warnings the fit gave (point at a cell to read them)"),
)
STARTS_COLUMN = 9
WARNINGS_COLUMN = 11
PROBLEMS_COLUMN = 10
# The order a run's card shows its facts in: what it is, how good, how it got there, its start.
CARD_ORDER = (0, 3, 4, 5, 8, 6, 7, STARTS_COLUMN, PROBLEMS_COLUMN, WARNINGS_COLUMN, 1, 2)
OWN_LINE_COLUMNS = (1, 2)  # the start method and starting values begin a line of their own
# The problem flags (kept English in run_problems, translated where shown).
_FLAGS = (
    QT_TRANSLATE_NOOP("RunsPanel", "collapsed"),
    QT_TRANSLATE_NOOP("RunsPanel", "empty component"),
)


def start_lines(values: str) -> str:
    """Starting values as short lines ("w 0.7/0.3", "mean 180/165", ...; with several
    columns a line per component's means), every one of them."""
    return values.replace(" · ", "\n").replace("), (", "),\n(")


def run_problems(result: FitResult, X: np.ndarray | None = None) -> tuple[str, str]:
    """A short flag ("collapsed", "empty component" or "") and the full reasons as a tooltip.

    The fit's own warnings are always read; with the data X (n, d) the engine's stricter
    ``degenerate_components`` check (components sitting on one recorded value) is added.
    """
    reasons = [w for w in result.warnings if "collapsed" in w or "almost no data" in w]
    if X is not None and X.shape[0] == result.n_samples:
        found = degenerate_components(
            X,
            result.params,
            result.responsibilities,
            result.config.reg_covar,
            result.config.covariance_type,
        )
        reasons += [r for r in found.values() if r not in reasons]
    tooltip = "\n".join(message_text(r) for r in reasons)  # in the window's language
    if any("almost no data" not in r for r in reasons):
        return "collapsed", tooltip
    if reasons:
        return "empty component", tooltip
    return "", ""


class RunsPanel(QWidget):
    """Every fit of the session in a table: Show one, Compare two or more, Delete some.

    Signals
    -------
    sig_show_run(object) : a run's FitResult, to show in the main plots (double-click or Show).
    sig_runs_changed() : a run was added or removed.
    """

    sig_show_run = Signal(object)
    sig_runs_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runs: list[tuple[int, FitResult, list[str], str, str]] = []
        self._next_id = 1
        self.compare_dialog: RunComparisonDialog | None = None
        self.table = QTableWidget(0, len(HEAD))
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in HEAD])
        for column, tip in enumerate(HEAD_TIPS):
            header_item = self.table.horizontalHeaderItem(column)
            if header_item is not None:
                header_item.setToolTip(self.tr(tip))
        # A card per run in the first column (a narrow dock never scrolls sideways); the
        # other columns hold the facts the card draws (see run_cards).
        self.cards = RunCardDelegate(self.table, self.card_facts)
        self.table.setItemDelegateForColumn(0, self.cards)
        for column in range(1, len(HEAD)):
            self.table.setColumnHidden(column, True)
        self.table.horizontalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setMinimumSectionSize(1)
        self.table.viewport().installEventFilter(self)  # its width sets the cards' lines
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setShowGrid(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.setToolTip(
            self.tr(
                "Every fit you ran. Double-click a run to show it again; select two or more "
                "(Ctrl+click) and press Compare to see them side by side. Point at a fact "
                "to read what it means."
            )
        )
        self.table.itemSelectionChanged.connect(self._on_table_selection_changed)
        self.table.cellDoubleClicked.connect(self._on_table_cell_double_clicked)
        self.empty_label = QLabel(self.tr("No runs yet. Every fit you run is listed here."))
        self.empty_label.setWordWrap(True)
        self.empty_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # dimmed, any theme
        self.show_button = QPushButton(self.tr("Show"))
        self.show_button.setToolTip(self.tr("Show the selected run in the plots and the results"))
        self.show_button.clicked.connect(self._on_show_button_clicked)
        self.compare_button = QPushButton(self.tr("Compare"))
        self.compare_button.setToolTip(
            self.tr("Select two or more runs (Ctrl+click) to see them side by side")
        )
        self.compare_button.clicked.connect(self._on_compare_button_clicked)
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setToolTip(self.tr("Remove the selected runs from this list"))
        self.delete_button.clicked.connect(self._on_delete_button_clicked)
        buttons = QHBoxLayout()
        for button in (self.show_button, self.compare_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._update_buttons()

    # ------------------------------------------------------------------ public API
    def add_run(
        self, result: FitResult, columns: Sequence[str], X: np.ndarray | None = None
    ) -> int:
        """Append a finished fit; returns its run number (never reused in this list).

        ``X`` (the data fitted, optional) lets the collapse check use the recorded values.
        """
        run_id = self._next_id
        self._next_id += 1
        flag, reasons = run_problems(result, X)
        self._runs.append((run_id, result, [str(c) for c in columns], flag, reasons))
        self._append_row(run_id, result, list(columns), flag, reasons)
        self._update_buttons()
        self.sig_runs_changed.emit()
        return run_id

    def runs(self) -> list[tuple[int, FitResult]]:
        """(run number, FitResult) of every run, oldest first."""
        return [(run_id, result) for run_id, result, *_ in self._runs]

    def clear(self) -> None:
        """Forget every run (new data) and number runs from 1 again."""
        self._runs = []
        self._next_id = 1
        self.table.setRowCount(0)
        self._update_buttons()
        self.sig_runs_changed.emit()

    def select_runs(self, run_ids: Sequence[int]) -> None:
        """Select the rows of these run numbers (for tests and for the window)."""
        self.table.clearSelection()
        mode = self.table.selectionMode()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        for row, (run_id, *_) in enumerate(self._runs):
            if run_id in run_ids:
                self.table.selectRow(row)
        self.table.setSelectionMode(mode)

    def selected_runs(self) -> list[int]:
        """Run numbers of the selected rows, in table order."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self._runs[r][0] for r in rows if r < len(self._runs)]

    def compare(self, *run_ids: int) -> RunComparisonDialog:
        """Open (non-modal) the side-by-side comparison of two or more runs; the first given is
        the one the others' components are paired with."""
        entries = [self._entry(run_id) for run_id in run_ids]
        if self.compare_dialog is not None:
            self.compare_dialog.close()
            self.compare_dialog.deleteLater()
        dialog = RunComparisonDialog(
            [(e[0], e[1]) for e in entries], entries[0][2], [e[3] for e in entries], self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.compare_dialog = dialog
        dialog.show()
        return dialog

    # ------------------------------------------------------------------ handlers
    def _on_table_selection_changed(self) -> None:
        self._update_buttons()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_cards()  # the dock changed width: the cards wrap again
        return super().eventFilter(watched, event)

    def _on_table_cell_double_clicked(self, row: int, _column: int) -> None:
        if 0 <= row < len(self._runs):
            self.sig_show_run.emit(self._runs[row][1])

    def _on_show_button_clicked(self) -> None:
        selected = self.selected_runs()
        if len(selected) == 1:
            self.sig_show_run.emit(self._entry(selected[0])[1])

    def _on_compare_button_clicked(self) -> None:
        selected = self.selected_runs()
        if len(selected) >= 2:
            self.compare(*selected)

    def _on_delete_button_clicked(self) -> None:
        doomed = set(self.selected_runs())
        if not doomed:
            return
        for row in reversed(range(len(self._runs))):
            if self._runs[row][0] in doomed:
                del self._runs[row]
                self.table.removeRow(row)
        self._update_buttons()
        self.sig_runs_changed.emit()

    def card_facts(self, row: int) -> list[tuple[int, str, str, bool]]:
        """(column, label, value, starts a line) of every fact of row ``row``'s card."""
        facts = []
        for column in CARD_ORDER:
            item = self.table.item(row, column)
            if item is not None:
                label = self.tr("run") if column == 0 else self.tr(HEAD[column])
                facts.append((column, label, item.text(), column in OWN_LINE_COLUMNS))
        return facts

    def fit_cards(self) -> None:
        """Make every row as tall as its card at the list's width (its only column
        stretches over the whole viewport)."""
        width = self.table.viewport().width()
        for row in range(self.table.rowCount()):
            height = self.cards.card(row, width)[1]
            if self.table.rowHeight(row) != height:
                self.table.setRowHeight(row, height)

    # ------------------------------------------------------------------ helpers
    def _entry(self, run_id: int) -> tuple[int, FitResult, list[str], str, str]:
        for entry in self._runs:
            if entry[0] == run_id:
                return entry
        raise KeyError(f"there is no run {run_id}")

    def _update_buttons(self) -> None:
        n = len(self.selected_runs())
        self.show_button.setEnabled(n == 1)
        self.compare_button.setEnabled(n >= 2)
        self.delete_button.setEnabled(n >= 1)
        self.empty_label.setVisible(not self._runs)

    def _append_row(
        self, run_id: int, result: FitResult, columns: list[str], flag: str, reasons: str
    ) -> None:
        values = start_values(result, columns)
        cells = [
            str(run_id),
            start_method(result),
            start_lines(values),
            str(result.params.n_components),
            result.config.covariance_type,
            f"{result.log_likelihood:.2f}",
            str(result.n_iter),
            self.tr("yes") if result.converged else self.tr("no"),
            f"{result.bic:.2f}",
            starts_cell(result),
            self.tr(flag) if flag else self.tr("none"),
            str(len(result.warnings)) if result.warnings else self.tr("none"),
        ]
        row = self.table.rowCount()
        self.table.insertRow(row)
        for col, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(self.tr(HEAD_TIPS[col]))  # what the fact means
            self.table.setItem(row, col, item)
        first = self.table.item(row, 0)
        assert first is not None  # a screen reader hears the whole card, not only its number
        first.setData(
            Qt.ItemDataRole.AccessibleTextRole,
            "; ".join(f"{label} {value}" for _, label, value, _ in self.card_facts(row)),
        )
        start_item = self.table.item(row, 2)
        assert start_item is not None
        start_item.setToolTip(self.tr("Where EM started: {values}").format(values=values))
        starts = self.table.item(row, STARTS_COLUMN)
        assert starts is not None
        starts.setToolTip(starts_tooltip(result))
        if reached_once(result):
            starts.setForeground(QBrush(QColor(warning_color(self))))
        if result.warnings:
            warnings = self.table.item(row, WARNINGS_COLUMN)
            assert warnings is not None
            warnings.setToolTip("\n".join(result.warnings))
            warnings.setForeground(QBrush(QColor(warning_color(self))))
        if flag:
            problem = self.table.item(row, PROBLEMS_COLUMN)
            assert problem is not None
            problem.setForeground(QBrush(QColor(error_color(self))))
            problem.setToolTip(reasons)
        if not result.converged:
            conv = self.table.item(row, 7)
            assert conv is not None
            conv.setToolTip(self.tr("EM stopped at the iteration limit before it settled"))
            conv.setForeground(QBrush(QColor(warning_color(self))))
        self.fit_cards()


def _preview() -> int:  # pragma: no cover - manual preview
    from ..engine import FitConfig, MixtureParams, fit
    from ..io import read_table, select_features
    from ..io.demo import demo_path
    from .plots.preview import preview_app, run_preview

    app = preview_app()
    features = select_features(read_table(demo_path("heights")), ["height"])
    X = features.X
    manual = MixtureParams.from_user([0.7, 0.3], [180, 165], standard_deviations=[5, 5])
    panel = RunsPanel()
    for config in (
        FitConfig(2, init="manual", init_params=manual),
        FitConfig(2, init="random-from-data", seed=3),
        FitConfig(3, init="kmeans++", seed=1),
    ):
        panel.add_run(fit(X, config), features.columns, X)
    return run_preview(app, panel, "Runs — heights", 300, 600)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(_preview())
