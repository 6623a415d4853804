"""The scripted run of the real window (`gmm-desktop FILE --run --export DIR --quit`) and
sessions saved from one window and opened in a fresh one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QImage

from gmm_desktop.io.demo import demo_path
from gmm_desktop.qt.main_window import MainWindow

TIMEOUT = 60_000


def run_app(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)  # the 3-D view needs the real (Xvfb) display
    env["XDG_CONFIG_HOME"] = str(cwd / "config")  # do not touch the user's settings
    env["XDG_DATA_HOME"] = str(cwd / "data")
    return subprocess.run(
        [sys.executable, "-m", "gmm_desktop", *args],
        capture_output=True,
        text=True,
        timeout=240,
        cwd=cwd,
        env=env,
    )


def distinct_colours(path: Path) -> tuple[int, int, int]:
    image = QImage(str(path))
    assert not image.isNull(), f"{path.name} is not an image"
    colours = set()
    step = max(1, image.width() // 200)
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            colours.add(image.pixel(x, y))
    return image.width(), image.height(), len(colours)


@pytest.mark.parametrize(
    ("demo", "columns", "k", "pictures"),
    [
        ("heights", "height", 2, ["density.png"]),
        ("clusters_2d", None, 2, ["density.png", "ellipses.png"]),
        ("clusters_3d", None, 4, ["density.png", "ellipses.png", "scatter3d.png"]),
    ],
)
def test_scripted_run_exports_csvs_and_pictures(tmp_path, demo, columns, k, pictures):
    out = tmp_path / "report"
    args = [str(demo_path(demo)), "-k", str(k), "--run", "--export", str(out), "--quit"]
    if columns:
        args[1:1] = ["--columns", columns]
    run = run_app(*args, cwd=tmp_path)
    assert run.returncode == 0, run.stderr[-2000:]
    expected = ["parameters.csv", "assignments.csv", "history.csv", "likelihood.png"]
    expected += ["parameters.png", "profile.png", "window.png", *pictures]
    assert sorted(p.name for p in out.iterdir()) == sorted(expected)
    params = pd.read_csv(out / "parameters.csv")
    history = pd.read_csv(out / "history.csv")
    assign = pd.read_csv(out / "assignments.csv")
    assert len(params) == k and params["weight"].sum() == pytest.approx(1.0)
    ll = history["log_likelihood"].to_numpy()
    assert np.all(np.diff(ll) >= -1e-6 * np.abs(ll[1:]))
    final = history.iloc[-1]
    for j in range(1, k + 1):
        assert final[f"weight_{j}"] == pytest.approx(params["weight"].iloc[j - 1])
    resp = assign[[f"responsibility_{j}" for j in range(1, k + 1)]].to_numpy()
    assert np.array_equal(assign["component"], resp.argmax(axis=1) + 1)
    # the mean responsibility is the next EM step's weight: equal to the fitted one near convergence
    assert resp.mean(axis=0) == pytest.approx(params["weight"].to_numpy(), abs=1e-3)
    for name in expected:
        if name.endswith(".png") and name != "window.png":  # window.png: the window's size
            width, height, colours = distinct_colours(out / name)
            assert width >= 1600 and height > 400, name
            assert colours > 20, f"{name} looks blank ({colours} colours)"


def test_scripted_run_reports_a_bad_file(tmp_path):
    junk = tmp_path / "junk.csv"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    run = run_app(str(junk), "--run", "--export", str(tmp_path / "out"), "--quit", cwd=tmp_path)
    assert run.returncode != 0
    assert "Traceback" not in run.stderr and "junk.csv" in run.stderr
    assert not (tmp_path / "out").exists()


def test_scripted_run_takes_columns_and_label_by_number(tmp_path):
    data = tmp_path / "heights.csv"  # columns: sex, height
    data.write_bytes(demo_path("heights").read_bytes())
    out = tmp_path / "out"
    run = run_app(
        str(data), "--columns", "2", "--label", "1", "-k", "2", "--run", "--export", str(out),
        "--quit", cwd=tmp_path,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    assert "mean(height)" in pd.read_csv(out / "parameters.csv").columns


def test_scripted_columns_and_label_by_number_select_like_fit(qtbot, tmp_path):
    from gmm_desktop.qt.app import build_parser
    from gmm_desktop.qt.scripted import ScriptedRun

    data = tmp_path / "heights.csv"
    data.write_bytes(demo_path("heights").read_bytes())
    window = _window(qtbot, tmp_path, "numbers")
    script = ScriptedRun(
        window, build_parser().parse_args([str(data), "--columns", " 2 ", "--label", "1"])
    )
    with qtbot.waitSignal(window.sig_data_loaded, timeout=TIMEOUT):
        script.begin()
    assert window.features is not None
    assert window.features.columns == ["height"] and window.features.label_column == "sex"
    assert window.data_panel.selected_columns() == ["height"]


def test_scripted_run_names_an_unknown_column_number(tmp_path):
    data = tmp_path / "heights.csv"
    data.write_bytes(demo_path("heights").read_bytes())
    run = run_app(str(data), "--columns", "9", "--run", "--quit", cwd=tmp_path)
    assert run.returncode != 0 and "Traceback" not in run.stderr
    assert "there is no column number 9" in run.stderr


def test_scripted_export_never_overwrites_the_data_file(tmp_path):
    data = tmp_path / "assignments.csv"  # exported into its own folder
    data.write_bytes(demo_path("heights").read_bytes())
    before = data.read_bytes()
    run = run_app(str(data), "-k", "2", "--run", "--export", str(tmp_path), "--quit", cwd=tmp_path)
    assert run.returncode != 0 and "Traceback" not in run.stderr
    assert "is the data file you opened" in run.stderr
    assert data.read_bytes() == before
    assert not (tmp_path / "parameters.csv").exists()


def _error_lines(run: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in run.stderr.splitlines() if line.startswith("gmm-desktop: error:")]


def test_scripted_export_failure_is_one_line_and_status_2(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    run = run_app(
        str(demo_path("heights")), "--run", "--export", str(blocker / "out"), "--quit",
        cwd=tmp_path,
    )  # fmt: skip
    assert run.returncode == 2, run.stderr[-2000:]
    assert len(_error_lines(run)) == 1 and "Traceback" not in run.stderr
    assert "is a file, not a folder" in _error_lines(run)[0]
    assert blocker.read_text() == "not a folder"


def test_scripted_fit_that_cannot_start_is_one_line_and_status_2(tmp_path):
    data = tmp_path / "two.csv"
    data.write_text("x\n1.0\n2.5\n")
    run = run_app(str(data), "-k", "3", "--run", "--quit", cwd=tmp_path)  # K > rows
    assert run.returncode == 2, run.stderr[-2000:]
    assert len(_error_lines(run)) == 1, run.stderr
    assert "need at least 3 rows" in _error_lines(run)[0]


def test_scripted_k_above_the_window_limit_is_one_line_and_status_2(tmp_path):
    """-k 5000 was silently lowered to the spin box's 30 and fitted."""
    out = tmp_path / "out"
    run = run_app(
        str(demo_path("heights")), "-k", "5000", "--run", "--export", str(out), "--quit",
        cwd=tmp_path,
    )  # fmt: skip
    assert run.returncode == 2, run.stderr[-2000:]
    assert _error_lines(run) == [
        "gmm-desktop: error: -k 5000: the window fits at most 30 components; for more, use the "
        "command line: gmm-desktop fit FILE -k 5000"
    ], run.stderr
    assert not out.exists()


