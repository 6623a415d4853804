"""A command-line run's start-up: numba loads behind the file read, and the cyclic garbage
collector stays out of the imports.

Starting ``gmm-desktop fit`` imports numpy, pandas and numba: about a million long-lived
objects, which the collector would scan again and again (0.14 s, a fifteenth of a
million-row fit). ``__main__.entry`` pauses it for command-line runs; once the data are read
and the kernels loaded, ``end_start_up`` freezes what exists (``gc.freeze``: never scanned
again) and lets the collector run for the rest. Callers that did not pause it (tests calling
``cli.main``) are left as they were.
"""

from __future__ import annotations

import gc
import threading

_paused = False


def pause_gc() -> None:
    """Switch the cyclic garbage collector off until ``end_start_up``."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def _warm_up() -> None:
    # imported here: this module loads before numpy, with the collector paused after it
    from ..engine.backend import warm_up

    warm_up()  # never raises: a numba that fails to load leaves the reference backend


def start_engine_warm_up() -> threading.Thread:
    """Import numba and load the cached kernels on a daemon thread; return the thread.

    Reading a CSV spends much of its time in pandas' C parser, which releases the GIL, so part
    of numba's start-up (pure Python, about 0.6 s) hides behind it. ``end_start_up`` joins it,
    so the fit that follows runs on the compiled backend (``backend.ready()``).
    """
    thread = threading.Thread(target=_warm_up, name="gmm-warm-up", daemon=True)
    thread.start()
    return thread


def end_start_up(warm_up: threading.Thread | None = None) -> None:
    """Wait for the warm-up thread, then freeze start-up's objects and restart the collector."""
    global _paused
    if warm_up is not None:
        warm_up.join()
    if _paused:
        gc.freeze()
        gc.enable()
        _paused = False
