"""Data too large for memory: whether to stream a file, how, and exports written block by block.

``plan_streaming`` looks at a file's metadata (Parquet/Arrow) or its first lines (CSV) only and
says how many bytes an in-memory fit would need, so the command line (and the window) can pick
the streaming engine when that is more than the memory budget. ``write_streamed_exports``
writes parameters.csv, history.csv and assignments.csv, the last one block by block.
"""

from __future__ import annotations

import dataclasses
import os
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import numpy as np
import pandas as pd

from ..engine.em import EMSnapshot
from ..engine.params import MixtureParams
from ..errors import QT_TRANSLATE_NOOP
from .arrow_source import RowBatches, columnar_format, columnar_schema, csv_layout
from .atomic import write_file_set
from .columns import column_names, typed_frame
from .errors import DataError, LoadCancelled
from .export import history_frame, parameters_frame
from .read_options import ReadOptions, renamed
from .table import Table, read_table

# Bytes per cell a CSV batch costs while it is parsed (text, then pandas' objects)
CSV_CELL_BYTES = 160
# Bytes per cell of a columnar batch (Arrow's column, our float64 copy, the kernel's block)
COLUMNAR_CELL_BYTES = 32


def free_memory_bytes() -> int:
    """Memory available now (psutil, else /proc/meminfo's MemAvailable, else 4 GB)."""
    try:
        import psutil

        return int(psutil.virtual_memory().available)
    except Exception:
        pass
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 4 * 1024**3


def default_memory_budget() -> int:
    """Half of the memory available now."""
    return free_memory_bytes() // 2


