"""Setting the Teach view's start by hand, and the in-between drawings of an animated M-step.

Drag a mean (1-D: a vertical line per component; 2-D: the ring around the mean's cross) or,
in 2-D, the square at the end of an ellipse's long axis (it turns and stretches the covariance,
keeping the short axis). While dragging, ``sig_moved`` gives the parameters to draw; on release
``sig_dropped`` gives the new start. The arithmetic is in plain functions, so it is tested
without a mouse.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, Qt, Signal

from ..engine import MixtureParams
from .i18n import translate
from .style import component_color

SMALLEST_AXIS = 1e-6  # relative to the data's spread: a dragged axis never has length 0


def blend(start: MixtureParams, end: MixtureParams, t: float) -> MixtureParams:
    """The parameters a fraction ``t`` (0..1) of the way from ``start`` to ``end``, for drawing.

    Weights, means (K, d) and covariances (K, d, d) are mixed linearly; a mix of positive
    definite matrices is positive definite, so every frame is a valid mixture."""
    t = float(np.clip(t, 0.0, 1.0))
    return MixtureParams(
        (1 - t) * start.weights + t * end.weights,
        (1 - t) * start.means + t * end.means,
        (1 - t) * start.covariances + t * end.covariances,
    )


def moved_mean(
    params: MixtureParams, k: int, axes: Sequence[int], position: Sequence[float]
) -> MixtureParams:
    """``params`` with mean k moved to ``position`` along the drawn ``axes`` (1 or 2 columns)."""
    means = np.array(params.means, dtype=float)
    for axis, value in zip(axes, position, strict=False):
        means[k, axis] = float(value)
    return MixtureParams(params.weights, means, params.covariances)


def long_axis_end(
    mean: np.ndarray, block: np.ndarray, near: Sequence[float] | None = None
) -> np.ndarray:
    """Where the ellipse handle sits: the end of the 1-sd ellipse's long axis, mean (2,) plus
    sqrt(largest eigenvalue) times its eigenvector of the 2 x 2 ``block``; of the two ends,
    the one nearer ``near`` (so a dropped handle stays where it was dropped)."""
    values, vectors = np.linalg.eigh(block)
    arm = np.sqrt(max(values[-1], 0.0)) * vectors[:, -1]
    centre = np.asarray(mean, dtype=float)
    if near is not None and np.dot(np.asarray(near, dtype=float) - centre, arm) < 0:
        arm = -arm
    return centre + arm


def reshaped_covariance(
    params: MixtureParams,
    k: int,
    axes: Sequence[int],
    handle: Sequence[float],
    covariance_type: str = "full",
) -> MixtureParams:
    """``params`` with covariance k turned and stretched so its 1-sd ellipse's long axis ends at
    ``handle`` (2,) in the drawn ``axes``; the short axis keeps its length.

    With d > 2 the whole matrix is transformed by T = L_new L_old^-1 on the two axes (L the
    Cholesky factors of the old and new 2 x 2 blocks), so it stays positive definite. The
    covariance type shapes the result: diag keeps the diagonal, spherical its mean, tied gives
    every component the new matrix."""
    cov = np.array(params.covariances[k], dtype=float)
    pair = np.ix_(list(axes), list(axes))
    block = cov[pair]
    values, _ = np.linalg.eigh(block)
    scale = float(np.sqrt(max(np.trace(block), 1e-300)))
    short = float(np.sqrt(max(values[0], (SMALLEST_AXIS * scale) ** 2)))
    arm = np.asarray(handle, dtype=float) - params.means[k, list(axes)]
    length = max(float(np.hypot(*arm)), short * SMALLEST_AXIS, SMALLEST_AXIS * scale)
    along = arm / length if np.hypot(*arm) > 0 else np.array([1.0, 0.0])
    across = np.array([-along[1], along[0]])
    new_block = length**2 * np.outer(along, along) + short**2 * np.outer(across, across)
    transform = np.eye(cov.shape[0])
    transform[pair] = np.linalg.cholesky(new_block) @ np.linalg.inv(np.linalg.cholesky(block))
    new_cov = transform @ cov @ transform.T
    new_cov = 0.5 * (new_cov + new_cov.T)
    if covariance_type == "diag":
        new_cov = np.diag(np.diag(new_cov))
    elif covariance_type == "spherical":
        new_cov = np.eye(cov.shape[0]) * float(np.mean(np.diag(new_cov)))
    covariances = np.array(params.covariances, dtype=float)
    if covariance_type == "tied":
        covariances[:] = new_cov
    else:
        covariances[k] = new_cov
    return MixtureParams(params.weights, params.means, covariances)


class StartHandles(QObject):
    """The draggable handles of one plot: ``lines`` (1-D), ``targets`` and ``axis_targets`` (2-D).

    ``place(params)`` puts them where ``params`` say (without signals); dragging one emits
    ``sig_moved(params)`` with the parameters it makes from ``base`` (the state shown, set by
    the view), and ``sig_dropped(params)`` on release."""

    sig_moved = Signal(object)
    sig_dropped = Signal(object)

    def __init__(self, plot_item: pg.PlotItem) -> None:
        super().__init__()
        self.plot_item = plot_item
        self.lines: list[pg.InfiniteLine] = []
        self.targets: list[pg.TargetItem] = []
        self.axis_targets: list[pg.TargetItem] = []
        self.axes: tuple[int, ...] = (0,)
        self.covariance_type = "full"
        self.base: MixtureParams | None = None
        self._placing = False

    def clear(self) -> None:
        for item in [*self.lines, *self.targets, *self.axis_targets]:
            self.plot_item.removeItem(item)
        self.lines, self.targets, self.axis_targets = [], [], []
        self.base = None

    def build(self, n_components: int, axes: tuple[int, ...], covariance_type: str) -> None:
        """One handle set per component for drawn ``axes`` (1 column: lines; 2: targets)."""
        self.clear()
        self.axes, self.covariance_type = axes, covariance_type
        mean_tip = translate("TeachView", "Drag to move this mean; the fit starts again from here")
        for k in range(n_components):
            colour = component_color(k)
            if len(axes) == 1:
                line = pg.InfiniteLine(
                    angle=90,
                    movable=True,
                    pen=pg.mkPen(colour, width=2, style=Qt.PenStyle.DashLine),
                    hoverPen=pg.mkPen(colour, width=4),
                )
                line.setToolTip(mean_tip)
                line.setZValue(20)
                line.sigPositionChanged.connect(lambda _l, k=k: self._on_mean_moved(k, False))
                line.sigPositionChangeFinished.connect(lambda _l, k=k: self._on_mean_moved(k, True))
                self.plot_item.addItem(line)
                self.lines.append(line)
                continue
            target = pg.TargetItem(
                size=22, symbol="o", movable=True, pen=pg.mkPen(colour.darker(140), width=2)
            )
            target.setToolTip(mean_tip)
            handle = pg.TargetItem(
                size=11, symbol="s", movable=True, pen=pg.mkPen(colour.darker(140), width=2)
            )
            handle.setToolTip(
                translate("TeachView", "Drag to turn and stretch this ellipse (the start's spread)")
            )
            for item in (target, handle):
                item.setZValue(28)
                self.plot_item.addItem(item)
            target.sigPositionChanged.connect(lambda _t, k=k: self._on_mean_moved(k, False))
            target.sigPositionChangeFinished.connect(lambda _t, k=k: self._on_mean_moved(k, True))
            handle.sigPositionChanged.connect(lambda _t, k=k: self._on_axis_moved(k, False))
            handle.sigPositionChangeFinished.connect(lambda _t, k=k: self._on_axis_moved(k, True))
            self.targets.append(target)
            self.axis_targets.append(handle)

    def place(self, params: MixtureParams) -> None:
        """Put every handle where ``params`` say (a glide's frame, a drag's preview)."""
        self._placing = True
        try:
            for k, line in enumerate(self.lines):
                line.setValue(float(params.means[k, self.axes[0]]))
            for k, (target, handle) in enumerate(zip(self.targets, self.axis_targets, strict=True)):
                mean = params.means[k, list(self.axes)]
                block = params.covariances[k][np.ix_(list(self.axes), list(self.axes))]
                target.setPos(*mean)
                was = handle.pos()
                handle.setPos(*long_axis_end(mean, block, near=(was.x(), was.y())))
        finally:
            self._placing = False

    def _on_mean_moved(self, k: int, finished: bool) -> None:
        if self._placing or self.base is None:
            return
        if self.lines:
            position: tuple[float, ...] = (float(self.lines[k].value()),)
        else:
            pos = self.targets[k].pos()
            position = (pos.x(), pos.y())
        self._emit(moved_mean(self.base, k, self.axes, position), finished)

    def _on_axis_moved(self, k: int, finished: bool) -> None:
        if self._placing or self.base is None:
            return
        pos = self.axis_targets[k].pos()
        params = reshaped_covariance(
            self.base, k, self.axes, (pos.x(), pos.y()), self.covariance_type
        )
        self._emit(params, finished)

    def _emit(self, params: MixtureParams, finished: bool) -> None:
        if finished:
            self.sig_dropped.emit(params)
        else:
            self.sig_moved.emit(params)
