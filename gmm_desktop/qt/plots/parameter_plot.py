"""Parameter history: weights, means and standard deviations of each component per iteration."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QWidget

from ...engine import EMSnapshot
from ..i18n import QT_TRANSLATE_NOOP, translate
from ..style import component_color
from .base import (
    PlotPanel,
    as_data,
    bottom_legend,
    column_names,
    dashed_pen,
    fill_combo,
    fit_legend_columns,
    legend_swatch,
    sync_legend,
)
from .history import HistoryArrays

CURRENT_COLOR = "#444444"


class ParameterHistoryPlot(PlotPanel):
    """Three linked plots side by side: weight (tau), mean (mu) and sd (sigma) per iteration.

    One line per component in its colour; with d > 1 ``feature_combo`` chooses the column
    whose means and standard deviations are shown. Attributes for tests and callers:
    ``weight_curves``, ``mean_curves``, ``sd_curves`` (one per component, extra ones
    hidden), ``plots`` (the three PlotItems) and ``current_lines`` (one replay marker each).
    """

    export_file_name = "parameter_history.png"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.feature_label, self.feature_combo = self._labelled_combo(
            QT_TRANSLATE_NOOP("Plots", "Column:")
        )
        self.controls.addStretch(1)
        self.feature_combo.currentIndexChanged.connect(self._on_feature_combo_changed)

        self.graphics = pg.GraphicsLayoutWidget()
        self._set_plot_widget(self.graphics)
        self.plots: list[pg.PlotItem] = []
        self.current_lines: list[pg.InfiniteLine] = []
        for col in range(3):
            plot = self.graphics.addPlot(row=0, col=col)
            plot.setMenuEnabled(False, enableViewBoxMenu=True)
            plot.showGrid(x=True, y=True, alpha=0.15)
            plot.setLabel("bottom", translate("Plots", "iteration"))
            for side in ("left", "bottom"):
                plot.getAxis(side).enableAutoSIPrefix(False)
            if self.plots:
                plot.setXLink(self.plots[0])
            line = pg.InfiniteLine(angle=90, movable=False, pen=dashed_pen(CURRENT_COLOR))
            plot.addItem(line)
            self.plots.append(plot)
            self.current_lines.append(line)
        self.plots[0].setTitle(translate("Plots", "weights (τ)"))
        self.plots[0].setLabel("left", translate("Plots", "weight"))
        # under the plots, in columns: beside them a laptop's tab cut the names ("compon")
        self.legend = bottom_legend(self.graphics.ci, row=1, colspan=3)
        for col in range(3):  # the three plots share the width equally
            self.graphics.ci.layout.setColumnStretchFactor(col, 1)
        self.graphics.ci.geometryChanged.connect(self._fit_legend)
        self._install_scene_menu(self.graphics.scene())
        self._current_swatch = legend_swatch(pen=dashed_pen(CURRENT_COLOR))

        self.weight_curves: list[pg.PlotDataItem] = []
        self.mean_curves: list[pg.PlotDataItem] = []
        self.sd_curves: list[pg.PlotDataItem] = []
        self._columns: list[str] = []
        self._history = HistoryArrays()
        self._current: int | None = None
        self._snapshots: Sequence[EMSnapshot] = ()
        self._update_titles()
        self.set_history([])

    @property
    def feature(self) -> int:
        """Index of the column whose means and sds are shown."""
        return max(self.feature_combo.currentIndex(), 0)

    def set_data(
        self,
        X: np.ndarray,
        columns: Sequence[str],
        labels: np.ndarray | None = None,
        label_name: str | None = None,
    ) -> None:
        """Take the column names of X (n, d); the previous history no longer applies."""
        d = as_data(X).shape[1]
        self._columns = column_names(columns, d)
        self._fill_feature_combo(d)
        self.set_history([])

    def set_history(self, snapshots: Sequence[EMSnapshot], current: int | None = None) -> None:
        """Draw the parameters of ``snapshots``; mark snapshot ``current`` (replay) if given."""
        self._snapshots = snapshots
        self._current = current
        h = self._history
        h.update(snapshots)
        if h.n_features and self.feature_combo.count() != h.n_features:
            if len(self._columns) != h.n_features:
                self._columns = column_names(self._columns, h.n_features)
            self._fill_feature_combo(h.n_features)
        self._redraw()

    # -- internals ---------------------------------------------------------------------------

    def _fill_feature_combo(self, d: int) -> None:
        fill_combo(self.feature_combo, self._columns[:d], 0)
        self.feature_combo.setVisible(d > 1)
        self.feature_label.setVisible(d > 1)
        self._update_titles()

    def _update_titles(self) -> None:
        name = self._columns[self.feature] if self._columns else ""
        if name:
            self.plots[1].setTitle(translate("Plots", "means (μ) of {column}").format(column=name))
            self.plots[1].setLabel(
                "left", translate("Plots", "mean of {column}").format(column=name)
            )
            self.plots[2].setTitle(translate("Plots", "sds (σ) of {column}").format(column=name))
            self.plots[2].setLabel("left", translate("Plots", "sd of {column}").format(column=name))
        else:
            self.plots[1].setTitle(translate("Plots", "means (μ)"))
            self.plots[1].setLabel("left", translate("Plots", "mean"))
            self.plots[2].setTitle(translate("Plots", "sds (σ)"))
            self.plots[2].setLabel("left", translate("Plots", "sd"))

    def _ensure_curves(self, k: int) -> None:
        while len(self.weight_curves) < k:
            j = len(self.weight_curves)
            for plot, curves in zip(
                self.plots, (self.weight_curves, self.mean_curves, self.sd_curves), strict=True
            ):
                curve = pg.PlotDataItem(pen=pg.mkPen(component_color(j), width=2.5))
                plot.addItem(curve)
                curves.append(curve)

    def _redraw(self) -> None:
        h = self._history
        k = h.n_components if len(h) else 0
        self._ensure_curves(k)
        f = min(self.feature, max(h.n_features - 1, 0))
        x = h.iterations
        connect = h.connect() if len(x) else "all"
        for j in range(len(self.weight_curves)):
            visible = j < k
            series = (h.weights[:, j], h.means[:, j, f], h.sds[:, j, f]) if visible else (None,) * 3
            for curves, y in zip(
                (self.weight_curves, self.mean_curves, self.sd_curves), series, strict=True
            ):
                curves[j].setVisible(visible)
                if y is None:
                    curves[j].setData([], [])
                else:
                    curves[j].setData(x, y, connect=connect)
        current = self._current
        show = current is not None and 0 <= current < len(self._snapshots)
        for line in self.current_lines:
            line.setVisible(show)
            if show and current is not None:
                line.setValue(self._snapshots[current].iteration)
        entries: list[tuple[object, str]] = [
            (self.weight_curves[j], translate("Plots", "component {k}").format(k=j + 1))
            for j in range(k)
        ]
        if show:
            entries.append((self._current_swatch, translate("Plots", "shown iteration")))
        shown = [label.text for _, label in self.legend.items]
        sync_legend(self.legend, entries)
        if shown != [text for _, text in entries]:  # other names: other widths
            self._fit_legend()

    def _fit_legend(self) -> None:
        fit_legend_columns(self.legend, self.graphics.ci.geometry().width() - 20)

    def _on_feature_combo_changed(self, _index: int) -> None:
        self._update_titles()
        self._redraw()


if __name__ == "__main__":
    import sys

    from .preview import demo, preview_app, run_preview

    app = preview_app()
    data = demo(d=2, n=2000, k=3)
    view = ParameterHistoryPlot()
    view.set_data(data.X, data.columns)
    view.set_history(data.result.history, current=len(data.result.history) // 3)
    sys.exit(run_preview(app, view, "ParameterHistoryPlot preview", 1200, 420))
