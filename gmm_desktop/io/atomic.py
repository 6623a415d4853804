"""Atomic file writes: a reader sees the old file or the complete new one, never half of it."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from ..errors import QT_TRANSLATE_NOOP, UserError


class WriteError(UserError):
    """A file could not be written (folder missing, read-only, disk full)."""


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike[str], mode: str = "w", **kwargs: object) -> Iterator[IO]:
    """Open a temporary file beside ``path``; on success rename it over ``path``.

    On any exception the temporary file is removed and ``path`` is left untouched.
    Raises WriteError with a plain message if the folder cannot be written.
    """
    target = Path(path)
    if "b" not in mode:
        kwargs.setdefault("encoding", "utf-8")
        kwargs.setdefault("newline", "")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise WriteError.said(
            QT_TRANSLATE_NOOP("Errors", "cannot write to the folder {folder}: {reason}"),
            folder=str(target.parent),
            reason=exc.strerror,
        ) from None
    tmp = Path(tmp_name)
    os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the file the usual mode
    try:
        with os.fdopen(fd, mode, **kwargs) as handle:  # type: ignore[call-overload]
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise WriteError.said(
            QT_TRANSLATE_NOOP("Errors", "cannot write {path}: {reason}"),
            path=str(target),
            reason=exc.strerror,
        ) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def ensure_folder(path: str | os.PathLike[str]) -> Path:
    """Create the output folder if needed; WriteError in plain words if that is impossible."""
    folder = Path(path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError.said(
            QT_TRANSLATE_NOOP("Errors", "cannot create the folder {folder}: {reason}"),
            folder=str(folder),
            reason=exc.strerror,
        ) from None
    if not folder.is_dir():
        raise WriteError.said(
            QT_TRANSLATE_NOOP("Errors", "{folder} is not a folder"), folder=str(folder)
        )
    return folder
