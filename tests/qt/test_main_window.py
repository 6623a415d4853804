"""The real main window: load, choose columns, fit, watch, pause/step/stop, replay, close."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import QSettings, QTimer

from gmm_desktop.engine import FitConfig
from gmm_desktop.engine.stopping import DEFAULT_TOL
from gmm_desktop.io.demo import demo_path
from gmm_desktop.qt.main_window import SPEEDS, MainWindow
from gmm_desktop.qt.runs_panel import STARTS_COLUMN

TIMEOUT = 60_000


def _write(path: Path, frame: pd.DataFrame) -> Path:
    frame.to_csv(path, index=False)
    return path


@pytest.fixture()
def heights(tmp_path: Path) -> Path:
    rng = np.random.default_rng(1)
    return _write(
        tmp_path / "heights.csv",
        pd.DataFrame(
            {
                "sex": ["M"] * 300 + ["F"] * 200,
                "height": np.r_[rng.normal(176, 8, 300), rng.normal(164, 6, 200)].round(1),
            }
        ),
    )


@pytest.fixture()
def clusters3d(tmp_path: Path) -> Path:
    rng = np.random.default_rng(2)
    centres = np.array([[0, 0, 0], [6, 0, 0], [0, 6, 0], [0, 0, 6]], dtype=float)
    X = np.concatenate([rng.normal(c, 1.0, size=(150, 3)) for c in centres])
    return _write(tmp_path / "c3.csv", pd.DataFrame(X, columns=["a", "b", "c"]))


@pytest.fixture()
def window(qtbot, tmp_path: Path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(settings)
    w.setProperty("scripted", True)  # errors go to the status line, not modal dialogs
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close()


def load(qtbot, window: MainWindow, path: Path, **kwargs) -> None:
    with qtbot.waitSignal(window.sig_data_loaded, timeout=TIMEOUT):
        window.open_file(path, **kwargs)


def fit_and_wait(qtbot, window: MainWindow):
    with qtbot.waitSignal(window.sig_fit_finished, timeout=TIMEOUT) as blocker:
        window.act_fit.trigger()
    return blocker.args[0]


def set_config(window: MainWindow, **changes) -> None:
    panel = window.parameter_panel
    panel.set_config(panel.config().with_changes(**changes))


def test_fit_heights_fills_plots_table_and_status(qtbot, window, heights):
    load(qtbot, window, heights, columns=["height"], label="sex")
    assert window.features is not None and window.features.columns == ["height"]
    set_config(window, n_components=2, seed=0)
    result = fit_and_wait(qtbot, window)
    assert result.params.n_components == 2
    plots = window.plots
    x, y = plots.density.mixture_curve.getData()
    assert len(x) > 50 and np.all(np.isfinite(y)) and y.max() > 0
    table = window.results_panel.table
    assert table.columnCount() == 2  # a column per component, a row per parameter
    assert [table.verticalHeaderItem(r).text() for r in range(table.rowCount())] == [
        "weight",
        "points",
        "mean height",
        "sd height",
    ]
    assert float(window.results_panel.value("weight", 1)) == pytest.approx(
        result.params.weights[1], abs=1e-4
    )
    counts = [int(window.results_panel.value("points", j).replace(",", "")) for j in range(2)]
    assert sum(counts) == len(window.features.X)
    text = window.results_panel.table_text().splitlines()
    assert text[0] == "parameter\tcomponent 1\tcomponent 2" and text[3].startswith("mean height\t")
    assert "Converged" in window.status_label.text()
    plots.setCurrentWidget(plots.likelihood)  # hidden tabs are drawn when shown
    ll = plots.likelihood.curve.getData()[1]
    assert np.allclose(ll, [s.log_likelihood for s in result.history])
    assert window.replay_slider.isEnabled()
    assert window.replay_slider.maximum() == len(result.history) - 1


def test_results_panel_shows_the_indices_of_the_finished_fit(qtbot, window, heights):
    load(qtbot, window, heights, columns=["height"], label="sex")
    set_config(window, n_components=2, seed=0)
    result = fit_and_wait(qtbot, window)
    label = window.results_panel.indices_label
    ix = result.indices
    assert label.isVisible()
    text = label.text()
    assert "Free parameters 5 (weights 1, means 2, covariances 2)" in text
    assert f"SABIC {ix.sabic:.6g}" in text and f"AWE {ix.awe:.6g}" in text
    assert f"ICL {ix.icl:.6g} (mclust's convention)" in text
    assert f"Relative entropy {ix.relative_entropy:.3f}" in text
    assert f"{ix.smallest_class_count:,} rows ({ix.smallest_class_percent:.1f}%)" in text
    assert "opposite sign" in text and "Only" not in text  # no small class here
    window.replay_slider.setValue(0)  # a replayed step is not the fit: no indices
    assert not label.isVisible()
    window.replay_slider.setValue(window.replay_slider.maximum())
    assert label.isVisible()


def test_2d_ellipses_and_3d_points(qtbot, window, clusters3d):
    load(qtbot, window, clusters3d, columns=["a", "b", "c"])
    set_config(window, n_components=4, seed=0)
    result = fit_and_wait(qtbot, window)
    window.plots.setCurrentWidget(window.plots.ellipses)
    ellipses = [item for item in window.plots.ellipses.ellipse_items if item.isVisible()]
    assert len(ellipses) == 2 * 4
    window.plots.setCurrentWidget(window.plots.scatter3d)
    assert window.plots.scatter3d is not None
    assert window.plots.scatter3d.scatter_item.pos.shape == (600, 3)
    assert result.params.n_features == 3


def test_hidden_tabs_are_drawn_when_shown(qtbot, window, clusters3d):
    """Only the shown tab is redrawn per iteration, replay step or final result; another tab
    gets the newest model the moment it is shown, never an old one."""
    load(qtbot, window, clusters3d, columns=["a", "b", "c"])
    plots = window.plots
    plots.setCurrentWidget(plots.density)
    set_config(window, n_components=4, seed=0)
    result = fit_and_wait(qtbot, window)
    assert plots.likelihood.curve.getData()[1] is None  # not drawn while hidden
    plots.setCurrentWidget(plots.likelihood)
    ll = plots.likelihood.curve.getData()[1]
    assert np.allclose(ll, [s.log_likelihood for s in result.history])
    window.replay_slider.setValue(1)  # replay while the likelihood tab is shown
    plots.setCurrentWidget(plots.ellipses)
    means = np.array([item.getData()[0].mean() for item in plots.ellipses.ellipse_items[::2]])
    expected = result.history[1].params.means[:, 0]
    assert np.allclose(np.sort(means), np.sort(expected), atol=0.05 * np.ptp(expected))
    for view in plots.data_views:  # as "Export all plots" does: each tab shown in turn
        plots.setCurrentWidget(view)
    assert plots._stale <= {plots.parameters}


def test_live_redraws_colour_points_with_the_engines_labels(qtbot, window, clusters3d, monkeypatch):
    """A live redraw takes the rows' labels from the worker's E-step pass: the GUI thread runs
    no pass of its own over the data (at a million rows that was a 25-70 ms stall)."""
    import dataclasses

    import gmm_desktop.qt.fit_display as fit_display_module
    import gmm_desktop.qt.main_window as main_window_module

    load(qtbot, window, clusters3d, columns=["a", "b", "c"])
    set_config(window, n_components=4, seed=0, tol=0.0, max_iter=40)
    passes: list[str] = []

    def no_pass(*_args, **_kwargs):
        passes.append("GUI-thread pass")
        raise AssertionError("the GUI thread computed labels itself")

    # the window's only way to label rows itself is its backend's labels() (in FitDisplay)
    engine = dataclasses.replace(main_window_module.ready(), labels=no_pass)
    monkeypatch.setattr(main_window_module, "ready", lambda: engine)
    monkeypatch.setattr(fit_display_module, "ready", lambda: engine)
    drawn: list[int] = []
    original = window.display.show_snapshot
    monkeypatch.setattr(
        window.display, "show_snapshot", lambda i, **kw: (drawn.append(i), original(i, **kw))
    )
    result = fit_and_wait(qtbot, window)
    assert drawn and not passes
    window.plots.setCurrentWidget(window.plots.scatter3d)
    assert window.plots.scatter3d is not None
    colours = window.plots.scatter3d.scatter_item.color[:, :3].round(4)
    by_label = {int(k): {tuple(c) for c in colours[result.labels == k]} for k in range(4)}
    assert all(len(c) == 1 for c in by_label.values())  # one colour per fitted component
    assert len({next(iter(c)) for c in by_label.values()}) == 4


def test_step_pause_stop(qtbot, window, heights):
    load(qtbot, window, heights, columns=["height"])
    set_config(window, n_components=2, tol=0.0, max_iter=500)
    with qtbot.waitSignal(window.runner.sig_snapshot, timeout=TIMEOUT) as first:
        window.act_step.trigger()  # starts paused, shows iteration 0
    assert first.args[0].iteration == 0
    assert window.runner.is_paused()
    for expected in (1, 2):
        with qtbot.waitSignal(window.runner.sig_snapshot, timeout=TIMEOUT) as blocker:
            window.act_step.trigger()
        assert blocker.args[0].iteration == expected
    with qtbot.waitSignal(window.sig_fit_finished, timeout=TIMEOUT) as done:
        window.act_stop.trigger()
    assert done.args[0].n_iter == 2 and not done.args[0].converged
    # the worker's thread ends just after its result arrives (it was asserted at once: racy)
    qtbot.waitUntil(lambda: not window.runner.is_running(), timeout=TIMEOUT)


def test_pause_and_resume(qtbot, window, heights):
    load(qtbot, window, heights, columns=["height"])
    set_config(window, n_components=2, tol=0.0, max_iter=200)
    window.speed_combo.setCurrentIndex(len(SPEEDS) - 2)  # 4 iterations a second
    with qtbot.waitSignal(window.runner.sig_snapshot, timeout=TIMEOUT):
        window.act_fit.trigger()
    window.act_pause.trigger()
    assert window.runner.is_paused() and window.act_pause.text() == "&Resume"
    window.speed_combo.setCurrentIndex(0)
    with qtbot.waitSignal(window.sig_fit_finished, timeout=TIMEOUT):
        window.act_pause.trigger()
    assert len(window.result.history) == 201


def test_replay_shows_earlier_iterations(qtbot, window, heights):
    load(qtbot, window, heights, columns=["height"])
    set_config(window, n_components=2, init="random-from-data", seed=3)
    result = fit_and_wait(qtbot, window)
    window.replay_slider.setValue(0)
    first_mean = float(window.results_panel.value("mean height", 0))
    assert first_mean == pytest.approx(result.history[0].means[0, 0], rel=1e-3)
    assert window.replay_label.text().startswith("0 of")


def test_event_loop_stays_responsive_during_a_large_fit(qtbot, window, tmp_path):
    rng = np.random.default_rng(5)
    X = np.concatenate([rng.normal(m, 1.0, size=(50_000, 2)) for m in (0, 4, 8, 12)])
    path = _write(tmp_path / "big.csv", pd.DataFrame(X, columns=["x", "y"]))
    load(qtbot, window, path)
    set_config(window, n_components=4, tol=0.0, max_iter=200)
    ticks = []
    probe = QTimer()
    probe.setInterval(20)
    # count only the ticks that came while EM ran in its thread
    probe.timeout.connect(lambda: ticks.append(1) if window.runner.is_running() else None)
    probe.start()
    try:
        fit_and_wait(qtbot, window)
    finally:
        probe.stop()
    assert len(ticks) >= 3  # the GUI thread kept turning while EM ran


def test_closing_mid_fit_stops_the_worker(qtbot, tmp_path, heights):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.show()
    load(qtbot, w, heights, columns=["height"])
    set_config(w, n_components=2, tol=0.0, max_iter=10_000)
    w.speed_combo.setCurrentIndex(len(SPEEDS) - 1)  # one iteration a second
    with qtbot.waitSignal(w.runner.sig_snapshot, timeout=TIMEOUT):
        w.act_fit.trigger()
    w.close()
    assert not w.runner.is_running()


def test_new_data_cancels_the_old_fit(qtbot, window, heights, clusters3d):
    load(qtbot, window, heights, columns=["height"])
    set_config(window, n_components=2, tol=0.0, max_iter=10_000)
    window.speed_combo.setCurrentIndex(len(SPEEDS) - 1)
    with qtbot.waitSignal(window.runner.sig_snapshot, timeout=TIMEOUT):
        window.act_fit.trigger()
    with qtbot.assertNotEmitted(window.sig_fit_finished):
        load(qtbot, window, clusters3d)
    assert not window.runner.is_running()
    assert window.result is None and window.snapshots == []


def test_bad_settings_give_a_plain_message(qtbot, window, heights):
    load(qtbot, window, heights, columns=["height"])
    set_config(window, n_components=2)
    window.parameter_panel.set_config(FitConfig(n_components=30))
    small = heights.parent / "small.csv"
    _write(small, pd.DataFrame({"v": [1.0, 2.0, 3.0]}))
    load(qtbot, window, small)
    with qtbot.waitSignal(window.sig_error, timeout=TIMEOUT) as blocker:
        window.act_fit.trigger()
    assert "rows" in blocker.args[0]
    assert not window.runner.is_running()


def test_settings_and_recent_files_are_remembered(qtbot, tmp_path, heights):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    w = MainWindow(settings)
    qtbot.addWidget(w)
    load(qtbot, w, heights, columns=["height"])
    w.parameter_panel.set_config(FitConfig(n_components=3, covariance_type="diag"))
    w.close()
    again = MainWindow(settings)
    qtbot.addWidget(again)
    assert str(heights) in again.recent_files()
    config = again.parameter_panel.config()
    assert config.n_components == 3 and config.covariance_type == "diag"
    again.close()


def test_bad_file_is_reported_not_raised(qtbot, window, tmp_path):
    junk = tmp_path / "junk.csv"
    junk.write_bytes(bytes(range(256)) * 10)
    with qtbot.waitSignal(window.sig_error, timeout=TIMEOUT) as blocker:
        window.open_file(junk)
    assert "junk.csv" in blocker.args[0]


def test_status_says_how_many_starts_reached_the_best(qtbot, window, heights):
    load(qtbot, window, heights, columns=["height"])
    set_config(window, n_components=2, seed=0)
    window.parameter_panel._n_init.setValue(2)
    result = fit_and_wait(qtbot, window)
    assert result.n_starts == 6  # three short runs per restart
    expected = f"best reached by {result.starts_reaching_best} of 6 starts"
    assert expected in window.status_label.text()


def choose_rule(qtbot, window: MainWindow, rule: str) -> None:
    """Pick a stopping rule in Fit settings as the user does."""
    combo = window.parameter_panel._stopping
    with qtbot.waitSignal(window.parameter_panel.sig_changed, timeout=TIMEOUT):
        combo.setCurrentIndex(combo.findData(rule))


def test_stopping_rule_chosen_in_the_window_reaches_the_fit(qtbot, window):
    load(qtbot, window, demo_path("heights"), columns=["height"])
    set_config(window, n_components=2, seed=0)
    choose_rule(qtbot, window, "total-change")
    result = fit_and_wait(qtbot, window)
    assert result.config.stopping == "total-change"
    assert result.config.tol == DEFAULT_TOL["total-change"]
    assert window.runs_panel.runs()[-1][1].config.stopping == "total-change"
    choose_rule(qtbot, window, "aitken")
    assert fit_and_wait(qtbot, window).config.stopping == "aitken"


def test_choose_k_stops_by_the_fit_settings_rule(qtbot, window):
    load(qtbot, window, demo_path("heights"), columns=["height"])
    choose_rule(qtbot, window, "mean-change")
    window.parameter_panel._tol.selectAll()
    qtbot.keyClicks(window.parameter_panel._tol, "1e-4")
    view = window.choose_k
    view.k_from.setValue(1)
    view.k_to.setValue(2)
    for ct, box in view.type_boxes.items():
        box.setChecked(ct == "full")
    with qtbot.waitSignal(view.sig_sweep_finished, timeout=TIMEOUT):
        assert view.start()
    qtbot.waitUntil(lambda: not view.is_running(), timeout=TIMEOUT)
    configs = [s.result.config for s in view.scores if s.result is not None]
    assert len(configs) == 2
    assert all((c.stopping, c.tol) == ("mean-change", 1e-4) for c in configs)


def test_results_panel_and_runs_list_say_m_of_n_starts(qtbot, window):
    load(qtbot, window, demo_path("heights"), columns=["height"])
    set_config(window, n_components=2, seed=0, n_init=10)
    result = fit_and_wait(qtbot, window)
    m, n = result.starts_reaching_best, result.n_starts
    assert n == 30 and m > 1
    assert window.results_panel.starts_label.text() == f"Starts reaching the best: {m} of {n}"
    item = window.runs_panel.table.item(0, STARTS_COLUMN)
    assert item is not None and item.text() == f"{m} of {n}"


def test_menu_export_never_overwrites_the_data_file(qtbot, window, tmp_path, monkeypatch):
    """Data saved as parameters.csv, exported into its own folder from the menu: the export is
    refused in words (status line and a message box), the data file is left as it was."""
    from PySide6.QtWidgets import QMessageBox

    folder = tmp_path / "data"
    folder.mkdir()
    rng = np.random.default_rng(5)
    data = _write(folder / "parameters.csv", pd.DataFrame({"x": rng.normal(size=200)}))
    before = data.read_bytes()
    load(qtbot, window, data, columns=["x"])
    set_config(window, n_components=2, seed=0)
    fit_and_wait(qtbot, window)
    from gmm_desktop.qt import window_exports

    monkeypatch.setattr(
        window_exports.QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder)
    )
    window.setProperty("scripted", False)  # the real window shows a message box
    errors: list[str] = []
    window.sig_error.connect(errors.append)
    window.act_export.trigger()
    assert data.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["parameters.csv"]
    assert len(errors) == 1 and "is the data file you opened" in errors[0], errors
    assert "is the data file you opened" in window.status_label.text()
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert [b.text() for b in boxes] == errors
    for box in boxes:
        box.close()


@pytest.fixture()
def slow_warm_up(monkeypatch):
    """The fast engine's warm-up, held until the test sets the returned event."""
    import threading

    from gmm_desktop.engine import backend

    gate, warm = threading.Event(), threading.Event()

    def warm_up():
        gate.wait(TIMEOUT / 1000)
        warm.set()
        return backend.REFERENCE

    monkeypatch.setattr(backend, "warm_up", warm_up)
    monkeypatch.setattr(backend, "is_warm", warm.is_set)
    yield gate
    gate.set()  # never leave the window's shutdown waiting on it


