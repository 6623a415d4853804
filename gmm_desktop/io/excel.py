"""Read one sheet of an Excel workbook (.xlsx with openpyxl, .xls with xlrd) as raw rows."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
import warnings
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import QT_TRANSLATE_NOOP
from .errors import DataError, LoadCancelled, Reporter
from .source import Source

_REPORT_EVERY = 5_000
# A workbook saved with a password is an OLE file holding this stream (its name in UTF-16).
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
# A formula cell without a saved value (``<c><f>A2*2</f><v /></c>``), as written by programs
# that cannot calculate, such as openpyxl; Excel saves the value it calculated in <v> (an
# empty text result as ``<v></v>``, which is a value).
_UNCALCULATED = re.compile(rb"(?:</f>|<f\b[^>]*/>)\s*(?:<v\s*/>)?\s*</c>")
_SCAN_BLOCK = 1 << 20
# A sheet whose filled cells span more than this many cells (rows x columns) is refused.
MAX_CELLS = 50_000_000


@dataclass(frozen=True)
class Sheet:
    """The cells of one sheet, row by row, and the names of all sheets of the workbook."""

    name: str
    names: tuple[str, ...]
    rows: list[tuple[Any, ...]]


def pick_sheet(path: Path, names: Sequence[str], sheet: str | int | None) -> str:
    """The sheet asked for by name or by 0-based index (None: the first one)."""
    if not names:
        raise DataError.said(QT_TRANSLATE_NOOP("Errors", "{name} has no sheets"), name=path.name)
    if sheet is None:
        return names[0]
    if isinstance(sheet, int) and not isinstance(sheet, bool):
        if 0 <= sheet < len(names):
            return names[sheet]
        template = (
            QT_TRANSLATE_NOOP(
                "Errors", "{name} has {count} sheet, so there is no sheet number {number}"
            )
            if len(names) == 1
            else QT_TRANSLATE_NOOP(
                "Errors", "{name} has {count} sheets, so there is no sheet number {number}"
            )
        )
        raise DataError.said(template, name=path.name, count=len(names), number=sheet + 1)
    if sheet in names:
        return str(sheet)
    folded = [n for n in names if n.strip().casefold() == str(sheet).strip().casefold()]
    if len(folded) == 1:
        return folded[0]
    raise DataError.said(
        QT_TRANSLATE_NOOP(
            "Errors", "there is no sheet named '{sheet}' in {name} (sheets: {sheets})"
        ),
        sheet=sheet,
        name=path.name,
        sheets=", ".join(names),
    )


def _damaged_book(path: Path) -> DataError:
    return DataError.said(
        QT_TRANSLATE_NOOP("Errors", "{name} is damaged or is not an Excel workbook"),
        name=path.name,
    )


def _password_protected(path: Path) -> DataError:
    return DataError.said(
        QT_TRANSLATE_NOOP(
            "Errors",
            "{name} is protected with a password; open it in Excel, remove the password (File > Info > Protect Workbook) and save it, then open it here again",  # noqa: E501  (one literal for lupdate)
        ),
        name=path.name,
    )


def _damaged_sheet(path: Path) -> DataError:
    return DataError.said(
        QT_TRANSLATE_NOOP("Errors", "the sheet in {name} is damaged and could not be read"),
        name=path.name,
    )


def read_xlsx(
    source: Source, sheet: str | int | None, reporter: Reporter, max_rows: int | None = None
) -> Sheet:
    """Read a sheet of an .xlsx workbook (values of formulas as last saved by Excel); only
    its first ``max_rows`` rows when given (a preview)."""
    import openpyxl

    path = source.path
    # openpyxl warns about styles, extensions, drawings it skips: none of it matters here
    with source.open() as handle, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            book = openpyxl.load_workbook(handle, read_only=True, data_only=True)
        except Exception:  # openpyxl raises many types for a damaged file
            raise _damaged_book(path) from None
        try:
            names = tuple(book.sheetnames)
            chosen = pick_sheet(path, names, sheet)
            worksheet = book[chosen]
            total = worksheet.max_row or 0
            # the size the sheet claims can be A1:XFD1048576 for one formatted cell; without
            # it every row is only as long as its last stored cell
            worksheet.reset_dimensions()
            stored = worksheet.iter_rows(values_only=True, max_row=max_rows)
            rows = _collect(stored, total, reporter)
        except (DataError, LoadCancelled):
            raise
        except Exception:
            raise _damaged_sheet(path) from None
        finally:
            book.close()
    if _has_uncalculated_formulas(source):
        _refuse_formulas_without_values(source, chosen, rows)
    return _sheet(path, chosen, names, rows)


def _has_uncalculated_formulas(source: Source) -> bool:
    """True if a worksheet of the workbook holds a formula cell without a saved value.

    A quick scan of the sheets' XML in 1 MB blocks, so that only such workbooks are read a
    second time for their formulas.
    """
    try:
        with source.open() as handle, zipfile.ZipFile(handle) as archive:
            for member in archive.namelist():
                if member.startswith("xl/worksheets/") and member.endswith(".xml"):
                    with archive.open(member) as xml:
                        tail = b""
                        while block := xml.read(_SCAN_BLOCK):
                            if _UNCALCULATED.search(tail + block):
                                return True
                            tail = block[-256:]
    except (OSError, zipfile.BadZipFile, ValueError):
        return False
    return False


def _refuse_formulas_without_values(
    source: Source, sheet: str, values: list[tuple[Any, ...]]
) -> None:
    """Raise a DataError naming the first column whose formulas have no saved values.

    ``values`` are the rows as read with saved values; the sheet is read again with its
    formulas, and a formula where the saved value is missing is what is refused.
    """
    import openpyxl
    from openpyxl.utils import get_column_letter

    with source.open() as handle, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            book = openpyxl.load_workbook(handle, read_only=True, data_only=False)
        except Exception:
            return
        try:
            worksheet = book[sheet]
            worksheet.reset_dimensions()
            for i, row in enumerate(worksheet.iter_rows(values_only=True)):
                saved = values[i] if i < len(values) else ()
                for j, cell in enumerate(row):
                    if _is_formula(cell) and (j >= len(saved) or saved[j] is None):
                        column = get_column_letter(j + 1)
                        raise DataError.said(
                            QT_TRANSLATE_NOOP(
                                "Errors",
                                "column {column} of the sheet '{sheet}' in {name} holds formulas without saved values (the file was made by a program, not saved by Excel); open the file in Excel and save it, then open it here again",  # noqa: E501  (one literal for lupdate)
                            ),
                            column=column,
                            sheet=sheet,
                            name=source.name,
                        )
        except DataError:
            raise
        except Exception:  # the first read went well: keep its values
            return
        finally:
            book.close()


def _is_formula(cell: Any) -> bool:
    """A formula as openpyxl reads it without saved values: ``"=A2*2"`` or an array formula."""
    if isinstance(cell, str):
        return cell.startswith("=")
    return type(cell).__name__ in ("ArrayFormula", "DataTableFormula")


def read_xls(
    source: Source, sheet: str | int | None, reporter: Reporter, max_rows: int | None = None
) -> Sheet:
    """Read a sheet of an old-style .xls workbook (Excel 97-2003); only its first
    ``max_rows`` rows when given (a preview)."""
    import xlrd

    path = source.path
    with source.open() as handle:
        content = handle.read()
    if _ENCRYPTED_STREAM in content:  # an encrypted .xlsx (or .xls) is an OLE file too
        raise _password_protected(path)
    try:
        # xlrd prints its warnings to a log (stdout by default): keep them out of sight
        book = xlrd.open_workbook(file_contents=content, on_demand=True, logfile=io.StringIO())
    except Exception as exc:
        if "encrypted" in str(exc).lower():  # xlrd: "Workbook is encrypted" (an old .xls)
            raise _password_protected(path) from None
        raise _damaged_book(path) from None
    try:
        names = tuple(book.sheet_names())
        chosen = pick_sheet(path, names, sheet)
        worksheet = book.sheet_by_name(chosen)
        cells = (
            tuple(_xls_value(cell, book.datemode) for cell in worksheet.row(i))
            for i in range(min(worksheet.nrows, max_rows or worksheet.nrows))
        )
        rows = _collect(cells, worksheet.nrows, reporter)
    except (DataError, LoadCancelled):
        raise
    except Exception:
        raise _damaged_sheet(path) from None
    finally:
        book.release_resources()
    return _sheet(path, chosen, names, rows)


def _collect(
    rows: Iterator[Sequence[Any]], total: int, reporter: Reporter
) -> list[tuple[Any, ...]]:
    """Plain cells up to the last filled cell of each row; trailing empty rows left out.

    Runs of rows the file does not store (openpyxl yields them empty) are counted without a
    Python loop: a sheet can claim a million of them below a small table.
    """
    out: list[tuple[Any, ...]] = []
    pending = 0  # empty rows since the last filled one: kept only if a filled one follows
    seen, next_report = 0, 0
    for stored, run in itertools.groupby(rows, key=bool):
        if not stored:
            missing = len(list(run))
            seen += missing
            pending += missing
            continue
        for row in run:
            if seen >= next_report:
                reporter.report(0.95 * seen / total if total else 0.0)
                next_report = seen + _REPORT_EVERY
            seen += 1
            cells = _without_trailing_blanks([_plain(c) for c in row])
            if cells:
                out.extend([()] * pending)
                out.append(cells)
                pending = 0
            else:
                pending += 1
    return out


def _without_trailing_blanks(cells: list[Any]) -> tuple[Any, ...]:
    end = len(cells)
    while end and cells[end - 1] is None:
        end -= 1
    return tuple(cells[:end])


def _sheet(path: Path, name: str, names: tuple[str, ...], rows: list[tuple[Any, ...]]) -> Sheet:
    """The rows padded to one width, refused when filled cells lie too far apart to be a table."""
    width = max((len(row) for row in rows), default=0)
    if len(rows) * width > MAX_CELLS:
        from openpyxl.utils import get_column_letter

        raise DataError.said(
            QT_TRANSLATE_NOOP(
                "Errors",
                "the sheet '{sheet}' in {name} has filled cells as far as {cell}, too many to read as one table; delete the cells outside your table or copy the table to a new sheet",  # noqa: E501  (one literal for lupdate)
            ),
            sheet=name,
            name=path.name,
            cell=f"{get_column_letter(width)}{len(rows)}",
        )
    padded = [row + (None,) * (width - len(row)) if len(row) < width else row for row in rows]
    return Sheet(name, names, padded)


def _plain(cell: Any) -> Any:
    """Numbers stay numbers; dates and booleans become text; blank text becomes None."""
    if cell is None or (isinstance(cell, int | float) and not isinstance(cell, bool)):
        return cell
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, dt.datetime | dt.date | dt.time):
        return cell.isoformat()
    text = str(cell).strip()
    return text or None


def _xls_value(cell: Any, datemode: int) -> Any:
    import xlrd

    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate_as_datetime(cell.value, datemode).isoformat()
        except Exception:
            return cell.value
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return "#ERROR"
    return cell.value
