"""The Teach view: its half-steps are the engine's, Step back restores, the formula panel shows
the engine's numbers for the clicked point, on the 1-D and 2-D demo data."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPointF, QSettings, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QSplitter, QToolBar

from gmm_desktop.engine import FitConfig, MixtureParams, m_step, responsibilities
from gmm_desktop.engine.halfsteps import HalfStepHistory
from gmm_desktop.io.demo import demo_path
from gmm_desktop.qt.main_window import MainWindow
from gmm_desktop.qt.teach_formulas import e_table_width, fmt
from gmm_desktop.qt.teach_handles import blend, long_axis_end, reshaped_covariance
from gmm_desktop.qt.teach_lessons import LESSONS, lesson, open_lesson
from gmm_desktop.qt.teach_view import TeachSetup, TeachView, first_start

TIMEOUT = 30_000
DEMO = Path(demo_path("heights")).parent


def _demo(name: str, columns: list[str]) -> np.ndarray:
    import pandas as pd

    return pd.read_csv(DEMO / name)[columns].to_numpy(dtype=float)


CASES = {
    "heights": (["height"], FitConfig(n_components=2, init="random-from-data", seed=4)),
    "faithful": (
        ["eruptions", "waiting"],
        FitConfig(n_components=2, init="random-from-data", seed=1),
    ),
}


@pytest.fixture(params=sorted(CASES))
def teach(request, qtbot):
    columns, config = CASES[request.param]
    X = _demo(f"{request.param}.csv", columns)
    view = TeachView(source=lambda: TeachSetup(X, columns, config))
    view.resize(1000, 700)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    yield view, X, config
    view.pause()


def test_stepping_in_the_view_equals_the_engine(teach) -> None:
    view, X, config = teach
    engine = HalfStepHistory(X, first_start(X, config), config.covariance_type, config.reg_covar)
    assert view.history is not None
    assert view.history.current.log_likelihood == engine.current.log_likelihood
    for _ in range(7):
        view.step_button.click()
        expected = engine.step()
        shown = view.history.current
        assert shown.kind == expected.kind
        np.testing.assert_array_equal(shown.params.means, expected.params.means)
        np.testing.assert_array_equal(shown.params.covariances, expected.params.covariances)
        assert shown.log_likelihood == expected.log_likelihood
        assert shown.lower_bound == expected.lower_bound
    kinds = [s.kind for s in view.history.states]
    assert kinds == ["start", "E", "M", "E", "M", "E", "M", "E"]
    # the bound plot has one log-likelihood point per half-step, a bound point per E and M
    assert len(view.likelihood_curve.getData()[0]) == 8
    assert len(view.bound_curve.getData()[0]) == 7


def test_step_back_restores_the_exact_state(teach) -> None:
    view, _X, _config = teach
    assert view.history is not None
    assert not view.back_button.isEnabled()
    for _ in range(4):
        view.step_button.click()
    after_m = view.history.current
    view.step_button.click()
    assert view.history.current.kind == "E"
    view.back_button.click()
    assert view.history.current is after_m
    assert view.m_numbers is not None
    np.testing.assert_allclose(view.m_numbers.mean, after_m.params.means[0], rtol=1e-12)
    for _ in range(4):
        view.back_button.click()
    assert view.history.current.kind == "start"
    assert not view.back_button.isEnabled()
    assert view.m_numbers is None  # no responsibilities at the start
    means, _ = view.mean_item.getData()
    np.testing.assert_array_equal(means, view.history.current.params.means[:, 0])


def _click_row(qtbot, view: TeachView, row: int) -> None:
    """A real mouse click on the drawn spot of ``row``."""
    where = int(np.flatnonzero(view._drawn_rows == row)[0])
    x, y = view.points_item.getData()
    scene = view.plot_item.vb.mapViewToScene(QPointF(float(x[where]), float(y[where])))
    pos = view.graphics.mapFromScene(scene)
    qtbot.mouseClick(view.graphics.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def test_formula_panel_shows_the_engines_numbers_for_a_clicked_point(qtbot, teach) -> None:
    view, X, config = teach
    for _ in range(3):  # E, M, E: responsibilities of the parameters after one M-step
        view.step_button.click()
    state = view.history.current if view.history else None
    assert state is not None and state.kind == "E"
    # a point between the two components, where their colours mix
    resp = responsibilities(X, state.params, config.covariance_type)
    row = int(np.argmin(np.abs(resp[:, 0] - 0.5)))
    _click_row(qtbot, view, row)
    qtbot.waitUntil(lambda: view.e_numbers is not None and view.selected_row != 0)
    chosen = view.selected_row
    assert view.e_numbers is not None
    assert view.e_numbers.row == chosen
    np.testing.assert_allclose(view.e_numbers.gammas, resp[chosen], rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(view.e_numbers.point, X[chosen])
    text = view.e_label.text()
    for gamma in resp[chosen]:
        assert fmt(gamma) in text
    # the M-step formulas of component 2 are the engine's next M-step
    view.component_combo.setCurrentIndex(1)
    engine = m_step(X, resp, config.covariance_type, config.reg_covar)
    assert view.m_numbers is not None and view.m_numbers.component == 1
    np.testing.assert_allclose(view.m_numbers.mean, engine.means[1], rtol=1e-10)
    np.testing.assert_allclose(view.m_numbers.covariance, engine.covariances[1], rtol=1e-10)
    assert view.m_numbers.weight == pytest.approx(engine.weights[1], rel=1e-10)
    assert fmt(engine.weights[1]) in view.m_label.text()
    # after the M-step the E formula still shows the responsibilities the M-step used
    view.step_button.click()
    assert view.e_numbers is not None
    np.testing.assert_allclose(view.e_numbers.gammas, resp[chosen], rtol=1e-12, atol=1e-15)


def test_play_steps_on_the_timer_and_pause_stops_it(qtbot, teach) -> None:
    view, _X, _config = teach
    assert view.history is not None
    view.speed_slider.setValue(20)
    view.play_button.click()
    assert view.timer.isActive()
    qtbot.waitUntil(lambda: view.history is not None and view.history.position >= 3, timeout=5000)
    view.play_button.click()
    assert not view.timer.isActive()
    position = view.history.position
    qtbot.wait(150)
    assert view.history.position == position


def test_reset_goes_back_to_the_start(teach) -> None:
    view, _X, _config = teach
    assert view.history is not None
    start = view.history.states[0]
    view.step_button.click()
    view.reset_button.click()
    assert view.history.position == 0
    np.testing.assert_array_equal(view.history.current.params.means, start.params.means)


def test_teach_tab_takes_the_windows_data_and_settings(qtbot, tmp_path) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings)
    window.setProperty("scripted", True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.plots.setCurrentWidget(window.teach)
    assert window.teach.history is None
    assert "Open a data file" in window.teach.status_label.text()
    with qtbot.waitSignal(window.sig_data_loaded, timeout=TIMEOUT):
        window.open_file(DEMO / "faithful.csv", columns=["eruptions", "waiting"])
    panel = window.parameter_panel
    panel.set_config(panel.config().with_changes(n_components=3, covariance_type="diag"))
    window.plots.setCurrentWidget(window.teach)
    teach = window.teach
    assert teach.history is not None and teach.setup is not None
    assert teach.history.current.params.n_components == 3
    assert teach.setup.config.covariance_type == "diag"
    assert teach.component_combo.count() == 3
    teach.step_button.click()
    teach.step_button.click()
    cov = teach.history.current.params.covariances
    assert np.all(cov[:, 0, 1] == 0.0)  # diag: no correlation
    window.close()


# -- the M-step glides, the E-step recolours ---------------------------------------------------


def test_an_m_step_glides_to_the_new_parameters(qtbot, teach) -> None:
    view, _X, _config = teach
    assert view.history is not None
    view.step_button.click()  # E
    before = view.history.current.params
    view.step_button.click()  # M: the state changes at once, the drawing glides
    after = view.history.current
    assert after.kind == "M"
    assert view.animation.state() == view.animation.State.Running
    assert view.drawn_params is not None
    np.testing.assert_array_equal(view.drawn_params.means, before.means)
    frames: list[np.ndarray] = []
    view.animation.valueChanged.connect(
        lambda _v: frames.append(np.array(view.drawn_params.means)) if view.drawn_params else None
    )
    with qtbot.waitSignal(view.animation.finished, timeout=5000):
        pass
    np.testing.assert_array_equal(view.drawn_params.means, after.params.means)
    between = [
        f
        for f in frames
        if not (np.allclose(f, before.means) or np.allclose(f, after.params.means))
    ]
    assert between, "no in-between frame was drawn"
    means, _ = view.mean_item.getData()
    np.testing.assert_array_equal(means, after.params.means[:, 0])


def test_a_step_during_the_glide_finishes_it_first(teach) -> None:
    view, _X, _config = teach
    assert view.history is not None
    view.step_button.click()
    view.step_button.click()
    assert view.animation.state() == view.animation.State.Running
    view.step_button.click()  # E: the glide ends, then the E-step is taken
    assert view.history.current.kind == "E"
    assert view.animation.state() != view.animation.State.Running
    assert view.drawn_params is view.history.current.params


def test_after_e_the_points_mix_the_component_colours(teach) -> None:
    view, _X, _config = teach
    assert view.history is not None
    grey = {b.color().name() for b in view.points_item.data["brush"]}
    assert grey == {"#8c8c8c"}
    view.step_button.click()
    colours = {b.color().name() for b in view.points_item.data["brush"]}
    assert len(colours) > 10  # mixes, not one colour per component


# -- a start set by hand ------------------------------------------------------------------------


def test_dragging_a_mean_sets_the_start_and_stepping_starts_from_it(teach) -> None:
    view, X, config = teach
    assert view.history is not None and view.setup is not None
    view.step_button.click()
    shown = view.history.current.params
    d = X.shape[1]
    target = X.mean(axis=0) + 0.25 * X.std(axis=0)
    if d == 1:
        line = view.handles.lines[1]
        line.setValue(float(target[0]))  # dragging: drawn, nothing computed yet
        assert view.history.position == 1
        assert view.drawn_params is not None
        assert view.drawn_params.means[1, 0] == pytest.approx(target[0])
        line.sigPositionChangeFinished.emit(line)  # released
    else:
        ring = view.handles.targets[1]
        ring.setPos(float(target[0]), float(target[1]))
        assert view.history.position == 1
        ring.sigPositionChangeFinished.emit(ring)
    assert view.history.position == 0 and view.history.current.kind == "start"
    start = view.history.current.params
    assert view.manual_start is start
    np.testing.assert_allclose(start.means[1], target[:d])
    np.testing.assert_array_equal(start.means[0], shown.means[0])
    engine = HalfStepHistory(X, start, config.covariance_type, config.reg_covar)
    for _ in range(3):
        view.step_button.click()
        expected = engine.step()
        np.testing.assert_array_equal(view.history.current.params.means, expected.params.means)
    view.reset_button.click()  # Reset goes back to the dragged start, not the settings' start
    assert view.history.position == 0
    np.testing.assert_array_equal(view.history.current.params.means, start.means)


def test_the_ellipse_handle_turns_and_stretches_the_start(qtbot) -> None:
    X = _demo("faithful.csv", ["eruptions", "waiting"])
    config = FitConfig(n_components=2, init="random-from-data", seed=1)
    view = TeachView(source=lambda: TeachSetup(X, ["eruptions", "waiting"], config))
    qtbot.addWidget(view)
    view.show()
    assert view.history is not None
    params = view.history.current.params
    mean = params.means[0]
    short = np.sqrt(np.linalg.eigvalsh(params.covariances[0])[0])
    handle = view.handles.axis_targets[0]
    end = mean + np.array([3.0, 4.0])  # long axis of length 5 along (0.6, 0.8)
    handle.setPos(*end)
    handle.sigPositionChangeFinished.emit(handle)
    cov = view.history.current.params.covariances[0]
    values, vectors = np.linalg.eigh(cov)
    assert np.sqrt(values[-1]) == pytest.approx(5.0, rel=1e-9)
    assert np.sqrt(values[0]) == pytest.approx(short, rel=1e-9)
    assert abs(vectors[:, -1] @ np.array([0.6, 0.8])) == pytest.approx(1.0, rel=1e-9)
    np.testing.assert_array_equal(view.history.current.params.means, params.means)
    np.testing.assert_allclose([handle.pos().x(), handle.pos().y()], end)  # stays where dropped


@pytest.mark.parametrize("covariance_type", ["full", "diag", "spherical", "tied"])
def test_a_reshaped_covariance_stays_positive_definite_in_3d(covariance_type: str) -> None:
    rng = np.random.default_rng(2)
    a = rng.normal(size=(3, 3))
    cov = a @ a.T + np.eye(3)
    params = MixtureParams(np.array([0.5, 0.5]), np.zeros((2, 3)), np.stack([cov, np.eye(3)]))
    out = reshaped_covariance(params, 0, (0, 2), (2.0, -1.0), covariance_type)
    for matrix in out.covariances:
        assert np.all(np.linalg.eigvalsh(matrix) > 0)
    if covariance_type == "full":
        block = out.covariances[0][np.ix_([0, 2], [0, 2])]
        np.testing.assert_allclose(
            long_axis_end(np.zeros(2), block, near=(1, 0)), [2.0, -1.0], atol=1e-9
        )
        np.testing.assert_array_equal(out.covariances[1], np.eye(3))
    mid = blend(params, out, 0.5)
    np.testing.assert_allclose(mid.covariances, 0.5 * (params.covariances + out.covariances))


# -- 3-D data -------------------------------------------------------------------------------------


def test_three_columns_draw_two_chosen_ones_and_the_formulas_use_all(qtbot) -> None:
    columns = ["x1", "x2", "x3"]
    X = _demo("clusters_3d.csv", columns)
    config = FitConfig(n_components=4, init="random-from-data", seed=2)
    view = TeachView(source=lambda: TeachSetup(X, columns, config))
    qtbot.addWidget(view)
    view.show()
    assert view.history is not None
    assert view.x_combo.isVisibleTo(view) and view.x_combo.count() == 3
    view.y_combo.setCurrentIndex(2)
    assert view.axes == (0, 2)
    means, ys = view.mean_item.getData()
    params = view.history.current.params
    np.testing.assert_array_equal(means, params.means[:, 0])
    np.testing.assert_array_equal(ys, params.means[:, 2])
    _x, y = view.points_item.getData()
    np.testing.assert_array_equal(y, X[view._drawn_rows, 2])
    view.step_button.click()
    view.step_button.click()
    view.step_button.click()
    state = view.history.current
    assert state.responsibilities is not None
    engine = m_step(X, state.responsibilities, config.covariance_type, config.reg_covar)
    assert view.m_numbers is not None and view.m_numbers.mean.shape == (3,)
    np.testing.assert_allclose(view.m_numbers.covariance, engine.covariances[0], rtol=1e-10)
    assert view.e_numbers is not None and view.e_numbers.point.shape == (3,)
    text = view.m_label.text()
    assert all(fmt(v) in text for v in engine.covariances[0].ravel())  # all 3 x 3 entries


# -- the window: the Teach toggle and the lessons -----------------------------------------------


@pytest.fixture
def window(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    main = MainWindow(settings)
    main.setProperty("scripted", True)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.close()


def test_the_teach_action_shows_the_tab_and_stays_in_sync(window) -> None:
    action = window.act_teach
    assert action.isCheckable() and not action.isChecked()
    assert action in window.view_menu.actions()
    assert any(action in bar.actions() for bar in window.findChildren(QToolBar))
    before = window.plots.currentWidget()
    action.trigger()
    assert window.plots.currentWidget() is window.teach
    action.trigger()
    assert not action.isChecked()
    assert window.plots.currentWidget() is before
    window.plots.setCurrentWidget(window.teach)  # the user clicks the tab itself
    assert action.isChecked()
    window.plots.setCurrentWidget(window.plots.likelihood)
    assert not action.isChecked()
    action.trigger()
    action.trigger()
    assert window.plots.currentWidget() is window.plots.likelihood


def test_a_lesson_opens_its_data_sets_its_start_and_explains(window) -> None:
    lessons = [a.text() for a in window.demo_menu.actions() if a.menu() is not None]
    assert lessons, "File > Demo data has no Lessons submenu"
    open_lesson(window, "heights")
    teach = window.teach
    assert window.plots.currentWidget() is teach and window.act_teach.isChecked()
    assert teach.history is not None and teach.history.position == 0
    start = teach.history.current.params
    np.testing.assert_allclose(start.means[:, 0], [180.0, 165.0])
    np.testing.assert_allclose(np.sqrt(start.covariances[:, 0, 0]), [5.0, 5.0])
    np.testing.assert_allclose(start.weights, [0.7, 0.3])
    assert teach.lesson_label.isVisibleTo(teach) and "180" in teach.lesson_label.text()
    teach.step_button.click()
    teach.reset_button.click()  # the lesson's start stays the start
    np.testing.assert_allclose(teach.history.current.params.means[:, 0], [180.0, 165.0])

    open_lesson(window, "spike_regularised")
    assert teach.setup is not None and teach.setup.config.reg_covar == 0.1
    assert window.parameter_panel.config().reg_covar == 0.1
    assert teach.history.current.params.covariances[1, 0, 0] == pytest.approx(0.01**2)

    open_lesson(window, "three_groups")
    assert teach.truth is not None and len(teach.truth_items) == 3
    assert teach.history.current.params.n_components == 3

    open_lesson(window, "random_points", seed=5)
    X = teach.setup.X
    means = teach.history.current.params.means
    assert all(any(np.array_equal(m, row) for row in X) for m in means)
    assert not teach.truth_items


@pytest.mark.parametrize("key", [item.key for item in LESSONS])
def test_every_lesson_keeps_the_bound_under_a_rising_log_likelihood(key: str) -> None:
    chosen = lesson(key)
    table, columns, _label, _truth = chosen.data(1)
    X = table.frame[columns].to_numpy(dtype=float)
    history = HalfStepHistory(X, chosen.start(X, 1), "full", chosen.reg_covar)
    previous = history.current.log_likelihood
    for _ in range(60):
        state = history.step()
        assert state.lower_bound is not None
        slack = 1e-9 * abs(state.log_likelihood)
        if state.kind == "E":
            assert state.lower_bound == pytest.approx(state.log_likelihood, rel=1e-9)
        assert state.lower_bound <= state.log_likelihood + slack
        assert state.log_likelihood >= previous - slack
        previous = state.log_likelihood
    spread = np.sqrt(history.current.params.covariances[:, 0, 0])
    if key == "spike":  # what its text says: the narrow one collapses onto its point
        assert spread[1] < 0.01
    if key == "spike_regularised":  # ... and with regularisation it finds the second group
        assert spread[1] > 0.5
        assert history.current.params.means[1, 0] == pytest.approx(4.0, abs=0.5)


def test_the_latent_variable_lesson_starts_as_the_exercise(window) -> None:
    open_lesson(window, "latent")
    teach = window.teach
    assert teach.setup is not None and teach.setup.X.shape == (40, 1)
    start = teach.history.current.params if teach.history else None
    assert start is not None
    np.testing.assert_allclose(start.means[:, 0], [-0.5, 0.5])
    np.testing.assert_allclose(start.covariances[:, 0, 0], [1.0, 1.0])
    assert window.true_params is not None and len(teach.truth_items) == 2


def _drag(qtbot, view: TeachView, start: tuple[float, float], end: tuple[float, float]) -> None:
    """A real left-button drag on the plot between two points in data coordinates."""
    viewport = view.graphics.viewport()
    vb = view.plot_item.vb

    def at(x: float, y: float) -> QPointF:
        return QPointF(view.graphics.mapFromScene(vb.mapViewToScene(QPointF(x, y))))

    def send(kind: QEvent.Type, where: QPointF, button: Qt.MouseButton, held: Qt.MouseButton):
        event = QMouseEvent(
            kind,
            where,
            QPointF(viewport.mapToGlobal(where.toPoint())),
            button,
            held,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(viewport, event)
        qtbot.wait(30)

    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    send(QEvent.Type.MouseMove, at(*start), none, none)
    send(QEvent.Type.MouseButtonPress, at(*start), left, left)
    for f in np.linspace(0.2, 1.0, 5):
        point = at(start[0] + f * (end[0] - start[0]), start[1] + f * (end[1] - start[1]))
        send(QEvent.Type.MouseMove, point, none, left)
    send(QEvent.Type.MouseButtonRelease, at(*end), left, none)


def test_a_real_mouse_drag_of_a_mean_sets_the_start(qtbot, teach) -> None:
    view, X, _config = teach
    assert view.history is not None
    view.step_button.click()
    view.finish_animation()
    params = view.history.current.params
    d = X.shape[1]
    if d == 1:
        y_range = view.plot_item.vb.viewRange()[1]
        y = 0.5 * (y_range[0] + y_range[1])
        old = float(params.means[1, 0])
        shift = 0.3 * float(X.std())
        _drag(qtbot, view, (old, y), (old + shift, y))
        expected = np.array([old + shift])
    else:
        old_xy = (float(params.means[1, 0]), float(params.means[1, 1]))
        shift_xy = 0.3 * X.std(axis=0)
        new_xy = (old_xy[0] + shift_xy[0], old_xy[1] + shift_xy[1])
        _drag(qtbot, view, old_xy, new_xy)
        expected = np.array(new_xy)
    assert view.manual_start is not None
    assert view.history.position == 0
    start = view.history.current.params
    # the mouse lands on whole pixels: within a pixel or two of the aimed place
    np.testing.assert_allclose(start.means[1], expected, atol=0.02 * float(np.max(X.std(axis=0))))
    np.testing.assert_array_equal(start.means[0], params.means[0])


def test_after_e_the_1d_histogram_is_split_by_responsibility(qtbot) -> None:
    X = _demo("heights.csv", ["height"])
    config = FitConfig(n_components=2, init="random-from-data", seed=4)
    view = TeachView(source=lambda: TeachSetup(X, ["height"], config))
    qtbot.addWidget(view)
    view.show()
    assert view.history is not None
    assert view.histogram.bars == []  # the start: one plain histogram
    view.step_button.click()
    resp = view.history.current.responsibilities
    assert resp is not None and len(view.histogram.bars) == 2
    widths = np.diff(view.histogram.edges)
    # the stacked parts make the histogram, and component k's bars have area N_k / n
    np.testing.assert_allclose(view.histogram.shares.sum(axis=1), view.histogram.heights)
    areas = (view.histogram.shares * widths[:, None]).sum(axis=0)
    np.testing.assert_allclose(areas, resp.sum(axis=0) / len(X), rtol=1e-12)
    for _ in range(2):
        view.back_button.click()
    assert view.histogram.bars == []


def test_the_e_step_table_fits_its_panel_in_3d_with_four_components(qtbot, window) -> None:
    """Issue 18: at 1366 x 768, 3-D data and K = 4, the E-step table's last column (tiny
    densities such as 7.94×10^-10) ran past the formula panel's edge."""
    import re

    from PySide6.QtGui import QTextDocument

    window.resize(1366, 740)
    with qtbot.waitSignal(window.sig_data_loaded, timeout=TIMEOUT):
        window.open_file(demo_path("clusters_3d"), remember=False)
    panel = window.parameter_panel
    panel.set_config(panel.config().with_changes(n_components=4, seed=1))
    window.plots.setCurrentWidget(window.teach)
    teach = window.teach
    qtbot.waitUntil(lambda: teach.history is not None, timeout=TIMEOUT)
    for _ in range(3):  # E, M, E: densities far below one
        teach.step_button.click()
    label = teach.e_label
    qtbot.waitUntil(lambda: "<table border='1'" in label.text(), timeout=TIMEOUT)
    table = re.search(r"<table border='1'.*?</table>", label.text(), re.S)
    assert table is not None and "10<sup>-" in table.group(0)
    document = QTextDocument()
    document.setDefaultFont(label.font())
    document.setDocumentMargin(0)
    document.setHtml(table.group(0))
    document.setTextWidth(-1)  # the width its columns need, unwrapped
    room = label.contentsRect().width() - 2 * label.margin()
    assert 0 < document.idealWidth() <= room
    assert "font-size: small" in table.group(0)  # it took the smaller font to fit
    splitter = teach.formula_box.parentWidget()
    assert isinstance(splitter, QSplitter)
    splitter.setSizes([splitter.width() - 500, 500])  # a wider formula panel: room to spare
    qtbot.waitUntil(lambda: "font-size: small" not in label.text(), timeout=TIMEOUT)
    assert e_table_width(label.text(), label.font()) <= label.contentsRect().width()
