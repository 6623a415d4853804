"""The manual start table with many data columns: built in time linear in its cells, and not
built at all past MAX_FEATURES columns (it says why instead)."""

from __future__ import annotations

import numpy as np
import pytest

from gmm_desktop.engine.params import MixtureParams
from gmm_desktop.errors import UserError
from gmm_desktop.qt import manual_start
from gmm_desktop.qt.manual_start import MAX_FEATURES, ManualStartEditor
from gmm_desktop.qt.parameter_panel import ParameterPanel


def _names(d: int) -> list[str]:
    return [f"c{j}" for j in range(d)]


def test_header_texts_are_made_a_bounded_number_of_times_per_column(qtbot, monkeypatch) -> None:
    editor = ManualStartEditor()
    qtbot.addWidget(editor)
    calls = {"n": 0}
    for helper in ("_mean_header", "_sd_header", "_corr_header"):
        original = getattr(ManualStartEditor, helper)

        def counted(self, *args, _original=original):  # type: ignore[no-untyped-def]
            calls["n"] += 1
            return _original(self, *args)

        monkeypatch.setattr(ManualStartEditor, helper, counted)
    d, k = MAX_FEATURES, 3
    rng = np.random.default_rng(0)
    params = MixtureParams.from_user(
        np.full(k, 1 / k), rng.normal(size=(k, d)), standard_deviations=np.ones((k, d))
    )
    editor.set_shape(k, _names(d))
    editor.set_params(params)
    n_columns = len(editor.column_headers())
    assert n_columns == 1 + 2 * d + d * (d - 1) // 2
    cells = k * n_columns
    # a quadratic search (every header looked up among all the others) made ~100x more
    assert calls["n"] <= 6 * cells, f"{calls['n']} header texts for {cells} cells"
    np.testing.assert_allclose(editor.params().means, params.means, rtol=1e-5)
    assert editor.is_valid()


@pytest.mark.timeout(60)  # a hang guard only: 200 columns took almost a minute before
def test_500_columns_build_no_table_and_say_why(qtbot) -> None:
    editor = ManualStartEditor()
    qtbot.addWidget(editor)
    editor.set_shape(2, _names(500))
    table = editor.table_widget()
    assert table.columnCount() == 0
    assert not editor.is_valid()
    problem = editor.problem()
    assert problem is not None and str(MAX_FEATURES) in problem and "500" in problem
    assert str(MAX_FEATURES) in editor.message_text()
    with pytest.raises(UserError, match=str(MAX_FEATURES)):
        editor.params()
    # fewer columns again: the table comes back, filled and valid
    editor.set_shape(2, _names(2))
    assert editor.column_headers() == [
        "weight", "mean c0", "mean c1", "sd c0", "sd c1", "corr c0,c1",
    ]  # fmt: skip
    assert editor.is_valid(), editor.problem()


@pytest.mark.timeout(60)
def test_the_settings_panel_takes_data_with_500_columns(qtbot) -> None:
    panel = ParameterPanel()
    qtbot.addWidget(panel)
    X = np.random.default_rng(1).normal(size=(50, 500))
    panel.set_data(X, _names(500))
    assert panel.config().init != "manual"  # the default start still works
    assert "init_params" not in panel.to_settings()
    assert manual_start.MAX_FEATURES < 500
