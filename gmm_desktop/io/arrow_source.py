"""Columnar files through pyarrow: Parquet (one file or a folder of them), Feather / Arrow IPC.

``columnar_format`` tells such a file by its name or its first bytes; ``columnar_schema``
gives the column names and types and ``columnar_preview`` the first rows, both without
reading the whole file; ``read_columnar`` reads the chosen columns (all by default), which
``read_table`` types by the same rules as a CSV file. ``RowBatches`` streams the chosen number
columns as float64 batches (n_b, d) for out-of-core EM, for CSV too (``pyarrow.csv``),
leaving out the rows ``select_features`` would leave out (an empty cell, text that is not a
number, an infinite value), rows in file order.

pyarrow is an optional dependency (the ``big`` extra): importing this module does not import
it; a function that needs it raises a DataError in plain words when it is missing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..errors import QT_TRANSLATE_NOOP
from .errors import DataError

__all__ = [
    "COLUMNAR_SUFFIXES",
    "RowBatches",
    "columnar_format",
    "columnar_preview",
    "columnar_schema",
    "read_columnar",
]

COLUMNAR_SUFFIXES = {
    ".parquet": "parquet",
    ".pq": "parquet",
    ".feather": "feather",
    ".arrow": "feather",
    ".ipc": "feather",
}
_MAGIC = {b"PAR1": "parquet", b"ARROW1": "feather"}
PREVIEW_ROWS = 20


def _pyarrow() -> tuple[Any, Any]:
    """(pyarrow, pyarrow.dataset), or a DataError saying how to get them."""
    try:
        import pyarrow
        import pyarrow.dataset
    except ImportError:
        raise DataError.said(
            QT_TRANSLATE_NOOP(
                "Errors",
                "reading Parquet and Arrow files needs pyarrow; install gmm-desktop[big]",
            )
        ) from None
    return pyarrow, pyarrow.dataset


def columnar_format(path: str | os.PathLike[str]) -> str | None:
    """ "parquet" or "feather" for a columnar file (or a folder holding Parquet files), else None.

    A file counts by its suffix or by its first bytes (Parquet's ``PAR1``, Arrow's ``ARROW1``).
    """
    file = Path(path)
    if file.is_dir():
        return "parquet" if any(_parquet_files(file)) else None
    suffix = COLUMNAR_SUFFIXES.get(file.suffix.lower())
    if suffix is not None:
        return suffix
    try:
        if not file.is_file():  # never read from a pipe: its bytes would be gone
            return None
        with file.open("rb") as handle:
            head = handle.read(6)
    except OSError:
        return None
    return next((fmt for magic, fmt in _MAGIC.items() if head.startswith(magic)), None)


def _parquet_files(folder: Path) -> Iterator[Path]:
    return (p for p in sorted(folder.rglob("*")) if p.suffix.lower() in (".parquet", ".pq"))


def _dataset(path: Path) -> Any:
    """The pyarrow dataset of a columnar file or folder; DataError when it cannot be opened."""
    _, ds = _pyarrow()
    fmt = columnar_format(path)
    if fmt is None:
        raise DataError.said(
            QT_TRANSLATE_NOOP("Errors", "{name} is not a Parquet or Arrow file"), name=path.name
        )
    try:
        if path.is_dir():
            return ds.dataset([str(p) for p in _parquet_files(path)], format="parquet")
        return ds.dataset(str(path), format="ipc" if fmt == "feather" else fmt)
    except FileNotFoundError:
        raise DataError.said(
            QT_TRANSLATE_NOOP("Errors", "the file {name} does not exist (looked in {folder})"),
            name=path.name,
            folder=str(path.parent),
        ) from None
    except Exception as exc:  # pyarrow's ArrowInvalid, OSError...: a damaged file
        raise _unreadable(path, exc) from None


def _unreadable(path: Path, exc: Exception) -> DataError:
    return DataError.said(
        QT_TRANSLATE_NOOP("Errors", "{name} could not be read as a table ({detail})"),
        name=path.name,
        detail=str(exc).strip().splitlines()[0].rstrip(".") if str(exc).strip() else "damaged",
    )


@dataclass(frozen=True)
class ColumnarSchema:
    """What a columnar file holds, read from its metadata: names, types and the row count."""

    names: tuple[str, ...]
    types: tuple[str, ...]
    n_rows: int
    format: str

    def numeric(self) -> list[str]:
        """The number columns (integers, floats, decimals), in file order."""
        return [n for n, t in zip(self.names, self.types, strict=True) if _is_number_type(t)]


def _is_number_type(type_name: str) -> bool:
    return type_name.startswith(("int", "uint", "float", "double", "halffloat", "decimal"))


def columnar_schema(path: str | os.PathLike[str]) -> ColumnarSchema:
    """The columns and the number of rows of a columnar file, without reading its data."""
    file = Path(path)
    dataset = _dataset(file)
    try:
        n_rows = int(dataset.count_rows())
    except Exception as exc:
        raise _unreadable(file, exc) from None
    schema = dataset.schema
    fmt = columnar_format(file) or "parquet"
    return ColumnarSchema(tuple(schema.names), tuple(str(t) for t in schema.types), n_rows, fmt)


def columnar_preview(path: str | os.PathLike[str], rows: int = PREVIEW_ROWS) -> pd.DataFrame:
    """The first ``rows`` rows of every column, reading only as much of the file as they need."""
    file = Path(path)
    dataset = _dataset(file)
    try:
        return dataset.head(rows).to_pandas()
    except Exception as exc:
        raise _unreadable(file, exc) from None


def read_columnar(
    path: str | os.PathLike[str], columns: Sequence[str] | None = None
) -> pd.DataFrame:
    """The chosen columns (all by default) of a Parquet or Arrow file or folder, as pandas.

    ``read_table`` types them (number columns float64, NaN where null) as for a CSV file.
    """
    file = Path(path)
    dataset = _dataset(file)
    try:
        frame = dataset.to_table(columns=list(columns) if columns else None).to_pandas()
    except Exception as exc:
        raise _unreadable(file, exc) from None
    if frame.shape[0] == 0:
        raise DataError.said(
            QT_TRANSLATE_NOOP("Errors", "the file {name} is empty"), name=file.name
        )
    return frame


# --------------------------------------------------------------------------------------------
# Streaming the chosen columns in batches


@dataclass(frozen=True)
class CsvLayout:
    """How to stream a delimited text file: as ``sniff.sniff_text`` understood it."""

    encoding: str
    delimiter: str
    decimal: str
    header: bool
    names: tuple[str, ...]


@dataclass(frozen=True)
class RowBatches:
    """The chosen number columns of a file, read again batch by batch for every EM pass.

    ``batches()`` yields float64 arrays (n_b, d), C-contiguous, the usable rows in file order
    (rows with an empty cell, a text that is not a number or an infinite value are left out);
    with ``with_rows`` it yields (row numbers (n_b,) 0-based in the file, array) instead.
    ``batch_rows`` is how many rows pyarrow reads at a time (the kernel re-cuts them).
    ``label`` names a label column (text or number): rows with an empty label are then left
    out too, as ``features.select_features`` leaves them out, and ``batches_with_labels``
    yields each row's label as the text a spreadsheet would show.
    """

    path: Path
    columns: tuple[str, ...]
    format: str
    batch_rows: int = 65_536
    csv: CsvLayout | None = None
    label: str | None = None

    @property
    def n_features(self) -> int:
        return len(self.columns)

    def batches(self) -> Iterator[np.ndarray]:
        for _, X, _ in self._batches():
            yield X

    def batches_with_rows(self) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        for rows, X, _ in self._batches():
            yield rows, X

    def batches_with_labels(self) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """(row numbers (n_b,), X (n_b, d), labels (n_b,) object array of str); needs ``label``."""
        if self.label is None:
            raise ValueError("no label column")
        for rows, X, labels in self._batches():
            assert labels is not None
            yield rows, X, labels

    def parts(self) -> list[Callable[[], np.ndarray]]:
        """One reader per Parquet row group or Arrow record batch, in row order.

        Each is picklable (a Dask task) and returns that part's usable rows (n_p, d) float64.
        Not for CSV (ValueError): a text file has no parts to read on their own.
        """
        if self.csv is not None:
            raise ValueError("a CSV file has no parts")
        import pyarrow as pa
        import pyarrow.parquet as pq

        columns, label = list(self.columns), self.label
        if self.format == "feather":
            with pa.memory_map(str(self.path)) as handle:
                count = pa.ipc.open_file(handle).num_record_batches
            return [
                partial(_read_part, str(self.path), "feather", i, columns, label)
                for i in range(count)
            ]
        files = [self.path] if self.path.is_file() else list(_parquet_files(self.path))
        out: list[Callable[[], np.ndarray]] = []
        for file in files:
            groups = pq.ParquetFile(str(file)).num_row_groups
            out += [
                partial(_read_part, str(file), "parquet", i, columns, label) for i in range(groups)
            ]
        return out

    def _batches(self) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray | None]]:
        first = 0
        for record_batch in self._record_batches():
            X = _batch_matrix(record_batch, self.columns, self.csv)
            labels = None if self.label is None else label_texts(record_batch.column(self.label))
            n = X.shape[0]
            rows = np.arange(first, first + n, dtype=np.int64)
            first += n
            keep = _usable(X, labels)
            if keep is not None:
                X, rows = np.ascontiguousarray(X[keep]), rows[keep]
                labels = None if labels is None else labels[keep]
            if X.shape[0]:
                yield rows, X, labels

    @property
    def _read_columns(self) -> list[str]:
        extra = [self.label] if self.label is not None and self.label not in self.columns else []
        return [*self.columns, *extra]

    def _record_batches(self) -> Iterator[Any]:
        if self.csv is not None:
            yield from _csv_record_batches(self.path, self._read_columns, self.csv, self.batch_rows)
            return
        _pyarrow()
        try:
            if self.format == "feather":
                yield from _feather_batches(self.path, self._read_columns)
                return
            files = [self.path] if self.path.is_file() else list(_parquet_files(self.path))
            for file in files:
                yield from _parquet_batches(file, self._read_columns, self.batch_rows)
        except DataError:
            raise
        except Exception as exc:
            raise _unreadable(self.path, exc) from None


def _parquet_batches(file: Path, columns: list[str], batch_rows: int) -> Iterator[Any]:
    """A Parquet file's record batches, one column chunk buffered at a time.

    ``ParquetFile.iter_batches`` without pre-buffering holds tens of MB whatever the file's
    size; the dataset scanner's read-ahead held about 300 MB more (measured on 10M x 3 rows).
    """
    import pyarrow.parquet as pq

    reader = pq.ParquetFile(str(file), pre_buffer=False, buffer_size=1 << 20)
    yield from reader.iter_batches(batch_size=batch_rows, columns=columns)


def _feather_batches(file: Path, columns: list[str]) -> Iterator[Any]:
    """An Arrow IPC file's record batches, read one at a time (not memory-mapped)."""
    import pyarrow as pa

    with pa.OSFile(str(file)) as handle:
        reader = pa.ipc.open_file(handle)
        for i in range(reader.num_record_batches):
            yield reader.get_batch(i).select(columns)


