"""Qt test set-up: shared GL contexts before any QApplication, and no leaked threads or timers."""

from __future__ import annotations

import gc
import os

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QThread, QTimer

if os.environ.get("QT_QPA_PLATFORM") == "offscreen":  # pragma: no cover - guard, see README
    raise RuntimeError("run the Qt tests under xvfb-run, not QT_QPA_PLATFORM=offscreen")

# Must precede the QApplication: without it every GLViewWidget after the first draws nothing.
QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)


@pytest.fixture(autouse=True)
def _no_leaked_threads_or_timers(qapp, qtbot):
    """Fail a test that leaves a QThread running or an active QTimer owned by a live widget."""
    from gmm_desktop.qt.style import configure_pyqtgraph

    configure_pyqtgraph()
    yield
    qapp.processEvents()
    running = [t for t in qapp.findChildren(QThread) if t.isRunning()]
    for widget in qapp.topLevelWidgets():
        running += [t for t in widget.findChildren(QThread) if t.isRunning()]
    assert not running, f"test left {len(running)} QThread(s) running"
    active = []
    for widget in qapp.topLevelWidgets():
        if widget.isVisible():
            active += [t for t in widget.findChildren(QTimer) if t.isActive()]
    assert not active, f"test left {len(active)} QTimer(s) active on visible widgets"


@pytest.fixture(autouse=True)
def _delete_closed_widgets(qapp):
    """Really delete what qtbot closed (it only posts deleteLater): pyqtgraph widgets alive at
    interpreter shutdown can crash it. Then collect the garbage here, on the GUI thread: a
    collection started by a later test's worker thread would free these Qt objects there and
    could deadlock (``gmm_desktop.qt.gui_gc``); automatic collection stays off for the tests."""
    gc.disable()
    yield
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    gc.collect()
