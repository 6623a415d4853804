"""Data panel, parameter panel and their parts: table model, column summary, manual start."""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from gmm_desktop.engine.config import FitConfig
from gmm_desktop.engine.params import MixtureParams
from gmm_desktop.engine.stopping import DEFAULT_TOL, STOPPING_RULES
from gmm_desktop.errors import UserError
from gmm_desktop.io.table import Table, table_from_frame
from gmm_desktop.qt.data_panel import DataPanel
from gmm_desktop.qt.manual_start import INVALID_COLOR, ManualStartEditor
from gmm_desktop.qt.parameter_panel import ParameterPanel
from gmm_desktop.qt.table_model import LEFT_OUT_COLOR, NOT_A_NUMBER, DataFrameModel

from .screenshots import screenshot_folder

HOMEWORK = MixtureParams.from_user([0.7, 0.3], [180, 165], standard_deviations=[5, 5])


# -- fixtures ------------------------------------------------------------------------------------
def heights_frame(n: int = 1000, seed: int = 0) -> pd.DataFrame:
    """The homework's sheet: sex and height; rows 5 and 9 empty, row 12 holds 'tall'."""
    rng = np.random.default_rng(seed)
    sex = rng.choice(["M", "F"], size=n, p=[0.55, 0.45])
    height = np.where(sex == "M", rng.normal(176, 6, n), rng.normal(163, 5.5, n)).round(1)
    frame = pd.DataFrame({"sex": sex.astype(object), "height": height.astype(object)})
    frame.loc[[4, 8], "height"] = None
    frame.loc[11, "height"] = "tall"
    return frame


@pytest.fixture
def heights() -> Table:
    return table_from_frame(heights_frame())


@pytest.fixture
def panel(qtbot, heights: Table) -> DataPanel:
    widget = DataPanel()
    qtbot.addWidget(widget)
    widget.set_table(heights)
    return widget


def _background(item) -> object:
    return item.background().color().name()


def _is_red(item) -> bool:
    return item.background().style() != Qt.BrushStyle.NoBrush and (
        item.background().color() == INVALID_COLOR
    )


# -- DataFrameModel ------------------------------------------------------------------------------
def test_model_counts_cell_text_and_headers(qtbot) -> None:
    frame = pd.DataFrame(
        {
            "x": [1.23456789, np.nan, 1e-7, 180.0],
            "name": ["a", None, "c", "d"],
        }
    )
    model = DataFrameModel(frame)
    assert model.rowCount() == 4 and model.columnCount() == 2
    texts = [model.data(model.index(r, 0)) for r in range(4)]
    assert texts == ["1.23457", "", "1e-07", "180"]
    assert [model.data(model.index(r, 1)) for r in range(4)] == ["a", "", "c", "d"]
    assert model.headerData(0, Qt.Orientation.Vertical) == "1"
    assert model.headerData(3, Qt.Orientation.Vertical) == "4"
    assert model.headerData(1, Qt.Orientation.Horizontal) == "name"
    assert "number" in model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "text" in model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)


def test_model_highlights_dropped_rows_and_junk_cells(qtbot) -> None:
    model = DataFrameModel(pd.DataFrame({"x": [1.0, np.nan, 3.0, np.nan]}))
    model.set_dropped_rows(np.array([1, 3]))
    model.set_junk_cells({"x": np.array([3])})
    role = Qt.ItemDataRole.BackgroundRole
    assert model.data(model.index(0, 0), role) is None
    assert model.data(model.index(1, 0), role).color() == LEFT_OUT_COLOR
    assert model.data(model.index(3, 0), role).color() == LEFT_OUT_COLOR
    assert model.data(model.index(1, 0)) == ""
    assert model.data(model.index(3, 0)) == NOT_A_NUMBER
    assert "left out" in model.data(model.index(1, 0), Qt.ItemDataRole.ToolTipRole)
    model.set_dropped_rows(None)
    assert model.data(model.index(1, 0), role) is None


def test_model_on_a_million_rows_is_fast(qtbot) -> None:
    n = 1_000_000
    frame = pd.DataFrame(
        {"a": np.arange(n, dtype=float), "b": np.random.default_rng(0).normal(size=n)}
    )
    frame["g"] = np.where(frame["a"] % 2 == 0, "x", "y").astype(object)
    start = time.perf_counter()
    model = DataFrameModel(frame)
    model.set_dropped_rows(np.arange(0, n, 1000))
    elapsed = time.perf_counter() - start
    print(f"DataFrameModel on {n:,} rows: {elapsed * 1000:.1f} ms")
    assert elapsed < 2.0
    assert model.rowCount() == n
    assert model.data(model.index(n - 1, 0)) == "999999"
    assert model.data(model.index(n - 1, 2)) == "y"
    assert model.headerData(n - 1, Qt.Orientation.Vertical) == "1000000"


# -- DataPanel -----------------------------------------------------------------------------------
def test_default_selection_is_height_with_sex_as_label(panel: DataPanel) -> None:
    assert panel.selected_columns() == ["height"]
    assert panel.label_column() == "sex"
    features = panel.features()
    assert features is not None and features.X.shape == (997, 1)
    assert panel.feature_error() is None


