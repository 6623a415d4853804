"""Read delimited text tables (CSV, TSV, semicolon, whitespace) in chunks with pandas."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pandas as pd

from ..errors import QT_TRANSLATE_NOOP
from .errors import DataError, Reporter, undecodable_error
from .sniff import TextLayout
from .source import Source

CHUNK_ROWS = 50_000
_UNUSED_SEPARATOR = "\x1f"  # for a one-column table: a character no text file holds
_BAD_LINE = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")


def read_text_frame(
    source: Source, layout: TextLayout, reporter: Reporter, max_rows: int | None = None
) -> pd.DataFrame:
    """Read the whole table (or its first ``max_rows`` rows) as raw columns (numbers where
    pandas sees them, else text).

    The file is opened read-only; progress is the share of bytes read so far.
    """
    size = max(source.size(), 1)
    if layout.delimiter is None:
        sep = _UNUSED_SEPARATOR
    elif layout.delimiter == " ":
        sep = r"\s+"
    else:
        sep = layout.delimiter
    chunks: list[pd.DataFrame] = []
    # pandas warnings go nowhere near stderr; the one that means lost cells becomes an error
    with source.open() as handle, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            reader = pd.read_csv(
                handle,
                sep=sep,
                header=0 if layout.header else None,
                names=list(range(layout.width)),
                decimal=layout.decimal,
                # with decimal commas pandas reads 2.815 as 2.815, not 2815: typed_column parses
                dtype=str if layout.decimal == "," else None,
                encoding=layout.encoding,
                keep_default_na=False,
                na_values=[""],
                index_col=False,
                skip_blank_lines=True,
                chunksize=CHUNK_ROWS,
                nrows=max_rows,
                engine="c",
                low_memory=False,
            )
            with reader:
                for chunk in reader:
                    chunks.append(chunk)
                    reporter.report(min(handle.tell() / size, 0.99))
        except pd.errors.EmptyDataError:
            return pd.DataFrame()
        except pd.errors.ParserError as exc:
            raise _parser_error(source.path, str(exc)) from None
        except UnicodeDecodeError:
            raise undecodable_error(source.path) from None
    if any("loss of data" in str(w.message) for w in caught):
        raise DataError.said(
            QT_TRANSLATE_NOOP(
                "Errors",
                "some rows of {name} have more than {width} cells, more than the first rows; check that every row has the same number of columns",  # noqa: E501  (one literal for lupdate)
            ),
            name=source.name,
            width=layout.width,
        )
    if not chunks:
        return pd.DataFrame()
    frame = pd.concat(chunks, ignore_index=True) if len(chunks) > 1 else chunks[0]
    return frame.reset_index(drop=True)


def _parser_error(path: Path, detail: str) -> DataError:
    match = _BAD_LINE.search(detail)
    if match:
        expected, line, saw = match.groups()
        return DataError.said(
            QT_TRANSLATE_NOOP(
                "Errors",
                "line {line} of {name} has {saw} cells but the lines above have at most {expected}; check that every row has the same number of columns",  # noqa: E501  (one literal for lupdate)
            ),
            line=line,
            name=path.name,
            saw=saw,
            expected=expected,
        )
    return DataError.said(
        QT_TRANSLATE_NOOP("Errors", "{name} could not be read as a table ({detail})"),
        name=path.name,
        detail=detail.strip().rstrip("."),
    )
