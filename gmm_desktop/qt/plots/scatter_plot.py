"""2-D view: points coloured by component (or label) with each component's mean and ellipses."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QCheckBox, QWidget

from ...engine import MixtureParams
from ..i18n import QT_TRANSLATE_NOOP, translate
from ..style import DATA_COLOR, component_color, label_color
from .base import (
    LabelGroups,
    PlotPanel,
    as_data,
    column_names,
    dashed_pen,
    fill_combo,
    finite_ranges,
    label_option,
    legend_swatch,
    side_legend,
    subsample_indices,
    sync_legend,
    usable_assignments,
    usable_model,
)
from .truth import truth_checkbox, truth_colour_indices, truth_pen, usable_truth

MAX_DRAWN_POINTS = 20_000
ELLIPSE_POINTS = 121
_ANGLES = np.linspace(0.0, 2.0 * np.pi, ELLIPSE_POINTS)
_CIRCLE = np.stack([np.cos(_ANGLES), np.sin(_ANGLES)])


def ellipse_outline(mean: np.ndarray, cov: np.ndarray, radius: float) -> np.ndarray:
    """Points (2, ELLIPSE_POINTS) at Mahalanobis distance ``radius`` from ``mean`` (2,)
    under the 2 x 2 covariance ``cov``, from its eigen-decomposition."""
    values, vectors = np.linalg.eigh(cov)
    axes = vectors * np.sqrt(np.maximum(values, 0.0))
    return mean[:, None] + radius * (axes @ _CIRCLE)


_UNIT = re.compile(r"(?:[_\s(\[])([A-Za-z%°µ/]+)[)\]]?\s*$")
SIMILAR_SPAN = 3.0  # spans within this factor of each other are "of similar magnitude"


def unit_suffix(name: str) -> str | None:
    """The unit a column name ends with, lower case: "height_cm", "arm (cm)", "w [kg]"."""
    match = _UNIT.search(name.strip())
    return match.group(1).lower() if match else None


def share_units(names: Sequence[str], x: np.ndarray, y: np.ndarray) -> bool:
    """Whether two columns (values x (n,) and y (n,)) look like the same quantity, so equal
    axis scales show shapes and tilts undistorted.

    The rule: names ending in a unit ("_cm", " (cm)", "[cm]") share units when the units are
    the same and not when they differ; names without a unit share them when the value ranges
    overlap and their spans are within a factor of 3 (x1/x2 of one experiment: yes; eruption
    minutes against waiting minutes in faithful, 3.5 against 53: no).
    """
    units = [unit_suffix(name) for name in names]
    if units[0] is not None and units[1] is not None:
        return units[0] == units[1]
    finite_x, finite_y = x[np.isfinite(x)], y[np.isfinite(y)]
    if finite_x.size == 0 or finite_y.size == 0:
        return False
    lo = (float(finite_x.min()), float(finite_y.min()))
    hi = (float(finite_x.max()), float(finite_y.max()))
    spans = (hi[0] - lo[0], hi[1] - lo[1])
    if min(spans) <= 0:
        return False
    overlap = min(hi) >= max(lo)
    return overlap and max(spans) / min(spans) <= SIMILAR_SPAN


def _ranges_of(X: np.ndarray, i: int, j: int) -> tuple[np.ndarray, np.ndarray]:
    """Columns i and j of X (n, d) as their finite extremes (2,) each: all ``share_units``
    looks at, without scanning millions of rows on the GUI thread again."""
    lo, hi = finite_ranges(X)
    return np.array([lo[i], hi[i]]), np.array([lo[j], hi[j]])


def point_alpha(n_drawn: int) -> int:
    """Opacity for n drawn points: solid for a few hundred, faint for tens of thousands."""
    return int(np.clip(255 * np.sqrt(400 / max(n_drawn, 1)), 70, 220))


def _show_only(item: pg.ScatterPlotItem, mask: np.ndarray) -> None:
    """Show the points of ``item`` where ``mask`` is True.

    ScatterPlotItem.setPointsVisible recomputes every point's symbol (per-point Python, ~10 ms
    for 20,000 points); only the visibility flags change here, so set them and repaint.
    """
    data = item.data
    if data is not None and len(data) == len(mask) and "visible" in (data.dtype.names or ()):
        data["visible"] = mask
        item.invalidate()
    else:  # pragma: no cover - another pyqtgraph layout; the public (slower) way
        item.setPointsVisible(mask)


RUG_COLOR = "#3A3A3A"  # ticks of rows with one shown coordinate empty


def _edge_below(values: np.ndarray) -> float:
    """Where ticks go on an axis: a little below the smallest of ``values`` (m,)."""
    if values.size == 0:
        return 0.0
    low, span = float(values.min()), float(np.ptp(values))
    return low - 0.04 * (span or 1.0)


def _point_swatch(colour: object) -> pg.PlotDataItem:
    """A legend sample for a point colour, larger and more opaque than the points themselves."""
    return legend_swatch(pen=None, symbol="o", symbolSize=10, symbolBrush=colour, symbolPen=None)


class EllipsePlot(PlotPanel):
    """Scatter of two columns with each component's mean and 1- and 2-sd ellipses.

    More than 20,000 rows are drawn as a fixed random subsample (the model is still the one
    given). Attributes for tests and callers: ``scatter_items`` (one per component, each
    holding every drawn point and showing those assigned to it), ``plain_item`` (all drawn
    points in one colour, shown without assignments), ``group_items`` (one per label group),
    ``mean_item``, ``ellipse_items`` (2 per component: [1 sd, 2 sd, 1 sd, 2 sd, ...]),
    ``x_combo``/``y_combo`` (visible when d > 2), ``colour_checkbox``, ``drawn_rows``; with
    true parameters (``set_truth``) ``truth_items`` (long-dashed 1- and 2-sd ellipses, 2 per
    true component, in the colour of the fitted component each pairs with),
    ``truth_mean_item`` (crosses) and ``truth_checkbox``.
    """

    export_file_name = "ellipses.png"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.x_label, self.x_combo = self._labelled_combo(QT_TRANSLATE_NOOP("Plots", "X axis:"))
        self.y_label, self.y_combo = self._labelled_combo(QT_TRANSLATE_NOOP("Plots", "Y axis:"))
        self.colour_checkbox = QCheckBox(translate("Plots", "colour by label"))
        self.controls.addWidget(self.colour_checkbox)
        self.equal_checkbox = QCheckBox(translate("Plots", "equal scales"))
        self.equal_checkbox.setToolTip(
            translate(
                "Plots",
                "One unit is as long on both axes, so shapes and tilts are not distorted. On "
                "by default when both columns seem to share units (the same unit in their "
                "names, or overlapping values of similar spread).",
            )
        )
        self.equal_checkbox.toggled.connect(self._on_equal_checkbox_toggled)
        self.controls.addWidget(self.equal_checkbox)
        self.truth_checkbox = truth_checkbox()
        self.truth_checkbox.toggled.connect(self._on_truth_checkbox_toggled)
        self.controls.addWidget(self.truth_checkbox)
        self.controls.addStretch(1)
        self.x_combo.currentIndexChanged.connect(self._on_axis_combo_changed)
        self.y_combo.currentIndexChanged.connect(self._on_axis_combo_changed)
        self.colour_checkbox.toggled.connect(self._on_colour_checkbox_toggled)

        self.graphics = pg.GraphicsLayoutWidget()
        self._set_plot_widget(self.graphics)
        self.plot_item: pg.PlotItem = self.graphics.addPlot(row=0, col=0)
        self.plot_item.setMenuEnabled(False, enableViewBoxMenu=True)
        self.plot_item.showGrid(x=True, y=True, alpha=0.15)
        for side in ("left", "bottom"):
            self.plot_item.getAxis(side).enableAutoSIPrefix(False)
        self.legend = side_legend(self.graphics.ci)
        self.note = pg.LabelItem("", color="#666666", size="9pt", justify="left")
        self.graphics.ci.addItem(self.note, row=1, col=0)
        self._install_scene_menu(self.graphics.scene())

        self.plain_item = pg.ScatterPlotItem(size=5, pen=None)
        self.plot_item.addItem(self.plain_item)
        self.scatter_items: list[pg.ScatterPlotItem] = []
        self._prepare_target = 0  # point items prepare_components still has to build
        self.group_items: list[pg.ScatterPlotItem] = []
        self.ellipse_items: list[pg.PlotDataItem] = []
        self.mean_item = pg.ScatterPlotItem(size=15, pen=pg.mkPen("k", width=2), symbol="o")
        self.mean_item.setZValue(30)
        self.plot_item.addItem(self.mean_item)
        self._mean_swatch = legend_swatch(
            pen=None, symbol="o", symbolSize=12, symbolBrush="w", symbolPen=pg.mkPen("k", width=2)
        )
        self._sd1_swatch = legend_swatch(pen=pg.mkPen("#444444", width=2))
        self._sd2_swatch = legend_swatch(pen=dashed_pen("#444444", 2))
        self._data_swatch = _point_swatch(pg.mkColor(DATA_COLOR).darker(130))
        self._group_swatches: list[pg.PlotDataItem] = []
        self.truth_items: list[pg.PlotDataItem] = []
        self.truth_mean_item = pg.ScatterPlotItem(
            size=14, symbol="x", pen=pg.mkPen("k", width=1), brush=pg.mkBrush("k")
        )
        self.truth_mean_item.setZValue(31)
        self.plot_item.addItem(self.truth_mean_item)
        self._truth_swatch = legend_swatch(pen=truth_pen("#444444", 2))
        self._truth_mean_swatch = legend_swatch(
            pen=None, symbol="x", symbolSize=12, symbolBrush="k", symbolPen=pg.mkPen("k")
        )
        self._truth: MixtureParams | None = None
        # rows fitted with one shown cell empty (FitConfig.missing "model"): a tick at their
        # one observed coordinate, on the edge of that axis
        tick_pen, tick_brush = pg.mkPen(RUG_COLOR, width=1), pg.mkBrush(RUG_COLOR)
        self.rug_x_item = pg.ScatterPlotItem(size=12, symbol="|", pen=tick_pen, brush=tick_brush)
        self.rug_y_item = pg.ScatterPlotItem(size=12, symbol="_", pen=tick_pen, brush=tick_brush)
        for item in (self.rug_x_item, self.rug_y_item):
            item.setZValue(15)
            self.plot_item.addItem(item)
        self._rug_x_swatch = legend_swatch(
            pen=None, symbol="|", symbolSize=12, symbolPen=tick_pen, symbolBrush=tick_brush
        )
        self._rug_y_swatch = legend_swatch(
            pen=None, symbol="_", symbolSize=12, symbolPen=tick_pen, symbolBrush=tick_brush
        )

        self._X = np.empty((0, 2))
        self._columns: list[str] = []
        self._rows: np.ndarray | None = None  # drawn subsample (m,) or None for all rows
        self._groups: LabelGroups | None = None
        self._label_name: str | None = None
        self._params: MixtureParams | None = None
        self._drawn_assignments: np.ndarray | None = None
        self._alpha = 200
        self.set_data(np.empty((0, 2)), [])

    # -- public API --------------------------------------------------------------------------

    @property
    def axes(self) -> tuple[int, int]:
        """Column indices shown on the x and y axes."""
        return max(self.x_combo.currentIndex(), 0), max(self.y_combo.currentIndex(), 0)

    @property
    def drawn_rows(self) -> int:
        """How many points are drawn (at most 20,000)."""
        return self._X.shape[0] if self._rows is None else len(self._rows)

    def set_data(
        self,
        X: np.ndarray,
        columns: Sequence[str],
        labels: np.ndarray | None = None,
        label_name: str | None = None,
    ) -> None:
        """New data X (n, d); with d < 2 nothing is drawn. Clears the model."""
        self._X = as_data(X)
        n, d = self._X.shape
        self._columns = column_names(columns, d)
        self._rows = subsample_indices(n, MAX_DRAWN_POINTS)
        self._groups = LabelGroups.from_labels(labels, n)
        self._label_name = label_name
        fill_combo(self.x_combo, self._columns, 0)
        fill_combo(self.y_combo, self._columns, 1)
        for widget in (self.x_label, self.x_combo, self.y_label, self.y_combo):
            widget.setVisible(d > 2)
        label_option(
            self.colour_checkbox,
            translate("Plots", "colour by {label}"),
            label_name,
            self._groups is not None,
        )
        self._alpha = point_alpha(self.drawn_rows)
        self.note.setText(
            translate("Plots", "showing {shown} of {n} points (a fixed random sample)").format(
                shown=f"{len(self._rows):,}", n=f"{n:,}"
            )
            if self._rows is not None
            else ""
        )
        self._params = None
        self._truth = None  # new data: no truth until set_truth tells it
        self.truth_checkbox.setVisible(False)
        self._load_points()
        self.show_model(None)

    def show_model(
        self, params: MixtureParams | None, assignments: np.ndarray | None = None
    ) -> None:
        """Draw means and ellipses of ``params``; colour points by ``assignments`` (n,).

        Cheap (a few ms for 1,000,000 rows): only the drawn rows' assignments are looked at,
        and points only change visibility, never position.
        """
        n, d = self._X.shape
        params = usable_model(params, d) if d >= 2 else None
        self._params = params
        a = usable_assignments(assignments, n)
        if a is not None and self._rows is not None:
            a = a[self._rows]
        if params is None or a is None:
            a = None
        elif a.size and (a.min() < 0 or a.max() >= params.n_components):
            a = None
        self._drawn_assignments = a
        self._update_points()
        self._update_model_items()
        self._update_legend()

    def set_truth(self, truth: MixtureParams | None) -> None:
        """True parameters to draw long-dashed (None: none known); ticks the check box."""
        d = self._X.shape[1]
        self._truth = usable_truth(truth, d) if d >= 2 else None
        self.truth_checkbox.setVisible(self._truth is not None)
        self.truth_checkbox.setChecked(self._truth is not None)
        self._draw_truth()
        self._update_legend()

    def truth_shown(self) -> bool:
        """Whether true ellipses are drawn now."""
        return self._truth is not None and self.truth_checkbox.isChecked()

    # -- points ------------------------------------------------------------------------------

    def _raw_xy(self) -> tuple[np.ndarray, np.ndarray]:
        """Coordinates of the drawn rows on the chosen axes, each (m,), NaN where empty."""
        if self._X.shape[1] < 2:
            return np.empty(0), np.empty(0)
        i, j = self.axes
        rows = self._X if self._rows is None else self._X[self._rows]
        return rows[:, i], rows[:, j]

    def _xy(self) -> tuple[np.ndarray, np.ndarray]:
        """The points' coordinates: ``_raw_xy`` with both NaN where either is empty (such a
        row is a tick instead, ``_load_rug``; pyqtgraph's ranges then never meet a point that
        is half there)."""
        x, y = self._raw_xy()
        if x.size and not (np.isfinite(x).all() and np.isfinite(y).all()):
            half = ~(np.isfinite(x) & np.isfinite(y))
            x, y = np.where(half, np.nan, x), np.where(half, np.nan, y)
        return x, y

    def _load_points(self) -> None:
        """Give every point item the drawn coordinates (on new data or new axes)."""
        x, y = self._xy()
        i, j = self.axes
        has_axes = self._X.shape[1] >= 2
        self.plot_item.setLabel("bottom", self._columns[i] if has_axes else "")
        self.plot_item.setLabel("left", self._columns[j] if has_axes else "")
        equal = has_axes and share_units(
            [self._columns[i], self._columns[j]], *_ranges_of(self._X, i, j)
        )
        self.equal_checkbox.setChecked(equal)  # the default for these columns
        self._on_equal_checkbox_toggled(equal)
        plain = pg.mkColor(DATA_COLOR).darker(130)
        plain.setAlpha(self._alpha)
        self.plain_item.setData(x, y, brush=pg.mkBrush(plain))
        for k, item in enumerate(self.scatter_items):
            item.setData(x, y, brush=pg.mkBrush(component_color(k, self._alpha)))
        self._load_rug(*self._raw_xy())
        self._load_groups()

    def rug_counts(self) -> tuple[int, int]:
        """Ticks drawn: (rows without a y value, ticked on the x axis; rows without an x
        value, ticked on the y axis)."""
        return len(self.rug_x_item.data), len(self.rug_y_item.data)

    def _load_rug(self, x: np.ndarray, y: np.ndarray) -> None:
        """Ticks for the drawn rows that miss one shown coordinate: on the x axis at their x
        when y is empty, on the y axis at their y when x is empty (just outside the points)."""
        has_x, has_y = np.isfinite(x), np.isfinite(y)
        only_x, only_y = has_x & ~has_y, has_y & ~has_x
        for item, mask in ((self.rug_x_item, only_x), (self.rug_y_item, only_y)):
            item.setData([], [])
            item.setVisible(bool(mask.any()))
        if not (only_x.any() or only_y.any()):
            return
        x_base, y_base = _edge_below(x[has_x]), _edge_below(y[has_y])
        if only_x.any():
            self.rug_x_item.setData(x[only_x], np.full(int(only_x.sum()), y_base))
        if only_y.any():
            self.rug_y_item.setData(np.full(int(only_y.sum()), x_base), y[only_y])
        i, j = self.axes
        self.rug_x_item.setToolTip(
            translate(
                "Plots",
                "{n} rows have no {y} value: each is a tick at its {x}, along the bottom. "
                "EM fitted them on the cells they have.",
            ).format(n=f"{int(only_x.sum()):,}", x=self._columns[i], y=self._columns[j])
        )
        self.rug_y_item.setToolTip(
            translate(
                "Plots",
                "{n} rows have no {x} value: each is a tick at its {y}, along the left side. "
                "EM fitted them on the cells they have.",
            ).format(n=f"{int(only_y.sum()):,}", x=self._columns[i], y=self._columns[j])
        )

    def _load_groups(self) -> None:
        groups = self._groups if self.colour_checkbox.isChecked() else None
        count = 0 if groups is None else len(groups)
        while len(self.group_items) < count:
            item = pg.ScatterPlotItem(size=5, pen=None)
            self.plot_item.addItem(item)
            self.group_items.append(item)
        x, y = self._xy()
        codes = None
        if groups is not None:
            codes = groups.codes if self._rows is None else groups.codes[self._rows]
        for g, item in enumerate(self.group_items):
            if g < count and codes is not None and x.size:
                mask = codes == g
                item.setData(x[mask], y[mask], brush=pg.mkBrush(label_color(g, self._alpha)))
            else:
                item.setData([], [])
            item.setVisible(g < count)

    def prepare_components(self, k: int) -> None:
        """Build the point items for k components now (a data load or a change of K), so
        the first live redraw of a fit does not pay for them."""
        self._prepare_target = min(int(k), 50)
        self._prepare_one_more()

    def _prepare_one_more(self) -> None:
        """One more point item per turn of the event loop (each costs tens of ms at 20,000
        points), so loading a large file never holds the window for all K at once."""
        if self._X.shape[1] < 2 or len(self.scatter_items) >= self._prepare_target:
            return
        self._ensure_scatter_items(len(self.scatter_items) + 1)
        if len(self.scatter_items) < self._prepare_target:
            QTimer.singleShot(0, self, self._prepare_one_more)

    def _ensure_scatter_items(self, k: int) -> None:
        x, y = self._xy()
        while len(self.scatter_items) < k:
            j = len(self.scatter_items)
            item = pg.ScatterPlotItem(size=5, pen=None)
            item.setData(x, y, brush=pg.mkBrush(component_color(j, self._alpha)))
            # hidden until a model's assignments show it (_update_points): items prepared
            # before a fit covered the grey data points in component colours
            item.setVisible(False)
            self.plot_item.addItem(item)
            self.scatter_items.append(item)

    def _update_points(self) -> None:
        by_label = self.colour_checkbox.isChecked() and self._groups is not None
        a = self._drawn_assignments
        by_component = not by_label and a is not None and self._params is not None
        self.plain_item.setVisible(not by_label and not by_component)
        for item in self.group_items:
            item.setVisible(by_label and item.data is not None and len(item.data) > 0)
        k = self._params.n_components if by_component and self._params is not None else 0
        self._ensure_scatter_items(k)
        for j, item in enumerate(self.scatter_items):
            item.setVisible(j < k)
            if j < k and a is not None:
                _show_only(item, a == j)

    # -- model -------------------------------------------------------------------------------

    def _update_model_items(self) -> None:
        params = self._params
        k = 0 if params is None else params.n_components
        while len(self.ellipse_items) < 2 * k:
            j = len(self.ellipse_items) // 2
            # A shade darker than the points, so an ellipse stays visible inside its own cloud.
            colour = component_color(j).darker(135)
            solid = pg.PlotDataItem(pen=pg.mkPen(colour, width=2.5))
            dashed = pg.PlotDataItem(pen=dashed_pen(colour, 2.0))
            for item in (solid, dashed):
                item.setZValue(20)
                self.plot_item.addItem(item)
            self.ellipse_items += [solid, dashed]
        if params is None:
            self.mean_item.setData([], [])
            for item in self.ellipse_items:
                item.setData([], [])
                item.setVisible(False)
            self._draw_truth()
            return
        i, j = self.axes
        pair = np.array([i, j])
        means = params.means[:, pair]
        covs = params.covariances[:, pair[:, None], pair[None, :]]
        for index, item in enumerate(self.ellipse_items):
            c = index // 2
            item.setVisible(c < k)
            if c < k:
                outline = ellipse_outline(means[c], covs[c], 1.0 + index % 2)
                item.setData(outline[0], outline[1])
            else:
                item.setData([], [])
        brushes = [pg.mkBrush(component_color(c)) for c in range(k)]
        self.mean_item.setData(means[:, 0], means[:, 1], brush=brushes)
        self._draw_truth()

    def _draw_truth(self) -> None:
        """The true 1- and 2-sd ellipses and means on the chosen axes, long-dashed."""
        truth = self._truth if self.truth_checkbox.isChecked() else None
        k = 0 if truth is None else truth.n_components
        while len(self.truth_items) < 2 * k:
            item = pg.PlotDataItem()
            item.setZValue(22)
            self.plot_item.addItem(item)
            self.truth_items.append(item)
        if truth is None:
            self.truth_mean_item.setData([], [])
            for item in self.truth_items:
                item.setData([], [])
                item.setVisible(False)
            return
        pair = np.array(self.axes)
        means = truth.means[:, pair]
        covs = truth.covariances[:, pair[:, None], pair[None, :]]
        colours = truth_colour_indices(truth, self._params)
        for index, item in enumerate(self.truth_items):
            c = index // 2
            item.setVisible(c < k)
            if c < k:
                item.setPen(truth_pen(component_color(colours[c]).darker(170), 2.0))
                outline = ellipse_outline(means[c], covs[c], 1.0 + index % 2)
                item.setData(outline[0], outline[1])
            else:
                item.setData([], [])
        self.truth_mean_item.setData(means[:, 0], means[:, 1])

    def _update_legend(self) -> None:
        entries: list[tuple[object, str]] = []
        params = self._params
        if params is not None:
            entries += [
                (
                    self.ellipse_items[2 * c],
                    translate("Plots", "component {k} (w={w})").format(k=c + 1, w=f"{w:.2f}"),
                )
                for c, w in enumerate(params.weights)
            ]
            entries += [
                (self._mean_swatch, translate("Plots", "mean")),
                (self._sd1_swatch, translate("Plots", "1 sd ellipse")),
                (self._sd2_swatch, translate("Plots", "2 sd ellipse")),
            ]
        if self.truth_shown():
            entries += [
                (self._truth_swatch, translate("Plots", "true 1 and 2 sd ellipses")),
                (self._truth_mean_swatch, translate("Plots", "true mean")),
            ]
        if self.colour_checkbox.isChecked() and self._groups is not None:
            name = self._label_name or translate("Plots", "label")
            while len(self._group_swatches) < len(self._groups):
                self._group_swatches.append(_point_swatch(label_color(len(self._group_swatches))))
            entries += [
                (self._group_swatches[g], f"{name} = {value}")
                for g, value in enumerate(self._groups.names)
            ]
        elif self._X.shape[0] and self._drawn_assignments is None:
            entries.append((self._data_swatch, translate("Plots", "data")))
        entries += self._rug_entries()
        sync_legend(self.legend, entries)

    def _rug_entries(self) -> list[tuple[object, str]]:
        """Legend lines for the ticks of rows that miss one shown coordinate."""
        if self._X.shape[1] < 2:
            return []
        i, j = self.axes
        on_x, on_y = self.rug_counts()
        entries: list[tuple[object, str]] = []
        if on_x:
            entries.append(
                (
                    self._rug_x_swatch,
                    translate("Plots", "no {y}: {n} rows (ticks at their {x})").format(
                        y=self._columns[j], n=f"{on_x:,}", x=self._columns[i]
                    ),
                )
            )
        if on_y:
            entries.append(
                (
                    self._rug_y_swatch,
                    translate("Plots", "no {x}: {n} rows (ticks at their {y})").format(
                        x=self._columns[i], n=f"{on_y:,}", y=self._columns[j]
                    ),
                )
            )
        return entries

    # -- handlers ----------------------------------------------------------------------------

    def _on_axis_combo_changed(self, _index: int) -> None:
        self._load_points()
        self._update_points()
        self._update_model_items()
        self._update_legend()

    def _on_equal_checkbox_toggled(self, checked: bool) -> None:
        self.plot_item.setAspectLocked(checked, ratio=1.0)
        self.plot_item.enableAutoRange()

    def _on_truth_checkbox_toggled(self, _checked: bool) -> None:
        self._draw_truth()
        self._update_legend()

    def _on_colour_checkbox_toggled(self, _checked: bool) -> None:
        self._load_groups()
        self._update_points()
        self._update_legend()


if __name__ == "__main__":
    import sys

    from .preview import demo, preview_app, run_preview

    app = preview_app()
    data = demo(d=3, n=3000)
    view = EllipsePlot()
    view.set_data(data.X, data.columns, data.labels, data.label_name)
    view.show_model(data.result.params, data.result.labels)
    sys.exit(run_preview(app, view, "EllipsePlot preview", 900, 640))
