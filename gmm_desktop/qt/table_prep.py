"""What the window derives from a freshly read table, computed in the loader's thread.

Showing a 2,000,000-row table used to stall the GUI thread for seconds after the load had
finished (issue 15 (i)): the default choice of columns, the feature matrix for it, the column
summary's statistics and the plots' ranges and histograms were all computed in the slot that shows
the table. ``prepare_table`` computes them in the loader's task and keeps them in the table's
``memo``; the data panel and the column summary take them from there, and compute them
themselves (as before) for anything not prepared, such as a table made in the window.

Prepared feature matrices are taken once (``take_features``): a later choice of the same
columns selects them afresh, so no two fits ever share one matrix.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Sequence

from ..errors import UserError
from ..io.features import FeatureData, default_features, select_features
from ..io.table import Table
from .column_summary import GroupStats, NumberStats
from .plots.base import column_histogram, finite_ranges

SCATTER3D_MODULE = "gmm_desktop.qt.plots.scatter3d_plot"
MAX_PREPARED_SUMMARIES = 64  # number columns whose summary is prepared (wide tables: the first)


def default_selection(table: Table, candidates: Sequence[str]) -> tuple[list[str], str | None]:
    """The first text label candidate as label; every measured number column as feature
    (io's ``default_features``: not the label, group codes or a running row number)."""
    numeric = set(table.numeric_columns())
    text_candidates = [c for c in candidates if c not in numeric]
    label = text_candidates[0] if text_candidates else None
    return default_features(table, label), label


def _features_key(columns: Sequence[str], label: str | None) -> tuple[object, ...]:
    return ("features", tuple(columns), label)


def _stats_key(name: str, as_groups: bool) -> tuple[object, ...]:
    return ("groups" if as_groups else "numbers", name)


def prepare_table(table: Table, cancelled: Callable[[], bool] = lambda: False) -> None:
    """Compute, into ``table.memo``, what showing ``table`` needs: label candidates, number
    columns, the default selection and its features, the summaries of the label and of the
    number columns, and the plots' column ranges and histograms of the features. Stops early when
    ``cancelled()`` (the table is then shown with whatever was prepared)."""
    candidates = table.label_candidates()
    columns, label = default_selection(table, candidates)
    table.memo["default selection"] = (columns, label)
    if columns:
        try:
            features: FeatureData | None = select_features(table, columns, label)
        except UserError:
            features = None  # the panel selects again and shows the message
        if features is not None:
            table.memo[_features_key(columns, label)] = features
            if features.X.shape[1] >= 3:
                preload_3d_view()
            if features.X.shape[0]:  # what the plots' set_data scans: each feature column
                finite_ranges(features.X)
                for j in range(min(features.X.shape[1], MAX_PREPARED_SUMMARIES)):
                    column_histogram(features.X, j)
    if label is not None and not cancelled():
        table.memo[_stats_key(label, True)] = GroupStats.of(table.frame[label])
    for name in table.numeric_columns()[:MAX_PREPARED_SUMMARIES]:
        if cancelled():
            return
        table.memo[_stats_key(name, False)] = NumberStats.of(table.frame[name])


def preload_3d_view() -> None:
    """Import the 3-D view's module (pyqtgraph.opengl, PyOpenGL: about a second) here rather
    than on the GUI thread when the first table of 3 or more columns is shown. Only modules
    are imported (no widget, no GL context); without OpenGL the window says so as before."""
    if SCATTER3D_MODULE in sys.modules:
        return
    try:
        importlib.import_module(SCATTER3D_MODULE)
    except Exception:
        return


def prepared_selection(table: Table) -> tuple[list[str], str | None] | None:
    """The default selection ``prepare_table`` chose, if it ran."""
    chosen = table.memo.get("default selection")
    return None if chosen is None else chosen  # type: ignore[return-value]


def take_features(table: Table, columns: Sequence[str], label: str | None) -> FeatureData | None:
    """The prepared features of exactly these columns and label, once; else None."""
    found = table.memo.pop(_features_key(columns, label), None)
    return found if isinstance(found, FeatureData) else None


def column_stats(table: Table, name: str, as_groups: bool) -> NumberStats | GroupStats:
    """The summary of column ``name`` (as groups or as numbers), prepared or computed now
    (and kept)."""
    key = _stats_key(name, as_groups)
    found = table.memo.get(key)
    if isinstance(found, NumberStats | GroupStats):
        return found
    series = table.frame[name]
    stats = GroupStats.of(series) if as_groups else NumberStats.of(series)
    table.memo[key] = stats
    return stats
