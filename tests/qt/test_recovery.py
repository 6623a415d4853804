"""Crash recovery: kill the process mid-fit, restart, the last finished fit is offered back;
with two windows, each keeps its own lock and autosave."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QSettings

from gmm_desktop.io.demo import demo_path
from gmm_desktop.io.recovery import RecoveryStore
from gmm_desktop.io.session import load_session
from gmm_desktop.qt.main_window import MainWindow

CHILD = r"""
import sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication, QSettings, Qt
QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
from PySide6.QtWidgets import QApplication
app = QApplication([])
from gmm_desktop.io.recovery import RecoveryStore
from gmm_desktop.qt.main_window import SPEEDS, MainWindow
folder, data = Path(sys.argv[1]), sys.argv[2]
store = RecoveryStore(folder)
store.start()
w = MainWindow(QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat), recovery=store)
w.setProperty("scripted", True)
w.show()
fits = []
def on_loaded():
    w.start_fit()
def on_finished(result):
    fits.append(result)
    print(f"finished {result.log_likelihood!r}", flush=True)
    # a second, slow fit: the process is killed while it runs
    w.speed_combo.setCurrentIndex(len(SPEEDS) - 1)
    panel = w.parameter_panel
    panel.set_config(panel.config().with_changes(n_components=3, tol=0.0, max_iter=10000))
    w.runner.sig_snapshot.connect(lambda s: print("mid-fit", flush=True))
    w.start_fit()
w.sig_data_loaded.connect(on_loaded)
w.sig_fit_finished.connect(on_finished)
w.open_file(data)
app.exec()
"""


def test_killed_mid_fit_offers_the_last_finished_fit(qtbot, tmp_path: Path):
    folder = tmp_path / "appdata"
    data = tmp_path / "heights.csv"
    data.write_bytes(demo_path("heights").read_bytes())
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(folder), str(data)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert child.stdout is not None
        first = child.stdout.readline()
        assert first.startswith("finished"), child.stderr.read() if child.stderr else first
        finished_ll = float(first.split()[1])
        second = child.stdout.readline().strip()
        assert second == "mid-fit", (second, child.stderr.read(2000) if child.stderr else "")
    finally:
        child.kill()
        child.wait(timeout=30)
    assert child.returncode != 0  # killed, not a clean exit

    store = RecoveryStore(folder)
    offer = store.start()
    assert offer is not None and offer.is_file()
    assert offer != store.autosave_path  # the killed window's own autosave
    window = MainWindow(
        QSettings(str(tmp_path / "after.ini"), QSettings.Format.IniFormat), recovery=store
    )
    window.setProperty("scripted", True)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.sig_session_restored, timeout=60_000):
        assert window.open_session(offer)
    assert window.result is not None
    assert window.result.log_likelihood == pytest.approx(finished_ll, rel=1e-12)
    assert window.result.params.n_components == 2
    window.close()
    assert RecoveryStore(folder).start() is None  # a clean exit offers nothing


def test_clean_exit_offers_nothing(qtbot, tmp_path: Path):
    store = RecoveryStore(tmp_path)
    assert store.start() is None
    window = MainWindow(
        QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), recovery=store
    )
    window.setProperty("scripted", True)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.sig_data_loaded, timeout=60_000):
        window.open_file(demo_path("heights"))
    window.speed_combo.setCurrentIndex(0)
    with qtbot.waitSignal(window.sig_fit_finished, timeout=60_000):
        window.act_fit.trigger()
    assert store.autosave_path.is_file()
    window.close()
    assert not store.lock_path.exists()
    assert RecoveryStore(tmp_path).start() is None
    assert np.isfinite(window.result.log_likelihood)


def _recovering_window(qtbot, tmp_path: Path, store: RecoveryStore, name: str) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(
        QSettings(str(tmp_path / f"{name}.ini"), QSettings.Format.IniFormat), recovery=store
    )
    window.setProperty("scripted", True)
    qtbot.addWidget(window)
    return window


def _fit(qtbot, window: MainWindow, data: Path, k: int) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.sig_data_loaded, timeout=60_000):
        window.open_file(data)
    window.parameter_panel.set_config(window.parameter_panel.config().with_changes(n_components=k))
    with qtbot.waitSignal(window.sig_fit_finished, timeout=60_000):
        window.act_fit.trigger()


def test_a_second_window_leaves_the_first_ones_recovery_alone(qtbot, tmp_path: Path) -> None:
    folder = tmp_path / "appdata"
    data = tmp_path / "heights.csv"
    data.write_bytes(demo_path("heights").read_bytes())
    first_store, second_store = RecoveryStore(folder), RecoveryStore(folder)
    assert first_store.start() is None and second_store.start() is None
    first = _recovering_window(qtbot, tmp_path, first_store, "first")
    second = _recovering_window(qtbot, tmp_path, second_store, "second")
    _fit(qtbot, first, data, 2)
    _fit(qtbot, second, data, 3)
    second.close()  # a clean exit of the second window
    assert first_store.lock_path.exists()
    assert load_session(first_store.autosave_path).config.n_components == 2
    # the first window then dies (its lock names a process that is gone)
    first.shutdown()
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    first_store.lock_path.write_text(str(child.pid), encoding="ascii")
    later = RecoveryStore(folder)
    offer = later.start()
    assert offer == first_store.autosave_path
    restored = _recovering_window(qtbot, tmp_path, later, "later")
    with qtbot.waitSignal(restored.sig_session_restored, timeout=60_000):
        assert restored.open_session(offer)
    assert restored.result is not None and restored.result.params.n_components == 2
    restored.close()
    assert RecoveryStore(folder).start() is None  # offered once; a clean exit removed it
