"""Guess how a text table is written: encoding, delimiter, decimal mark, header row.

Every guess looks only at the bytes of the file (the first few KB for the layout, the
whole file for the encoding) and never asks the user.
"""

from __future__ import annotations

import codecs
import csv
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .source import Source

SAMPLE_BYTES = 64 * 1024
# The sample grows up to this size until it holds two whole lines (a very wide first row).
MAX_SAMPLE_BYTES = 16 * 1024 * 1024
SAMPLE_LINES = 200
# Tried in this order; preference breaks ties (";" before "," because "176,5;80,2" splits
# cleanly on both, and then the comma is the decimal mark).
DELIMITERS = ("\t", ";", ",", "|", " ")
# Cells that mean "missing" rather than a column name or a number.
MISSING_TOKENS = frozenset({"", "na", "n/a", "nan", "null", "none", "-", "?", ".", "#n/a"})

_DECIMAL_COMMA = re.compile(r"^[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+),\d+(?:[eE][+-]?\d+)?$")
_DECIMAL_POINT = re.compile(r"^[+-]?\d*\.\d+(?:[eE][+-]?\d+)?$")
# With decimal commas, a dot before exactly three digits groups thousands: 2.815, 1.602,5.
THOUSANDS_DOTS = r"^[+-]?[1-9]\d{0,2}(?:\.\d{3})+(?:,\d*)?$"
_THOUSANDS_DOTS = re.compile(THOUSANDS_DOTS)
_BLOCK = 1 << 20
_NO_DELIMITER = "\x1f"  # a character no text table holds: one cell per line


@dataclass(frozen=True)
class TextLayout:
    """What the sniffer found out about a text table."""

    encoding: str
    delimiter: str | None  # None: a single column
    decimal: str
    header: bool
    first_row: tuple[str, ...]  # the first non-blank row, split into cells
    width: int  # the most cells in any sampled row


