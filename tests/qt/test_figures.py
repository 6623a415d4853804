"""Homework-ready figures: captions on exported plots, pictures at chosen iterations, the fit
as an animated GIF, the whole window as window.png (issue 17, item 4)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pyqtgraph as pg
import pytest
from PIL import Image
from PySide6.QtCore import QPoint, QSettings
from PySide6.QtGui import QImage

from gmm_desktop.errors import UserError
from gmm_desktop.io.demo import demo_path
from gmm_desktop.qt.main_window import MainWindow

from .test_scripted_run import TIMEOUT, _error_lines, distinct_colours, run_app

ITERATIONS = "1,5,10,15,20"


def overlapping_data(path: Path) -> Path:
    """Two overlapping groups in 2-D: EM takes hundreds of iterations (--max-iter cuts it)."""
    rng = np.random.default_rng(1)
    a = rng.normal([0.0, 0.0], [1.0, 1.0], (150, 2))
    b = rng.normal([1.6, 0.8], [1.0, 0.7], (150, 2))
    frame = pd.DataFrame(np.vstack([a, b]), columns=["height_cm", "arm_cm"]).round(3)
    frame.to_csv(path, index=False)
    return path


def test_scripted_run_writes_window_iterations_and_animation(tmp_path):
    data = overlapping_data(tmp_path / "overlap.csv")
    out = tmp_path / "out"
    run = run_app(
        str(data), "-k", "2", "--max-iter", "24", "--run", "--export", str(out),
        "--export-iterations", ITERATIONS, "--export-animation", str(out / "fit.gif"), "--quit",
        cwd=tmp_path,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    names = {p.name for p in out.iterdir()}
    for i in (1, 5, 10, 15, 20):
        assert f"ellipses_iter{i:02d}.png" in names and f"density_iter{i:02d}.png" in names
    assert not any("_iter02" in name for name in names)
    assert {"window.png", "ellipses.png", "fit.gif"} <= names
    history = pd.read_csv(out / "history.csv")
    with Image.open(out / "fit.gif") as gif:
        assert gif.n_frames == len(history) == 25  # the start and 24 iterations
    width, height, colours = distinct_colours(out / "window.png")
    assert width >= 800 and height >= 500 and colours > 20
    # each picture is of its own iteration: the ellipses moved between 1 and 20
    first = QImage(str(out / "ellipses_iter01.png"))
    last = QImage(str(out / "ellipses_iter20.png"))
    assert first.size() == last.size() and first != last


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--export-iterations", "0,abc"], "'0' is not an iteration number"),
        (["--export-iterations", "1,abc"], "'abc' is not an iteration number"),
        (["--export-iterations", "1, 5,"], "'' is not an iteration number"),
        (["--export-animation", "fit.png"], "an animation is written as .gif"),
    ],
)
def test_bad_picture_options_are_one_line_and_status_2(tmp_path, options, expected):
    out = tmp_path / "out"
    run = run_app(
        str(demo_path("heights")), "--run", "--export", str(out), *options, "--quit",
        cwd=tmp_path,
    )  # fmt: skip
    assert run.returncode == 2, run.stderr[-2000:]
    assert len(_error_lines(run)) == 1 and "Traceback" not in run.stderr, run.stderr
    assert expected in _error_lines(run)[0]
    assert not out.exists()  # refused before anything was fitted or written


def test_an_iteration_beyond_the_fit_is_one_line_and_writes_nothing(tmp_path):
    data = overlapping_data(tmp_path / "overlap.csv")
    out = tmp_path / "out"
    run = run_app(
        str(data), "-k", "2", "--max-iter", "6", "--run", "--export", str(out),
        "--export-iterations", "1,5,9", "--quit", cwd=tmp_path,
    )  # fmt: skip
    assert run.returncode == 2, run.stderr[-2000:]
    assert _error_lines(run) == [
        "gmm-desktop: error: iteration 9 is beyond the fit: it stopped at iteration 6"
    ], run.stderr
    assert not out.exists()


def test_export_iterations_needs_export(tmp_path):
    run = run_app(
        str(demo_path("heights")), "--run", "--export-iterations", "1", "--quit", cwd=tmp_path
    )
    assert run.returncode == 2
    assert "--export-iterations needs --export DIR" in _error_lines(run)[0]


# -- in the window ----------------------------------------------------------------------------


def _window(qtbot, tmp_path: Path, name: str) -> MainWindow:
    settings = QSettings(str(tmp_path / f"{name}.ini"), QSettings.Format.IniFormat)
    w = MainWindow(settings)
    w.setProperty("scripted", True)
    qtbot.addWidget(w)
    w.show()
    return w


def _scripted(qtbot, tmp_path: Path, name: str, *argv: str):  # type: ignore[no-untyped-def]
    from gmm_desktop.qt.app import build_parser
    from gmm_desktop.qt.scripted import ScriptedRun

    window = _window(qtbot, tmp_path, name)
    script = ScriptedRun(window, build_parser().parse_args(list(argv)))
    with qtbot.waitSignal(script.sig_done, timeout=4 * TIMEOUT) as done:
        script.begin()
    assert done.args == [0]
    return window, script


def test_window_png_has_the_window_size(qtbot, tmp_path):
    out = tmp_path / "out"
    window, _ = _scripted(
        qtbot, tmp_path, "w", str(demo_path("heights")), "-k", "2", "--run", "--export", str(out)
    )
    image = QImage(str(out / "window.png"))
    assert (image.width(), image.height()) == (window.width(), window.height())
    window.close()


def test_window_png_shows_the_3d_axis_names_and_values(qtbot, tmp_path):
    """window.png has the 3-D view as drawn on screen: QWidget.grab alone dropped the axis
    names and values the GL view paints (a bare box)."""
    from gmm_desktop.qt.export_plots import window_picture

    window, _ = _scripted(qtbot, tmp_path, "w3", str(demo_path("clusters_3d")), "-k", "4", "--run")
    view = window.plots.scatter3d
    assert view is not None and view.isVisible()
    picture = window_picture(window)
    frame = view.view.grabFramebuffer()
    origin = view.view.mapTo(window, QPoint(0, 0))
    legend = view.legend_label.geometry()
    differ = 0
    for y in range(0, frame.height(), 3):
        for x in range(0, frame.width(), 3):
            if not legend.contains(x, y):
                differ += picture.pixel(origin.x() + x, origin.y() + y) != frame.pixel(x, y)
    assert differ == 0
    window.close()


@pytest.mark.parametrize(
    ("demo", "k", "stems"),
    [
        ("heights", 2, ["density"]),
        ("clusters_3d", 4, ["density", "ellipses", "scatter3d"]),
    ],
)
def test_pictures_at_iterations_of_1d_and_3d_fits(qtbot, tmp_path, demo, k, stems):
    out = tmp_path / "out"
    window, _ = _scripted(
        qtbot, tmp_path, demo, str(demo_path(demo)), "-k", str(k), "--run", "--export", str(out),
        "--export-iterations", "1,3",
    )  # fmt: skip
    for stem in stems:
        for i in ("01", "03"):
            width, _height, colours = distinct_colours(out / f"{stem}_iter{i}.png")
            assert width == 1600 and colours > 20, f"{stem}_iter{i}.png"
    assert window.replay_slider.value() == window.replay_slider.maximum()  # shown fit is back
    window.close()


def _caption_items(view) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        item.text
        for item in view.graphics.scene().items()
        if isinstance(item, pg.LabelItem) and " · K = " in item.text
    ]


def test_exported_plots_carry_a_caption(qtbot, tmp_path, monkeypatch):
    """The caption (file, K, covariance, iteration, log-likelihood) is in the scene drawn
    for the export, and only then."""
    import gmm_desktop.qt.plots.base as base

    w = _window(qtbot, tmp_path, "cap")
    data = tmp_path / "c2.csv"
    data.write_bytes(demo_path("clusters_2d").read_bytes())
    with qtbot.waitSignal(w.sig_data_loaded, timeout=TIMEOUT):
        w.open_file(data)
    w.parameter_panel.set_config(w.parameter_panel.config().with_changes(n_components=2))
    with qtbot.waitSignal(w.sig_fit_finished, timeout=TIMEOUT):
        w.act_fit.trigger()
    last = w.display.history[-1]
    expected = (
        f"c2.csv · K = 2 · full covariances · iteration {last.iteration} · "
        f"log-likelihood {last.log_likelihood:.6g}"
    )
    seen: dict[str, list[str]] = {}
    real = base.render_graphics

    def spy(item, width, white_background=True):  # type: ignore[no-untyped-def]
        for view in (w.plots.density, w.plots.ellipses, w.plots.likelihood, w.plots.parameters):
            if item is view.graphics.ci:
                seen[type(view).__name__] = _caption_items(view)
        return real(item, width, white_background)

    monkeypatch.setattr(base, "render_graphics", spy)
    w.plots.export_all(tmp_path / "plots")
    assert seen == {
        name: [expected]
        for name in ("DensityPlot", "EllipsePlot", "LikelihoodPlot", "ParameterHistoryPlot")
    }
    assert _caption_items(w.plots.ellipses) == []  # not on screen
    # the replayed iteration is the one the caption names
    w.replay_slider.setValue(2)
    assert "iteration 2 ·" in w.plots.ellipses.caption
    w.close()


def test_caption_under_a_picture_of_pixels(qapp):
    from gmm_desktop.qt.plots.export import with_caption

    image = QImage(400, 300, QImage.Format.Format_ARGB32)
    image.fill(0xFF3366AA)
    out = with_caption(image, "heights.csv · K = 2 · iteration 7")
    assert out.width() == 400 and out.height() > 300
    strip = {out.pixel(x, y) for x in range(out.width()) for y in range(300, out.height())}
    assert len(strip) > 2  # text drawn on the white strip


def test_parse_iterations_reads_lists_and_refuses_the_rest():
    from gmm_desktop.qt.export_dialog import parse_iterations
    from gmm_desktop.qt.export_plots import iteration_suffix

    assert parse_iterations(" 1, 5,10 ,5") == [1, 5, 10]
    for bad in ("0", "abc", "1,,2", "-3", "2.5", ""):
        with pytest.raises(UserError, match="is not an iteration number"):
            parse_iterations(bad)
    assert iteration_suffix(5, 24) == "_iter05" and iteration_suffix(5, 250) == "_iter005"


# -- the iteration table (issue 17, item 6) -----------------------------------------------------


def test_iteration_table_lists_every_iteration_and_says_the_likelihood_rose(qtbot, tmp_path):
    w = _window(qtbot, tmp_path, "table")
    data = overlapping_data(tmp_path / "overlap.csv")
    with qtbot.waitSignal(w.sig_data_loaded, timeout=TIMEOUT):
        w.open_file(data)
    panel = w.parameter_panel
    panel.set_config(panel.config().with_changes(n_components=2, max_iter=15))
    with qtbot.waitSignal(w.sig_fit_finished, timeout=TIMEOUT):
        w.act_fit.trigger()
    table = w.plots.iterations
    w.plots.setCurrentWidget(table)  # drawn when shown
    history = w.display.history
    model = table.model
    assert model.rowCount() == len(history) == 16
    names = model.column_names()
    assert names[:3] == ["iteration", "log_likelihood", "log_likelihood_change"]
    assert {"weight_1", "mean_2(arm_cm)", "sd_1(height_cm)", "cov_2(height_cm, arm_cm)"} <= set(
        names
    )
    ll = np.array([s.log_likelihood for s in history])
    change = names.index("log_likelihood_change")
    assert model.cell_text(0, change) == ""
    assert float(model.cell_text(5, change)) == pytest.approx(ll[5] - ll[4], rel=1e-5)
    from gmm_desktop.qt.iteration_table import short_number

    smallest = short_number(float(np.diff(ll).min()))
    assert table.summary.text() == (
        f"The log-likelihood rose at every step (smallest rise {smallest})."
    )
    w.replay_slider.setValue(3)  # the replayed iteration is the selected row
    assert [i.row() for i in table.view.selectionModel().selectedRows()] == [3]
    # exported with the history: history.csv has the change column
    w.export_results(tmp_path / "out")
    csv = pd.read_csv(tmp_path / "out" / "history.csv")
    assert csv["log_likelihood_change"].iloc[1:].to_numpy() == pytest.approx(np.diff(ll))
    w.close()


def test_iteration_table_says_where_the_likelihood_fell(qapp):
    from gmm_desktop.engine import EMSnapshot, MixtureParams
    from gmm_desktop.qt.iteration_table import IterationTable, short_number

    params = MixtureParams(np.array([1.0]), np.zeros((1, 1)), np.ones((1, 1, 1)))
    lls = [-10.0, -9.0, -9.5, -8.0, -8.0 - 2e-7]
    history = [EMSnapshot(i, ll, params, False, False, 5) for i, ll in enumerate(lls)]
    table = IterationTable()
    table.set_columns(["x"])
    table.set_history(history)
    assert table.summary.text().startswith(
        "The log-likelihood fell at 2 step(s), at iteration 2, 4 (largest fall 0.5)"
    )
    assert short_number(3.8e-7) == "3.8e-7" and short_number(0.0123) == "0.012"
    assert short_number(150.0) == "1.5e2"


def test_a_long_history_sizes_the_iteration_columns_from_a_few_rows(qtbot):
    """The monkey's worst freeze (6.3 s): showing the Iterations tab after a 6,500-iteration
    fit of 4 columns and K = 3 asked all 48 columns x 1,000 rows for their size on the GUI
    thread (Qt's default precision); now a few rows past the visible ones set the widths."""
    from gmm_desktop.engine import EMSnapshot, MixtureParams
    from gmm_desktop.qt.iteration_table import WIDTH_SAMPLE_ROWS, IterationTable

    rng = np.random.default_rng(0)
    k, d = 3, 4
    params = MixtureParams(np.full(k, 1 / k), rng.normal(size=(k, d)), np.stack([np.eye(d)] * k))
    history = [EMSnapshot(i, -1000.0 + i * 1e-3, params, False, False, 150) for i in range(3000)]
    table = IterationTable()
    qtbot.addWidget(table)
    table.resize(900, 500)
    table.show()
    qtbot.waitExposed(table)
    table.set_columns(["a", "b", "c", "d"])
    rows_asked: set[int] = set()
    real_data = table.model.data

    def data(index, role=0):  # type: ignore[no-untyped-def]
        rows_asked.add(index.row())
        return real_data(index, role)

    table.model.data = data  # type: ignore[method-assign]
    table.set_history(history)
    assert table.model.rowCount() == 3000
    visible = table.view.rowAt(table.view.viewport().height() - 1) + 1 or 50
    assert max(rows_asked) < visible + WIDTH_SAMPLE_ROWS + 5, max(rows_asked)
    assert table.view.columnWidth(1) > 20  # still sized to its text


# -- equal scales, the picture dialog, Choose K, never-shown tabs -------------------------------


def test_share_units_rule():
    from gmm_desktop.qt.plots.scatter_plot import share_units, unit_suffix

    assert unit_suffix("height_cm") == "cm" and unit_suffix("arm (cm)") == "cm"
    assert unit_suffix("w [kg]") == "kg" and unit_suffix("x1") is None
    a, b = np.array([150.0, 190.0]), np.array([0.4, 0.9])
    assert share_units(["height_cm", "arm_cm"], a, b)  # same unit whatever the values
    assert not share_units(["height_cm", "weight_kg"], a, a)
    assert share_units(["x1", "x2"], np.array([-3.0, 9.0]), np.array([-4.0, 8.0]))
    faithful = np.array([1.6, 5.1]), np.array([43.0, 96.0])
    assert not share_units(["eruptions", "waiting"], *faithful)


def test_ellipses_get_equal_scales_when_the_columns_share_units(qtbot):
    from gmm_desktop.qt.plots import EllipsePlot

    view = EllipsePlot()
    qtbot.addWidget(view)
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, 2)) * [1.0, 1.5]
    view.set_data(X, ["x1", "x2"])
    assert view.equal_checkbox.isChecked() and view.plot_item.vb.state["aspectLocked"] == 1.0
    view.equal_checkbox.setChecked(False)  # the user's choice
    assert view.plot_item.vb.state["aspectLocked"] is False
    view.set_data(X * [1.0, 40.0] + [0.0, 70.0], ["eruptions", "waiting"])
    assert not view.equal_checkbox.isChecked()


