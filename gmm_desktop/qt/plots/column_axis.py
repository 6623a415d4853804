"""A bottom axis whose tick labels are column names that never overlap.

pyqtgraph draws every label of explicit ticks at full length, so with four or more columns
on a narrow plot the names run into each other. :class:`ColumnAxis` chooses, each time the
axis changes width, the first layout that fits the room between two ticks: the names on one
line; wrapped after underscores, spaces and hyphens; or staggered (every other name one row
lower, so each has the room of two ticks), wrapped as needed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetricsF, QImage, QPainter

GAP = 8.0  # px kept free between two neighbouring labels
END_SLACK = 15.0  # px a label may reach past the axis's ends (hideOverlappingLabels=False)
LAYOUTS = ("one line", "wrapped", "staggered")


def wrap_name(name: str, metrics: QFontMetricsF, width: float) -> list[str]:
    """``name`` as lines at most ``width`` px wide, broken after "_", " " or "-" (a piece
    wider than that stays whole)."""
    lines: list[str] = []
    for piece in re.findall(r"[^_ -]+[_ -]*|[_ -]+", name) or [name]:
        if lines and metrics.horizontalAdvance((lines[-1] + piece).rstrip()) <= width:
            lines[-1] += piece
        else:
            lines.append(piece)
    return [line.rstrip() for line in lines]


def label_layout(
    names: Sequence[str], metrics: QFontMetricsF, spacing: float
) -> tuple[str, list[str]]:
    """The first of LAYOUTS whose labels fit ``spacing`` px between ticks, and the labels'
    texts ("\\n" between lines; a staggered odd label starts with blank lines)."""

    def widest(lines: list[str]) -> float:
        return max((metrics.horizontalAdvance(line) for line in lines), default=0.0)

    room = spacing - GAP
    if all(metrics.horizontalAdvance(name) <= room for name in names):
        return "one line", list(names)
    wrapped = [wrap_name(name, metrics, room) for name in names]
    if all(widest(lines) <= room for lines in wrapped):
        return "wrapped", ["\n".join(lines) for lines in wrapped]
    # staggered: a neighbour on the same row is two ticks away; the end ones stay inside
    end_room = min(2 * spacing, spacing + 2 * END_SLACK) - GAP
    wrapped = [
        wrap_name(name, metrics, end_room if i in (0, len(names) - 1) else 2 * spacing - GAP)
        for i, name in enumerate(names)
    ]
    depth = max((len(lines) for lines in wrapped[0::2]), default=0)
    texts = [
        "\n".join(lines) if i % 2 == 0 else "\n" * depth + "\n".join(lines)
        for i, lines in enumerate(wrapped)
    ]
    return "staggered", texts


class ColumnAxis(pg.AxisItem):
    """A bottom axis with a tick at 0, 1, ... d-1 named after the columns."""

    def __init__(self) -> None:
        self._names: list[str] = []  # before the base class: it resizes the axis already
        self.layout_name = LAYOUTS[0]  # the layout chosen at the current width (for tests)
        super().__init__("bottom")
        self.setStyle(hideOverlappingLabels=False)  # the end labels may use END_SLACK

    def set_names(self, names: Sequence[str]) -> None:
        self._names = list(names)
        self._choose_layout()

    def resizeEvent(self, ev: object = None) -> None:
        super().resizeEvent(ev)
        self._choose_layout()

    def linkedViewChanged(self, view: object = None, newRange: object = None) -> None:
        super().linkedViewChanged(view, newRange)
        self._choose_layout()

    def _choose_layout(self) -> None:
        names = self._names
        low, high = self.range
        if not names or high <= low or self.width() <= 0:
            self.setTicks([[(float(i), name) for i, name in enumerate(names)], []])
            return
        spacing = self.width() / (high - low)  # px between two columns' ticks
        metrics = QFontMetricsF(self.style["tickFont"] or self.font())
        self.layout_name, texts = label_layout(names, metrics, spacing)
        self.setTicks([[(float(i), text) for i, text in enumerate(texts)], []])

    def drawn_labels(self) -> list[tuple[str, list[QRectF]]]:
        """Each label pyqtgraph draws at the current size: its text and where its lines of
        ink sit (axis coordinates, a rectangle per line)."""
        size = (max(1, int(self.width())), max(1, int(self.height())))
        image = QImage(*size, QImage.Format.Format_ARGB32)
        painter = QPainter(image)
        font = self.style["tickFont"]
        if font is not None:
            painter.setFont(font)
        specs = self.generateDrawSpecs(painter)
        metrics = QFontMetricsF(painter.font())
        painter.end()
        out = []
        for rect, _flags, text in specs[2] if specs is not None else []:
            lines = str(text).split("\n")
            top = rect.top()
            rects = []
            for number, line in enumerate(lines):
                if line:
                    width = metrics.horizontalAdvance(line)
                    y = top + number * metrics.lineSpacing()
                    rects.append(QRectF(rect.center().x() - width / 2, y, width, metrics.height()))
            out.append((str(text), rects))
        return out