def test_k_above_the_window_limit_is_said_on_the_status_line(qtbot, tmp_path, capsys):
    """Without --run or --quit the window stays open: the refusal is on its status line (and
    in a message box), with K left as it was, not quietly set to 30."""
    from PySide6.QtWidgets import QMessageBox

    from gmm_desktop.qt.app import build_parser
    from gmm_desktop.qt.scripted import ScriptedRun

    window = _window(qtbot, tmp_path, "big-k")
    k_before = window.parameter_panel.config().n_components
    script = ScriptedRun(
        window, build_parser().parse_args([str(demo_path("heights")), "-k", "5000"])
    )
    with qtbot.waitSignal(window.sig_data_loaded, timeout=TIMEOUT):
        script.begin()
    assert "the window fits at most 30 components" in window.status_label.text()
    assert window.parameter_panel.config().n_components == k_before
    assert "-k 5000: the window fits at most 30" in capsys.readouterr().err
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert len(boxes) == 1 and "at most 30" in boxes[0].text()
    boxes[0].close()


def _window(qtbot, tmp_path: Path, name: str) -> MainWindow:
    settings = QSettings(str(tmp_path / f"{name}.ini"), QSettings.Format.IniFormat)
    w = MainWindow(settings)
    w.setProperty("scripted", True)
    qtbot.addWidget(w)
    w.show()
    return w