def _many_rows(tmp_path: Path, monkeypatch) -> Path:
    """Data above the row count that waits for the fast engine (lowered to keep the test quick)."""
    from gmm_desktop.qt import engine_warm_up

    monkeypatch.setattr(engine_warm_up, "WAIT_FOR_ENGINE_ROWS", 1_000)
    rng = np.random.default_rng(6)
    return _write(tmp_path / "many.csv", pd.DataFrame({"x": rng.normal(size=3_000)}))


def test_big_fit_started_during_the_warm_up_waits_for_it(
    qtbot, window, tmp_path, monkeypatch, slow_warm_up
):
    """A big fit clicked while the fast engine compiles ran on the numpy engine (128 s instead
    of 21 s on 2,000,000 rows): it now says it waits, and starts when the warm-up ends."""
    from gmm_desktop.engine import backend

    load(qtbot, window, _many_rows(tmp_path, monkeypatch), columns=["x"])
    set_config(window, n_components=2, seed=0, max_iter=20)
    started_warm: list[bool] = []
    real_start = window.runner.start

    def start(*args, **kwargs):
        started_warm.append(backend.is_warm())
        return real_start(*args, **kwargs)

    monkeypatch.setattr(window.runner, "start", start)
    window.start_engine_warm_up()
    assert window.start_fit()
    assert not window.runner.is_running() and started_warm == []
    assert window.status_label.text() == (
        "Preparing the fast engine… the fit starts as soon as it is ready."
    )
    assert window.act_stop.isEnabled()
    with qtbot.waitSignal(window.sig_fit_finished, timeout=TIMEOUT):
        slow_warm_up.set()
    assert started_warm == [True]


