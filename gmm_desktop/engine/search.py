"""The start driver: every start of a fit, screened by short EM runs, the best carried on.

A fit tries ``starts.n_starts(config)`` starts (three per restart). Every start first runs
``SCREEN_ITERATIONS`` EM iterations; the best ``n_init`` (by log-likelihood) then run on to
convergence and the others are dropped (the "short EM" strategy of Biernacki, Celeux and
Govaert 2003). A carried start simply continues, so its path is exactly that of a plain run
from the same start. ``fit``, ``select``, Choose K and the window all run their starts
through ``search_snapshots`` and keep the best with a ``RestartTracker``.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator, Sequence

import numpy as np

from .accelerate import ACCELERATE_ROWS, squarem_snapshots
from .backend import Backend, ready
from .config import FitConfig, check_data, check_weights, filled_with_column_means
from .em import EMSnapshot
from .errors import GMMInputError
from .starts import StartSpec, n_carried, n_starts, start_plan

SCREEN_ITERATIONS = 20
Judge = Callable[[EMSnapshot], dict[int, str]]


def search_snapshots(
    X: np.ndarray,
    config: FitConfig,
    *,
    backend: Backend | None = None,
    labels: bool = False,
    plan: Sequence[StartSpec] | None = None,
    screen: bool = True,
    sample_weight: np.ndarray | None = None,
) -> Generator[EMSnapshot, None, None]:
    """Every snapshot of every start of a fit on X (n, d), in the order they are computed.

    ``snapshot.restart`` tells which start; with screening, a start's snapshots may come in
    two runs (its first ``SCREEN_ITERATIONS``, later the rest), and a dropped start never
    yields a final snapshot. ``plan`` overrides ``start_plan(config)``; ``backend`` defaults to
    ``backend.ready()``; ``screen`` False runs every start of the plan to the end. A start
    whose covariance becomes singular ends without a final snapshot, unless it is the only one.
    ``sample_weight`` (n,) runs weighted EM (``em.iterate_em``); the starts themselves are
    drawn from the rows without their weights. With ``config.missing`` "model" X may hold
    NaN cells: the starts see them as their column's mean, EM leaves them to the model.
    """
    X = check_data(X, allow_missing=config.missing == "model")
    config.validate(*X.shape)
    X_start = filled_with_column_means(X)  # starts from missing cells: their column's mean
    weights = check_weights(sample_weight, X.shape[0])
    weighting = {} if weights is None else {"sample_weight": weights}
    run = backend or ready()
    plan = list(plan) if plan is not None else start_plan(config)
    total = max(n_starts(config), max((s.index + 1 for s in plan), default=0))

    accelerated = config.accelerate and X.shape[0] > ACCELERATE_ROWS

    def start(spec: StartSpec) -> Iterator[EMSnapshot]:
        if accelerated:
            yield from squarem_snapshots(
                X,
                spec.params(X_start, config),
                lambda p: run.step(X, p, config.covariance_type, config.reg_covar, **weighting),
                max_iter=config.max_iter,
                tol=config.tol,
                stopping=config.stopping,
                restart=spec.index,
                n_restarts=total,
            )
            return
        yield from run.iterate(
            X,
            spec.params(X_start, config),
            covariance_type=config.covariance_type,
            max_iter=config.max_iter,
            tol=config.tol,
            reg_covar=config.reg_covar,
            restart=spec.index,
            n_restarts=total,
            labels=labels,
            stopping=config.stopping,
            **weighting,
        )

    lone = len(plan) == 1
    carried = n_carried(config)
    if not screen or len(plan) <= carried:
        for spec in plan:
            yield from _guarded(start(spec), None, lone)
        return
    pending: list[tuple[float, int, Iterator[EMSnapshot]]] = []
    for spec in plan:
        iterator = start(spec)
        last: EMSnapshot | None = None
        for snapshot in _guarded(iterator, SCREEN_ITERATIONS + 1, lone):
            last = snapshot
            yield snapshot
        if last is not None and not last.final:
            pending.append((last.log_likelihood, spec.index, iterator))
    pending.sort(key=lambda item: (-item[0], item[1]))
    keep = max(0, carried - (len(plan) - len(pending)))
    for _, _, iterator in pending[keep:]:
        _close(iterator)
    for _, _, iterator in pending[:keep]:
        yield from _guarded(iterator, None, lone)


def _guarded(iterator: Iterator[EMSnapshot], limit: int | None, lone: bool) -> Iterator[EMSnapshot]:
    """Up to ``limit`` more snapshots of one start; a start that breaks down (a singular
    covariance) just ends, unless it is the fit's only start."""
    count = 0
    try:
        while limit is None or count < limit:
            snapshot = next(iterator, None)
            if snapshot is None:
                return
            count += 1
            yield snapshot
    except GMMInputError:
        if lone:
            raise


def _close(iterator: Iterator[EMSnapshot]) -> None:
    close = getattr(iterator, "close", None)
    if close is not None:
        close()


class RestartTracker:
    """Collects snapshots as they stream by and keeps the best finished start.

    Snapshots are kept per start without their labels. With a ``judge`` (snapshot ->
    {component: reason} of collapsed components), a start that collapsed is kept only when
    every finished start did; ``kept_reasons`` then says why.
    """

    def __init__(self, judge: Judge | None = None) -> None:
        self._judge = judge
        self._runs: dict[int, list[EMSnapshot]] = {}
        self.finals: dict[int, float] = {}
        self.best: list[EMSnapshot] = []
        self.kept_reasons: dict[int, str] = {}
        self._best_sound = False
        self.last_restart: int | None = None
        self._just_finished: list[EMSnapshot] = []  # the latest finished start's snapshots

    @property
    def final_log_likelihoods(self) -> list[float]:
        """Final log-likelihood of every finished start, in the order they finished."""
        return list(self.finals.values())

    def add(self, snapshot: EMSnapshot) -> None:
        snapshot = snapshot.without_labels()
        run = self._runs.setdefault(snapshot.restart, [])
        if run and snapshot.iteration <= run[-1].iteration:  # the same start begun again
            run.clear()
        run.append(snapshot)
        self.last_restart = snapshot.restart
        if not snapshot.final:
            return
        self.finals[snapshot.restart] = snapshot.log_likelihood
        reasons = self._judge(snapshot) if self._judge is not None else {}
        sound = not reasons
        better = not self.best or snapshot.log_likelihood > self.best[-1].log_likelihood
        if (sound and (not self._best_sound or better)) or (not self._best_sound and better):
            self.best, self._best_sound, self.kept_reasons = list(run), sound, reasons
        self._just_finished = self._runs.pop(snapshot.restart)

    def run_of(self, restart: int) -> list[EMSnapshot]:
        """The snapshots of start ``restart`` so far: while it runs, once it has finished (until
        another start finishes), and for good if it is the kept one. The list grows as the start
        goes on (a live view may hold it)."""
        if restart in self._runs:
            return self._runs[restart]
        for run in (self._just_finished, self.best):
            if run and run[-1].restart == restart:
                return run
        return []

    def history(self) -> list[EMSnapshot]:
        """The kept start's snapshots, or the latest unfinished start's if none has finished."""
        if self.best:
            return self.best
        return self._runs.get(self.last_restart, []) if self.last_restart is not None else []

    @property
    def kept_is_sound(self) -> bool:
        return self._best_sound or (bool(self.best) and self._judge is None)
