"""Issue 15 (i): what showing a big table needs is computed in the loader's thread.

The GUI thread's slot that shows a freshly loaded table used to select the features, compute
the column summary and scan every feature column for the plots' ranges and histograms; on
2,000,000 rows that stalled the window for seconds. These tests check that a prepared table
is shown without any of that work on the GUI thread, that prepared results equal the ones
computed on the spot, and that nothing prepared for one table is used for another.
"""

from __future__ import annotations

import gc
import threading
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import QSettings

import gmm_desktop.io.features as features_module
import gmm_desktop.qt.column_summary as column_summary_module
import gmm_desktop.qt.data_panel as data_panel_module
import gmm_desktop.qt.file_loader as file_loader_module
import gmm_desktop.qt.table_prep as table_prep_module
from gmm_desktop.io.table import table_from_frame
from gmm_desktop.qt.column_summary import GroupStats, NumberStats
from gmm_desktop.qt.data_panel import DataPanel
from gmm_desktop.qt.main_window import MainWindow
from gmm_desktop.qt.plots.base import ARRAY_MEMO, column_histogram, finite_ranges
from gmm_desktop.qt.table_prep import column_stats, prepare_table, take_features

LOAD_TIMEOUT_MS = 30_000


def _frame(n: int = 3000, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "group": rng.choice(["a", "b"], size=n).astype(object),
            "x": rng.normal(0, 1, n),
            "y": rng.normal(5, 2, n),
            "z": rng.normal(-3, 0.5, n),
        }
    )


def _forbid(monkeypatch: pytest.MonkeyPatch, *targets: tuple[object, str]) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("computed on the GUI thread although it was prepared")

    for owner, name in targets:
        monkeypatch.setattr(owner, name, refuse)


def test_a_prepared_table_is_shown_without_selecting_or_summarising_again(
    qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = table_from_frame(_frame())
    prepare_table(table)
    _forbid(
        monkeypatch,
        (data_panel_module, "select_features"),
        (data_panel_module, "default_selection"),
        (NumberStats, "of"),
        (GroupStats, "of"),
        (np, "histogram_bin_edges"),
    )
    panel = DataPanel()
    qtbot.addWidget(panel)
    panel.set_table(table)
    features = panel.features()
    assert features is not None
    assert features.columns == ["x", "y", "z"] and features.label_column == "group"
    assert panel.summary().group_stats() is not None  # the label's groups, prepared
    # the plots' scans of the feature columns were prepared too
    from gmm_desktop.qt.plot_area import PlotArea

    plots = PlotArea()
    qtbot.addWidget(plots)
    plots.set_data(features.X, features.columns, features.labels, features.label_column)


def test_prepared_results_equal_the_ones_computed_on_the_spot(qtbot) -> None:
    frame = _frame(seed=1)
    prepared, fresh = table_from_frame(frame), table_from_frame(frame)
    prepare_table(prepared)
    got = take_features(prepared, ["x", "y", "z"], "group")
    want = features_module.select_features(fresh, ["x", "y", "z"], "group")
    assert got is not None
    np.testing.assert_array_equal(got.X, want.X)
    np.testing.assert_array_equal(got.labels, want.labels)
    assert column_stats(prepared, "y", False) == NumberStats.of(frame["y"])
    assert column_stats(prepared, "group", True) == GroupStats.of(frame["group"])
    # numpy's own answers, as the plots computed them before
    X = want.X
    lo, hi = finite_ranges(X)
    np.testing.assert_array_equal(lo, X.min(axis=0))
    np.testing.assert_array_equal(hi, X.max(axis=0))
    counts, edges = column_histogram(X, 1)
    want_edges = np.histogram_bin_edges(X[:, 1], bins="auto", range=(lo[1], hi[1]))
    np.testing.assert_array_equal(edges, want_edges)
    np.testing.assert_array_equal(counts, np.histogram(X[:, 1], bins=want_edges)[0])


def test_prepared_features_are_taken_once_and_only_for_their_choice() -> None:
    table = table_from_frame(_frame())
    prepare_table(table)
    assert take_features(table, ["x", "y"], "group") is None  # another choice
    assert take_features(table, ["x", "y", "z"], None) is None  # another label
    first = take_features(table, ["x", "y", "z"], "group")
    assert first is not None
    assert take_features(table, ["x", "y", "z"], "group") is None  # no two fits share it


def test_finite_ranges_skip_infinities_and_empty_columns() -> None:
    X = np.array([[1.0, np.nan, -np.inf], [3.0, np.nan, 2.0], [-2.0, np.nan, np.inf]])
    lo, hi = finite_ranges(X)
    np.testing.assert_array_equal(lo, [-2.0, np.nan, 2.0])
    np.testing.assert_array_equal(hi, [3.0, np.nan, 2.0])


def test_the_array_memo_forgets_an_array_and_never_mixes_two() -> None:
    before = len(ARRAY_MEMO)
    a = np.arange(12.0).reshape(6, 2)
    assert finite_ranges(a)[1][0] == 10.0
    assert len(ARRAY_MEMO) == before + 1
    del a
    gc.collect()
    assert len(ARRAY_MEMO) == before  # a dead array's results go with it
    for value in range(20):  # new arrays, often at a freed array's address (same id)
        b = np.full((4, 1), float(value))
        assert finite_ranges(b)[0][0] == value
        del b


def test_the_window_loads_shows_and_fits_a_file_whose_table_was_prepared(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "three.csv"
    _frame(n=2000, seed=3).to_csv(path, index=False)
    prepared: list[bool] = []  # True: on the GUI thread
    real_prepare = table_prep_module.prepare_table

    def spy(table, cancelled=lambda: False):  # type: ignore[no-untyped-def]
        prepared.append(threading.current_thread() is threading.main_thread())
        real_prepare(table, cancelled)

    monkeypatch.setattr(file_loader_module, "prepare_table", spy)
    w = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    w.setProperty("scripted", True)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.sig_data_loaded, timeout=LOAD_TIMEOUT_MS):
        w.open_file(path)
    assert prepared == [False], "the table is prepared once, in the loader's thread"
    assert w.features is not None and w.features.columns == ["x", "y", "z"]
    assert w.data_panel.summary().group_stats() is not None
    with qtbot.waitSignal(w.sig_fit_finished, timeout=LOAD_TIMEOUT_MS):
        w.act_fit.trigger()
    assert w.result is not None and np.isfinite(w.result.log_likelihood)
    w.close()


def test_column_summary_shows_prepared_stats(qtbot) -> None:
    summary = column_summary_module.ColumnSummary()
    qtbot.addWidget(summary)
    series = pd.Series([1.0, 2.0, np.nan, 4.0])
    summary.show_stats("v", NumberStats.of(series))
    assert summary.number_stats() == NumberStats.of(series)
    summary.show_stats("g", GroupStats.of(pd.Series(["a", "b", "a"], dtype=object)))
    assert summary.group_stats() is not None and summary.group_stats().names[0] == "a"