def test_drop_summary_in_status_and_rows_shaded(panel: DataPanel) -> None:
    assert panel.status_text() == (
        "1,000 rows · 1 column chosen · 3 rows left out: 2 with an empty cell, "
        "1 not a number (rows 5, 9, 12) · label: sex"
    )
    model = panel.model()
    assert list(model.dropped_rows()) == [4, 8, 11]
    shade = model.data(model.index(4, 1), Qt.ItemDataRole.BackgroundRole)
    assert shade.color() == LEFT_OUT_COLOR
    assert model.data(model.index(11, 1)) == NOT_A_NUMBER


def test_text_column_is_not_checkable(panel: DataPanel) -> None:
    item = panel.column_item("sex")
    assert item is not None
    assert not item.flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert item.text(1) == "text"
    assert "text" in item.toolTip(0) or "label" in item.toolTip(0)
    height = panel.column_item("height")
    assert height is not None and height.flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert height.text(1) == "number"


def test_checking_columns_emits_and_changes_selection(qtbot) -> None:
    rng = np.random.default_rng(1)
    frame = pd.DataFrame({"a": rng.normal(size=50), "b": rng.normal(size=50)})
    widget = DataPanel()
    qtbot.addWidget(widget)
    widget.set_table(table_from_frame(frame))
    assert widget.selected_columns() == ["a", "b"]
    item_b = widget.column_item("b")
    assert item_b is not None
    with qtbot.waitSignal(widget.sig_selection_changed, timeout=1000):
        item_b.setCheckState(0, Qt.CheckState.Unchecked)
    assert widget.selected_columns() == ["a"]
    assert widget.features() is not None and widget.features().columns == ["a"]
    item_a = widget.column_item("a")
    assert item_a is not None
    with qtbot.waitSignal(widget.sig_selection_changed, timeout=1000):
        item_a.setCheckState(0, Qt.CheckState.Unchecked)
    assert widget.selected_columns() == []
    assert widget.features() is None
    error = widget.feature_error()
    assert error is not None and "at least one number column" in error
    assert widget.status_text() == error
    assert "B00020" in widget._status.styleSheet()
    with qtbot.waitSignal(widget.sig_selection_changed, timeout=1000):
        item_b.setCheckState(0, Qt.CheckState.Checked)
    assert widget.selected_columns() == ["b"]
    assert widget._status.styleSheet() == ""


def test_set_selection_emits_nothing(qtbot, panel: DataPanel) -> None:
    with qtbot.assertNotEmitted(panel.sig_selection_changed):
        panel.set_selection([], None)
        panel.set_selection(["height"], "sex")
        panel.set_selection(["height"], None)
    assert panel.selected_columns() == ["height"]
    assert panel.label_column() is None
    assert panel.status_text().endswith(
        "3 rows left out: 2 with an empty cell, 1 not a number (rows 5, 9, 12)"
    )


def test_choosing_a_label_unchecks_it_as_a_feature(qtbot) -> None:
    rng = np.random.default_rng(2)
    n = 300
    group = rng.integers(1, 3, size=n).astype(float)
    frame = pd.DataFrame({"x": rng.normal(size=n), "y": rng.normal(size=n), "group": group})
    widget = DataPanel()
    qtbot.addWidget(widget)
    widget.set_table(table_from_frame(frame))
    widget.set_selection(["x", "y", "group"], None)
    assert widget.selected_columns() == ["x", "y", "group"]
    combo = widget._label_combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["(none)", "group"]
    with qtbot.waitSignal(widget.sig_selection_changed, timeout=1000):
        combo.setCurrentIndex(combo.findText("group"))
    assert widget.label_column() == "group"
    assert widget.selected_columns() == ["x", "y"]
    item = widget.column_item("group")
    assert item is not None and not item.flags() & Qt.ItemFlag.ItemIsUserCheckable
    features = widget.features()
    assert features is not None and features.label_column == "group"
    groups = widget.summary().group_stats()  # the label's groups are shown at once
    assert groups is not None and sorted(groups.names) == ["1", "2"]
    with qtbot.waitSignal(widget.sig_selection_changed, timeout=1000):
        combo.setCurrentIndex(0)
    assert widget.label_column() is None
    assert item.flags() & Qt.ItemFlag.ItemIsUserCheckable  # a feature candidate again


def test_summary_of_a_number_column_matches_pandas(panel: DataPanel, heights: Table) -> None:
    panel._columns.setCurrentItem(panel.column_item("height"))
    stats = panel.summary().number_stats()
    expected = heights.frame["height"].describe()
    assert stats is not None
    assert stats.count == expected["count"] == 997
    assert stats.mean == pytest.approx(expected["mean"])
    assert stats.sd == pytest.approx(expected["std"])
    assert stats.min == expected["min"] and stats.max == expected["max"]
    summary = panel.summary()
    assert summary.cell_text(0, 1) == "997"
    assert summary.cell_text(1, 1) == f"{expected['mean']:.6g}"
    assert summary.cell_text(2, 1) == f"{expected['std']:.6g}"


def test_summary_of_the_label_shows_groups_and_proportions(panel: DataPanel, heights) -> None:
    panel._columns.setCurrentItem(panel.column_item("sex"))
    groups = panel.summary().group_stats()
    counts = heights.frame["sex"].value_counts()
    assert groups is not None
    assert dict(zip(groups.names, groups.counts, strict=True)) == counts.to_dict()
    assert sum(groups.proportions) == pytest.approx(1.0)
    assert panel.summary().cell_text(0, 2) == f"{100 * counts.iloc[0] / counts.sum():.1f}%"
    heights_of_bars = panel.summary()._bars.opts["height"]
    assert list(heights_of_bars) == pytest.approx([100 * p for p in groups.proportions])


