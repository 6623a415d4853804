"""Read a table from a text or Excel file the way a user means it, never writing to it.

``read_table`` guesses the format from the file's bytes (not its name), the encoding, the
delimiter, the decimal mark and whether the first row holds column names. Everything that
goes wrong becomes a DataError with one plain sentence.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import NoReturn

import numpy as np
import pandas as pd

from ..errors import QT_TRANSLATE_NOOP
from .arrow_source import columnar_format, read_columnar
from .columns import column_names, trim_empty, typed_frame
from .errors import DataError, LoadCancelled, Reporter, undecodable_error
from .excel import Sheet, read_xls, read_xlsx
from .read_options import ONE_COLUMN, ReadOptions, renamed
from .sniff import SAMPLE_LINES, detect_encoding, detect_header, sniff_text, utf16_without_bom
from .source import Source
from .text import read_text_frame

__all__ = [
    "DataError",
    "LoadCancelled",
    "ReadOptions",
    "Table",
    "read_table",
    "table_from_frame",
]

_HEAD_BYTES = 8192
_BINARY_MAGIC = (b"\x89PNG", b"%PDF", b"\xff\xd8\xff", b"\x1f\x8b", b"GIF8", b"\x7fELF", b"Rar!")
_CONTROL = bytes(set(range(32)) - {9, 10, 12, 13}) + b"\x7f"
_DELIMITER_WORDS = {
    ",": "comma-separated",
    ";": "semicolon-separated",
    "\t": "tab-separated",
    " ": "space-separated",
    "|": "bar-separated",
}
# A numeric column is a label candidate if it has at most this many distinct values ...
LABEL_MAX_DISTINCT = 10
# ... and fewer distinct values than this share of its filled cells.
LABEL_MAX_SHARE = 0.05


@dataclass(frozen=True, eq=False)
class Table:
    """A table as read: typed columns plus how the file was understood.

    Attributes
    ----------
    frame : DataFrame
        Rows in file order with a RangeIndex; unique ``str`` column names; number columns
        are float64 (NaN where empty or not a number), text columns hold ``str`` or None.
    junk_cells : mapping of column name to int array
        0-based rows of number columns whose cell held text that is not a number.
    names : the column names the user gave (``ReadOptions.names``), None when read as is.
    rows_in_file : the file's rows when ``frame`` holds only a random sample of them, in file
        order (a file larger than the memory budget: ``out_of_core.open_within_budget``), else
        None. A fit of such a table streams the whole file.
    file_rows : with ``rows_in_file``, the 0-based file row of each row of ``frame`` (n,).
    """

    frame: pd.DataFrame
    source: Path | None
    format: str
    encoding: str | None = None
    delimiter: str | None = None
    decimal: str = "."
    header: bool = True
    sheet: str | None = None
    sheets: tuple[str, ...] = ()
    junk_cells: Mapping[str, np.ndarray] = field(default_factory=dict)
    names: tuple[str, ...] | None = None
    rows_in_file: int | None = None
    file_rows: np.ndarray | None = None

    def read_options(self) -> ReadOptions:
        """The options that read this table again the same way (for sessions)."""
        if self.format in ("xlsx", "xls"):
            return ReadOptions(header=self.header, names=self.names, sheet=self.sheet)
        if self.format != "csv":
            return ReadOptions(names=self.names)
        return ReadOptions(
            header=self.header,
            names=self.names,
            delimiter=ONE_COLUMN if self.delimiter is None else self.delimiter,
            decimal=self.decimal,
            encoding=self.encoding,
        )

    @property
    def n_rows(self) -> int:
        return int(self.frame.shape[0])

    @property
    def n_columns(self) -> int:
        return int(self.frame.shape[1])

    def is_numeric(self, column: str) -> bool:
        """True if ``column`` holds numbers (float64)."""
        return bool(pd.api.types.is_float_dtype(self.frame[column].dtype))

    def numeric_columns(self) -> list[str]:
        """Number columns that hold at least one value, in table order (computed once)."""
        return list(self._numeric_columns)

    @cached_property
    def _numeric_columns(self) -> tuple[str, ...]:
        frame = self.frame
        return tuple(c for c in frame.columns if self.is_numeric(c) and frame[c].notna().any())

    @cached_property
    def memo(self) -> dict[object, object]:
        """Results derived from this table, kept so they are computed once, and where it is
        cheap (the window's loader fills it in its thread: ``qt/table_prep.py``). Not a field:
        ``dataclasses.replace`` makes a table with an empty memo of its own."""
        return {}

    def label_candidates(self) -> list[str]:
        """Columns that look like group labels, in table order.

        Rule: every text column with at least one value, and every number column with at
        most ``LABEL_MAX_DISTINCT`` distinct values that are also fewer than
        ``LABEL_MAX_SHARE`` (5 %) of its filled cells (so codes 1/2/3 in 300 rows count,
        measurements do not). Computed once per table.
        """
        return list(self._label_candidates)

    @cached_property
    def _label_candidates(self) -> tuple[str, ...]:
        out = []
        for name in self.frame.columns:
            values = self.frame[name].dropna()
            if values.empty:
                continue
            if not self.is_numeric(name):
                out.append(name)
                continue
            if values.iloc[:10_000].nunique() > LABEL_MAX_DISTINCT:  # quick exit on big tables
                continue
            distinct = values.nunique()
            if distinct <= LABEL_MAX_DISTINCT and distinct < LABEL_MAX_SHARE * len(values):
                out.append(name)
        return tuple(out)

    def describe(self) -> str:
        """One line: ``hw1_data.xlsx: 1,000 rows x 2 columns, sheet 'Sheet1', no header row``."""
        name = self.source.name if self.source is not None else "synthetic data"
        rows, cols = self.n_rows, self.n_columns
        parts = [f"{name}: {rows:,} row{'s' * (rows != 1)} x {cols} column{'s' * (cols != 1)}"]
        if self.format in ("xlsx", "xls"):
            parts.append(f"sheet '{self.sheet}'")
        elif self.format == "csv":
            parts.append(_DELIMITER_WORDS.get(self.delimiter or "", "one column"))
            if self.decimal == ",":
                parts.append("decimal commas")
            if self.encoding and self.encoding.startswith(("gb", "GB")):
                parts.append("Chinese (GBK) text")
            elif self.encoding in ("cp1252", "latin-1"):
                parts.append("Western (Windows-1252) text")
            elif self.encoding and self.encoding.startswith("utf-16"):
                parts.append("UTF-16 text")
        if self.format not in ("synthetic", "parquet", "feather"):
            parts.append("header row" if self.header else "no header row")
        return ", ".join(parts)


def table_from_frame(
    frame: pd.DataFrame, *, source: Path | None = None, format: str = "synthetic"
) -> Table:
    """Wrap a DataFrame as a Table, typing its columns by the same rules as a file."""
    names = column_names([str(c) for c in frame.columns], frame.shape[1])
    raw = frame.reset_index(drop=True)
    raw.columns = pd.Index(names)
    typed, junk = typed_frame(raw)
    return Table(typed, source, format, junk_cells=junk)


def read_table(
    path: str | os.PathLike[str],
    *,
    header: bool | None = None,
    sheet: str | int | None = None,
    options: ReadOptions | None = None,
    max_rows: int | None = None,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Table:
    """Read a CSV/TSV/text table, an Excel sheet, or a Parquet / Feather / Arrow file.

    Parameters
    ----------
    path : path of the file; it is only ever opened for reading.
    header : True/False to say whether the first row holds column names; None to detect.
    sheet : Excel sheet name or 0-based index; None for the first sheet.
    options : every reading option (import preview, sessions); ``header`` and ``sheet``,
        when given, replace its own.
    max_rows : read only the first rows (a preview); None reads them all.
    progress : called with a fraction 0..1 now and then.
    cancelled : polled between chunks; when it returns True, LoadCancelled is raised.

    Raises
    ------
    DataError
        The file is missing, a folder, empty, binary, undecodable, has no data rows, or the
        sheet does not exist.
    LoadCancelled
        ``cancelled()`` returned True.
    """
    file = Path(path)
    options = options or ReadOptions()
    if header is not None or sheet is not None:
        options = replace(
            options,
            header=options.header if header is None else header,
            sheet=options.sheet if sheet is None else sheet,
        )
    reporter = Reporter(progress, cancelled)
    reporter.report(0.0)
    columnar = columnar_format(file)
    if columnar is not None:  # Parquet (a file or a folder of files), Feather / Arrow IPC
        table = table_from_frame(read_columnar(file), source=file, format=columnar)
        reporter.report(1.0)
        return table
    source, head = _open_source(file)
    if head.startswith(b"PK\x03\x04"):
        if file.suffix.lower() == ".ods":
            raise DataError.said(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "{name} is an OpenDocument spreadsheet; save it as .xlsx or .csv first",
                ),
                name=file.name,
            )
        sheet_read = read_xlsx(source, options.sheet, reporter, max_rows)
        table = _table_from_sheet(file, sheet_read, options, "xlsx")
    elif head.startswith(b"\xd0\xcf\x11\xe0"):
        sheet_read = read_xls(source, options.sheet, reporter, max_rows)
        table = _table_from_sheet(file, sheet_read, options, "xls")
    else:
        table = _read_text(source, head, options, reporter, max_rows)
    reporter.report(1.0)
    return table


def _open_source(path: Path) -> tuple[Source, bytes]:
    """The file to read and its first bytes.

    A file that cannot be read twice (a FIFO, a pipe as ``/dev/stdin``) is read whole, once.
    """
    try:
        with path.open("rb") as handle:
            if stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                data = None
                head = handle.read(_HEAD_BYTES)
            else:
                data = handle.read()
                head = data[:_HEAD_BYTES]
    except FileNotFoundError:
        raise DataError.said(
            QT_TRANSLATE_NOOP("Errors", "the file {name} does not exist (looked in {folder})"),
            name=path.name,
            folder=str(path.parent),
        ) from None
    except IsADirectoryError:
        raise _folder_error(path) from None
    except PermissionError:
        if path.is_dir():
            raise _folder_error(path) from None
        raise DataError.said(
            QT_TRANSLATE_NOOP("Errors", "the file {name} cannot be opened: permission denied"),
            name=path.name,
        ) from None
    except OSError as exc:
        raise DataError.said(
            QT_TRANSLATE_NOOP("Errors", "the file {name} cannot be opened: {reason}"),
            name=path.name,
            reason=exc.strerror,
        ) from None
    if not head:
        _raise_no_rows(path, header=False)
    return Source(path, data), head


def _folder_error(path: Path) -> DataError:
    return DataError.said(
        QT_TRANSLATE_NOOP("Errors", "{path} is a folder, not a file"), path=str(path)
    )


def _looks_binary(head: bytes) -> bool:
    if head.startswith(_BINARY_MAGIC):
        return True
    return sum(head.count(bytes([b])) for b in _CONTROL) > 0.01 * len(head)


def _binary_error() -> DataError:
    return DataError.said(
        QT_TRANSLATE_NOOP(
            "Errors",
            "this does not look like a text table or an Excel file (it contains binary data)",
        )
    )


def _read_text(
    source: Source, head: bytes, options: ReadOptions, reporter: Reporter, max_rows: int | None
) -> Table:
    path = source.path
    is_utf16 = head.startswith((b"\xff\xfe", b"\xfe\xff")) or bool(utf16_without_bom(head))
    if not is_utf16 and _looks_binary(head):
        raise _binary_error()
    # an encoding given is tried as it is: a file it cannot decode gets the plain message
    encoding = options.encoding or detect_encoding(source, head)
    if encoding is None:
        if is_utf16:
            raise undecodable_error(path)
        raise _binary_error()
    try:
        layout = sniff_text(
            source, encoding, options.header, delimiter=options.delimiter, decimal=options.decimal
        )
    except UnicodeError:  # an odd encoding chosen for the file (utf-16 of an odd length)
        raise undecodable_error(path) from None
    if layout is None:
        _raise_no_rows(path, header=False)
    if layout.delimiter is not None and layout.delimiter == layout.decimal:
        raise DataError.said(
            QT_TRANSLATE_NOOP(
                "Errors", "'{mark}' cannot be both the delimiter and the decimal mark"
            ),
            mark=layout.decimal,
        )
    raw = read_text_frame(source, layout, reporter, max_rows)
    names: list[str] | None = None
    if layout.header:
        names = list(layout.first_row)[: raw.shape[1]]
    raw, names = trim_empty(raw, names)
    if raw.shape[0] == 0:
        _raise_no_rows(path, layout.header)
    raw.columns = pd.Index(
        column_names(renamed(column_names(names, raw.shape[1]), options.names), raw.shape[1])
    )
    frame, junk = typed_frame(raw, layout.decimal)
    return Table(
        frame,
        path,
        "csv",
        encoding=encoding,
        delimiter=layout.delimiter,
        decimal=layout.decimal,
        header=layout.header,
        junk_cells=junk,
        names=options.names,
    )


def _table_from_sheet(path: Path, sheet: Sheet, options: ReadOptions, fmt: str) -> Table:
    grid, _ = (
        trim_empty(pd.DataFrame.from_records(sheet.rows), None) if sheet.rows else (None, None)
    )
    if grid is None or grid.shape[0] == 0:
        _raise_no_rows(path, header=False, sheet=sheet.name)
    rows = grid.iloc[:SAMPLE_LINES].astype(object).to_numpy().tolist()
    header = options.header
    if header is None:
        header = detect_header(rows)
    if header:
        names = column_names(rows[0], grid.shape[1])
        grid = grid.iloc[1:].reset_index(drop=True)
        if grid.shape[0] == 0:
            _raise_no_rows(path, True, sheet.name)
    else:
        names = column_names(None, grid.shape[1])
    grid.columns = pd.Index(column_names(renamed(names, options.names), grid.shape[1]))
    frame, junk = typed_frame(grid)
    return Table(
        frame,
        path,
        fmt,
        header=header,
        sheet=sheet.name,
        sheets=sheet.names,
        junk_cells=junk,
        names=options.names,
    )


def _raise_no_rows(path: Path, header: bool, sheet: str | None = None) -> NoReturn:
    """The file (or the sheet) is empty, or has a header row but no data rows."""
    if sheet and header:
        template = QT_TRANSLATE_NOOP(
            "Errors", "the sheet '{sheet}' in {name} has a header row but no data rows"
        )
    elif sheet:
        template = QT_TRANSLATE_NOOP("Errors", "the sheet '{sheet}' in {name} is empty")
    elif header:
        template = QT_TRANSLATE_NOOP("Errors", "the file {name} has a header row but no data rows")
    else:
        template = QT_TRANSLATE_NOOP("Errors", "the file {name} is empty")
    raise DataError.said(template, sheet=sheet, name=path.name)