def test_picture_dialog_reads_size_resolution_and_iterations(qtbot, tmp_path):
    from gmm_desktop.qt.export_dialog import PictureDialog, default_iterations

    assert default_iterations(24) == "1, 5, 10, 15, 20" and default_iterations(7) == "1, 5"
    dialog = PictureDialog(None, "t", tmp_path, folder=True, last_iteration=12, one_iteration=False)
    qtbot.addWidget(dialog)
    dialog.width_spin.setValue(1200)
    dialog.dpi_spin.setValue(150)
    assert dialog.size_label.text() == "20.3 cm wide when printed"
    assert dialog.iterations_edit is not None
    assert dialog.read_choice().iterations == (1, 5, 10)
    dialog.iterations_edit.setText("2, 13")
    dialog._on_accept()
    assert dialog.choice is None and "beyond the fit" in dialog.error_label.text()
    one = PictureDialog(None, "t", tmp_path, folder=True, last_iteration=12)
    qtbot.addWidget(one)
    assert one.iteration_spin is not None and one.iteration_spin.value() == 12
    choice = one.read_choice()
    assert (choice.width, choice.dpi, choice.iteration) == (1600, 300, 12)


def test_choose_k_plot_exports_through_the_picture_dialog(qtbot, tmp_path, monkeypatch):
    from gmm_desktop.qt.choose_k_view import ChooseKView
    from gmm_desktop.qt.export_dialog import PictureChoice

    view = ChooseKView()
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    actions = view.graphics.scene().contextMenu
    assert [a.text() for a in actions] == ["Export as PNG…"]  # not pyqtgraph's "Export..."
    monkeypatch.setattr(
        "gmm_desktop.qt.export_dialog.ask_picture",
        lambda dialog: PictureChoice(tmp_path / "bic", 1000, 200),
    )
    actions[0].trigger()
    image = QImage(str(tmp_path / "bic.png"))
    assert image.width() == 1000 and round(image.dotsPerMeterX() * 0.0254) == 200


