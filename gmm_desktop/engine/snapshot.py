"""The immutable snapshot EM yields after every iteration (``em``, ``missing``, ``fast``...)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

import numpy as np

from .params import MixtureParams
from .stopping import Stopper


@dataclass(frozen=True, eq=False)
class EMSnapshot:
    """The model after ``iteration`` M-steps of one start, and its exact log-likelihood.

    Iteration 0 is the starting point. ``log_likelihood`` is the total (natural-log)
    log-likelihood of these very parameters. ``final`` marks the last snapshot of a start;
    ``converged`` is True when it stopped because its stopping rule was met.
    ``labels`` (n,) are the rows' most likely components under these parameters, present only
    when an iterator was asked for them (``labels=True``); whoever keeps a history drops them
    (``without_labels``), so a long fit holds one such array, not one per iteration.
    ``also_reached_by``, on a final snapshot only, names other starts (by number) that were not
    run on to the end because their screening run on a subsample of the rows ended at the same
    optimum as this start's (``search.py``): they count as ending where this one ends.
    """

    iteration: int
    log_likelihood: float
    params: MixtureParams
    converged: bool
    final: bool
    n_samples: int
    restart: int = 0
    n_restarts: int = 1
    labels: np.ndarray | None = field(default=None, repr=False)
    also_reached_by: tuple[int, ...] = ()

    def without_labels(self) -> EMSnapshot:
        """This snapshot without its (n,) labels (itself when it has none)."""
        return self if self.labels is None else replace(self, labels=None)

    @property
    def weights(self) -> np.ndarray:
        return self.params.weights

    @property
    def means(self) -> np.ndarray:
        return self.params.means

    @property
    def covariances(self) -> np.ndarray:
        return self.params.covariances

    @property
    def mean_log_likelihood(self) -> float:
        return self.log_likelihood / self.n_samples


def total_weight(sample_weight: np.ndarray) -> int:
    """The number of rows a weight vector (n,) stands for, for the per-row stopping rules
    (rounded down, at least 1)."""
    return max(1, int(np.sum(sample_weight)))


OnePass = Callable[
    [MixtureParams, bool], tuple[float, "np.ndarray | None", Callable[[], MixtureParams]]
]
"""One EM pass under ``params``: (log-likelihood, the rows' labels or None, the M-step to run
when another iteration is wanted); its bool says whether that M-step may be asked for."""


def em_snapshots(
    one_pass: OnePass,
    start: MixtureParams,
    n_samples: int,
    *,
    max_iter: int,
    tol: float,
    stopping: str,
    restart: int = 0,
    n_restarts: int = 1,
    sample_weight: np.ndarray | None = None,
) -> Iterator[EMSnapshot]:
    """The snapshot loop every EM iterator shares (``em.iterate_em``, the compiled engine's
    ``fast_iterate_em``, ``missing.iterate_missing_em``): snapshot 0 is ``start``; each pass
    gives a log-likelihood to the ``stopping`` rule (per-row rules divide by the number of
    rows, or by the sum of ``sample_weight`` (n,)), and the M-step runs only when another
    iteration follows (at most ``max_iter``)."""
    n = n_samples if sample_weight is None else total_weight(sample_weight)
    stopper = Stopper(stopping, tol, n)
    params = start
    for iteration in range(max_iter + 1):
        total, assigned, m_step = one_pass(params, iteration < max_iter)
        converged = stopper.update(total)
        final = converged or iteration == max_iter
        yield EMSnapshot(
            iteration, total, params, converged, final, n_samples, restart, n_restarts, assigned
        )
        if final:
            return
        params = m_step()
