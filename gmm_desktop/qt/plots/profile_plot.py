"""The profile plot and the class sizes: what latent profile analysis reports for a model.

Left, the profile: one line per component through its mean on every column, on the columns'
own scale ("raw") or standardised ((mean - column mean) / column sd, so columns of different
units share one axis), with 95% bootstrap intervals as error bars once a bootstrap of the
shown fit exists. Right, the class sizes: a bar per component, its share of the rows
(most likely component) beside its weight.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QCheckBox, QWidget

from ...engine import MixtureParams
from ...engine.bootstrap import BootstrapResult
from ..i18n import QT_TRANSLATE_NOOP, translate
from ..style import component_color
from .base import PlotPanel, as_data, column_names, side_legend, sync_legend, usable_model
from .column_axis import ColumnAxis

SCALES = (
    ("standardised", QT_TRANSLATE_NOOP("Plots", "standardised")),
    ("raw", QT_TRANSLATE_NOOP("Plots", "raw")),
)

BAR_WIDTH = 0.6  # of a component's slot in the class sizes
WEIGHT_MARK_PX = 28  # the widest a weight mark is drawn


class ProfilePlot(PlotPanel):
    """Class means per column (a line per component) and class sizes (bars).

    Attributes for tests: ``lines`` (one PlotDataItem per component, x = column positions,
    y = its means on the chosen scale), ``error_bars`` (one ErrorBarItem per component,
    hidden without a bootstrap), ``bars`` (BarGraphItem of the shares of rows, %),
    ``scale_combo``, ``intervals_box``.
    """

    export_file_name = "profile.png"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _, self.scale_combo = self._labelled_combo(QT_TRANSLATE_NOOP("Plots", "Means:"))
        for key, text in SCALES:
            self.scale_combo.addItem(translate("Plots", text), key)
        self.scale_combo.setToolTip(
            translate(
                "Plots",
                "Standardised: each column's mean is 0 and its sd 1, so columns of different "
                "units can be compared. Raw: the columns' own units.",
            )
        )
        self.scale_combo.currentIndexChanged.connect(self._on_scale_combo_changed)
        self.intervals_box = QCheckBox(translate("Plots", "95% intervals"))
        self.intervals_box.setChecked(True)
        self.intervals_box.setEnabled(False)
        self.intervals_box.setToolTip(
            translate("Plots", "Press Standard errors in the results to compute them")
        )
        self.intervals_box.toggled.connect(self._on_intervals_box_toggled)
        self.controls.addWidget(self.intervals_box)
        self.controls.addStretch(1)
        self.graphics = pg.GraphicsLayoutWidget()
        self._set_plot_widget(self.graphics)
        self.column_axis = ColumnAxis()  # column names that wrap or stagger, never overlap
        self.profile_item: pg.PlotItem = self.graphics.addPlot(
            row=0, col=0, axisItems={"bottom": self.column_axis}
        )
        self.sizes_item: pg.PlotItem = self.graphics.addPlot(row=0, col=1)
        for item in (self.profile_item, self.sizes_item):
            item.setMenuEnabled(False, enableViewBoxMenu=True)
            item.showGrid(x=False, y=True, alpha=0.15)
            for side in ("left", "bottom"):  # one column spans 1: "column (x0.001)"
                item.getAxis(side).enableAutoSIPrefix(False)
        self.profile_item.setLabel("bottom", translate("Plots", "column"))
        self.sizes_item.setLabel("bottom", translate("Plots", "component"))
        self.sizes_item.setLabel("left", translate("Plots", "share of rows (%)"))
        self.graphics.ci.layout.setColumnStretchFactor(0, 3)
        self.graphics.ci.layout.setColumnStretchFactor(1, 2)
        self.legend = side_legend(self.graphics.ci, row=0, col=2)
        self._install_scene_menu(self.graphics.scene())
        self.lines: list[pg.PlotDataItem] = []
        self.error_bars: list[pg.ErrorBarItem] = []
        self.bars = pg.BarGraphItem(x=[], height=[], width=BAR_WIDTH)
        self.sizes_item.addItem(self.bars)
        self.weight_marks = pg.ScatterPlotItem(
            symbol="_", size=WEIGHT_MARK_PX, pen=pg.mkPen("k", width=2)
        )
        self.sizes_item.addItem(self.weight_marks)
        self.sizes_item.vb.sigResized.connect(self._fit_weight_marks)
        self._X: np.ndarray | None = None
        self._columns: list[str] = []
        self._params: MixtureParams | None = None
        self._assignments: np.ndarray | None = None
        # a bootstrap and the final parameters of the fit it belongs to
        self._bootstrap: tuple[MixtureParams, BootstrapResult] | None = None

    # ------------------------------------------------------------------ DataView
    def set_data(
        self,
        X: np.ndarray,
        columns: Sequence[str],
        labels: np.ndarray | None = None,
        label_name: str | None = None,
    ) -> None:
        self._X = as_data(X)
        self._columns = column_names(columns, self._X.shape[1])
        self._params, self._assignments, self._bootstrap = None, None, None
        self._redraw()

    def set_truth(self, truth: MixtureParams | None) -> None:
        """The profile compares fitted classes only: true values are not drawn here."""
        del truth

    def show_model(
        self, params: MixtureParams | None, assignments: np.ndarray | None = None
    ) -> None:
        d = 0 if self._X is None else self._X.shape[1]
        self._params, self._assignments = usable_model(params, d), assignments
        self._redraw()

    def set_bootstrap(self, params: MixtureParams, bootstrap: BootstrapResult | None) -> None:
        """The bootstrap of the fit whose final parameters are ``params`` (None: drop it); its
        intervals are drawn while that model is shown."""
        self._bootstrap = None if bootstrap is None else (params, bootstrap)
        self._redraw()

    # ------------------------------------------------------------------ drawing
    @property
    def standardised(self) -> bool:
        return self.scale_combo.currentData() == "standardised"

    def _scale(self) -> tuple[np.ndarray, np.ndarray]:
        """(centre, spread) per column, shape (d,): the data's mean and sd, or 0 and 1."""
        assert self._X is not None
        d = self._X.shape[1]
        if not self.standardised:
            return np.zeros(d), np.ones(d)
        # empty cells (rows fitted with missing="model") count in neither
        sd = np.nanstd(self._X, axis=0)
        return np.nanmean(self._X, axis=0), np.where(sd > 0, sd, 1.0)

    def _redraw(self) -> None:
        params, X = self._params, self._X
        k = 0 if params is None else params.n_components
        self._ensure_components(k)
        entries = []
        pair = self._bootstrap
        boot = pair[1] if pair is not None and pair[0] is params else None
        show_intervals = boot is not None and self.intervals_box.isChecked()
        self.intervals_box.setEnabled(boot is not None)
        if params is None or X is None:
            self.bars.setOpts(x=[], height=[])
            self.weight_marks.setData([], [])
            sync_legend(self.legend, [])
            return
        centre, spread = self._scale()
        positions = np.arange(params.n_features, dtype=float)
        for j in range(k):
            means = (params.means[j] - centre) / spread
            self.lines[j].setData(positions, means)
            bars = self.error_bars[j]
            if show_intervals and boot is not None:
                low, high = boot.interval("means")
                bars.setData(
                    x=positions,
                    y=means,
                    top=(high[j] - params.means[j]) / spread,
                    bottom=(params.means[j] - low[j]) / spread,
                    beam=0.08,
                )
            bars.setVisible(show_intervals)
            entries.append((self.lines[j], translate("Plots", "component {k}").format(k=j + 1)))
        self.column_axis.set_names(self._columns)
        self.profile_item.setXRange(-0.5, max(params.n_features - 1, 0) + 0.5, padding=0)
        self.profile_item.setLabel(
            "left",
            translate("Plots", "mean (standardised)")
            if self.standardised
            else translate("Plots", "mean"),
        )
        shares = self._shares(k, X.shape[0])
        brushes = [pg.mkBrush(component_color(j, 200)) for j in range(k)]
        self.bars.setOpts(x=np.arange(1, k + 1), height=shares, width=BAR_WIDTH, brushes=brushes)
        self.weight_marks.setData(np.arange(1, k + 1), 100.0 * params.weights)
        self._fit_weight_marks()
        self.sizes_item.getAxis("bottom").setTicks([[(j + 1, str(j + 1)) for j in range(k)], []])
        self.sizes_item.setXRange(0.4, k + 0.6, padding=0)
        self.sizes_item.setYRange(0, max(100.0 * float(np.max(params.weights)), *shares, 1) * 1.1)
        entries.append((self.weight_marks, translate("Plots", "weight")))
        sync_legend(self.legend, entries)

    def _fit_weight_marks(self, *_: object) -> None:
        """Weight marks as wide as their bars (at most 28 px): with many components a
        fixed-size mark ran over its neighbours and past the plot's edge."""
        low, high = self.sizes_item.vb.viewRange()[0]
        per_bar = self.sizes_item.vb.width() / max(high - low, 1e-9)  # px per component
        self.weight_marks.setSize(max(4.0, min(WEIGHT_MARK_PX, BAR_WIDTH * per_bar)))

    def _shares(self, k: int, n: int) -> list[float]:
        """Percent of the rows whose most likely component is each one (weights without
        assignments)."""
        a = self._assignments
        if a is None or np.shape(a) != (n,) or n == 0:
            assert self._params is not None
            return [100.0 * float(w) for w in self._params.weights]
        counts = np.bincount(np.asarray(a, dtype=np.intp), minlength=k)[:k]
        return [100.0 * float(c) / n for c in counts]

    def _ensure_components(self, k: int) -> None:
        while len(self.lines) < k:
            j = len(self.lines)
            color = component_color(j)
            line = pg.PlotDataItem(
                pen=pg.mkPen(color, width=2.5),
                symbol="o",
                symbolSize=9,
                symbolBrush=color,
                symbolPen=None,
            )
            bars = pg.ErrorBarItem(x=np.zeros(0), y=np.zeros(0), pen=pg.mkPen(color, width=1.5))
            self.profile_item.addItem(line)
            self.profile_item.addItem(bars)
            self.lines.append(line)
            self.error_bars.append(bars)
        for j, (line, bars) in enumerate(zip(self.lines, self.error_bars, strict=True)):
            line.setVisible(j < k)
            if j >= k:
                bars.setVisible(False)

    def _on_scale_combo_changed(self, _index: int) -> None:
        self._redraw()

    def _on_intervals_box_toggled(self, _checked: bool) -> None:
        self._redraw()