def test_session_round_trip_restores_plots_and_tables(qtbot, tmp_path):
    data = tmp_path / "c2.csv"
    data.write_bytes(demo_path("clusters_2d").read_bytes())
    first = _window(qtbot, tmp_path, "a")
    with qtbot.waitSignal(first.sig_data_loaded, timeout=TIMEOUT):
        first.open_file(data)
    first.parameter_panel.set_config(
        first.parameter_panel.config().with_changes(n_components=2, covariance_type="full")
    )
    with qtbot.waitSignal(first.sig_fit_finished, timeout=TIMEOUT):
        first.act_fit.trigger()
    first.parameter_panel.set_config(
        first.parameter_panel.config().with_changes(n_components=3, covariance_type="diag")
    )
    with qtbot.waitSignal(first.sig_fit_finished, timeout=TIMEOUT):
        first.act_fit.trigger()
    session = first.save_session(tmp_path / "s.gmm.json")
    table_before = first.results_panel.table_text()
    curve_before = first.plots.likelihood.curve.getData()[1]
    runs_before = [
        (run_id, r.params.n_components, r.config.covariance_type, r.log_likelihood, r.n_iter)
        for run_id, r in first.runs_panel.runs()
    ]
    assert len(runs_before) == 2
    first.close()

    second = _window(qtbot, tmp_path, "b")
    with qtbot.waitSignal(second.sig_session_restored, timeout=TIMEOUT):
        assert second.open_session(session)
    assert second.result is not None and second.result.config.covariance_type == "diag"
    assert second.results_panel.table_text() == table_before
    assert np.array_equal(second.plots.likelihood.curve.getData()[1], curve_before)
    assert second.parameter_panel.config().n_components == 3
    runs_after = [
        (run_id, r.params.n_components, r.config.covariance_type, r.log_likelihood, r.n_iter)
        for run_id, r in second.runs_panel.runs()
    ]
    assert runs_after == runs_before  # the runs list comes back: Show and Compare work again
    assert second.runs_panel.table.rowCount() == 2
    dialog = second.runs_panel.compare(1, 2)
    assert dialog.isVisible()
    dialog.close()
    second.close()


def test_session_keeps_the_choose_k_models(qtbot, tmp_path):
    data = tmp_path / "f.csv"
    data.write_bytes(demo_path("faithful").read_bytes())
    first = _window(qtbot, tmp_path, "k1")
    with qtbot.waitSignal(first.sig_data_loaded, timeout=TIMEOUT):
        first.open_file(data)
    view = first.choose_k
    view.k_from.setValue(1)
    view.k_to.setValue(3)
    for ct, box in view.type_boxes.items():
        box.setChecked(ct in ("full", "diag"))
    with qtbot.waitSignal(view.sig_sweep_finished, timeout=TIMEOUT):
        view.start()
    qtbot.waitUntil(lambda: not view.is_running(), timeout=TIMEOUT)

    def models(v):  # type: ignore[no-untyped-def]
        return [(s.n_components, s.covariance_type, s.bic, s.degenerate) for s in v.scores]

    before = models(view)
    assert len(before) == 6 and view.best is not None
    icl_before = [s.icl for s in view.scores]
    cells_before = [
        [view.table.item(r, view.column_index(key)).text() for key in ("ICL", "smallest class")]
        for r in range(view.table.rowCount())
    ]
    best_before = (view.best.n_components, view.best.covariance_type)
    session = first.save_session(tmp_path / "k.gmm.json")  # no fit shown: only the sweep
    first.close()

    second = _window(qtbot, tmp_path, "k2")
    with qtbot.waitSignal(second.sig_session_restored, timeout=TIMEOUT):
        assert second.open_session(session)
    restored = second.choose_k
    assert models(restored) == before
    assert restored.best is not None
    assert (restored.best.n_components, restored.best.covariance_type) == best_before
    assert "restored from the session" in restored.status_label.text()
    assert restored.table.rowCount() == 6
    # the indices come back with the rebuilt fits: mclust's ICL, the smallest class
    assert [s.icl for s in restored.scores] == pytest.approx(icl_before, rel=1e-12)
    assert [
        [restored.table.item(r, restored.column_index(k)).text() for k in ("ICL", "smallest class")]
        for r in range(6)
    ] == cells_before
    assert (restored.k_from.value(), restored.k_to.value()) == (1, 3)
    assert restored.selected_types() == ["full", "diag"]
    # a restored model loads into the window like a freshly fitted one
    target = restored.scores[-1]
    with qtbot.waitSignal(restored.sig_model_chosen, timeout=TIMEOUT) as blocker:
        restored.choose(target)
    assert blocker.args[0].params.n_components == target.n_components
    assert second.result is blocker.args[0]
    assert second.result.log_likelihood == pytest.approx(target.log_likelihood, rel=1e-12)
    second.close()


