"""The data panel: preview the table, choose the feature columns and the label column.

The panel owns no I/O: it is given a loaded ``Table`` and turns the user's choice into a
``FeatureData`` with ``select_features`` (cached until the choice changes).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..errors import UserError
from ..io.features import FeatureData, default_features, select_features
from ..io.table import Table
from .column_summary import ColumnSummary
from .i18n import QT_TRANSLATE_NOOP, error_text, translate
from .scrolling import scrolling
from .style import error_color
from .table_model import DataFrameModel, column_kind
from .table_prep import column_stats, default_selection, prepared_selection, take_features

NO_LABEL = QT_TRANSLATE_NOOP("DataPanel", "(none)")
NO_WEIGHTS = NO_LABEL  # every row counts once (the tooltip says so)
# What a fit does with rows that have empty cells (engine.config.MISSING_CHOICES), as offered
MISSING_LABELS = (
    ("drop", QT_TRANSLATE_NOOP("DataPanel", "leave out")),
    ("model", QT_TRANSLATE_NOOP("DataPanel", "use in the model")),
)
SIDE_BY_SIDE_WIDTH = 560  # px: narrower panels put the preview under the column list
_CHECKABLE = Qt.ItemFlag.ItemIsUserCheckable
_DIMMED = QBrush(QColor("#8A8A8A"))


def _rows(n: int) -> str:
    one, many = translate("DataPanel", "{n} row"), translate("DataPanel", "{n} rows")
    return (one if n == 1 else many).format(n=f"{n:,}")


def _columns_chosen(n: int) -> str:
    one = translate("DataPanel", "{n} column chosen")
    many = translate("DataPanel", "{n} columns chosen")
    return (one if n == 1 else many).format(n=f"{n:,}")


class DataPanel(QWidget):
    """Preview of the loaded table with the feature and label choice, a status line and a
    summary of the column under the cursor.

    ``sig_selection_changed`` fires only for the user's own changes; ``set_table`` and
    ``set_selection`` are silent, so a window syncing a session into the panel causes no echo.
    """

    sig_selection_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._table: Table | None = None
        self._label: str | None = None
        self._weights: str | None = None
        self._features: FeatureData | None = None
        self._error: str | None = None
        self._syncing = False

        self._model = DataFrameModel(parent=self)
        self._preview = QTableView()
        self._preview.setModel(self._model)
        self._preview.setAlternatingRowColors(False)
        self._preview.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._preview.verticalHeader().setDefaultSectionSize(22)
        self._preview.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._preview.horizontalHeader().setDefaultSectionSize(110)
        for header in (self._preview.horizontalHeader(), self._preview.verticalHeader()):
            header.setResizeContentsPrecision(200)  # widths from 200 rows, not 1,000

        self._columns = QTreeWidget()
        self._columns.setColumnCount(2)
        self._columns.setHeaderLabels([self.tr("Column"), self.tr("Type")])
        self._columns.setRootIsDecorated(False)
        self._columns.setMinimumHeight(110)
        self._columns.setUniformRowHeights(True)
        self._columns.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self._columns.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self._columns.header().setStretchLastSection(False)
        self._columns.setToolTip(
            self.tr("Tick the number columns the mixture should be fitted to (the features).")
        )

        self._label_combo = QComboBox()
        self._label_combo.setToolTip(
            self.tr(
                "A column of known groups (for example sex). It is never fitted; the results\n"
                "compare the fitted components with these groups. Choose (none) if there is none."
            )
        )

        self._weights_combo = QComboBox()
        self._weights_combo.setToolTip(
            self.tr(
                "A number column of row weights or frequencies: a row with weight 3 counts as\n"
                "three rows, and n in BIC and the other indices is the sum of the weights.\n"
                "Every weight must be a number of 0 or more. (none): every row counts once."
            )
        )
        self._missing_combo = QComboBox()
        for _key, text in MISSING_LABELS:
            self._missing_combo.addItem(self.tr(text))
        self._missing_combo.setToolTip(
            self.tr(
                "Leave out: rows with an empty chosen cell are not fitted (shaded red).\n"
                "Use in the model: such rows are fitted on the cells they have, and EM fills\n"
                "the empty ones in the model. Rows with every chosen cell empty are left out."
            )
        )

        self._summary = ColumnSummary()
        self._status = QLabel(self.tr("No data loaded yet."))
        self._status.setWordWrap(True)
        self._status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self._build_layout()
        self._columns.itemChanged.connect(self._on_columns_item_changed)
        self._columns.currentItemChanged.connect(self._on_columns_current_changed)
        self._label_combo.currentIndexChanged.connect(self._on_label_combo_changed)
        self._weights_combo.currentIndexChanged.connect(self._on_weights_combo_changed)
        self._missing_combo.currentIndexChanged.connect(self._on_missing_combo_changed)

    def _build_layout(self) -> None:
        title = QLabel(self.tr("Columns to fit"))
        font = QFont(title.font())
        font.setBold(True)
        title.setFont(font)
        hint = QLabel(self.tr("Tick the number columns to fit. Text columns can be the label."))
        hint.setWordWrap(True)
        label_form = QFormLayout()
        label_form.setContentsMargins(0, 0, 0, 0)
        label_form.addRow(self.tr("Label column:"), self._label_combo)
        label_form.addRow(self.tr("Weights:"), self._weights_combo)
        label_form.addRow(self.tr("Rows with empty cells:"), self._missing_combo)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 4, 0)
        left.setMinimumWidth(200)
        left_layout.addWidget(title)
        left_layout.addWidget(hint)
        left_layout.addWidget(self._columns, 1)
        left_layout.addLayout(label_form)
        left_layout.addWidget(self._summary, 0)  # as tall as its content; the list takes the rest

        preview_title = QLabel(self.tr("Preview (rows left out of the fit are shaded red)"))
        preview_title.setFont(font)
        preview_title.setWordWrap(True)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(4, 0, 0, 0)
        right_layout.addWidget(preview_title)
        right_layout.addWidget(self._preview, 1)

        right.setMinimumWidth(160)
        self._splitter = QSplitter(Qt.Orientation.Horizontal)
        self._splitter.addWidget(scrolling(left))  # a tall summary scrolls
        self._splitter.addWidget(right)
        self._splitter.setStretchFactor(0, 0)
        self._splitter.setStretchFactor(1, 1)
        self._splitter.setSizes([300, 600])
        self._splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self._splitter, 1)
        layout.addWidget(self._status)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Columns beside the preview when there is room, above it in a narrow dock."""
        super().resizeEvent(event)
        wide = event.size().width() >= SIDE_BY_SIDE_WIDTH
        orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self._splitter.orientation() != orientation:
            self._splitter.setOrientation(orientation)
            self._splitter.setSizes([300, 600] if wide else [360, 240])

    # -- public API ------------------------------------------------------------------------------
    def set_table(
        self,
        table: Table,
        columns: list[str] | None = None,
        label: str | None = None,
        *,
        weights: str | None = None,
        missing: str = "drop",
    ) -> None:
        """Show ``table`` and choose its columns, silently (no sig_selection_changed).

        Without ``columns`` and ``label``: the first text label candidate is the label, and the
        features are io's ``default_features`` (every number column except the label, columns
        that look like group codes and a running row number). ``weights`` is the column of
        row weights (None: none), ``missing`` "drop" or "model" (rows with empty cells).
        """
        self._table = table
        candidates = table.label_candidates()  # not cheap on big tables: ask once
        self._model.set_frame(table.frame)
        self._model.set_junk_cells(getattr(table, "junk_cells", {}))
        self._preview.resizeColumnsToContents()
        for j in range(self._model.columnCount()):
            self._preview.setColumnWidth(j, min(max(self._preview.columnWidth(j), 70), 220))
        if columns is None and label is None:
            columns, label = prepared_selection(table) or default_selection(table, candidates)
        elif columns is None:
            columns = default_features(table, label if label in table.frame.columns else None)
        self._syncing = True
        try:
            self._fill_label_combo(candidates)
            self._fill_weights_combo(table)
            self._fill_column_list(table)
            self._weights = None
            self._missing_combo.setCurrentIndex(self._missing_index(missing))
        finally:
            self._syncing = False
        self.set_selection(columns, label, weights=weights)
        self._show_summary_of(label if label else (columns[0] if columns else None))

    def table(self) -> Table | None:
        """The table on show, or None."""
        return self._table

    def selected_columns(self) -> list[str]:
        """The ticked feature columns, in table order."""
        chosen = []
        for item in self._column_items():
            if item.flags() & _CHECKABLE and item.checkState(0) == Qt.CheckState.Checked:
                chosen.append(item.text(0))
        return chosen

    def label_column(self) -> str | None:
        """The label column, or None."""
        return self._label

    def weight_column(self) -> str | None:
        """The column of row weights, or None (every row counts once)."""
        return self._weights

    def missing_mode(self) -> str:
        """What the fit does with rows that have empty cells: "drop" or "model"."""
        return MISSING_LABELS[max(0, self._missing_combo.currentIndex())][0]

    def weights_combo(self) -> QComboBox:
        """The weights choice (for tests)."""
        return self._weights_combo

    def missing_combo(self) -> QComboBox:
        """The choice for rows with empty cells (for tests)."""
        return self._missing_combo

    def set_selection(
        self,
        columns: Sequence[str],
        label: str | None,
        *,
        weights: str | None = None,
        missing: str | None = None,
    ) -> None:
        """Choose features, label, weights (and, unless None, the treatment of rows with empty
        cells) programmatically, without emitting sig_selection_changed.

        Unknown or text columns are ignored; the label and the weights are never features.
        """
        if self._table is None:
            return
        known_label = label if label in self._table.frame.columns else None
        known_weights = weights if weights in self._table.numeric_columns() else None
        if known_weights == known_label:
            known_weights = None
        self._syncing = True
        try:
            if missing is not None:
                self._missing_combo.setCurrentIndex(self._missing_index(missing))
            index = self._label_combo.findText(known_label) if known_label else 0
            if index < 0:  # a valid column that is not a label candidate: add it
                self._label_combo.addItem(str(known_label))
                index = self._label_combo.count() - 1
            self._label_combo.setCurrentIndex(index)
            self._apply_label(known_label)
            index = self._weights_combo.findText(known_weights) if known_weights else 0
            self._weights_combo.setCurrentIndex(max(0, index))
            self._apply_weights(known_weights)
            wanted = set(columns)
            for item in self._column_items():
                if item.flags() & _CHECKABLE:
                    on = item.text(0) in wanted
                    item.setCheckState(0, Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        finally:
            self._syncing = False
        self._recompute()

    def features(self) -> FeatureData | None:
        """The data to fit for the current choice, or None (see ``feature_error``)."""
        return self._features

    def feature_error(self) -> str | None:
        """Why there is nothing to fit, in plain words, or None."""
        return self._error

    def status_text(self) -> str:
        """The status line as shown."""
        return self._status.text()

    def summary(self) -> ColumnSummary:
        """The column summary box (for the window and for tests)."""
        return self._summary

    def model(self) -> DataFrameModel:
        """The preview's model."""
        return self._model

    def column_item(self, name: str) -> QTreeWidgetItem | None:
        """The column list's row for ``name``."""
        for item in self._column_items():
            if item.text(0) == name:
                return item
        return None

    def _column_items(self) -> list[QTreeWidgetItem]:
        items = (self._columns.topLevelItem(i) for i in range(self._columns.topLevelItemCount()))
        return [item for item in items if item is not None]

    # -- building --------------------------------------------------------------------------------
    def _fill_label_combo(self, candidates: list[str]) -> None:
        self._label_combo.clear()
        self._label_combo.addItem(self.tr(NO_LABEL))
        for name in candidates:
            self._label_combo.addItem(name)

    def _fill_weights_combo(self, table: Table) -> None:
        self._weights_combo.clear()
        self._weights_combo.addItem(self.tr(NO_WEIGHTS))
        for name in table.numeric_columns():
            self._weights_combo.addItem(str(name))

    @staticmethod
    def _missing_index(missing: str) -> int:
        keys = [key for key, _text in MISSING_LABELS]
        return keys.index(missing) if missing in keys else 0

    def _fill_column_list(self, table: Table) -> None:
        self._columns.clear()
        usable = set(table.numeric_columns())
        for name in table.frame.columns:
            is_number = table.is_numeric(name)
            item = QTreeWidgetItem([str(name), self.tr("number") if is_number else self.tr("text")])
            item.setData(0, Qt.ItemDataRole.UserRole, name in usable)
            self._columns.addTopLevelItem(item)
            why = (
                self.tr("'{name}' is empty, so there is nothing to fit.").format(name=name)
                if is_number
                else ""
            )
            self._set_checkable(item, name in usable, why)
        self._columns.resizeColumnToContents(1)

    def _set_checkable(self, item: QTreeWidgetItem, checkable: bool, why: str = "") -> None:
        name = item.text(0)
        if checkable:
            item.setFlags(item.flags() | _CHECKABLE)
            item.setData(0, Qt.ItemDataRole.CheckStateRole, Qt.CheckState.Unchecked)
            item.setForeground(0, QBrush())
            item.setForeground(1, QBrush())
            tip = self.tr("'{name}' holds numbers: tick it to fit the mixture to it.").format(
                name=name
            )
        else:
            item.setFlags(item.flags() & ~_CHECKABLE)
            item.setData(0, Qt.ItemDataRole.CheckStateRole, None)  # no box at all
            item.setForeground(0, _DIMMED)
            item.setForeground(1, _DIMMED)
            tip = why or self.tr(
                "'{name}' holds text, so it cannot be fitted. "
                "It can be the label column instead (groups to compare the fit with)."
            ).format(name=name)
        item.setToolTip(0, tip)
        item.setToolTip(1, tip)

    def _apply_label(self, label: str | None) -> None:
        """Make ``label`` the label column: untick it and make it unavailable as a feature."""
        previous, self._label = self._label, label
        if previous and previous != label:
            item = self.column_item(previous)
            if item is not None and item.data(0, Qt.ItemDataRole.UserRole):
                self._set_checkable(item, True)
        if label:
            item = self.column_item(label)
            if item is not None:
                self._set_checkable(
                    item,
                    False,
                    self.tr(
                        "'{name}' is the label column, so it is not fitted. "
                        "Set the label to (none) to fit it."
                    ).format(name=label),
                )

    def _apply_weights(self, weights: str | None) -> None:
        """Make ``weights`` the weight column: untick it and make it unavailable as a feature."""
        previous, self._weights = self._weights, weights
        if previous and previous != weights and previous != self._label:
            item = self.column_item(previous)
            if item is not None and item.data(0, Qt.ItemDataRole.UserRole):
                self._set_checkable(item, True)
        if weights:
            item = self.column_item(weights)
            if item is not None:
                self._set_checkable(
                    item,
                    False,
                    self.tr(
                        "'{name}' holds the row weights, so it is not fitted. "
                        "Set the weights to (none) to fit it."
                    ).format(name=weights),
                )

    # -- reacting --------------------------------------------------------------------------------
    def _recompute(self) -> None:
        """Run select_features for the current choice and update the status and shading."""
        self._features, self._error = None, None
        if self._table is None:
            self._show_status(self.tr("No data loaded yet."), error=False)
            return
        columns = self.selected_columns()
        if not columns:
            self._error = self.tr("Choose at least one number column to fit (tick it in the list).")
        else:
            try:
                prepared = (  # the loader's task made the default selection's features
                    take_features(self._table, columns, self._label)
                    if self._weights is None and self.missing_mode() == "drop"
                    else None
                )
                self._features = prepared or select_features(
                    self._table, columns, self._label, self._weights, self.missing_mode()
                )
            except UserError as exc:
                self._error = error_text(exc)
        if self._features is None:
            self._model.set_dropped_rows(None)
            self._show_status(str(self._error), error=True)
            return
        fd = self._features
        self._model.set_dropped_rows(fd.dropped_rows)
        parts = [
            _rows(self._table.n_rows),
            _columns_chosen(len(fd.columns)),
            fd.drop_summary() or self.tr("no rows left out"),  # drop_summary: io, English
        ]
        if self._label:
            parts.append(self.tr("label: {name}").format(name=self._label))
        if fd.weights is not None:
            parts.append(
                self.tr("weights: {name} (sum {total})").format(
                    name=fd.weight_column, total=f"{float(fd.weights.sum()):,.6g}"
                )
            )
        if fd.missing == "model" and fd.cells_missing:
            parts.append(
                self.tr("{n} empty cells to fill in the model").format(n=f"{fd.cells_missing:,}")
            )
        self._show_status(" · ".join(parts), error=False)

    def _show_status(self, text: str, error: bool) -> None:
        self._status.setText(text)
        self._status.setStyleSheet(f"color: {error_color(self)};" if error else "")

    def _show_summary_of(self, name: str | None) -> None:
        if self._table is None or name is None or name not in self._table.frame.columns:
            self._summary.clear()
            return
        series = self._table.frame[name]
        as_groups = name == self._label or column_kind(series) == "text"
        # prepared in the loader's thread for a freshly read table; kept once computed
        self._summary.show_stats(name, column_stats(self._table, name, as_groups))

    def _on_columns_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._syncing or column != 0:
            return
        self._recompute()
        self.sig_selection_changed.emit()

    def _on_columns_current_changed(
        self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None
    ) -> None:
        self._show_summary_of(current.text(0) if current is not None else None)

    def _on_weights_combo_changed(self, index: int) -> None:
        if self._syncing:
            return
        weights = None if index <= 0 else self._weights_combo.itemText(index)
        if weights is not None and weights == self._label:
            weights = None  # the label column cannot weigh the rows too
        self._syncing = True
        try:
            self._apply_weights(weights)
            if weights is None:
                self._weights_combo.setCurrentIndex(0)
        finally:
            self._syncing = False
        self._recompute()
        self.sig_selection_changed.emit()

    def _on_missing_combo_changed(self, _index: int) -> None:
        if self._syncing:
            return
        self._recompute()
        self.sig_selection_changed.emit()

    def _on_label_combo_changed(self, index: int) -> None:
        if self._syncing:
            return
        text = self._label_combo.itemText(index)
        label = None if index <= 0 or text == NO_LABEL else text
        self._syncing = True
        try:
            if label is not None and label == self._weights:  # one column cannot be both
                self._weights_combo.setCurrentIndex(0)
                self._apply_weights(None)
            self._apply_label(label)
        finally:
            self._syncing = False
        self._recompute()
        self._show_summary_of(label)
        self.sig_selection_changed.emit()


def _preview() -> None:  # pragma: no cover - manual preview
    """Show the panel on a generated heights table (python -m gmm_desktop.qt.data_panel)."""
    import sys

    import numpy as np
    import pandas as pd
    from PySide6.QtWidgets import QApplication

    from ..io.table import table_from_frame
    from .style import configure_pyqtgraph

    app = QApplication.instance() or QApplication(sys.argv)
    configure_pyqtgraph()
    rng = np.random.default_rng(0)
    sex = rng.choice(["M", "F"], size=1000, p=[0.55, 0.45])
    height = np.where(sex == "M", rng.normal(176, 6, 1000), rng.normal(163, 5.5, 1000)).round(1)
    frame = pd.DataFrame({"sex": sex.astype(object), "height": height})
    frame.loc[[4, 8], "height"] = np.nan
    table = table_from_frame(frame)
    panel = DataPanel()
    panel.set_table(table)
    panel.resize(1000, 650)
    panel.show()
    app.exec()


if __name__ == "__main__":  # pragma: no cover
    _preview()
