"""Two runs side by side: summary, matched component tables and both log-likelihood curves."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..engine import FitResult, MixtureParams
from ..engine.matching import match_components
from .i18n import QT_TRANSLATE_NOOP, translate
from .results_panel import reached_once, starts_reaching_best, starts_tooltip
from .style import component_swatch, configure_pyqtgraph, warning_color

RUN_PENS = (("#1A1A1A", Qt.PenStyle.SolidLine), ("#7B3294", Qt.PenStyle.DashLine))
INIT_WORDS = {
    "kmeans++": QT_TRANSLATE_NOOP("RunsCompare", "k-means++"),
    "kmeans-raw": QT_TRANSLATE_NOOP("RunsCompare", "k-means++ (raw columns)"),
    "hierarchical": QT_TRANSLATE_NOOP("RunsCompare", "hierarchical"),
    "auto": QT_TRANSLATE_NOOP("RunsCompare", "automatic"),
    "random-from-data": QT_TRANSLATE_NOOP("RunsCompare", "random rows"),
    "random": QT_TRANSLATE_NOOP("RunsCompare", "random split"),
    "manual": QT_TRANSLATE_NOOP("RunsCompare", "my own values"),
}


def _num(value: float) -> str:
    return f"{value:.4g}" if abs(value) < 1e5 else f"{value:.6g}"


def _joined(values: Sequence[float] | np.ndarray) -> str:
    return "/".join(_num(float(v)) for v in values)


def start_method(result: FitResult) -> str:
    """How a fit started, in words: "my own values", "random rows (seed 3)"."""
    config = result.config
    words = INIT_WORDS.get(config.init, config.init)
    words = translate("RunsCompare", words) if config.init in INIT_WORDS else words
    if config.init != "manual" and config.seed is not None:
        words += translate("RunsCompare", " (seed {seed})").format(seed=config.seed)
    return words


def start_values(result: FitResult, columns: Sequence[str]) -> str:
    """The starting parameters of the kept start, short: "w 0.7/0.3 · mean 180/165 · sd 5/5".

    With several columns only the means are listed, one bracket per component.
    """
    params = result.history[0].params
    if params.n_features == 1:
        return translate("RunsCompare", "w {weights} · mean {means} · sd {sds}").format(
            weights=_joined(params.weights),
            means=_joined(params.means[:, 0]),
            sds=_joined(params.standard_deviations[:, 0]),
        )
    means = ", ".join("(" + ", ".join(_num(v) for v in row) + ")" for row in params.means)
    return translate("RunsCompare", "means {means}").format(means=means)


def starts_cell(result: FitResult) -> str:
    """ "7 of 20", with a warning sign when only one of several starts reached the best."""
    return ("⚠ " if reached_once(result) else "") + starts_reaching_best(result)


def matched_order(reference: FitResult, other: FitResult) -> np.ndarray | None:
    """Order of ``other``'s components matching ``reference`` (None if the columns differ)."""
    if reference.n_features != other.n_features:
        return None
    return match_components(reference.params, other.params)


def fill_component_table(
    table: QTableWidget,
    params: MixtureParams,
    columns: Sequence[str],
    order: Sequence[int] | None = None,
    reference_k: int | None = None,
) -> None:
    """Rows of weight, means and sds; row i shows component ``order[i]`` coloured as i.

    ``reference_k``: rows at or beyond it have no match in the reference run (grey).
    """
    order = list(range(params.n_components)) if order is None else list(order)
    head = [translate("RunsCompare", "component"), translate("RunsCompare", "weight")]
    head += [translate("RunsCompare", "mean {column}").format(column=c) for c in columns]
    head += [translate("RunsCompare", "sd {column}").format(column=c) for c in columns]
    table.setColumnCount(len(head))
    table.setHorizontalHeaderLabels(head)
    table.setRowCount(len(order))
    sds = params.standard_deviations
    for row, j in enumerate(order):
        matched = reference_k is None or row < reference_k
        name = (
            f"{j + 1}"
            if row == j or reference_k is None
            else translate("RunsCompare", "{k} (pairs with {other})").format(k=j + 1, other=row + 1)
        )
        if not matched:
            name = translate("RunsCompare", "{k} (no match)").format(k=j + 1)
        cells = [name, f"{params.weights[j]:.3f}"]
        cells += [_num(v) for v in params.means[j]] + [_num(v) for v in sds[j]]
        for col, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(row, col, item)
        swatch = table.item(row, 0)
        assert swatch is not None
        if matched:
            swatch.setBackground(QBrush(component_swatch(row)))
        else:
            swatch.setBackground(QBrush(QColor("#DDDDDD")))
        swatch.setForeground(QBrush(QColor("black")))
        swatch.setToolTip(
            (
                translate(
                    "RunsCompare",
                    "Component {k} of this run, paired with component {other} of the first run",
                )
                if matched
                else translate("RunsCompare", "Component {k} of this run")
            ).format(k=j + 1, other=row + 1)
        )
    table.resizeColumnsToContents()


def _fit_height(table: QTableWidget, most: int = 260) -> None:
    """Size a table to its rows (up to ``most`` pixels) so no empty band shows below."""
    height = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth() + 2
    height += sum(table.rowHeight(r) for r in range(table.rowCount()))
    table.setFixedHeight(min(height, most))


def _readonly_table() -> QTableWidget:
    table = QTableWidget(0, 0)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.setAlternatingRowColors(True)
    return table


