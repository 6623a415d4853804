"""Choosing and judging models: the Choose-K sweep view, the runs list and its comparison,
and the agreement panel (known groups, true parameters)."""

from __future__ import annotations

from itertools import permutations

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import QPoint, Qt
from sklearn.metrics import adjusted_rand_score

from gmm_desktop.engine import FitConfig, FitResult, MixtureParams, backend, fit, sample_mixture
from gmm_desktop.engine.result import result_from_history
from gmm_desktop.engine.selection import ModelScore, best_model
from gmm_desktop.engine.synthetic import PRESETS, generate
from gmm_desktop.io import read_table, select_features
from gmm_desktop.io.demo import demo_path
from gmm_desktop.qt.agreement_panel import NO_FIT, NOTHING_KNOWN, AgreementPanel
from gmm_desktop.qt.choose_k_view import (
    DEFAULT_COLUMNS,
    DEGENERATE_COLOR,
    TABLE_HEAD,
    ChooseKView,
)
from gmm_desktop.qt.results_panel import ResultsPanel
from gmm_desktop.qt.runs_panel import STARTS_COLUMN, WARNINGS_COLUMN, RunsPanel
from gmm_desktop.qt.style import warning_color

TIMEOUT = 60_000
HOMEWORK = MixtureParams.from_user([0.7, 0.3], [180, 165], standard_deviations=[5, 5])
REVERSED = MixtureParams.from_user([0.3, 0.7], [165, 180], standard_deviations=[5, 5])
POOR = MixtureParams.from_user([0.5, 0.5], [150, 151], standard_deviations=[1, 1])


# -- helpers -------------------------------------------------------------------------------------
def two_clusters(n: int = 300, seed: int = 0) -> np.ndarray:
    params = MixtureParams(
        np.array([0.5, 0.5]),
        np.array([[0.0, 0.0], [6.0, 6.0]]),
        np.stack([np.eye(2), np.array([[1.0, 0.6], [0.6, 1.0]])]),
    )
    return sample_mixture(params, n, seed)[0]


def cell(table, row: int, col: int) -> str:
    item = table.item(row, col)
    assert item is not None
    return item.text()


def finish(qtbot, view: ChooseKView) -> None:
    """Wait for the sweep thread to end."""
    if view.is_running():
        with qtbot.waitSignal(view.sig_running_changed, timeout=TIMEOUT):
            pass
    qtbot.waitUntil(lambda: not view.is_running(), timeout=TIMEOUT)


def fake_score(k: int, bic: float, degenerate: bool, result: FitResult | None) -> ModelScore:
    return ModelScore(k, "full", -bic / 2, bic, bic - 5, bic + 5, 10, True, degenerate, 5, result)


@pytest.fixture
def view(qtbot):
    widget = ChooseKView()
    qtbot.addWidget(widget)
    yield widget
    widget.shutdown()


@pytest.fixture(scope="module")
def heights() -> tuple[np.ndarray, list[str]]:
    features = select_features(read_table(demo_path("heights")), ["height"], label="sex")
    return features.X, features.columns


# -- Choose K ------------------------------------------------------------------------------------
def test_sweep_reports_progress_and_partial_rows_and_marks_best(qtbot, view):
    view.set_data(two_clusters(), ["x1", "x2"])
    view.k_from.setValue(1)
    view.k_to.setValue(4)
    for ct, box in view.type_boxes.items():
        box.setChecked(ct in ("full", "diag"))
    progress: list[int] = []
    rows_while_running: list[bool] = []
    view.progress.valueChanged.connect(progress.append)
    view.table.model().rowsInserted.connect(lambda *_: rows_while_running.append(view.is_running()))
    with qtbot.waitSignal(view.sig_sweep_finished, timeout=TIMEOUT) as blocker:
        assert view.start()
        assert view.is_running()
        assert not view.run_button.isEnabled() and view.cancel_button.isEnabled()
    finish(qtbot, view)
    scores = blocker.args[0]
    assert len(scores) == 8 == view.table.rowCount() == len(view.scores)
    assert [(s.n_components, s.covariance_type) for s in scores] == [
        (k, ct) for k in range(1, 5) for ct in ("full", "diag")
    ]
    # Results arrived one by one while the sweep still ran, and progress rose with them.
    assert sum(rows_while_running) >= 7
    assert progress == sorted(progress) and progress[-1] == 1000 and len(set(progress)) >= 8
    best = best_model(scores)
    assert best is not None and view.best is best
    assert best.n_components == 2
    xs, ys = view.best_marker.getData()
    assert list(xs) == [best.n_components] and list(ys) == [pytest.approx(best.bic)]
    assert view.best_text.toPlainText() == f"best by BIC: K=2, {best.covariance_type}"
    assert "Best by BIC: K=2" in view.status_label.text()
    assert cell(view.table, scores.index(best), 0).startswith("★")
    assert view.run_button.isEnabled() and not view.cancel_button.isEnabled()


