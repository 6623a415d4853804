"""Files larger than the memory budget in the window: a random sample shown (and said so), a fit
that streams every row off the GUI thread with live snapshots, cancel, and the settings kept."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QPushButton

from gmm_desktop.cli import main as cli_main
from gmm_desktop.engine import FitConfig, fit
from gmm_desktop.engine.backend import ready
from gmm_desktop.io import out_of_core
from gmm_desktop.io.export import EXPORT_FILES
from gmm_desktop.qt import big_fit, main_window, rows_export
from gmm_desktop.qt.main_window import MainWindow

TIMEOUT = 120_000
ROWS = 40_000
SHOWN = 5_000
CONFIG = FitConfig(n_components=2, seed=3, n_init=2, tol=1e-14, stopping="mean-change")


@pytest.fixture(scope="module")
def big_file(tmp_path_factory) -> tuple[Path, np.ndarray]:
    """A Parquet file of ROWS x 2 from two groups, with a label column and one empty cell."""
    rng = np.random.default_rng(8)
    group = rng.integers(2, size=ROWS)
    X = rng.normal(size=(ROWS, 2)) + np.array([[0.0, 0.0], [3.5, 2.0]])[group]
    frame = pd.DataFrame(X, columns=["u", "v"])
    frame["kind"] = np.where(group == 0, "a", "b")
    frame.loc[11, "v"] = np.nan
    path = tmp_path_factory.mktemp("large") / "big.parquet"
    frame.to_parquet(path, index=False, row_group_size=6000)
    return path, np.delete(X, 11, axis=0)


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch) -> MainWindow:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(out_of_core, "SAMPLE_TABLE_ROWS", SHOWN)
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    w = MainWindow(settings)
    w.setProperty("scripted", True)  # messages go to sig_error, not to dialogs
    qtbot.addWidget(w)
    w.show()
    w.parameter_panel.large_files.budget_edit.setText("1MB")  # far below the file's needs
    return w


def _open(qtbot, w: MainWindow, path: Path) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(w.sig_data_loaded, timeout=TIMEOUT):
        w.open_file(path, columns=["u", "v"])
    w.parameter_panel.set_config(CONFIG)


def test_a_file_over_the_budget_shows_a_sample_and_fits_every_row_by_streaming(
    qtbot, window, big_file, tmp_path
):
    w, (path, X) = window, big_file
    _open(qtbot, w, path)
    assert w.table is not None and w.table.rows_in_file == ROWS and w.table.n_rows == SHOWN
    assert w.features is not None and w.features.n_samples <= SHOWN
    assert w.sample_notice.isVisible()
    assert "Showing 5,000 of 40,000 rows" in w.sample_notice.text()
    seen = []
    w.runner.sig_snapshot.connect(seen.append)
    with qtbot.waitSignal(w.sig_fit_finished, timeout=TIMEOUT) as finished:
        assert w.start_fit()
        assert "streamed" in w.status_label.text()
    result = finished.args[0]
    assert result.n_samples == ROWS - 1  # every usable row of the file, not the sample
    assert result.responsibilities.shape == (w.features.n_samples, 2)  # the shown sample's
    in_memory = fit(X, CONFIG)
    assert result.log_likelihood == pytest.approx(in_memory.log_likelihood, rel=1e-10)
    assert result.bic == pytest.approx(in_memory.bic, rel=1e-10)
    # the live view and the log-likelihood curve got the snapshots, the refinement last
    assert seen and seen[-1].n_samples == ROWS - 1 and seen[0].n_samples < ROWS - 1
    assert w.display.history[-1].log_likelihood == result.log_likelihood
    assert w.runs_panel.runs() and w.result is result
    assert result.n_starts == 2 and 1 <= result.starts_reaching_best <= 2  # on the subsample
    # the points counted are the shown sample's, and the table says so
    assert w.results_panel._grid.labels[1] == "points in the sample"
    # the bootstrap would resample the shown sample only: not offered
    assert not w.results_panel.bootstrap_button.isEnabled()
    assert not w.results_panel.start_bootstrap()


def _fit(qtbot, w: MainWindow):  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(w.sig_fit_finished, timeout=TIMEOUT) as finished:
        assert w.start_fit()
    return finished.args[0]


def _labels_in_memory(file: pd.DataFrame, result) -> tuple[np.ndarray, np.ndarray]:  # type: ignore[no-untyped-def]
    """(1-based file rows with every chosen cell, 1-based components) of ``result``'s model,
    computed in memory on the whole file."""
    X = file[["u", "v"]].to_numpy()
    usable = np.flatnonzero(np.isfinite(X).all(axis=1))
    resp = ready().responsibilities(X[usable], result.params, result.config.covariance_type)
    return usable + 1, np.argmax(resp, axis=1) + 1


@pytest.mark.parametrize("kind", ["parquet", "csv"])
def test_the_export_of_a_streamed_fit_holds_every_row_of_the_file(
    qtbot, window, big_file, tmp_path, kind
):
    """assignments.csv of a fit of every row: every usable row of the file, in file order,
    with the labels of the fitted model (computed in memory here), written in the background
    as the command line writes it; the status says how many rows it holds."""
    w, (path, _) = window, big_file
    file = pd.read_parquet(path)
    if kind == "csv":
        path = tmp_path / "big.csv"
        file.to_csv(path, index=False, float_format="%.17g")
    _open(qtbot, w, path)
    result = _fit(qtbot, w)
    assert w.exports.writes_every_row()
    out = tmp_path / "out"
    with qtbot.waitSignal(w.exports._rows_job().sig_finished, timeout=TIMEOUT):
        assert w.exports.start_rows_export(out) is not None
        assert "Writing the assignments of all 39,999 rows" in w.status_label.text()
    assignments = pd.read_csv(out / "assignments.csv", encoding="utf-8-sig")
    rows, components = _labels_in_memory(file, result)
    assert len(assignments) == ROWS - 1  # not the 5,000 shown
    np.testing.assert_array_equal(assignments["row"].to_numpy(), rows)
    np.testing.assert_array_equal(assignments["component"].to_numpy(), components)
    np.testing.assert_allclose(assignments["u"], file["u"].to_numpy()[rows - 1], rtol=1e-9)
    assert "all 39,999 rows fitted" in w.status_label.text()
    parameters = pd.read_csv(out / "parameters.csv", encoding="utf-8-sig")
    np.testing.assert_allclose(parameters["weight"], result.params.weights, rtol=1e-9)
    history = pd.read_csv(out / "history.csv", encoding="utf-8-sig")
    assert len(history) == len(result.history)
    assert sorted(p.name for p in out.iterdir()) == list(sorted(EXPORT_FILES))


def test_the_window_export_of_a_streamed_fit_matches_the_command_line(
    qtbot, window, big_file, tmp_path
):
    """The same file, settings and budget: `gmm-desktop fit --memory-budget --out` and the
    window's export write the same assignments (the window's fit is the command line's)."""
    w, (path, _) = window, big_file
    _open(qtbot, w, path)
    _fit(qtbot, w)
    with qtbot.waitSignal(w.exports._rows_job().sig_finished, timeout=TIMEOUT):
        w.export_results(tmp_path / "window")  # the API starts the background export too
    args = [
        "fit", str(path), "-k", "2", "--columns", "u,v", "--seed", "3", "--restarts", "2",
        "--tol", "1e-14", "--stopping", "mean-change", "--memory-budget", "1MB",
        "--out", str(tmp_path / "cli"),
    ]  # fmt: skip
    assert cli_main(args) == 0
    window_rows = pd.read_csv(tmp_path / "window" / "assignments.csv", encoding="utf-8-sig")
    cli_rows = pd.read_csv(tmp_path / "cli" / "assignments.csv", encoding="utf-8-sig")
    assert len(window_rows) == ROWS - 1
    np.testing.assert_array_equal(window_rows["row"], cli_rows["row"])
    np.testing.assert_array_equal(window_rows["component"], cli_rows["component"])


