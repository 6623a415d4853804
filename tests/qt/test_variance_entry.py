"""Typing starting (or true) values as variances and covariances, and starting values that
come from the data (its quantiles) rather than 0, 2 and 1."""

from __future__ import annotations

import numpy as np
import pytest

from gmm_desktop.engine import MixtureParams
from gmm_desktop.engine.synthetic import PRESETS
from gmm_desktop.qt.manual_start import ManualStartEditor, convert_row
from gmm_desktop.qt.parameter_panel import ParameterPanel
from gmm_desktop.qt.synthetic_dialog import SyntheticDialog


def _item(editor: ManualStartEditor, row: int, header: str):  # type: ignore[no-untyped-def]
    return editor.table_widget().item(row, editor.column_of(header))


@pytest.fixture
def editor(qtbot) -> ManualStartEditor:
    widget = ManualStartEditor()
    qtbot.addWidget(widget)
    widget.set_shape(2, ["a", "b"])
    return widget


def test_typed_variances_and_covariances_are_the_covariance_exactly(qtbot, editor) -> None:
    editor.variance_checkbox.setChecked(True)
    assert editor.variance_mode()
    assert editor.column_headers() == ["weight", "mean a", "mean b", "var a", "var b", "cov a,b"]
    for row, (var_a, var_b, cov) in enumerate((("4", "9", "3"), ("0.25", "1", "-0.1"))):
        editor.set_cell(row, "weight", "0.5")
        editor.set_cell(row, "mean a", str(row))
        editor.set_cell(row, "mean b", str(2 * row))
        editor.set_cell(row, "var a", var_a)
        editor.set_cell(row, "var b", var_b)
        editor.set_cell(row, "cov a,b", cov)
    assert editor.is_valid(), editor.problem()
    params = editor.params()
    np.testing.assert_array_equal(params.covariances[0], [[4.0, 3.0], [3.0, 9.0]])
    np.testing.assert_array_equal(params.covariances[1], [[0.25, -0.1], [-0.1, 1.0]])
    # sd 2 and 3, correlation 3 / (2 * 3) = 0.5; sd 0.5 and 1, correlation -0.2
    np.testing.assert_array_equal(params.standard_deviations, [[2.0, 3.0], [0.5, 1.0]])
    assert params.correlations[0, 0, 1] == 0.5 and params.correlations[1, 0, 1] == -0.2
    # switching back shows the same mixture as sds and correlations, converted exactly
    editor.variance_checkbox.setChecked(False)
    assert editor.column_headers() == ["weight", "mean a", "mean b", "sd a", "sd b", "corr a,b"]
    assert [_item(editor, 0, h).text() for h in ("sd a", "sd b", "corr a,b")] == ["2", "3", "0.5"]
    assert [_item(editor, 1, h).text() for h in ("sd a", "sd b", "corr a,b")] == [
        "0.5",
        "1",
        "-0.2",
    ]
    assert _item(editor, 1, "mean b").text() == "2"  # means and weights are kept
    np.testing.assert_array_equal(editor.params().covariances, params.covariances)


def test_sds_and_correlations_convert_to_variances_and_back(qtbot, editor) -> None:
    start = MixtureParams.from_user(
        [0.3, 0.7],
        [[0, 0], [5, 5]],
        covariances=[[[2.25, 0.9], [0.9, 4.0]], [[1.0, -0.3], [-0.3, 0.36]]],
    )
    editor.set_params(start)
    before = editor.params()
    editor.set_variance_mode(True)
    assert _item(editor, 0, "var a").text() == "2.25"
    assert _item(editor, 0, "cov a,b").text() == "0.9"
    assert _item(editor, 1, "var b").text() == "0.36"
    np.testing.assert_allclose(editor.params().covariances, before.covariances, rtol=1e-12)
    editor.set_variance_mode(False)
    np.testing.assert_allclose(editor.params().covariances, before.covariances, rtol=1e-12)
    assert convert_row([None, 4.0], [0.5], [(0, 1)], to_variance=True) == (["", "16"], [""])
    # a negative variance (an error the message names) is not converted into a number
    assert convert_row([-4.0, 9.0], [1.0], [(0, 1)], to_variance=False) == (["", "3"], [""])
    editor.set_variance_mode(True)
    editor.set_cell(0, "var a", "-1")
    editor.set_variance_mode(False)  # no crash; the cell is empty and said so
    assert _item(editor, 0, "sd a").text() == "" and not editor.is_valid()


def test_impossible_covariances_are_said_in_plain_words(qtbot, editor) -> None:
    start = MixtureParams.from_user([0.5, 0.5], [[0, 0], [1, 1]], standard_deviations=[1, 1])
    editor.set_params(start)
    editor.set_variance_mode(True)
    editor.set_cell(0, "cov a,b", "1.5")  # larger than sqrt(1 * 1): no real data
    assert not editor.is_valid()
    assert editor.problem() == (
        "component 1's variances and covariances are impossible together (no real data can "
        "have them); make the covariances smaller"
    )
    editor.set_cell(0, "cov a,b", "0.5")
    editor.set_cell(1, "var b", "0")
    assert editor.problem() == "component 2's var b must be more than 0"


def test_the_synthetic_dialog_takes_true_variances_and_covariances(qtbot) -> None:
    dialog = SyntheticDialog()
    qtbot.addWidget(dialog)
    dialog.preset_combo.setCurrentIndex(dialog.preset_combo.findData("2d"))
    truth = PRESETS["2d"].params
    np.testing.assert_array_equal(dialog.spec().params.covariances, truth.covariances)
    dialog.editor.variance_checkbox.setChecked(True)
    assert "var x1" in dialog.editor.column_headers()
    # the preset's own values, not its sds rounded to 6 digits and squared
    assert _item(dialog.editor, 0, "var x1").text() == f"{truth.covariances[0, 0, 0]:.6g}"
    assert _item(dialog.editor, 0, "cov x1,x2").text() == f"{truth.covariances[0, 0, 1]:.6g}"
    np.testing.assert_array_equal(dialog.spec().params.covariances, truth.covariances)
    dialog.editor.set_cell(0, dialog.editor.column_headers()[-1], "0")  # cov x1,x2 of group 1
    assert dialog.spec().params.covariances[0, 0, 1] == 0.0


def test_default_manual_start_comes_from_the_data_quantiles(qtbot) -> None:
    panel = ParameterPanel()
    qtbot.addWidget(panel)
    rng = np.random.default_rng(3)
    X = rng.normal(170.0, 10.0, (500, 1))
    panel.set_data(X, ["height"])
    editor = panel.editor()
    assert editor.n_components() == 2
    means = [float(_item(editor, r, "mean height").text()) for r in range(2)]
    np.testing.assert_allclose(means, np.quantile(X[:, 0], [0.25, 0.75]), rtol=1e-5)
    sds = [float(_item(editor, r, "sd height").text()) for r in range(2)]
    np.testing.assert_allclose(sds, X[:, 0].std() / 2, rtol=1e-5)
    # new data of the same column name: the untouched start follows the new data
    Y = rng.normal(20.0, 2.0, (400, 1))
    panel.set_data(Y, ["height"])
    means = [float(_item(editor, r, "mean height").text()) for r in range(2)]
    np.testing.assert_allclose(means, np.quantile(Y[:, 0], [0.25, 0.75]), rtol=1e-5)
    # a typed value is the user's: new data keeps it
    editor.set_cell(0, "mean height", "18")
    panel.set_data(X, ["height"])
    assert _item(editor, 0, "mean height").text() == "18"