@dataclass(frozen=True)
class StreamingPlan:
    """How a file would be fitted: its rows as batches, and what memory each way needs.

    n_rows is exact for Parquet/Arrow (metadata) and an estimate for CSV (from the first
    lines' length); in_memory_bytes estimates reading the table and fitting it in memory.
    """

    source: RowBatches
    n_rows: int
    n_file_columns: int
    in_memory_bytes: int
    bytes_per_row: int

    @property
    def columns(self) -> tuple[str, ...]:
        return self.source.columns

    def needs_streaming(self, budget: int) -> bool:
        return self.in_memory_bytes > budget

    def block_rows(self, budget: int) -> int:
        """Rows per block so that a few blocks in flight stay well inside ``budget``."""
        return max(1024, budget // (8 * self.bytes_per_row))

    def sample_rows(self, budget: int, n_components: int, cap: int = 200_000) -> int:
        """Rows of the in-memory subsample the starts are screened on (within ``budget``)."""
        d = len(self.columns)
        per_row = 8 * (4 * d + 4 * n_components)  # X, a copy, responsibilities and their log
        return int(min(cap, max(1000, budget // (4 * per_row))))


def plan_streaming(
    path: str | os.PathLike[str],
    columns: Sequence[str | int] | None,
    n_components: int,
    header: bool | None = None,
    *,
    label: str | int | None = None,
    names: Sequence[str] | None = None,
    text: ReadOptions | None = None,
) -> StreamingPlan | None:
    """The streaming plan of a regular Parquet, Arrow or CSV file; None for anything else
    (Excel, a pipe) or a file too odd to stream (``read_table`` then says why).

    ``label``: a label column (name or 1-based number), read along and left out of the
    default features; ``names``: the columns' names for a text file (``--names``; as in
    memory, a Parquet or Arrow file keeps its own); ``text``: the delimiter, decimal mark
    and encoding of a text file as chosen in the import preview (None fields are detected).
    """
    file = Path(path)
    fmt = columnar_format(file)
    if fmt is not None:
        return _columnar_plan(file, fmt, columns, n_components, label)
    try:
        if not stat.S_ISREG(file.stat().st_mode) or file.suffix.lower() in (".xlsx", ".xls"):
            return None
        with file.open("rb") as handle:
            head = handle.read(8)
    except OSError:
        return None
    if head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        return None
    try:
        chosen_text = text or ReadOptions()
        layout = csv_layout(
            file,
            header,
            delimiter=chosen_text.delimiter,
            decimal=chosen_text.decimal,
            encoding=chosen_text.encoding,
        )
    except DataError:
        return None
    if names is not None:
        given = column_names(renamed(layout.names, names), len(layout.names))
        layout = dataclasses.replace(layout, names=tuple(given))
    all_names = list(layout.names)
    label_name, chosen = _features_and_label(all_names, columns, _csv_numeric(file, layout), label)
    source = RowBatches(file, tuple(chosen), "csv", csv=layout, label=label_name)
    n_rows = _estimated_csv_rows(file)
    per_row = CSV_CELL_BYTES * (len(chosen) + (label_name is not None)) + 8 * n_components
    in_memory = n_rows * (
        CSV_CELL_BYTES * len(all_names) + 8 * (2 * len(chosen) + 3 * n_components)
    )
    return StreamingPlan(source, n_rows, len(all_names), in_memory, per_row)


def _features_and_label(
    names: list[str],
    columns: Sequence[str | int] | None,
    numeric: list[str],
    label: str | int | None,
) -> tuple[str | None, list[str]]:
    """(the label's column name or None, the feature columns), checked as ``select_features``
    checks them: the label is left out of the default features and may not be one."""
    label_name = _resolve(names, [label], numeric)[0] if label is not None else None
    chosen = _resolve(names, columns, [c for c in numeric if c != label_name])
    if label_name in chosen:
        raise DataError.said(
            QT_TRANSLATE_NOOP("Errors", "column '{name}' cannot be both a feature and the label"),
            name=label_name,
        )
    return label_name, chosen


def _columnar_plan(
    file: Path,
    fmt: str,
    columns: Sequence[str | int] | None,
    n_components: int,
    label: str | int | None = None,
) -> StreamingPlan:
    schema = columnar_schema(file)
    label_name, chosen = _features_and_label(list(schema.names), columns, schema.numeric(), label)
    texts = [c for c in chosen if c not in schema.numeric()]
    if texts:
        raise DataError.said(
            QT_TRANSLATE_NOOP(
                "Errors", "column '{name}' holds text, so it cannot be used as a number column"
            ),
            name=texts[0],
        )
    source = RowBatches(file, tuple(chosen), fmt, label=label_name)
    d, k = len(chosen), n_components
    n_cols = len(schema.names)
    in_memory = schema.n_rows * 8 * (2 * n_cols + 2 * d + 3 * k)
    per_row = COLUMNAR_CELL_BYTES * (d + (label_name is not None)) + 8 * k
    return StreamingPlan(source, schema.n_rows, n_cols, in_memory, per_row)


def _resolve(
    names: list[str], columns: Sequence[str | int] | None, numeric: list[str]
) -> list[str]:
    """Column names for names (exact, else ignoring case) or 1-based numbers; every number
    column when None."""
    if columns is None:
        if not numeric:
            raise DataError.said(
                QT_TRANSLATE_NOOP(
                    "Errors", "the table has no number columns to fit (columns: {columns})"
                ),
                columns=", ".join(names[:20]),
            )
        return numeric
    out = []
    for column in columns:
        text = str(column)
        folded = [n for n in names if n.casefold() == text.strip().casefold()]
        if text in names:
            name = text
        elif text.strip().isdigit() and 1 <= int(text) <= len(names):
            name = names[int(text) - 1]
        elif len(folded) == 1:  # as ``features.resolve_column``: case does not matter
            name = folded[0]
        else:
            raise DataError.said(
                QT_TRANSLATE_NOOP("Errors", "there is no column '{column}' (columns: {columns})"),
                column=text,
                columns=", ".join(names[:20]),
            )
        if name in out:
            raise DataError.said(
                QT_TRANSLATE_NOOP("Errors", "column '{name}' is chosen twice"), name=name
            )
        out.append(name)
    return out


def _csv_numeric(file: Path, layout: object) -> list[str]:
    """The columns whose cells in the first rows are numbers or empty (at least one number)."""
    from .arrow_source import CsvLayout, _csv_record_batches

    assert isinstance(layout, CsvLayout)
    batch = next(iter(_csv_record_batches(file, layout.names, layout, 1000)), None)
    if batch is None:
        return []
    numeric = []
    for name in layout.names:
        values = pd.Series(batch.column(name).to_pandas(), dtype=object).iloc[:1000]
        if layout.decimal == ",":
            values = values.str.replace(",", ".", regex=False)
        parsed = pd.to_numeric(values, errors="coerce")
        filled = values.notna() & (values.astype(str).str.strip() != "")
        if filled.any() and bool(parsed[filled].notna().all()):
            numeric.append(name)
    return numeric


def _estimated_csv_rows(file: Path, sample_bytes: int = 1 << 20) -> int:
    """Rows of a text file, estimated from the length of its first lines."""
    size = file.stat().st_size
    with file.open("rb") as handle:
        head = handle.read(sample_bytes)
    lines = head.count(b"\n")
    if lines == 0 or size <= len(head):
        return max(1, lines)
    return int(size / (len(head) / lines))


def write_streamed_exports(
    folder: str | os.PathLike[str],
    params: MixtureParams,
    history: Sequence[EMSnapshot],
    columns: Sequence[str],
    blocks: Callable[[], Iterable[tuple[np.ndarray, np.ndarray, np.ndarray]]],
    *,
    input_file: str | os.PathLike[str] | None = None,
) -> list[Path]:
    """parameters.csv, history.csv and assignments.csv, all or none (``write_file_set``).

    ``blocks()`` yields (row numbers (n_b,) 0-based, X (n_b, d), responsibilities (n_b, K));
    assignments.csv gets ``row`` (1-based), the feature columns, ``component`` (1-based) and
    ``responsibility_1..K``, written block by block, so it never holds all rows in memory.
    """

    def assignments(handle: IO[str]) -> None:
        first = True
        for rows, X, resp in blocks():
            frame = pd.DataFrame(X, columns=list(columns))
            frame.insert(0, "row", rows + 1)
            frame["component"] = np.argmax(resp, axis=1) + 1
            for j in range(resp.shape[1]):
                frame[f"responsibility_{j + 1}"] = resp[:, j]
            frame.to_csv(
                handle, index=False, header=first, float_format="%.10g", lineterminator="\n"
            )
            first = False

    def table(make: Callable[[], pd.DataFrame]) -> Callable[[IO[str]], None]:
        return lambda handle: make().to_csv(
            handle, index=False, float_format="%.10g", lineterminator="\n"
        )

    writers = {
        "parameters.csv": table(lambda: parameters_frame(params, columns)),
        "assignments.csv": assignments,
        "history.csv": table(lambda: history_frame(history, columns)),
    }
    return write_file_set(folder, writers, encoding="utf-8-sig", keep=input_file)


# Rows of a file larger than the memory budget that the window shows (and plots, and screens
# the starts on): a random sample, the same one every time (seeded).
SAMPLE_TABLE_ROWS = 100_000


def open_within_budget(
    path: str | os.PathLike[str],
    budget: int,
    *,
    options: ReadOptions | None = None,
    sample_rows: int | None = None,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Table:
    """The table of ``path``: all of it when reading it fits ``budget`` bytes, else (a Parquet,
    Arrow or CSV file too large for it) a random sample of ``sample_rows`` rows of every column,
    in file order, whose ``rows_in_file`` says how many rows the file has (``sample_rows``
    defaults to ``SAMPLE_TABLE_ROWS``)."""
    options = options or ReadOptions()
    try:
        plan = plan_streaming(path, None, 2, options.header, names=options.names, text=options)
    except DataError:
        plan = None  # read_table says what is wrong with it
    if plan is None or not plan.needs_streaming(budget) or options.sheet is not None:
        return read_table(path, options=options, progress=progress, cancelled=cancelled)
    rows = SAMPLE_TABLE_ROWS if sample_rows is None else sample_rows
    return sample_table(plan, rows, names=options.names, progress=progress, cancelled=cancelled)


def sample_table(
    plan: StreamingPlan,
    sample_rows: int,
    *,
    seed: int = 0,
    names: tuple[str, ...] | None = None,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Table:
    """``sample_rows`` rows drawn at random (seeded) from every column of the plan's file, kept
    in file order, typed as ``read_table`` types them; two passes (count, then draw) for a
    text file, one for Parquet and Arrow (their metadata count the rows)."""
    import pyarrow as pa

    source = plan.source
    everything = (
        dataclasses.replace(source, columns=source.csv.names)
        if source.csv is not None
        else dataclasses.replace(source, columns=tuple(columnar_schema(source.path).names))
    )

    def batches() -> Iterator[Any]:
        done = 0
        for batch in everything._record_batches():
            if cancelled is not None and cancelled():
                raise LoadCancelled()
            done += batch.num_rows
            if progress is not None and n_rows:
                progress(min(1.0, done / n_rows))
            yield batch

    n_rows = plan.n_rows if source.csv is None else 0
    if source.csv is not None:
        n_rows = sum(b.num_rows for b in batches())
    if n_rows <= sample_rows:
        chosen = np.arange(n_rows)
    else:
        rng = np.random.default_rng(seed)
        chosen = np.sort(rng.choice(n_rows, size=sample_rows, replace=False))
    parts, first = [], 0
    for batch in batches():
        lo, hi = np.searchsorted(chosen, [first, first + batch.num_rows])
        if hi > lo:
            parts.append(batch.take(pa.array(chosen[lo:hi] - first)))
        first += batch.num_rows
    if not parts:
        raise DataError.said(
            QT_TRANSLATE_NOOP("Errors", "the file {name} is empty"), name=source.path.name
        )
    raw = pa.Table.from_batches(parts).to_pandas()
    raw.columns = pd.Index(column_names([str(c) for c in raw.columns], raw.shape[1]))
    csv = source.csv
    typed, junk = typed_frame(raw, csv.decimal if csv is not None else ".")
    fmt = "csv" if csv is not None else source.format
    table = Table(
        typed,
        source.path,
        fmt,
        junk_cells=junk,
        names=names if csv is not None else None,  # as ``read_table``: the names given
        rows_in_file=n_rows,
        file_rows=chosen,
    )
    if csv is None:
        return table
    delimiter = None if csv.delimiter == "\x1f" else csv.delimiter
    return dataclasses.replace(
        table, encoding=csv.encoding, delimiter=delimiter, decimal=csv.decimal, header=csv.header
    )