def test_clicking_a_point_or_a_row_emits_that_models_fit(qtbot, view):
    view.set_data(two_clusters(200, seed=1), ["x1", "x2"])
    view.k_to.setValue(3)
    for ct, box in view.type_boxes.items():
        box.setChecked(ct == "full")
    with qtbot.waitSignal(view.sig_sweep_finished, timeout=TIMEOUT):
        view.start()
    finish(qtbot, view)
    markers = view.markers[("full", "BIC")]
    points = {p.data().n_components: p for p in markers.points()}
    assert sorted(points) == [1, 2, 3]
    target = points[3].data()
    with qtbot.waitSignal(view.sig_model_chosen, timeout=1000) as blocker:
        view._on_markers_clicked(markers, [points[3]], None)
    assert blocker.args[0] is target.result
    assert isinstance(blocker.args[0], FitResult) and blocker.args[0].params.n_components == 3
    assert view.table.currentRow() == view.scores.index(target)
    with qtbot.waitSignal(view.sig_model_chosen, timeout=1000) as blocker:
        view.table.selectRow(0)
    assert blocker.args[0] is view.scores[0].result


def test_cancel_stops_mid_sweep_and_keeps_finished_models(qtbot, view):
    X = two_clusters(4000, seed=2)
    view.set_data(X, ["x1", "x2"])
    view.k_to.setValue(10)
    view.restarts.setValue(4)
    for box in view.type_boxes.values():
        box.setChecked(True)
    finished: list[object] = []
    view.sig_sweep_finished.connect(finished.append)
    view.start()
    qtbot.waitUntil(lambda: len(view.scores) >= 1, timeout=TIMEOUT)
    with qtbot.waitSignal(view.sig_running_changed, timeout=TIMEOUT) as blocker:
        view.cancel()
    assert blocker.args == [False]
    assert not view.is_running() and view._task is None
    assert 1 <= len(view.scores) < 40
    assert view.table.rowCount() == len(view.scores)
    assert view.status_label.text().startswith("Stopped:")
    assert not finished


def test_shutdown_while_running_waits_for_the_thread(qtbot, view):
    view.set_data(two_clusters(4000, seed=3), ["x1", "x2"])
    view.k_to.setValue(10)
    view.start()
    task = view._task
    assert task is not None
    view.shutdown()
    assert not task.is_running() and not view.is_running()


def _swept(qtbot, view, X: np.ndarray, k_to: int) -> None:
    """Sweep K = 1..k_to, full covariance only, two starts each, on the compiled engine."""
    backend.warm_up()
    view.set_data(X, [f"x{i + 1}" for i in range(X.shape[1])])
    view.k_to.setValue(k_to)
    view.restarts.setValue(2)
    for ct, box in view.type_boxes.items():
        box.setChecked(ct == "full")
    with qtbot.waitSignal(view.sig_sweep_finished, timeout=TIMEOUT):
        view.start()
    finish(qtbot, view)


def test_blrt_column_is_filled_in_the_background_with_progress(qtbot, view):
    _swept(qtbot, view, two_clusters(150, seed=4), 2)
    blrt, lmr = view.column_index("BLRT"), view.column_index("LMR")
    assert view.table.isColumnHidden(blrt) and view.tests_button.isEnabled()
    view.replicates.setValue(9)
    progress: list[int] = []
    view.progress.valueChanged.connect(progress.append)
    with qtbot.waitSignal(view.sig_running_changed, timeout=TIMEOUT) as started:
        assert view.start_tests()
    assert started.args == [True]
    assert not view.run_button.isEnabled() and view.cancel_button.isEnabled()
    finish(qtbot, view)
    assert not view.table.isColumnHidden(blrt) and not view.table.isColumnHidden(lmr)
    assert cell(view.table, 0, blrt) == "—"  # nothing below K = 1
    assert cell(view.table, 1, blrt) == "0.100 ± 0.100"  # 1 / (9 + 1): no replicate got there
    test = view.tests[(2, "full")]
    assert test.complete and cell(view.table, 1, lmr) == f"{test.lmr_p:.3f}"
    assert "bootstrap LRT p = 0.100" in view.table.item(1, blrt).toolTip()
    assert progress == sorted(progress) and progress[-1] == 1000 and len(set(progress)) >= 9
    assert view.status_label.text().startswith("Done: 1 tests of K-1 against K")
    assert view.run_button.isEnabled() and view.tests_button.isEnabled()


