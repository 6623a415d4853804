"""1-D view: a density histogram of one column with each component's curve and the mixture's."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QCheckBox, QWidget

from ...engine import MixtureParams
from ..i18n import QT_TRANSLATE_NOOP, translate
from ..style import DATA_COLOR, MIXTURE_COLOR, component_color, label_color
from .base import (
    LabelGroups,
    PlotPanel,
    as_data,
    column_histogram,
    column_names,
    dashed_pen,
    fill_combo,
    label_option,
    side_legend,
    sync_legend,
    usable_model,
)
from .truth import (
    TRUTH_MIXTURE_COLOR,
    truth_checkbox,
    truth_colour_indices,
    truth_pen,
    usable_truth,
)

GRID_POINTS = 512


def marginal_densities(params: MixtureParams, feature: int, x: np.ndarray) -> np.ndarray:
    """Weighted marginal densities w_k N(x; mu_k[f], Sigma_k[f, f]), shape (K, len(x))."""
    mu = params.means[:, feature][:, None]
    var = np.maximum(params.covariances[:, feature, feature], 1e-300)[:, None]
    w = params.weights[:, None]
    return w * np.exp(-0.5 * (x[None, :] - mu) ** 2 / var) / np.sqrt(2.0 * np.pi * var)


class DensityPlot(PlotPanel):
    """Histogram (as a density) of one feature, component curves and the mixture curve.

    Attributes for tests and callers: ``histogram_item`` (step curve with x = bin edges (B+1,),
    y = densities (B,)), ``group_items`` (one step curve per label group),
    ``component_curves`` (one curve per component, extra ones hidden), ``mixture_curve``,
    ``feature_combo`` (visible when d > 1) and ``split_checkbox``; with true parameters
    (``set_truth``) ``truth_curves`` (one long-dashed curve per true component, in the colour
    of the fitted component it pairs with), ``truth_mixture_curve`` and ``truth_checkbox``.
    """

    export_file_name = "density.png"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.feature_label, self.feature_combo = self._labelled_combo(
            QT_TRANSLATE_NOOP("Plots", "Column:")
        )
        self.split_checkbox = QCheckBox(translate("Plots", "split by label"))
        self.controls.addWidget(self.split_checkbox)
        self.truth_checkbox = truth_checkbox()
        self.truth_checkbox.toggled.connect(self._on_truth_checkbox_toggled)
        self.controls.addWidget(self.truth_checkbox)
        self.controls.addStretch(1)
        self.feature_combo.currentIndexChanged.connect(self._on_feature_combo_changed)
        self.split_checkbox.toggled.connect(self._on_split_checkbox_toggled)

        self.graphics = pg.GraphicsLayoutWidget()
        self._set_plot_widget(self.graphics)
        self.plot_item: pg.PlotItem = self.graphics.addPlot(row=0, col=0)
        self.plot_item.setMenuEnabled(False, enableViewBoxMenu=True)
        self.plot_item.showGrid(x=True, y=True, alpha=0.15)
        self.plot_item.setLabel("left", translate("Plots", "density"))
        self.plot_item.getAxis("left").enableAutoSIPrefix(False)  # no "(x0.001)" puzzles
        self.legend = side_legend(self.graphics.ci)
        self._install_scene_menu(self.graphics.scene())

        fill = pg.mkColor(DATA_COLOR)
        fill.setAlpha(170)
        self.histogram_item = pg.PlotDataItem(
            stepMode="center", fillLevel=0, fillBrush=fill, pen=pg.mkPen("#7F9AB3", width=1)
        )
        self.histogram_item.setZValue(-10)
        self.plot_item.addItem(self.histogram_item)
        self.group_items: list[pg.PlotDataItem] = []
        self.component_curves: list[pg.PlotDataItem] = []
        self.mixture_curve = pg.PlotDataItem(pen=pg.mkPen(MIXTURE_COLOR, width=3.5))
        self.mixture_curve.setZValue(20)
        self.plot_item.addItem(self.mixture_curve)
        self.truth_curves: list[pg.PlotDataItem] = []
        self.truth_mixture_curve = pg.PlotDataItem(pen=truth_pen(TRUTH_MIXTURE_COLOR, 2.5))
        self.truth_mixture_curve.setZValue(25)
        self.truth_mixture_curve.setVisible(False)
        self.plot_item.addItem(self.truth_mixture_curve)
        self._truth: MixtureParams | None = None

        self._X = np.empty((0, 1))
        self._columns: list[str] = []
        self._groups: LabelGroups | None = None
        self._label_name: str | None = None
        self._params: MixtureParams | None = None
        self._grid = np.empty(0)
        self._edges = np.empty(0)
        self._observed = np.zeros(0, bool)  # (n,) rows whose shown cell is not empty
        self._observed_count = 0
        self._total = 0.0  # the rows (or weights) the histogram counts
        self._weights: np.ndarray | None = None  # (n,) row weights, or None
        self._weight_name: str | None = None
        self.set_data(np.empty((0, 1)), [])

    # -- public API --------------------------------------------------------------------------

    @property
    def feature(self) -> int:
        """Index of the column shown."""
        return max(self.feature_combo.currentIndex(), 0)

    def set_data(
        self,
        X: np.ndarray,
        columns: Sequence[str],
        labels: np.ndarray | None = None,
        label_name: str | None = None,
        weights: np.ndarray | None = None,
        weight_name: str | None = None,
    ) -> None:
        """New data X (n, d); labels (n,) enable "split by <label_name>"; row weights (n,)
        (column ``weight_name``) make the histogram count each row as its weight, as the
        weighted fit does. Clears the model."""
        self._X = as_data(X)
        self._weights = None if weights is None else np.asarray(weights, dtype=float)
        if self._weights is not None and self._weights.shape != (self._X.shape[0],):
            self._weights = None
        self._weight_name = weight_name
        n, d = self._X.shape
        self._columns = column_names(columns, d)
        self._groups = LabelGroups.from_labels(labels, n)
        self._label_name = label_name
        fill_combo(self.feature_combo, self._columns, 0)
        self.feature_combo.setVisible(d > 1)
        self.feature_label.setVisible(d > 1)
        label_option(
            self.split_checkbox,
            translate("Plots", "split by {label}"),
            label_name,
            self._groups is not None,
        )
        self._params = None
        self._truth = None  # new data: no truth until set_truth tells it
        self.truth_checkbox.setVisible(False)
        self._update_histograms()
        self.show_model(None)

    def show_model(
        self, params: MixtureParams | None, assignments: np.ndarray | None = None
    ) -> None:
        """Draw the component and mixture curves of ``params`` (None: data only).

        ``assignments`` is accepted for the common interface; a histogram is not coloured
        by it. Costs K x 512 density evaluations.
        """
        params = usable_model(params, self._X.shape[1])
        self._params = params
        k = 0 if params is None else params.n_components
        self._ensure_curves(k)
        if params is None or self._grid.size == 0:
            for curve in self.component_curves:
                curve.setData([], [])
                curve.setVisible(False)
            self.mixture_curve.setData([], [])
            self.mixture_curve.setVisible(False)
        else:
            dens = marginal_densities(params, self.feature, self._grid)
            for j, curve in enumerate(self.component_curves):
                curve.setVisible(j < k)
                if j < k:
                    curve.setData(self._grid, dens[j])
                else:
                    curve.setData([], [])
            self.mixture_curve.setData(self._grid, dens.sum(axis=0))
            self.mixture_curve.setVisible(True)
        self._draw_truth()
        self._update_legend()

    def set_truth(self, truth: MixtureParams | None) -> None:
        """True parameters to draw long-dashed (None: none known); ticks the check box."""
        self._truth = usable_truth(truth, self._X.shape[1])
        self.truth_checkbox.setVisible(self._truth is not None)
        self.truth_checkbox.setChecked(self._truth is not None)
        self._draw_truth()
        self._update_legend()

    def truth_shown(self) -> bool:
        """Whether true densities are drawn now."""
        return self._truth is not None and self.truth_checkbox.isChecked()

    # -- internals ---------------------------------------------------------------------------

    def _ensure_curves(self, k: int) -> None:
        while len(self.component_curves) < k:
            j = len(self.component_curves)
            curve = pg.PlotDataItem(pen=pg.mkPen(component_color(j), width=2.5))
            curve.setZValue(10)
            self.plot_item.addItem(curve)
            self.component_curves.append(curve)

    def _draw_truth(self) -> None:
        """The true component and mixture densities of the shown column, long-dashed."""
        truth = self._truth if self.truth_checkbox.isChecked() else None
        k = 0 if truth is None or self._grid.size == 0 else truth.n_components
        while len(self.truth_curves) < k:
            curve = pg.PlotDataItem()
            curve.setZValue(15)
            self.plot_item.addItem(curve)
            self.truth_curves.append(curve)
        colours = truth_colour_indices(truth, self._params) if truth is not None else []
        dens = (
            marginal_densities(truth, self.feature, self._grid)
            if truth is not None and k
            else np.empty((0, 0))
        )
        for j, curve in enumerate(self.truth_curves):
            curve.setVisible(j < k)
            if j < k:
                curve.setPen(truth_pen(component_color(colours[j]).darker(130), 2.0))
                curve.setData(self._grid, dens[j])
            else:
                curve.setData([], [])
        self.truth_mixture_curve.setVisible(k > 0)
        if k:
            self.truth_mixture_curve.setData(self._grid, dens.sum(axis=0))
        else:
            self.truth_mixture_curve.setData([], [])

    @property
    def observed_count(self) -> int:
        """Values of the shown column in the histogram: its observed (non-empty) cells."""
        return self._observed_count

    @property
    def empty_count(self) -> int:
        """Empty cells of the shown column (rows fitted on their other columns): not drawn."""
        return self._X.shape[0] - self._observed_count

    def _update_histograms(self) -> None:
        """Bins ('auto' rule) and the x grid of the chosen column; the group outlines.

        Only the column's observed values are counted: a row fitted with this cell empty
        (``FitConfig.missing`` "model") has no value here to draw.
        """
        f = self.feature
        self.plot_item.setLabel("bottom", self._columns[f] if self._columns else "")
        observed = np.isfinite(self._X[:, f]) if self._X.shape[0] else np.zeros(0, bool)
        self._observed = observed
        self._observed_count = int(observed.sum())
        weights = self._weights[observed] if self._weights is not None else None
        n = self._observed_count if weights is None else float(weights.sum())
        self._total = n
        if self._observed_count == 0 or n <= 0:
            self.histogram_item.setData([], [])
            self._grid = np.empty(0)
            self._edges = np.empty(0)
            self._update_groups()
            return
        if weights is None and self._observed_count == self._X.shape[0]:
            counts, edges = column_histogram(self._X, f)  # prepared in the loader's thread
            lo, hi = float(edges[0]), float(edges[-1])
        else:  # weighted, or with empty cells: the observed values, each as its weight
            x = self._X[observed, f]
            lo, hi = float(x.min()), float(x.max())
            if hi - lo <= 0:
                lo, hi = lo - 0.5, hi + 0.5
            bins = np.histogram_bin_edges(x, bins="auto", range=(lo, hi))
            if len(bins) > 201:  # 'auto' can ask for thousands of bins on huge or lumpy data
                bins = np.linspace(lo, hi, 201)
            counts, edges = np.histogram(x, bins=bins, weights=weights)
        self._edges = edges
        self.histogram_item.setData(edges, counts / (n * np.diff(edges)))
        pad = 0.1 * (hi - lo)
        self._grid = np.linspace(lo - pad, hi + pad, GRID_POINTS)
        self._update_groups()

    def _update_groups(self) -> None:
        groups = self._groups if self.split_checkbox.isChecked() else None
        g_count = 0 if groups is None or self._edges.size == 0 else len(groups)
        while len(self.group_items) < g_count:
            g = len(self.group_items)
            item = pg.PlotDataItem(stepMode="center", pen=dashed_pen(label_color(g), 2.0))
            item.setZValue(-5)
            self.plot_item.addItem(item)
            self.group_items.append(item)
        n = self._total
        widths = np.diff(self._edges)
        for g, item in enumerate(self.group_items):
            item.setVisible(g < g_count)
            if g < g_count and groups is not None:
                rows = (groups.codes == g) & self._observed
                values = self._X[rows, self.feature]
                weights = None if self._weights is None else self._weights[rows]
                counts, _ = np.histogram(values, bins=self._edges, weights=weights)
                # Scaled by the group's share of rows, so the groups add up to the histogram
                # the way the weighted components add up to the mixture.
                item.setData(self._edges, counts / (n * widths))
            else:
                item.setData([], [])
        self._update_legend()

    def _data_label(self) -> str:
        """The histogram's legend line: "data", with its weights and its empty cells."""
        name = self._weight_name or translate("Plots", "their weights")
        counts = {"n": f"{self._observed_count:,}", "m": f"{self.empty_count:,}", "name": name}
        if self._weights is not None and self.empty_count:
            return translate("Plots", "data weighted by {name} ({m} empty)").format(**counts)
        if self._weights is not None:
            return translate("Plots", "data weighted by {name}").format(**counts)
        if self.empty_count:
            return translate("Plots", "data: {n} values ({m} empty)").format(**counts)
        return translate("Plots", "data")

    def _update_legend(self) -> None:
        entries: list[tuple[object, str]] = []
        if self._X.shape[0]:
            entries.append((self.histogram_item, self._data_label()))
        if self._groups is not None and self.split_checkbox.isChecked():
            name = self._label_name or translate("Plots", "label")
            entries += [
                (self.group_items[g], f"{name} = {value}")
                for g, value in enumerate(self._groups.names)
                if g < len(self.group_items)
            ]
        if self._params is not None:
            entries += [
                (
                    self.component_curves[j],
                    translate("Plots", "component {k} (w={w})").format(k=j + 1, w=f"{w:.2f}"),
                )
                for j, w in enumerate(self._params.weights)
            ]
            entries.append((self.mixture_curve, translate("Plots", "mixture")))
        if self.truth_shown() and self.truth_curves:
            entries.append((self.truth_curves[0], translate("Plots", "true components")))
            entries.append((self.truth_mixture_curve, translate("Plots", "true mixture")))
        sync_legend(self.legend, entries)

    def _on_feature_combo_changed(self, _index: int) -> None:
        self._update_histograms()
        self.show_model(self._params)  # draws the truth of the new column too

    def _on_split_checkbox_toggled(self, _checked: bool) -> None:
        self._update_groups()

    def _on_truth_checkbox_toggled(self, _checked: bool) -> None:
        self._draw_truth()
        self._update_legend()


if __name__ == "__main__":
    import sys

    from .preview import heights_demo, preview_app, run_preview

    app = preview_app()
    data = heights_demo()
    view = DensityPlot()
    view.set_data(data.X, data.columns, data.labels, data.label_name)
    view.show_model(data.result.params, data.result.labels)
    sys.exit(run_preview(app, view, "DensityPlot preview", 900, 560))
