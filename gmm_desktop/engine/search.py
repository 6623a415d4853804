"""The start driver: every start of a fit, screened by short EM runs, the best carried on.

A fit tries ``starts.n_starts(config)`` starts (three per restart). Every start first runs
``SCREEN_ITERATIONS`` EM iterations; the best ``n_init`` (by log-likelihood) then run on to
convergence and the others are dropped (the "short EM" strategy of Biernacki, Celeux and
Govaert 2003). A carried start simply continues, so its path is exactly that of a plain run
from the same start. ``fit``, ``select``, Choose K and the window all run their starts
through ``search_snapshots`` and keep the best with a ``RestartTracker``. A sweep (``select``,
Choose K) searches ``thin``: the compiled engine then makes only each start's screening and
final snapshots, and the kept start is run again for its history (``full_history``).

On more than ``SAMPLED_ABOVE`` rows the screening runs on a fixed random subsample of
``SAMPLE_ROWS`` rows (seeded by ``config.seed``), where a pass costs a few per cent of one over
all rows: every start is drawn from the subsample and screened there, the best ``n_init`` run
on there (extrapolated by SQUAREM after screening when the fit is accelerated; at most
``SAMPLE_MAX_ITER`` snapshots), and where they end is grouped (log-likelihoods within
``SAME_OPTIMUM``, relative, are one optimum). Only the best ``CARRIED_DISTINCT`` distinct
optima go on to all rows, each starting from its subsample fit, best first. While a later one
runs it is stopped as soon as it reaches the best finished one's log-likelihood (it has
coincided: it counts as reaching the best) or when it is clearly below it (below the best
start's log-likelihood at the same iteration, and its Aitken estimate of the limit, padded
tenfold, still falls short: it is dropped like a screened-out start). None of the subsample
runs yield snapshots. A start whose subsample run ended at the same optimum as a carried one
is named in that start's final snapshot (``EMSnapshot.also_reached_by``) and counts as ending
where it ends: so "starts reaching best" still counts, out of all starts tried, those that
found the best optimum.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import replace

import numpy as np

from .accelerate import ACCELERATE_ROWS, squarem_snapshots
from .backend import Backend, ready
from .config import FitConfig, check_data, check_weights, filled_with_column_means
from .em import EMSnapshot
from .errors import GMMInputError
from .params import MixtureParams
from .starts import StartSpec, n_carried, n_starts, start_plan

SCREEN_ITERATIONS = 20
# Large data: screen on a subsample of SAMPLE_ROWS rows when there are more than SAMPLED_ABOVE
# (below LOOP_ROWS, so a subsample run is whole blocks of compiled iterations), and carry at
# most CARRIED_DISTINCT distinct subsample optima on to all rows.
SAMPLED_ABOVE = ACCELERATE_ROWS
SAMPLE_ROWS = 8192
CARRIED_DISTINCT = 2
# A subsample run ends after this many snapshots at most (screening included): it only ranks
# the starts and gives the carried ones a head start; the runs on all rows converge.
SAMPLE_MAX_ITER = 120
# Two log-likelihoods within this fraction of each other are one optimum (as ``result``).
SAME_OPTIMUM = 1e-6
# A carried start is dropped as "clearly below" only after this many iterations on all rows,
# and only when its log-likelihood plus this many times its Aitken estimate of the gain still
# to come stays below the best finished start's.
BELOW_AFTER = 6
BELOW_PADDING = 10.0
BELOW_WINDOW = 3
# The spawn key of the subsample's random stream: no start's stream (keys 0, 1, ...) is it.
SAMPLE_STREAM = 2**32 - 1
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
    thin: bool = False,
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
    ``thin`` lets the backend leave out snapshots the search does not need (it needs each
    start's screening point and its final snapshot; see ``em.iterate_em``'s ``milestones``):
    for callers that keep no start's history or rebuild the kept one (``full_history``).
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

    def start(spec: StartSpec, params: MixtureParams | None = None) -> Iterator[EMSnapshot]:
        first = spec.params(X_start, config) if params is None else params
        if accelerated:
            yield from squarem_snapshots(
                X,
                first,
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
            first,
            covariance_type=config.covariance_type,
            max_iter=config.max_iter,
            tol=config.tol,
            reg_covar=config.reg_covar,
            restart=spec.index,
            n_restarts=total,
            labels=labels,
            stopping=config.stopping,
            **weighting,
            **milestones,
        )

    # (not when sampled: its carried starts begin at subsample fits, not to be run again)
    thin = thin and X.shape[0] <= SAMPLED_ABOVE
    milestones = {"milestones": (SCREEN_ITERATIONS,)} if thin else {}
    lone = len(plan) == 1
    carried = n_carried(config)
    if not screen or len(plan) <= carried:
        for spec in plan:
            yield from _guarded(start(spec), None, lone)
        return
    if X.shape[0] > SAMPLED_ABOVE:
        rows = sample_rows(X.shape[0], config.seed)
        sub_weighting = {} if weights is None else {"sample_weight": weights[rows]}

        X_sub = X[rows]

        def sub_step(p: MixtureParams) -> tuple[float, MixtureParams]:
            return run.step(X_sub, p, config.covariance_type, config.reg_covar, **sub_weighting)

        def on_sample(spec: StartSpec) -> Iterator[EMSnapshot]:
            first = spec.params(X_start[rows], config)  # raises here when it cannot be drawn
            plain = run.iterate(
                X_sub,
                first,
                covariance_type=config.covariance_type,
                max_iter=min(config.max_iter, SAMPLE_MAX_ITER),
                tol=config.tol,
                reg_covar=config.reg_covar,
                restart=spec.index,
                n_restarts=total,
                labels=False,
                stopping=config.stopping,
                **sub_weighting,
            )
            if not accelerated:
                return plain
            return _screen_then_accelerate(
                plain,
                lambda last: squarem_snapshots(
                    X_sub,
                    last.params,
                    sub_step,
                    max_iter=max(min(config.max_iter, SAMPLE_MAX_ITER) - SCREEN_ITERATIONS, 0),
                    tol=config.tol,
                    stopping=config.stopping,
                    restart=spec.index,
                    n_restarts=total,
                ),
            )

        def from_params(index: int, params: MixtureParams) -> Iterator[EMSnapshot]:
            return start(StartSpec(index, "manual", np.random.SeedSequence(0)), params)

        yield from _sampled_search(plan, carried, on_sample, from_params, lone)
        return
    pending: list[tuple[float, int, Iterator[EMSnapshot]]] = []
    for spec in plan:
        iterator = start(spec)
        last: EMSnapshot | None = None
        for snapshot in _guarded(iterator, SCREEN_ITERATIONS, lone):
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


def full_history(
    X: np.ndarray,
    config: FitConfig,
    spec: StartSpec,
    final: EMSnapshot,
    *,
    backend: Backend | None = None,
    sample_weight: np.ndarray | None = None,
) -> list[EMSnapshot] | None:
    """Every snapshot of start ``spec`` on X (n, d), run again up to ``final`` (its final
    snapshot in a ``thin`` search): the path is the same, so it ends at the same model.
    None when it does not (the caller keeps what it has)."""
    history: list[EMSnapshot] = []
    for snapshot in search_snapshots(
        X, config, backend=backend, plan=[spec], screen=False, sample_weight=sample_weight
    ):
        history.append(snapshot.without_labels())
        if snapshot.iteration >= final.iteration:
            break
    if not history or (history[-1].iteration, history[-1].log_likelihood) != (
        final.iteration,
        final.log_likelihood,
    ):
        return None
    return [*history[:-1], final]


def has_gaps(history: Sequence[EMSnapshot]) -> bool:
    """True when ``history`` (one start's snapshots, oldest first) leaves out an iteration."""
    return any(s.iteration != i for i, s in enumerate(history))


def _screen_then_accelerate(
    plain: Iterator[EMSnapshot], accelerated: Callable[[EMSnapshot], Iterator[EMSnapshot]]
) -> Iterator[EMSnapshot]:
    """A subsample run: its screening iterations plain EM (``plain``), the rest extrapolated
    (``accelerated`` from the last screened snapshot), as a fit on all rows would be."""
    last: EMSnapshot | None = None
    for snapshot in _guarded(plain, SCREEN_ITERATIONS, True):
        last = snapshot
        yield snapshot
    _close(plain)
    if last is not None and not last.final:
        yield from accelerated(last)


def sample_rows(n: int, seed: int | None) -> np.ndarray:
    """The sorted rows (``SAMPLE_ROWS``,) of n that a large fit screens its starts on: the same
    for every fit with this seed (and every K and covariance type of a sweep)."""
    rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(SAMPLE_STREAM,)))
    return np.sort(rng.choice(n, SAMPLE_ROWS, replace=False))


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= SAME_OPTIMUM * max(1.0, abs(a), abs(b))