def test_blrt_can_be_cancelled_and_a_new_sweep_clears_it(qtbot, view):
    _swept(qtbot, view, two_clusters(150, seed=5), 3)
    view.replicates.setValue(500)
    assert view.start_tests()
    qtbot.waitUntil(lambda: view.progress.value() > 0, timeout=TIMEOUT)
    with qtbot.waitSignal(view.sig_running_changed, timeout=TIMEOUT) as blocker:
        view.cancel()
    assert blocker.args == [False] and not view.is_running()
    assert view.status_label.text().startswith("Tests stopped:")
    assert cell(view.table, 2, view.column_index("BLRT")) == "—"  # unfinished: not shown
    view.set_data(two_clusters(100), ["x1", "x2"])
    assert view.tests == {} and not view.tests_button.isEnabled()


def test_nothing_to_test_without_neighbouring_k(qtbot, view):
    result = fit(two_clusters(100), FitConfig(2, seed=0))
    view.set_data(two_clusters(100), ["x1", "x2"])
    view._on_task_partial(fake_score(2, 800.0, False, result))
    assert not view.start_tests()
    assert "Nothing to test" in view.status_label.text()


def test_values_of_k_above_the_number_of_rows_are_skipped_with_a_note(qtbot, view):
    X = np.array([[1.0], [2.5], [4.0], [7.0]])
    view.set_data(X, ["x"])
    assert not view.type_boxes["diag"].isEnabled()  # one column: diag is the same as full
    view.k_to.setValue(6)
    for ct, box in view.type_boxes.items():
        box.setChecked(ct == "full")
    with qtbot.waitSignal(view.sig_sweep_finished, timeout=TIMEOUT) as blocker:
        view.start()
    finish(qtbot, view)
    assert [s.n_components for s in blocker.args[0]] == [1, 2, 3, 4]
    assert "K = 5, 6 skipped: the data have only 4 rows" in view.status_label.text()


def test_degenerate_models_are_hollow_red_and_never_best(qtbot, view):
    result = fit(two_clusters(100), FitConfig(2, seed=0))
    for score in (
        fake_score(1, 900.0, False, result),
        fake_score(2, 500.0, True, result),
        fake_score(3, 700.0, False, result),
    ):
        view._on_task_partial(score)
    assert view.best is view.scores[2]
    spots = {p.data().n_components: p for p in view.markers[("full", "BIC")].points()}
    assert spots[2].pen().color().name() == DEGENERATE_COLOR.lower()
    assert spots[2].brush().color().name() == "#ffffff"
    assert spots[3].pen().color().name() != DEGENERATE_COLOR.lower()
    # The line joins only the sound models; the collapsed one stands alone.
    xs, _ = view.lines[("full", "BIC")].getData()
    assert list(xs) == [1, 3]
    assert cell(view.table, 1, view.column_index("collapsed")) == "collapsed"
    collapsed = view.table.item(1, view.column_index("collapsed"))
    assert collapsed.foreground().color().name() == DEGENERATE_COLOR.lower()  # still red
    legend = [label.text for _, label in view.legend.items]
    assert "collapsed" in legend and "best by BIC" in legend


def test_aic_and_icl_curves_appear_on_request(qtbot, view):
    result = fit(two_clusters(100), FitConfig(2, seed=0))
    for k in (1, 2):
        view._on_task_partial(fake_score(k, 800.0 - k, False, result))
    assert ("full", "AIC") not in view.lines or not view.lines[("full", "AIC")].isVisible()
    view.criterion_boxes["AIC"].setChecked(True)
    assert view.lines[("full", "AIC")].isVisible()
    assert "AIC" in view.plot_item.getAxis("left").labelText
    view.criterion_boxes["AIC"].setChecked(False)
    assert not view.lines[("full", "AIC")].isVisible()


def test_table_shows_the_default_columns_and_the_user_shows_or_hides_any(qtbot, view):
    assert view.visible_columns() == [
        "K", "covariance", "log-likelihood", "parameters", "BIC", "SABIC", "ICL", "entropy",
        "smallest class", "starts reaching best", "collapsed",
    ]  # fmt: skip
    assert list(DEFAULT_COLUMNS) == view.visible_columns()
    assert len(TABLE_HEAD) == view.table.columnCount()
    assert view.columns_button.menu() is view.column_menu
    view.column_actions["AWE"].setChecked(True)
    view.column_actions["SABIC"].setChecked(False)
    assert not view.table.isColumnHidden(view.column_index("AWE"))
    assert view.table.isColumnHidden(view.column_index("SABIC"))
    assert not view.column_actions["K"].isEnabled()  # K always stays
    view.set_visible_columns(["BIC", "CAIC"])
    assert view.visible_columns() == ["K", "BIC", "CAIC"]
    default = next(a for a in view.column_menu.actions() if a.text() == "Default columns")
    default.trigger()
    assert view.visible_columns() == list(DEFAULT_COLUMNS)


