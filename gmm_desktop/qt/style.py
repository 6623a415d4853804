"""Colours and pyqtgraph settings shared by every view, so component k looks the same everywhere."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QColor, QIcon, QPalette, QPixmap
from PySide6.QtWidgets import QTableWidgetItem, QWidget

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


def component_header(k: int, tooltip: str, size: int = 12) -> QTableWidgetItem:
    """A table header for component k (0-based): its number beside a square of its colour."""
    pixmap = QPixmap(size, size)
    pixmap.fill(component_color(k))
    item = QTableWidgetItem(QIcon(pixmap), str(k + 1))
    item.setToolTip(tooltip)
    return item


def component_swatch(k: int, strength: float = 0.35) -> QColor:
    """An opaque light tint of component k's colour: black text on it reads in light and dark
    themes alike (a translucent colour over a dark table base would not)."""
    c = QColor(COMPONENT_COLORS[k % len(COMPONENT_COLORS)])
    mix = [round(255 + (v - 255) * strength) for v in (c.red(), c.green(), c.blue())]
    return QColor(*mix)


def is_dark(widget: QWidget) -> bool:
    """True when the widget's palette is a dark theme (light text on a dark window)."""
    pal = widget.palette()
    return (
        pal.color(QPalette.ColorRole.Window).lightness()
        < pal.color(QPalette.ColorRole.WindowText).lightness()
    )


def error_color(widget: QWidget) -> str:
    """Red for error text, readable on the widget's light or dark palette."""
    return "#FF7B72" if is_dark(widget) else "#B00020"


def warning_color(widget: QWidget) -> str:
    """Orange-brown for warnings, readable on the widget's light or dark palette."""
    return "#FFB86B" if is_dark(widget) else "#A04000"


def ok_color(widget: QWidget) -> str:
    """Green for 'all fine' text, readable on the widget's light or dark palette."""
    return "#7EE787" if is_dark(widget) else "#1B7F3B"
