"""The Teach view: its half-steps are the engine's, Step back restores, the formula panel shows
the engine's numbers for the clicked point, on the 1-D and 2-D demo data."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPointF, QSettings, Qt

from gmm_desktop.engine import FitConfig, m_step, responsibilities
from gmm_desktop.engine.halfsteps import HalfStepHistory
from gmm_desktop.io.demo import demo_path
from gmm_desktop.qt.main_window import MainWindow
from gmm_desktop.qt.teach_formulas import fmt
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
