"""Colours and pyqtgraph settings shared by every view, so component k looks the same everywhere."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QColor

# Colour-blind-friendly (Okabe-Ito, then Tableau), component k uses COMPONENT_COLORS[k % len].
COMPONENT_COLORS: tuple[str, ...] = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#8C564B",
    "#7F7F7F",
    "#BCBD22",
    "#17BECF",
)
MIXTURE_COLOR = "#222222"
DATA_COLOR = "#9DB4C8"


def component_color(k: int, alpha: int = 255) -> QColor:
    """Colour of component k (0-based)."""
    color = QColor(COMPONENT_COLORS[k % len(COMPONENT_COLORS)])
    color.setAlpha(alpha)
    return color


def component_rgba(k: int, alpha: float = 1.0) -> tuple[float, float, float, float]:
    """Component k's colour as floats in [0, 1] (for pyqtgraph.opengl)."""
    c = QColor(COMPONENT_COLORS[k % len(COMPONENT_COLORS)])
    return (c.redF(), c.greenF(), c.blueF(), alpha)


def configure_pyqtgraph() -> None:
    """White plots with black text (they go into reports), antialiased lines."""
    pg.setConfigOptions(antialias=True, background="w", foreground="k")


# Label groups (e.g. sex = F / M) get colours that differ from the components' ones, so a
# "split by label" histogram or a "colour by label" scatter never reads as a component.
LABEL_COLORS: tuple[str, ...] = (
    "#6A3D9A",
    "#8B1A1A",
    "#2F4F4F",
    "#B8860B",
    "#1A237E",
    "#556B2F",
    "#C71585",
    "#4B3621",
)


def label_color(g: int, alpha: int = 255) -> QColor:
    """Colour of label group g (0-based)."""
    color = QColor(LABEL_COLORS[g % len(LABEL_COLORS)])
    color.setAlpha(alpha)
    return color
