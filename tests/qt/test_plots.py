"""The plot widgets: what they hold after set_data / show_model / set_history, and PNG and SVG
export."""

from __future__ import annotations

import ctypes
import os
import sys
from pathlib import Path
from xml.etree import ElementTree

import numpy as np
import PySide6
import pytest
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from gmm_desktop.engine import EMSnapshot, FitConfig, MixtureParams, fit, sample_mixture
from gmm_desktop.errors import UserError
from gmm_desktop.qt.plots import (
    DataView,
    DensityPlot,
    EllipsePlot,
    HistoryView,
    LikelihoodPlot,
    ParameterHistoryPlot,
    Scatter3DPlot,
)
from gmm_desktop.qt.plots.base import EXPORT_ACTION_TEXT, EXPORT_PNG_ACTION_TEXT
from gmm_desktop.qt.plots.export import render_graphics

from .screenshots import screenshot_folder

pytestmark = pytest.mark.gui


def _keep_none_alive() -> None:
    """Work around PySide6 6.12.0 on Python 3.11 (6.11.3, now pinned, is fine).

    Under 6.12.0 every call of a void Qt method (QPainter.scale, QLabel.setText, ...) drops
    one reference to None (measured: -1000 per 1000 calls), and some bool returns drop
    True/False, so one PNG export of 20,000 points (~30,000 calls) can take a count to zero
    and abort the interpreter ("none_dealloc", "bool_dealloc"). Python 3.12 made these
    objects immortal; on 3.11 with 6.12, lend each 2**40 references.
    """
    if sys.version_info < (3, 12) and PySide6.__version_info__[:2] == (6, 12):
        for singleton in (None, True, False):
            ctypes.c_ssize_t.from_address(id(singleton)).value += 1 << 40


_keep_none_alive()


def three_components(d: int) -> MixtureParams:
    rng = np.random.default_rng(7)
    means = np.array([[0.0] * d, [6.0] * d, [-5.0, 4.0, 1.0, 2.0][:d] + [0.0] * max(d - 4, 0)])
    covs = []
    for _ in range(3):
        a = rng.normal(size=(d, d))
        covs.append(a @ a.T / d + np.eye(d))
    return MixtureParams(np.array([0.5, 0.3, 0.2]), means, np.stack(covs))


def two_components(d: int) -> MixtureParams:
    p = three_components(d)
    w = p.weights[:2] / p.weights[:2].sum()
    return MixtureParams(w, p.means[:2], p.covariances[:2])


def data(d: int, n: int = 2000) -> tuple[np.ndarray, np.ndarray, MixtureParams]:
    params = three_components(d)
    X, z = sample_mixture(params, n, seed=1)
    return X, z, params


def columns(d: int) -> list[str]:
    return [f"col{j}" for j in range(d)]


def image_colours(path: Path) -> tuple[int, int, int]:
    """(width, height, number of distinct colours) of a PNG."""
    image = QImage(str(path))
    assert not image.isNull()
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    pixels = np.frombuffer(image.constBits(), dtype=np.uint32)
    return image.width(), image.height(), len(np.unique(pixels))


def history(d: int = 2) -> list[EMSnapshot]:
    X, _, _ = data(d, 1500)
    result = fit(X, FitConfig(n_components=3, seed=0, tol=1e-6))
    return list(result.history)


# -- DensityPlot ----------------------------------------------------------------------------


def test_density_curves_are_the_weighted_marginals(qtbot):
    X, z, params = data(2)
    view = DensityPlot()
    qtbot.addWidget(view)
    view.set_data(X, columns(2))
    view.show_model(params, z)

    x, mixture = view.mixture_curve.getData()
    parts = [curve.getData()[1] for curve in view.component_curves[:3]]
    assert np.allclose(mixture, np.sum(parts, axis=0))
    assert np.trapezoid(mixture, x) == pytest.approx(1.0, abs=0.02)
    for k, part in enumerate(parts):
        assert x[np.argmax(part)] == pytest.approx(params.means[k, 0], abs=0.2)
        assert np.trapezoid(part, x) == pytest.approx(params.weights[k], abs=0.02)
    edges, density = view.histogram_item.getData()
    # stepMode "center": x holds the B+1 edges, y the B densities
    raw_x, raw_y = view.histogram_item.xData, view.histogram_item.yData
    assert len(raw_x) == len(raw_y) + 1
    assert np.sum(raw_y * np.diff(raw_x)) == pytest.approx(1.0)
    labels = [label.text for _, label in view.legend.items]
    assert labels == [
        "data",
        "component 1 (w=0.50)",
        "component 2 (w=0.30)",
        "component 3 (w=0.20)",
        "mixture",
    ]
    assert view.plot_item.getAxis("bottom").labelText == "col0"
    assert view.plot_item.getAxis("left").labelText == "density"
    del edges, density


