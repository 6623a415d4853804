"""Opening sessions in the window: a session whose data fails to load leaves nothing behind,
and a tampered session either restores fully or shows one message and changes nothing."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

import gmm_desktop.qt.file_loader as file_loader_module
import gmm_desktop.qt.window_sessions as window_sessions_module
from gmm_desktop.io.demo import demo_path
from gmm_desktop.qt.main_window import MainWindow

TIMEOUT = 60_000


def _window(qtbot, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    w = MainWindow(settings)
    w.setProperty("scripted", True)  # messages go to sig_error, not to dialogs
    qtbot.addWidget(w)
    w.show()
    return w


def _fitted_session(qtbot, w: MainWindow, tmp_path: Path) -> dict:  # type: ignore[no-untyped-def]
    """Fit K = 2 on a copy of the heights demo and return the saved session's JSON."""
    data = tmp_path / "heights.csv"
    data.write_bytes(demo_path("heights").read_bytes())
    with qtbot.waitSignal(w.sig_data_loaded, timeout=TIMEOUT):
        w.open_file(data)
    w.parameter_panel.set_config(w.parameter_panel.config().with_changes(n_components=2))
    with qtbot.waitSignal(w.sig_fit_finished, timeout=TIMEOUT):
        w.act_fit.trigger()
    saved = w.save_session(tmp_path / "fitted.gmm.json")
    return json.loads(saved.read_text(encoding="utf-8"))


def test_a_session_whose_data_fails_to_load_is_forgotten(qtbot, tmp_path: Path) -> None:
    w = _window(qtbot, tmp_path)
    doc = _fitted_session(qtbot, w, tmp_path)
    broken = tmp_path / "broken.csv"
    broken.write_bytes(bytes(range(256)) * 64)  # binary: the reader refuses it
    doc["data"].update(path=str(broken), sha256=None)
    session = tmp_path / "broken.gmm.json"
    session.write_text(json.dumps(doc), encoding="utf-8")
    with qtbot.waitSignal(w.sig_error, timeout=TIMEOUT) as failed:
        assert w.open_session(session)
    assert "broken.csv" in failed.args[0]

    # another file with the same number of rows: its own data, no fit until one is run
    other = tmp_path / "other.csv"
    frame = pd.read_csv(demo_path("heights"))
    frame["height"] = frame["height"] * 0.5 + 10
    frame.to_csv(other, index=False)
    restored: list[bool] = []
    w.sig_session_restored.connect(lambda: restored.append(True))
    with qtbot.waitSignal(w.sig_data_loaded, timeout=TIMEOUT):
        w.open_file(other)
    QApplication.processEvents()
    assert not restored
    assert w.result is None
    assert not w.runs_panel.runs()
    assert not w.act_export.isEnabled()
    w.close()


def _tamper_k(doc: dict) -> None:  # K = 500 (of 1,000 rows) in every snapshot of the fit
    k = 500
    for snapshot in doc["history"]:
        snapshot.update(weights=[1 / k] * k, means=[[0.0]] * k, covariances=[[[1.0]]] * k)


def _tamper_settings(doc: dict) -> None:
    doc["settings"]["n_components"] = 10**400


def _tamper_path(doc: dict) -> None:
    doc["data"]["path"] = "/proc/self/mem"


def _tamper_rows(doc: dict) -> None:  # a valid session, but not of this file's 1,000 rows
    for snapshot in doc["history"]:
        snapshot["n_samples"] = 999