def test_session_with_changed_data_is_reported(qtbot, tmp_path):
    data = tmp_path / "h.csv"
    data.write_bytes(demo_path("heights").read_bytes())
    w = _window(qtbot, tmp_path, "c")
    with qtbot.waitSignal(w.sig_data_loaded, timeout=TIMEOUT):
        w.open_file(data)
    with qtbot.waitSignal(w.sig_fit_finished, timeout=TIMEOUT):
        w.act_fit.trigger()
    session = w.save_session(tmp_path / "h.gmm.json")
    with data.open("a") as handle:
        handle.write("M,181.5\n")
    with qtbot.waitSignal(w.sig_error, timeout=TIMEOUT) as blocker:
        w.open_session(session)
    assert "changed" in blocker.args[0]
    data.unlink()
    with qtbot.waitSignal(w.sig_error, timeout=TIMEOUT) as blocker:
        w.open_session(session)
    assert "missing" in blocker.args[0]
    w.close()


def test_export_to_unwritable_folder_leaves_nothing(qtbot, tmp_path):
    w = _window(qtbot, tmp_path, "d")
    with qtbot.waitSignal(w.sig_data_loaded, timeout=TIMEOUT):
        w.open_file(demo_path("heights"))
    with qtbot.waitSignal(w.sig_fit_finished, timeout=TIMEOUT):
        w.act_fit.trigger()
    blocker_file = tmp_path / "a-file"
    blocker_file.write_text("not a folder")
    with qtbot.waitSignal(w.sig_error, timeout=TIMEOUT) as blocker:
        with pytest.raises(Exception, match="is a file, not a folder"):
            w.export_results(blocker_file / "out")
    assert "is a file, not a folder" in blocker.args[0]
    assert blocker_file.read_text() == "not a folder"
    w.close()


def test_export_all_plots_from_the_menu(qtbot, tmp_path, monkeypatch):
    w = _window(qtbot, tmp_path, "e")
    with qtbot.waitSignal(w.sig_data_loaded, timeout=TIMEOUT):
        w.open_file(demo_path("clusters_2d"))
    assert not w.act_export_plots.isEnabled()  # nothing to export before a fit
    with qtbot.waitSignal(w.sig_fit_finished, timeout=TIMEOUT):
        w.act_fit.trigger()
    out = tmp_path / "plots"
    out.mkdir()
    from gmm_desktop.qt.export_dialog import PictureChoice

    last = w.display.history[-1].iteration
    monkeypatch.setattr(
        "gmm_desktop.qt.export_dialog.ask_picture",
        lambda dialog: PictureChoice(out, 1600, 300, dialog.iteration_spin.value()),
    )
    w.act_export_plots.trigger()
    assert w.exports.job is not None
    with qtbot.waitSignal(w.exports.job.sig_finished, timeout=TIMEOUT):
        pass
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "density.png", "ellipses.png", "likelihood.png", "parameters.png", "profile.png"
    ]  # fmt: skip
    for name in names:
        width, _height, colours = distinct_colours(out / name)
        assert width >= 1600 and colours > 20
    assert "density.png" in w.status_label.text()
    assert f"(iteration {last})" in w.status_label.text()  # the final one unless changed
    w.close()


