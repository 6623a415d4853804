"""Crash recovery: the last finished fit is autosaved; after an unclean exit it is offered back.

A lock file holding the process id exists while the window runs; a clean exit removes it. If
the next start finds the lock of a process that is gone, the previous run crashed or was killed.
"""

from __future__ import annotations

import os
from pathlib import Path

from .session import Session, save_session

AUTOSAVE_NAME = "autosave.gmm.json"
LOCK_NAME = "running.lock"


def _process_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


class RecoveryStore:
    """Autosave and crash detection in one folder (the user's application-data folder)."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)
        self.autosave_path = self.folder / AUTOSAVE_NAME
        self.lock_path = self.folder / LOCK_NAME

    def start(self) -> Path | None:
        """Take the lock; return the autosave to offer if the previous run did not exit cleanly."""
        offer = None
        if self.lock_path.exists():
            try:
                pid = int(self.lock_path.read_text(encoding="ascii").strip() or "0")
            except (OSError, ValueError):
                pid = 0
            if pid != os.getpid() and not _process_alive(pid) and self.autosave_path.is_file():
                offer = self.autosave_path
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self.lock_path.write_text(str(os.getpid()), encoding="ascii")
        except OSError:
            pass  # recovery is a convenience; never stop the window over it
        return offer

    def save(self, session: Session) -> Path | None:
        """Autosave (atomically); None if the folder cannot be written."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            return save_session(self.autosave_path, session)
        except (OSError, ValueError):
            return None

    def finish(self) -> None:
        """A clean exit: nothing to offer next time."""
        try:
            self.lock_path.unlink(missing_ok=True)
        except OSError:
            pass
