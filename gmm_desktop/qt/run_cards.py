"""The runs list drawn as cards: each run's facts flow over as many lines as the dock's width
needs, so a narrow dock never scrolls sideways and no fact is left out of sight.

The facts stay in the columns of the runs table's model (what tests, copy and the comparison
read); the table shows only its first column, where :class:`RunCardDelegate` draws the row's
every column as "label value" pieces, placed left to right and wrapped like words.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QHelpEvent,
    QPainter,
    QPalette,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QToolTip,
    QWidget,
)

PADDING = 6  # px around a card's text
GAP = 14  # px between two facts on one line
LINE_BREAK = "\u2028"  # QTextLayout's line separator (a "\n" in a cell's text)

Index = QModelIndex | QPersistentModelIndex


@dataclass
class PlacedFact:
    """One fact of a card: its model column, where it sits (card coordinates) and its text."""

    column: int
    rect: QRect
    layout: QTextLayout
    label_length: int  # characters of the label at the start of the text


def _laid_out(text: str, font: QFont, width: float) -> tuple[QTextLayout, float, float]:
    """``text`` laid out in lines at most ``width`` px wide (breaking words only when one is
    wider than that); returns the layout, its widest line and its height."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.setCacheEnabled(True)
    layout.beginLayout()
    height, widest = 0.0, 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(max(1.0, width))
        line.setPosition(QPointF(0.0, height))
        height += line.height()
        widest = max(widest, line.naturalTextWidth())
    layout.endLayout()
    return layout, widest, height


def place_facts(
    facts: Sequence[tuple[int, str, str, bool]], font: QFont, width: int
) -> tuple[list[PlacedFact], int]:
    """Place ``facts`` (column, label, value, starts its own line) inside ``width`` px, left
    to right, wrapping like words; returns the placed facts and the card's height. The fact
    of column 0 (the run's number) is bold.

    A fact wider than the line, or of several lines, gets whole lines of its own (wrapped)."""
    inner = max(1, width - 2 * PADDING)
    bold = QFont(font)
    bold.setBold(True)
    placed: list[PlacedFact] = []
    x = y = 0.0
    line_height = 0.0
    for column, label, value, own_line in facts:
        text = f"{label} {value}".replace("\n", LINE_BREAK) if label else value
        font_of = bold if column == 0 else font  # the run's number heads its card
        single, natural, height = _laid_out(text, font_of, 1e6)
        block = own_line or LINE_BREAK in text or natural > inner
        if x > 0 and (block or x + natural > inner):  # next line
            x, y, line_height = 0.0, y + line_height, 0.0
        if block:
            layout, natural, height = _laid_out(text, font_of, inner)
        else:
            layout = single
        rect = QRect(round(PADDING + x), round(PADDING + y), int(natural) + 1, int(height + 0.999))
        placed.append(PlacedFact(column, rect, layout, len(label)))
        line_height = max(line_height, height)
        if block:
            x, y, line_height = 0.0, y + line_height, 0.0
        else:
            x += natural + GAP
    total = y + line_height
    return placed, int(total + 0.999) + 2 * PADDING


def _coloured(start: int, length: int, color: QColor) -> QTextLayout.FormatRange:
    """Characters ``start`` to ``start + length`` of a layout drawn in ``color``."""
    char_format = QTextCharFormat()
    char_format.setForeground(color)
    coloured = QTextLayout.FormatRange()
    coloured.start, coloured.length, coloured.format = start, length, char_format
    return coloured


class RunCardDelegate(QStyledItemDelegate):
    """Draws row r of ``table`` as the card of every fact in its columns.

    ``facts(row)`` gives (column, label, value, own line) in the order to show them; a
    value's colour is its item's foreground (warnings in the warning colour), and a fact's
    tooltip is its item's tooltip.
    """

    def __init__(
        self,
        table: QTableWidget,
        facts: Callable[[int], list[tuple[int, str, str, bool]]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent if parent is not None else table)
        self._table = table
        self._facts = facts

    def card(self, row: int, width: int) -> tuple[list[PlacedFact], int]:
        """The facts of row ``row`` placed in a card ``width`` px wide, and its height."""
        return place_facts(self._facts(row), self._table.font(), width)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        width = self._table.viewport().width()
        return QSize(width, self.card(index.row(), width)[1])

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        self.initStyleOption(option, index)
        option.text = ""  # the card draws the text
        style = option.widget.style() if option.widget is not None else self._table.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        label_color = palette.color(text_role)
        if not selected:  # labels a little dimmer than values, in any theme
            base = palette.color(QPalette.ColorRole.Base)
            label_color = QColor(
                round(0.65 * label_color.red() + 0.35 * base.red()),
                round(0.65 * label_color.green() + 0.35 * base.green()),
                round(0.65 * label_color.blue() + 0.35 * base.blue()),
            )
        painter.save()
        painter.setClipRect(option.rect)
        facts, _ = self.card(index.row(), option.rect.width())
        for fact in facts:
            item = self._table.item(index.row(), fact.column)
            value_color = palette.color(text_role)
            if (
                not selected
                and item is not None
                and item.foreground().style() != Qt.BrushStyle.NoBrush
            ):
                value_color = item.foreground().color()
            formats = [_coloured(0, fact.label_length, label_color)] if fact.label_length else []
            rest = len(fact.layout.text()) - fact.label_length
            formats.append(_coloured(fact.label_length, rest, value_color))
            painter.setPen(value_color)
            origin = QPointF(option.rect.topLeft() + fact.rect.topLeft())
            fact.layout.draw(painter, origin, formats)  # the ranges colour label and value
        painter.restore()

    def fact_at(self, row: int, point: QPoint, card_rect: QRect) -> int | None:
        """The model column of the fact under ``point`` (viewport coordinates) in the card
        of ``row`` drawn at ``card_rect``; None between facts."""
        facts, _ = self.card(row, card_rect.width())
        inside = point - card_rect.topLeft()
        for fact in facts:
            if fact.rect.adjusted(-GAP // 2, -2, GAP // 2, 2).contains(inside):
                return fact.column
        return None

    def helpEvent(
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: Index,
    ) -> bool:
        if event.type() != QEvent.Type.ToolTip or not index.isValid():
            return super().helpEvent(event, view, option, index)
        column = self.fact_at(index.row(), event.pos(), option.rect)
        item = self._table.item(index.row(), column if column is not None else 0)
        tip = item.toolTip() if item is not None else ""
        if column is None:
            tip = self._table.toolTip()
        if tip:
            QToolTip.showText(event.globalPos(), tip, view)
        else:
            QToolTip.hideText()
        return True
