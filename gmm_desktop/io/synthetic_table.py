"""Turn generated mixture data into a Table: features, the label if any, the true component."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..engine.synthetic import SyntheticSpec
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