def test_export_all_lays_out_tabs_never_shown(qtbot, tmp_path):
    """A tab never opened is drawn at the tab area's size: its legend sits beside the axes,
    not over them (a 2-D fit shown on the ellipses tab; the density tab never opened)."""
    w = _window(qtbot, tmp_path, "tabs")
    with qtbot.waitSignal(w.sig_data_loaded, timeout=TIMEOUT):
        w.open_file(demo_path("clusters_2d"))
    with qtbot.waitSignal(w.sig_fit_finished, timeout=TIMEOUT):
        w.act_fit.trigger()
    assert w.plots.currentWidget() is w.plots.ellipses
    w.plots.export_all(tmp_path / "out")
    density = w.plots.density
    plot = density.plot_item.sceneBoundingRect()
    legend = density.legend.sceneBoundingRect()
    assert plot.width() > 300 and legend.left() >= plot.right() - 1
    page = w.plots.currentWidget().size()
    assert density.size() == page
    w.close()


def _fitted_window(qtbot, tmp_path: Path, name: str, max_iter: int = 12) -> MainWindow:
    w = _window(qtbot, tmp_path, name)
    with qtbot.waitSignal(w.sig_data_loaded, timeout=TIMEOUT):
        w.open_file(overlapping_data(tmp_path / "overlap.csv"))
    panel = w.parameter_panel
    panel.set_config(panel.config().with_changes(n_components=2, max_iter=max_iter))
    with qtbot.waitSignal(w.sig_fit_finished, timeout=TIMEOUT):
        w.act_fit.trigger()
    return w