@pytest.mark.parametrize("in_background", [False, True], ids=["small", "big"])
def test_a_tampered_session_shows_one_message_and_changes_nothing(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, in_background: bool
) -> None:
    if in_background:  # every session file counts as big: read in the loader's thread
        monkeypatch.setattr(window_sessions_module, "BACKGROUND_SESSION_BYTES", 0)
    w = _window(qtbot, tmp_path)
    doc = _fitted_session(qtbot, w, tmp_path)
    before = (w.table, w.result, w.windowTitle(), w.parameter_panel.to_settings())
    runs_before = w.runs_panel.runs()
    errors: list[str] = []
    w.sig_error.connect(errors.append)
    restored: list[bool] = []
    w.sig_session_restored.connect(lambda: restored.append(True))
    for tamper in (_tamper_k, _tamper_settings, _tamper_path, _tamper_rows):
        bad = json.loads(json.dumps(doc))
        tamper(bad)
        path = tmp_path / f"{tamper.__name__}.gmm.json"
        path.write_text(json.dumps(bad), encoding="utf-8")
        errors.clear()
        with qtbot.captureExceptions() as escaped:
            opened = w.open_session(path)
            if opened:  # the data file is loaded first, then the session is checked against it
                qtbot.waitUntil(lambda: w._load_task is None, timeout=TIMEOUT)
            QApplication.processEvents()
        assert not escaped, f"{tamper.__name__}: escaped the slot: {escaped[0][1]!r}"
        assert len(errors) == 1, f"{tamper.__name__}: {errors}"
        after = (w.table, w.result, w.windowTitle(), w.parameter_panel.to_settings())
        assert after == before, tamper.__name__
        assert w.runs_panel.runs() == runs_before
        assert not restored
    # and the untampered session still restores fully
    good = tmp_path / "good.gmm.json"
    good.write_text(json.dumps(doc), encoding="utf-8")
    with qtbot.waitSignal(w.sig_session_restored, timeout=TIMEOUT):
        assert w.open_session(good)
    assert w.result is not None and w.result.params.n_components == 2
    w.close()