class RunComparisonDialog(QDialog):
    """Run a (the reference) and run b side by side; b's components are matched to a's.

    Attributes for tests: ``summary`` (rows: start … collapsed; columns: the two runs),
    ``tables`` (component tables of a and b), ``order`` (b's component order), ``curves``.
    """

    def __init__(
        self,
        first: tuple[int, FitResult],
        second: tuple[int, FitResult],
        columns: Sequence[str],
        flags: Sequence[str] = ("", ""),
        parent: QWidget | None = None,
    ) -> None:
        configure_pyqtgraph()
        super().__init__(parent)
        (id_a, a), (id_b, b) = first, second
        self.run_ids = (id_a, id_b)
        self.setWindowTitle(self.tr("Run {a} and run {b} side by side").format(a=id_a, b=id_b))
        self.summary = _readonly_table()
        self._fill_summary(a, b, columns, flags)
        self.order = matched_order(a, b)
        self.tables = (_readonly_table(), _readonly_table())
        fill_component_table(self.tables[0], a.params, columns)
        k_a = a.params.n_components
        fill_component_table(
            self.tables[1],
            b.params,
            columns,
            None if self.order is None else list(self.order),
            None if self.order is None else k_a,
        )
        note = self.tr(
            "Rows of the same colour are the same component: run {b}'s components are "
            "paired with run {a}'s by their means."
        ).format(a=id_a, b=id_b)
        if self.order is None:
            note = self.tr("These runs used different columns, so their components are not paired.")
        elif a.params.n_components != b.params.n_components:
            note += self.tr(
                " The runs have different numbers of components; grey rows have no partner."
            )
        for table in self.tables:
            _fit_height(table)
        self.note_label = QLabel(note)
        self.note_label.setWordWrap(True)

        self.plot = pg.PlotWidget()
        self.plot.setMinimumHeight(200)
        item = self.plot.getPlotItem()
        item.showGrid(x=True, y=True, alpha=0.15)
        item.setLabel("bottom", self.tr("iteration"))
        item.setLabel("left", self.tr("log-likelihood"))
        item.getAxis("left").enableAutoSIPrefix(False)
        item.addLegend(offset=(-10, -10))
        self.curves: list[pg.PlotDataItem] = []
        for (run_id, result), (color, style) in zip(((id_a, a), (id_b, b)), RUN_PENS, strict=True):
            iterations = [s.iteration for s in result.history]
            values = [s.log_likelihood for s in result.history]
            curve = item.plot(
                iterations,
                values,
                pen=pg.mkPen(color, width=2, style=style),
                name=self.tr("run {id}").format(id=run_id),
            )
            self.curves.append(curve)
        self._zoom_to_late_iterations(a, b)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("<b>Run {a}</b> components").format(a=id_a)), 0, 0)
        grid.addWidget(
            QLabel(
                self.tr("<b>Run {b}</b> components (paired with run {a})").format(a=id_a, b=id_b)
            ),
            0,
            1,
        )
        grid.addWidget(self.tables[0], 1, 0)
        grid.addWidget(self.tables[1], 1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(grid)
        layout.addWidget(self.note_label)
        layout.addWidget(QLabel(self.tr("<b>Log-likelihood</b> at each iteration")))
        layout.addWidget(self.plot, 1)
        layout.addWidget(buttons)
        self.resize(900, 720)

    def _fill_summary(
        self, a: FitResult, b: FitResult, columns: Sequence[str], flags: Sequence[str]
    ) -> None:
        rows = [
            (self.tr("start"), start_method(a), start_method(b)),
            (self.tr("initial values"), start_values(a, columns), start_values(b, columns)),
            (self.tr("components"), str(a.params.n_components), str(b.params.n_components)),
            (self.tr("covariance"), a.config.covariance_type, b.config.covariance_type),
            (self.tr("log-likelihood"), f"{a.log_likelihood:.2f}", f"{b.log_likelihood:.2f}"),
            ("BIC", f"{a.bic:.2f}", f"{b.bic:.2f}"),
            (self.tr("iterations"), str(a.n_iter), str(b.n_iter)),
            (self.tr("converged"), self._yes_no(a.converged), self._yes_no(b.converged)),
            (
                self.tr("problems"),
                translate("RunsPanel", flags[0]) if flags[0] else self.tr("none"),
                translate("RunsPanel", flags[1]) if flags[1] else self.tr("none"),
            ),
            (
                self.tr("starts reaching the best"),
                starts_cell(a),
                starts_cell(b),
            ),
        ]
        table = self.summary
        table.setColumnCount(3)
        table.setHorizontalHeaderLabels(
            ["", *(self.tr("run {id}").format(id=i) for i in self.run_ids)]
        )
        table.setRowCount(len(rows))
        better = 1 if a.log_likelihood >= b.log_likelihood else 2
        for r, cells in enumerate(rows):
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == 0:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                table.setItem(r, c, item)
        for c, result in ((1, a), (2, b)):
            starts = table.item(len(rows) - 1, c)
            assert starts is not None
            starts.setToolTip(starts_tooltip(result))
            if reached_once(result):
                starts.setForeground(QBrush(QColor(warning_color(self))))
        ll_item = table.item(4, better)
        if ll_item is not None:
            ll_item.setBackground(QBrush(QColor("#DFF0D8")))
            ll_item.setForeground(QBrush(QColor("black")))
            ll_item.setToolTip(
                self.tr("The higher log-likelihood: this run explains the data better")
            )
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        _fit_height(table, 400)

    def _yes_no(self, value: bool) -> str:
        return self.tr("yes") if value else self.tr("no")

    def _zoom_to_late_iterations(self, a: FitResult, b: FitResult) -> None:
        """Start the y range above the starts' (often far lower) log-likelihoods."""
        finals = [a.log_likelihood, b.log_likelihood]
        values = [s.log_likelihood for r in (a, b) for s in r.history[1:]] or finals
        low, high = min(values), max(finals)
        if high > low:
            self.plot.getPlotItem().setYRange(low, high + 0.05 * (high - low))
