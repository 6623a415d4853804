"""TaskSlot: one task at a time per owner; a retired task delivers nothing and is waited for."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject

from gmm_desktop.qt.tasks import TaskSlot, TaskState

TIMEOUT = 10_000


def _gated(gate: threading.Event, value: object):
    """A task function that reports progress and a partial result, then waits for ``gate``."""

    def work(state: TaskState) -> object:
        state.progress(0.5)
        state.partial(value)
        gate.wait(TIMEOUT / 1000)
        return value

    return work


def test_the_current_task_delivers_its_signals_then_ended(qtbot) -> None:
    owner = QObject()  # keeps the slot alive, as a window or panel does
    slot = TaskSlot(owner)
    events: list[object] = []
    slot.sig_progress.connect(lambda f: events.append(("progress", f)))
    slot.sig_partial.connect(lambda v: events.append(("partial", v)))
    slot.sig_done.connect(lambda v: events.append(("done", v)))
    slot.sig_ended.connect(lambda: events.append("ended"))
    gate = threading.Event()
    gate.set()
    with qtbot.waitSignal(slot.sig_ended, timeout=TIMEOUT):
        slot.start(_gated(gate, "a"))
        assert slot.is_running()
    assert events == [("progress", 0.5), ("partial", "a"), ("done", "a"), "ended"]
    assert not slot.is_running() and slot.current is None


def test_starting_again_retires_the_running_task(qtbot) -> None:
    owner = QObject()  # keeps the slot alive, as a window or panel does
    slot = TaskSlot(owner)
    done: list[object] = []
    partial: list[object] = []
    ended: list[None] = []
    slot.sig_done.connect(done.append)
    slot.sig_partial.connect(partial.append)
    slot.sig_ended.connect(lambda: ended.append(None))
    first_gate, second_gate = threading.Event(), threading.Event()
    first = slot.start(_gated(first_gate, "first"))
    with qtbot.waitSignal(slot.sig_ended, timeout=TIMEOUT):
        slot.start(_gated(second_gate, "second"))
        first_gate.set()  # the first ends after it was retired: nothing of it arrives
        second_gate.set()
    slot.shutdown()
    assert not first.is_running()
    assert done == ["second"] and "first" not in partial and len(ended) == 1


def test_retire_and_shutdown_wait_for_a_running_thread(qtbot) -> None:
    owner = QObject()  # keeps the slot alive, as a window or panel does
    slot = TaskSlot(owner)
    done: list[object] = []
    ended: list[None] = []
    slot.sig_done.connect(done.append)
    slot.sig_ended.connect(lambda: ended.append(None))
    gate = threading.Event()
    task = slot.start(_gated(gate, "x"))
    assert slot.retire() and not slot.is_running() and not slot.retire()
    threading.Timer(0.2, gate.set).start()
    slot.shutdown()  # blocks until the retired task's thread has ended
    assert not task.is_running()
    qtbot.wait(50)
    assert done == [] and ended == []


def test_cancel_asks_the_function_to_stop(qtbot) -> None:
    owner = QObject()  # keeps the slot alive, as a window or panel does
    slot = TaskSlot(owner)
    seen: list[bool] = []
    cancelled: list[None] = []
    slot.sig_cancelled.connect(lambda: cancelled.append(None))

    def work(state: TaskState) -> None:
        while not state.cancelled:
            threading.Event().wait(0.01)
        seen.append(True)

    with qtbot.waitSignal(slot.sig_ended, timeout=TIMEOUT):
        slot.start(work)
        slot.cancel()
    assert seen == [True] and cancelled == [None]
