"""Crash recovery without Qt: one lock and one autosave per window, and every orphaned
autosave (its owner process gone) offered back, newest first, one per start."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from gmm_desktop.engine import FitConfig
from gmm_desktop.io.recovery import (
    AUTOSAVE_NAME,
    LOCK_NAME,
    RecoveryStore,
    autosave_of,
    lock_of,
)
from gmm_desktop.io.session import Session, load_session


def _dead_pid() -> int:
    """The id of a process that has ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _session(k: int) -> Session:
    return Session(None, None, ["x"], None, FitConfig(n_components=k))


def _crash(store: RecoveryStore, pid: int) -> None:
    """As if the store's window had been killed: its locks now name a process that is gone."""
    for lock in [store.lock_path, *store._adopted]:
        lock.write_text(str(pid), encoding="ascii")


def _aged(path: Path | None, seconds: float) -> None:
    assert path is not None
    stamp = path.stat().st_mtime - seconds
    os.utime(path, (stamp, stamp))


def test_two_windows_keep_their_own_lock_and_autosave(tmp_path: Path) -> None:
    first, second = RecoveryStore(tmp_path), RecoveryStore(tmp_path)
    assert first.start() is None and second.start() is None
    assert first.lock_path != second.lock_path
    assert first.autosave_path != second.autosave_path
    first.save(_session(2))
    second.save(_session(3))
    second.finish()  # a clean exit of the second window
    assert not second.lock_path.exists() and not second.autosave_path.exists()
    assert first.lock_path.exists()
    assert load_session(first.autosave_path).config.n_components == 2
    # ... and the first one crashes afterwards: its own fit is offered
    _crash(first, _dead_pid())
    offer = RecoveryStore(tmp_path).start()
    assert offer == first.autosave_path
    assert load_session(offer).config.n_components == 2


def test_a_running_window_is_not_an_orphan(tmp_path: Path) -> None:
    running = RecoveryStore(tmp_path)
    running.start()
    running.save(_session(2))
    assert RecoveryStore(tmp_path).start() is None  # same process, alive


def test_every_orphan_is_offered_newest_first_then_never_again(tmp_path: Path) -> None:
    dead = _dead_pid()
    stores = [RecoveryStore(tmp_path) for _ in range(3)]
    for k, store in enumerate(stores, start=2):
        store.start()
        store.save(_session(k))
        _crash(store, dead)
    for age, store in zip((30, 20, 10), stores, strict=True):
        _aged(store.autosave_path, age)
    offered = []
    for _ in stores:
        later = RecoveryStore(tmp_path)
        offer = later.start()
        assert offer is not None
        offered.append(load_session(offer).config.n_components)
        later.finish()  # a clean exit: that orphan is gone
    assert offered == [4, 3, 2]
    last = RecoveryStore(tmp_path)
    assert last.start() is None
    last.finish()
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_an_adopted_orphan_comes_back_if_its_new_owner_crashes(tmp_path: Path) -> None:
    crashed = RecoveryStore(tmp_path)
    crashed.start()
    crashed.save(_session(2))
    _crash(crashed, _dead_pid())
    adopter = RecoveryStore(tmp_path)
    assert adopter.start() == crashed.autosave_path
    _crash(adopter, _dead_pid())  # killed too, before it saved a fit of its own
    again = RecoveryStore(tmp_path)
    assert again.start() == crashed.autosave_path


def test_an_orphan_without_an_autosave_is_cleaned_up(tmp_path: Path) -> None:
    crashed = RecoveryStore(tmp_path)
    crashed.start()  # killed before its first fit
    _crash(crashed, _dead_pid())
    assert RecoveryStore(tmp_path).start() is None
    assert not crashed.lock_path.exists()


def test_the_shared_autosave_of_older_versions_is_still_offered(tmp_path: Path) -> None:
    lock, autosave = tmp_path / LOCK_NAME, tmp_path / AUTOSAVE_NAME
    assert autosave_of(lock) == autosave and lock_of(autosave) == lock
    RecoveryStore(tmp_path).save(_session(2))  # any session file will do
    next(tmp_path.glob("autosave-*.gmm.json")).rename(autosave)
    lock.write_text(str(_dead_pid()), encoding="ascii")
    store = RecoveryStore(tmp_path)
    assert store.start() == autosave
    store.finish()
    assert not lock.exists() and not autosave.exists()


def test_an_unwritable_folder_never_stops_the_window(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    store = RecoveryStore(blocker / "recovery")
    assert store.start() is None
    assert store.save(_session(2)) is None
    store.finish()
