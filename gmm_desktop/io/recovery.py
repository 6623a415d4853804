"""Crash recovery: each window autosaves its last finished fit; after an unclean exit it is
offered back.

Every window (every RecoveryStore) has its own lock, ``running-<id>.lock`` holding the owner's
process id, and its own autosave, ``autosave-<id>.gmm.json``: a second window never overwrites
or removes the first one's. A clean exit removes both. A lock whose owner process is gone is
an orphan: the window crashed or was killed, and its autosave is offered at the next start,
newest first, one per start, until every orphan has been offered. The store that offers an
orphan adopts it (the lock then holds the new owner's process id): a clean exit removes it,
and if that window crashes too, the orphan is offered again.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from .session import Session, save_session

LOCK_PREFIX = "running"
LOCK_SUFFIX = ".lock"
AUTOSAVE_PREFIX = "autosave"
AUTOSAVE_SUFFIX = ".gmm.json"
# the one lock and autosave that older versions shared between windows: still offered
AUTOSAVE_NAME = AUTOSAVE_PREFIX + AUTOSAVE_SUFFIX
LOCK_NAME = LOCK_PREFIX + LOCK_SUFFIX


def _process_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    except OSError:  # pid out of range
        return False
    return True


def _owner(lock: Path) -> int:
    """The process id a lock file holds (0 when unreadable)."""
    try:
        return int(lock.read_text(encoding="ascii").strip() or "0")
    except (OSError, ValueError):
        return 0


def autosave_of(lock: Path) -> Path:
    """The autosave that belongs to a lock: ``running-<id>.lock`` -> ``autosave-<id>.gmm.json``
    (and the older shared ``running.lock`` -> ``autosave.gmm.json``)."""
    tail = lock.name[len(LOCK_PREFIX) : -len(LOCK_SUFFIX)]
    return lock.with_name(AUTOSAVE_PREFIX + tail + AUTOSAVE_SUFFIX)


def lock_of(autosave: Path) -> Path:
    """The lock that belongs to an autosave (the inverse of ``autosave_of``)."""
    tail = autosave.name[len(AUTOSAVE_PREFIX) : -len(AUTOSAVE_SUFFIX)]
    return autosave.with_name(LOCK_PREFIX + tail + LOCK_SUFFIX)


class RecoveryStore:
    """One window's autosave and crash detection in a folder shared by every window (the
    user's application-data folder)."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)
        # the process id, and a random part for several windows in one process
        self.store_id = f"{os.getpid()}-{secrets.token_hex(4)}"
        self.lock_path = self.folder / f"{LOCK_PREFIX}-{self.store_id}{LOCK_SUFFIX}"
        self.autosave_path = autosave_of(self.lock_path)
        self._adopted: list[Path] = []  # orphan locks this store offered, removed on finish

    def start(self) -> Path | None:
        """Take this window's lock; return the newest orphaned autosave to offer, or None.

        Orphaned locks without an autosave are removed (there is nothing to offer)."""
        offer = None
        orphans = self.orphaned_autosaves()
        if orphans:
            offer = orphans[0]
            lock = lock_of(offer)
            self._write_lock(lock)  # adopted: offered once, unless this window crashes too
            self._adopted.append(lock)
        self._write_lock(self.lock_path)
        return offer

    def orphaned_autosaves(self) -> list[Path]:
        """The autosaves of every window whose process is gone, newest first."""
        found: list[tuple[float, Path]] = []
        try:
            locks = sorted(self.folder.glob(f"{LOCK_PREFIX}*{LOCK_SUFFIX}"))
        except OSError:
            return []
        for lock in locks:
            if lock == self.lock_path or lock in self._adopted:
                continue
            owner = _owner(lock)
            if owner == os.getpid() or _process_alive(owner):
                continue
            autosave = autosave_of(lock)
            try:
                found.append((autosave.stat().st_mtime, autosave))
            except OSError:  # crashed before its first fit: nothing to offer
                _remove(lock)
        return [path for _, path in sorted(found, key=lambda item: item[0], reverse=True)]

    def save(self, session: Session) -> Path | None:
        """Autosave this window's fit (atomically); None if the folder cannot be written."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            return save_session(self.autosave_path, session)
        except (OSError, ValueError):
            return None

    def finish(self) -> None:
        """A clean exit: remove this window's lock and autosave, and the orphans it offered."""
        for lock in [self.lock_path, *self._adopted]:
            _remove(autosave_of(lock))
            _remove(lock)
        self._adopted.clear()

    def _write_lock(self, lock: Path) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            lock.write_text(str(os.getpid()), encoding="ascii")
        except OSError:
            pass  # recovery is a convenience; never stop the window over it


def _remove(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass
