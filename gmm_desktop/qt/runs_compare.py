"""Any number of runs side by side: one table (start values, matched final parameters, fit
measures, warnings), their log-likelihood curves and parameter histories overlaid, and the
table exported as CSV."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..engine import FitResult, MixtureParams
from ..engine.matching import match_components
from ..errors import UserError
from ..io.export import write_csv
from .i18n import QT_TRANSLATE_NOOP, error_text, translate
from .plots.base import legend_swatch, side_legend
from .results_panel import reached_once, starts_reaching_best, starts_tooltip
from .style import component_color, component_swatch, configure_pyqtgraph, warning_color

# One pen per run: 8 colours x 5 line styles give 40 distinct runs (8 and 5 share no factor).
RUN_COLORS = (
    "#1A1A1A",
    "#7B3294",
    "#D95F02",
    "#1B9E77",
    "#E7298A",
    "#66A61E",
    "#A6761D",
    "#386CB0",
)
RUN_STYLES = (
    Qt.PenStyle.SolidLine,
    Qt.PenStyle.DashLine,
    Qt.PenStyle.DotLine,
    Qt.PenStyle.DashDotLine,
    Qt.PenStyle.DashDotDotLine,
)
BEST_BACKGROUND = "#DFF0D8"
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


def run_pen(index: int, width: float = 2.0) -> object:
    """The pen of the ``index``-th compared run: its colour and line style."""
    return pg.mkPen(
        RUN_COLORS[index % len(RUN_COLORS)],
        width=width,
        style=RUN_STYLES[index % len(RUN_STYLES)],
    )


def matched_order(reference: FitResult, other: FitResult) -> np.ndarray | None:
    """Order of ``other``'s components matching ``reference`` (None if the columns differ)."""
    if reference.n_features != other.n_features:
        return None
    return match_components(reference.params, other.params)


def component_orders(results: Sequence[FitResult]) -> list[np.ndarray]:
    """Each run's component order matched to the first run's, each (K_r,) of int.

    Position i of run r holds the component paired with the first run's component i; a run's
    extra components follow; a run with other columns keeps its own order.
    """
    reference = results[0]
    orders = []
    for result in results:
        order = None if result is reference else matched_order(reference, result)
        orders.append(np.arange(result.params.n_components) if order is None else order)
    return orders


Cell = str | float


@dataclass
class ComparisonRow:
    """One row of the comparison: a quantity and its value in each run ("" where none).

    Numbers stay numbers: shown with ``number_format``, exported with 10 significant digits.
    ``key`` names the kind of row ("log_likelihood", "start_mean", "section", ...).
    """

    label: str
    values: list[Cell]
    key: str = ""
    number_format: str = ".4g"
    component: int | None = None  # the first run's component (0-based) of a parameter row
    tooltips: list[str] = field(default_factory=list)

    def shown(self, run: int) -> str:
        value = self.values[run]
        return format(value, self.number_format) if isinstance(value, float) else value

    def exported(self, run: int) -> str:
        value = self.values[run]
        return format(value, ".10g") if isinstance(value, float) else value


def _yes_no(value: bool) -> str:
    return translate("RunsCompare", "yes") if value else translate("RunsCompare", "no")


def _correlation_pairs(d: int) -> list[tuple[int, int]]:
    return [(a, b) for a in range(d) for b in range(a + 1, d)]