def test_density_feature_choice_and_fewer_components(qtbot):
    X, z, params = data(3)
    view = DensityPlot()
    qtbot.addWidget(view)
    view.set_data(X, columns(3))
    assert not view.feature_combo.isHidden()
    view.show_model(params, z)
    view.feature_combo.setCurrentIndex(1)
    x, _ = view.mixture_curve.getData()
    peak = x[np.argmax(view.component_curves[1].getData()[1])]
    assert peak == pytest.approx(params.means[1, 1], abs=0.25)
    assert view.plot_item.getAxis("bottom").labelText == "col1"

    view.show_model(two_components(3))
    assert [c.isVisible() for c in view.component_curves] == [True, True, False]
    assert len(view.legend.items) == 4  # data, 2 components, mixture
    view.show_model(None)
    assert not view.mixture_curve.isVisible()
    assert len(view.legend.items) == 1

    view.set_data(X[:, :1], ["only"])
    assert view.feature_combo.isHidden()


def test_density_split_by_label(qtbot):
    X, z, params = data(1)
    labels = np.where(z == 0, "F", "M")
    view = DensityPlot()
    qtbot.addWidget(view)
    view.set_data(X, ["height"], labels, "sex")
    assert view.split_checkbox.isEnabled()
    assert view.split_checkbox.text() == "split by sex"
    view.show_model(params)
    view.split_checkbox.setChecked(True)
    visible = [item for item in view.group_items if item.isVisible()]
    assert len(visible) == 2
    total = view.histogram_item.yData
    assert np.allclose(visible[0].yData + visible[1].yData, total)
    assert "sex = F" in [label.text for _, label in view.legend.items]
    # curves stay on top of the histograms
    assert min(c.zValue() for c in view.component_curves) > max(g.zValue() for g in visible)

    view.set_data(X, ["height"])
    assert not view.split_checkbox.isEnabled()
    assert not any(item.isVisible() for item in view.group_items)


# -- EllipsePlot ----------------------------------------------------------------------------


def mahalanobis(points: np.ndarray, mean: np.ndarray, cov: np.ndarray) -> np.ndarray:
    diff = points - mean
    return np.sqrt(np.einsum("ij,jk,ik->i", diff, np.linalg.inv(cov), diff))


def test_ellipses_sit_at_one_and_two_standard_deviations(qtbot):
    X, z, params = data(3)
    view = EllipsePlot()
    qtbot.addWidget(view)
    view.set_data(X, columns(3))
    view.show_model(params, z)
    view.y_combo.setCurrentIndex(2)  # pair (0, 2)

    visible = [item for item in view.ellipse_items if item.isVisible()]
    assert len(visible) == 6
    pair = np.array([0, 2])
    for k in range(3):
        mean = params.means[k, pair]
        cov = params.covariances[k][np.ix_(pair, pair)]
        for radius, item in (
            (1.0, view.ellipse_items[2 * k]),
            (2.0, view.ellipse_items[2 * k + 1]),
        ):
            x, y = item.getData()
            assert np.allclose(mahalanobis(np.column_stack([x, y]), mean, cov), radius)
    mx, my = view.mean_item.getData()
    assert np.allclose(np.column_stack([mx, my]), params.means[:, pair])
    assert view.plot_item.getAxis("left").labelText == "col2"

    # every drawn point is shown by exactly the item of its component
    for k, item in enumerate(view.scatter_items[:3]):
        assert item.isVisible()
        assert int(item.data["visible"].sum()) == int((z == k).sum())
    assert not view.plain_item.isVisible()

    view.show_model(two_components(3), np.minimum(z, 1))
    assert sum(item.isVisible() for item in view.ellipse_items) == 4
    assert not view.scatter_items[2].isVisible()
    assert len(view.mean_item.getData()[0]) == 2
    n_items = len(view.plot_item.items)
    view.show_model(params, z)
    assert len(view.plot_item.items) == n_items  # items reused, not re-created


def test_ellipse_plot_without_model_and_with_labels(qtbot):
    X, z, params = data(2)
    view = EllipsePlot()
    qtbot.addWidget(view)
    labels = np.array(["a", "b", "c"])[z]
    view.set_data(X, ["x", "y"], labels, "kind")
    assert view.x_combo.isHidden()
    assert view.plain_item.isVisible()
    assert not any(item.isVisible() for item in view.ellipse_items)
    view.show_model(params, z)
    view.colour_checkbox.setChecked(True)
    groups = [item for item in view.group_items if item.isVisible()]
    assert [len(item.data) for item in groups] == [int((z == g).sum()) for g in range(3)]
    assert not any(item.isVisible() for item in view.scatter_items)
    assert sum(item.isVisible() for item in view.ellipse_items) == 6
    assert "kind = a" in [label.text for _, label in view.legend.items]
    view.set_data(X[:, :1], ["x"])  # one column: nothing to draw, no error
    view.show_model(MixtureParams(np.ones(1), np.zeros((1, 1)), np.ones((1, 1, 1))))