def test_data_panel_screenshot(qtbot, panel: DataPanel, tmp_path: Path) -> None:
    panel.resize(1000, 650)
    panel.show()
    qtbot.waitExposed(panel)
    assert panel.grab().save(str(screenshot_folder(tmp_path) / "panel_data.png"))


# -- ManualStartEditor ---------------------------------------------------------------------------
@pytest.fixture
def editor(qtbot) -> ManualStartEditor:
    widget = ManualStartEditor()
    qtbot.addWidget(widget)
    widget.set_shape(2, ["height"])
    widget.set_params(HOMEWORK)
    return widget


def _item(editor: ManualStartEditor, row: int, header: str):
    return editor.table_widget().item(row, editor.column_of(header))


def test_editor_columns_for_one_and_three_features(qtbot, editor: ManualStartEditor) -> None:
    assert editor.column_headers() == ["weight", "mean height", "sd height"]
    assert editor.is_valid() and editor.message_text() == "OK"
    editor.set_shape(2, ["a", "b", "c"])
    assert editor.column_headers() == [
        "weight", "mean a", "mean b", "mean c", "sd a", "sd b", "sd c",
        "corr a,b", "corr a,c", "corr b,c",
    ]  # fmt: skip
    assert editor.is_valid()


def test_editor_gives_what_was_typed(editor: ManualStartEditor) -> None:
    params = editor.params()
    np.testing.assert_allclose(params.weights, [0.7, 0.3])
    np.testing.assert_allclose(params.means, [[180], [165]])
    np.testing.assert_allclose(params.covariances, [[[25]], [[25]]])


def test_editor_rejects_an_sd_whose_variance_overflows(
    editor: ManualStartEditor, params_panel: ParameterPanel
) -> None:
    """Found by the long monkey run: sd 1e200 passed the editor, then building the start
    (sd squared = inf) raised inside the window's closeEvent while saving settings."""
    editor.set_cell(0, "sd height", "1e200")
    assert not editor.is_valid()
    assert editor.problem() == "component 1's sd height is too large"
    assert "too large" in _item(editor, 0, "sd height").toolTip()
    editor.set_cell(0, "sd height", "1e150")  # its square is still a finite number
    assert editor.is_valid(), editor.problem()


def test_saving_settings_never_fails_on_a_start_the_engine_refuses(
    params_panel: ParameterPanel, monkeypatch
) -> None:
    from gmm_desktop.engine import GMMInputError

    editor = params_panel._editor
    editor.set_shape(2, ["height"])
    editor.set_params(HOMEWORK)
    assert editor.is_valid()

    def refuse() -> None:
        raise GMMInputError("initial covariances must be finite numbers")

    monkeypatch.setattr(editor, "params", refuse)
    saved = params_panel.to_settings()  # what closing the window runs
    assert "init_params" not in saved and saved["n_components"] >= 1


def test_editor_builds_covariance_from_sd_and_corr(qtbot) -> None:
    editor = ManualStartEditor()
    qtbot.addWidget(editor)
    editor.set_shape(2, ["x", "y"])
    headers = ["weight", "mean x", "mean y", "sd x", "sd y", "corr x,y"]
    typed = [["0.25", "1", "2", "2", "3", "0.5"], ["0,75", "-1", "0", "1", "0.5", "-0.2"]]
    for row, texts in enumerate(typed):
        for header, text in zip(headers, texts, strict=True):
            editor.set_cell(row, header, text)
    params = editor.params()
    np.testing.assert_allclose(params.weights, [0.25, 0.75])
    np.testing.assert_allclose(params.means, [[1, 2], [-1, 0]])
    d0, r0 = np.diag([2.0, 3.0]), np.array([[1, 0.5], [0.5, 1]])
    d1, r1 = np.diag([1.0, 0.5]), np.array([[1, -0.2], [-0.2, 1]])
    np.testing.assert_allclose(params.covariances[0], d0 @ r0 @ d0)
    np.testing.assert_allclose(params.covariances[1], d1 @ r1 @ d1)


@pytest.mark.parametrize(
    ("row", "header", "text", "message"),
    [
        (0, "mean height", "abc", "component 1's mean height 'abc' is not a number"),
        (1, "sd height", "", "component 2's sd height is empty"),
        (1, "sd height", "0", "component 2's sd height must be more than 0"),
        (0, "sd height", "-2", "component 1's sd height must be more than 0"),
    ],
)
def test_editor_marks_a_bad_cell(qtbot, editor, row, header, text, message) -> None:
    with qtbot.waitSignal(editor.sig_validity_changed, timeout=1000) as blocker:
        editor.set_cell(row, header, text)
    assert blocker.args == [False]
    item = _item(editor, row, header)
    assert _is_red(item)
    assert message.lower() in item.toolTip().lower()
    assert editor.message_text().lower() == message.lower() + "."
    assert editor.problem() == message
    others = [_item(editor, r, h) for r in range(2) for h in editor.column_headers()]
    assert sum(_is_red(i) for i in others) == 1
    with pytest.raises(UserError, match=r"not a number|empty|more than 0"):
        editor.params()
    with qtbot.waitSignal(editor.sig_validity_changed, timeout=1000) as blocker:
        editor.set_cell(row, header, "5")
    assert blocker.args == [True] and not _is_red(item) and editor.message_text() == "OK"


