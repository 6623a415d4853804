"""Row weights and rows with empty cells in the window (issue 21): the Data panel's choices
reach the fit, the results, their standard errors, Choose K and its K-1 against K tests, the
exports and the sessions; what the engine cannot give them yet (the parametric bootstrap and
the K-1 against K tests of modelled empty cells, scripts, teaching) says so."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import QSettings

from gmm_desktop.engine import fit
from gmm_desktop.errors import UserError
from gmm_desktop.qt import results_panel
from gmm_desktop.qt.main_window import MainWindow
from gmm_desktop.qt.teach_view import setup_from_window

TIMEOUT = 60_000


@pytest.fixture()
def incomplete(tmp_path: Path) -> Path:
    """Two groups in x and y, about 8% of the cells empty, a frequency column freq."""
    rng = np.random.default_rng(9)
    n = 300
    z = rng.random(n) < 0.4
    frame = pd.DataFrame(
        {
            "x": np.where(z, rng.normal(0, 1, n), rng.normal(4, 1, n)).round(4),
            "y": np.where(z, rng.normal(0, 1, n), rng.normal(3, 0.8, n)).round(4),
            "freq": rng.integers(1, 4, n),
        }
    )
    holes = rng.random((n, 2)) < 0.08
    holes[holes.all(axis=1), 1] = False  # every row keeps a cell
    frame.loc[holes[:, 0], "x"] = np.nan
    frame.loc[holes[:, 1], "y"] = np.nan
    path = tmp_path / "incomplete.csv"
    frame.to_csv(path, index=False)
    return path


def _window(qtbot, tmp_path: Path, name: str = "w") -> MainWindow:  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / f"{name}.ini"), QSettings.Format.IniFormat)
    w = MainWindow(settings)
    w.setProperty("scripted", True)  # messages go to sig_error, not to dialogs
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def _open_weighted_model(qtbot, w: MainWindow, path: Path) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(w.sig_data_loaded, timeout=TIMEOUT):
        w.open_file(path, columns=["x", "y"])
    panel = w.data_panel
    panel.weights_combo().setCurrentIndex(panel.weights_combo().findText("freq"))
    panel.missing_combo().setCurrentIndex(1)  # use in the model
    assert w.features is not None and w.features.weight_column == "freq"
    assert w.features.missing == "model" and w.features.cells_missing > 0
    config = w.parameter_panel.config().with_changes(n_components=2, seed=3)
    w.parameter_panel.set_config(config)


def _fit(qtbot, w: MainWindow):  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(w.sig_fit_finished, timeout=TIMEOUT) as blocker:
        w.act_fit.trigger()
    return blocker.args[0]


def test_the_window_fits_weighted_rows_with_empty_cells_in_the_model(
    qtbot, tmp_path: Path, incomplete: Path, monkeypatch
) -> None:
    monkeypatch.setattr(results_panel, "BOOTSTRAP_REPLICATES", 4)
    w = _window(qtbot, tmp_path)
    _open_weighted_model(qtbot, w, incomplete)
    f = w.features
    assert f is not None and f.weights is not None
    result = _fit(qtbot, w)
    assert result.config.missing == "model"
    assert result.cells_filled == f.cells_missing
    assert result.sample_weight is not None and np.array_equal(result.sample_weight, f.weights)
    # the same fit as the engine's, given the same rows, weights and settings
    same = fit(f.X, result.config, sample_weight=f.weights)
    assert same.log_likelihood == pytest.approx(result.log_likelihood, rel=1e-9)
    assert result.sum_of_weights == float(f.weights.sum()) > f.n_samples
    summary = w.results_panel.summary_label.text()
    total = f"{result.sum_of_weights:,.6g}"
    assert f"n = sum of weights (freq) = {total}" in summary
    assert f"cells filled in the model: {result.cells_filled:,}" in summary
    # the component table counts each row as its weight, and says so
    grid = w.results_panel._grid
    assert grid.labels[1] == "points (sum of weights)"
    points = [float(column[1].replace(",", "")) for column in grid.cells]
    assert sum(points) == pytest.approx(result.sum_of_weights)
    # standard errors: rows resampled with their weights and their empty cells
    panel = w.results_panel
    button = panel.bootstrap_button
    assert panel.bootstrap_kind.currentData() == "nonparametric"
    assert button.isEnabled() and "not available" not in button.toolTip()
    with qtbot.waitSignal(panel.sig_bootstrap_changed, timeout=TIMEOUT) as done:
        assert panel.start_bootstrap()
    boot = done.args[1]
    assert boot is not None and boot.n_done == 4
    assert np.all(np.isfinite(boot.standard_error("means")))
    assert "bootstrap standard errors (4 replicates" in panel.bootstrap_label.text()
    # ... but no draws from the fit: those would have no empty cells
    panel.bootstrap_kind.setCurrentIndex(panel.bootstrap_kind.findData("parametric"))
    assert not button.isEnabled()
    assert "parametric bootstrap cannot draw rows with empty cells" in button.toolTip()
    assert not panel.start_bootstrap()
    panel.bootstrap_kind.setCurrentIndex(panel.bootstrap_kind.findData("nonparametric"))
    assert button.isEnabled()

    paths = w.exports.export_results(tmp_path / "out")
    assignments = pd.read_csv(next(p for p in paths if p.name == "assignments.csv"))
    assert len(assignments) == f.n_samples
    assert {"expected(x)", "expected(y)"} <= set(assignments.columns)
    assert assignments["x"].isna().sum() > 0 and assignments["expected(x)"].notna().all()
    data = w.report_actions.report_data()
    assert data.weight_column == "freq"
    with pytest.raises(UserError, match="a script cannot reproduce this fit"):
        w.report_actions.write_script(tmp_path / "fit.py")
    assert isinstance(setup_from_window(w), str)  # the teaching mode says why not
    assert "Weights to (none)" in str(setup_from_window(w))


def test_a_session_keeps_the_weights_and_the_model_choice(
    qtbot, tmp_path: Path, incomplete: Path
) -> None:
    w = _window(qtbot, tmp_path)
    _open_weighted_model(qtbot, w, incomplete)
    fitted = _fit(qtbot, w)
    saved = w.save_session(tmp_path / "s.gmm.json")
    other = _window(qtbot, tmp_path, "other")
    errors: list[str] = []
    other.sig_error.connect(errors.append)
    with qtbot.waitSignal(other.sig_session_restored, timeout=TIMEOUT):
        assert other.open_session(saved)
    assert errors == []
    assert other.data_panel.weight_column() == "freq"
    assert other.data_panel.missing_mode() == "model"
    assert other.data_panel.weights_combo().currentText() == "freq"
    assert other.features is not None and other.features.cells_missing > 0
    shown = other.result
    assert shown is not None and shown.log_likelihood == fitted.log_likelihood
    assert shown.bic == fitted.bic and shown.cells_filled == fitted.cells_filled
    assert "n = sum of weights (freq)" in other.results_panel.summary_label.text()


def test_choose_k_fits_the_weighted_model_and_refuses_the_tests_of_empty_cells(
    qtbot, tmp_path: Path, incomplete: Path
) -> None:
    w = _window(qtbot, tmp_path)
    _open_weighted_model(qtbot, w, incomplete)
    view = w.choose_k
    view.k_from.setValue(1)
    view.k_to.setValue(2)
    for name, box in view.type_boxes.items():
        box.setChecked(name == "full")
    view.restarts.setValue(1)
    with qtbot.waitSignal(view.sig_sweep_finished, timeout=TIMEOUT):
        assert view.start()
    qtbot.waitUntil(lambda: not view.is_running(), timeout=TIMEOUT)
    assert [s.n_components for s in view.scores] == [1, 2]
    f = w.features
    assert f is not None and f.weights is not None
    for score in view.scores:
        assert score.result is not None
        assert score.result.config.missing == "model"
        assert score.result.sum_of_weights == float(f.weights.sum())
        p = score.result.n_parameters
        assert score.bic == pytest.approx(
            -2 * score.log_likelihood + p * np.log(float(f.weights.sum()))
        )
    assert not view.start_tests()  # weights alone it takes (below); empty cells it cannot draw
    assert "cannot draw rows with empty cells" in view.status_label.text()


def test_choose_k_tests_k_against_k_minus_1_with_weights(
    qtbot, tmp_path: Path, incomplete: Path
) -> None:
    w = _window(qtbot, tmp_path)
    _open_weighted_model(qtbot, w, incomplete)
    w.data_panel.missing_combo().setCurrentIndex(0)  # leave incomplete rows out
    f = w.features
    assert f is not None and f.weights is not None and f.missing == "drop"
    view = w.choose_k
    view.k_from.setValue(1)
    view.k_to.setValue(2)
    for name, box in view.type_boxes.items():
        box.setChecked(name == "full")
    view.restarts.setValue(1)
    view.replicates.setValue(view.replicates.minimum())
    with qtbot.waitSignal(view.sig_sweep_finished, timeout=TIMEOUT):
        assert view.start()
    qtbot.waitUntil(lambda: not view.is_running(), timeout=TIMEOUT)
    assert view.start_tests()
    qtbot.waitUntil(lambda: not view.is_running(), timeout=TIMEOUT)
    tested = [test for test in view.tests.values() if test is not None]
    assert tested and tested[0].n_done == view.replicates.value()
    assert tested[0].n_samples == round(float(f.weights.sum()))  # n = the sum of weights


def test_the_scripted_window_takes_weights_and_missing(tmp_path: Path, incomplete: Path) -> None:
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    out = tmp_path / "out"
    args = [str(incomplete), "--columns", "x,y", "--weights", "freq", "--missing", "model"]
    done = subprocess.run(
        [sys.executable, "-m", "gmm_desktop", *args, "-k", "2", "--export", str(out), "--quit"],
        capture_output=True,
        text=True,
        timeout=240,
        cwd=tmp_path,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assignments = pd.read_csv(out / "assignments.csv")
    assert "expected(x)" in assignments.columns and "freq" in assignments.columns
    frame = pd.read_csv(incomplete)
    assert len(assignments) == len(frame)  # every row keeps a cell: none left out
    bad = subprocess.run(
        [sys.executable, "-m", "gmm_desktop", *args[:3], "--weights", "nope", "--quit"],
        capture_output=True,
        text=True,
        timeout=240,
        cwd=tmp_path,
        env=env,
    )
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert bad.stderr.count("\n") == 1 and "nope" in bad.stderr
