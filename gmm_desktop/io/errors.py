"""Errors raised while reading tables."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..errors import QT_TRANSLATE_NOOP, UserError


class DataError(UserError):
    """A table that cannot be read or used; ``str(error)`` is one plain sentence."""


def undecodable_error(path: Path) -> DataError:
    """The characters of a text file could not be decoded."""
    return DataError.said(
        QT_TRANSLATE_NOOP(
            "Errors", "the characters in {name} could not be read; save it again as UTF-8 text"
        ),
        name=path.name,
    )


class LoadCancelled(Exception):
    """The user cancelled a load that was running in the background."""


class Reporter:
    """Pass progress fractions on and stop the load when the user cancels.

    Parameters
    ----------
    progress : callable or None
        Receives a fraction between 0 and 1 now and then.
    cancelled : callable or None
        Returns True once the user asked to stop; then ``check`` raises LoadCancelled.
    """

    def __init__(
        self,
        progress: Callable[[float], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> None:
        self._progress = progress
        self._cancelled = cancelled
        self._last = -1.0

    def check(self) -> None:
        """Raise LoadCancelled if the user asked to stop."""
        if self._cancelled is not None and self._cancelled():
            raise LoadCancelled("loading was cancelled")

    def report(self, fraction: float) -> None:
        """Check for cancellation, then pass on ``fraction`` (clipped to 0..1, never going back)."""
        self.check()
        fraction = min(max(float(fraction), self._last, 0.0), 1.0)
        if self._progress is not None and fraction > self._last:
            self._progress(fraction)
        self._last = fraction