def test_editor_weights_must_add_up_to_one_and_normalise(qtbot, editor) -> None:
    editor.set_cell(0, "weight", "0.6")
    message = "the weights add up to 0.9; they must add up to 1"
    assert editor.problem() == message
    assert editor.message_text() == "The weights add up to 0.9; they must add up to 1."
    assert _is_red(_item(editor, 0, "weight")) and _is_red(_item(editor, 1, "weight"))
    assert not _is_red(_item(editor, 0, "mean height"))
    button = editor.normalise_button()
    assert button.isEnabled()
    with qtbot.waitSignal(editor.sig_validity_changed, timeout=1000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert editor.is_valid()
    assert _item(editor, 0, "weight").text() == "0.666667"
    assert _item(editor, 1, "weight").text() == "0.333333"
    np.testing.assert_allclose(editor.params().weights, [2 / 3, 1 / 3], atol=1e-6)
    assert not button.isEnabled()


def test_editor_rejects_correlation_outside_minus_one_one(qtbot) -> None:
    editor = ManualStartEditor()
    qtbot.addWidget(editor)
    editor.set_shape(2, ["x", "y"])
    editor.set_cell(1, "corr x,y", "1")
    assert editor.problem() == "component 2's corr x,y must be between -1 and 1"
    assert _is_red(_item(editor, 1, "corr x,y"))


def test_editor_detects_impossible_correlations(qtbot) -> None:
    editor = ManualStartEditor()
    qtbot.addWidget(editor)
    editor.set_shape(2, ["a", "b", "c"])
    for header, text in (("corr a,b", "0.9"), ("corr a,c", "0.9"), ("corr b,c", "-0.9")):
        editor.set_cell(1, header, text)
    problem = editor.problem()
    assert problem is not None
    assert problem.startswith("component 2's correlations are impossible together")
    for header in ("corr a,b", "corr a,c", "corr b,c"):
        assert _is_red(_item(editor, 1, header))
        assert not _is_red(_item(editor, 0, header))
    assert not _is_red(_item(editor, 1, "sd a"))
    with pytest.raises(UserError, match="impossible together"):
        editor.params()


def test_editor_checks_while_typing(qtbot, editor: ManualStartEditor) -> None:
    editor.show()
    qtbot.waitExposed(editor)
    table = editor.table_widget()
    item = _item(editor, 0, "sd height")
    table.setCurrentItem(item)
    table.editItem(item)
    line = table.findChild(QLineEdit)
    assert line is not None
    line.selectAll()
    qtbot.keyClicks(line, "-")  # not yet committed by Enter: still checked
    assert editor.problem() == "component 1's sd height '-' is not a number"
    qtbot.keyClicks(line, "3")
    assert line.text() == "-3"  # the cursor was not disturbed by the live commits
    assert editor.problem() == "component 1's sd height must be more than 0"
    line.setText("")
    qtbot.keyClicks(line, "4")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert editor.is_valid() and item.text() == "4"


def test_editor_set_shape_keeps_values_and_fills_new_rows(qtbot, editor) -> None:
    editor.set_shape(3, ["height"])
    assert editor.n_components() == 3
    assert _item(editor, 0, "mean height").text() == "180"
    assert _item(editor, 1, "mean height").text() == "165"
    assert editor.is_valid(), editor.problem()
    np.testing.assert_allclose(editor.params().weights.sum(), 1.0)
    editor.set_shape(2, ["height"])
    np.testing.assert_allclose(editor.params().weights, [0.7, 0.3], atol=1e-5)
    editor.set_reference_data(np.array([[1.0, 10], [2, 20], [3, 30], [4, 40]]))
    editor.set_shape(2, ["height", "weight"])
    assert _item(editor, 0, "mean height").text() == "180"
    assert editor.is_valid(), editor.problem()
    assert 10 <= float(_item(editor, 0, "mean weight").text()) <= 40


def test_editor_reference_of_millions_of_rows_reads_a_bounded_sample(qtbot, editor, monkeypatch):
    """Right after a 2,000,000-row file loaded, sorting every row for the starting values'
    quantiles took most of a second on the GUI thread: a bounded, evenly spaced sample does."""
    from gmm_desktop.qt import manual_start

    rng = np.random.default_rng(8)
    X = np.c_[rng.normal(175, 8, 2_000_000), rng.normal(70, 12, 2_000_000)]
    real_quantile, rows_sorted = np.quantile, []

    def quantile(a, *args, **kwargs):
        rows_sorted.append(len(a))
        return real_quantile(a, *args, **kwargs)

    monkeypatch.setattr(np, "quantile", quantile)
    editor.set_reference_data(X)
    assert rows_sorted and max(rows_sorted) <= manual_start.REFERENCE_ROWS
    editor.set_shape(2, ["height", "weight"])  # the new column's means: quartiles 1 and 3
    for row, q in ((0, 0.25), (1, 0.75)):
        mean = float(_item(editor, row, "mean weight").text())
        assert mean == pytest.approx(real_quantile(X[:, 1], q), abs=0.2)


# -- ParameterPanel ------------------------------------------------------------------------------
@pytest.fixture
def params_panel(qtbot) -> ParameterPanel:
    widget = ParameterPanel()
    qtbot.addWidget(widget)
    return widget


def _heights_X(n: int = 400) -> np.ndarray:
    rng = np.random.default_rng(3)
    return np.concatenate([rng.normal(180, 5, int(0.7 * n)), rng.normal(165, 5, n - int(0.7 * n))])[
        :, None
    ]


def test_config_reflects_every_widget(qtbot, params_panel: ParameterPanel) -> None:
    p = params_panel
    with qtbot.waitSignal(p.sig_changed, timeout=1000):
        p._k.setValue(4)
    p._covariance.setCurrentIndex(p._covariance.findData("diag"))
    p._init.setCurrentIndex(p._init.findData("random"))
    p._seed.setValue(1234)
    p._n_init.setValue(7)
    p._max_iter.setValue(555)
    p._tol.setText("1e-5")
    p._reg.setText("0.01")
    config = p.config()
    assert (config.n_components, config.covariance_type, config.init) == (4, "diag", "random")
    assert (config.seed, config.n_init, config.max_iter) == (1234, 7, 555)
    assert config.tol == 1e-5 and config.reg_covar == 0.01 and config.init_params is None
    p._tol.setText("0")
    assert p.config().tol == 0.0
    p._tol.setText("")
    with pytest.raises(UserError, match="tolerance"):
        p.config()


def test_combo_labels_are_plain(params_panel: ParameterPanel) -> None:
    labels = [params_panel._covariance.itemText(i) for i in range(4)]
    assert "full (each component its own tilted ellipse)" in labels
    assert "tied (all components share one shape)" in labels
    starts = [params_panel._init.itemText(i) for i in range(params_panel._init.count())]
    assert "random rows from the data" in starts and "my own values" in starts
    for widget in (params_panel._k, params_panel._tol, params_panel._reg, params_panel._seed):
        assert widget.toolTip()


def test_set_config_round_trips_silently(qtbot, params_panel: ParameterPanel) -> None:
    config = FitConfig(
        n_components=3, covariance_type="tied", init="random-from-data", n_init=5,
        max_iter=2000, tol=1e-6, reg_covar=1e-4, seed=99,
    )  # fmt: skip
    with qtbot.assertNotEmitted(params_panel.sig_changed):
        params_panel.set_config(config)
    assert params_panel.config() == config
    manual = FitConfig(n_components=2, init="manual", seed=5, init_params=HOMEWORK)
    with qtbot.assertNotEmitted(params_panel.sig_changed):
        params_panel.set_config(manual)
    back = params_panel.config()
    assert back.init == "manual" and back.n_components == 2 and back.n_init == 1
    assert back.init_params is not None
    np.testing.assert_allclose(back.init_params.covariances, HOMEWORK.covariances)
    np.testing.assert_allclose(back.init_params.means, HOMEWORK.means)


def test_settings_round_trip_through_json(qtbot, params_panel: ParameterPanel) -> None:
    params_panel.set_data(_heights_X(), ["height"])
    params_panel.set_config(
        FitConfig(n_components=2, covariance_type="spherical", init="manual", seed=7,
                  max_iter=321, tol=2e-4, reg_covar=3e-5, init_params=HOMEWORK)
    )  # fmt: skip
    settings = json.loads(json.dumps(params_panel.to_settings()))
    assert settings["version"] == 1
    other = ParameterPanel()
    qtbot.addWidget(other)
    other.set_data(_heights_X(), ["height"])
    with qtbot.assertNotEmitted(other.sig_changed):
        other.from_settings(settings)
    a, b = params_panel.config(), other.config()
    assert a.with_changes(init_params=None) == b.with_changes(init_params=None)
    assert a.init_params is not None and b.init_params is not None
    np.testing.assert_allclose(a.init_params.weights, b.init_params.weights)
    np.testing.assert_allclose(a.init_params.covariances, b.init_params.covariances)


def test_from_settings_ignores_unknown_and_invalid_values(params_panel: ParameterPanel) -> None:
    before = params_panel.config()
    params_panel.from_settings(
        {"version": 9, "n_components": "many", "covariance_type": "wobbly", "init": 3,
         "seed": -5, "n_init": 1.5, "max_iter": None, "tol": -1, "reg_covar": "x",
         "init_params": {"weights": [2]}, "colour": "blue"}
    )  # fmt: skip
    assert params_panel.config() == before
    params_panel.from_settings({"n_components": 5})  # partial settings apply what they hold
    assert params_panel.config().n_components == 5
    params_panel.from_settings({"n_components": "3", "tol": "1e-4"})  # as QSettings' INI gives
    assert params_panel.config().n_components == 3 and params_panel.config().tol == 1e-4
    params_panel.from_settings("not a dict")  # type: ignore[arg-type]


def test_manual_start_with_the_homework_values(qtbot, params_panel: ParameterPanel) -> None:
    p = params_panel
    p.set_data(_heights_X(), ["height"])
    assert not p._manual_box.isVisibleTo(p)
    with qtbot.waitSignal(p.sig_changed, timeout=1000):
        p._init.setCurrentIndex(p._init.findData("manual"))
    assert p._manual_box.isVisibleTo(p)
    assert not p._n_init.isEnabled() and "one start" in p._n_init.toolTip()
    editor = p.editor()
    assert editor.column_headers() == ["weight", "mean height", "sd height"]
    for row, values in enumerate((("0.7", "180", "5"), ("0.3", "165", "5"))):
        for header, text in zip(editor.column_headers(), values, strict=True):
            editor.set_cell(row, header, text)
    config = p.config()
    assert config.init == "manual" and config.n_components == 2 and config.n_init == 1
    assert config.init_params is not None
    np.testing.assert_allclose(config.init_params.weights, [0.7, 0.3])
    np.testing.assert_allclose(config.init_params.means, [[180.0], [165.0]])
    np.testing.assert_allclose(config.init_params.covariances, [[[25.0]], [[25.0]]])
    config.validate(400, 1)
    editor.set_cell(0, "weight", "0.6")
    with pytest.raises(UserError, match=r"add up to 0\.9"):
        p.config()


def test_k_and_columns_reshape_the_manual_table(qtbot, params_panel: ParameterPanel) -> None:
    p = params_panel
    p.use_as_start(HOMEWORK)
    p.set_data(_heights_X(), ["height"])
    p._k.setValue(3)
    assert p.editor().n_components() == 3 and p.editor().is_valid()
    X2 = np.column_stack([_heights_X(), _heights_X() * 0.5])
    p.set_data(X2, ["height", "weight"])
    assert p.editor().column_headers()[-1] == "corr height,weight"
    assert p.config().init_params is not None
    assert p.config().init_params.means.shape == (3, 2)


def test_fill_from_data_and_use_as_start(qtbot, params_panel: ParameterPanel) -> None:
    p = params_panel
    assert not p._fill.isEnabled()
    p.set_data(_heights_X(), ["height"])
    p._init.setCurrentIndex(p._init.findData("manual"))
    assert p._fill.isEnabled()
    with qtbot.waitSignal(p.sig_changed, timeout=1000):
        qtbot.mouseClick(p._fill, Qt.MouseButton.LeftButton)
    start = p.config().init_params
    assert start is not None and start.n_components == 2
    assert sorted(np.round(start.means[:, 0] / 10)) == [17, 18]  # near 165 and 180
    result = MixtureParams.from_user(
        [0.5, 0.3, 0.2], [150, 170, 190], standard_deviations=[4, 5, 6]
    )
    p._init.setCurrentIndex(p._init.findData("kmeans++"))
    with qtbot.waitSignal(p.sig_changed, timeout=1000):
        p.use_as_start(result)
    config = p.config()
    assert config.init == "manual" and config.n_components == 3
    assert config.init_params is not None
    np.testing.assert_allclose(config.init_params.means[:, 0], [150, 170, 190])


def _choose_rule(qtbot, panel: ParameterPanel, rule: str) -> None:
    """Pick a stopping rule as the user does (the combo's index, sig_changed awaited)."""
    with qtbot.waitSignal(panel.sig_changed, timeout=1000):
        panel._stopping.setCurrentIndex(panel._stopping.findData(rule))


def test_stopping_rule_reaches_config_with_its_default_tolerance(
    qtbot, params_panel: ParameterPanel
) -> None:
    p = params_panel
    assert [p._stopping.itemData(i) for i in range(p._stopping.count())] == list(STOPPING_RULES)
    assert p.config().stopping == "aitken" and p.config().tol == DEFAULT_TOL["aitken"]
    _choose_rule(qtbot, p, "total-change")
    assert p.config().stopping == "total-change"
    assert p.config().tol == DEFAULT_TOL["total-change"] != DEFAULT_TOL["aitken"]
    _choose_rule(qtbot, p, "aitken")
    assert (p.config().stopping, p.config().tol) == ("aitken", DEFAULT_TOL["aitken"])
    # a tolerance the user typed stays when the rule changes
    p._tol.selectAll()
    qtbot.keyClicks(p._tol, "1e-3")
    _choose_rule(qtbot, p, "mean-change")
    assert (p.config().stopping, p.config().tol) == ("mean-change", 1e-3)


def test_stopping_rules_are_explained_in_tooltips(params_panel: ParameterPanel) -> None:
    p = params_panel
    labels = [p._stopping.itemText(i) for i in range(p._stopping.count())]
    assert labels[0] == "the likelihood's limit is reached (Aitken, recommended)"
    assert "(scikit-learn)" in labels[1] and "(homework)" in labels[2]
    tips = [p._stopping.itemData(i, Qt.ItemDataRole.ToolTipRole) for i in range(3)]
    assert all(tip and tip.startswith("EM stops when") for tip in tips)
    assert len(set(tips)) == 3 and "Aitken" in p._stopping.toolTip()
    assert p._tol.toolTip().startswith(tips[0])
    p._stopping.setCurrentIndex(2)
    assert p._tol.toolTip().startswith(tips[2])  # the tolerance explains the chosen rule
    # the long labels never widen the settings dock (the popup shows them whole)
    longest = max(p._stopping.fontMetrics().horizontalAdvance(text) for text in labels)
    assert p._stopping.sizeHint().width() < longest
    assert p._stopping.sizeHint().width() <= p._init.sizeHint().width()


def test_stopping_rule_round_trips_through_config_and_settings(
    qtbot, params_panel: ParameterPanel
) -> None:
    config = FitConfig(stopping="mean-change", tol=1e-5, seed=3)
    with qtbot.assertNotEmitted(params_panel.sig_changed):
        params_panel.set_config(config)
    assert params_panel.config() == config  # the rule's default did not replace tol 1e-5
    settings = json.loads(json.dumps(params_panel.to_settings()))
    assert settings["stopping"] == "mean-change"
    other = ParameterPanel()
    qtbot.addWidget(other)
    with qtbot.assertNotEmitted(other.sig_changed):
        other.from_settings(settings)
    assert (other.config().stopping, other.config().tol) == ("mean-change", 1e-5)
    other.from_settings({"stopping": "sometimes"})  # unknown: ignored
    assert other.config().stopping == "mean-change"


def test_new_seed_button_picks_another_seed(qtbot, params_panel: ParameterPanel) -> None:
    seeds = set()
    for _ in range(3):
        with qtbot.waitSignal(params_panel.sig_changed, timeout=1000):
            qtbot.mouseClick(params_panel._new_seed, Qt.MouseButton.LeftButton)
        seeds.add(params_panel.config().seed)
    assert len(seeds) >= 2


def test_parameter_panel_screenshots(qtbot, params_panel: ParameterPanel, tmp_path: Path) -> None:
    p = params_panel
    shots = screenshot_folder(tmp_path)
    p.set_data(_heights_X(), ["height"])
    p.resize(460, 520)
    p.show()
    qtbot.waitExposed(p)
    assert p.grab().save(str(shots / "panel_parameters.png"))
    p.use_as_start(HOMEWORK)
    assert p.grab().save(str(shots / "panel_parameters_manual.png"))
    rng = np.random.default_rng(4)
    p.set_data(rng.normal(size=(200, 3)), ["height", "weight", "age"])
    p._k.setValue(3)
    editor = p.editor()
    for header, text in (("corr height,weight", "0.9"), ("corr height,age", "0.9")):
        editor.set_cell(1, header, text)
    editor.set_cell(1, "corr weight,age", "-0.9")
    p.resize(720, 560)
    assert p.grab().save(str(shots / "panel_parameters_manual_3d.png"))


def test_results_panel_warns_of_a_small_component_in_plain_words(qtbot) -> None:
    from gmm_desktop.engine.indices import fit_indices
    from gmm_desktop.qt.results_panel import ResultsPanel

    panel = ResultsPanel()
    qtbot.addWidget(panel)
    resp = np.eye(2)[np.repeat([0, 1], [480, 20])]
    panel.show_indices(fit_indices(-900.0, 500, 2, 1, "full", resp))
    text = panel.indices_label.text()
    assert "Only 20 of 500 rows are in component 2" in text
    assert "Smallest component: 2, 20 rows (4.0%)" in text
    panel.clear()
    assert panel.indices_label.text() == "" and panel.indices_label.isHidden()


def test_results_panel_bootstraps_the_finished_fit_in_the_background(qtbot) -> None:
    from gmm_desktop.engine import backend, fit, sample_mixture
    from gmm_desktop.qt.results_panel import ResultsPanel

    backend.warm_up()
    truth = MixtureParams.from_user(
        [0.5, 0.5], [[0.0, 0.0], [6.0, 6.0]], covariances=[[[1, 0.5], [0.5, 1]]] * 2
    )
    X = sample_mixture(truth, 300, 1)[0]
    result = fit(X, FitConfig(n_components=2, seed=0))
    panel = ResultsPanel()
    qtbot.addWidget(panel)
    assert not panel.bootstrap_button.isEnabled()  # no finished fit yet
    counts = np.bincount(result.labels, minlength=2)
    panel.show_params(result.params, ["a", "b"], counts)
    panel.set_data(X)
    panel.show_fit_summary(result.final, result, running=False)
    assert panel.bootstrap_button.isEnabled() and panel.value("mean a", 0).count("(") == 0
    progress: list[int] = []
    panel.bootstrap_progress.valueChanged.connect(progress.append)
    with qtbot.waitSignal(panel._boot_slot.sig_ended, timeout=60_000):
        assert panel.start_bootstrap()
        assert panel.is_bootstrapping() and panel.bootstrap_button.text() == "Stop bootstrap"
    boot = panel.bootstrap_for(result)
    assert boot is not None and boot.complete and boot.n_done == 200
    assert progress[-1] == 1000 and progress == sorted(progress)
    se = boot.standard_error("means")[0, 0]
    low, high = (bound[0, 0] for bound in boot.interval("means"))
    assert panel.value("mean a", 0).endswith(f"({se:.4g})")
    corr_se = boot.standard_error("correlations")[1, 0, 1]
    assert panel.value("corr a,b", 1).endswith(f"({corr_se:.4g})")
    assert panel.value("points", 0) == f"{counts[0]:,}"  # counts carry no error
    row = next(r for r in range(panel.table.rowCount())
               if panel.table.verticalHeaderItem(r).text() == "mean a")  # fmt: skip
    assert panel.table.item(row, 0).toolTip() == (
        f"standard error {se:.4g}; 95% interval {low:.4g} to {high:.4g}"
    )
    assert "200 replicates, rows resampled" in panel.bootstrap_label.text()
    other = fit(X, FitConfig(n_components=2, seed=1))
    panel.show_params(other.params, ["a", "b"], counts)
    panel.show_fit_summary(other.final, other, running=False)
    assert panel.bootstrap_for(result) is None and "(" not in panel.value("mean a", 0)
    assert panel.bootstrap_label.isHidden()


def test_results_panel_bootstrap_can_be_stopped(qtbot) -> None:
    from gmm_desktop.engine import fit, sample_mixture
    from gmm_desktop.qt.results_panel import ResultsPanel

    truth = MixtureParams.from_user([0.5, 0.5], [0.0, 5.0], standard_deviations=[1.0, 1.0])
    X = sample_mixture(truth, 3000, 2)[0]
    result = fit(X, FitConfig(n_components=2, seed=0))
    panel = ResultsPanel()
    qtbot.addWidget(panel)
    panel.show_params(result.params, ["a"], None)
    panel.set_data(X)
    panel.show_fit_summary(result.final, result, running=False)
    panel.bootstrap_kind.setCurrentIndex(1)  # parametric
    assert panel.start_bootstrap()
    qtbot.waitUntil(lambda: panel.bootstrap_progress.value() > 0, timeout=60_000)
    with qtbot.waitSignal(panel._boot_slot.sig_ended, timeout=60_000):
        panel.bootstrap_button.click()  # "Stop bootstrap"
    assert panel.bootstrap_for(result) is None and "(" not in panel.value("mean a", 0)
    assert panel.bootstrap_button.text() == "Standard errors" and panel.bootstrap_button.isEnabled()
    panel.shutdown()


# -- weights and rows with empty cells (issue 21) -------------------------------------------------
def _incomplete_frame() -> pd.DataFrame:
    """x and y with 3 and 2 empty cells (one row with both), a weight column w, and a text
    column."""
    rng = np.random.default_rng(7)
    n = 60
    frame = pd.DataFrame(
        {
            "x": rng.normal(size=n),
            "y": rng.normal(size=n),
            "w": rng.integers(1, 4, size=n).astype(float),
            "note": ["a"] * n,
        }
    )
    frame.loc[[2, 5, 9], "x"] = np.nan
    frame.loc[[9, 14], "y"] = np.nan
    return frame


def test_weights_offer_number_columns_only_and_leave_the_features(qtbot) -> None:
    frame = _incomplete_frame()
    widget = DataPanel()
    qtbot.addWidget(widget)
    widget.set_table(table_from_frame(frame))
    combo = widget.weights_combo()
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "(none)",
        "x",
        "y",
        "w",
    ]
    assert widget.weight_column() is None and widget.missing_mode() == "drop"
    assert "w" in widget.selected_columns()
    with qtbot.waitSignal(widget.sig_selection_changed, timeout=1000):
        combo.setCurrentIndex(combo.findText("w"))
    assert widget.weight_column() == "w"
    assert widget.selected_columns() == ["x", "y"]
    item = widget.column_item("w")
    assert item is not None and not item.flags() & Qt.ItemFlag.ItemIsUserCheckable
    features = widget.features()
    assert features is not None and features.weight_column == "w"
    assert features.weights is not None
    assert features.weights.sum() == frame["w"].drop(index=[2, 5, 9, 14]).sum()
    assert "weights: w (sum " in widget.status_text()
    with qtbot.waitSignal(widget.sig_selection_changed, timeout=1000):
        combo.setCurrentIndex(0)
    assert widget.weight_column() is None
    assert item.flags() & Qt.ItemFlag.ItemIsUserCheckable  # a feature candidate again
    assert widget.features() is not None and widget.features().weights is None


