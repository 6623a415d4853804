"""The results panel: status of the fit shown, a table of components, warnings in plain words."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication
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

from ..engine import MixtureParams
from .style import component_swatch, warning_color


def _fmt(value: float) -> str:
    return f"{value:.4g}" if abs(value) < 1e5 else f"{value:.6g}"


class ResultsPanel(QWidget):
    """Summary line, component table (colours match the plots) and warnings."""

    sig_use_as_start = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary_label = QLabel(self.tr("No fit yet. Choose columns and press Fit."))
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(0, 0)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.warnings_label = QLabel("")
        self.warnings_label.setWordWrap(True)
        self.warnings_label.setStyleSheet(f"color: {warning_color(self)};")
        self.use_button = QPushButton(self.tr("Use this result as the start"))
        self.use_button.setToolTip(
            self.tr("Copy these parameters into 'my own values' to start EM there")
        )
        self.use_button.setEnabled(False)
        self.use_button.clicked.connect(self.sig_use_as_start)
        self.copy_button = QPushButton(self.tr("Copy table"))
        self.copy_button.setToolTip(
            self.tr("Copy the table as tab-separated text (pastes into Excel)")
        )
        self.copy_button.clicked.connect(self.copy_to_clipboard)
        buttons = QHBoxLayout()
        buttons.addWidget(self.use_button)
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.warnings_label)
        layout.addLayout(buttons)

    def clear(self, message: str | None = None) -> None:
        if message is None:
            message = self.tr("No fit yet. Choose columns and press Fit.")
        self.summary_label.setText(message)
        self.table.setRowCount(0)
        self.warnings_label.setText("")
        self.use_button.setEnabled(False)

    def show_summary(self, text: str) -> None:
        self.summary_label.setText(text)

    def show_warnings(self, warnings: Sequence[str]) -> None:
        self.warnings_label.setText("\n".join(f"⚠ {w[:1].upper()}{w[1:]}." for w in warnings))

    def show_params(
        self, params: MixtureParams, columns: Sequence[str], counts: np.ndarray | None
    ) -> None:
        """Fill the component table: weight, points, means, sds and (d > 1) correlations."""
        d = params.n_features
        pairs = [(a, b) for a in range(d) for b in range(a + 1, d)]
        head = [self.tr("component"), self.tr("weight"), self.tr("points")]
        head += [self.tr("mean {column}").format(column=c) for c in columns]
        head += [self.tr("sd {column}").format(column=c) for c in columns]
        head += [self.tr("corr {a},{b}").format(a=columns[a], b=columns[b]) for a, b in pairs]
        self.table.setColumnCount(len(head))
        self.table.setHorizontalHeaderLabels(head)
        self.table.setRowCount(params.n_components)
        sds, corr = params.standard_deviations, params.correlations
        for j in range(params.n_components):
            cells = [f"{j + 1}", f"{params.weights[j]:.4f}"]
            cells.append("" if counts is None else f"{int(counts[j]):,}")
            cells += [_fmt(v) for v in params.means[j]] + [_fmt(v) for v in sds[j]]
            cells += [f"{corr[j, a, b]:.3f}" for a, b in pairs]
            for col, text in enumerate(cells):
                item = self.table.item(j, col)
                if item is None:
                    item = QTableWidgetItem()
                    self.table.setItem(j, col, item)
                item.setText(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            swatch = self.table.item(j, 0)
            assert swatch is not None
            swatch.setBackground(component_swatch(j))
            swatch.setForeground(QColor("black"))
        self.table.resizeColumnsToContents()
        self.use_button.setEnabled(True)

    def table_text(self) -> str:
        """The component table as tab-separated text with a header row."""
        rows = [
            [
                self.table.horizontalHeaderItem(c).text()  # type: ignore[union-attr]
                for c in range(self.table.columnCount())
            ]
        ]
        for r in range(self.table.rowCount()):
            rows.append(
                [
                    (item.text() if (item := self.table.item(r, c)) is not None else "")
                    for c in range(self.table.columnCount())
                ]
            )
        return "\n".join("\t".join(row) for row in rows) + "\n"

    def copy_to_clipboard(self) -> None:
        QGuiApplication.clipboard().setText(self.table_text())