def _read_part(
    path: str, fmt: str, index: int, columns: list[str], label: str | None = None
) -> np.ndarray:
    """The usable rows (n_p, d) of row group (Parquet) or record batch (Arrow) ``index``
    (with ``label``, rows whose label is empty are left out too)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    read = columns + ([label] if label is not None and label not in columns else [])
    if fmt == "parquet":
        batch = pq.ParquetFile(path).read_row_group(index, columns=read)
    else:
        with pa.OSFile(path) as handle:
            batch = pa.ipc.open_file(handle).get_batch(index).select(read)
    X = _batch_matrix(batch, columns, None)
    keep = _usable(X, None if label is None else label_texts(batch.column(label)))
    return X if keep is None else np.ascontiguousarray(X[keep])


def _usable(X: np.ndarray, labels: np.ndarray | None) -> np.ndarray | None:
    """The mask (n_b,) of rows with finite cells and a label (if any); None when all are."""
    finite = bool(np.isfinite(X).all())  # one quick test; the per-row mask only when needed
    labelled = labels is None or not bool((labels == "").any())
    if finite and labelled:
        return None
    keep = np.isfinite(X).all(axis=1) if not finite else np.ones(X.shape[0], dtype=bool)
    if labels is not None:
        keep &= labels != ""
    return keep


def label_texts(array: Any) -> np.ndarray:
    """A label column of a record batch as an object array (n_b,) of ``str``: each cell as a
    spreadsheet shows it (``columns.cell_text``), "" where it is empty."""
    from .columns import cell_text

    codes, uniques = pd.factorize(pd.Series(array.to_pandas(), dtype=object))
    texts = np.array([cell_text(v) for v in uniques] + [""], dtype=object)
    return texts[codes]


def _batch_matrix(batch: Any, columns: Sequence[str], csv: CsvLayout | None) -> np.ndarray:
    """The record batch's columns as float64 (n_b, d), NaN for nulls and text."""
    X = np.empty((batch.num_rows, len(columns)), dtype=np.float64)
    for j, name in enumerate(columns):
        array = batch.column(name)
        if csv is not None:  # text cells: parse the way the in-memory reader does
            values = pd.Series(array.to_pandas(), dtype=object)
            if csv.decimal == ",":
                values = values.str.replace(",", ".", regex=False)
            X[:, j] = pd.to_numeric(values, errors="coerce").to_numpy(dtype=np.float64)
        else:
            X[:, j] = array.to_numpy(zero_copy_only=False).astype(np.float64)
    return X