def test_rows_with_empty_cells_are_left_out_or_used_in_the_model(qtbot) -> None:
    widget = DataPanel()
    qtbot.addWidget(widget)
    widget.set_table(table_from_frame(_incomplete_frame()), columns=["x", "y"])
    dropped = widget.features()
    assert dropped is not None and dropped.n_samples == 56 and dropped.missing == "drop"
    with qtbot.waitSignal(widget.sig_selection_changed, timeout=1000):
        widget.missing_combo().setCurrentIndex(1)
    assert widget.missing_mode() == "model"
    modelled = widget.features()
    assert modelled is not None and modelled.missing == "model"
    # row 10 has both cells empty: left out even so
    assert modelled.n_samples == 59 and modelled.cells_missing == 3
    assert modelled.rows_dropped == 1
    assert "3 empty cells to fill in the model" in widget.status_text()


def test_bad_weights_give_a_plain_message(qtbot) -> None:
    frame = _incomplete_frame()
    frame.loc[3, "w"] = -2.0
    frame.loc[6, "w"] = np.nan
    widget = DataPanel()
    qtbot.addWidget(widget)
    widget.set_table(table_from_frame(frame), columns=["x", "y"])
    combo = widget.weights_combo()
    with qtbot.waitSignal(widget.sig_selection_changed, timeout=1000):
        combo.setCurrentIndex(combo.findText("w"))
    assert widget.features() is None
    assert widget.feature_error() == "the weight in row 7 is empty"
    assert widget.status_text() == widget.feature_error()
    assert "B00020" in widget._status.styleSheet()  # shown as an error
    frame.loc[6, "w"] = 1.0
    widget.set_table(table_from_frame(frame), columns=["x", "y"], weights="w")
    assert widget.feature_error() == "the weight in row 4 is negative"
    frame.loc[3, "w"] = 1.0
    text = frame.astype(object)
    text.loc[8, "w"] = "lots"  # a number column with one cell of text
    widget.set_table(table_from_frame(text), columns=["x", "y"], weights="w")
    assert widget.weight_column() == "w"
    assert widget.feature_error() == "the weight in row 9 is not a number"


def test_the_label_and_the_weights_are_never_one_column(qtbot) -> None:
    frame = _incomplete_frame()
    frame["group"] = np.tile([1.0, 2.0], 30)
    widget = DataPanel()
    qtbot.addWidget(widget)
    widget.set_table(table_from_frame(frame), columns=["x", "y"], weights="group")
    assert widget.weight_column() == "group"
    label = widget._label_combo
    with qtbot.waitSignal(widget.sig_selection_changed, timeout=1000):
        label.setCurrentIndex(label.findText("group"))
    assert widget.label_column() == "group" and widget.weight_column() is None
    assert widget.weights_combo().currentIndex() == 0
    features = widget.features()
    assert features is not None and features.weights is None
