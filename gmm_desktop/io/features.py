"""Pick the feature columns (and a label column) of a Table and leave out unusable rows.

A row is left out, and counted, when one of its chosen cells is empty, is text that is not a
number, or is infinite, or when a label column is chosen and its label is empty. Nothing is
ever turned into a zero. With ``missing="model"`` a row with empty cells is kept (its empty
cells stay NaN, for EM to fill in the model) unless every one of its chosen cells is empty.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..errors import QT_TRANSLATE_NOOP
from .columns import cell_text
from .errors import DataError
from .table import Table

# Reasons in the order they are checked; a row with several problems counts under the first.
REASONS = ("empty cell", "not a number", "infinite value", "empty label")
_REASON_WORDS = {
    "empty cell": "with an empty cell",
    "not a number": "not a number",
    "infinite value": "with an infinite value",
    "empty label": "with an empty label",
}
_ROWS_LISTED = 10


@dataclass(frozen=True, eq=False)
class FeatureData:
    """The numbers to fit and where they came from.

    Attributes
    ----------
    X : ndarray, shape (n_used, d), float64, C-contiguous
    columns : feature names, length d
    rows : ndarray, shape (n_used,), 0-based positions in ``table.frame`` of the rows used
    dropped_rows : ndarray, shape (n_dropped,), 0-based positions of the rows left out
    drop_reasons : how many rows were left out for each reason (only reasons that occurred)
    labels : ndarray of object (each a ``str``), shape (n_used,), or None
    label_column : name of the label column, or None
    weights : ndarray, shape (n_used,), the row weights (frequencies) of the rows used, or None
    weight_column : name of the weight column, or None
    missing : "drop" or "model", what was done with rows that have empty cells (with "model"
        X may hold NaN cells, and the fit must be told: ``FitConfig.missing``)
    """

    X: np.ndarray
    columns: list[str]
    rows: np.ndarray
    dropped_rows: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.intp))
    drop_reasons: dict[str, int] = field(default_factory=dict)
    labels: np.ndarray | None = None
    label_column: str | None = None
    weights: np.ndarray | None = None
    weight_column: str | None = None
    missing: str = "drop"

    @property
    def cells_missing(self) -> int:
        """Empty (NaN) cells kept in X, for the model to fill (``missing="model"``)."""
        return int(np.isnan(self.X).sum())

    @property
    def rows_dropped(self) -> int:
        return int(self.dropped_rows.size)

    @property
    def n_samples(self) -> int:
        return int(self.X.shape[0])

    @property
    def n_features(self) -> int:
        return int(self.X.shape[1])

    def drop_summary(self) -> str:
        """``3 rows left out: 2 with an empty cell, 1 not a number (rows 5, 9, 12)``, or "".

        Rows are counted from 1, as a spreadsheet user counts data rows.
        """
        n = self.rows_dropped
        if n == 0:
            return ""
        parts = [f"{count} {_REASON_WORDS.get(r, r)}" for r, count in self.drop_reasons.items()]
        shown = ", ".join(str(int(r) + 1) for r in self.dropped_rows[:_ROWS_LISTED])
        if n > _ROWS_LISTED:
            shown += f" and {n - _ROWS_LISTED:,} more"
        which = "row" if n == 1 else "rows"
        return f"{n:,} {which} left out: {', '.join(parts)} ({which} {shown})"


def resolve_column(table: Table, column: str | int) -> str:
    """The column name for an exact name, a 1-based number, or a name differing only in case."""
    names = [str(c) for c in table.frame.columns]
    if isinstance(column, str) and column in names:
        return column
    if isinstance(column, int | np.integer) and not isinstance(column, bool):
        number = int(column)
    elif isinstance(column, str) and column.strip().isdigit():
        number = int(column.strip())
    else:
        folded = [n for n in names if n.casefold() == str(column).strip().casefold()]
        if len(folded) == 1:
            return folded[0]
        raise DataError.said(
            QT_TRANSLATE_NOOP("Errors", "there is no column '{column}' (columns: {columns})"),
            column=column,
            columns=_listing(names),
        )
    if 1 <= number <= len(names):
        return names[number - 1]
    template = (
        QT_TRANSLATE_NOOP(
            "Errors", "there is no column number {number}: the table has {count} column ({columns})"
        )
        if len(names) == 1
        else QT_TRANSLATE_NOOP(
            "Errors",
            "there is no column number {number}: the table has {count} columns ({columns})",
        )
    )
    raise DataError.said(template, number=number, count=len(names), columns=_listing(names))


def _listing(names: Sequence[str], limit: int = 20) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def default_features(table: Table, label: str | None) -> list[str]:
    """Every number column except the label, columns that look like labels, and row numbers.

    A column of group codes (such as ``true_component``) or a running row number 1, 2, 3, ...
    is rarely meant as a measurement; if leaving them out leaves nothing, they are kept.
    """
    numeric = [c for c in table.numeric_columns() if c != label]
    looks_like_label = set(table.label_candidates())
    measured = [c for c in numeric if c not in looks_like_label and not _is_row_number(table, c)]
    return measured or numeric


def _is_row_number(table: Table, column: str) -> bool:
    values = table.frame[column].to_numpy()
    with np.errstate(invalid="ignore", over="ignore"):  # inf - inf, 1e308 - -1e308: not 1
        steps = np.diff(values)
    return values.size > 2 and bool(np.all(steps == 1)) and values[0] in (0.0, 1.0)


def select_features(
    table: Table,
    columns: Sequence[str | int] | None = None,
    label: str | int | None = None,
    weights: str | int | None = None,
    missing: str = "drop",
) -> FeatureData:
    """Take the feature matrix (and labels) from ``table``, leaving out unusable rows.

    Parameters
    ----------
    table : the table read by ``read_table`` or made by ``table_from_frame``.
    columns : feature columns by exact name or 1-based number; None for ``default_features``.
    label : optional label column (text or number), by name or 1-based number.
    weights : optional column of row weights (frequencies), by name or 1-based number; every
        cell must be a number of 0 or more (``row_weights``).
    missing : "drop" leaves out rows with an empty chosen cell; "model" keeps them (their
        empty cells NaN) unless all their chosen cells are empty.

    Raises
    ------
    DataError
        Unknown column, a text column used as a feature, the label also a feature, no number
        columns, or no rows left after leaving out the unusable ones.
    """
    label_name = resolve_column(table, label) if label is not None else None
    if columns is None:
        names = default_features(table, label_name)
        if not names:
            raise DataError.said(
                QT_TRANSLATE_NOOP(
                    "Errors", "the table has no number columns to fit (columns: {columns})"
                ),
                columns=_listing([str(c) for c in table.frame.columns]),
            )
    else:
        names = [resolve_column(table, c) for c in columns]
        if not names:
            raise DataError.said(QT_TRANSLATE_NOOP("Errors", "choose at least one column to fit"))
    _check_features(table, names, label_name)
    weight_name = resolve_column(table, weights) if weights is not None else None
    all_weights = None if weight_name is None else row_weights(table, weight_name, names)
    frame = table.frame
    # always a copy (one column's to_numpy can be a view): the fit never shares the table
    X = np.array(frame[names].to_numpy(dtype=np.float64), order="C", copy=True)
    problems = _cell_problems(table, names, X)
    if missing == "model" and "empty cell" in problems:
        problems["empty cell"] = (np.isnan(X) & ~_junk_cells(table, names)).all(axis=1)
    labels = None
    if label_name is not None:
        # one cell_text per distinct value, not per row: a million rows stay quick
        codes, uniques = pd.factorize(frame[label_name], use_na_sentinel=True)
        texts = np.array([cell_text(v) for v in uniques] + [""], dtype=object)
        labels = texts[codes]  # code -1 (missing) picks the trailing
        problems["empty label"] = labels == ""
    reason_code = np.zeros(table.n_rows, dtype=np.int8)  # 0: usable, else 1 + REASONS index
    for code in range(len(REASONS), 0, -1):  # earlier reasons overwrite later ones
        if REASONS[code - 1] in problems:
            reason_code[problems[REASONS[code - 1]]] = code
    counts = np.bincount(reason_code, minlength=len(REASONS) + 1)
    if counts[0] == 0:
        raise _nothing_left(table.n_rows, names)
    if counts[0] == table.n_rows:  # nothing to leave out: no copies of a million rows
        used, dropped = np.arange(table.n_rows), np.empty(0, dtype=np.int64)
    else:
        used, dropped = np.flatnonzero(reason_code == 0), np.flatnonzero(reason_code)
        X = np.ascontiguousarray(X[used])
    return FeatureData(
        X=X,
        columns=names,
        rows=used,
        dropped_rows=dropped,
        drop_reasons={r: int(counts[i + 1]) for i, r in enumerate(REASONS) if counts[i + 1]},
        # object array of str: a fixed-width str array is as wide as the longest label
        labels=labels[used] if labels is not None else None,
        label_column=label_name,
        weights=None if all_weights is None else np.ascontiguousarray(all_weights[used]),
        weight_column=weight_name,
        missing=missing,
    )


def row_weights(table: Table, column: str, features: Sequence[str] = ()) -> np.ndarray:
    """The weights (n_rows,) in ``column``: every cell a finite number of 0 or more.

    Raises DataError (with the first bad row, counted from 1) for a weight column that is also
    a feature, holds text, or has an empty, non-number, infinite or negative cell.
    """
    if column in features:
        raise DataError.said(
            QT_TRANSLATE_NOOP("Errors", "column '{name}' cannot be both a feature and the weights"),
            name=column,
        )
    if not table.is_numeric(column):
        raise DataError.said(
            QT_TRANSLATE_NOOP(
                "Errors", "the weight column '{name}' holds text; weights must be numbers"
            ),
            name=column,
        )
    values = np.array(table.frame[column].to_numpy(dtype=np.float64), copy=True)
    junk = table.junk_cells.get(column)
    checks = (
        (np.isnan(values), QT_TRANSLATE_NOOP("Errors", "the weight in row {row} is empty")),
        (np.isinf(values), QT_TRANSLATE_NOOP("Errors", "the weight in row {row} is infinite")),
        (values < 0, QT_TRANSLATE_NOOP("Errors", "the weight in row {row} is negative")),
    )
    if junk is not None and len(junk):
        raise DataError.said(
            QT_TRANSLATE_NOOP("Errors", "the weight in row {row} is not a number"),
            row=int(np.min(junk)) + 1,
        )
    for bad, message in checks:
        if bad.any():
            raise DataError.said(message, row=int(np.flatnonzero(bad)[0]) + 1)
    return values


def _cell_problems(table: Table, names: list[str], X: np.ndarray) -> dict[str, np.ndarray]:
    """Rows (n_rows,) bool with an empty cell, text that is not a number, or an infinite value
    among the chosen columns; empty when every cell is a finite number (the common case)."""
    junk = _junk_cells(table, names)
    if np.isfinite(X).all() and not junk.any():
        return {}
    return {
        "empty cell": (np.isnan(X) & ~junk).any(axis=1),
        "not a number": junk.any(axis=1),
        "infinite value": np.isinf(X).any(axis=1),
    }


def _check_features(table: Table, names: list[str], label: str | None) -> None:
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise DataError.said(
                QT_TRANSLATE_NOOP("Errors", "column '{name}' is chosen twice"), name=name
            )
        seen.add(name)
        if name == label:
            raise DataError.said(
                QT_TRANSLATE_NOOP(
                    "Errors", "column '{name}' cannot be both a feature and the label"
                ),
                name=name,
            )
        if not table.is_numeric(name):
            raise DataError.said(
                QT_TRANSLATE_NOOP(
                    "Errors", "column '{name}' holds text, so it cannot be used as a number column"
                ),
                name=name,
            )
        if table.frame[name].isna().all() and name not in table.junk_cells:
            raise DataError.said(QT_TRANSLATE_NOOP("Errors", "column '{name}' is empty"), name=name)


def _junk_cells(table: Table, names: list[str]) -> np.ndarray:
    """Boolean (n_rows, d): True where a chosen cell held text that is not a number."""
    mask = np.zeros((table.n_rows, len(names)), dtype=bool)
    for j, name in enumerate(names):
        rows = table.junk_cells.get(name)
        if rows is not None:
            mask[rows, j] = True
    return mask


def _nothing_left(n_rows: int, names: list[str]) -> DataError:
    if n_rows == 0:
        return DataError.said(QT_TRANSLATE_NOOP("Errors", "the table has no data rows"))
    if len(names) == 1:
        return DataError.said(
            QT_TRANSLATE_NOOP(
                "Errors",
                "no rows are left to fit: every one of the {n} rows has an empty cell, text that is not a number or an infinite value in column '{column}'",  # noqa: E501  (one literal for lupdate)
            ),
            n=f"{n_rows:,}",
            column=names[0],
        )
    return DataError.said(
        QT_TRANSLATE_NOOP(
            "Errors",
            "no rows are left to fit: every one of the {n} rows has an empty cell, text that is not a number or an infinite value in the chosen columns",  # noqa: E501  (one literal for lupdate)
        ),
        n=f"{n_rows:,}",
    )