def csv_layout(
    path: str | os.PathLike[str],
    header: bool | None = None,
    *,
    delimiter: str | None = None,
    decimal: str | None = None,
    encoding: str | None = None,
) -> CsvLayout:
    """How ``read_table`` would understand a delimited text file, from its first lines only
    (``delimiter``, ``decimal`` and ``encoding`` given, as the import preview chose them, are
    taken, not guessed; ``delimiter`` "" is one column)."""
    from .columns import column_names
    from .sniff import detect_encoding, sniff_text
    from .source import Source

    file = Path(path)
    source = Source(file)
    try:
        with file.open("rb") as handle:
            head = handle.read(8192)
    except OSError as exc:
        raise DataError.said(
            QT_TRANSLATE_NOOP("Errors", "the file {name} cannot be opened: {reason}"),
            name=file.name,
            reason=exc.strerror,
        ) from None
    encoding = encoding or (detect_encoding(source, head) if head else None)
    layout = (
        sniff_text(source, encoding, header, delimiter=delimiter, decimal=decimal)
        if encoding and head
        else None
    )
    if layout is None:
        raise DataError.said(
            QT_TRANSLATE_NOOP("Errors", "the file {name} is empty"), name=file.name
        )
    if layout.delimiter == " ":
        raise DataError.said(
            QT_TRANSLATE_NOOP(
                "Errors",
                "{name} is separated by spaces; save it with commas or tabs to stream it",
            ),
            name=file.name,
        )
    first = list(layout.first_row) if layout.header else None
    names = tuple(column_names(first, layout.width))
    return CsvLayout(
        layout.encoding, layout.delimiter or "\x1f", layout.decimal, layout.header, names
    )


def _csv_record_batches(
    path: Path, columns: Sequence[str], layout: CsvLayout, batch_rows: int
) -> Iterator[Any]:
    import pyarrow as pa
    import pyarrow.csv as pcsv

    names = list(layout.names)
    read = pcsv.ReadOptions(
        encoding=layout.encoding,
        column_names=names,
        skip_rows=1 if layout.header else 0,
        block_size=max(1 << 16, batch_rows * 16 * len(names)),
    )
    parse = pcsv.ParseOptions(delimiter=layout.delimiter)
    convert = pcsv.ConvertOptions(
        include_columns=list(columns),
        column_types={c: pa.string() for c in columns},
        strings_can_be_null=True,
    )
    try:
        with pcsv.open_csv(
            str(path), read_options=read, parse_options=parse, convert_options=convert
        ) as reader:
            yield from reader
    except Exception as exc:
        raise _unreadable(path, exc) from None