def test_ellipse_plot_subsamples_and_reuses_its_items(qtbot):
    """Redraw time is measured in benchmarks/bench_window.py; here: a live redraw draws the
    sample only and updates the items it has instead of building new ones."""
    params = three_components(2)
    X, z = sample_mixture(params, 1_000_000, seed=2)
    view = EllipsePlot()
    qtbot.addWidget(view)
    view.set_data(X, ["x", "y"])
    assert view.drawn_rows == 20_000
    assert "20,000 of 1,000,000" in view.note.text
    view.show_model(params, z)
    items = list(view.scatter_items) + list(view.ellipse_items)
    for _ in range(3):
        view.show_model(params, z)
    assert list(view.scatter_items) + list(view.ellipse_items) == items
    assert sum(len(item.data) for item in view.scatter_items[:1]) == 20_000
    assert sum(int(item.data["visible"].sum()) for item in view.scatter_items[:3]) == 20_000


# -- Scatter3DPlot --------------------------------------------------------------------------


def test_scatter3d_holds_points_in_the_unit_cube(qtbot, tmp_path):
    X, z, params = data(4, 3000)
    view = Scatter3DPlot()
    qtbot.addWidget(view)
    view.resize(700, 560)
    view.show()
    qtbot.waitExposed(view)
    view.set_data(X, columns(4), np.where(z == 0, "A", "B"), "group")
    assert not view.combos[0].isHidden()
    view.show_model(params, z)
    pos = view.scatter_item.pos
    assert pos.shape == (3000, 3)
    assert pos.min() >= 0.0 and pos.max() <= 1.0
    assert view.means_item.pos.shape == (3, 3)
    colours = view.scatter_item.color
    assert colours.shape == (3000, 4)
    assert len(np.unique(colours[:, :3], axis=0)) == 3
    assert "col2" in [t.text for t in view.axis_texts]

    view.combos[2].setCurrentIndex(3)
    assert [t.text for t in view.axis_texts] == ["col0", "col1", "col3"]
    expected = (params.means[:, 3] - X[:, 3].min()) / np.ptp(X[:, 3])
    assert np.allclose(view.means_item.pos[:, 2], expected, atol=1e-6)
    view.show_model(two_components(4), np.minimum(z, 1))
    assert view.means_item.pos.shape == (2, 3)

    out = tmp_path / "scatter3d.png"
    view.export_png(out, width=1200)
    width, _, n_colours = image_colours(out)
    assert width == 1200
    assert n_colours > 50


def test_scatter3d_draws_a_bounded_sample_of_points(qtbot):
    """Redraw speed is measured in benchmarks/bench_window.py; here: the sample and its note."""
    from gmm_desktop.qt.plots.scatter3d_plot import MAX_DRAWN_POINTS

    params = three_components(3)
    X, z = sample_mixture(params, 250_000, seed=3)
    view = Scatter3DPlot()
    qtbot.addWidget(view)
    view.set_data(X, columns(3))
    assert view.combos[0].isHidden()
    view.show_model(params, z)
    assert view.scatter_item.pos.shape == (MAX_DRAWN_POINTS, 3) and MAX_DRAWN_POINTS < 250_000
    assert f"{MAX_DRAWN_POINTS:,} of 250,000" in view.note.text()
    drawn = view.scatter_item.color[:, :3]
    assert len(np.unique(drawn.round(3), axis=0)) == 3  # coloured by the three components


# -- history plots --------------------------------------------------------------------------


def test_likelihood_curve_follows_the_history(qtbot):
    snapshots = history()
    view = LikelihoodPlot()
    qtbot.addWidget(view)
    view.set_history(snapshots[:3])  # live: part of the history so far
    assert not view.converged_marker.isVisible()
    view.set_history(snapshots, current=2)
    x, y = view.curve.getData()
    assert np.allclose(y, [s.log_likelihood for s in snapshots])
    assert np.allclose(x, [s.iteration for s in snapshots])
    assert snapshots[-1].converged
    assert view.converged_marker.isVisible()
    mx, my = view.converged_marker.getData()
    assert (mx[0], my[0]) == (snapshots[-1].iteration, snapshots[-1].log_likelihood)
    assert view.converged_text.textItem.toPlainText() == (
        f"converged at iteration {snapshots[-1].iteration}"
    )
    assert view.current_line.isVisible()
    assert view.current_line.value() == snapshots[2].iteration
    view.set_history(snapshots, None)
    assert not view.current_line.isVisible()
    view.set_data(np.zeros((3, 2)), ["a", "b"])
    assert len(view.curve.getData()[0] or []) == 0
    assert view.plot_item.getAxis("left").labelText == "log-likelihood"


