"""Log-likelihood against EM iteration, drawn live, with the converged point and replay marker."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QWidget

from ...engine import EMSnapshot
from ..i18n import translate
from ..style import MIXTURE_COLOR
from .base import PlotPanel, dashed_pen, legend_swatch, side_legend, sync_legend
from .history import HistoryArrays

CONVERGED_COLOR = "#D55E00"
CURRENT_COLOR = "#0072B2"
MAX_SYMBOLS = 150  # beyond this many iterations the dots would merge into a thick line


class LikelihoodPlot(PlotPanel):
    """Total log-likelihood per iteration of the given snapshots (one start, or the best one).

    Attributes for tests and callers: ``curve`` (x = iterations, y = log-likelihoods),
    ``converged_marker`` (a star at the converged point, hidden otherwise),
    ``converged_text``, ``current_line`` (vertical line at the replayed iteration).
    """

    export_file_name = "log_likelihood.png"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controls.setContentsMargins(0, 0, 0, 0)
        self.graphics = pg.GraphicsLayoutWidget()
        self._set_plot_widget(self.graphics)
        self.plot_item: pg.PlotItem = self.graphics.addPlot(row=0, col=0)
        self.plot_item.setMenuEnabled(False, enableViewBoxMenu=True)
        self.plot_item.showGrid(x=True, y=True, alpha=0.15)
        self.plot_item.setLabel("bottom", translate("Plots", "iteration"))
        self.plot_item.setLabel("left", translate("Plots", "log-likelihood"))
        for side in ("left", "bottom"):
            self.plot_item.getAxis(side).enableAutoSIPrefix(False)
        self.plot_item.getAxis("left").setWidth(84)  # room for "-123456" beside the label
        self.plot_item.setDownsampling(auto=True, mode="peak")
        self.legend = side_legend(self.graphics.ci)
        self._install_scene_menu(self.graphics.scene())

        self.curve = pg.PlotDataItem(
            pen=pg.mkPen(MIXTURE_COLOR, width=2.5),
            symbol="o",
            symbolSize=5,
            symbolBrush=MIXTURE_COLOR,
            symbolPen=None,
        )
        self.plot_item.addItem(self.curve)
        self.converged_marker = pg.ScatterPlotItem(
            symbol="star", size=22, brush=pg.mkBrush(CONVERGED_COLOR), pen=pg.mkPen("k", width=1)
        )
        self.converged_marker.setZValue(10)
        self.plot_item.addItem(self.converged_marker)
        self.converged_text = pg.TextItem("", color=CONVERGED_COLOR, anchor=(1.0, 1.2))
        self.plot_item.addItem(self.converged_text)
        self.current_line = pg.InfiniteLine(angle=90, movable=False, pen=dashed_pen(CURRENT_COLOR))
        self.current_line.setZValue(5)
        self.plot_item.addItem(self.current_line)
        self._current_swatch = legend_swatch(pen=dashed_pen(CURRENT_COLOR))
        self._history = HistoryArrays()
        self.set_history([])

    def set_data(
        self,
        X: np.ndarray,
        columns: Sequence[str],
        labels: np.ndarray | None = None,
        label_name: str | None = None,
    ) -> None:
        """New data: the previous fit's history no longer applies."""
        self.set_history([])

    def set_history(self, snapshots: Sequence[EMSnapshot], current: int | None = None) -> None:
        """Draw the log-likelihood of ``snapshots``; mark snapshot ``current`` (replay) if given.

        Iterations of different starts in one list are drawn as separate pieces.
        """
        h = self._history
        h.update(snapshots)
        x, y = h.iterations, h.log_likelihoods
        self.curve.setData(
            x,
            y,
            connect=h.connect() if len(x) else "all",
            symbol="o" if len(x) <= MAX_SYMBOLS else None,
        )
        last = snapshots[-1] if snapshots else None
        converged = last is not None and last.converged
        self.converged_marker.setVisible(converged)
        self.converged_text.setVisible(converged)
        if last is not None and converged:
            self.converged_marker.setData([last.iteration], [last.log_likelihood])
            self.converged_text.setText(
                translate("Plots", "converged at iteration {i}").format(i=last.iteration)
            )
            self.converged_text.setPos(last.iteration, last.log_likelihood)
        else:
            self.converged_marker.setData([], [])
        show_current = current is not None and 0 <= current < len(snapshots)
        self.current_line.setVisible(show_current)
        if show_current and current is not None:
            self.current_line.setValue(snapshots[current].iteration)
        entries: list[tuple[object, str]] = []
        if len(x):
            entries.append((self.curve, translate("Plots", "log-likelihood")))
        if converged:
            entries.append((self.converged_marker, translate("Plots", "converged")))
        if show_current:
            entries.append((self._current_swatch, translate("Plots", "shown iteration")))
        sync_legend(self.legend, entries)


if __name__ == "__main__":
    import sys

    from .preview import demo, preview_app, run_preview

    app = preview_app()
    data = demo(d=2, n=2000, k=3)
    history = data.result.history
    view = LikelihoodPlot()
    view.set_history(history, current=len(history) // 3)
    sys.exit(run_preview(app, view, "LikelihoodPlot preview", 800, 480))
