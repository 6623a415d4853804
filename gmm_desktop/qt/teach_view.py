"""Teach: EM one half-step at a time on the window's data, with the formulas filled in.

Step alternates the E-step (every point gets its responsibilities, shown as a mix of the
component colours) and the M-step (the components move to the weighted means and spreads).
A click on a point shows its E-step formula with the numbers; the component box shows the
M-step formulas. A small plot follows the log-likelihood and the EM lower bound per half-step.
The numbers are the engine's (``engine.halfsteps``); this module only draws them.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEasingCurve, QEvent, QObject, Qt, QTimer, QVariantAnimation
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSlider,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..engine import FitConfig, MixtureParams, start_plan
from ..engine.halfsteps import EFormula, HalfStepHistory, MFormula, e_formula, m_formula
from ..errors import UserError
from .i18n import error_text, translate
from .plots.base import as_data, column_names, subsample_indices
from .plots.density_plot import marginal_densities
from .plots.scatter_plot import ellipse_outline
from .style import COMPONENT_COLORS, MIXTURE_COLOR, component_color, configure_pyqtgraph
from .teach_bound import BoundPlot
from .teach_formulas import e_html, e_table_width, m_html, nb, swatch
from .teach_handles import StartHandles, blend
from .teach_histogram import SplitHistogram

MAX_DRAWN_POINTS = 5_000
GRID_POINTS = 400
# Autoplay stops when an M-step gains less than this (relative) in log-likelihood: converged.
CONVERGED_GAIN = 1e-10
MAX_AUTOPLAY_HALF_STEPS = 2_000
GLIDE_MS = 300  # an M-step's components glide to their new places in this time


@dataclass(frozen=True, eq=False)
class TeachSetup:
    """What the Teach view works on: data X (n, d), its column names and the fit settings."""

    X: np.ndarray
    columns: list[str]
    config: FitConfig


def setup_from_window(window: Any) -> TeachSetup | str:
    """The main window's current data and fit settings, or a plain-words reason why not."""
    features = getattr(window, "features", None)
    if features is None:
        return translate("TeachView", "Open a data file and choose its columns first.")
    try:
        config = window.parameter_panel.config()
        config.validate(*features.X.shape)
    except UserError as error:
        return error_text(error)
    if features.weights is not None or features.cells_missing:
        return translate(
            "TeachView",
            "The teaching mode shows plain EM on complete rows: set Weights to (none) and "
            "Rows with empty cells to 'leave out' in the Data panel.",
        )
    return TeachSetup(features.X, list(features.columns), config)


def first_start(X: np.ndarray, config: FitConfig) -> MixtureParams:
    """The start a fit with ``config`` tries first (the same seed gives the same start)."""
    return start_plan(config, 0, 1)[0].params(X, config)


def mixed_colours(resp: np.ndarray) -> np.ndarray:
    """Each row's colour as the responsibility-weighted mix of the component colours:
    resp (n, K) -> RGB (n, 3) in 0..255."""
    colours = [QColor(COMPONENT_COLORS[k % len(COMPONENT_COLORS)]) for k in range(resp.shape[1])]
    rgb = np.array([[c.red(), c.green(), c.blue()] for c in colours], dtype=float)
    return np.clip(resp @ rgb, 0, 255)


