"""Python's cyclic garbage collector, run on the GUI thread only.

A collection starts in whichever thread happens to allocate. When it frees a cycle that holds
Qt objects (a closed window, a replaced plot) in a worker thread, their C++ destructors run
there, and PySide can deadlock: the worker holds a Qt mutex while it waits for the GIL, and the
GUI thread holds the GIL while it waits for that mutex (seen in the test suite, with every
thread parked on a futex). So automatic collection is switched off once a window exists, and a
timer on the GUI thread collects instead: the young objects every second, everything every
ten seconds.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QTimer

TICK_MS = 1000
FULL_EVERY = 10  # ticks

_timer: QTimer | None = None
_ticks = 0


def collect_on_gui_thread() -> None:
    """Switch automatic collection off (again, if something switched it on) and collect from
    a GUI-thread timer (one per application)."""
    global _timer
    app = QCoreApplication.instance()
    if app is None:
        return
    gc.disable()
    if _timer is not None and _timer.parent() is app:
        return
    _timer = QTimer(app)
    _timer.setInterval(TICK_MS)
    _timer.timeout.connect(_tick)
    _timer.start()


def _tick() -> None:
    global _ticks
    _ticks += 1
    gc.collect(2 if _ticks % FULL_EVERY == 0 else 1)
