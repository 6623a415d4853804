"""The iteration table the homework prints: one row per EM iteration of the shown start, with
the log-likelihood, its change and every parameter (the columns of history.csv), under a line
saying whether the log-likelihood rose at every step."""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTableView, QVBoxLayout, QWidget

from ..engine import EMSnapshot
from ..io.export import history_frame, likelihood_steps
from .table_model import DataFrameModel

MAX_LISTED_FALLS = 8
# rows (besides the visible ones) whose text sets the column widths: Qt's default, 1,000, asked
# every cell of 48 columns x 1,000 rows for its size (6.7 s on the GUI thread when the tab
# was first shown after a 6,500-iteration fit, the monkey's worst freeze); the numbers of one
# column have much the same width all the way down
WIDTH_SAMPLE_ROWS = 50


def short_number(value: float) -> str:
    """Two significant digits, exponent without padding: 3.8e-7, 0.012, 150."""
    text = f"{value:.2g}"
    return re.sub(r"e([+-])0*(\d)", lambda m: f"e{'-' if m[1] == '-' else ''}{m[2]}", text)


class IterationTable(QWidget):
    """Every iteration of the shown start: ``summary`` (a QLabel) above ``view`` (a QTableView
    whose ``model`` holds ``history_frame``'s columns, one row per snapshot (T rows))."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel(self.tr("No fit yet: run one to see its iterations."))
        self.summary.setWordWrap(True)
        self.model = DataFrameModel()
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setVisible(False)  # the iteration column numbers the rows
        self.view.horizontalHeader().setResizeContentsPrecision(WIDTH_SAMPLE_ROWS)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        self._columns: list[str] = []
        self._shown: tuple[EMSnapshot, int] | None = None  # (first snapshot, T) on display

    def set_columns(self, columns: Sequence[str]) -> None:
        """The feature names of new data (the table empties until the next fit)."""
        self._columns = list(columns)
        self.set_history([], None)

    def set_history(self, snapshots: Sequence[EMSnapshot], current: int | None = None) -> None:
        """Show ``snapshots`` (one start's, T of them); select row ``current`` if given."""
        key = (snapshots[0], len(snapshots)) if snapshots else None
        if (
            key is None
            or self._shown is None
            or key[0] is not self._shown[0]
            or key[1] != self._shown[1]
        ):
            self._shown = key
            columns = self._columns
            if snapshots and len(columns) != snapshots[0].params.n_features:
                columns = [f"x{j + 1}" for j in range(snapshots[0].params.n_features)]
            frame = history_frame(list(snapshots), columns)
            self.model.set_frame(frame)
            self.view.resizeColumnsToContents()
            self.summary.setText(self.summary_text(snapshots))
        if current is not None and 0 <= current < self.model.rowCount():
            index = self.model.index(current, 0)
            self.view.selectionModel().select(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.view.scrollTo(index)

    def summary_text(self, snapshots: Sequence[EMSnapshot]) -> str:
        """ "The log-likelihood rose at every step (smallest rise 3.8e-7)." or where it fell."""
        if not snapshots:
            return self.tr("No fit yet: run one to see its iterations.")
        steps = likelihood_steps(
            [s.iteration for s in snapshots], [s.log_likelihood for s in snapshots]
        )
        if steps.smallest_rise is None:
            return self.tr("Only the start: no step was taken.")
        if not steps.falls:
            return self.tr("The log-likelihood rose at every step (smallest rise {rise}).").format(
                rise=short_number(steps.smallest_rise)
            )
        listed = ", ".join(str(i) for i, _ in steps.falls[:MAX_LISTED_FALLS])
        if len(steps.falls) > MAX_LISTED_FALLS:
            listed += ", …"
        return self.tr(
            "The log-likelihood fell at {n} step(s), at iteration {iterations} (largest fall "
            "{fall}); EM never lowers it, so a fall this size is rounding near convergence or "
            "a sign of trouble."
        ).format(
            n=len(steps.falls),
            iterations=listed,
            fall=short_number(-min(change for _, change in steps.falls)),
        )