def _formula_label() -> QLabel:
    """A rich-text label for formulas."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setMargin(4)
    return label


class TeachView(QWidget):
    """EM by half-steps on the data of ``source`` (read each time the view is shown).

    For tests and callers: ``history`` (engine.halfsteps.HalfStepHistory), ``step_button``,
    ``back_button``, ``play_button``, ``speed_slider``, ``reset_button``, ``component_combo``,
    ``e_label``, ``m_label``, ``status_label``, ``points_item`` (rug or scatter, each spot's data is
    its row), ``e_numbers`` / ``m_numbers`` (the numbers shown in the formula panel),
    ``drawn_params`` (the parameters drawn now: an M-step's glide draws in-between ones),
    ``animation``, ``handles`` (the draggable means and ellipse handles), ``manual_start``
    (a start set by dragging or by a lesson; Reset goes back to it), ``axes`` (the two columns
    drawn when there are more), ``lesson_label``.
    """

    def __init__(
        self,
        source: Callable[[], TeachSetup | str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        configure_pyqtgraph()
        super().__init__(parent)
        self._source = source
        self.setup: TeachSetup | None = None
        self.history: HalfStepHistory | None = None
        self.selected_row = 0
        self.e_numbers: EFormula | None = None
        self.m_numbers: MFormula | None = None
        self._drawn_rows = np.empty(0, dtype=np.intp)
        self._rug_y = np.empty(0)
        self._grid = np.empty(0)
        self._source_X: np.ndarray | None = None
        self._message = ""
        self.manual_start: MixtureParams | None = None
        self.truth: MixtureParams | None = None
        self.axes: tuple[int, ...] = (0,)
        self.drawn_params: MixtureParams | None = None
        self._glide: tuple[MixtureParams, MixtureParams] | None = None
        self.animation = QVariantAnimation(self)
        self.animation.setStartValue(0.0)
        self.animation.setEndValue(1.0)
        self.animation.setDuration(GLIDE_MS)
        self.animation.setEasingCurve(QEasingCurve.Type.InOutQuad)
        self.animation.valueChanged.connect(self._on_animation_value_changed)
        self.animation.finished.connect(self._on_animation_finished)

        self.timer = QTimer(self)
        self.timer.timeout.connect(self._on_timer_timeout)
        self._build_controls()
        self._build_plots()
        self._build_formula_panel()
        plot_box = QWidget()
        plot_layout = QVBoxLayout(plot_box)
        plot_layout.setContentsMargins(0, 0, 0, 0)
        plot_layout.setSpacing(0)
        plot_layout.addWidget(self.key_label)
        plot_layout.addWidget(self.graphics, 1)
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(plot_box)
        left.addWidget(self.bound_box)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.formula_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self.controls)
        layout.addLayout(self.axis_row)
        layout.addWidget(self.status_label)
        layout.addWidget(splitter, 1)
        self._update_all()

    # -- building ----------------------------------------------------------------------------

    def _build_controls(self) -> None:
        self.step_button = QPushButton(self.tr("Step"))
        self.back_button = QPushButton(self.tr("Step back"))
        self.play_button = QPushButton(self.tr("Play"))
        self.play_button.setCheckable(True)
        self.speed_slider = QSlider(Qt.Orientation.Horizontal)
        self.speed_slider.setRange(1, 20)
        self.speed_slider.setValue(2)
        self.speed_slider.setMaximumWidth(160)
        self.speed_label = QLabel()
        self.reset_button = QPushButton(self.tr("Reset"))
        self.step_button.setToolTip(self.tr("Do the next half-step: E, then M, then E…"))
        self.back_button.setToolTip(self.tr("Undo the last half-step"))
        self.reset_button.setToolTip(
            self.tr("Start again from the start of the fit settings (reads the data and settings)")
        )
        self.step_button.clicked.connect(self.step)
        self.back_button.clicked.connect(self.step_back)
        self.play_button.toggled.connect(self._on_play_button_toggled)
        self.speed_slider.valueChanged.connect(self._on_speed_slider_changed)
        self.reset_button.clicked.connect(self.reset)
        self.controls = QHBoxLayout()
        for widget in (self.step_button, self.back_button, self.play_button):
            self.controls.addWidget(widget)
        self.controls.addWidget(QLabel(self.tr("Speed:")))
        self.controls.addWidget(self.speed_slider)
        self.controls.addWidget(self.speed_label)
        self.controls.addWidget(self.reset_button)
        self.axis_label = QLabel(self.tr("Columns drawn:"))
        self.x_combo, self.y_combo = QComboBox(), QComboBox()
        for combo in (self.x_combo, self.y_combo):
            combo.setToolTip(self.tr("The two columns the picture shows; the formulas use all"))
            combo.currentIndexChanged.connect(self._on_axis_combo_changed)
        self.controls.addStretch(1)
        # a row of their own (shown with 3 or more columns): beside the buttons they cut them
        self.axis_row = QHBoxLayout()
        for chooser in (self.axis_label, self.x_combo, self.y_combo):
            chooser.setVisible(False)
            self.axis_row.addWidget(chooser)
        self.axis_row.addStretch(1)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.RichText)
        self._on_speed_slider_changed(self.speed_slider.value())

    def _build_plots(self) -> None:
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setMinimumHeight(160)
        self.plot_item: pg.PlotItem = self.graphics.addPlot(row=0, col=0)
        self.plot_item.setMenuEnabled(False)
        self.plot_item.showGrid(x=True, y=True, alpha=0.15)
        self.plot_item.getAxis("left").enableAutoSIPrefix(False)
        self.plot_item.getAxis("bottom").enableAutoSIPrefix(False)
        # the key sits above the plot, so it never hides a curve or a point
        self.key_label = QLabel()
        self.key_label.setTextFormat(Qt.TextFormat.RichText)
        self.key_label.setWordWrap(True)
        self.histogram = SplitHistogram(self.plot_item)
        self.histogram_item = self.histogram.outline
        self.mixture_curve = pg.PlotDataItem(pen=pg.mkPen(MIXTURE_COLOR, width=2.5))
        self.points_item = pg.ScatterPlotItem(size=7, pen=None, hoverable=True)
        self.points_item.sigClicked.connect(self._on_points_clicked)
        # a ring, so the chosen point's own colour stays visible inside it
        self.selected_item = pg.ScatterPlotItem(size=17, pen=pg.mkPen("k", width=2.5), brush=None)
        self.selected_item.setZValue(30)
        self.mean_item = pg.ScatterPlotItem(size=16, symbol="x", pen=pg.mkPen("k", width=1))
        self.mean_item.setZValue(25)
        for item in (
            self.mixture_curve,
            self.points_item,
            self.mean_item,
            self.selected_item,
        ):
            self.plot_item.addItem(item)
        self.component_items: list[list[pg.PlotDataItem]] = []
        self.truth_items: list[pg.PlotDataItem] = []
        self.handles = StartHandles(self.plot_item)
        self.handles.sig_moved.connect(self._on_handles_moved)
        self.handles.sig_dropped.connect(self.set_start)

        self.bound_box = BoundPlot()
        self.bound_plot = self.bound_box.plot_item
        self.likelihood_curve = self.bound_box.likelihood_curve
        self.bound_curve = self.bound_box.bound_curve

    def _build_formula_panel(self) -> None:
        self.component_combo = QComboBox()
        self.component_combo.currentIndexChanged.connect(self._on_component_combo_changed)
        self.e_label = _formula_label()
        self._e_kind = "start"  # the half-step the E formula shown follows
        self.e_label.installEventFilter(self)
        self.m_label = _formula_label()
        self.lesson_label = _formula_label()
        self.lesson_label.setStyleSheet(
            "QLabel { background: #FFF8DC; border: 1px solid #E0C080; }"
        )
        self.lesson_label.setVisible(False)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.lesson_label)
        layout.addWidget(self.e_label)
        row = QHBoxLayout()
        row.setContentsMargins(4, 0, 4, 0)
        row.addWidget(QLabel(self.tr("M-step formulas for:")))
        row.addWidget(self.component_combo, 1)
        layout.addLayout(row)
        layout.addWidget(self.m_label)
        layout.addStretch(1)
        self.formula_box = QScrollArea()
        self.formula_box.setWidgetResizable(True)
        self.formula_box.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.formula_box.setWidget(inner)
        self.formula_box.setMinimumWidth(300)

    # -- public API --------------------------------------------------------------------------

    def set_setup(self, setup: TeachSetup | str | None) -> None:
        """Start over on ``setup`` (a message instead: nothing to teach on, say why)."""
        self.pause()
        if not isinstance(setup, TeachSetup):
            self.setup, self.history = None, None
            self._message = setup or self.tr("Open a data file and choose its columns first.")
            self._load_data()
            self._update_all()
            return
        if not self._keeps_manual_start(setup):
            self.manual_start = None
            self.truth = None
            self.show_lesson("")
        self._source_X = setup.X
        X = as_data(setup.X)
        self.setup = TeachSetup(X, column_names(setup.columns, X.shape[1]), setup.config)
        self._message = ""
        try:
            start = (
                self.manual_start if self.manual_start is not None else first_start(X, setup.config)
            )
        except UserError as error:
            self.setup, self.history = None, None
            self._message = error_text(error)
            self._load_data()
            self._update_all()
            return
        self.history = HalfStepHistory(
            X, start, setup.config.covariance_type, setup.config.reg_covar
        )
        self.selected_row = 0
        self._load_data()
        self._update_all()

    def set_start(self, params: MixtureParams) -> None:
        """Start again from ``params`` (dragged or a lesson's; K and d as the data's)."""
        if self.setup is None:
            return
        config = self.setup.config
        if params.n_features != self.setup.X.shape[1] or params.n_components != config.n_components:
            return
        self.pause()
        self.manual_start = params
        self.history = HalfStepHistory(
            self.setup.X, params, config.covariance_type, config.reg_covar
        )
        self._message = ""
        self._update_all()

    def show_lesson(self, text: str, truth: MixtureParams | None = None) -> None:
        """A lesson's explanation above the formulas (empty: none), and its true parameters
        (drawn dashed in 1-D)."""
        self.lesson_label.setText(text)
        self.lesson_label.setVisible(bool(text))
        self.truth = truth
        self._load_truth()
        self._update_model()

    def step(self) -> None:
        """The next half-step (E or M); a failure (a collapsed component) pauses and says so.
        An M-step's components glide to their new places (a glide still going ends first)."""
        if self.history is None:
            return
        self.finish_animation()
        before = self.history.current
        try:
            self.history.step()
        except UserError as error:
            self.pause()
            self._message = error_text(error)
        after = self.history.current
        self._update_all()
        if after.kind == "M" and after is not before and self.isVisible():
            self._start_glide(before.params, after.params)

    def step_back(self) -> None:
        if self.history is None:
            return
        self.finish_animation()
        self.history.back()
        self._message = ""
        self._update_all()

    def finish_animation(self) -> None:
        """End a glide at once, drawing the parameters it was heading to."""
        if self._glide is not None:
            self.animation.stop()
            self._on_animation_finished()

    def reset(self) -> None:
        """Read the data and settings again and go back to the start (a dragged or lesson
        start is kept while the data and K stay the same)."""
        self.finish_animation()
        self.set_setup(self._source() if self._source is not None else self.setup)

    def pause(self) -> None:
        self.timer.stop()
        if self.play_button.isChecked():
            self.play_button.blockSignals(True)
            self.play_button.setChecked(False)
            self.play_button.blockSignals(False)
        self.play_button.setText(self.tr("Play"))

    def select_point(self, row: int) -> None:
        """Show the E-step formula of data row ``row`` (0-based among the fitted rows)."""
        if self.setup is None:
            return
        self.selected_row = int(np.clip(row, 0, self.setup.X.shape[0] - 1))
        self._update_selection()
        self._update_formulas()

    # -- Qt events ---------------------------------------------------------------------------

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._source is None:
            return
        setup = self._source()
        if self._same_setup(setup):
            return
        self.set_setup(setup)

    def hideEvent(self, event: Any) -> None:
        self.pause()
        super().hideEvent(event)

    def _same_setup(self, setup: TeachSetup | str) -> bool:
        if not isinstance(setup, TeachSetup) or self.setup is None:
            return False
        return setup.X is self._source_X and setup.config == self.setup.config

    def _keeps_manual_start(self, setup: TeachSetup) -> bool:
        """A manual start survives a new setup on the same data with the same K."""
        start = self.manual_start
        return (
            start is not None
            and setup.X is self._source_X
            and start.n_components == setup.config.n_components
            and start.n_features == as_data(setup.X).shape[1]
        )

    # -- handlers ----------------------------------------------------------------------------

    def _on_timer_timeout(self) -> None:
        if self.history is None:
            self.pause()
            return
        before = self.history.current
        self.step()
        after = self.history.current
        if after is before or after.index >= MAX_AUTOPLAY_HALF_STEPS:
            self.pause()
        elif after.kind == "M" and before.kind == "E":
            previous = self.history.states[after.index - 2] if after.index >= 2 else None
            if previous is not None and after.log_likelihood - previous.log_likelihood <= (
                CONVERGED_GAIN * abs(after.log_likelihood)
            ):
                self.pause()
                self._message = self.tr("EM has converged: another step changes nothing.")
                self._update_status()

    def _on_play_button_toggled(self, checked: bool) -> None:
        if checked and self.history is not None:
            self.play_button.setText(self.tr("Pause"))
            self.timer.start(self._interval_ms())
        else:
            self.pause()

    def _on_speed_slider_changed(self, value: int) -> None:
        self.speed_label.setText(self.tr("{n} half-steps / s").format(n=value))
        if self.timer.isActive():
            self.timer.setInterval(self._interval_ms())

    def _interval_ms(self) -> int:
        return int(1000 / max(self.speed_slider.value(), 1))

    def _on_points_clicked(self, _item: Any, points: Sequence[Any], _event: Any = None) -> None:
        if len(points):
            self.select_point(int(points[0].data()))

    def _on_component_combo_changed(self, _index: int) -> None:
        self._update_formulas()

    def _on_axis_combo_changed(self, _index: int) -> None:
        if self.setup is None or self.setup.X.shape[1] < 3:
            return
        x, y = self.x_combo.currentIndex(), self.y_combo.currentIndex()
        if x < 0 or y < 0:
            return
        self.axes = (x, y)
        self._load_data()
        self._update_all()

    def _on_handles_moved(self, params: MixtureParams) -> None:
        """A handle being dragged: draw the start it would make (nothing is computed yet)."""
        self.finish_animation()
        self._update_model(params)

    def _start_glide(self, start: MixtureParams, end: MixtureParams) -> None:
        self._glide = (start, end)
        duration = GLIDE_MS
        if self.timer.isActive():  # autoplay: the glide ends before the next half-step
            duration = min(GLIDE_MS, int(0.8 * self._interval_ms()))
        self.animation.setDuration(max(duration, 1))
        self._update_model(start)
        self.animation.start()

    def _on_animation_value_changed(self, value: Any) -> None:
        if self._glide is not None:
            self._update_model(blend(*self._glide, float(value)))

    def _on_animation_finished(self) -> None:
        if self._glide is None:
            return
        self._glide = None
        self._update_model()

    # -- drawing -----------------------------------------------------------------------------

    def _load_data(self) -> None:
        """Lay out what depends on the data only: histogram, rug positions, axes, the combo."""
        for items in self.component_items:
            for item in items:
                self.plot_item.removeItem(item)
        self.component_items = []
        self.component_combo.blockSignals(True)
        self.component_combo.clear()
        self.component_combo.blockSignals(False)
        self.handles.clear()
        if self.setup is None or self.history is None:
            self.histogram.clear()
            self.points_item.setData([], [])
            self._load_truth()
            return
        X = self.setup.X
        n, d = X.shape
        k = self.history.current.params.n_components
        rows = subsample_indices(n, MAX_DRAWN_POINTS)
        self._drawn_rows = np.arange(n) if rows is None else rows
        self._load_axes()
        names = [self.setup.columns[a] for a in self.axes]
        self.plot_item.setLabel("bottom", names[0])
        self.plot_item.setLabel("left", self.tr("density") if d == 1 else names[1])
        for j in range(k):
            colour = component_color(j)
            if d == 1:
                items = [pg.PlotDataItem(pen=pg.mkPen(colour, width=2.5))]
            else:
                dark = colour.darker(130)
                items = [
                    pg.PlotDataItem(pen=pg.mkPen(dark, width=2.5)),
                    pg.PlotDataItem(pen=pg.mkPen(dark, width=1.5, style=Qt.PenStyle.DashLine)),
                ]
            for item in items:
                item.setZValue(10)
                self.plot_item.addItem(item)
            self.component_items.append(items)
            pixmap = QPixmap(12, 12)
            pixmap.fill(colour)
            self.component_combo.addItem(QIcon(pixmap), self.tr("component {k}").format(k=j + 1), j)
        if d == 1:
            self._load_histogram(X[:, 0])
        else:
            self.histogram.clear()
            self._rug_y = X[self._drawn_rows, self.axes[1]]
        self.histogram_item.setVisible(d == 1)
        self.mixture_curve.setVisible(d == 1)
        self.handles.build(k, self.axes, self.setup.config.covariance_type)
        self._load_truth()

    def _load_axes(self) -> None:
        """The drawn columns: the only one, both, or two chosen in the combos (d >= 3)."""
        assert self.setup is not None
        d = self.setup.X.shape[1]
        for widget in (self.axis_label, self.x_combo, self.y_combo):
            widget.setVisible(d >= 3)
        if d < 3:
            self.axes = (0,) if d == 1 else (0, 1)
            return
        names = [self.x_combo.itemText(i) for i in range(self.x_combo.count())]
        if names != self.setup.columns:
            for combo, chosen in ((self.x_combo, 0), (self.y_combo, 1)):
                combo.blockSignals(True)
                combo.clear()
                combo.addItems(self.setup.columns)
                combo.setCurrentIndex(chosen)
                combo.blockSignals(False)
        x, y = self.x_combo.currentIndex(), self.y_combo.currentIndex()
        self.axes = (x, y) if x != y else (x, (x + 1) % d)

    def _load_truth(self) -> None:
        """A lesson's true densities, dashed (1-D data only)."""
        for item in self.truth_items:
            self.plot_item.removeItem(item)
        self.truth_items = []
        truth = self.truth
        if self.setup is None or truth is None or self.setup.X.shape[1] != 1:
            return
        dens = marginal_densities(truth, 0, self._grid)
        for j in range(truth.n_components):
            pen = pg.mkPen(component_color(j).darker(160), width=1.5, style=Qt.PenStyle.DotLine)
            item = pg.PlotDataItem(self._grid, dens[j], pen=pen)
            item.setZValue(5)
            self.plot_item.addItem(item)
            self.truth_items.append(item)

    def _load_histogram(self, x: np.ndarray) -> None:
        heights = self.histogram.load(x)
        lo, hi = float(self.histogram.edges[0]), float(self.histogram.edges[-1])
        pad = 0.1 * (hi - lo)
        self._grid = np.linspace(lo - pad, hi + pad, GRID_POINTS)
        # the rug: a band under the axis, each point at a fixed random height so they separate
        top = float(heights.max()) if heights.size else 1.0
        jitter = np.random.default_rng(0).uniform(0.03, 0.2, size=self._drawn_rows.size)
        self._rug_y = -top * jitter

    def _update_all(self) -> None:
        self._update_model()
        self._update_points()
        self._update_selection()
        self._update_bound_plot()
        self._update_formulas()
        self._update_status()
        ready = self.history is not None
        self.step_button.setEnabled(ready)
        self.play_button.setEnabled(ready)
        self.back_button.setEnabled(
            ready and self.history is not None and self.history.position > 0
        )
        self.reset_button.setEnabled(self._source is not None or ready)
        if ready and self.history is not None:
            self.step_button.setText(
                self.tr("Step: E-step")
                if self.history.current.next_kind == "E"
                else self.tr("Step: M-step")
            )

    def _update_model(self, params: MixtureParams | None = None) -> None:
        """Draw ``params`` (default: the shown state's) as curves or ellipses, with the key."""
        if self.setup is None or self.history is None:
            self.mixture_curve.setData([], [])
            self.mean_item.setData([], [])
            self.key_label.setText("")
            self.drawn_params = None
            return
        if params is None:
            self._glide = None
            self.animation.stop()
        params = self.history.current.params if params is None else params
        self.drawn_params = params
        self.handles.base = self.history.current.params  # a drag changes the shown state
        self.handles.place(params)
        d = self.setup.X.shape[1]
        ax = list(self.axes)
        entries = [
            f"{swatch(j)}&nbsp;" + nb(self.tr("component {k}").format(k=j + 1))
            for j in range(params.n_components)
        ]
        if d == 1:
            dens = marginal_densities(params, 0, self._grid)
            for j, (curve,) in enumerate(self.component_items):
                curve.setData(self._grid, dens[j])
            self.mixture_curve.setData(self._grid, dens.sum(axis=0))
            entries.append(
                f"<span style='color:{MIXTURE_COLOR}'>━</span>&nbsp;" + nb(self.tr("mixture"))
            )
            self.mean_item.setData(params.means[:, 0], np.zeros(params.n_components))
            if self.truth_items:
                entries.append("┈&nbsp;" + nb(self.tr("true densities")))
        else:
            for j, (solid, dashed) in enumerate(self.component_items):
                mean, cov = params.means[j, ax], params.covariances[j][np.ix_(ax, ax)]
                for item, radius in ((solid, 1.0), (dashed, 2.0)):
                    outline = ellipse_outline(mean, cov, radius)
                    item.setData(outline[0], outline[1])
            self.mean_item.setData(params.means[:, ax[0]], params.means[:, ax[1]])
        points = (
            self.tr("the data (under the axis), coloured by γ")
            if d == 1
            else self.tr("the data, coloured by γ")
        )
        entries.append("●&nbsp;" + nb(points))
        entries.append("<b>×</b>&nbsp;" + nb(self.tr("means")))
        if d > 1:
            entries.append("━&nbsp;/&nbsp;╍&nbsp;" + nb(self.tr("1 and 2 standard deviations")))
        entries.append("<b>○</b>&nbsp;" + nb(self.tr("the chosen point")))
        entries.append(
            nb(self.tr("drag a mean or a ■ handle to set the start"))
            if d > 1
            else nb(self.tr("drag a mean to set the start"))
        )
        # each entry stays on one line; the key wraps between entries
        self.key_label.setText(" &nbsp; ".join(entries))

    def _update_points(self) -> None:
        if self.setup is None or self.history is None:
            self.points_item.setData([], [])
            return
        rows = self._drawn_rows
        x = self.setup.X[rows, self.axes[0]]
        resp = self.history.current.responsibilities
        if resp is None:
            grey = pg.mkBrush("#8C8C8C")
            brushes = [grey] * rows.size
        else:
            rgb = mixed_colours(resp[rows])
            brushes = [pg.mkBrush(int(r), int(g), int(b), 220) for r, g, b in rgb]
        self.points_item.setData(x=x, y=self._rug_y, brush=brushes, data=rows)
        if self.setup.X.shape[1] == 1:
            self.histogram.split(resp)

    def _update_selection(self) -> None:
        if self.setup is None:
            self.selected_item.setData([], [])
            return
        i = self.selected_row
        x = self.setup.X[i, self.axes[0]]
        if self.setup.X.shape[1] == 1:
            where = np.flatnonzero(self._drawn_rows == i)
            y = float(self._rug_y[where[0]]) if where.size else 0.0
        else:
            y = self.setup.X[i, self.axes[1]]
        self.selected_item.setData([x], [y])

    def _update_bound_plot(self) -> None:
        self.bound_box.show_history(self.history)

    def _update_status(self) -> None:
        if self.history is None:
            self.status_label.setText(html.escape(self._message))
            return
        state = self.history.current
        words = {
            "start": self.tr(
                "<b>The start.</b> Grey points: no responsibilities yet. "
                "Press <i>Step</i> for the first E-step."
            ),
            "E": self.tr(
                "<b>After E-step {e}.</b> Each point's colour mixes the component colours by its "
                "responsibilities γ (the probability that the component produced it). The lower "
                "bound now touches the log-likelihood. Next: the M-step moves the components."
            ),
            "M": self.tr(
                "<b>After M-step {e}.</b> Each component moved to the weighted mean and spread of "
                "its points (weights γ, the colours). With the same γ the lower bound rose, and "
                "the log-likelihood rose at least as much. Next: the E-step recolours the points."
            ),
        }[state.kind].format(e=(state.index + 1) // 2)
        numbers = self.tr("log-likelihood {ll}").format(ll=f"{state.log_likelihood:.6g}")
        if state.lower_bound is not None:
            numbers += " · " + self.tr("lower bound {lb}").format(lb=f"{state.lower_bound:.6g}")
        extra = f" <span style='color:#B00020'>{html.escape(self._message)}</span>"
        self.status_label.setText(
            f"{words} &nbsp; <i>{numbers}</i>{extra if self._message else ''}"
        )

    # -- the formulas ------------------------------------------------------------------------

    def _show_e_table(self) -> None:
        """The E-step formula, its table in a smaller font when the panel is too narrow for
        it at the normal size."""
        numbers = getattr(self, "e_numbers", None)  # None too while the view is being built
        if numbers is None:
            return
        label = self.e_label
        text = e_html(numbers, self._e_kind)
        room = label.contentsRect().width() - 2 * label.margin()
        if e_table_width(text, label.font()) > room:
            text = e_html(numbers, self._e_kind, small=True)
        if text != label.text():
            label.setText(text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.e_label and event.type() == QEvent.Type.Resize:
            self._show_e_table()  # the panel changed width: the table's size may change
        return super().eventFilter(watched, event)

    def _update_formulas(self) -> None:
        self.e_numbers, self.m_numbers = None, None
        if self.setup is None or self.history is None:
            self.e_label.setText("")
            self.m_label.setText("")
            return
        X = self.setup.X
        state = self.history.current
        cov_type = self.setup.config.covariance_type
        before_e = self.history.previous_e() if state.kind == "M" else state
        e_params = (before_e or state).params
        self.e_numbers = e_formula(X, e_params, self.selected_row, cov_type)
        self._e_kind = state.kind
        self._show_e_table()
        k = max(self.component_combo.currentIndex(), 0)
        if state.responsibilities is not None:
            self.m_numbers = m_formula(
                X, state.responsibilities, k, cov_type, self.setup.config.reg_covar
            )
            self.m_label.setText(m_html(self.m_numbers, state.kind))
        else:
            self.m_label.setText(
                "<h3>"
                + self.tr("M-step")
                + "</h3><p>"
                + self.tr("The M-step needs responsibilities: press Step for the E-step first.")
                + "</p>"
            )