def test_parameter_history_lines_per_component(qtbot):
    snapshots = history(2)
    view = ParameterHistoryPlot()
    qtbot.addWidget(view)
    view.set_history(snapshots, current=1)  # before set_data: default column names
    view.set_data(np.zeros((2, 2)), ["height", "weight"])
    view.set_history(snapshots, current=1)
    assert not view.feature_combo.isHidden()
    view.feature_combo.setCurrentIndex(1)
    for k in range(3):
        _, w = view.weight_curves[k].getData()
        _, m = view.mean_curves[k].getData()
        _, sd = view.sd_curves[k].getData()
        assert np.allclose(w, [s.weights[k] for s in snapshots])
        assert np.allclose(m, [s.means[k, 1] for s in snapshots])
        assert np.allclose(sd, [np.sqrt(s.covariances[k, 1, 1]) for s in snapshots])
    assert all(line.value() == snapshots[1].iteration for line in view.current_lines)
    assert "weight" in view.plots[1].titleLabel.text
    assert view.plots[1].getViewBox().linkedView(0) is view.plots[0].getViewBox()

    short = [
        EMSnapshot(
            s.iteration, s.log_likelihood, two_components(2), s.converged, s.final, s.n_samples
        )
        for s in snapshots[:4]
    ]
    view.set_history(short)
    assert [c.isVisible() for c in view.weight_curves] == [True, True, False]
    assert not any(line.isVisible() for line in view.current_lines)


# -- common interface and export ------------------------------------------------------------


@pytest.mark.parametrize("cls", [DensityPlot, EllipsePlot, LikelihoodPlot, ParameterHistoryPlot])
def test_export_png_has_requested_width_and_colour(qtbot, tmp_path, cls):
    X, z, params = data(2)
    view = cls()
    qtbot.addWidget(view)
    view.resize(800, 500)
    view.set_data(X, ["x", "y"], np.where(z == 0, "A", "B"), "group")
    if isinstance(view, DataView) and not isinstance(view, HistoryView):
        view.show_model(params, z)
    else:
        view.set_history(history(), current=2)
    out = tmp_path / "plot.png"
    view.export_png(out, width=1600)
    width, height, n_colours = image_colours(out)
    assert width == 1600 and height > 400
    assert n_colours > 50
    assert [p.name for p in tmp_path.iterdir()] == ["plot.png"]  # no temporary file left


def _grey(image: QImage, width: int, height: int) -> np.ndarray:
    """An image scaled to width x height as grey levels 0..255, (height, width)."""
    image = image.scaled(width, height).convertToFormat(QImage.Format.Format_Grayscale8)
    rows = [np.frombuffer(image.constScanLine(y), np.uint8, width) for y in range(height)]
    return np.stack(rows).astype(float)


@pytest.mark.parametrize("cls", [DensityPlot, EllipsePlot, LikelihoodPlot, ParameterHistoryPlot])
def test_export_svg_is_a_vector_drawing_of_the_same_picture(qtbot, tmp_path, cls):
    """Valid SVG with the curves as paths and the axis titles as text, which drawn again
    matches the PNG export (axes at the right scale: the pitfall of rendering to SVG)."""
    X, z, params = data(2)
    view = cls()
    qtbot.addWidget(view)
    view.resize(800, 500)
    view.set_data(X, ["height (cm)", "weight (kg)"], np.where(z == 0, "A", "B"), "group")
    if isinstance(view, DataView) and not isinstance(view, HistoryView):
        view.show_model(params, z)
    else:
        view.set_history(history(), current=2)
    view.show()
    qtbot.waitExposed(view)
    out = tmp_path / "plot.svg"
    view.export_svg(out)
    assert [p.name for p in tmp_path.iterdir()] == ["plot.svg"]  # no temporary file left
    root = ElementTree.parse(out).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    texts = " ".join(t.strip() for t in root.itertext())
    title = "height (cm)" if cls is not LikelihoodPlot else "iteration"
    assert title in texts
    shapes = [e for e in root.iter() if e.tag.split("}")[-1] in ("path", "polyline", "line")]
    assert len(shapes) >= 3  # curves and axes as vectors, not one embedded picture

    renderer = QSvgRenderer(str(out))
    assert renderer.isValid()
    size = renderer.viewBox().size()  # in the plot's pixels
    assert abs(size.width() - view.graphics.ci.sceneBoundingRect().width()) <= 1
    drawn = QImage(size, QImage.Format.Format_ARGB32)
    drawn.fill(QColor("white"))
    painter = QPainter(drawn)
    renderer.render(painter)
    painter.end()
    png = render_graphics(view.graphics.ci, size.width())
    w, h = size.width() // 4, size.height() // 4  # compare the layout, not anti-aliasing
    difference = np.abs(_grey(drawn, w, h) - _grey(png, w, h))
    assert difference.mean() < 5.0, difference.mean()  # 1.5-3.5; axes at 72 dpi: 6.5-7


