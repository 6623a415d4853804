"""The truth drawn beside the fit: true densities (1-D) and ellipses (2-D, 3-D) dashed, on by
default when the truth is known (generated data), absent for file data, kept by sessions."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QSettings, Qt

from gmm_desktop.engine import FitConfig, MixtureParams, fit, sample_mixture
from gmm_desktop.engine.synthetic import PRESETS, SyntheticSpec
from gmm_desktop.io.demo import demo_path
from gmm_desktop.qt.agreement_panel import AgreementPanel
from gmm_desktop.qt.main_window import MainWindow
from gmm_desktop.qt.plots import DensityPlot, EllipsePlot
from gmm_desktop.qt.plots.density_plot import marginal_densities
from gmm_desktop.qt.plots.truth import TRUTH_DASHES

TIMEOUT = 60_000
TRUTH_2D = MixtureParams(
    np.array([0.4, 0.6]),
    np.array([[0.0, 0.0], [6.0, 5.0]]),
    np.stack([np.array([[1.0, 0.5], [0.5, 2.0]]), np.array([[2.0, -0.6], [-0.6, 1.0]])]),
)


def _window(qtbot, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    w = MainWindow(settings)
    w.setProperty("scripted", True)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    return w


def _mahalanobis(points: np.ndarray, mean: np.ndarray, cov: np.ndarray) -> np.ndarray:
    diff = points - mean
    return np.sqrt(np.einsum("ij,jk,ik->i", diff, np.linalg.inv(cov), diff))


def _visible_truth_items(view) -> list:  # type: ignore[no-untyped-def]
    items = getattr(view, "truth_curves", None) or getattr(view, "truth_items", [])
    shown = []
    for item in items:
        x, _ = item.getData()
        if item.isVisible() and x is not None and len(x):
            shown.append(item)
    return shown


def test_density_plot_draws_the_true_densities_dashed(qtbot):
    truth = MixtureParams.from_user([0.6, 0.4], [176.0, 164.0], standard_deviations=[7, 6])
    X, _ = sample_mixture(truth, 800, seed=1)
    result = fit(X, FitConfig(2, seed=0))
    view = DensityPlot()
    qtbot.addWidget(view)
    view.set_data(X, ["height"])
    view.show_model(result.params, result.labels)
    assert not view.truth_checkbox.isVisibleTo(view) and not _visible_truth_items(view)
    view.set_truth(truth)
    assert view.truth_checkbox.isVisibleTo(view) and view.truth_checkbox.isChecked()
    curves = _visible_truth_items(view)
    assert len(curves) == 2
    x, _ = curves[0].getData()
    expected = marginal_densities(truth, 0, np.asarray(x))
    for j, curve in enumerate(curves):
        np.testing.assert_allclose(curve.getData()[1], expected[j])
        pen = curve.opts["pen"]
        assert pen.style() == Qt.PenStyle.CustomDashLine and pen.dashPattern() == TRUTH_DASHES
    np.testing.assert_allclose(view.truth_mixture_curve.getData()[1], expected.sum(axis=0))
    # each true component takes the colour of the fitted component it pairs with
    order = np.argsort(result.params.means[:, 0])[::-1]  # fitted: the taller first
    for j, curve in enumerate(curves):
        fitted_pen = view.component_curves[int(order[j])].opts["pen"]
        assert curve.opts["pen"].color().hue() == fitted_pen.color().hue()
    legend = [label.text for _, label in view.legend.items]
    assert "true mixture" in legend and "true components" in legend
    view.truth_checkbox.setChecked(False)  # the toggle hides them
    assert not _visible_truth_items(view) and not view.truth_mixture_curve.isVisible()
    assert "true mixture" not in [label.text for _, label in view.legend.items]
    view.set_truth(None)
    assert not view.truth_checkbox.isVisibleTo(view)


def test_ellipse_plot_draws_true_ellipses_at_one_and_two_sd(qtbot):
    X, _ = sample_mixture(TRUTH_2D, 600, seed=2)
    view = EllipsePlot()
    qtbot.addWidget(view)
    view.set_data(X, ["a", "b"])
    view.set_truth(TRUTH_2D)
    items = _visible_truth_items(view)
    assert len(items) == 4  # 1 and 2 sd for each true component
    for index, item in enumerate(items):
        c, radius = index // 2, 1.0 + index % 2
        x, y = item.getData()
        distances = _mahalanobis(np.c_[x, y], TRUTH_2D.means[c], TRUTH_2D.covariances[c])
        np.testing.assert_allclose(distances, radius, rtol=1e-9)
        assert item.opts["pen"].dashPattern() == TRUTH_DASHES
    means = np.c_[view.truth_mean_item.getData()]
    np.testing.assert_allclose(means, TRUTH_2D.means)
    view.truth_checkbox.setChecked(False)
    assert not _visible_truth_items(view)


def test_generated_data_shows_the_truth_and_a_file_does_not(qtbot, tmp_path):
    w = _window(qtbot, tmp_path)
    spec = SyntheticSpec(TRUTH_2D, 400, ("x1", "x2"), ("a", "b"), "group")
    with qtbot.waitSignal(w.sig_data_loaded, timeout=TIMEOUT):
        w.generate_synthetic(spec, 3)
    assert w.plots.currentWidget() is w.plots.ellipses
    assert w.plots.ellipses.truth_shown() and len(_visible_truth_items(w.plots.ellipses)) == 4
    assert w.plots.density.truth_shown() and len(_visible_truth_items(w.plots.density)) == 2
    with qtbot.waitSignal(w.sig_fit_finished, timeout=TIMEOUT):
        w.act_fit.trigger()
    assert w.plots.ellipses.truth_shown()  # still drawn beside the fit
    rows = w.agreement_panel.truth_rows
    assert rows and "true_correlation" in rows[0]
    # a file of data: no truth anywhere
    data = tmp_path / "faithful.csv"
    data.write_bytes(demo_path("faithful").read_bytes())
    with qtbot.waitSignal(w.sig_data_loaded, timeout=TIMEOUT):
        w.open_file(data)
    for view in (w.plots.density, w.plots.ellipses):
        assert not view.truth_shown() and not _visible_truth_items(view)
        assert not view.truth_checkbox.isVisibleTo(view)
    w.close()


def test_one_column_of_generated_data_shows_its_marginal_truth(qtbot, tmp_path):
    w = _window(qtbot, tmp_path)
    spec = SyntheticSpec(TRUTH_2D, 400, ("x1", "x2"), None, None)
    with qtbot.waitSignal(w.sig_data_loaded, timeout=TIMEOUT):
        w.generate_synthetic(spec, 3)
    item = w.data_panel.column_item("x1")
    assert item is not None
    item.setCheckState(0, Qt.CheckState.Unchecked)  # as the user unticks it
    assert w.features is not None and list(w.features.columns) == ["x2"]
    truth = w.shown_truth()
    assert truth is not None and truth.n_features == 1
    np.testing.assert_allclose(truth.means[:, 0], TRUTH_2D.means[:, 1])
    np.testing.assert_allclose(truth.covariances[:, 0, 0], TRUTH_2D.covariances[:, 1, 1])
    assert w.plots.density.truth_shown()
    w.close()


def test_the_3d_view_draws_dashed_true_ellipsoids(qtbot, tmp_path):
    w = _window(qtbot, tmp_path)
    spec = PRESETS["3d-four"]
    with qtbot.waitSignal(w.sig_data_loaded, timeout=TIMEOUT):
        w.generate_synthetic(spec, 1)
    view = w.plots.scatter3d
    assert view is not None and w.plots.currentWidget() is view
    assert view.truth_shown()
    pos = view.truth_item.pos
    assert pos is not None and len(pos) > 0 and len(pos) % 2 == 0
    assert np.all(pos > -1.0) and np.all(pos < 2.0)  # inside (about) the unit cube
    assert "true 2 sd ellipsoids" in view.legend_label.text()
    view.truth_checkbox.setChecked(False)
    assert view.truth_item.pos is None or len(view.truth_item.pos) == 0
    w.close()


def test_truth_survives_a_session_save_and_reopen(qtbot, tmp_path):
    w = _window(qtbot, tmp_path)
    spec = SyntheticSpec(TRUTH_2D, 300, ("x1", "x2"), ("a", "b"), "group")
    with qtbot.waitSignal(w.sig_data_loaded, timeout=TIMEOUT):
        w.generate_synthetic(spec, 7)
    with qtbot.waitSignal(w.sig_fit_finished, timeout=TIMEOUT):
        w.act_fit.trigger()
    saved = w.save_session(tmp_path / "made.gmm.json")
    doc = json.loads(saved.read_text())
    assert doc["truth"]["columns"] == ["x1", "x2"]
    other = _window(qtbot, tmp_path)
    with qtbot.waitSignal(other.sig_session_restored, timeout=TIMEOUT):
        assert other.open_session(saved)
    truth = other.true_params
    assert truth is not None and other.true_columns == ["x1", "x2"]
    np.testing.assert_array_equal(truth.means, TRUTH_2D.means)
    np.testing.assert_array_equal(truth.covariances, TRUTH_2D.covariances)
    assert other.plots.ellipses.truth_shown()
    assert other.agreement_panel.truth_rows
    w.close()
    other.close()


def test_truth_table_compares_correlations(qtbot):
    X, _ = sample_mixture(TRUTH_2D, 3000, seed=4)
    result = fit(X, FitConfig(2, seed=0, n_init=2))
    panel = AgreementPanel()
    qtbot.addWidget(panel)
    panel.set_fit(result, ["a", "b"], None, None, TRUTH_2D)
    quantities = [panel.truth.item(r, 1).text() for r in range(panel.truth.rowCount())]
    assert quantities.count("correlation a–b") == 2
    assert panel.truth.rowCount() == 2 * (1 + 2 + 2 + 1)  # weight, 2 means, 2 sds, 1 corr
    true_corr = TRUTH_2D.correlations
    for r, quantity in enumerate(quantities):
        if quantity != "correlation a–b":
            continue
        i = int(panel.truth.item(r, 0).text().split(" ")[0]) - 1
        assert float(panel.truth.item(r, 2).text()) == pytest.approx(true_corr[i, 0, 1], abs=1e-3)
        fitted_value = float(panel.truth.item(r, 3).text())
        assert fitted_value == pytest.approx(true_corr[i, 0, 1], abs=0.08)


def test_true_values_typed_by_the_user_are_drawn_and_forgotten(qtbot, tmp_path):
    w = _window(qtbot, tmp_path)
    data = tmp_path / "faithful.csv"
    data.write_bytes(demo_path("faithful").read_bytes())
    assert not w.act_truth.isEnabled()
    with qtbot.waitSignal(w.sig_data_loaded, timeout=TIMEOUT):
        w.open_file(data)
    assert w.act_truth.isEnabled() and not w.plots.ellipses.truth_shown()
    columns = [str(c) for c in w.features.columns]
    assert len(columns) == 2
    dialog = w.files.true_values_dialog()
    assert dialog is not None and dialog.editor.feature_names() == columns
    typed = MixtureParams(
        np.array([0.35, 0.65]),
        np.array([[2.0, 55.0], [4.3, 80.0]]),
        np.stack([np.array([[0.07, 0.45], [0.45, 34.0]]), np.array([[0.17, 0.9], [0.9, 35.0]])]),
    )
    dialog.editor.set_variance_mode(True)
    dialog.editor.set_params(typed)
    with qtbot.waitSignal(dialog.accepted, timeout=TIMEOUT):
        dialog.ok_button.click()
    truth = w.shown_truth()
    assert truth is not None
    np.testing.assert_array_equal(truth.covariances, typed.covariances)
    assert w.plots.ellipses.truth_shown() and len(_visible_truth_items(w.plots.ellipses)) == 4
    with qtbot.waitSignal(w.sig_fit_finished, timeout=TIMEOUT):
        w.act_fit.trigger()
    assert w.agreement_panel.truth_rows
    again = w.files.true_values_dialog()
    assert again is not None
    np.testing.assert_array_equal(again.editor.params().means, typed.means)  # prefilled
    with qtbot.waitSignal(again.accepted, timeout=TIMEOUT):
        again.forget_button.click()
    assert w.shown_truth() is None and not w.plots.ellipses.truth_shown()
    w.close()
