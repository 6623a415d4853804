"""Atomic file writes: a reader sees the old file or the complete new one, never half of it.

``write_file_set`` does the same for a set of files (the three CSVs of an export): all of
them are new, or none is.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO

from ..errors import QT_TRANSLATE_NOOP, UserError

# The temporary folder a set of files is written into, inside the target folder.
SET_PREFIX = ".gmm-export-"
# Temporary folders and files older than this are left over from a killed run: removed.
STALE_AFTER_SECONDS = 600.0
_ATOMIC_TEMP = re.compile(r"^\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp$")  # atomic_open's mkstemp name

FileWriter = Callable[[IO[str]], None]


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
    blocking = _file_in_the_way(folder)
    if blocking is not None:
        raise WriteError.said(
            QT_TRANSLATE_NOOP(
                "Errors", "cannot create the folder {folder}: {path} is a file, not a folder"
            ),
            folder=str(folder),
            path=str(blocking),
        )
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


def _file_in_the_way(folder: Path) -> Path | None:
    """``folder`` or its nearest existing parent, if that is not a folder; else None."""
    for candidate in (folder, *folder.parents):
        try:
            if candidate.exists():
                return None if candidate.is_dir() else candidate
        except OSError:  # not allowed to look: mkdir will say why
            return None
    return None


def write_file_set(
    folder: str | os.PathLike[str],
    writers: Mapping[str, FileWriter],
    *,
    encoding: str = "utf-8",
    keep: str | os.PathLike[str] | None = None,
) -> list[Path]:
    """Write the files ``writers`` names into ``folder``, all or none; return their paths.

    Each writer fills an open text file. The files go into a temporary ``.gmm-export-*``
    folder inside ``folder`` first and are moved in (``os.replace``) only once every one is
    written: on a failure (disk full, no permission) the temporary folder is removed, nothing
    in ``folder`` changes and WriteError says so. Leftovers of a killed earlier run, older than
    STALE_AFTER_SECONDS, are removed first. ``keep`` (the data file read) is never
    overwritten: WriteError before anything is written.
    """
    out = ensure_folder(folder)
    targets = [out / name for name in writers]
    refuse_overwriting(targets, keep)
    for target in targets:
        if target.is_dir():
            raise _set_error(target, os.strerror(errno.EISDIR))
    remove_stale_temporaries(out, writers)
    try:
        staging = Path(tempfile.mkdtemp(prefix=SET_PREFIX, dir=out))
    except OSError as exc:
        raise WriteError.said(
            QT_TRANSLATE_NOOP("Errors", "cannot write to the folder {folder}: {reason}"),
            folder=str(out),
            reason=exc.strerror,
        ) from None
    try:
        for (name, write), target in zip(writers.items(), targets, strict=True):
            try:
                with open(staging / name, "w", encoding=encoding, newline="") as handle:
                    write(handle)
                    handle.flush()
                    os.fsync(handle.fileno())
            except OSError as exc:
                raise _set_error(target, exc.strerror or str(exc)) from None
        for name, target in zip(writers, targets, strict=True):
            try:
                os.replace(staging / name, target)
            except OSError as exc:
                raise _set_error(target, exc.strerror or str(exc)) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return targets


def refuse_overwriting(
    targets: Iterable[str | os.PathLike[str]], keep: str | os.PathLike[str] | None
) -> None:
    """WriteError if one of ``targets`` is the file ``keep`` (the same file, by any path)."""
    if keep is None:
        return
    for target in targets:
        try:
            same = os.path.samefile(target, keep)
        except OSError:  # one of them does not exist: nothing to protect
            same = False
        if same:
            raise WriteError.said(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "{path} is the data file you opened; it is never overwritten, so choose "
                    "another folder",
                ),
                path=str(target),
            )


def _set_error(target: Path, reason: str) -> WriteError:
    return WriteError.said(
        QT_TRANSLATE_NOOP(
            "Errors", "cannot write {path}: {reason}; nothing in {folder} was changed"
        ),
        path=str(target),
        reason=reason,
        folder=str(target.parent),
    )


def remove_stale_temporaries(folder: Path, names: Iterable[str]) -> None:
    """Remove our leftovers in ``folder`` older than STALE_AFTER_SECONDS: ``.gmm-export-*``
    folders and ``atomic_open``'s hidden ``.NAME.xxxxxxxx.tmp`` files of the given names."""
    wanted = set(names)
    cutoff = time.time() - STALE_AFTER_SECONDS
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        match = _ATOMIC_TEMP.match(entry.name)
        ours = entry.name.startswith(SET_PREFIX) or (match is not None and match["name"] in wanted)
        try:
            if not ours or entry.stat(follow_symlinks=False).st_mtime > cutoff:
                continue
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                os.unlink(entry.path)
        except OSError:
            pass  # gone already, or not ours to remove: the export goes on