def test_export_animation_from_the_menu_can_be_cancelled(qtbot, tmp_path, monkeypatch):
    from gmm_desktop.qt.export_dialog import PictureChoice

    w = _fitted_window(qtbot, tmp_path, "anim")
    target = tmp_path / "out" / "fit.gif"
    monkeypatch.setattr(
        "gmm_desktop.qt.export_dialog.ask_picture",
        lambda dialog: PictureChoice(target, 500, 300),
    )
    w.act_export_animation.trigger()
    job = w.exports.job
    assert job is not None
    job.sig_progress.connect(lambda done, _total: job.cancel() if done == 3 else None)
    with qtbot.waitSignal(job.sig_cancelled, timeout=TIMEOUT):
        pass  # the GUI turned between frames: the cancel got through
    assert not target.exists() and not target.parent.exists()
    assert "nothing was written" in w.status_label.text()
    assert w.replay_slider.value() == 12  # the shown iteration came back

    w.act_export_animation.trigger()
    assert w.exports.job is not None
    with qtbot.waitSignal(w.exports.job.sig_finished, timeout=TIMEOUT):
        pass
    with Image.open(target) as gif:
        assert gif.n_frames == 13 and gif.size[0] == 500
    w.close()


def test_export_at_iterations_from_the_menu(qtbot, tmp_path, monkeypatch):
    from gmm_desktop.qt.export_dialog import PictureChoice

    w = _fitted_window(qtbot, tmp_path, "iters")
    out = tmp_path / "pictures"
    monkeypatch.setattr(
        "gmm_desktop.qt.export_dialog.ask_picture",
        lambda dialog: PictureChoice(out, 800, 150, iterations=(1, 5, 10)),
    )
    w.act_export_iterations.trigger()
    assert w.exports.job is not None
    with qtbot.waitSignal(w.exports.job.sig_finished, timeout=TIMEOUT):
        pass
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"{stem}_iter{i:02d}.png" for stem in ("density", "ellipses") for i in (1, 5, 10)
    )
    image = QImage(str(out / "ellipses_iter05.png"))
    assert image.width() == 800 and round(image.dotsPerMeterX() * 0.0254) == 150
    w.close()


