"""The Teach view's 1-D histogram, split by responsibility once there are responsibilities.

Each bar's height is shared among the components as the γ of the points in it, stacked in the
component colours: the bars of component k have area N_k / n, and together they make the
histogram itself.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from .style import DATA_COLOR, component_color

MAX_BINS = 80


class SplitHistogram:
    """``outline`` (the histogram as steps, filled until it is split) and ``bars`` (one
    BarGraphItem per component, stacked) on ``plot_item``; ``shares`` (bins, K) their heights."""

    def __init__(self, plot_item: pg.PlotItem) -> None:
        self.plot_item = plot_item
        self._fill = pg.mkColor(DATA_COLOR)
        self._fill.setAlpha(120)
        self.outline = pg.PlotDataItem(
            stepMode="center", fillLevel=0, fillBrush=self._fill, pen=pg.mkPen("#7F9AB3", width=1)
        )
        self.outline.setZValue(-10)
        plot_item.addItem(self.outline)
        self.bars: list[pg.BarGraphItem] = []
        self.edges = np.empty(0)
        self.heights = np.empty(0)
        self.shares = np.empty((0, 0))
        self._bin_of_row = np.empty(0, dtype=np.intp)

    def load(self, x: np.ndarray) -> np.ndarray:
        """Bin the values x (n,); returns the density heights (bins,)."""
        lo, hi = float(x.min()), float(x.max())
        if hi - lo <= 0:
            lo, hi = lo - 0.5, hi + 0.5
        edges = np.histogram_bin_edges(x, bins="auto", range=(lo, hi))
        if len(edges) > MAX_BINS + 1:
            edges = np.linspace(lo, hi, MAX_BINS + 1)
        counts, edges = np.histogram(x, bins=edges)
        self.edges = edges
        self.heights = counts / (x.size * np.diff(edges))
        self._bin_of_row = np.clip(np.searchsorted(edges, x, side="right") - 1, 0, counts.size - 1)
        self.outline.setData(edges, self.heights)
        self.split(None)
        return self.heights

    def clear(self) -> None:
        self.outline.setData([], [])
        self.edges, self.heights = np.empty(0), np.empty(0)
        self.split(None)

    def split(self, resp: np.ndarray | None) -> None:
        """Stack each bar by the responsibilities (n, K) of its points (None: one grey bar)."""
        for item in self.bars:
            self.plot_item.removeItem(item)
        self.bars = []
        if resp is None or self.edges.size == 0 or resp.shape[0] != self._bin_of_row.size:
            self.shares = np.empty((0, 0))
            self.outline.setFillBrush(self._fill)
            return
        n, k = resp.shape
        widths = np.diff(self.edges)
        sums = np.zeros((widths.size, k))
        np.add.at(sums, self._bin_of_row, resp)
        self.shares = sums / (n * widths[:, None])
        tops = np.cumsum(self.shares, axis=1)
        self.outline.setFillBrush(None)
        for j in range(k):
            colour = component_color(j)
            colour.setAlpha(110)
            bars = pg.BarGraphItem(
                x0=self.edges[:-1],
                y0=tops[:, j] - self.shares[:, j],
                width=widths,
                height=self.shares[:, j],
                brush=colour,
                pen=pg.mkPen(None),
            )
            bars.setZValue(-11)
            self.plot_item.addItem(bars)
            self.bars.append(bars)
