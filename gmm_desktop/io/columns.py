"""Turn a raw grid of cells into typed columns: numbers (float64) or text.

Rule for a number column: at least half of its filled cells (not counting marks such as
``n/a`` or ``?``) read as numbers. Such marks (``NA``, ``nan``, ``-``, ...) become NaN and
count as empty cells; its other filled cells become NaN too but are remembered as "not a
number" cells, so that ``select_features`` can tell the two apart. Every other column holds
text (stripped ``str``, None where empty).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from .sniff import MISSING_TOKENS, THOUSANDS_DOTS

_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")
_POINT_NUMBER = r"^[+-]?\d*\.\d+(?:[eE][+-]?\d+)?$"


def column_names(first_row: Sequence[Any] | None, width: int) -> list[str]:
    """Unique, stripped names on one line; blanks become ``column j``, repeats get `` (2)``.

    A line break in a name (``"height\n(cm)"``, a quoted CSV cell or Alt+Enter in Excel)
    becomes a space, so names can be typed and messages stay on one line.
    """
    names: list[str] = []
    for j in range(width):
        cell = first_row[j] if first_row is not None and j < len(first_row) else None
        name = _LINE_BREAKS.sub(" ", cell_text(cell)) if cell is not None else ""
        names.append(name or f"column {j + 1}")
    seen: set[str] = set()
    unique: list[str] = []
    for name in names:
        candidate, copy = name, 2
        while candidate in seen:
            candidate, copy = f"{name} ({copy})", copy + 1
        seen.add(candidate)
        unique.append(candidate)
    return unique


def cell_text(cell: Any) -> str:
    """A cell as the text a spreadsheet would show (172.0 -> "172")."""
    if cell is None or cell is pd.NA or (isinstance(cell, float) and np.isnan(cell)):
        return ""
    if isinstance(cell, bool | np.bool_):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, float | np.floating) and float(cell).is_integer():
        return str(int(cell))
    if isinstance(cell, dt.datetime | dt.date | dt.time):
        return cell.isoformat()
    return str(cell).strip()


def trim_empty(
    frame: pd.DataFrame, names: list[str] | None
) -> tuple[pd.DataFrame, list[str] | None]:
    """Drop fully empty rows at the top and bottom and fully empty, unnamed edge columns."""
    if frame.shape[1] == 0 or frame.shape[0] == 0:
        return frame.iloc[:0, :0], ([] if names is not None else None)
    filled = frame.notna().to_numpy()  # one vectorised pass: wide files stay fast
    rows = np.flatnonzero(filled.any(axis=1))
    if rows.size == 0:
        return frame.iloc[:0, :0], ([] if names is not None else None)
    first, last = int(rows[0]), int(rows[-1]) + 1
    named = [bool(names and j < len(names) and cell_text(names[j])) for j in range(frame.shape[1])]
    keep = np.flatnonzero(filled[first:last].any(axis=0) | np.array(named, dtype=bool))
    start, stop = int(keep[0]), int(keep[-1]) + 1
    if (first, last, start, stop) != (0, frame.shape[0], 0, frame.shape[1]):
        frame = frame.iloc[first:last, start:stop].reset_index(drop=True)
    if names is not None:
        names = list(names[start:stop])
    return frame, names


def _stripped(values: pd.Series) -> pd.Series:
    """Strings stripped of spaces; NaN for every cell that is not a string."""
    cells = values.astype(object)
    try:
        return cells.str.strip()
    except AttributeError:  # no strings at all (e.g. numbers and blanks from Excel)
        return pd.Series(np.nan, index=cells.index, dtype=object)


def cells_as_text(values: pd.Series, stripped: pd.Series | None = None) -> pd.Series:
    """Every cell as stripped text, "" where empty; numbers as a spreadsheet shows them.

    Vectorised for strings; only cells that are not strings go through ``cell_text``.
    """
    cells = values.astype(object)
    if stripped is None:
        stripped = _stripped(cells)
    text = stripped.astype(object).where(stripped.notna(), "")
    others = cells.notna().to_numpy() & stripped.isna().to_numpy()
    if others.any():
        text[others] = [cell_text(c) for c in cells[others]]
    return text


def typed_column(values: pd.Series, decimal: str = ".") -> tuple[pd.Series, np.ndarray | None]:
    """Type one column; return (column, 0-based rows whose text is not a number or None)."""
    if pd.api.types.is_bool_dtype(values.dtype) or pd.api.types.is_datetime64_any_dtype(
        values.dtype
    ):
        return _as_text(cells_as_text(values)), None
    if pd.api.types.is_numeric_dtype(values.dtype):
        return values.astype(np.float64), None
    cells = values.astype(object)
    stripped = _stripped(cells)
    is_str = stripped.notna().to_numpy()
    filled = cells.notna().to_numpy() & ~(is_str & (stripped == "").to_numpy())
    parse = comma_decimals_as_points(stripped) if decimal == "," and is_str.any() else stripped
    numbers = _to_float(cells.where(~is_str, parse))
    parsed = ~np.isnan(numbers)
    if parsed.any():
        unparsed = filled & ~parsed
        # NA, nan, N/A, - ... mean "no value": empty cells, not text that is not a number
        marks = unparsed & stripped.str.lower().isin(MISSING_TOKENS).to_numpy(dtype=bool)
        if parsed.sum() >= 0.5 * (int(filled.sum()) - int(marks.sum())):
            junk = np.flatnonzero(unparsed & ~marks)
            column = pd.Series(numbers, index=values.index, name=values.name)
            return column, (junk if junk.size else None)
    return _as_text(cells_as_text(cells, stripped)), None


def comma_decimals_as_points(stripped: pd.Series) -> pd.Series:
    """Text of a decimal-comma column written as Python reads numbers: ``1.602,5`` -> ``1602.5``.

    A dot before exactly three digits groups thousands (``2.815`` is 2815), unless the column
    holds no decimal comma at all but numbers with a decimal point such as ``1.5``: then its
    dots are decimal points. ``stripped`` is NaN where a cell is not a string.
    """
    thousands = stripped.str.match(THOUSANDS_DOTS, na=False).to_numpy(dtype=bool)
    if not stripped.str.contains(",", regex=False, na=False).any():
        points = stripped.str.match(_POINT_NUMBER, na=False).to_numpy(dtype=bool)
        if (points & ~thousands).any():
            return stripped
    undotted = stripped.where(~thousands, stripped.str.replace(".", "", regex=False))
    return undotted.str.replace(",", ".", regex=False)


def _to_float(cells: pd.Series) -> np.ndarray:
    """Numbers and number-like text as float64, NaN for anything else."""
    try:
        return pd.to_numeric(cells, errors="coerce").to_numpy(dtype=np.float64)
    except (TypeError, ValueError):  # odd objects from a hand-made DataFrame
        return np.array([_one_float(c) for c in cells], dtype=np.float64)


def _one_float(cell: Any) -> float:
    if isinstance(cell, bool | np.bool_):
        return np.nan
    try:
        return float(cell)
    except (TypeError, ValueError):
        return np.nan


def _as_text(text: pd.Series) -> pd.Series:
    return text.where(text != "", None).astype(object)


def typed_frame(
    frame: pd.DataFrame, decimal: str = "."
) -> tuple[pd.DataFrame, dict[str, np.ndarray]]:
    """Type every column of ``frame`` (names already final); return it and its junk cells."""
    columns: dict[str, pd.Series] = {}
    junk: dict[str, np.ndarray] = {}
    for name in frame.columns:
        column, bad = typed_column(frame[name].reset_index(drop=True), decimal)
        columns[str(name)] = column
        if bad is not None:
            junk[str(name)] = bad
    typed = pd.DataFrame(columns, index=pd.RangeIndex(len(frame)))
    return typed, junk