def parameter_rows(
    stage: str,
    key: str,
    mixtures: Sequence[MixtureParams],
    orders: Sequence[np.ndarray],
    columns: Sequence[str],
) -> list[ComparisonRow]:
    """Weight, means, sds and correlations of every matched component, one row each.

    ``stage`` ("start" or "final", translated) prefixes each label; ``orders[r][i]`` is run
    r's component at position i (see ``component_orders``); runs without it get "".
    """
    d = len(columns)
    rows: list[ComparisonRow] = []
    positions = max(len(order) for order in orders)

    def row(quantity: str, kind: str, i: int, per_run: list[np.ndarray]) -> ComparisonRow:
        """``per_run[r]`` (K_r,): the quantity of each of run r's components."""
        values: list[Cell] = [
            float(v[int(order[i])]) if i < len(order) else ""
            for v, order in zip(per_run, orders, strict=True)
        ]
        label = translate("RunsCompare", "{stage} {quantity}, component {k}").format(
            stage=stage, quantity=quantity, k=i + 1
        )
        return ComparisonRow(label, values, f"{key}_{kind}", component=i)

    sds = [m.standard_deviations for m in mixtures]
    correlations = [m.correlations for m in mixtures]
    for i in range(positions):
        rows.append(
            row(translate("RunsCompare", "weight"), "weight", i, [m.weights for m in mixtures])
        )
        for c, name in enumerate(columns):
            mean = translate("RunsCompare", "mean {column}").format(column=name)
            rows.append(row(mean, "mean", i, [m.means[:, c] for m in mixtures]))
        for c, name in enumerate(columns):
            sd = translate("RunsCompare", "sd {column}").format(column=name)
            rows.append(row(sd, "sd", i, [v[:, c] for v in sds]))
        for c1, c2 in _correlation_pairs(d):
            corr = translate("RunsCompare", "correlation {a}–{b}").format(
                a=columns[c1], b=columns[c2]
            )
            rows.append(row(corr, "correlation", i, [v[:, c1, c2] for v in correlations]))
    return rows


def comparison_rows(
    results: Sequence[FitResult],
    columns: Sequence[str],
    flags: Sequence[str] | None = None,
) -> list[ComparisonRow]:
    """Every row of the comparison of ``results`` (the first is the reference for pairing).

    ``flags`` are the runs list's problem flags ("collapsed", ...; "" for none).
    """
    flags = list(flags) if flags is not None else [""] * len(results)
    orders = component_orders(results)
    d = results[0].n_features
    names = list(columns)[:d] + [
        translate("RunsCompare", "column {i}").format(i=j + 1) for j in range(len(columns), d)
    ]
    rows = [
        ComparisonRow(
            translate("RunsCompare", "start"), [start_method(r) for r in results], "start"
        ),
        ComparisonRow(
            translate("RunsCompare", "components"),
            [str(r.params.n_components) for r in results],
            "k",
        ),
        ComparisonRow(
            translate("RunsCompare", "covariance"), [r.config.covariance_type for r in results]
        ),
        ComparisonRow(
            translate("RunsCompare", "log-likelihood"),
            [float(r.log_likelihood) for r in results],
            "log_likelihood",
            ".2f",
        ),
        ComparisonRow("BIC", [float(r.bic) for r in results], "bic", ".2f"),
        ComparisonRow(
            translate("RunsCompare", "iterations"), [str(r.n_iter) for r in results], "iterations"
        ),
        ComparisonRow(
            translate("RunsCompare", "converged"), [_yes_no(r.converged) for r in results]
        ),
        ComparisonRow(
            translate("RunsCompare", "starts reaching the best"),
            [starts_cell(r) for r in results],
            "starts",
            tooltips=[starts_tooltip(r) for r in results],
        ),
        ComparisonRow(
            translate("RunsCompare", "problems"),
            [translate("RunsPanel", f) if f else translate("RunsCompare", "none") for f in flags],
            "problems",
        ),
        ComparisonRow(
            translate("RunsCompare", "warnings"),
            [
                "; ".join(r.warnings) if r.warnings else translate("RunsCompare", "none")
                for r in results
            ],
            "warnings",
        ),
        ComparisonRow(
            translate("RunsCompare", "Where EM started (the start it kept)"),
            [""] * len(results),
            "section",
        ),
    ]
    rows += parameter_rows(
        translate("RunsCompare", "initial"),
        "start",
        [r.history[0].params for r in results],
        orders,
        names,
    )
    rows.append(
        ComparisonRow(
            translate("RunsCompare", "Where EM ended (components paired across runs)"),
            [""] * len(results),
            "section",
        )
    )
    positions = max(len(order) for order in orders)
    for i in range(positions):
        rows.append(
            ComparisonRow(
                translate("RunsCompare", "run's own number of component {k}").format(k=i + 1),
                [str(int(order[i]) + 1) if i < len(order) else "" for order in orders],
                "component",
                component=i,
            )
        )
    rows += parameter_rows(
        translate("RunsCompare", "final"),
        "final",
        [r.params for r in results],
        orders,
        names,
    )
    return rows


