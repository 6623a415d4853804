"""A read-only, virtual Qt table model over a pandas DataFrame.

Cells are read one at a time when the view asks for them, so a 1,000,000-row table costs
only one numpy view per column at set-up (no per-row Python work).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from .i18n import QT_TRANSLATE_NOOP

LEFT_OUT_COLOR = QColor("#F6C9C9")
"""Background of rows the fit leaves out (an empty or non-number cell in a chosen column)."""

NOT_A_NUMBER = QT_TRANSLATE_NOOP("DataFrameModel", "(not a number)")
_Index = QModelIndex | QPersistentModelIndex


def format_number(value: float) -> str:
    """Show a number compactly: up to 6 significant digits, empty for a missing value."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    try:
        return f"{float(value):.6g}"
    except (TypeError, ValueError):
        return str(value)


def column_kind(series: pd.Series) -> str:
    """ "number" for numeric columns, "text" for everything else (plain words for users)."""
    is_number = pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)
    return "number" if is_number else "text"


class DataFrameModel(QAbstractTableModel):
    """Show a DataFrame in a QTableView; optionally shade rows the fit leaves out.

    The vertical header shows 1-based row numbers (what a spreadsheet user calls "row 5").
    """

    def __init__(self, frame: pd.DataFrame | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns: list[str] = []
        self._values: list[np.ndarray] = []
        self._kinds: list[str] = []
        self._dtypes: list[str] = []
        self._n_rows = 0
        self._dropped = np.zeros(0, dtype=bool)
        self._junk: dict[int, np.ndarray] = {}
        self._junk_brush = QBrush(QColor("#8A8A8A"))
        self._left_out_brush = QBrush(LEFT_OUT_COLOR)
        self._left_out_text = QBrush(QColor("black"))
        if frame is not None:
            self.set_frame(frame)

    # -- content ---------------------------------------------------------------------------------
    def set_frame(self, frame: pd.DataFrame) -> None:
        """Show ``frame``; clears any left-out highlighting."""
        self.beginResetModel()
        self._columns = [str(c) for c in frame.columns]
        # One array per column: positional access, no per-row work.
        self._values = [frame.iloc[:, j].to_numpy() for j in range(frame.shape[1])]
        self._kinds = [column_kind(frame.iloc[:, j]) for j in range(frame.shape[1])]
        self._dtypes = [str(frame.dtypes.iloc[j]) for j in range(frame.shape[1])]
        self._n_rows = int(frame.shape[0])
        self._dropped = np.zeros(self._n_rows, dtype=bool)
        self._junk = {}
        self.endResetModel()

    def set_junk_cells(self, junk: Mapping[str, np.ndarray]) -> None:
        """Mark cells of number columns that held text which is not a number (0-based rows by
        column name, as ``Table.junk_cells``); they show "(not a number)" in grey."""
        self._junk = {}
        for name, rows in junk.items():
            if name in self._columns:
                mask = np.zeros(self._n_rows, dtype=bool)
                positions = np.asarray(rows, dtype=np.int64)
                mask[positions[(positions >= 0) & (positions < self._n_rows)]] = True
                self._junk[self._columns.index(name)] = mask
        if self._n_rows and self._columns:
            self.dataChanged.emit(
                self.index(0, 0), self.index(self._n_rows - 1, len(self._columns) - 1)
            )

    def set_dropped_rows(self, rows: np.ndarray | None) -> None:
        """Shade the rows at these 0-based positions light red (None or empty clears)."""
        mask = np.zeros(self._n_rows, dtype=bool)
        if rows is not None and len(rows):
            positions = np.asarray(rows, dtype=np.int64)
            positions = positions[(positions >= 0) & (positions < self._n_rows)]
            mask[positions] = True
        changed = not np.array_equal(mask, self._dropped)
        self._dropped = mask
        if changed and self._n_rows and self._columns:
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(self._n_rows - 1, len(self._columns) - 1),
                [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole],
            )

    def dropped_rows(self) -> np.ndarray:
        """0-based positions of the shaded rows."""
        return np.flatnonzero(self._dropped)

    def is_dropped(self, row: int) -> bool:
        return bool(0 <= row < self._n_rows and self._dropped[row])

    def column_names(self) -> list[str]:
        return list(self._columns)

    def column_kind(self, column: int) -> str:
        """The column's type in plain words: "number" or "text"."""
        return self._kinds[column]

    # -- QAbstractTableModel -----------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else self._n_rows

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell_text(row, col)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if self._kinds[col] == "number":
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and self._is_junk(row, col):
            return self._junk_brush
        if role == Qt.ItemDataRole.ForegroundRole and self._dropped[row]:
            return self._left_out_text  # black on the light shade, in dark themes too
        if role == Qt.ItemDataRole.BackgroundRole and self._dropped[row]:
            return self._left_out_brush
        if role == Qt.ItemDataRole.ToolTipRole and self._dropped[row]:
            return self.tr(
                "Row {row} is left out of the fit: a chosen column is empty or not a number."
            ).format(row=row + 1)
        return None

    def cell_text(self, row: int, col: int) -> str:
        """The text shown in one cell."""
        value = self._values[col][row]
        if self._is_junk(row, col):
            return self.tr(NOT_A_NUMBER)
        if self._kinds[col] == "number":
            return format_number(value)
        if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
            return ""
        return str(value)

    def _is_junk(self, row: int, col: int) -> bool:
        mask = self._junk.get(col)
        return mask is not None and bool(mask[row])

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole:
                return str(section + 1)
            return None
        if not 0 <= section < len(self._columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            kind = self._kinds[section]
            what = (
                self.tr("'{name}' holds numbers (number column, {dtype})")
                if kind == "number"
                else self.tr("'{name}' holds text (text column, {dtype})")
            )
            return what.format(name=self._columns[section], dtype=self._dtypes[section])
        return None