def test_right_clicking_the_header_opens_the_column_menu(qtbot, view):
    view.show()
    qtbot.waitExposed(view)
    header = view.table.horizontalHeader()
    assert header.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
    header.customContextMenuRequested.emit(QPoint(5, 5))
    qtbot.waitUntil(view.column_menu.isVisible, timeout=5000)
    view.column_menu.close()


def test_table_rows_show_each_models_indices(qtbot, view):
    rng = np.random.default_rng(4)
    X = np.concatenate([rng.normal(0, 1, (300, 2)), rng.normal(8, 0.5, (12, 2))])
    result = fit(X, FitConfig(2, seed=0, n_init=2))
    ll, bic, aic, p = result.log_likelihood, result.bic, result.aic, result.n_parameters
    score = ModelScore(
        2, "full", ll, bic, aic, 1.0, 10, True, False, p, result, starts=6, starts_reaching_best=4
    )
    view._on_task_partial(score)
    ix = result.indices
    assert ix.smallest_class_count == 12
    col = view.column_index
    assert cell(view.table, 0, col("parameters")) == "11"
    assert cell(view.table, 0, col("SABIC")) == f"{ix.sabic:.1f}"
    assert cell(view.table, 0, col("CAIC")) == f"{ix.caic:.1f}"
    assert cell(view.table, 0, col("AWE")) == f"{ix.awe:.1f}"
    assert cell(view.table, 0, col("ICL")) == f"{ix.icl:.1f}"
    assert cell(view.table, 0, col("ICL entropy")) == "1.0"
    assert cell(view.table, 0, col("entropy")) == f"{ix.relative_entropy:.3f}"
    assert cell(view.table, 0, col("smallest class")) == "12 (3.8%)"
    assert cell(view.table, 0, col("starts reaching best")) == "4 of 6"
    posterior = cell(view.table, 0, col("average posterior")).split(", ")
    assert [float(v) for v in posterior] == pytest.approx(list(ix.average_posterior), abs=0.005)
    small = view.table.item(0, col("smallest class"))
    assert small.foreground().color().name() == DEGENERATE_COLOR.lower()
    assert "Only 12 of 312 rows" in small.toolTip()
    # a model whose every start broke down has no indices: dashes, no crash
    nan = float("nan")
    view._on_task_partial(ModelScore(3, "full", nan, nan, nan, nan, 0, False, True, 17))
    assert cell(view.table, 1, col("SABIC")) == "—"
    assert cell(view.table, 1, col("smallest class")) == "—"
    assert cell(view.table, 1, col("parameters")) == "17"


# -- Runs ----------------------------------------------------------------------------------------
@pytest.fixture
def runs(qtbot, heights):
    X, columns = heights
    panel = RunsPanel()
    qtbot.addWidget(panel)
    configs = [
        FitConfig(2, init="manual", init_params=HOMEWORK),
        FitConfig(2, init="random-from-data", seed=3),
        FitConfig(2, init="manual", init_params=POOR, max_iter=300),
        FitConfig(2, init="manual", init_params=REVERSED),
    ]
    results = [fit(X, config) for config in configs]
    changes: list[int] = []
    panel.sig_runs_changed.connect(lambda: changes.append(1))
    ids = [panel.add_run(r, columns, X) for r in results]
    assert ids == [1, 2, 3, 4] and len(changes) == 4
    yield panel, results
    if panel.compare_dialog is not None:
        panel.compare_dialog.close()


def test_runs_list_shows_each_fit(runs):
    panel, results = runs
    assert panel.runs() == list(zip([1, 2, 3, 4], results, strict=True))
    table = panel.table
    assert table.rowCount() == 4
    assert cell(table, 0, 1) == "my own values"
    assert cell(table, 0, 2) == "w 0.7/0.3\nmean 180/165\nsd 5/5"  # in full, on short lines
    assert cell(table, 1, 1) == "random rows (seed 3)"
    for row, result in enumerate(results):
        assert cell(table, row, 3) == "2"
        assert float(cell(table, row, 5)) == pytest.approx(result.log_likelihood, abs=0.01)
        assert int(cell(table, row, 6)) == result.n_iter
        assert float(cell(table, row, 8)) == pytest.approx(result.bic, abs=0.01)