def _sampled_search(
    plan: Sequence[StartSpec],
    carried: int,
    on_sample: Callable[[StartSpec], Iterator[EMSnapshot]],
    from_params: Callable[[int, MixtureParams], Iterator[EMSnapshot]],
    lone: bool,
) -> Iterator[EMSnapshot]:
    """Screen ``plan`` on the subsample (``on_sample``), run the best ``carried`` to their
    subsample optima, and carry the best ``CARRIED_DISTINCT`` distinct ones on to all rows
    (``from_params``), stopping the later ones early (see the module notes)."""
    screened: list[tuple[float, int, EMSnapshot, Iterator[EMSnapshot]]] = []
    for spec in plan:
        try:
            iterator = on_sample(spec)
        except GMMInputError:  # this start cannot be drawn from the subsample
            continue
        last: EMSnapshot | None = None
        for snapshot in _guarded(iterator, SCREEN_ITERATIONS, False):
            last = snapshot
        if last is not None:
            screened.append((last.log_likelihood, spec.index, last, iterator))
    screened.sort(key=lambda item: (-item[0], item[1]))
    optima: list[tuple[float, int, EMSnapshot]] = []  # (subsample LL, start, its last snapshot)
    for rank, (_, index, last, iterator) in enumerate(screened):
        if rank < carried:  # carried on to its subsample optimum
            for snapshot in _guarded(iterator, None, False):
                last = snapshot
        if last.final:  # also a start that ended while screened
            optima.append((last.log_likelihood, index, last))
    for _, _, _, iterator in screened:
        _close(iterator)
    optima.sort(key=lambda item: (-item[0], item[1]))
    groups: list[tuple[float, int, EMSnapshot, list[int]]] = []
    for ll, index, last in optima:
        same = next((g for g in groups if _same(g[0], ll)), None)
        if same is None:
            groups.append((ll, index, last, []))
        else:
            same[3].append(index)
    best: float | None = None  # the best finished log-likelihood on all rows
    best_path: list[float] = []
    for _, index, last, aliases in groups[:CARRIED_DISTINCT]:
        path: list[float] = []
        iterator = from_params(index, last.params)
        for snapshot in _guarded(iterator, None, lone and best is None):
            ll = snapshot.log_likelihood
            path.append(ll)
            if best is not None and not snapshot.final:
                if ll <= best and _same(ll, best):  # coincided with the best start
                    snapshot = replace(snapshot, final=True)
                elif _clearly_below(path, best_path, best):
                    break
            if snapshot.final:
                snapshot = replace(snapshot, also_reached_by=tuple(aliases))
                if best is None or ll > best:
                    best, best_path = ll, path
                yield snapshot
                break
            yield snapshot
        _close(iterator)


