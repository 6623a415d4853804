"""Drawing the true parameters (generated data, or values the user typed) beside the fit.

Every data view draws the truth dashed in a long-dash pattern (the fitted 2-sd ellipse has the
short one), each true component in the colour of the fitted component it pairs with, and
offers a "true values" check box, ticked whenever new true values arrive.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox

from ...engine import MixtureParams
from ...engine.matching import match_components
from ..i18n import translate

TRUTH_DASHES = [7.0, 4.0]  # long dashes (in pen widths); pyqtgraph's DashLine is 4, 2
TRUTH_MIXTURE_COLOR = "#000000"


def truth_pen(color: Any, width: float = 2.0) -> Any:
    """The long-dashed pen of a true density or ellipse."""
    pen = pg.mkPen(color, width=width, style=Qt.PenStyle.CustomDashLine)
    pen.setDashPattern(TRUTH_DASHES)
    return pen


def truth_colour_indices(truth: MixtureParams, fitted: MixtureParams | None) -> list[int]:
    """For each true component (K_true), the colour index of the fitted component it pairs
    with (means matched as in the runs comparison); without a fit (or other columns), its own
    index. True components left without a partner take the colours after the fitted ones."""
    k_true = truth.n_components
    if fitted is None or fitted.n_features != truth.n_features:
        return list(range(k_true))
    order = match_components(fitted, truth)  # truth.reordered(order)[i] pairs with fitted i
    colours = [0] * k_true
    for position, j in enumerate(order):
        colours[int(j)] = position
    return colours


def usable_truth(truth: MixtureParams | None, d: int) -> MixtureParams | None:
    """``truth`` if it describes d columns, else None."""
    if truth is None or truth.n_features != d or truth.n_components == 0:
        return None
    return truth


def truth_checkbox() -> QCheckBox:
    """The view's "true values (dashed)" toggle, hidden until the truth is known."""
    box = QCheckBox(translate("Plots", "true values (dashed)"))
    box.setToolTip(
        translate(
            "Plots",
            "Draw the true parameters the data were generated from, long-dashed, beside the "
            "fitted ones",
        )
    )
    box.setChecked(True)
    box.setVisible(False)
    return box


def principal_sections(mean: np.ndarray, cov: np.ndarray, radius: float) -> list[np.ndarray]:
    """The three principal ellipses of a 3-D ellipsoid at Mahalanobis distance ``radius``
    under the 3 x 3 covariance ``cov``: three closed outlines, each (121, 3)."""
    values, vectors = np.linalg.eigh(cov)
    axes = vectors * np.sqrt(np.maximum(values, 0.0))  # columns: the principal semi-axes
    angles = np.linspace(0.0, 2.0 * np.pi, 121)
    circle = np.stack([np.cos(angles), np.sin(angles)])
    outlines = []
    for a, b in ((0, 1), (0, 2), (1, 2)):
        plane = axes[:, [a, b]]  # (3, 2)
        outlines.append(mean[None, :] + radius * (plane @ circle).T)
    return outlines


def dashed_segments(outline: np.ndarray, on: int = 4, off: int = 3) -> np.ndarray:
    """Pairs of points (2m, 3) drawing ``outline`` (p, 3) as dashes (for GL "lines" mode):
    ``on`` steps drawn, then ``off`` left out, and so on."""
    starts = [s for s in range(len(outline) - 1) if s % (on + off) < on]
    pairs = np.empty((2 * len(starts), outline.shape[1]))
    pairs[0::2] = outline[starts]
    pairs[1::2] = outline[[s + 1 for s in starts]]
    return pairs