def test_runs_list_wraps_instead_of_hiding(qtbot, runs):
    panel, results = runs
    table = panel.table
    for column in range(table.columnCount()):
        header = table.horizontalHeaderItem(column)
        assert header is not None and header.toolTip()  # every column says what it means
        assert table.item(0, column).toolTip()  # and so does every fact of a run
    starts = table.item(0, 2)
    assert starts is not None and "sd 5/5" in starts.text() and "sd 5/5" in starts.toolTip()
    panel.resize(260, 700)  # a narrow dock
    panel.show()
    qtbot.waitExposed(panel)

    def card_fits() -> bool:  # the rows follow the list's width (once the layout settled)
        width = table.columnWidth(0)
        return width == table.viewport().width() and all(
            table.rowHeight(r) == panel.cards.card(r, width)[1] for r in range(table.rowCount())
        )

    qtbot.waitUntil(card_fits, timeout=5000)
    width = table.columnWidth(0)
    assert table.horizontalScrollBar().maximum() == 0
    facts, height = panel.cards.card(0, width)
    assert sorted(fact.column for fact in facts) == list(range(table.columnCount()))
    assert all(0 <= fact.rect.left() and fact.rect.right() < width for fact in facts)
    assert height >= 6 * table.fontMetrics().height()  # on lines, not in columns
    texts = [fact.layout.text() for fact in facts]
    assert f"log-likelihood {results[0].log_likelihood:.2f}" in texts
    assert f"BIC {results[0].bic:.2f}" in texts and "converged yes" in texts
    assert "initial values w 0.7/0.3\u2028mean 180/165\u2028sd 5/5" in texts
    panel.resize(900, 700)  # a wide one: the same facts on fewer lines
    qtbot.waitUntil(lambda: table.columnWidth(0) > 800 and card_fits(), timeout=5000)
    assert table.rowHeight(0) < height
    warned = [r for r, result in enumerate(results) if result.warnings]
    for row, result in enumerate(results):
        item = table.item(row, WARNINGS_COLUMN)
        assert item is not None
        if result.warnings:
            assert item.text() == str(len(result.warnings))
            assert item.toolTip() == "\n".join(result.warnings)
        else:
            assert item.text() == "none"
    assert warned  # the poor start warns


def test_show_compare_and_delete_buttons(qtbot, runs):
    panel, results = runs
    assert not panel.show_button.isEnabled() and not panel.compare_button.isEnabled()
    panel.select_runs([2])
    assert panel.show_button.isEnabled() and not panel.compare_button.isEnabled()
    with qtbot.waitSignal(panel.sig_show_run, timeout=1000) as blocker:
        panel.show_button.click()
    assert blocker.args[0] is results[1]
    with qtbot.waitSignal(panel.sig_show_run, timeout=1000) as blocker:
        panel._on_table_cell_double_clicked(2, 0)
    assert blocker.args[0] is results[2]
    panel.select_runs([1, 3])
    assert panel.compare_button.isEnabled() and not panel.show_button.isEnabled()
    panel.compare_button.click()
    assert panel.compare_dialog is not None and panel.compare_dialog.run_ids == (1, 3)
    panel.select_runs([2, 3])
    with qtbot.waitSignal(panel.sig_runs_changed, timeout=1000):
        panel.delete_button.click()
    assert [run_id for run_id, _ in panel.runs()] == [1, 4]
    assert panel.table.rowCount() == 2 and cell(panel.table, 1, 0) == "4"
    panel.clear()
    assert panel.runs() == [] and panel.empty_label.isVisibleTo(panel)
    assert panel.add_run(results[0], ["height"]) == 1


def value(dialog, label: str, run: int) -> str:
    """The comparison table's text for ``label`` in the run-th compared run (0-based)."""
    return cell(dialog.table, dialog.row_index(label), run + 1)


