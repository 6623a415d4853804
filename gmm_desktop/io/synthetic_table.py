"""Turn generated mixture data into a Table (features, the label if any, the true component),
and save it as CSV or Excel."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..engine.synthetic import SyntheticSpec
from ..errors import QT_TRANSLATE_NOOP
from .atomic import WriteError, atomic_open
from .table import Table, table_from_frame

TRUE_COMPONENT = "true_component"


def synthetic_frame(
    spec: SyntheticSpec, X: np.ndarray, component: np.ndarray, *, label_first: bool = False
) -> pd.DataFrame:
    """Columns: the features, the label (``label_first`` puts it first), ``true_component``.

    ``true_component`` is 1-based, as a user counts components.
    """
    columns: dict[str, object] = {name: X[:, j] for j, name in enumerate(spec.feature_names)}
    if spec.component_names is not None and spec.label_name is not None:
        label = np.asarray(spec.component_names, dtype=object)[component]
        if label_first:
            columns = {spec.label_name: label, **columns}
        else:
            columns[spec.label_name] = label
    columns[TRUE_COMPONENT] = np.asarray(component, dtype=np.int64) + 1
    return pd.DataFrame(columns)


def synthetic_table(
    spec: SyntheticSpec, X: np.ndarray, component: np.ndarray, source: Path | None = None
) -> Table:
    """The generated data as a Table (format "synthetic")."""
    return table_from_frame(synthetic_frame(spec, X, component), source=source)


DATA_SUFFIXES = (".csv", ".xlsx")


def write_data_table(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write rows as ``.csv`` (UTF-8 with BOM, every number exact) or ``.xlsx``, atomically.

    Text is written as text, never as a formula (a label typed as ``=1+1`` stays that text).
    WriteError for another suffix or a folder that cannot be written.
    """
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix == ".csv":
        with atomic_open(target, "w", encoding="utf-8-sig") as handle:
            frame.to_csv(handle, index=False, lineterminator="\n")
    elif suffix == ".xlsx":
        with atomic_open(target, "wb") as handle:
            _write_xlsx(frame, handle)
    else:
        raise WriteError.said(
            QT_TRANSLATE_NOOP("Errors", "{name}: data can be saved as .csv or .xlsx"),
            name=target.name,
        )
    return target


def _write_xlsx(frame: pd.DataFrame, handle: object) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet("data")

    def cell(value: object) -> WriteOnlyCell:
        if isinstance(value, np.generic):
            value = value.item()
        if isinstance(value, float) and np.isnan(value):
            value = None
        written = WriteOnlyCell(sheet, value)
        if isinstance(value, str):
            written.data_type = "s"  # openpyxl takes "=..." for a formula otherwise
        return written

    sheet.append([cell(str(name)) for name in frame.columns])
    for row in frame.itertuples(index=False):
        sheet.append([cell(value) for value in row])
    book.save(handle)