def test_stop_cancels_a_fit_waiting_for_the_warm_up(
    qtbot, window, tmp_path, monkeypatch, slow_warm_up
):
    load(qtbot, window, _many_rows(tmp_path, monkeypatch), columns=["x"])
    window.start_engine_warm_up()
    assert window.start_fit()
    window.act_stop.trigger()
    assert window.status_label.text() == "Preparing the fast engine…"
    assert not window.act_stop.isEnabled()
    slow_warm_up.set()
    qtbot.waitUntil(lambda: not window.warm_up.is_running(), timeout=TIMEOUT)
    assert not window.runner.is_running() and window.result is None


def test_exported_parameters_carry_the_bootstrap_of_the_shown_fit(qtbot, window, heights, tmp_path):
    load(qtbot, window, heights, columns=["height"], label="sex")
    set_config(window, n_components=2, seed=0)
    result = fit_and_wait(qtbot, window)
    panel = window.results_panel
    assert panel.bootstrap_button.isEnabled()
    with qtbot.waitSignal(panel._boot_slot.sig_ended, timeout=TIMEOUT):
        assert panel.start_bootstrap()
    assert panel.bootstrap_for(result) is not None
    assert "(" in panel.value("mean height", 0)
    window.export_results(tmp_path / "with_se")
    table = pd.read_csv(tmp_path / "with_se" / "parameters.csv", encoding="utf-8-sig")
    boot = panel.bootstrap_for(result)
    assert boot is not None
    assert table["se_mean(height)"].to_numpy() == pytest.approx(boot.standard_error("means")[:, 0])
    assert "ci_high_weight" in table.columns
    plots = window.plots
    assert plots.tabText(plots.indexOf(plots.profile)) == "Profile"
    plots.setCurrentWidget(plots.profile)  # drawn when shown, with the bootstrap's intervals
    assert plots.profile.lines[0].isVisible() and plots.profile.error_bars[0].isVisible()


@pytest.mark.parametrize("key", ["clusters_3d", "iris", "heights"])
def test_a_demo_opens_with_its_catalogs_columns_label_and_k(qtbot, window, key):
    from gmm_desktop.io.demo import demo_sets

    demo = next(d for d in demo_sets() if d.key == key)
    with qtbot.waitSignal(window.sig_data_loaded, timeout=TIMEOUT):
        window.open_demo(key)
    assert window.features is not None
    assert window.features.columns == list(demo.columns)
    assert window.features.label_column == demo.label
    assert window.parameter_panel.config().n_components == demo.n_components
    result = fit_and_wait(qtbot, window)
    assert result.params.n_components == demo.n_components