def test_a_big_session_is_read_off_the_gui_thread(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 15 (h): a 100,000-snapshot session froze the window for 10 s while it was read
    and checked on the GUI thread; a big session file is now read in the loader's task."""
    w = _window(qtbot, tmp_path)
    doc = _fitted_session(qtbot, w, tmp_path)
    doc["history"] = [dict(doc["history"][-1], iteration=i + 1) for i in range(4000)]
    path = tmp_path / "long.gmm.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert path.stat().st_size > window_sessions_module.BACKGROUND_SESSION_BYTES
    on_gui: list[bool] = []
    real = file_loader_module.load_session

    def spy(p):  # type: ignore[no-untyped-def]
        on_gui.append(threading.current_thread() is threading.main_thread())
        return real(p)

    monkeypatch.setattr(file_loader_module, "load_session", spy)
    monkeypatch.setattr(window_sessions_module, "load_session", spy)
    shown = w.result
    with qtbot.waitSignal(w.sig_session_restored, timeout=TIMEOUT):
        assert w.open_session(path)
        assert w.result is shown and w._load_task is not None  # nothing changed yet
        assert w.status_label.text() == "Opening long.gmm.json…"
    assert on_gui == [False]
    assert len(w.display.history) == 4000
    w.close()


def test_opening_a_file_while_a_big_session_is_read_forgets_the_session(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = _window(qtbot, tmp_path)
    doc = _fitted_session(qtbot, w, tmp_path)
    path = tmp_path / "held.gmm.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    monkeypatch.setattr(window_sessions_module, "BACKGROUND_SESSION_BYTES", 0)
    gate, reading = threading.Event(), threading.Event()
    real = file_loader_module.load_session

    def held(p):  # type: ignore[no-untyped-def]
        reading.set()
        gate.wait(TIMEOUT / 1000)
        return real(p)

    monkeypatch.setattr(file_loader_module, "load_session", held)
    restored: list[bool] = []
    w.sig_session_restored.connect(lambda: restored.append(True))
    try:
        assert w.open_session(path)
        qtbot.waitUntil(reading.is_set, timeout=TIMEOUT)
        with qtbot.waitSignal(w.sig_data_loaded, timeout=TIMEOUT):
            w.open_demo("faithful")
    finally:
        gate.set()
    qtbot.waitUntil(lambda: w._load_task is None, timeout=TIMEOUT)
    QApplication.processEvents()
    assert not restored and w.result is None
    assert w.table is not None and w.table.source is not None
    assert w.table.source.name == "faithful.csv"
    w.close()


def test_a_session_of_generated_data_reopens(qtbot, tmp_path: Path) -> None:
    """Saving after Data > Generate synthetic data 'succeeded' but the session could not be
    reopened: the rows now go beside the session, which reopens with its fit."""
    from gmm_desktop.engine import MixtureParams
    from gmm_desktop.engine.synthetic import SyntheticSpec

    w = _window(qtbot, tmp_path)
    params = MixtureParams.from_user([0.4, 0.6], [[0, 0], [6, 6]], standard_deviations=[1, 1])
    spec = SyntheticSpec(params, 300, ("x1", "x2"), ("a", "b"), "group")
    with qtbot.waitSignal(w.sig_data_loaded, timeout=TIMEOUT):
        w.generate_synthetic(spec, 7)
    assert w.table is not None and w.table.source is None
    with qtbot.waitSignal(w.sig_fit_finished, timeout=TIMEOUT):
        w.act_fit.trigger()
    fitted = w.result
    assert fitted is not None
    saved = w.save_session(tmp_path / "made.gmm.json")
    data = tmp_path / "made.data.csv"
    assert data.is_file() and json.loads(saved.read_text())["data"]["path"] == str(data)
    other = _window(qtbot, tmp_path)
    errors: list[str] = []
    other.sig_error.connect(errors.append)
    with qtbot.waitSignal(other.sig_session_restored, timeout=TIMEOUT):
        assert other.open_session(saved)
    assert errors == []
    assert other.result is not None
    assert other.result.log_likelihood == fitted.log_likelihood


def test_generated_data_is_saved_as_csv_or_excel_from_the_data_menu(
    qtbot, tmp_path: Path, monkeypatch
) -> None:
    """Issue 17 item 7: Data > Save generated data writes the rows drawn, read back whole."""
    import gmm_desktop.qt.window_files as window_files
    from gmm_desktop.engine import MixtureParams
    from gmm_desktop.engine.synthetic import SyntheticSpec
    from gmm_desktop.io import read_table

    w = _window(qtbot, tmp_path)
    with qtbot.waitSignal(w.sig_data_loaded, timeout=TIMEOUT):
        w.open_demo("heights")
    assert not w.act_save_data.isEnabled()  # a file's data are not generated
    params = MixtureParams.from_user([0.4, 0.6], [[0, 0], [6, 6]], standard_deviations=[1, 1])
    spec = SyntheticSpec(params, 300, ("x1", "x2"), ("a", "b"), "group")
    with qtbot.waitSignal(w.sig_data_loaded, timeout=TIMEOUT):
        w.generate_synthetic(spec, 7)
    assert w.act_save_data.isEnabled()
    assert w.table is not None
    answers = iter([(str(tmp_path / "drawn"), "Excel workbooks (*.xlsx)"),
                    (str(tmp_path / "drawn.csv"), "CSV files (*.csv)")])  # fmt: skip

    class Chooser:
        @staticmethod
        def getSaveFileName(*_args: object, **_kwargs: object) -> tuple[str, str]:
            return next(answers)

    monkeypatch.setattr(window_files, "QFileDialog", Chooser)
    for name in ("drawn.xlsx", "drawn.csv"):
        w.act_save_data.trigger()
        assert name in w.status_label.text()
        saved = read_table(tmp_path / name)
        assert saved.frame.columns.tolist() == ["x1", "x2", "group", "true_component"]
        assert saved.frame["group"].tolist() == w.table.frame["group"].tolist()
        np.testing.assert_allclose(saved.frame[["x1", "x2"]], w.table.frame[["x1", "x2"]],
                                   rtol=1e-14)  # fmt: skip
    assert w.table.source is None  # the window still shows the generated data
    w.save_session(tmp_path / "made.gmm.json")  # keeps the rows beside it: still generated
    assert w.files.has_generated_data()
    w.close()