def test_comparison_pairs_reversed_components(qtbot, runs):
    panel, results = runs
    first, reversed_run = results[0], results[3]
    # The reversed start really did end with its components the other way round ...
    assert first.params.means[0, 0] > first.params.means[1, 0]
    assert reversed_run.params.means[0, 0] < reversed_run.params.means[1, 0]
    dialog = panel.compare(1, 4)
    # ... and the comparison lines them up again.
    assert [list(order) for order in dialog.orders] == [[0, 1], [1, 0]]
    for k in (1, 2):
        mean_a = float(value(dialog, f"final mean height, component {k}", 0))
        mean_b = float(value(dialog, f"final mean height, component {k}", 1))
        assert mean_a == pytest.approx(mean_b, abs=0.5)
        w_a = float(value(dialog, f"final weight, component {k}", 0))
        assert float(value(dialog, f"final weight, component {k}", 1)) == pytest.approx(
            w_a, abs=0.01
        )
    assert value(dialog, "run's own number of component 1", 1) == "2"
    # the start values are paired the same way: run 4 started with 165 as its first mean
    assert value(dialog, "initial mean height, component 1", 0) == "180"
    assert value(dialog, "initial mean height, component 1", 1) == "180"
    assert value(dialog, "initial sd height, component 2", 1) == "5"
    assert [curve.name() for curve in dialog.curves] == ["run 1", "run 4"]
    xs, ys = dialog.curves[1].getData()
    assert len(xs) == len(reversed_run.history)
    assert ys[-1] == pytest.approx(reversed_run.log_likelihood)
    assert value(dialog, "start", 0) == "my own values"
    assert float(value(dialog, "log-likelihood", 0)) == pytest.approx(
        first.log_likelihood, abs=0.01
    )
    assert int(value(dialog, "iterations", 1)) == reversed_run.n_iter


def test_comparison_of_three_runs_pairs_overlays_and_exports(qtbot, runs, tmp_path):
    panel, results = runs
    panel.select_runs([1, 3, 4])
    assert panel.compare_button.isEnabled()
    panel.compare_button.click()
    dialog = panel.compare_dialog
    assert dialog is not None and dialog.run_ids == (1, 3, 4)
    assert dialog.table.columnCount() == 4
    assert [dialog.table.horizontalHeaderItem(c).text() for c in range(1, 4)] == [
        "run 1",
        "run 3",
        "run 4",
    ]
    chosen = [results[0], results[2], results[3]]
    for run, result in enumerate(chosen):
        order = dialog.orders[run]
        for k in range(2):
            j = int(order[k])
            mean = float(value(dialog, f"final mean height, component {k + 1}", run))
            assert mean == pytest.approx(result.params.means[j, 0], rel=1e-3)
            assert value(dialog, f"run's own number of component {k + 1}", run) == str(j + 1)
        assert float(value(dialog, "BIC", run)) == pytest.approx(result.bic, abs=0.01)
        assert value(dialog, "converged", run) == ("yes" if result.converged else "no")
    # the poor start (run 3) started at 150/151 with sd 1: every start value is listed
    starts = {value(dialog, f"initial mean height, component {k}", 1) for k in (1, 2)}
    assert starts == {"150", "151"}
    assert value(dialog, "initial sd height, component 1", 1) == "1"
    # the best log-likelihood and the best BIC are marked
    best = int(np.argmax([r.log_likelihood for r in chosen]))
    item = dialog.table.item(dialog.row_index("log-likelihood"), best + 1)
    assert item is not None and item.background().color().name().upper() == "#DFF0D8"
    # overlaid: one log-likelihood curve per run, one parameter curve per run and component
    assert len(dialog.curves) == 3
    assert len({(c.opts["pen"].color().name(), c.opts["pen"].style()) for c in dialog.curves}) == 3
    assert [len(curves) for curves in dialog.history_curves] == [2, 2, 2]
    legend = [label.text for _, label in dialog.parameter_legend.items]
    assert legend[:3] == ["run 1", "run 3", "run 4"]
    dialog.parameter_combo.setCurrentIndex(1)  # means of height
    _, ys = dialog.history_curves[2][0].getData()
    j = int(dialog.orders[2][0])
    assert ys[-1] == pytest.approx(results[3].params.means[j, 0])
    assert {
        c.opts["pen"].style() for c in (dialog.history_curves[0][0], dialog.history_curves[1][0])
    } == {
        Qt.PenStyle.SolidLine,
        Qt.PenStyle.DashLine,
    }
    # the export holds the table as shown, with the numbers to 10 digits
    path = dialog.export_csv(tmp_path / "runs.csv")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert list(frame.columns) == ["quantity", "run 1", "run 3", "run 4"]
    assert len(frame) == dialog.table.rowCount()
    rows = frame.set_index("quantity")
    assert float(rows.loc["log-likelihood", "run 3"]) == pytest.approx(
        results[2].log_likelihood, rel=1e-9
    )
    assert rows.loc["initial mean height, component 1", "run 1"] == "180"
    assert (
        rows.loc["warnings", "run 1"] == dialog.table.item(dialog.row_index("warnings"), 1).text()
    )
    assert not [p.name for p in tmp_path.iterdir() if p.name != "runs.csv"]  # no temporary left