def test_svg_export_of_the_3d_view_is_refused_in_plain_words(qtbot, tmp_path):
    view = Scatter3DPlot()
    qtbot.addWidget(view)
    assert view.export_action.text() == EXPORT_PNG_ACTION_TEXT
    with pytest.raises(UserError, match="only be exported as PNG"):
        view.export_svg(tmp_path / "scatter.svg")
    assert list(tmp_path.iterdir()) == []


def test_export_failures_raise_user_error_and_leave_no_file(qtbot, tmp_path, monkeypatch):
    view = DensityPlot()
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.set_data(np.arange(20.0)[:, None], ["x"])
    with pytest.raises(UserError):
        view.export_png(tmp_path / "missing" / "plot.png")
    with pytest.raises(UserError):
        view.export_svg(tmp_path / "missing" / "plot.svg")

    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        if not os.access(locked, os.W_OK):  # root ignores permission bits
            with pytest.raises(UserError):
                view.export_png(locked / "plot.png")
            assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o755)

    def refuse(*_args: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("gmm_desktop.io.atomic.os.replace", refuse)
    with pytest.raises(UserError, match="Permission denied"):
        view.export_png(locked / "plot.png")
    assert list(locked.iterdir()) == []


def test_context_menu_offers_export(qtbot, tmp_path, monkeypatch):
    view = EllipsePlot()
    qtbot.addWidget(view)
    view.resize(600, 400)
    X, z, params = data(2)
    view.set_data(X, ["x", "y"])
    view.show_model(params, z)
    menu_actions = view.graphics.scene().contextMenu  # added to every ViewBox menu
    assert [a.text() for a in menu_actions] == [EXPORT_ACTION_TEXT]
    from gmm_desktop.qt.export_dialog import PictureChoice

    def choose(name: str, width: int = 1600, dpi: int = 300) -> None:
        monkeypatch.setattr(
            "gmm_desktop.qt.export_dialog.ask_picture",
            lambda dialog: PictureChoice(tmp_path / name, width, dpi),
        )

    choose("chosen", 900, 150)  # the dialog's size and resolution; .png added
    menu_actions[0].trigger()
    image = QImage(str(tmp_path / "chosen.png"))
    assert image.width() == 900 and round(image.dotsPerMeterX() * 0.0254) == 150
    choose("named.svg")  # a name ending in .svg: an SVG drawing
    menu_actions[0].trigger()
    assert ElementTree.parse(tmp_path / "named.svg").getroot().tag.endswith("svg")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chosen.png", "named.svg"]

    view3d = Scatter3DPlot()
    qtbot.addWidget(view3d)
    assert EXPORT_PNG_ACTION_TEXT in [a.text() for a in view3d.view.actions()]


def test_views_follow_the_protocols(qtbot):
    for cls in (DensityPlot, EllipsePlot, Scatter3DPlot):
        view = cls()
        qtbot.addWidget(view)
        assert isinstance(view, DataView)
    for cls in (LikelihoodPlot, ParameterHistoryPlot):
        view = cls()
        qtbot.addWidget(view)
        assert isinstance(view, HistoryView)


@pytest.mark.skipif(not os.environ.get("GMM_SCREENSHOTS"), reason="set GMM_SCREENSHOTS=1")
def test_save_screenshots(qtbot, tmp_path):
    """Realistic pictures of every plot in screenshots/ (look at them after changes)."""
    from gmm_desktop.qt.plots.preview import demo, heights_demo

    shots = screenshot_folder(tmp_path)
    heights = heights_demo()
    density = DensityPlot()
    qtbot.addWidget(density)
    density.resize(900, 520)
    density.set_data(heights.X, heights.columns, heights.labels, heights.label_name)
    density.show_model(heights.result.params, heights.result.labels)
    density.split_checkbox.setChecked(True)
    density.export_png(shots / "density.png")

    two = demo(d=2, n=2500)
    ellipses = EllipsePlot()
    qtbot.addWidget(ellipses)
    ellipses.resize(900, 620)
    ellipses.set_data(two.X, two.columns, two.labels, two.label_name)
    ellipses.show_model(two.result.params, two.result.labels)
    ellipses.export_png(shots / "ellipses.png")

    steps = two.result.history
    likelihood = LikelihoodPlot()
    qtbot.addWidget(likelihood)
    likelihood.resize(800, 460)
    likelihood.set_history(steps, current=len(steps) // 3)
    likelihood.export_png(shots / "likelihood.png")

    parameters = ParameterHistoryPlot()
    qtbot.addWidget(parameters)
    parameters.resize(1200, 420)
    parameters.set_data(two.X, two.columns)
    parameters.set_history(steps, current=len(steps) // 3)
    parameters.export_png(shots / "parameters.png")

    four = demo(d=4, n=5000)
    cloud = Scatter3DPlot()
    qtbot.addWidget(cloud)
    cloud.resize(900, 700)
    cloud.show()
    qtbot.waitExposed(cloud)
    cloud.set_data(four.X, four.columns, four.labels, four.label_name)
    cloud.show_model(four.result.params, four.result.labels)
    cloud.export_png(shots / "scatter3d.png")


def test_ellipse_plot_prepares_its_point_items_one_per_event_loop_turn(qtbot):
    """A data load never builds all K point items in one go (each costs tens of ms at
    20,000 points): one now, the rest on later turns of the event loop."""
    X, _ = sample_mixture(three_components(2), 50_000, seed=3)
    view = EllipsePlot()
    qtbot.addWidget(view)
    view.set_data(X, ["x", "y"])
    view.prepare_components(4)
    assert len(view.scatter_items) == 1
    qtbot.waitUntil(lambda: len(view.scatter_items) == 4, timeout=5000)
    assert all(len(item.data) == 20_000 for item in view.scatter_items)
    # before a fit only the grey data points show: the prepared items covered them in
    # component colours (seen on a 2,000,000-row file right after loading)
    assert view.plain_item.isVisible()
    assert not any(item.isVisible() for item in view.scatter_items)
    fitted = fit(X[:2000], FitConfig(n_components=3, seed=0))
    view.set_data(X[:2000], ["x", "y"])
    view.show_model(fitted.params, fitted.labels)
    assert not view.plain_item.isVisible()
    assert [item.isVisible() for item in view.scatter_items[:3]] == [True] * 3


def test_profile_plot_draws_class_means_sizes_and_bootstrap_intervals(qtbot, tmp_path) -> None:
    from gmm_desktop.engine.bootstrap import bootstrap_fit
    from gmm_desktop.qt.plots.profile_plot import ProfilePlot

    truth = MixtureParams.from_user(
        [0.7, 0.3], [[0.0, 100.0], [3.0, 130.0]], standard_deviations=[[1.0, 10.0], [1.0, 10.0]]
    )
    X = sample_mixture(truth, 400, 3)[0]
    result = fit(X, FitConfig(n_components=2, seed=0))
    params, labels = result.params, result.labels
    plot = ProfilePlot()
    qtbot.addWidget(plot)
    plot.set_data(X, ["score", "time"])
    plot.show_model(params, labels)
    assert plot.standardised
    x, y = plot.lines[1].getData()
    assert list(x) == [0.0, 1.0]
    expected = (params.means[1] - X.mean(axis=0)) / X.std(axis=0)
    assert y == pytest.approx(expected)
    shares = 100.0 * np.bincount(labels, minlength=2) / 400
    assert plot.bars.opts["height"] == pytest.approx(shares)
    assert plot.weight_marks.getData()[1] == pytest.approx(100.0 * params.weights)
    assert not plot.error_bars[0].isVisible() and not plot.intervals_box.isEnabled()
    plot.scale_combo.setCurrentIndex(1)  # raw
    assert plot.lines[0].getData()[1] == pytest.approx(params.means[0])
    boot = bootstrap_fit(X, result, n_bootstrap=20, seed=0)
    plot.set_bootstrap(params, boot)
    assert plot.error_bars[0].isVisible() and plot.intervals_box.isEnabled()
    low, high = boot.interval("means")
    assert plot.error_bars[0].opts["top"] == pytest.approx(high[0] - params.means[0])
    assert plot.error_bars[0].opts["bottom"] == pytest.approx(params.means[0] - low[0])
    plot.intervals_box.setChecked(False)
    assert not plot.error_bars[0].isVisible()
    plot.intervals_box.setChecked(True)
    other = fit(X, FitConfig(n_components=3, seed=0)).params
    plot.show_model(other, None)  # another model: its intervals are unknown
    assert not any(bars.isVisible() for bars in plot.error_bars)
    assert plot.lines[2].isVisible()
    plot.show_model(params, labels)  # back to the bootstrapped one
    assert plot.error_bars[1].isVisible()
    plot.export_png(tmp_path / "profile.png", width=600)
    assert QImage(str(tmp_path / "profile.png")).width() == 600
    plot.export_svg(tmp_path / "profile.svg")
    assert (tmp_path / "profile.svg").stat().st_size > 0


@pytest.mark.parametrize("width", [600, 900, 1400])  # 600: the plots at 1280 x 720
@pytest.mark.parametrize(
    "columns",
    [
        ["sepal_length", "sepal_width", "petal_length", "petal_width"],
        ["reaction_time_ms", "accuracy", "age in years", "handedness_score", "sleep-hours"],
    ],
)
def test_profile_column_names_never_overlap(qtbot, columns, width) -> None:
    """Four or five column names under a narrow profile plot wrap or stagger: no two labels'
    lines of ink share a pixel, and every name is drawn in full."""
    from gmm_desktop.qt.plots.profile_plot import ProfilePlot

    d = len(columns)
    rng = np.random.default_rng(0)
    X = np.concatenate([rng.normal(0, 1, (60, d)), rng.normal(3, 1, (60, d))])
    plot = ProfilePlot()
    qtbot.addWidget(plot)
    plot.resize(width, 420)
    plot.show()
    qtbot.waitExposed(plot)
    plot.set_data(X, columns)
    plot.show_model(fit(X, FitConfig(n_components=2, seed=0)).params, None)
    axis = plot.column_axis

    def settled() -> bool:  # every label drawn, inside the axis (once it grew to fit them)
        drawn = axis.drawn_labels()
        bounds = axis.boundingRect()  # the axis and a margin at either end
        return len(drawn) == d and all(bounds.contains(r) for _, rects in drawn for r in rects)

    qtbot.waitUntil(settled, timeout=5000)
    drawn = axis.drawn_labels()
    labels = [rects for _, rects in drawn]
    assert [" ".join(text.split()) for text, _ in drawn] == [  # whole names, wrapped
        " ".join(wrap.split()) for wrap in (text for text, _ in drawn)
    ]
    assert [text.replace("\n", "").replace(" ", "") for text, _ in drawn] == [
        c.replace(" ", "") for c in columns
    ]
    overlaps = [
        (columns[a], columns[b])
        for a in range(d)
        for b in range(a + 1, d)
        if any(r.intersects(s) for r in labels[a] for s in labels[b])
    ]
    assert not overlaps, f"{axis.layout_name} at {axis.width():.0f} px: {overlaps}"
    if width == 600:
        assert axis.layout_name != "one line"  # the plain layout would overlap here


def test_profile_weight_marks_stay_as_wide_as_their_bars(qtbot) -> None:
    """Eight components in a narrow class-sizes plot: a 28 px weight mark ran over the
    neighbouring bars and past the plot's edge; now it is at most its bar's width."""
    from gmm_desktop.qt.plots.profile_plot import BAR_WIDTH, ProfilePlot

    rng = np.random.default_rng(2)
    X = np.concatenate([rng.normal(3 * j, 0.5, (30, 2)) for j in range(8)])
    plot = ProfilePlot()
    qtbot.addWidget(plot)
    plot.resize(640, 500)
    plot.show()
    qtbot.waitExposed(plot)
    plot.set_data(X, ["a", "b"])
    plot.show_model(fit(X, FitConfig(n_components=8, seed=0)).params, None)
    view = plot.sizes_item.vb

    def bar_px() -> float:
        low, high = view.viewRange()[0]
        return BAR_WIDTH * view.width() / (high - low)

    qtbot.waitUntil(lambda: plot.weight_marks.opts["size"] <= bar_px() + 0.5, timeout=5000)
    assert bar_px() < 28  # the old fixed size would not have fitted
    plot.resize(1800, 500)  # wider: the marks grow back, up to 28 px
    qtbot.waitUntil(lambda: plot.weight_marks.opts["size"] == 28, timeout=5000)


# -- rows with empty cells (missing="model", issue 21) -------------------------------------


def _with_holes(d: int, n: int = 2000) -> tuple[np.ndarray, np.ndarray, MixtureParams]:
    """``data(d, n)`` with empty cells: rows 0-49 miss column 1, rows 50-79 column 0, rows
    80-89 both (only with d > 2 do they keep a cell)."""
    X, z, params = data(d, n)
    X = X.copy()
    X[:50, 1] = np.nan
    X[50:80, 0] = np.nan
    X[80:90, :2] = np.nan
    return X, z, params


def test_histogram_counts_only_the_observed_values(qtbot):
    X, z, params = _with_holes(3)
    view = DensityPlot()
    qtbot.addWidget(view)
    view.set_data(X, columns(3), np.array(["a", "b", "c"])[z], "kind")
    view.show_model(params)
    assert view.observed_count == 2000 - 40 and view.empty_count == 40
    _, density = view.histogram_item.getData()
    widths = np.diff(view._edges)
    counts = density * widths * view.observed_count
    assert np.isclose(counts.sum(), 1960)  # the observed values, each counted once
    assert np.isclose((density * widths).sum(), 1.0)  # a density of the observed values
    finite = np.isfinite(X[:, 0])
    assert np.isclose(view._edges[0], X[finite, 0].min())
    view.split_checkbox.setChecked(True)
    groups = [item for item in view.group_items if item.isVisible()]
    total = sum((item.getData()[1] * widths * view.observed_count).sum() for item in groups)
    assert np.isclose(total, 1960)  # the groups add up to the observed values too
    texts = [label.text for _, label in view.legend.items]
    assert "data: 1,960 values (40 empty)" in texts
    view.feature_combo.setCurrentIndex(1)  # column 1 misses 50 + 10 cells
    assert view.observed_count == 1940
    view.feature_combo.setCurrentIndex(2)  # column 2 misses none: the plain legend
    assert view.empty_count == 0 and "data" in [label.text for _, label in view.legend.items]


def test_scatter_ticks_rows_missing_one_coordinate_on_that_axis(qtbot):
    X, z, params = _with_holes(3)
    view = EllipsePlot()
    qtbot.addWidget(view)
    view.set_data(X, columns(3))
    view.show_model(params, z)
    # 50 rows miss y (column 1): ticks on the x axis; 30 miss x: ticks on the y axis
    assert view.rug_counts() == (50, 30)
    assert view.rug_x_item.isVisible() and view.rug_y_item.isVisible()
    ticks_x, ticks_y = view.rug_x_item.getData(), view.rug_y_item.getData()
    assert np.array_equal(ticks_x[0], X[:50, 0])  # at their x ...
    complete = np.isfinite(X[:, :2]).all(axis=1)
    assert np.all(ticks_x[1] < X[complete, 1].min())  # ... below every point
    assert np.array_equal(ticks_y[1], X[50:80, 1])
    assert np.all(ticks_y[0] < X[complete, 0].min())
    texts = [label.text for _, label in view.legend.items]
    assert "no col1: 50 rows (ticks at their col0)" in texts
    assert "no col0: 30 rows (ticks at their col1)" in texts
    assert "50 rows have no col1 value" in view.rug_x_item.toolTip()
    # the points: only rows with both cells (no point half there)
    x, _ = view.plain_item.getData()
    assert int(np.isfinite(x).sum()) == int(complete.sum()) == 1910
    view.y_combo.setCurrentIndex(2)  # col0 against col2: 30 + 10 rows miss col0
    assert view.rug_counts() == (0, 40)
    assert not view.rug_x_item.isVisible()
    assert not any("no col1" in label.text for _, label in view.legend.items)
    view.set_data(*data(2)[:1], columns(2))  # complete data: no ticks at all
    assert view.rug_counts() == (0, 0) and not view.rug_y_item.isVisible()


def test_weighted_histogram_is_the_histogram_of_the_rows_repeated(qtbot):
    """Frequency weights count each row as its weight, as the weighted fit does: the same
    bars as the file with every row written out that many times."""
    X = data(2, 600)[0].copy()
    X[:20, 0] = np.nan  # and an empty cell or two
    weights = np.random.default_rng(4).integers(0, 4, X.shape[0]).astype(float)
    weighted = DensityPlot()
    qtbot.addWidget(weighted)
    weighted.set_data(X, columns(2), weights=weights, weight_name="freq")
    rows = np.repeat(np.arange(X.shape[0]), weights.astype(int))  # the file written out
    counts, _ = np.histogram(X[rows, 0][np.isfinite(X[rows, 0])], bins=weighted._edges)
    _, density = weighted.histogram_item.getData()
    total = weights[np.isfinite(X[:, 0])].sum()
    np.testing.assert_allclose(density * np.diff(weighted._edges) * total, counts)
    texts = [label.text for _, label in weighted.legend.items]
    assert "data weighted by freq (20 empty)" in texts
    weighted.feature_combo.setCurrentIndex(1)
    assert "data weighted by freq" in [label.text for _, label in weighted.legend.items]


def test_profile_axes_of_one_column_carry_no_scale_factor(qtbot) -> None:
    """One column spans -0.5..0.5 on the profile's x axis: pyqtgraph's SI prefix named it
    "column (x0.001)", which means nothing to a student."""
    from gmm_desktop.qt.plots.profile_plot import ProfilePlot

    X = np.random.default_rng(0).normal(170, 8, (300, 1))
    plot = ProfilePlot()
    qtbot.addWidget(plot)
    plot.resize(700, 500)
    plot.show()
    qtbot.waitExposed(plot)
    plot.set_data(X, ["height"])
    plot.show_model(fit(X, FitConfig(n_components=2, seed=0)).params, None)
    for item in (plot.profile_item, plot.sizes_item):
        for side in ("bottom", "left"):
            axis = item.getAxis(side)
            axis.updateAutoSIPrefix()
            assert "x0." not in axis.labelString() and "x1e" not in axis.labelString()
