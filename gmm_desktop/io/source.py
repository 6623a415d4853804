"""The bytes a table is read from: a file on disk, or a pipe read once into memory."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO


@dataclass(frozen=True, eq=False)
class Source:
    """A file to read, opened as often as the readers need.

    A regular file is opened again each time. A pipe, a FIFO or ``/dev/stdin`` can be read
    only once, so its bytes are read up front (``data``) and every ``open`` reads those.
    """

    path: Path
    data: bytes | None = None

    @property
    def name(self) -> str:
        """The file name shown in messages (``stdin`` for ``/dev/stdin``)."""
        return self.path.name

    def open(self) -> BinaryIO:
        """A new binary handle at the start of the bytes."""
        if self.data is not None:
            return io.BytesIO(self.data)
        return self.path.open("rb")

    def size(self) -> int:
        """The number of bytes (of the file as it is now)."""
        if self.data is not None:
            return len(self.data)
        return self.path.stat().st_size