def _clearly_below(path: Sequence[float], best_path: Sequence[float], best: float) -> bool:
    """True when a carried start with log-likelihoods ``path`` (one per snapshot) cannot
    plausibly reach ``best``: below the best start's ``best_path`` at the same iteration and,
    by its Aitken estimate of the gain to come (padded ``BELOW_PADDING`` times), below
    ``best`` by more than ``SAME_OPTIMUM``. The estimate compares gains over windows of
    ``BELOW_WINDOW`` snapshots, so that SQUAREM's cycles (two EM steps and a jump) count as
    one step."""
    t = len(path) - 1
    w = BELOW_WINDOW
    if t < max(BELOW_AFTER, 2 * w) or not best_path:
        return False
    ll = path[-1]
    if ll >= best_path[min(t, len(best_path) - 1)]:
        return False
    step, previous = path[-1] - path[-1 - w], path[-1 - w] - path[-1 - 2 * w]
    if step <= 0.0:
        remaining = 0.0
    elif previous <= step:
        return False  # not converging linearly: no estimate of the limit
    else:
        remaining = step * step / (previous - step)
    margin = SAME_OPTIMUM * max(1.0, abs(best))
    return ll + BELOW_PADDING * remaining < best - margin


def _guarded(iterator: Iterator[EMSnapshot], until: int | None, lone: bool) -> Iterator[EMSnapshot]:
    """The snapshots of one start up to and including iteration ``until`` (None: to its end);
    a start that breaks down (a singular covariance) just ends, unless it is the fit's only
    start."""
    try:
        for snapshot in iterator:
            yield snapshot
            if until is not None and snapshot.iteration >= until:
                return
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
        for other in snapshot.also_reached_by:  # ended at the same optimum (subsample screen)
            self.finals.setdefault(other, snapshot.log_likelihood)
        better = not self.best or snapshot.log_likelihood > self.best[-1].log_likelihood
        if better or not self._best_sound:  # otherwise the kept start stays, sound or not
            reasons = self._judge(snapshot) if self._judge is not None else {}
            sound = not reasons
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