def test_a_collapsed_run_is_flagged(qtbot):
    rng = np.random.default_rng(0)
    X = np.concatenate([rng.normal(0, 1, 60), np.full(5, 3.0)])[:, None]
    start = MixtureParams.from_user([0.9, 0.1], [0.0, 3.0], standard_deviations=[1.0, 0.05])
    result = fit(X, FitConfig(2, init="manual", init_params=start))
    panel = RunsPanel()
    qtbot.addWidget(panel)
    panel.add_run(result, ["x"], X)
    assert cell(panel.table, 0, 10) == "collapsed"
    item = panel.table.item(0, 10)
    assert item is not None and "component 2" in item.toolTip()


def starts_result(X: np.ndarray, losses: list[float]) -> FitResult:
    """A fit whose starts ended ``losses`` below the kept one's log-likelihood (0: reached)."""
    kept = fit(X, FitConfig(2, init="manual", init_params=HOMEWORK))
    finals = [kept.log_likelihood - loss for loss in losses]
    return result_from_history(X, kept.config, kept.history, finals, starts=len(losses))


def test_runs_list_and_comparison_say_how_many_starts_reached_the_best(qtbot, heights):
    X, columns = heights
    panel = RunsPanel()
    qtbot.addWidget(panel)
    several = starts_result(X, [0.0, 0.0, 0.0, 2.0, 0.0, 7.0, 0.0, 0.0, 0.0])
    once = starts_result(X, [0.0, 5.0, 9.0])
    assert (several.starts_reaching_best, several.n_starts) == (7, 9)
    assert (once.starts_reaching_best, once.n_starts) == (1, 3)
    panel.add_run(several, columns, X)
    panel.add_run(once, columns, X)
    header = panel.table.horizontalHeaderItem(STARTS_COLUMN).text()
    assert header.replace("\n", " ") == "starts reaching the best"
    fine, warned = panel.table.item(0, STARTS_COLUMN), panel.table.item(1, STARTS_COLUMN)
    assert fine is not None and warned is not None
    assert fine.text() == "7 of 9"
    assert fine.toolTip().startswith("7 of the 9 starts")
    assert warned.text() == "⚠ 1 of 3"
    assert warned.toolTip().startswith("Only one of the 3 starts reached the best log-likelihood")
    assert warned.foreground().color().name().upper() == warning_color(panel).upper()
    assert fine.foreground().color().name().upper() != warning_color(panel).upper()
    dialog = panel.compare(1, 2)
    assert value(dialog, "starts reaching the best", 0) == "7 of 9"
    assert value(dialog, "starts reaching the best", 1) == "⚠ 1 of 3"
    dialog.close()


def test_results_panel_says_how_many_starts_reached_the_best(qtbot, heights):
    X, _ = heights
    panel = ResultsPanel()
    qtbot.addWidget(panel)
    assert not panel.starts_label.isVisibleTo(panel)
    several = starts_result(X, [0.0, 0.0, 3.0])
    panel.show_warnings(several.warnings)
    panel.show_starts(several)
    text = panel.starts_label.text()
    assert text == "Starts reaching the best: 2 of 3"
    assert panel.starts_label.isVisibleTo(panel) and "color" not in panel.starts_label.styleSheet()
    once = starts_result(X, [0.0, 5.0, 9.0])
    assert any(
        w.startswith("the best log-likelihood was reached by only one") for w in once.warnings
    )
    panel.show_warnings(once.warnings)
    panel.show_starts(once)
    assert panel.starts_label.text() == (
        "⚠ Starts reaching the best: 1 of 3. Only one of the 3 starts reached the best "
        "log-likelihood; more restarts may find a better fit."
    )
    assert warning_color(panel) in panel.starts_label.styleSheet()
    assert "reached by only one" not in panel.warnings_label.text()  # said once, on its line
    panel.clear()
    assert not panel.starts_label.isVisibleTo(panel)


# -- Agreement -----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def generated() -> tuple[np.ndarray, np.ndarray, MixtureParams, FitResult]:
    spec = PRESETS["heights"]
    X, component = generate(spec, seed=1)
    names = np.asarray(spec.component_names)
    return X, names[component], spec.params, fit(X, FitConfig(2, seed=0, n_init=3))