def _fake_ffmpeg(folder: Path, status: int) -> None:
    """An ``ffmpeg`` on PATH that copies its first frame to the output (its last argument),
    or fails with ``status``."""
    script = folder / "ffmpeg"
    script.write_text(
        "#!/bin/sh\n"
        f'if [ {status} -ne 0 ]; then echo "Unknown encoder libx264" >&2; exit {status}; fi\n'
        'for last; do :; done\ncp "$(dirname "$7")/frame00000.png" "$last"\n'
    )
    script.chmod(0o755)


def test_mp4_goes_through_ffmpeg_and_a_failure_leaves_nothing(tmp_path, monkeypatch):
    from gmm_desktop.qt.export_plots import check_animation_path, write_mp4

    frames = [Image.new("RGB", (64, 48), colour) for colour in ("red", "green", "blue")]
    monkeypatch.setenv("PATH", str(tmp_path))  # no ffmpeg at all
    with pytest.raises(UserError, match="writing MP4 needs ffmpeg"):
        check_animation_path(tmp_path / "fit.mp4")
    _fake_ffmpeg(tmp_path, 0)
    monkeypatch.setenv("PATH", f"{tmp_path}:/usr/bin:/bin")  # the fake first, and its cp
    target = tmp_path / "films" / "fit.mp4"
    assert write_mp4(frames, check_animation_path(target)) == target
    assert target.read_bytes().startswith(b"\x89PNG")  # what the fake wrote: frame 0
    assert sorted(p.name for p in target.parent.iterdir()) == ["fit.mp4"]  # frames cleaned up
    _fake_ffmpeg(tmp_path, 1)
    failed = tmp_path / "films" / "other.mp4"
    with pytest.raises(UserError, match=r"ffmpeg could not write other\.mp4: Unknown encoder"):
        write_mp4(frames, failed)
    assert sorted(p.name for p in target.parent.iterdir()) == ["fit.mp4"]


