"""The "Choose K" view: fit K = 1..6 (and covariance types) in the background, plot BIC against K.

The sweep runs as a ``Task`` (``engine.selection.sweep_models``); each finished model arrives
through ``state.partial`` and is drawn at once. "Test K-1 vs K" then runs the bootstrap and
Lo-Mendell-Rubin likelihood-ratio tests (``engine.lrt``) of the finished models as another
Task, filling the BLRT and LMR columns test by test. Clicking a point or a table row emits
``sig_model_chosen`` with that model's FitResult, which the main window loads into its plots.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..engine import COVARIANCE_TYPES
from ..engine import backend as engines
from ..engine.lrt import (
    BLRT_REPLICATES,
    ComponentTest,
    blrt_refusal,
    bootstrap_lrt,
    replicate_threads,
)
from ..engine.selection import ModelScore, best_model, sweep_models, too_many_components
from ..errors import UserError
from .i18n import QT_TRANSLATE_NOOP, error_text, translate
from .plots.base import EXPORT_PNG_ACTION_TEXT, legend_swatch, side_legend, sync_legend
from .plots.export import render_graphics, with_dpi, write_png
from .style import configure_pyqtgraph
from .tasks import Task, TaskSlot, TaskState

# Covariance types get colours and symbols unlike the component colours (style.py), so a line
# in this plot is never read as a component.
TYPE_STYLES: dict[str, tuple[str, str]] = {
    "full": ("#1A1A1A", "o"),
    "diag": ("#7B3294", "s"),
    "spherical": ("#B35806", "t"),
    "tied": ("#1B7837", "d"),
}
CRITERIA: dict[str, Qt.PenStyle] = {
    "BIC": Qt.PenStyle.SolidLine,
    "AIC": Qt.PenStyle.DashLine,
    "ICL": Qt.PenStyle.DotLine,
}
DEGENERATE_COLOR = "#D7191C"
BEST_COLOR = "#F2B600"
CHOSEN_COLOR = "#0072B2"
TYPE_TIPS = {
    "full": QT_TRANSLATE_NOOP(
        "ChooseKView", "Each component has its own shape, size and tilt (the most flexible model)."
    ),
    "diag": QT_TRANSLATE_NOOP(
        "ChooseKView", "Each component has its own size along each column, but no tilt."
    ),
    "spherical": QT_TRANSLATE_NOOP(
        "ChooseKView", "Each component is round: one spread for all columns."
    ),
    "tied": QT_TRANSLATE_NOOP(
        "ChooseKView", "All components share one shape and size; only their centres differ."
    ),
}
# The table's columns: (key, header text, shown by default). The user shows or hides any of
# them (right-click the header, or the "Columns…" button).
TABLE_COLUMNS: tuple[tuple[str, str, bool], ...] = (
    ("K", QT_TRANSLATE_NOOP("ChooseKView", "K"), True),
    ("covariance", QT_TRANSLATE_NOOP("ChooseKView", "covariance"), True),
    ("log-likelihood", QT_TRANSLATE_NOOP("ChooseKView", "log-likelihood"), True),
    ("parameters", QT_TRANSLATE_NOOP("ChooseKView", "parameters"), True),
    ("BIC", QT_TRANSLATE_NOOP("ChooseKView", "BIC"), True),
    ("AIC", QT_TRANSLATE_NOOP("ChooseKView", "AIC"), False),
    ("SABIC", QT_TRANSLATE_NOOP("ChooseKView", "SABIC"), True),
    ("CAIC", QT_TRANSLATE_NOOP("ChooseKView", "CAIC"), False),
    ("AWE", QT_TRANSLATE_NOOP("ChooseKView", "AWE"), False),
    ("ICL", QT_TRANSLATE_NOOP("ChooseKView", "ICL"), True),
    ("ICL entropy", QT_TRANSLATE_NOOP("ChooseKView", "ICL (entropy)"), False),
    ("entropy", QT_TRANSLATE_NOOP("ChooseKView", "entropy"), True),
    ("average posterior", QT_TRANSLATE_NOOP("ChooseKView", "average posterior"), False),
    ("smallest class", QT_TRANSLATE_NOOP("ChooseKView", "smallest class"), True),
    ("starts reaching best", QT_TRANSLATE_NOOP("ChooseKView", "starts reaching best"), True),
    ("iterations", QT_TRANSLATE_NOOP("ChooseKView", "iterations"), False),
    ("converged", QT_TRANSLATE_NOOP("ChooseKView", "converged"), False),
    ("collapsed", QT_TRANSLATE_NOOP("ChooseKView", "collapsed"), True),
    ("BLRT", QT_TRANSLATE_NOOP("ChooseKView", "BLRT p (K-1 vs K)"), False),
    ("LMR", QT_TRANSLATE_NOOP("ChooseKView", "LMR p"), False),
)
TABLE_HEAD = tuple(key for key, _, _ in TABLE_COLUMNS)
DEFAULT_COLUMNS = tuple(key for key, _, shown in TABLE_COLUMNS if shown)
_TABLE_HEAD_TEXTS = tuple(text for _, text, _ in TABLE_COLUMNS)  # what the header shows


def _spot_tip(criterion: str, x: float, y: float, data: object) -> str:
    """Hover text of a plot marker (pyqtgraph calls it with the spot's x, y and data)."""
    if not isinstance(data, ModelScore):
        return ""
    collapsed = (
        translate("ChooseKView", " — collapsed, never chosen as best") if data.degenerate else ""
    )
    return (
        f"K={data.n_components}, {data.covariance_type}: {criterion} {y:.1f}{collapsed}\n"
        + translate("ChooseKView", "Click to show this model")
    )


def _fmt(value: float) -> str:
    return f"{value:.1f}" if np.isfinite(value) else "—"


class ChooseKView(QWidget):
    """Fit a range of K and covariance types, compare them by BIC (AIC, ICL) and pick one.

    Signals
    -------
    sig_model_chosen(object) : the FitResult of a clicked point or table row.
    sig_sweep_finished(list) : every ModelScore, when a sweep ran to its end.
    sig_running_changed(bool) : a sweep started (True) or its thread ended (False).
    """

    sig_model_chosen = Signal(object)
    sig_sweep_finished = Signal(list)
    sig_running_changed = Signal(bool)
    sig_starting = Signal()  # before a sweep reads sweep_options: the last chance to set them

    def __init__(self, parent: QWidget | None = None) -> None:
        configure_pyqtgraph()
        super().__init__(parent)
        self._X: np.ndarray | None = None
        self._weights: np.ndarray | None = None  # the rows' weights (n,), or None
        self._missing = "drop"  # FitConfig.missing of every model
        self._columns: list[str] = []
        self._slot = TaskSlot(self)
        self._slot.sig_partial.connect(self._on_task_partial)
        self._slot.sig_progress.connect(self._on_task_progress)
        self._slot.sig_done.connect(self._on_task_done)
        self._slot.sig_failed.connect(self._on_task_failed)
        self._slot.sig_cancelled.connect(self._on_task_cancelled)
        self._slot.sig_ended.connect(self._on_task_ended)
        self._tests_slot = TaskSlot(self)
        self._tests_slot.sig_partial.connect(self._on_tests_partial)
        self._tests_slot.sig_progress.connect(self._on_task_progress)
        self._tests_slot.sig_done.connect(self._on_tests_done)
        self._tests_slot.sig_failed.connect(self._on_tests_failed)
        self._tests_slot.sig_cancelled.connect(self._on_tests_cancelled)
        self._tests_slot.sig_ended.connect(self._on_task_ended)
        self.tests: dict[tuple[int, str], ComponentTest] = {}
        self._tests_total = 0
        self._total = 0
        self._planned: list[tuple[int, str]] = []
        self._skip_note = ""
        self.scores: list[ModelScore] = []
        self.best: ModelScore | None = None
        self.chosen: ModelScore | None = None
        self.sweep_options: dict[str, Any] = {"seed": 0}
        self._build_controls()
        self._build_plot()
        self._build_table()
        self._shown_row.addWidget(self.columns_button)
        self._shown_row.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.graphics)
        splitter.addWidget(self.table)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(self._controls_row)
        layout.addLayout(self._types_row)
        layout.addLayout(self._shown_row)
        layout.addWidget(self.hint_label)
        layout.addWidget(splitter, 1)
        layout.addLayout(self._status_row)
        self._update_controls()

    # ------------------------------------------------------------------ building
    def _build_controls(self) -> None:
        self.k_from = QSpinBox()
        self.k_from.setRange(1, 50)
        self.k_from.setValue(1)
        self.k_to = QSpinBox()
        self.k_to.setRange(1, 50)
        self.k_to.setValue(6)
        for spin in (self.k_from, self.k_to):
            spin.setToolTip(self.tr("The numbers of components (groups) to try, from … to …"))
            spin.valueChanged.connect(self._on_k_spin_value_changed)
        self.restarts = QSpinBox()
        self.restarts.setRange(1, 50)
        self.restarts.setValue(10)
        self.restarts.setToolTip(
            self.tr(
                "How many different starts EM tries for each model; the best one is kept.\n"
                "More starts make it less likely to end in a poor solution, but take longer."
            )
        )
        self.run_button = QPushButton(self.tr("Run"))
        self.run_button.setToolTip(
            self.tr(
                "Fit every model in the range, one after another. EM stops by the rule,\n"
                "tolerance and iteration limit of the Fit settings."
            )
        )
        self.run_button.clicked.connect(self._on_run_button_clicked)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setToolTip(
            self.tr("Stop after the model being fitted; keep the finished ones")
        )
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        self.replicates = QSpinBox()
        self.replicates.setRange(9, 999)
        self.replicates.setValue(BLRT_REPLICATES)
        self.replicates.setToolTip(
            self.tr(
                "Bootstrap data sets per test: 99 is usual; more give a more precise p-value but "
                "take longer (each is fitted with K-1 and with K components)"
            )
        )
        self.tests_button = QPushButton(self.tr("Test K-1 vs K"))
        self.tests_button.setToolTip(
            self.tr(
                "For every K whose K-1 was fitted (same covariance type): the bootstrap "
                "likelihood-ratio test (BLRT) and the Lo-Mendell-Rubin test. A small p "
                "(below 0.05) says K components fit clearly better than K-1."
            )
        )
        self.tests_button.clicked.connect(self._on_tests_button_clicked)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Components K from")))
        row.addWidget(self.k_from)
        row.addWidget(QLabel(self.tr("to")))
        row.addWidget(self.k_to)
        row.addSpacing(12)
        row.addWidget(QLabel(self.tr("Starts per model")))
        row.addWidget(self.restarts)
        row.addStretch(1)
        self._controls_row = row

        self.type_boxes: dict[str, QCheckBox] = {}
        types = QHBoxLayout()
        types.addWidget(QLabel(self.tr("Covariance types:")))
        for ct in COVARIANCE_TYPES:
            box = QCheckBox(ct)
            box.setChecked(ct in ("full", "diag"))
            box.setToolTip(self.tr(TYPE_TIPS[ct]))
            box.toggled.connect(self._on_type_box_toggled)
            self.type_boxes[ct] = box
            types.addWidget(box)
        types.addStretch(1)
        self._types_row = types
        # three short rows, not two long ones: on a laptop's tab the names were cut
        shown = QHBoxLayout()
        shown.addWidget(QLabel(self.tr("Also show:")))
        self.criterion_boxes: dict[str, QCheckBox] = {}
        tips = {
            "AIC": self.tr(
                "Akaike's criterion (dashed): penalises extra parameters less than BIC, "
                "so it tends to pick more components."
            ),
            "ICL": self.tr(
                "BIC plus a penalty for overlapping components (dotted): prefers "
                "well-separated groups."
            ),
        }
        for name in ("AIC", "ICL"):
            box = QCheckBox(name)
            box.setToolTip(tips[name])
            box.toggled.connect(self._on_criterion_box_toggled)
            self.criterion_boxes[name] = box
            shown.addWidget(box)
        self._shown_row = shown

        self.hint_label = QLabel(
            self.tr(
                "Lower is better. BIC rewards a good fit but charges for every extra parameter. "
                "Click a point or a table row to look at that model."
            )
        )
        self.hint_label.setWordWrap(True)
        self.hint_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # dimmed, any theme
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(220)
        self.status_label = QLabel("")
        self.status_label.setWordWrap(True)
        status = QHBoxLayout()
        status.addWidget(self.status_label, 1)
        status.addWidget(self.progress)
        status.addWidget(self.run_button)
        status.addWidget(self.cancel_button)
        status.addSpacing(12)
        status.addWidget(self.tests_button)
        status.addWidget(self.replicates)
        self._status_row = status

    def _build_plot(self) -> None:
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setMinimumHeight(220)
        self.plot_item: pg.PlotItem = self.graphics.addPlot(row=0, col=0)
        self.plot_item.setMenuEnabled(False, enableViewBoxMenu=True)
        self.plot_item.showGrid(x=True, y=True, alpha=0.15)
        self.plot_item.setLabel("bottom", self.tr("number of components K"))
        self.plot_item.setLabel(
            "left", self.tr("{criteria} (lower is better)").format(criteria="BIC")
        )
        for side in ("left", "bottom"):
            self.plot_item.getAxis(side).enableAutoSIPrefix(False)
        self.plot_item.getAxis("left").setWidth(70)
        self.legend = side_legend(self.graphics.ci)
        self.lines: dict[tuple[str, str], pg.PlotDataItem] = {}
        self.markers: dict[tuple[str, str], pg.ScatterPlotItem] = {}
        self._swatches: dict[tuple[str, str], pg.PlotDataItem] = {}
        self.best_marker = pg.ScatterPlotItem(
            symbol="star", size=26, brush=pg.mkBrush(BEST_COLOR), pen=pg.mkPen("k", width=1)
        )
        self.best_marker.setZValue(20)
        self.best_marker.setToolTip(
            self.tr("The model with the lowest BIC (collapsed fits excluded)")
        )
        self.plot_item.addItem(self.best_marker)
        self.best_text = pg.TextItem("", color="#7A5A00", anchor=(0.5, -0.6))
        self.best_text.setZValue(21)
        self.plot_item.addItem(self.best_text)
        self.chosen_marker = pg.ScatterPlotItem(
            symbol="o", size=22, brush=None, pen=pg.mkPen(CHOSEN_COLOR, width=2.5)
        )
        self.chosen_marker.setZValue(19)
        self.plot_item.addItem(self.chosen_marker)
        self._degenerate_swatch = legend_swatch(
            pen=None,
            symbol="o",
            symbolSize=10,
            symbolBrush=None,
            symbolPen=pg.mkPen(DEGENERATE_COLOR, width=2),
        )
        self._best_swatch = legend_swatch(
            pen=None,
            symbol="star",
            symbolSize=14,
            symbolBrush=BEST_COLOR,
            symbolPen=pg.mkPen("k", width=1),
        )
        # the picture dialog of every other plot, not pyqtgraph's programmer "Export..." one
        self.export_action = QAction(translate("Plots", EXPORT_PNG_ACTION_TEXT), self)
        self.export_action.triggered.connect(self._on_export_action_triggered)
        self.graphics.scene().contextMenu = [self.export_action]

    def export_png(self, path: str | Path, width: int = 1600, dpi: float | None = None) -> None:
        """Write the BIC plot with its legend as a PNG ``width`` pixels wide (atomically)."""
        self.graphics.ci.layout.activate()
        write_png(with_dpi(render_graphics(self.graphics.ci, width), dpi), path)

    def _on_export_action_triggered(self) -> None:
        from .export_dialog import PictureDialog, ask_picture

        dialog = PictureDialog(
            self,
            translate("Plots", "Export plot"),
            "choose_k.png",
            file_filter=translate("Plots", "PNG image (*.png)"),
        )
        choice = ask_picture(dialog)
        if choice is None:
            return
        path = str(choice.target)
        if not path.lower().endswith(".png"):
            path += ".png"
        try:
            self.export_png(path, choice.width, choice.dpi)
        except UserError as error:
            QMessageBox.warning(self, translate("Plots", "Export failed"), error_text(error))

    def _build_table(self) -> None:
        self.table = QTableWidget(0, len(TABLE_HEAD))
        self.table.setHorizontalHeaderLabels([self.tr(t) for t in _TABLE_HEAD_TEXTS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.setAlternatingRowColors(True)
        self.table.setToolTip(self.tr("Click a row to show that model in the main plots"))
        self.table.itemSelectionChanged.connect(self._on_table_selection_changed)
        tips = {
            "log-likelihood": self.tr("How well the model explains the data (higher is better)"),
            "BIC": self.tr(
                "Bayesian information criterion: -2 log-likelihood + parameters × ln(rows)"
            ),
            "AIC": self.tr("Akaike information criterion: -2 log-likelihood + 2 × parameters"),
            "ICL": self.tr(
                "mclust's integrated completed likelihood, lower is better: BIC - 2 × the sum "
                "over rows of ln(largest responsibility); mclust shows it with the opposite sign"
            ),
            "parameters": self.tr(
                "Free parameters p: K-1 weights, K×d means and the covariances the type allows"
            ),
            "SABIC": self.tr(
                "Sample-size-adjusted BIC: -2 log-likelihood + parameters × ln((rows + 2) / 24)"
            ),
            "CAIC": self.tr("Consistent AIC: -2 log-likelihood + parameters × (ln(rows) + 1)"),
            "AWE": self.tr(
                "Approximate weight of evidence (Banfield and Raftery 1993): -2 classification "
                "log-likelihood + 2 × parameters × (3/2 + ln(rows))"
            ),
            "ICL entropy": self.tr("BIC + 2 × the entropy of the responsibilities"),
            "entropy": self.tr(
                "Relative entropy 1 - E / (rows × ln K): 1 when every row clearly belongs to one "
                "component, near 0 when the components overlap (1 for K = 1)"
            ),
            "average posterior": self.tr(
                "For each component, the mean responsibility of the rows assigned to it "
                "(near 1: those rows are clearly its own)"
            ),
            "smallest class": self.tr(
                "Rows in the smallest component (most likely assignment), and their share; "
                "under 5% or under 25 rows is marked"
            ),
            "starts reaching best": self.tr(
                "How many starts ended at the best log-likelihood found: once only means a "
                "better fit may exist"
            ),
            "collapsed": self.tr(
                "A component shrank onto a few identical values: its likelihood is "
                "not trustworthy, so this model is never chosen as best"
            ),
            "BLRT": self.tr(
                "Bootstrap likelihood-ratio test of K-1 against K components: the share of data "
                "sets drawn from the K-1 model whose likelihood ratio reached the observed one, "
                "± its Monte Carlo error. Small (below 0.05): K fits clearly better"
            ),
            "LMR": self.tr(
                "Lo-Mendell-Rubin adjusted likelihood-ratio test of K-1 against K (an "
                "approximation, no refits): small means K fits clearly better"
            ),
        }
        for col, name in enumerate(TABLE_HEAD):
            item = self.table.horizontalHeaderItem(col)
            if item is not None and name in tips:
                item.setToolTip(tips[name])
        self._build_column_menu()

    def _build_column_menu(self) -> None:
        """A checkable action per column, in the header's context menu and under "Columns…"."""
        self.column_menu = QMenu(self)
        self.column_actions: dict[str, QAction] = {}
        for col, (key, text, shown) in enumerate(TABLE_COLUMNS):
            action = QAction(self.tr(text), self.column_menu)
            action.setCheckable(True)
            action.setChecked(shown)
            action.toggled.connect(partial(self._on_column_action_toggled, key))
            self.column_menu.addAction(action)
            self.column_actions[key] = action
            self.table.setColumnHidden(col, not shown)
        self.column_actions["K"].setEnabled(False)  # a row without its K means nothing
        self.column_menu.addSeparator()
        reset = self.column_menu.addAction(self.tr("Default columns"))
        reset.triggered.connect(self._on_default_columns_triggered)
        header = self.table.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._on_header_context_menu_requested)
        self.columns_button = QPushButton(self.tr("Columns…"))
        self.columns_button.setToolTip(
            self.tr("Choose the columns of the table (or right-click its header)")
        )
        self.columns_button.setMenu(self.column_menu)

    def column_index(self, key: str) -> int:
        """The table column of ``key`` (one of TABLE_HEAD)."""
        return TABLE_HEAD.index(key)

    def visible_columns(self) -> list[str]:
        """The keys of the columns shown, in table order."""
        return [key for col, key in enumerate(TABLE_HEAD) if not self.table.isColumnHidden(col)]

    def set_visible_columns(self, keys: Sequence[str]) -> None:
        """Show exactly the columns ``keys`` (unknown keys ignored; K is always shown)."""
        wanted = set(keys) | {"K"}
        for key, action in self.column_actions.items():
            action.setChecked(key in wanted)

    # ------------------------------------------------------------------ public API
    def set_data(
        self,
        X: np.ndarray | None,
        columns: Sequence[str],
        weights: np.ndarray | None = None,
        missing: str = "drop",
    ) -> None:
        """New data X (n, d) with its column names (None: no usable data), its row weights
        (n,) or None and ``missing`` ("model": X may hold NaN cells); clears the results."""
        self._abandon_task()
        self._weights, self._missing = weights, missing
        self._X = None if X is None else np.asarray(X, dtype=float)
        if self._X is not None and self._X.ndim == 1:
            self._X = self._X[:, None]
        self._columns = [str(c) for c in columns]
        self._clear_results()
        one_column = self._X is not None and self._X.shape[1] == 1
        for ct in ("diag", "spherical"):
            box = self.type_boxes[ct]
            box.setEnabled(not one_column)
            box.setToolTip(
                self.tr("With one column, '{type}' is the same model as 'full'.").format(type=ct)
                if one_column
                else self.tr(TYPE_TIPS[ct])
            )
        if self._X is None:
            self.status_label.setText(self.tr("Open data and choose columns to compare models."))
        else:
            n, d = self._X.shape
            ready = (
                self.tr("{n} rows, {d} column. Press Run to fit every model.")
                if d == 1
                else self.tr("{n} rows, {d} columns. Press Run to fit every model.")
            )
            self.status_label.setText(ready.format(n=f"{n:,}", d=d))
        self._update_controls()

    def set_sweep_options(self, **options: Any) -> None:
        """Options passed on to ``sweep_models`` (seed, max_iter, tol, stopping, reg_covar)."""
        self.sweep_options.update(options)

    def selected_types(self) -> list[str]:
        """The checked covariance types that apply to the data, in the engine's order."""
        return [ct for ct, box in self.type_boxes.items() if box.isChecked() and box.isEnabled()]

    def is_running(self) -> bool:
        """True from start() (or start_tests()) until its task has ended (its last signal
        delivered)."""
        return self._slot.is_running() or self._tests_slot.is_running()

    def test_pairs(self) -> list[tuple[ModelScore, ModelScore]]:
        """(K-1, K) pairs of fitted models of one covariance type, in table order; models that
        share one fit (one column: full, diag, spherical) are tested once."""
        by_model = {(s.n_components, s.covariance_type): s for s in self.scores}
        pairs: list[tuple[ModelScore, ModelScore]] = []
        seen: set[tuple[int, int]] = set()
        for score in self.scores:
            null = by_model.get((score.n_components - 1, score.covariance_type))
            if null is None or null.result is None or score.result is None:
                continue
            key = (id(null.result), id(score.result))
            if key not in seen:
                seen.add(key)
                pairs.append((null, score))
        return pairs

    def start_tests(self) -> bool:
        """Run the BLRT and LMR of every pair in ``test_pairs`` in the background; False (with
        a message) when nothing can be tested."""
        if self._X is None or self.is_running():
            return False
        refusal = blrt_refusal(self._missing, self._weights)
        if refusal is not None:  # as select --blrt: modelled cells, fractional weights
            text = error_text(refusal)
            self.status_label.setText(text[:1].upper() + text[1:] + ".")
            return False
        pairs = self.test_pairs()
        if not pairs:
            self.status_label.setText(
                self.tr("Nothing to test: fit at least two neighbouring K of one covariance type.")
            )
            return False
        self.tests = {}
        self._refresh_test_cells()
        for key in ("BLRT", "LMR"):
            self.column_actions[key].setChecked(True)
        X, replicates, weights = self._X, self.replicates.value(), self._weights
        seed = int(self.sweep_options.get("seed", 0) or 0)
        self._tests_total = len(pairs)
        fits = [(null.result, alternative.result) for null, alternative in pairs]
        rows = [  # every row a test belongs to (one column: full, diag, spherical share one)
            [(s.n_components, s.covariance_type) for s in self.scores if s.result is alt.result]
            for _, alt in pairs
        ]

        def work(state: TaskState) -> int:
            run = engines.warm_up()  # off the GUI thread: wait for the compiled engine
            threads = replicate_threads(X, run, weights)  # draws of sum-of-weights rows
            for i, (null, alternative) in enumerate(fits):
                assert null is not None and alternative is not None

                def on_progress(done: int, total: int, i: int = i) -> None:
                    state.progress((i + done / total) / len(fits))

                test = bootstrap_lrt(
                    X,
                    null,
                    alternative,
                    n_bootstrap=replicates,
                    seed=seed,
                    backend=run,
                    threads=threads,
                    on_progress=on_progress,
                    should_stop=lambda: state.cancelled,
                )
                if not test.complete:
                    break
                state.partial((rows[i], test))
            return len(fits)

        self._tests_slot.start(work)
        self.progress.setValue(0)
        self.status_label.setText(
            self.tr("Testing K-1 against K: {n} of {total} tests done…").format(
                n=0, total=self._tests_total
            )
        )
        self._update_controls()
        self.sig_running_changed.emit(True)
        return True

    @property
    def _task(self) -> Task | None:
        return self._slot.current

    def start(self) -> bool:
        """Start the sweep with the current controls; False (with a message) if it cannot."""
        if self._X is None or self.is_running():
            return False
        self.sig_starting.emit()
        types = self.selected_types()
        if not types:
            self.status_label.setText(self.tr("Tick at least one covariance type."))
            return False
        n = self._X.shape[0]
        wanted = list(range(self.k_from.value(), self.k_to.value() + 1))
        skipped = too_many_components(wanted, n)
        components = [k for k in wanted if k not in skipped]
        if not components:
            self.status_label.setText(
                self.tr(
                    "The data have only {n} rows: every K asked for needs more rows. "
                    "Choose K of at most {n}."
                ).format(n=n)
            )
            return False
        self._skip_note = (
            self.tr(" K = {list} skipped: the data have only {n} rows.").format(
                list=", ".join(map(str, skipped)), n=n
            )
            if skipped
            else ""
        )
        self._clear_results()
        self._planned = [(k, ct) for k in components for ct in types]
        self._total = len(self._planned)
        X, restarts, options = self._X, self.restarts.value(), dict(self.sweep_options)
        weights, missing = self._weights, self._missing

        def work(state: TaskState) -> list[ModelScore]:
            done = [0]

            def on_model(score: ModelScore) -> None:
                _ = score.indices  # worked out here, off the window's thread
                done[0] += 1
                state.partial(score)
                state.progress(done[0] / len(self._planned))

            return sweep_models(
                X,
                components,
                types,
                n_init=restarts,
                on_model=on_model,
                should_stop=lambda: state.cancelled,
                sample_weight=weights,
                missing=missing,
                **options,
            )

        self._slot.start(work)  # its signals arrive once this returns to the event loop
        self.progress.setValue(0)
        self._show_fitting_status()
        self._update_controls()
        self.sig_running_changed.emit(True)
        return True

    def restore(self, scores: Sequence[ModelScore]) -> None:
        """Show the models of a saved sweep (from a session) as if just fitted; nothing runs.

        The K range and the covariance boxes are set to cover them, so Run repeats the sweep.
        """
        self._abandon_task()
        self._clear_results()
        if not scores:
            return
        components = [s.n_components for s in scores]
        self.k_from.setValue(min(components))
        self.k_to.setValue(max(components))
        present = {s.covariance_type for s in scores}
        for ct, box in self.type_boxes.items():
            if box.isEnabled():
                box.setChecked(ct in present)
        self._planned = [(s.n_components, s.covariance_type) for s in scores]
        self._total = len(self._planned)
        self._skip_note = ""
        for score in scores:
            self.scores.append(score)
            self._add_table_row(score)
        self._redraw()
        self.progress.setValue(1000)
        restored = (
            self.tr("{n} model restored from the session. ")
            if len(scores) == 1
            else self.tr("{n} models restored from the session. ")
        )
        self.status_label.setText(restored.format(n=len(scores)) + self._best_words())
        self._update_controls()

    def cancel(self) -> None:
        """Ask the sweep (or the tests) to stop; finished models (and tests) stay."""
        for slot in (self._slot, self._tests_slot):
            if slot.is_running():
                slot.cancel()
                self.status_label.setText(self.tr("Stopping…"))

    def shutdown(self) -> None:
        """Cancel any sweep and wait for its thread (call when the window closes)."""
        self._abandon_task()
        self._slot.shutdown()
        self._tests_slot.shutdown()

    def choose(self, score: ModelScore) -> None:
        """Show ``score`` as chosen (ring in the plot, table row) and emit its FitResult."""
        if score.result is None:
            self.status_label.setText(
                self.tr("K={k}, {type} has no fit to show: every start broke down.").format(
                    k=score.n_components, type=score.covariance_type
                )
            )
            return
        self.chosen = score
        self.chosen_marker.setData([score.n_components], [score.bic])
        row = self.scores.index(score)
        self.table.blockSignals(True)
        self.table.selectRow(row)
        self.table.blockSignals(False)
        self.sig_model_chosen.emit(score.result)

    # ------------------------------------------------------------------ task handlers
    def _on_task_partial(self, score: object) -> None:
        assert isinstance(score, ModelScore)
        self.scores.append(score)
        self._add_table_row(score)
        self._redraw()
        self._show_fitting_status()

    def _on_task_progress(self, fraction: float) -> None:
        self.progress.setValue(round(1000 * fraction))

    def _on_task_done(self, scores: object) -> None:
        assert isinstance(scores, list)
        self.progress.setValue(1000)
        self.status_label.setText(
            (
                self.tr("Done: {n} model fitted. ")
                if len(self.scores) == 1
                else self.tr("Done: {n} models fitted. ")
            ).format(n=len(self.scores))
            + f"{self._best_words()}{self._skip_note}"
        )
        self.sig_sweep_finished.emit(list(scores))

    def _on_task_failed(self, message: str, details: str) -> None:
        self.status_label.setText(self.tr("The sweep stopped: {message}").format(message=message))

    def _on_task_cancelled(self) -> None:
        self.status_label.setText(
            self.tr("Stopped: {n} of {total} models fitted. ").format(
                n=len(self.scores), total=self._total
            )
            + self._best_words(so_far=True)
        )

    def _on_task_ended(self) -> None:
        self._update_controls()
        self.sig_running_changed.emit(False)

    def _on_tests_partial(self, value: object) -> None:
        """One finished test: (the (K, covariance) rows it belongs to, the ComponentTest)."""
        assert isinstance(value, tuple)
        rows, test = value
        assert isinstance(test, ComponentTest)
        for key in rows:
            self.tests[key] = test
        self._refresh_test_cells()
        self.status_label.setText(
            self.tr("Testing K-1 against K: {n} of {total} tests done…").format(
                n=len({id(t) for t in self.tests.values()}), total=self._tests_total
            )
        )

    def _on_tests_done(self, _total: object) -> None:
        self.progress.setValue(1000)
        self.status_label.setText(
            self.tr(
                "Done: {n} tests of K-1 against K ({b} bootstrap replicates each). "
                "A p below 0.05 says K fits clearly better than K-1."
            ).format(n=len({id(t) for t in self.tests.values()}), b=self.replicates.value())
        )

    def _on_tests_failed(self, message: str, details: str) -> None:
        self.status_label.setText(self.tr("The tests stopped: {message}").format(message=message))

    def _on_tests_cancelled(self) -> None:
        self.status_label.setText(
            self.tr("Tests stopped: {n} of {total} done.").format(
                n=len({id(t) for t in self.tests.values()}), total=self._tests_total
            )
        )

    def _on_tests_button_clicked(self) -> None:
        self.start_tests()

    def _refresh_test_cells(self) -> None:
        """Write the BLRT and LMR cells of every row from ``self.tests``."""
        for row, score in enumerate(self.scores):
            texts = self._row_texts(score)
            test = self.tests.get((score.n_components, score.covariance_type))
            for key in ("BLRT", "LMR"):
                item = self.table.item(row, self.column_index(key))
                if item is not None:
                    item.setText(texts[key])
                    item.setToolTip(test.sentence() if test is not None else "")

    # ------------------------------------------------------------------ control handlers
    def _on_run_button_clicked(self) -> None:
        self.start()

    def _on_cancel_button_clicked(self) -> None:
        self.cancel()

    def _on_k_spin_value_changed(self, _value: int) -> None:
        if self.k_to.value() < self.k_from.value():
            self.k_to.setValue(self.k_from.value())

    def _on_type_box_toggled(self, _checked: bool) -> None:
        self._update_controls()

    def _on_criterion_box_toggled(self, _checked: bool) -> None:
        self._redraw()

    def _on_column_action_toggled(self, key: str, checked: bool) -> None:
        self.table.setColumnHidden(self.column_index(key), not checked)

    def _on_default_columns_triggered(self) -> None:
        self.set_visible_columns(DEFAULT_COLUMNS)

    def _on_header_context_menu_requested(self, pos: QPoint) -> None:
        self.column_menu.popup(self.table.horizontalHeader().mapToGlobal(pos))

    def _on_markers_clicked(self, _item: object, points: Sequence[Any], _event: object) -> None:
        """A click on a plot marker: choose the model under the pointer."""
        for point in points:
            score = point.data()
            if isinstance(score, ModelScore):
                self.choose(score)
                return

    def _on_table_selection_changed(self) -> None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        if len(rows) == 1:
            row = rows.pop()
            if 0 <= row < len(self.scores):
                self.choose(self.scores[row])

    # ------------------------------------------------------------------ drawing
    def _clear_results(self) -> None:
        self.scores = []
        self.tests = {}
        self.best = None
        self.chosen = None
        self.table.setRowCount(0)
        self.progress.setValue(0)
        self._redraw()

    def _abandon_task(self) -> None:
        """Stop the running sweep (or tests) and drop whatever it still delivers."""
        retired = [slot.retire() for slot in (self._slot, self._tests_slot)]
        if any(retired):
            self._update_controls()
            self.sig_running_changed.emit(False)

    def _update_controls(self) -> None:
        running = self.is_running()
        can_run = self._X is not None and bool(self.selected_types()) and not running
        self.run_button.setEnabled(can_run)
        self.tests_button.setEnabled(can_run and len(self.scores) > 1)
        self.replicates.setEnabled(not running)
        self.progress.setVisible(running)
        self.cancel_button.setEnabled(running)
        self.k_from.setEnabled(not running)
        self.k_to.setEnabled(not running)
        self.restarts.setEnabled(not running)

    def _show_fitting_status(self) -> None:
        done = len(self.scores)
        if done < len(self._planned):
            k, ct = self._planned[done]
            self.status_label.setText(
                self.tr("Fitting model {i} of {total} (K={k}, {type})…").format(
                    i=done + 1, total=self._total, k=k, type=ct
                )
                + self._skip_note
            )

    def _best_words(self, so_far: bool = False) -> str:
        if self.best is None:
            return self.tr("No model could be chosen: every fit collapsed.") if self.scores else ""
        words = (
            self.tr("Best by BIC so far: K={k}, {type} (BIC {bic}).")
            if so_far
            else self.tr("Best by BIC: K={k}, {type} (BIC {bic}).")
        )
        return words.format(
            k=self.best.n_components, type=self.best.covariance_type, bic=f"{self.best.bic:.1f}"
        )

    def _item(self, key: tuple[str, str]) -> tuple[pg.PlotDataItem, pg.ScatterPlotItem]:
        """The line and markers of one (covariance type, criterion), created on first use."""
        if key not in self.lines:
            ct, criterion = key
            color, symbol = TYPE_STYLES[ct]
            pen = pg.mkPen(color, width=2, style=CRITERIA[criterion])
            line = pg.PlotDataItem(pen=pen)
            markers = pg.ScatterPlotItem(
                symbol=symbol, size=10, hoverable=True, tip=partial(_spot_tip, criterion)
            )
            markers.setZValue(5)
            markers.sigClicked.connect(self._on_markers_clicked)
            self.plot_item.addItem(line)
            self.plot_item.addItem(markers)
            self.lines[key], self.markers[key] = line, markers
            self._swatches[key] = legend_swatch(
                pen=pen, symbol=symbol, symbolSize=8, symbolBrush=color, symbolPen=None
            )
        return self.lines[key], self.markers[key]

    def _redraw(self) -> None:
        """Draw every score: lines per (type, criterion), markers, best star, legend."""
        shown = ["BIC"] + [c for c, box in self.criterion_boxes.items() if box.isChecked()]
        label = " / ".join(shown)
        self.plot_item.setLabel(
            "left", self.tr("{criteria} (lower is better)").format(criteria=label)
        )
        types = [ct for ct in COVARIANCE_TYPES if any(s.covariance_type == ct for s in self.scores)]
        entries: list[tuple[Any, str]] = []
        for key in list(self.lines):
            visible = key[0] in types and key[1] in shown
            self.lines[key].setVisible(visible)
            self.markers[key].setVisible(visible)
        for ct in types:
            rows = sorted(
                (s for s in self.scores if s.covariance_type == ct), key=lambda s: s.n_components
            )
            for criterion in shown:
                line, markers = self._item((ct, criterion))
                self._draw_curve(rows, criterion, line, markers, TYPE_STYLES[ct][0])
                name = ct if len(shown) == 1 else f"{ct} {criterion}"
                entries.append((self._swatches[(ct, criterion)], name))
        if any(s.degenerate for s in self.scores):
            entries.append((self._degenerate_swatch, self.tr("collapsed")))
        self.best = best_model(self.scores)
        if self.best is not None:
            entries.append((self._best_swatch, self.tr("best by BIC")))
            self.best_marker.setData([self.best.n_components], [self.best.bic])
            self.best_text.setText(
                self.tr("best by BIC: K={k}, {type}").format(
                    k=self.best.n_components, type=self.best.covariance_type
                )
            )
            self.best_text.setPos(self.best.n_components, self.best.bic)
            self.best_text.setVisible(True)
        else:
            self.best_marker.setData([], [])
            self.best_text.setVisible(False)
        if self.chosen is None:
            self.chosen_marker.setData([], [])
        sync_legend(self.legend, entries)
        self._mark_best_row()
        self._set_ranges()

    def _draw_curve(
        self,
        rows: Sequence[ModelScore],
        criterion: str,
        line: pg.PlotDataItem,
        markers: pg.ScatterPlotItem,
        color: str,
    ) -> None:
        values = [float(getattr(s, criterion.lower())) for s in rows]
        finite = [(s, v) for s, v in zip(rows, values, strict=True) if np.isfinite(v)]
        sound = [(s, v) for s, v in finite if not s.degenerate]
        line.setData([s.n_components for s, _ in sound], [v for _, v in sound])
        spots = []
        for s, v in finite:
            spots.append(
                {
                    "pos": (s.n_components, v),
                    "data": s,
                    "brush": pg.mkBrush(255, 255, 255, 255) if s.degenerate else pg.mkBrush(color),
                    "pen": pg.mkPen(DEGENERATE_COLOR, width=2)
                    if s.degenerate
                    else pg.mkPen(color, width=1),
                }
            )
        markers.setData(spots)

    def _set_ranges(self) -> None:
        """Fit the view to the sound models; collapsed ones with absurd scores stay off-scale."""
        ks = [s.n_components for s in self.scores]
        if not ks:
            return
        self.plot_item.setXRange(min(ks) - 0.4, max(ks) + 0.4, padding=0)
        ticks = [(k, str(k)) for k in range(min(ks), max(ks) + 1)]
        self.plot_item.getAxis("bottom").setTicks([ticks, []])
        shown = ["bic"] + [c.lower() for c, box in self.criterion_boxes.items() if box.isChecked()]
        values = [
            float(getattr(s, c))
            for s in self.scores
            for c in shown
            if not s.degenerate and np.isfinite(getattr(s, c))
        ]
        if not values:
            values = [
                float(getattr(s, c))
                for s in self.scores
                for c in shown
                if np.isfinite(getattr(s, c))
            ]
        if values:
            low, high = min(values), max(values)
            pad = 0.12 * (high - low) if high > low else max(1.0, 0.01 * abs(high))
            self.plot_item.setYRange(low - pad, high + pad, padding=0)

    def _add_table_row(self, score: ModelScore) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        texts = self._row_texts(score)
        cells = [texts[key] for key in TABLE_HEAD]
        tip = "\n".join(score.notes)
        small = self._small_class_tip(score)
        for col, text in enumerate(cells):
            item = QTableWidgetItem(text)
            align = Qt.AlignmentFlag.AlignLeft if col == 1 else Qt.AlignmentFlag.AlignRight
            item.setTextAlignment(align | Qt.AlignmentFlag.AlignVCenter)
            if tip:
                item.setToolTip(tip)
            if TABLE_HEAD[col] in self._red_columns(score):
                item.setForeground(QBrush(QColor(DEGENERATE_COLOR)))
            if small and TABLE_HEAD[col] == "smallest class":
                item.setToolTip("\n".join(t for t in (small, tip) if t))
            self.table.setItem(row, col, item)

    def _red_columns(self, score: ModelScore) -> set[str]:
        """The columns of a model's row written in red: collapsed, a small smallest class."""
        red = {"collapsed"} if score.degenerate else set()
        if score.indices is not None and score.indices.small_class_warning is not None:
            red.add("smallest class")
        return red

    def _row_texts(self, score: ModelScore) -> dict[str, str]:
        """The text of every column (TABLE_HEAD keys) for one model; "—" where there is no fit."""
        ix = score.indices
        none = "—"
        texts = {
            "K": str(score.n_components),
            "covariance": score.covariance_type,
            "log-likelihood": _fmt(score.log_likelihood),
            "parameters": str(score.n_parameters),
            "BIC": _fmt(score.bic),
            "AIC": _fmt(score.aic),
            "SABIC": none if ix is None else _fmt(ix.sabic),
            "CAIC": none if ix is None else _fmt(ix.caic),
            "AWE": none if ix is None else _fmt(ix.awe),
            "ICL": _fmt(score.icl),
            "ICL entropy": _fmt(score.icl_entropy),
            "entropy": none if ix is None else f"{ix.relative_entropy:.3f}",
            "average posterior": none
            if ix is None
            else ", ".join(f"{v:.2f}" if np.isfinite(v) else none for v in ix.average_posterior),
            "smallest class": none
            if ix is None
            else f"{ix.smallest_class_count:,} ({ix.smallest_class_percent:.1f}%)",
            "starts reaching best": self.tr("{m} of {n}").format(
                m=score.starts_reaching_best, n=score.starts
            ),
            "iterations": str(score.n_iter),
            "converged": self.tr("yes") if score.converged else self.tr("no"),
            "collapsed": self.tr("collapsed") if score.degenerate else "",
            "BLRT": none,
            "LMR": none,
        }
        test = self.tests.get((score.n_components, score.covariance_type))
        if test is not None:
            texts["BLRT"] = f"{test.blrt_p:.3f} ± {test.blrt_p_se:.3f}"
            texts["LMR"] = f"{test.lmr_p:.3f}"
        return texts

    def _small_class_tip(self, score: ModelScore) -> str:
        """A warning in plain words when the model's smallest component is small, else ""."""
        ix = score.indices
        if ix is None or ix.small_class_warning is None:
            return ""
        return self.tr(
            "Only {count} of {n} rows ({percent}%) are in component {k}: a component under 5% "
            "or under 25 rows may be a few unusual rows rather than a group."
        ).format(
            count=f"{ix.smallest_class_count:,}",
            n=f"{ix.n_samples:,}",
            percent=f"{ix.smallest_class_percent:.1f}",
            k=ix.smallest_class + 1,
        )

    def _mark_best_row(self) -> None:
        for row, score in enumerate(self.scores):
            best = score is self.best
            for col in range(self.table.columnCount()):
                item = self.table.item(row, col)
                if item is None:
                    continue
                font = QFont(item.font())
                font.setBold(best)
                item.setFont(font)
                item.setBackground(QBrush(QColor("#FFF3C4")) if best else QBrush())
                if TABLE_HEAD[col] in self._red_columns(score):
                    item.setForeground(QBrush(QColor(DEGENERATE_COLOR)))
                else:
                    item.setForeground(QBrush(QColor("black")) if best else QBrush())
            first = self.table.item(row, 0)
            if first is not None:
                first.setText(f"★ {score.n_components}" if best else str(score.n_components))


def _preview() -> int:  # pragma: no cover - manual preview
    from ..io import read_table, select_features
    from ..io.demo import demo_path
    from .plots.preview import preview_app, run_preview

    app = preview_app()
    table = read_table(demo_path("faithful"))
    features = select_features(table, ["eruptions", "waiting"])
    view = ChooseKView()
    view.set_data(features.X, features.columns)
    view.start()
    code = run_preview(app, view, "Choose K — Old Faithful", 1000, 760)
    view.shutdown()
    return code


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(_preview())