def test_confusion_table_and_ari_match_pandas_and_sklearn(qtbot, generated):
    _, labels, _, result = generated
    panel = AgreementPanel()
    qtbot.addWidget(panel)
    panel.set_fit(result, ["height"], labels, "sex", None)
    expected = pd.crosstab(pd.Series(labels, name="sex"), pd.Series(result.labels + 1))
    table = panel.confusion
    groups = [table.verticalHeaderItem(r).text() for r in range(table.rowCount() - 1)]
    assert groups == [str(v) for v in expected.index]
    for r, group in enumerate(groups):
        for j in expected.columns:
            assert int(cell(table, r, j - 1).replace(",", "")) == expected.loc[group, j]
        assert int(cell(table, r, 2).replace(",", "")) == expected.loc[group].sum()
    assert cell(table, len(groups), 2) == f"{len(labels):,}"
    assert table.horizontalHeaderItem(0).text() == "component 1"
    ari = adjusted_rand_score(labels, result.labels)
    assert panel.ari == pytest.approx(ari, abs=1e-12)
    assert panel.ari_label.text().startswith(
        f"Adjusted Rand index {ari:.2f} (1 = the components match the groups exactly, "
        "0 = no better than chance)"
    )
    assert panel.confusion.isVisibleTo(panel) and not panel.truth.isVisibleTo(panel)


def test_truth_table_differences_are_fitted_minus_true_after_matching(qtbot, generated):
    _, _, true, result = generated
    panel = AgreementPanel()
    qtbot.addWidget(panel)
    panel.set_fit(result, ["height"], None, None, true)
    fitted = result.params
    # Independent pairing: the permutation of fitted components closest to the true means.
    best = min(
        permutations(range(2)),
        key=lambda p: float(np.sum((fitted.means[list(p)] - true.means) ** 2)),
    )
    assert [row["fitted_component"] for row in panel.truth_rows] == [j + 1 for j in best]
    assert panel.truth.rowCount() == 2 * 3  # weight, mean, sd per component
    for i, j in enumerate(best):
        block = 3 * i
        expected = [
            fitted.weights[j] - true.weights[i],
            fitted.means[j, 0] - true.means[i, 0],
            fitted.standard_deviations[j, 0] - true.standard_deviations[i, 0],
        ]
        for offset, value in enumerate(expected):
            shown = float(cell(panel.truth, block + offset, 4))
            assert shown == pytest.approx(value, rel=5e-3, abs=1e-4)  # 3 significant digits
            true_value = float(cell(panel.truth, block + offset, 2))
            fitted_value = float(cell(panel.truth, block + offset, 3))
            assert fitted_value - true_value == pytest.approx(value, abs=2e-3 * abs(true_value))
    assert not panel.confusion.isVisibleTo(panel) and panel.truth.isVisibleTo(panel)


def test_without_labels_or_truth_a_sentence_says_how(qtbot, generated):
    _, _, _, result = generated
    panel = AgreementPanel()
    qtbot.addWidget(panel)
    assert panel.message.text() == NO_FIT
    panel.set_fit(result, ["height"], None, None, None)
    assert panel.message.text() == NOTHING_KNOWN
    assert "label column" in NOTHING_KNOWN and "synthetic data" in NOTHING_KNOWN
    assert panel.message.isVisibleTo(panel) and not panel.confusion.isVisibleTo(panel)


def test_a_very_long_label_cell_is_grouped_without_fixed_width_text(qtbot, tmp_path):
    """100,000 rows with one 21,600-character label cell: grouping them as fixed-width text
    asked for 8 GB; the agreement panel and the plots' label groups now take megabytes."""
    import tracemalloc

    from gmm_desktop.qt.plots.base import LabelGroups

    rng = np.random.default_rng(0)
    n = 100_000
    group = np.where(rng.random(n) < 0.5, "a", "b").astype(object)
    long_text = "x" * 21_600
    group[17] = long_text
    path = tmp_path / "long_label.csv"
    pd.DataFrame({"group": group, "value": rng.normal(size=n)}).to_csv(path, index=False)
    features = select_features(read_table(path), ["value"], "group")
    result = fit(features.X, FitConfig(2, seed=0, max_iter=5))
    panel = AgreementPanel()
    qtbot.addWidget(panel)
    tracemalloc.start()
    try:
        groups = LabelGroups.from_labels(features.labels, n)
        panel.set_fit(result, ["value"], features.labels, "group", None)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 200e6, f"{peak / 1e6:.0f} MB"
    assert groups is not None and groups.names == ("a", "b", long_text)
    assert int(np.sum(groups.codes == 2)) == 1 and groups.codes[17] == 2
    rows = [panel.confusion.verticalHeaderItem(r).text() for r in range(3)]
    assert rows == ["a", "b", long_text]
    assert cell(panel.confusion, 2, 2) == "1"


def test_a_run_card_reads_whole_to_a_screen_reader(runs):
    panel, results = runs
    spoken = panel.table.item(0, 0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert spoken.startswith("run 1; K 2; covariance full; log-likelihood")
    assert f"BIC {results[0].bic:.2f}" in spoken and "initial values w 0.7/0.3" in spoken