def test_mp4_through_a_real_ffmpeg(tmp_path, monkeypatch):
    """A real ffmpeg (the static binary of the test-only imageio-ffmpeg wheel) on PATH:
    the MP4 is an ISO media file ('ftyp' box) whose video has one frame per picture."""
    imageio_ffmpeg = pytest.importorskip("imageio_ffmpeg")
    from gmm_desktop.qt.export_plots import check_animation_path, write_mp4

    folder = tmp_path / "bin"
    folder.mkdir()
    (folder / "ffmpeg").symlink_to(imageio_ffmpeg.get_ffmpeg_exe())
    monkeypatch.setenv("PATH", f"{folder}:/usr/bin:/bin")
    colours = ("red", "green", "blue", "white", "black")
    frames = [Image.new("RGB", (65, 47), colour) for colour in colours]  # odd sizes: scaled
    target = write_mp4(frames, check_animation_path(tmp_path / "films" / "fit.mp4"))
    data = target.read_bytes()
    assert data[4:8] == b"ftyp" and len(data) > 500
    assert sorted(p.name for p in target.parent.iterdir()) == ["fit.mp4"]
    decoded = subprocess.run(
        [str(folder / "ffmpeg"), "-v", "error", "-i", str(target), "-map", "0:v:0",
         "-f", "null", "-progress", "pipe:1", "-"],
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    counts = [
        line.split("=")[1] for line in decoded.stdout.splitlines() if line.startswith("frame=")
    ]
    assert counts and int(counts[-1]) == len(frames)
