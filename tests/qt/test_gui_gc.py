"""Garbage is collected on the GUI thread only (``gmm_desktop.qt.gui_gc``): a collection run by
a worker thread could free Qt objects there and deadlock."""

from __future__ import annotations

import gc
import weakref

from gmm_desktop.qt import gui_gc


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_a_window_switches_automatic_collection_off_and_a_gui_timer_collects(qapp) -> None:
    gc.enable()
    gui_gc.collect_on_gui_thread()
    assert not gc.isenabled()
    assert gui_gc._timer is not None and gui_gc._timer.isActive()
    assert gui_gc._timer.thread() is qapp.thread()
    gui_gc.collect_on_gui_thread()  # once per application
    assert gui_gc._timer.parent() is qapp
    garbage = _Cycle()
    alive = weakref.ref(garbage)
    del garbage
    gc.collect()  # push it to the oldest generation, as a closed window would be
    cycle = _Cycle()
    alive = weakref.ref(cycle)
    del cycle
    for _ in range(gui_gc.FULL_EVERY):
        gui_gc._tick()
    assert alive() is None