def test_session_keeps_the_stopping_rule(qtbot, tmp_path):
    data = tmp_path / "heights.csv"
    data.write_bytes(demo_path("heights").read_bytes())
    first = _window(qtbot, tmp_path, "rule1")
    with qtbot.waitSignal(first.sig_data_loaded, timeout=TIMEOUT):
        first.open_file(data, columns=["height"])
    panel = first.parameter_panel
    panel.set_config(panel.config().with_changes(n_components=2, stopping="total-change", tol=1e-7))
    with qtbot.waitSignal(first.sig_fit_finished, timeout=TIMEOUT):
        first.act_fit.trigger()
    session = first.save_session(tmp_path / "rule.gmm.json")
    first.close()

    second = _window(qtbot, tmp_path, "rule2")
    assert second.parameter_panel.config().stopping == "aitken"  # its own (empty) settings
    with qtbot.waitSignal(second.sig_session_restored, timeout=TIMEOUT):
        assert second.open_session(session)
    config = second.parameter_panel.config()
    assert (config.stopping, config.tol) == ("total-change", 1e-7)
    assert second.result is not None and second.result.config.stopping == "total-change"
    assert [r.config.stopping for _, r in second.runs_panel.runs()] == ["total-change"]
    second.close()


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--stopping", "total-change", "--tol", "1e-7"], ("total-change", 1e-7, 2000)),
        (["--stopping", "mean-change"], ("mean-change", 1e-6, 2000)),  # the rule's own tol
        (["--tol", "1e-9", "--max-iter", "50"], ("aitken", 1e-9, 50)),
    ],
)
def test_scripted_stopping_options_reach_the_fit_settings(qtbot, tmp_path, options, expected):
    from gmm_desktop.qt.app import build_parser
    from gmm_desktop.qt.scripted import ScriptedRun

    data = tmp_path / "heights.csv"
    data.write_bytes(demo_path("heights").read_bytes())
    window = _window(qtbot, tmp_path, "stopping")
    script = ScriptedRun(window, build_parser().parse_args([str(data), *options]))
    with qtbot.waitSignal(window.sig_data_loaded, timeout=TIMEOUT):
        script.begin()
    config = window.parameter_panel.config()
    assert (config.stopping, config.tol, config.max_iter) == expected
    window.close()


def test_scripted_run_takes_a_stopping_rule_and_refuses_an_unknown_one(tmp_path):
    out = tmp_path / "out"
    run = run_app(
        str(demo_path("heights")), "--columns", "height", "-k", "2", "--stopping",
        "total-change", "--tol", "1e-6", "--run", "--export", str(out), "--quit", cwd=tmp_path,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    bad = run_app(str(demo_path("heights")), "--stopping", "never", "--quit", cwd=tmp_path)
    assert bad.returncode == 2 and "invalid choice" in bad.stderr


def test_scripted_no_header_and_names_name_the_columns(qtbot, tmp_path):
    from gmm_desktop.qt.app import build_parser
    from gmm_desktop.qt.scripted import ScriptedRun

    data = tmp_path / "hw1_data.csv"
    data.write_text("".join(f"{'MF'[i % 2]},{150 + i}\n" for i in range(40)), encoding="utf-8")
    window = _window(qtbot, tmp_path, "names")
    args = [str(data), "--no-header", "--names", "sex,height", "--label", "sex"]
    script = ScriptedRun(window, build_parser().parse_args(args))
    with qtbot.waitSignal(window.sig_data_loaded, timeout=TIMEOUT):
        script.begin()
    assert window.table is not None and window.table.frame.columns.tolist() == ["sex", "height"]
    assert window.table.n_rows == 40
    assert window.features is not None and window.features.columns == ["height"]
    assert window.files.import_dialog is None  # the command line never shows the preview


def test_an_unexpected_error_before_the_fit_is_one_line_not_an_abort(tmp_path):
    """A bug in the scripted run's start (seen when the bundle lacked Pillow) ends with one
    line and status 1 once the engine warm-up's thread has ended, not with a traceback and
    "QThread: Destroyed while thread is still running" (exit 134)."""
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    code = (
        "import sys\n"
        "from gmm_desktop.qt import scripted\n"
        "def broken(self):\n"
        "    raise RuntimeError('boom')\n"
        "scripted.ScriptedRun.begin = broken\n"
        "from gmm_desktop.__main__ import entry\n"
        f"sys.argv = ['gmm-desktop', {str(demo_path('heights'))!r}, '--run', '--quit']\n"
        "entry()\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=240, env=env
    )
    assert run.returncode == 1, run.stderr[-2000:]
    assert run.stderr.strip().splitlines()[-1] == "gmm-desktop: unexpected error: boom"
    assert "Traceback" not in run.stderr and "QThread" not in run.stderr