def utf16_without_bom(head: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` for UTF-16 text without a byte-order mark, else None.

    Rule: in text written mostly in Latin letters, digits and punctuation, every other
    byte is zero -- at odd positions (little-endian) or even ones (big-endian); at least
    60 % of those positions and under 5 % of the others. The decoded text must hold almost
    no control characters, so that arrays of small binary numbers stay binary.
    """
    pairs = len(head) // 2
    if pairs < 2:
        return None
    zeros_even = head[0 : 2 * pairs : 2].count(0)
    zeros_odd = head[1 : 2 * pairs : 2].count(0)
    if zeros_odd >= 0.6 * pairs and zeros_even < 0.05 * pairs:
        encoding = "utf-16-le"
    elif zeros_even >= 0.6 * pairs and zeros_odd < 0.05 * pairs:
        encoding = "utf-16-be"
    else:
        return None
    text = head[: 2 * pairs].decode(encoding, errors="replace")
    control = sum(1 for char in text if ord(char) < 32 and char not in "\t\n\r\f")
    return encoding if control <= 0.01 * len(text) else None


def detect_encoding(source: Source, head: bytes) -> str | None:
    """Name the encoding the whole file decodes with, or None if it looks binary.

    Order: UTF-16 (with a byte-order mark, or without one when every other byte is zero),
    UTF-8 (``utf-8-sig`` when it starts with a BOM), GB18030 (a superset of GBK and
    GB2312), then cp1252 and latin-1.
    """
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16" if _decodes(source, "utf-16") else None
    utf16 = utf16_without_bom(head)
    if utf16 is not None:
        return utf16 if _decodes(source, utf16) else None
    if b"\x00" in head:
        return None
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig" if _decodes(source, "utf-8-sig") else None
    for encoding in ("utf-8", "gb18030", "cp1252"):
        if _decodes(source, encoding):
            return encoding
    return "latin-1"


def _decodes(source: Source, encoding: str) -> bool:
    """True if the whole file decodes strictly (read in 1 MB blocks, memory stays small)."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    try:
        with source.open() as handle:
            while block := handle.read(_BLOCK):
                decoder.decode(block)
            decoder.decode(b"", final=True)
    except (UnicodeDecodeError, ValueError):
        return False
    return True


def sample_lines(text: str, truncated: bool) -> list[str]:
    """Non-blank lines of a text sample (a cut-off last line is dropped)."""
    lines = text.splitlines()
    if truncated and len(lines) > 1:
        lines = lines[:-1]
    return [line for line in lines if line.strip()][:SAMPLE_LINES]


def split_lines(lines: Sequence[str], delimiter: str | None) -> list[list[str]]:
    """Split lines into stripped, unquoted cells; ``" "`` means any run of whitespace.

    Quotes are removed as a CSV reader removes them (R writes ``"acidity"``), also for a
    single column (``None``) and for whitespace-separated lines.
    """
    if delimiter is None:
        return [_unquoted(line.strip()) for line in lines]
    if delimiter == " ":
        return [_split_whitespace(line) for line in lines]
    # one row per record: a quoted cell may hold line breaks (RFC 4180), kept as "\n"
    records = _csv_records([line + "\n" for line in lines], delimiter)
    return [[cell.strip() for cell in row] for row in records]


def _csv_records(lines: Sequence[str], delimiter: str, **options: Any) -> list[list[str]]:
    """``csv.reader`` rows; plain splits when a cell is longer than csv allows (128 K chars)."""
    try:
        return list(csv.reader(lines, delimiter=delimiter, **options))
    except csv.Error:
        if delimiter == " ":
            return [line.split() for line in lines]
        return [line.rstrip("\n").split(delimiter) for line in lines]


def _unquoted(cell: str) -> list[str]:
    """One cell of a single-column line, without the quotes around it."""
    if not cell.startswith('"'):
        return [cell]
    rows = _csv_records([cell], _NO_DELIMITER)
    return [rows[0][0].strip() if rows and rows[0] else ""]


def _split_whitespace(line: str) -> list[str]:
    """Cells separated by runs of whitespace; quoted cells (``"x" "y"``) lose their quotes."""
    if '"' not in line:
        return line.split()
    rows = _csv_records([line.strip()], " ", skipinitialspace=True)
    return [cell.strip() for row in rows for cell in row]


def detect_delimiter(lines: Sequence[str]) -> str | None:
    """The delimiter that splits the lines into the same number (>= 2) of cells most often.

    Each candidate is scored by the share of records (rows; a quoted cell can span lines)
    having its most common cell count;
    candidates within 0.1 of the best score are equal and the order of ``DELIMITERS``
    decides. None means no delimiter works: the table has one column.
    """
    scores: dict[str, float] = {}
    for delimiter in DELIMITERS:
        rows = split_lines(lines, delimiter)
        counts = Counter(len(row) for row in rows)
        width, hits = counts.most_common(1)[0] if counts else (0, 0)
        if width >= 2:
            scores[delimiter] = hits / len(rows)
    if not scores:
        return None
    best = max(scores.values())
    qualified = [d for d in DELIMITERS if d in scores and scores[d] >= best - 0.1]
    if qualified[0] == ",":
        # "0,5 1,5" splits on both; if the other split leaves numbers like 0,5, commas are decimal.
        for other in qualified[1:]:
            with_comma = [c for row in split_lines(lines, other) for c in row if "," in c]
            decimal = sum(bool(_DECIMAL_COMMA.match(c)) for c in with_comma)
            if with_comma and decimal >= 0.9 * len(with_comma):
                return other
    return qualified[0]


def detect_decimal(rows: Sequence[Sequence[str]], delimiter: str | None) -> str:
    """ "," when numbers are written like ``176,5`` (never with a comma delimiter)."""
    if delimiter == ",":
        return "."
    cells = [cell for row in rows for cell in row]
    commas = sum(1 for cell in cells if _DECIMAL_COMMA.match(cell))
    # 2.815 is a decimal point or a thousands dot: it does not vote
    points = sum(
        1 for cell in cells if _DECIMAL_POINT.match(cell) and not _THOUSANDS_DOTS.match(cell)
    )
    return "," if commas > points else "."


def is_missing(cell: Any) -> bool:
    """True for an empty cell or a usual "no value" mark such as ``n/a``."""
    if cell is None:
        return True
    if isinstance(cell, float) and math.isnan(cell):
        return True
    return isinstance(cell, str) and cell.strip().lower() in MISSING_TOKENS


def is_number(cell: Any, decimal: str = ".") -> bool:
    """True for a number, or text that reads as one (``inf`` included)."""
    if isinstance(cell, bool):
        return False
    if isinstance(cell, int | float):
        return not math.isnan(cell)
    if not isinstance(cell, str):
        return False
    text = cell.strip()
    if decimal == ",":
        text = comma_decimal_as_point(text)
    try:
        return not math.isnan(float(text))
    except ValueError:
        return False


def comma_decimal_as_point(text: str) -> str:
    """A number written with a decimal comma, as Python writes it: ``1.602,5`` -> ``1602.5``."""
    if _THOUSANDS_DOTS.match(text):
        text = text.replace(".", "")
    return text.replace(",", ".")


def detect_header(rows: Sequence[Sequence[Any]], decimal: str = ".") -> bool:
    """Decide whether the first row holds column names.

    Rule: the first row is a header when at least one of its cells is text above a column
    whose later cells are mostly (>= 50 %) numbers, and none of its cells is a number
    above such a column. So ``M,172`` above ``F,160`` is data. For an all-text table, the
    first row is a header when its cells are filled, distinct, and none repeats below.
    """
    if not rows:
        return False
    first, body = rows[0], rows[1:]
    text_over_numbers = numbers_over_numbers = 0
    any_numeric_column = False
    for j, cell in enumerate(first):
        column = [row[j] for row in body if j < len(row) and not is_missing(row[j])]
        numeric = bool(column) and sum(is_number(c, decimal) for c in column) >= 0.5 * len(column)
        any_numeric_column |= numeric
        if not numeric or is_missing(cell):
            continue
        if is_number(cell, decimal):
            numbers_over_numbers += 1
        else:
            text_over_numbers += 1
    if any_numeric_column:
        return text_over_numbers > 0 and numbers_over_numbers == 0
    if not body:
        # A lone row of text is taken as column names (and then there is no data).
        return all(isinstance(c, str) and not is_number(c, decimal) for c in first)
    names = [str(c).strip() for c in first]
    if any(is_missing(c) or is_number(c, decimal) for c in first) or len(set(names)) < len(names):
        return False
    return all(
        names[j] not in {str(row[j]).strip() for row in body if j < len(row)}
        for j in range(len(names))
    )


def _one_column_with_decimal_commas(lines: Sequence[str]) -> bool:
    """A name without commas above numbers like ``176,5``: one column, decimal commas.

    Without such a name, ``176,5`` lines stay ambiguous and are read as two columns.
    """
    first, body = lines[0].strip(), [line.strip() for line in lines[1:]]
    if "," in first or is_number(first) or not body:
        return False
    commas = sum(bool(_DECIMAL_COMMA.match(line)) for line in body)
    plain = sum("," not in line and is_number(line) for line in body)  # 12, 1e-05
    return commas > 0 and commas + plain >= 0.9 * len(body)


def sniff_text(
    source: Source,
    encoding: str,
    header: bool | None,
    *,
    delimiter: str | None = None,
    decimal: str | None = None,
) -> TextLayout | None:
    """Read the first ``SAMPLE_BYTES`` and guess the layout; None if there are no lines.

    When those bytes do not hold two whole lines, the sample grows (up to
    ``MAX_SAMPLE_BYTES``), so a row of 30,000 cells is counted whole. ``header``,
    ``delimiter`` (``""``: one column) and ``decimal`` given are taken, not guessed.
    """
    size = SAMPLE_BYTES
    with source.open() as handle:
        raw = handle.read(size + 1)
        while len(raw) > size and raw.count(b"\n") < 2 and size < MAX_SAMPLE_BYTES:
            raw += handle.read(size)
            size *= 2
    truncated = len(raw) > size
    text = raw[:size].decode(encoding, errors="ignore")
    lines = sample_lines(text.removeprefix("\ufeff"), truncated)
    if not lines:
        return None
    if delimiter is None:
        delimiter = detect_delimiter(lines)
        if delimiter == "," and _one_column_with_decimal_commas(lines):
            delimiter = None
    elif delimiter == "":
        delimiter = None
    rows = split_lines(lines, delimiter)
    if decimal is None:
        decimal = detect_decimal(rows, delimiter)
    if header is None:
        header = detect_header(rows, decimal)
    width = max(len(row) for row in rows)
    return TextLayout(encoding, delimiter, decimal, header, tuple(rows[0]), width)
