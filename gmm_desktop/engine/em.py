"""EM as an iterator of immutable snapshots: the CLI, the tests and the GUI all drive this."""

from __future__ import annotations

from collections.abc import Generator, Iterator
from dataclasses import dataclass, field, replace

import numpy as np

from .config import FitConfig, check_data
from .density import e_step
from .init import initial_params
from .mstep import m_step
from .params import MixtureParams


@dataclass(frozen=True, eq=False)
class EMSnapshot:
    """The model after ``iteration`` M-steps of one start, and its exact log-likelihood.

    Iteration 0 is the starting point. ``log_likelihood`` is the total (natural-log)
    log-likelihood of these very parameters. ``final`` marks the last snapshot of a start;
    ``converged`` is True when it stopped because the change fell below ``tol``.
    ``labels`` (n,) are the rows' most likely components under these parameters, present only
    when an iterator was asked for them (``labels=True``); whoever keeps a history drops them
    (``without_labels``), so a long fit holds one such array, not one per iteration.
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


def iterate_em(
    X: np.ndarray,
    start: MixtureParams,
    *,
    covariance_type: str = "full",
    max_iter: int = 500,
    tol: float = 1e-6,
    reg_covar: float = 1e-6,
    restart: int = 0,
    n_restarts: int = 1,
    labels: bool = False,
) -> Iterator[EMSnapshot]:
    """Run EM from ``start`` on X (n, d), yielding a snapshot before the first and after every
    M-step. Stops when the mean log-likelihood per row changes by less than ``tol``
    (scikit-learn's convention) or after ``max_iter`` M-steps. Stop early by not asking for more.
    With ``labels`` each snapshot carries the rows' most likely components (n,).
    """
    n = X.shape[0]
    params = start
    previous: float | None = None
    for iteration in range(max_iter + 1):
        total, log_resp = e_step(X, params, covariance_type)
        mean = total / n
        converged = previous is not None and abs(mean - previous) < tol
        final = converged or iteration == max_iter
        assigned = np.argmax(log_resp, axis=1) if labels else None
        yield EMSnapshot(
            iteration, total, params, converged, final, n, restart, n_restarts, assigned
        )
        if final:
            return
        previous = mean
        params = m_step(X, np.exp(log_resp), covariance_type, reg_covar)


def fit_snapshots(
    X: np.ndarray, config: FitConfig, *, engine: str = "reference", labels: bool = False
) -> Generator[EMSnapshot, None, None]:
    """Every snapshot of every start of a fit, in order (``snapshot.restart`` tells which).

    Starts are seeded from ``config.seed`` independently, so start r is the same whether or not
    the others run. A manual start runs once: restarting it would repeat the same path.
    ``engine`` is "reference" (this module, numpy) or "auto"/"fast" (the compiled engine in
    ``fast.py``, which falls back to the reference by itself when numba is missing).
    ``labels``: every snapshot carries the rows' most likely components (see ``EMSnapshot``).
    """
    if engine not in ("auto", "fast", "reference"):
        raise ValueError(f"unknown engine {engine!r}")
    X = check_data(X)
    config.validate(*X.shape)
    if engine == "reference":
        run = iterate_em
    else:
        from .fast import fast_iterate_em as run  # fast imports this module
    n_starts = 1 if config.init == "manual" else config.n_init
    seeds = np.random.SeedSequence(config.seed).spawn(n_starts)
    for r in range(n_starts):
        start = initial_params(X, config, np.random.default_rng(seeds[r]))
        yield from run(
            X,
            start,
            covariance_type=config.covariance_type,
            max_iter=config.max_iter,
            tol=config.tol,
            reg_covar=config.reg_covar,
            restart=r,
            n_restarts=n_starts,
            labels=labels,
        )


class RestartTracker:
    """Collects snapshots as they stream by and remembers the best finished start."""

    def __init__(self) -> None:
        self.current: list[EMSnapshot] = []
        self.best: list[EMSnapshot] = []
        self.final_log_likelihoods: list[float] = []

    def add(self, snapshot: EMSnapshot) -> None:
        snapshot = snapshot.without_labels()
        if self.current and self.current[-1].restart != snapshot.restart:
            self.current = []
        self.current.append(snapshot)
        if snapshot.final:
            self.final_log_likelihoods.append(snapshot.log_likelihood)
            if not self.best or snapshot.log_likelihood > self.best[-1].log_likelihood:
                self.best = self.current
            self.current = []

    def history(self) -> list[EMSnapshot]:
        """The best finished start's snapshots, or the unfinished one if none has finished."""
        return self.best if self.best else self.current
