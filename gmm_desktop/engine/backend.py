"""Which implementation of EM runs: the numpy reference or the compiled (numba) one.

Every path that runs EM (fit, select, Choose K, the runs list, session restore, labels and
responsibilities) takes a ``Backend``. Both give the same path to about 1e-13 relative
(``tests/engine/test_fast.py``); the compiled one is 20-40x faster at a million rows.

``ready()`` is the default everywhere: the compiled backend once ``warm_up()`` has finished
(in any thread), else the reference. It never compiles, so a click never waits for numba;
the command line and the window call ``warm_up()`` early, in the background where they can.
Importing this module does not import numba.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np

from .em import EMSnapshot, em_step, iterate_em
from .params import MixtureParams
from .posterior import most_likely_components, responsibilities


@dataclass(frozen=True, eq=False)
class Backend:
    """One implementation of EM's passes over the rows.

    iterate(X, start, *, covariance_type, max_iter, tol, reg_covar, restart, n_restarts,
        labels, stopping, sample_weight) -> iterator of EMSnapshot (the contract of
        ``em.iterate_em``; ``sample_weight`` (n,) or None weights the rows)
    responsibilities(X (n, d), params, covariance_type) -> (n, K)
    labels(X (n, d), params, covariance_type) -> (n,) int64, without building (n, K)
    step(X (n, d), params, covariance_type, reg_covar, sample_weight=None) -> (log-likelihood
        of params, the M-step's next params): one EM pass, for ``accelerate.squarem_snapshots``
    """

    name: str
    iterate: Callable[..., Iterator[EMSnapshot]]
    responsibilities: Callable[[np.ndarray, MixtureParams, str], np.ndarray]
    labels: Callable[[np.ndarray, MixtureParams, str], np.ndarray]
    step: Callable[..., tuple[float, MixtureParams]]

    @property
    def compiled(self) -> bool:
        return self.name == "compiled"


REFERENCE = Backend("reference", iterate_em, responsibilities, most_likely_components, em_step)

_compiled: Backend | None = None
_warmed = threading.Event()
_lock = threading.Lock()
_reason: str | None = None


def warm_up() -> Backend:
    """Compile (or load from numba's cache) the compiled backend and return it; blocks.

    Returns the reference when numba is missing or fails (``unavailable_reason`` says why).
    Safe from any thread and more than once; afterwards ``ready()`` returns the same backend.
    """
    global _compiled, _reason
    with _lock:
        if not _warmed.is_set():
            try:
                from . import fast

                fast.warm_up()
                if fast.is_available():
                    _compiled = Backend(
                        "compiled",
                        fast.fast_iterate_em,
                        fast.fast_responsibilities,
                        fast.fast_labels,
                        fast.fast_em_step,
                    )
                else:
                    _reason = fast.unavailable_reason()
            except Exception as exc:  # a broken numba install must never break a fit
                _reason = f"{type(exc).__name__}: {exc}"
            _warmed.set()
    return _compiled or REFERENCE


def is_warm() -> bool:
    """True once ``warm_up`` has finished (whatever it found)."""
    return _warmed.is_set()


def ready() -> Backend:
    """The compiled backend if ``warm_up`` has made it ready, else the reference; never blocks."""
    return (_compiled or REFERENCE) if _warmed.is_set() else REFERENCE


def by_name(name: str) -> Backend:
    """ "reference", "compiled" (warms up; the reference when numba is missing) or "auto"
    (``ready()``)."""
    if name == "reference":
        return REFERENCE
    if name == "compiled":
        return warm_up()
    if name == "auto":
        return ready()
    raise ValueError(f"unknown backend {name!r} (reference, compiled or auto)")


def compiled_threads() -> int:
    """Threads the compiled backend's passes use (1 for the reference)."""
    if not ready().compiled:
        return 1
    from . import fast

    return fast.n_threads()


def unavailable_reason() -> str | None:
    """Why the compiled backend is not used after ``warm_up`` (None when it is, or before)."""
    return _reason
