"""A small box describing one column: number statistics, or the groups of a label column."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .table_model import column_kind, format_number

# Pastel colours for groups: deliberately unlike the saturated component colours.
GROUP_COLORS: tuple[str, ...] = (
    "#A6CEE3",
    "#FDBF6F",
    "#B2DF8A",
    "#FB9A99",
    "#CAB2D6",
    "#FFFF99",
    "#D9D9D9",
    "#CCEBC5",
)
MAX_GROUPS_SHOWN = 12


@dataclass(frozen=True)
class NumberStats:
    """What the box shows for a number column (sd is the sample sd, as pandas' describe)."""

    count: int
    missing: int
    mean: float
    sd: float
    min: float
    max: float

    @classmethod
    def of(cls, series: pd.Series) -> NumberStats:
        values = pd.to_numeric(series, errors="coerce")
        finite = values[np.isfinite(values.to_numpy(dtype=float, na_value=np.nan))]
        n = int(finite.shape[0])
        return cls(
            count=n,
            missing=int(series.shape[0] - n),
            mean=float(finite.mean()) if n else float("nan"),
            sd=float(finite.std()) if n > 1 else float("nan"),
            min=float(finite.min()) if n else float("nan"),
            max=float(finite.max()) if n else float("nan"),
        )


@dataclass(frozen=True)
class GroupStats:
    """Groups of a label column, most frequent first; empty cells are not a group."""

    names: tuple[str, ...]
    counts: tuple[int, ...]
    missing: int

    @property
    def proportions(self) -> tuple[float, ...]:
        total = sum(self.counts)
        return tuple(c / total for c in self.counts) if total else ()

    @classmethod
    def of(cls, series: pd.Series) -> GroupStats:
        counts = series.value_counts(dropna=True)
        names = tuple(_group_name(v) for v in counts.index)
        return cls(names, tuple(int(c) for c in counts.to_numpy()), int(series.isna().sum()))


def _group_name(value: object) -> str:
    if isinstance(value, float | np.floating):
        return format_number(float(value))
    return str(value)


class ColumnSummary(QGroupBox):
    """Shows count, mean, sd, min and max of a number column, or the groups of a label column
    with their counts, proportions and a bar chart of the proportions."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Column summary"))
        self._number_stats: NumberStats | None = None
        self._group_stats: GroupStats | None = None

        # never squeezed below its content by the column list above it
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self._caption = QLabel(self.tr("Click a column to see its summary."))
        self._caption.setWordWrap(True)
        self._grid = QTableWidget(0, 0)
        self._grid.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self._grid.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self._grid.verticalHeader().setVisible(False)
        self._grid.verticalHeader().setDefaultSectionSize(22)
        self._grid.setAlternatingRowColors(True)
        self._grid.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

        self._plot = pg.PlotWidget()
        self._plot.setMouseEnabled(x=False, y=False)
        self._plot.hideButtons()
        self._plot.setMenuEnabled(False)
        self._plot.setMinimumHeight(140)
        self._plot.setMaximumHeight(200)
        self._plot.setLabel("left", self.tr("% of rows"))
        self._plot.getAxis("left").enableAutoSIPrefix(False)
        self._bars = pg.BarGraphItem(x=[], height=[], width=0.7)
        self._plot.addItem(self._bars)
        self._plot.setVisible(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self._caption)
        layout.addWidget(self._grid)
        layout.addWidget(self._plot)
        layout.addStretch(1)  # spare height goes below, not between the parts
        self.clear()

    # -- public ----------------------------------------------------------------------------------
    def clear(self) -> None:
        """Show nothing (no column chosen)."""
        self._number_stats = None
        self._group_stats = None
        self._caption.setText(self.tr("Click a column in the list to see its summary."))
        self._grid.setRowCount(0)
        self._grid.setColumnCount(0)
        self._grid.setVisible(False)
        self._plot.setVisible(False)

    def show_column(self, name: str, series: pd.Series, as_groups: bool | None = None) -> None:
        """Describe ``series``; as groups if it is text or ``as_groups`` (e.g. the label column)."""
        if as_groups is None:
            as_groups = column_kind(series) == "text"
        if as_groups:
            self._show_groups(name, GroupStats.of(series))
        else:
            self._show_numbers(name, NumberStats.of(series))

    def show_stats(self, name: str, stats: NumberStats | GroupStats) -> None:
        """Describe column ``name`` by statistics computed before (``NumberStats.of`` or
        ``GroupStats.of``), e.g. in the loader's thread."""
        if isinstance(stats, GroupStats):
            self._show_groups(name, stats)
        else:
            self._show_numbers(name, stats)

    def number_stats(self) -> NumberStats | None:
        """The statistics on show, if a number column is described."""
        return self._number_stats

    def group_stats(self) -> GroupStats | None:
        """The groups on show, if a label/text column is described."""
        return self._group_stats

    def cell_text(self, row: int, column: int) -> str:
        item = self._grid.item(row, column)
        return item.text() if item is not None else ""

    # -- drawing ---------------------------------------------------------------------------------
    def _show_numbers(self, name: str, stats: NumberStats) -> None:
        self._number_stats, self._group_stats = stats, None
        missing = (
            self.tr(", {n} empty or not a number").format(n=f"{stats.missing:,}")
            if stats.missing
            else ""
        )
        self._caption.setText(
            self.tr("<b>{name}</b> (number column): {n} values").format(
                name=name, n=f"{stats.count:,}"
            )
            + missing
        )
        rows = [
            (self.tr("count"), f"{stats.count:,}"),
            (self.tr("mean"), format_number(stats.mean)),
            (self.tr("sd (standard deviation)"), format_number(stats.sd)),
            (self.tr("min"), format_number(stats.min)),
            (self.tr("max"), format_number(stats.max)),
        ]
        self._fill_grid([self.tr("statistic"), self.tr("value")], [list(r) for r in rows])
        self._plot.setVisible(False)

    def _show_groups(self, name: str, stats: GroupStats) -> None:
        self._number_stats, self._group_stats = None, stats
        n_groups = len(stats.names)
        missing = self.tr(", {n} empty").format(n=f"{stats.missing:,}") if stats.missing else ""
        groups = (
            self.tr("<b>{name}</b> (label column): {n} group")
            if n_groups == 1
            else self.tr("<b>{name}</b> (label column): {n} groups")
        )
        self._caption.setText(groups.format(name=name, n=f"{n_groups:,}") + missing)
        shown = min(n_groups, MAX_GROUPS_SHOWN)
        proportions = stats.proportions
        rows = [
            [stats.names[i], f"{stats.counts[i]:,}", f"{100 * proportions[i]:.1f}%"]
            for i in range(shown)
        ]
        if n_groups > shown:
            rest = sum(stats.counts[shown:])
            rows.append([self.tr("({n} more groups)").format(n=n_groups - shown), f"{rest:,}", ""])
        self._fill_grid([self.tr("group"), self.tr("count"), self.tr("proportion")], rows)
        self._draw_bars(stats.names[:shown], proportions[:shown])

    def _fill_grid(self, headers: list[str], rows: list[list[str]]) -> None:
        self._grid.setColumnCount(len(headers))
        self._grid.setHorizontalHeaderLabels(headers)
        self._grid.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                item.setToolTip(text)  # the full text when a narrow dock elides it
                if c > 0:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self._grid.setItem(r, c, item)
        # numbers keep their width; the names take what is left (elided, with a tooltip)
        header = self._grid.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in range(1, len(headers)):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self._grid.setVisible(True)
        height = self._grid.horizontalHeader().height() + 2 * self._grid.frameWidth()
        height += sum(self._grid.rowHeight(r) for r in range(len(rows)))
        self._grid.setMinimumHeight(min(height, 260))
        self._grid.setMaximumHeight(height)

    def _draw_bars(self, names: tuple[str, ...], proportions: tuple[float, ...]) -> None:
        x = np.arange(len(names), dtype=float)
        brushes = [pg.mkBrush(GROUP_COLORS[i % len(GROUP_COLORS)]) for i in range(len(names))]
        percent = 100.0 * np.asarray(proportions, dtype=float)
        self._bars.setOpts(x=x, height=percent, brushes=brushes)
        axis = self._plot.getAxis("bottom")
        axis.setTicks(
            [[(float(i), n if len(n) <= 12 else n[:11] + "…") for i, n in enumerate(names)]]
        )
        top = float(percent.max()) if percent.size else 100.0
        self._plot.setXRange(-0.6, max(len(names) - 0.4, 0.6), padding=0)
        self._plot.setYRange(0.0, min(100.0, top * 1.15) or 100.0, padding=0)
        self._plot.setVisible(bool(names))
