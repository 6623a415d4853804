"""How to read a table, as the import preview or the command line says: header row, column
names, delimiter, decimal mark, encoding and sheet; anything left None is detected.

Sessions keep these options (``as_dict`` / ``read_options_from_dict``) so that a file opened
with typed names reopens with them.
"""

from __future__ import annotations

import codecs
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import QT_TRANSLATE_NOOP
from .errors import DataError

ONE_COLUMN = ""
"""The ``delimiter`` option of a table with one cell per line."""
DELIMITER_CHOICES = ("\t", ";", ",", "|", " ", ONE_COLUMN)
DECIMAL_CHOICES = (".", ",")
MAX_NAMES = 100_000
_MAX_NAME_LENGTH = 1_000


@dataclass(frozen=True)
class ReadOptions:
    """Reading options; None means "detect it, as without options".

    ``delimiter`` is one of DELIMITER_CHOICES (``" "`` any run of spaces, ``ONE_COLUMN``);
    ``names`` renames the table's columns in order (a blank name keeps the read one, missing
    names keep theirs); ``sheet`` is an Excel sheet name or 0-based index.
    """

    header: bool | None = None
    names: tuple[str, ...] | None = None
    delimiter: str | None = None
    decimal: str | None = None
    encoding: str | None = None
    sheet: str | int | None = None

    def __post_init__(self) -> None:
        if self.delimiter is not None and self.delimiter not in DELIMITER_CHOICES:
            raise DataError.said(
                QT_TRANSLATE_NOOP("Errors", "'{delimiter}' cannot separate columns"),
                delimiter=self.delimiter,
            )
        if self.decimal is not None and self.decimal not in DECIMAL_CHOICES:
            raise DataError.said(
                QT_TRANSLATE_NOOP("Errors", "the decimal mark must be '.' or ',', not '{mark}'"),
                mark=self.decimal,
            )
        if self.encoding is not None:
            try:
                codecs.lookup(self.encoding)
            except LookupError:
                raise DataError.said(
                    QT_TRANSLATE_NOOP("Errors", "'{encoding}' is not a known text encoding"),
                    encoding=self.encoding,
                ) from None

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON values (for a session file)."""
        return {
            "header": self.header,
            "names": None if self.names is None else list(self.names),
            "delimiter": self.delimiter,
            "decimal": self.decimal,
            "encoding": self.encoding,
            "sheet": self.sheet,
        }


def parse_names(text: str | None) -> tuple[str, ...] | None:
    """``--names a,b,c`` -> ("a", "b", "c"); an empty part keeps that column's own name."""
    if text is None:
        return None
    return tuple(part.strip() for part in text.split(","))


def renamed(names: Sequence[str], wanted: Sequence[str] | None) -> list[str]:
    """``names`` with the ``wanted`` ones put in, in order (blank or missing: kept)."""
    if wanted is None:
        return list(names)
    out = list(names)
    for j, name in enumerate(wanted[: len(out)]):
        if name.strip():
            out[j] = name.strip()
    return out


def read_options_from_dict(value: Any) -> ReadOptions:
    """ReadOptions from a session's record; DataError (plain words) for anything else."""
    bad = DataError.said(QT_TRANSLATE_NOOP("Errors", "the reading options are damaged"))
    if not isinstance(value, dict):
        raise bad
    header, names, sheet = value.get("header"), value.get("names"), value.get("sheet")
    texts = [value.get(key) for key in ("delimiter", "decimal", "encoding")]
    if header is not None and not isinstance(header, bool):
        raise bad
    if names is not None and not (
        isinstance(names, list)
        and len(names) <= MAX_NAMES
        and all(isinstance(n, str) and len(n) <= _MAX_NAME_LENGTH for n in names)
    ):
        raise bad
    if not all(t is None or (isinstance(t, str) and len(t) <= 40) for t in texts):
        raise bad
    if sheet is not None and not (
        isinstance(sheet, str) or (isinstance(sheet, int) and not isinstance(sheet, bool))
    ):
        raise bad
    return ReadOptions(
        header=header,
        names=None if names is None else tuple(names),
        delimiter=texts[0],
        decimal=texts[1],
        encoding=texts[2],
        sheet=sheet,
    )