def comparison_frame(rows: Sequence[ComparisonRow], run_ids: Sequence[int]) -> pd.DataFrame:
    """The comparison as a table of text (pandas DataFrame): "quantity", then one column per run."""
    head = [translate("RunsCompare", "quantity")]
    head += [translate("RunsCompare", "run {id}").format(id=i) for i in run_ids]
    body = [[row.label, *(row.exported(r) for r in range(len(run_ids)))] for row in rows]
    return pd.DataFrame(body, columns=head, dtype=object)


def _readonly_table() -> QTableWidget:
    table = QTableWidget(0, 0)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.setAlternatingRowColors(True)
    table.setWordWrap(True)
    return table


MAX_COLUMN_WIDTH = 300


class RunComparisonDialog(QDialog):
    """Any number of runs side by side; every run's components are paired with the first run's.

    Attributes for tests: ``run_ids``, ``rows`` (ComparisonRow list), ``table`` (one row per
    ComparisonRow: the quantity, then one column per run), ``orders`` (each run's component
    order, see ``component_orders``), ``curves`` (log-likelihood, one per run),
    ``history_curves`` (per run, one curve per paired component), ``parameter_combo``.
    """

    def __init__(
        self,
        runs: Sequence[tuple[int, FitResult]],
        columns: Sequence[str],
        flags: Sequence[str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        configure_pyqtgraph()
        super().__init__(parent)
        if len(runs) < 2:
            raise ValueError("a comparison needs at least two runs")
        self.run_ids = tuple(run_id for run_id, _ in runs)
        self.results = [result for _, result in runs]
        self.columns = [str(c) for c in columns]
        self.setWindowTitle(
            self.tr("Runs {ids} side by side").format(ids=", ".join(map(str, self.run_ids)))
        )
        self.orders = component_orders(self.results)
        self.rows = comparison_rows(self.results, self.columns, flags)
        self.table = _readonly_table()
        self.summary = self.table  # the name of the two-run dialog's table
        self._fill_table()

        self.note_label = QLabel(self._note())
        self.note_label.setWordWrap(True)
        self.curves: list[pg.PlotDataItem] = []
        self.history_curves: list[list[pg.PlotDataItem]] = []
        self.likelihood_plot = self._likelihood_plot()
        self.plot = self.likelihood_plot  # the two-run dialog's name
        history = QWidget()
        history_layout = QVBoxLayout(history)
        history_layout.setContentsMargins(0, 0, 0, 0)
        chooser = QHBoxLayout()
        chooser.addWidget(QLabel(self.tr("Parameter:")))
        self.parameter_combo = QComboBox()
        self.parameter_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._choices: list[tuple[str, int]] = [("weight", 0)]
        self.parameter_combo.addItem(self.tr("weights"))
        for c, name in enumerate(self.columns[: self.results[0].n_features]):
            self._choices += [("mean", c), ("sd", c)]
            self.parameter_combo.addItem(self.tr("means of {column}").format(column=name))
            self.parameter_combo.addItem(self.tr("sds of {column}").format(column=name))
        chooser.addWidget(self.parameter_combo)
        chooser.addStretch(1)
        history_layout.addLayout(chooser)
        self.parameter_graphics = pg.GraphicsLayoutWidget()
        self.parameter_plot = self.parameter_graphics.addPlot(row=0, col=0)
        self.parameter_legend = side_legend(self.parameter_graphics.ci)
        history_layout.addWidget(self.parameter_graphics, 1)
        self.parameter_combo.currentIndexChanged.connect(self._on_parameter_combo_changed)
        self._draw_parameter_history()

        self.plot_tabs = QTabWidget()
        self.plot_tabs.addTab(self.likelihood_plot, self.tr("Log-likelihood"))
        self.plot_tabs.addTab(history, self.tr("Parameter history"))

        self.export_button = QPushButton(self.tr("Export table…"))
        self.export_button.setToolTip(self.tr("Save this table as a CSV file (opens in Excel)"))
        self.export_button.clicked.connect(self._on_export_button_clicked)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.plot_tabs)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([400, 260])
        layout = QVBoxLayout(self)
        layout.addWidget(self.note_label)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.resize(960, 680)

    # ------------------------------------------------------------------ public API
    def row_index(self, label: str) -> int:
        """Index of the row with this label (for tests); KeyError if there is none."""
        for index, row in enumerate(self.rows):
            if row.label == label:
                return index
        raise KeyError(label)

    def export_csv(self, path: str | Path) -> Path:
        """Write the table as CSV (atomically, UTF-8 for Excel); UserError if it cannot."""
        return write_csv(comparison_frame(self.rows, self.run_ids), path)

    # ------------------------------------------------------------------ table
    def _fill_table(self) -> None:
        table, n = self.table, len(self.run_ids)
        table.setColumnCount(n + 1)
        table.setHorizontalHeaderLabels(
            ["", *(self.tr("run {id}").format(id=i) for i in self.run_ids)]
        )
        table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            label = QTableWidgetItem(row.label)
            font = label.font()
            font.setBold(True)
            label.setFont(font)
            if row.component is not None and row.key == "component":
                label.setBackground(QBrush(component_swatch(row.component)))
                label.setForeground(QBrush(QColor("black")))
            table.setItem(r, 0, label)
            if row.key == "section":
                table.setSpan(r, 0, 1, n + 1)
                continue
            for c in range(n):
                item = QTableWidgetItem(row.shown(c))
                item.setToolTip(row.tooltips[c] if row.tooltips else row.shown(c))
                if isinstance(row.values[c], float):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                table.setItem(r, c + 1, item)
        self._mark_best("log_likelihood", max, self.tr("The highest log-likelihood of these runs"))
        self._mark_best("bic", min, self.tr("The lowest BIC of these runs"))
        starts = self.rows.index(next(row for row in self.rows if row.key == "starts"))
        for c, result in enumerate(self.results):
            starts_item = table.item(starts, c + 1)
            if starts_item is not None and reached_once(result):
                starts_item.setForeground(QBrush(QColor(warning_color(self))))
        table.resizeColumnsToContents()
        for c in range(n + 1):
            table.setColumnWidth(c, min(table.columnWidth(c), MAX_COLUMN_WIDTH))
        table.resizeRowsToContents()
        table.horizontalHeader().setStretchLastSection(True)

    def _mark_best(self, key: str, best: object, tip: str) -> None:
        r = next(i for i, row in enumerate(self.rows) if row.key == key)
        values = [float(v) for v in self.rows[r].values]
        target = best(values)  # type: ignore[operator]
        for c, value in enumerate(values):
            item = self.table.item(r, c + 1)
            if item is not None and value == target:
                item.setBackground(QBrush(QColor(BEST_BACKGROUND)))
                item.setForeground(QBrush(QColor("black")))
                item.setToolTip(tip)

    def _note(self) -> str:
        first = self.run_ids[0]
        if any(r.n_features != self.results[0].n_features for r in self.results):
            return self.tr("These runs used different columns, so their components are not paired.")
        note = self.tr(
            "Component k of every run is the one paired with component k of run {a} (by their "
            'means); the row "run\'s own number" says which it was in that run. Green: the '
            "best log-likelihood and the best BIC."
        ).format(a=first)
        if len({r.params.n_components for r in self.results}) > 1:
            note += self.tr(
                " The runs have different numbers of components; empty cells have no partner."
            )
        return note

    # ------------------------------------------------------------------ plots
    def _likelihood_plot(self) -> pg.PlotWidget:
        widget = pg.PlotWidget()
        widget.setMinimumHeight(160)
        item = widget.getPlotItem()
        item.showGrid(x=True, y=True, alpha=0.15)
        item.setLabel("bottom", self.tr("iteration"))
        item.setLabel("left", self.tr("log-likelihood"))
        item.getAxis("left").enableAutoSIPrefix(False)
        item.addLegend(offset=(-10, -10))
        for index, (run_id, result) in enumerate(zip(self.run_ids, self.results, strict=True)):
            curve = item.plot(
                [s.iteration for s in result.history],
                [s.log_likelihood for s in result.history],
                pen=run_pen(index),
                name=self.tr("run {id}").format(id=run_id),
            )
            self.curves.append(curve)
        finals = [r.log_likelihood for r in self.results]
        values = [s.log_likelihood for r in self.results for s in r.history[1:]] or finals
        low, high = min(values), max(finals)
        if high > low:  # start above the starts' (often far lower) log-likelihoods
            item.setYRange(low, high + 0.05 * (high - low))
        return widget

    def _draw_parameter_history(self) -> None:
        """One curve per run and paired component: colour = component, line style = run."""
        kind, column = self._choices[max(self.parameter_combo.currentIndex(), 0)]
        plot = self.parameter_plot
        for curves in self.history_curves:
            for curve in curves:
                plot.removeItem(curve)
        self.history_curves = []
        plot.setLabel("bottom", self.tr("iteration"))
        plot.setLabel("left", self.parameter_combo.currentText())
        plot.showGrid(x=True, y=True, alpha=0.15)
        entries: list[tuple[object, str]] = []
        for index, (run_id, result, order) in enumerate(
            zip(self.run_ids, self.results, self.orders, strict=True)
        ):
            style = RUN_STYLES[index % len(RUN_STYLES)]
            curves = []
            x = [s.iteration for s in result.history]
            for position, j in enumerate(order):
                if kind == "weight":
                    y = [float(s.params.weights[j]) for s in result.history]
                elif kind == "mean":
                    y = [float(s.params.means[j, column]) for s in result.history]
                else:
                    y = [float(s.params.standard_deviations[j, column]) for s in result.history]
                pen = pg.mkPen(component_color(position), width=2, style=style)
                curves.append(plot.plot(x, y, pen=pen))
            self.history_curves.append(curves)
            swatch = legend_swatch(pen=pg.mkPen("#333333", width=2, style=style))
            entries.append((swatch, self.tr("run {id}").format(id=run_id)))
        positions = max(len(order) for order in self.orders)
        for position in range(positions):
            swatch = legend_swatch(pen=pg.mkPen(component_color(position), width=3))
            entries.append((swatch, self.tr("component {k}").format(k=position + 1)))
        self.parameter_legend.clear()
        for item, text in entries:
            self.parameter_legend.addItem(item, text)

    # ------------------------------------------------------------------ handlers
    def _on_parameter_combo_changed(self, _index: int) -> None:
        self._draw_parameter_history()

    def _on_export_button_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the comparison"),
            "runs_comparison.csv",
            self.tr("CSV file (*.csv)"),
        )
        if not path:
            return
        if not path.lower().endswith(".csv"):
            path += ".csv"
        try:
            self.export_csv(path)
        except UserError as error:
            QMessageBox.warning(self, self.tr("Export failed"), error_text(error))