def test_cancelling_the_export_of_every_row_leaves_the_folder_as_it_was(
    qtbot, window, big_file, tmp_path, monkeypatch
):
    w, (path, _) = window, big_file
    _open(qtbot, w, path)
    _fit(qtbot, w)
    out = tmp_path / "out"
    out.mkdir()
    (out / "assignments.csv").write_text("an earlier export\n", encoding="utf-8")
    (out / "notes.txt").write_text("mine\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    reached, go = threading.Event(), threading.Event()
    blocks = []
    writer = rows_export.write_every_row

    def held(*args, on_block, **kwargs):  # type: ignore[no-untyped-def]
        def gate(rows: np.ndarray) -> None:  # the second block waits for the cancel
            blocks.append(rows.size)
            if len(blocks) == 2:
                reached.set()
                go.wait(TIMEOUT / 1000)
            on_block(rows)

        return writer(*args, on_block=gate, **kwargs)

    monkeypatch.setattr(rows_export, "write_every_row", held)
    job = w.exports.start_rows_export(out)
    assert job is not None
    qtbot.waitUntil(reached.is_set, timeout=TIMEOUT)
    dialog = w.exports._rows_progress
    assert dialog is not None
    with qtbot.waitSignal(job.sig_cancelled, timeout=TIMEOUT):
        cancel = dialog.findChild(QPushButton)
        assert cancel is not None
        cancel.click()  # the dialog's Cancel button
        go.set()
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert "Export cancelled: nothing was written." in w.status_label.text()
    assert w.exports._rows_progress is None


def test_a_csv_file_over_the_budget_is_sampled_and_streamed_too(qtbot, window, big_file, tmp_path):
    w, (path, X) = window, big_file
    csv = tmp_path / "big.csv"
    pd.read_parquet(path).to_csv(csv, index=False, float_format="%.17g")
    _open(qtbot, w, csv)
    assert w.table is not None and w.table.format == "csv" and w.table.rows_in_file == ROWS
    assert w.table.n_rows == SHOWN and "Showing 5,000 of 40,000 rows" in w.sample_notice.text()
    with qtbot.waitSignal(w.sig_fit_finished, timeout=TIMEOUT) as finished:
        assert w.start_fit()
    result = finished.args[0]
    assert result.n_samples == ROWS - 1
    assert result.log_likelihood == pytest.approx(fit(X, CONFIG).log_likelihood, rel=1e-10)


def test_a_streamed_fit_can_be_cancelled(qtbot, window, big_file):
    w, (path, _) = window, big_file
    _open(qtbot, w, path)
    finished = []
    w.sig_fit_finished.connect(finished.append)
    assert w.start_fit(paused=True)  # waits after its first snapshot
    qtbot.waitUntil(lambda: len(w.snapshots) >= 1, timeout=TIMEOUT)
    assert w.runner.is_running()
    w.runner.cancel()
    qtbot.waitUntil(lambda: not w.runner.is_running(), timeout=TIMEOUT)
    w.runner.shutdown()  # the cancelled task's thread has ended
    assert not finished and w.result is None


def test_a_small_file_opens_whole_and_a_bad_budget_is_one_plain_message(
    qtbot, window, big_file, tmp_path
):
    w, (path, X) = window, big_file
    small = tmp_path / "small.parquet"
    pd.DataFrame(X[:300], columns=["u", "v"]).to_parquet(small, index=False)
    _open(qtbot, w, small)
    assert w.table is not None and w.table.rows_in_file is None and w.table.n_rows == 300
    assert not w.sample_notice.isVisible()
    _open(qtbot, w, path)
    errors: list[str] = []
    w.sig_error.connect(errors.append)
    w.parameter_panel.large_files.budget_edit.setText("lots")
    assert not w.start_fit()
    assert len(errors) == 1 and "memory budget 'lots'" in errors[0]
    w.parameter_panel.large_files.budget_edit.setText("1MB")
    w.parameter_panel.large_files.dask_edit.setText("somewhere")
    assert not w.start_fit()
    assert len(errors) == 2 and "Dask scheduler 'somewhere'" in errors[1]


def test_the_budget_and_the_scheduler_are_kept_with_the_fit_settings(window):
    w = window
    w.parameter_panel.large_files.dask_edit.setText("tcp://10.0.0.5:8786")
    settings = w.parameter_panel.to_settings()
    assert settings["memory_budget"] == "1MB"
    assert settings["dask_scheduler"] == "tcp://10.0.0.5:8786"
    box = w.parameter_panel.large_files
    box.budget_edit.clear()
    box.dask_edit.clear()
    assert box.dask_address() is None and box.budget() == out_of_core.default_memory_budget()
    w.parameter_panel.from_settings(settings)
    assert box.budget() == 1_000_000 and box.dask_address() == "tcp://10.0.0.5:8786"
    box.dask_edit.setText(" Local ")
    assert box.dask_address() == "local"


def test_a_session_of_a_streamed_fit_reopens_on_the_sample(qtbot, window, big_file, tmp_path):
    w, (path, _) = window, big_file
    _open(qtbot, w, path)
    with qtbot.waitSignal(w.sig_fit_finished, timeout=TIMEOUT) as finished:
        assert w.start_fit()
    fitted = finished.args[0]
    saved = w.save_session(tmp_path / "big.gmm.json")
    settings = QSettings(str(tmp_path / "other.ini"), QSettings.Format.IniFormat)
    other = MainWindow(settings)
    other.setProperty("scripted", True)
    qtbot.addWidget(other)
    other.show()  # its own budget is the default: the session's 1MB opens the file as before
    with qtbot.waitSignal(other.sig_session_restored, timeout=TIMEOUT):
        assert other.open_session(saved)
    assert other.table is not None and other.table.rows_in_file == ROWS
    assert other.result is not None and other.result.n_samples == ROWS - 1
    assert other.result.bic == fitted.bic
    assert other.parameter_panel.to_settings()["memory_budget"] == "1MB"
    other.close()


def test_a_local_dask_scheduler_gives_the_streamed_answer(qtbot, window, big_file, tmp_path):
    pytest.importorskip("distributed")
    w, (path, X) = window, big_file
    _open(qtbot, w, path)
    w.parameter_panel.large_files.dask_edit.setText("local")
    with qtbot.waitSignal(w.sig_fit_finished, timeout=TIMEOUT) as finished:
        assert w.start_fit()
        assert "on a local Dask cluster" in w.status_label.text()
    result = finished.args[0]
    assert result.n_samples == ROWS - 1
    in_memory = fit(X, CONFIG)
    assert result.log_likelihood == pytest.approx(in_memory.log_likelihood, rel=1e-10)
    # its export streams the file here, as after a fit on this machine
    with qtbot.waitSignal(w.exports._rows_job().sig_finished, timeout=TIMEOUT):
        assert w.exports.start_rows_export(tmp_path / "out") is not None
    assignments = pd.read_csv(tmp_path / "out" / "assignments.csv", encoding="utf-8-sig")
    rows, components = _labels_in_memory(pd.read_parquet(path), result)
    np.testing.assert_array_equal(assignments["row"].to_numpy(), rows)
    np.testing.assert_array_equal(assignments["component"].to_numpy(), components)


def test_an_unreachable_dask_scheduler_is_one_plain_message(qtbot, window, big_file, monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setattr("gmm_desktop.engine.dask_em.CONNECT_TIMEOUT", 1.0)
    w, (path, _) = window, big_file
    _open(qtbot, w, path)
    w.parameter_panel.large_files.dask_edit.setText("tcp://127.0.0.1:9")
    with qtbot.waitSignal(w.sig_error, timeout=TIMEOUT) as failed:
        assert w.start_fit()
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in failed.args[0]
    assert "Traceback" not in failed.args[0]
    qtbot.waitUntil(lambda: not w.runner.is_running(), timeout=TIMEOUT)
    assert w.result is None


def test_stopping_a_streamed_fit_keeps_the_model_so_far_on_every_row(qtbot, window, big_file):
    w, (path, _) = window, big_file
    _open(qtbot, w, path)
    assert w.start_fit(paused=True)
    qtbot.waitUntil(lambda: len(w.snapshots) >= 1, timeout=TIMEOUT)
    with qtbot.waitSignal(w.sig_fit_finished, timeout=TIMEOUT) as finished:
        w.stop_fit()
    result = finished.args[0]
    assert result.n_samples == ROWS - 1  # the best start so far, evaluated on every row
    assert result.history[-1].n_samples == ROWS - 1 and not result.converged


def test_a_streamed_fit_refuses_weights_and_empty_cells_in_the_model(qtbot, window, big_file):
    """Streaming does not weigh rows nor fill cells yet: Fit says so in one message and
    starts nothing (the command line refuses them the same way)."""
    w, (path, _) = window, big_file
    _open(qtbot, w, path)
    errors: list[str] = []
    w.sig_error.connect(errors.append)
    w.data_panel.missing_combo().setCurrentIndex(1)  # use in the model
    assert w.features is not None and w.features.missing == "model"
    assert not w.start_fit()
    assert not w.runner.is_running()
    assert len(errors) == 1 and "not available yet for a file streamed from disk" in errors[0]
    w.data_panel.missing_combo().setCurrentIndex(0)
    with qtbot.waitSignal(w.sig_fit_finished, timeout=TIMEOUT):
        assert w.start_fit()  # leaving them out, the same file streams as before


def test_a_scripted_export_of_a_streamed_fit_holds_every_row(qtbot, window, big_file, tmp_path):
    """`gmm-desktop FILE --run --export DIR`: the CSV files of every row, then the pictures."""
    from gmm_desktop.qt.app import build_parser
    from gmm_desktop.qt.scripted import ScriptedRun

    w, (path, _) = window, big_file
    out = tmp_path / "report"
    args = [str(path), "--columns", "u,v", "-k", "2", "--run", "--export", str(out)]
    script = ScriptedRun(w, build_parser().parse_args(args))
    with qtbot.waitSignal(script.sig_done, timeout=TIMEOUT) as done:
        script.begin()
    assert done.args == [0]
    assignments = pd.read_csv(out / "assignments.csv", encoding="utf-8-sig")
    assert len(assignments) == ROWS - 1 and assignments["row"].is_monotonic_increasing
    assert (out / "density.png").is_file() and (out / "window.png").is_file()


def test_a_streamed_fit_shows_its_passes_over_the_file_before_the_first_snapshot(
    qtbot, window, big_file
):
    """Counting the rows and drawing the starts' sample read the whole file before EM's first
    snapshot: the status line and the progress bar follow both passes, then the fit."""
    w, (path, _) = window, big_file
    _open(qtbot, w, path)
    events: list[tuple[str, str, int]] = []
    hidden: list[str] = []

    def seen(kind: str) -> None:
        events.append((kind, w.status_label.text(), w.progress.maximum()))
        if not w.progress.isVisible():  # the end of the file's loading must not hide it
            hidden.append(kind)

    w.runner.sig_reading.connect(lambda progress: seen(progress.stage))
    w.runner.sig_snapshot.connect(lambda _snapshot: seen("snapshot"))
    _fit(qtbot, w)
    kinds = [kind for kind, _, _ in events]
    assert not hidden
    assert kinds[0] == "count" and "sample" in kinds
    first_snapshot = kinds.index("snapshot")
    assert kinds.index("sample") < first_snapshot and "count" not in kinds[first_snapshot:]
    count = next(e for e in events if e[0] == "count")
    sample = next(e for e in events if e[0] == "sample")
    assert "Reading the file before the fit (1 of 2: counting the usable rows" in count[1]
    assert "(2 of 2: drawing the random sample" in sample[1] and sample[1].endswith("%")
    assert count[2] == sample[2] == main_window.READ_STEPS
    # the first snapshot brings back the fit's own status line and progress range
    snapshot = events[first_snapshot]
    assert snapshot[1].startswith("Fitting all 40,000 rows") and snapshot[2] != count[2]


def test_stopping_a_streamed_fit_while_it_reads_the_file_ends_it_there(
    qtbot, window, big_file, monkeypatch
):
    w, (path, _) = window, big_file
    _open(qtbot, w, path)
    reached, go = threading.Event(), threading.Event()
    streamed = big_fit.stream_fit

    def held(*args, on_read, **kwargs):  # type: ignore[no-untyped-def]
        def gate(progress) -> None:  # type: ignore[no-untyped-def]
            on_read(progress)
            if not reached.is_set():  # the first batch waits for the stop
                reached.set()
                go.wait(TIMEOUT / 1000)

        return streamed(*args, on_read=gate, **kwargs)

    monkeypatch.setattr(big_fit, "stream_fit", held)
    finished: list[object] = []
    w.sig_fit_finished.connect(finished.append)
    snapshots: list[object] = []
    w.runner.sig_snapshot.connect(snapshots.append)
    assert w.start_fit()
    qtbot.waitUntil(reached.is_set, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: "Reading the file" in w.status_label.text(), timeout=TIMEOUT)
    with qtbot.waitSignal(w.runner.sig_stopped_reading, timeout=TIMEOUT):
        w.stop_fit()
        go.set()
    qtbot.waitUntil(lambda: not w.runner.is_running(), timeout=TIMEOUT)
    assert not finished and not snapshots and w.result is None
    assert "before the first iteration: nothing was fitted" in w.status_label.text()
    assert not w.progress.isVisible()
