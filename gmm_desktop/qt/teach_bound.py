"""The Teach view's bound plot: the log-likelihood and the EM lower bound per half-step.

After an E-step the bound (Q plus the entropy of the responsibilities) touches the
log-likelihood; after an M-step both rise. Texts keep the "TeachView" translation context.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ..engine.halfsteps import HalfStepHistory
from .i18n import translate
from .style import MIXTURE_COLOR

BOUND_COLOR = "#D55E00"


class BoundPlot(QWidget):
    """A key over a small plot: ``likelihood_curve`` (one point per half-step), ``bound_curve``
    (one per E and M) and ``current_line`` at the half-step shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.widget = pg.PlotWidget()
        self.widget.setMinimumHeight(80)
        self.plot_item: pg.PlotItem = self.widget.getPlotItem()
        self.plot_item.setMenuEnabled(False)
        self.plot_item.showGrid(x=True, y=True, alpha=0.15)
        self.plot_item.setLabel("bottom", translate("TeachView", "half-step"))
        # short: the plot is low on a laptop, and the key above names the curve in full
        self.plot_item.setLabel("left", translate("TeachView", "log L"))
        for side in ("left", "bottom"):
            self.plot_item.getAxis(side).enableAutoSIPrefix(False)
        self.likelihood_curve = self.plot_item.plot(
            pen=pg.mkPen(MIXTURE_COLOR, width=2),
            symbol="o",
            symbolSize=6,
            symbolBrush=MIXTURE_COLOR,
        )
        self.bound_curve = self.plot_item.plot(
            pen=pg.mkPen(BOUND_COLOR, width=2, style=Qt.PenStyle.DashLine),
            symbol="t",
            symbolSize=8,
            symbolBrush=BOUND_COLOR,
        )
        self.current_line = pg.InfiniteLine(angle=90, pen=pg.mkPen("#888888", width=1))
        self.plot_item.addItem(self.current_line)
        key = QLabel(
            f"<span style='color:{MIXTURE_COLOR}'>━●</span> "
            + translate("TeachView", "log-likelihood")
            + f" &nbsp; <span style='color:{BOUND_COLOR}'>╍▲</span> "
            + translate("TeachView", "lower bound (Q + entropy)")
        )
        key.setTextFormat(Qt.TextFormat.RichText)
        key.setWordWrap(True)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(key)
        box.addWidget(self.widget, 1)

    def show_history(self, history: HalfStepHistory | None) -> None:
        """Both curves up to the shown half-step of ``history`` (None: empty)."""
        if history is None:
            self.likelihood_curve.setData([], [])
            self.bound_curve.setData([], [])
            return
        shown = history.shown
        index = np.array([s.index for s in shown], dtype=float)
        self.likelihood_curve.setData(index, [s.log_likelihood for s in shown])
        with_bound = [s for s in shown if s.lower_bound is not None]
        self.bound_curve.setData(
            [float(s.index) for s in with_bound], [float(s.lower_bound or 0.0) for s in with_bound]
        )
        self.current_line.setValue(float(history.position))
        spacing = max(1, int(np.ceil(len(shown) / 8)))
        self.plot_item.getAxis("bottom").setTickSpacing(spacing, spacing)
