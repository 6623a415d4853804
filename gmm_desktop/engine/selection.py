"""Choosing a model: fit every K and covariance type, score each by BIC (AIC, ICL, ...).

Degenerate fits never win. With data recorded to whole units a component can collapse onto a
few rows sharing one value; its variance then sits at the regularisation floor and its
likelihood (so its BIC) looks spectacular. Such fits are detected (``degenerate_components``),
retried from other starts and, if every start collapses, kept in the table but marked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

import numpy as np

from ..errors import QT_TRANSLATE_NOOP
from .backend import Backend, ready
from .config import FitConfig, check_data, check_weights
from .em import EMSnapshot
from .errors import GMMInputError
from .indices import EXPORTED_INDICES, FitIndices, responsibility_entropy
from .params import COVARIANCE_TYPES, n_free_parameters
from .result import FitResult, collapse_judge, result_from_tracker
from .search import RestartTracker, full_history, has_gaps, search_snapshots
from .starts import n_starts, start_plan
from .stopping import DEFAULT_TOL

# Extra starts tried when every ordinary start of a model collapses.
EXTRA_STARTS = 3
# In one column "full", "diag" and "spherical" are the same model: fitted once.
ONE_COLUMN_SAME = ("full", "diag", "spherical")


@dataclass(frozen=True, eq=False)
class ModelScore:
    """One fitted model of a sweep and its scores (all "lower is better" except the LL).

    Attributes
    ----------
    n_components, covariance_type : the model.
    log_likelihood : total natural-log likelihood of the kept start.
    bic, aic, icl_entropy : -2 LL + p ln n; -2 LL + 2 p; BIC + 2 x entropy of the
        responsibilities.
    indices (property) : every index of the kept fit (``engine.indices.FitIndices``: SABIC,
        CAIC, AWE, ICL in mclust's hard-classification convention, relative entropy,
        smallest class...); None without a fit. ``icl`` is its mclust-convention ICL.
    n_iter, converged : EM iterations of the kept start and whether it met the tolerance.
    degenerate : True when every start collapsed (see ``degenerate_components``).
    n_parameters : free parameters p.
    result : the kept fit (None only when every start broke down), for loading in the GUI.
    notes : plain-words remarks (why the model is degenerate, starts that were retried).
    starts, starts_reaching_best : starts planned, and how many ended at the kept optimum.
    """

    n_components: int
    covariance_type: str
    log_likelihood: float
    bic: float
    aic: float
    icl_entropy: float
    n_iter: int
    converged: bool
    degenerate: bool
    n_parameters: int
    result: FitResult | None = None
    notes: tuple[str, ...] = ()
    starts: int = 1
    starts_reaching_best: int = 1

    @property
    def indices(self) -> FitIndices | None:
        """Every index of the kept fit (None when there is no fit)."""
        return None if self.result is None else self.result.indices

    @property
    def icl(self) -> float:
        """ICL in mclust's convention, our sign: BIC - 2 sum_i ln z_{i,map(i)} (NaN: no fit)."""
        return float("nan") if self.indices is None else self.indices.icl

    def as_dict(self) -> dict[str, object]:
        """The exported fields (JSON and models.csv); non-finite numbers and the indices of a
        model without a fit become None. ``smallest_class`` is {"component", "count",
        "percent"}, ``average_posterior`` a list with one value per class."""
        indices = self.indices
        extra = {} if indices is None else indices.as_dict()
        own = {  # also there without a fit
            "log_likelihood": _finite_or_none(self.log_likelihood),
            "n_parameters": self.n_parameters,
            "bic": _finite_or_none(self.bic),
            "aic": _finite_or_none(self.aic),
            "icl_entropy": _finite_or_none(self.icl_entropy),
        }
        return {
            "components": self.n_components,
            "covariance": self.covariance_type,
            **{key: own[key] if key in own else extra.get(key) for key in EXPORTED_INDICES},
            "iterations": self.n_iter,
            "converged": self.converged,
            "degenerate": self.degenerate,
            "starts": self.starts,
            "starts_reaching_best": self.starts_reaching_best,
        }


def _finite_or_none(value: float) -> float | None:
    return float(value) if np.isfinite(value) else None


def entropy_icl(result: FitResult) -> float:
    """The entropy ICL of a fit (``icl_entropy``): BIC + 2 x entropy of its responsibilities
    (lower is better, like BIC); ``ModelScore.icl`` is mclust's hard-classification ICL."""
    return float(result.bic + 2.0 * responsibility_entropy(result.responsibilities))


def too_many_components(components: Sequence[int], n_samples: int) -> list[int]:
    """The numbers of components in ``components`` that need more rows than ``n_samples``."""
    return [int(k) for k in components if int(k) > n_samples]


def fit_model(
    X: np.ndarray,
    config: FitConfig,
    *,
    backend: Backend | None = None,
    extra_starts: int = EXTRA_STARTS,
    should_stop: Callable[[], bool] | None = None,
    sample_weight: np.ndarray | None = None,
) -> ModelScore | None:
    """Fit one model with every start of ``config`` and keep the best that did not collapse.

    Starts run through ``search.search_snapshots`` (screened, the best carried on), so the
    kept fit's ``result.config`` reproduces it with ``fit``. When every carried start collapses,
    the starts the screen dropped run to the end too (a collapse gains likelihood fast, so the
    screen favours it), and if those collapse as well up to ``extra_starts`` more are tried.

    Parameters
    ----------
    X : ndarray, shape (n, d)
    config : FitConfig (``init="auto"`` mixes the kinds of start; ``missing`` "model" lets X
        hold NaN cells)
    backend : defaults to ``backend.ready()``
    sample_weight : ndarray, shape (n,), row weights (None: every row counts once)

    Returns
    -------
    ModelScore, or None when ``should_stop`` asked to stop during the fit.
    """
    X = check_data(X, allow_missing=config.missing == "model")
    config.validate(*X.shape)
    weights = check_weights(sample_weight, X.shape[0])
    run = backend or ready()
    k, ct = config.n_components, config.covariance_type
    tracker = RestartTracker(collapse_judge(X, config, run))

    def follow(snapshots: Iterator[EMSnapshot]) -> bool:
        """Feed the tracker; False when ``should_stop`` asked to stop."""
        for snapshot in snapshots:
            tracker.add(snapshot)
            if not snapshot.final and should_stop is not None and should_stop():
                return False
        return True

    if not follow(search_snapshots(X, config, backend=run, sample_weight=weights, thin=True)):
        return None
    dropped = [spec for spec in start_plan(config) if spec.index not in tracker.finals]
    if not tracker.kept_is_sound and dropped:  # the screen favours starts heading for a collapse
        more = search_snapshots(
            X, config, backend=run, plan=dropped, screen=False, sample_weight=weights, thin=True
        )
        if not follow(more):
            return None
    extra = 0
    if not tracker.kept_is_sound and config.init != "manual" and extra_starts > 0:
        extra = extra_starts
        plan = start_plan(config, first=n_starts(config), count=extra)
        extras = search_snapshots(
            X, config, backend=run, plan=plan, screen=False, sample_weight=weights, thin=True
        )
        if not follow(extras):
            return None
    notes = list(tracker.kept_reasons.values())
    if extra:
        notes.append(f"{extra} extra start(s) tried because the others collapsed")
    if not tracker.best:
        nan = float("nan")
        p = n_free_parameters(k, X.shape[1], ct)
        notes.append("every start broke down (a covariance became singular)")
        return ModelScore(k, ct, nan, nan, nan, nan, 0, False, True, p, None, tuple(notes))
    history = tracker.history()
    if has_gaps(history):  # the thin search kept only the kept start's milestones: run it again
        (spec,) = start_plan(config, first=history[-1].restart, count=1)
        history = (
            full_history(X, config, spec, history[-1], backend=run, sample_weight=weights)
            or history
        )
    result = result_from_tracker(X, config, tracker, run, weights, history=history)
    return ModelScore(
        n_components=k,
        covariance_type=ct,
        log_likelihood=result.log_likelihood,
        bic=result.bic,
        aic=result.aic,
        icl_entropy=entropy_icl(result),
        n_iter=result.n_iter,
        converged=result.converged,
        degenerate=not tracker.kept_is_sound,
        n_parameters=result.n_parameters,
        result=result,
        notes=tuple(notes),
        starts=result.n_starts,
        starts_reaching_best=result.starts_reaching_best,
    )


def sweep_models(
    X: np.ndarray,
    components: Sequence[int],
    covariance_types: Sequence[str],
    *,
    n_init: int = 10,
    seed: int = 0,
    max_iter: int = 2000,
    tol: float = DEFAULT_TOL["aitken"],
    reg_covar: float = 1e-6,
    stopping: str = "aitken",
    init: str = "auto",
    accelerate: bool = True,
    backend: Backend | None = None,
    on_model: Callable[[ModelScore], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    sample_weight: np.ndarray | None = None,
    missing: str = "drop",
) -> list[ModelScore]:
    """Fit every K in ``components`` for every covariance type, in that order (K outer).

    Each model uses ``n_init`` starts of kind ``init`` seeded from ``seed`` (see
    ``fit_model``). With one column, "full", "diag" and "spherical" are one model: it is
    fitted once and reported under each name asked for.
    Values of K above the number of rows are left out (``too_many_components`` names them).
    ``accelerate`` (``FitConfig.accelerate``) extrapolates EM's steps on large data. Models run
    side by side on small data (one thread per core, see ``_model_pool``).

    Parameters
    ----------
    X : ndarray, shape (n, d) (or (n,))
    components : numbers of components to try, e.g. ``range(1, 7)``.
    covariance_types : some of "full", "diag", "spherical", "tied".
    on_model : called with each ModelScore as soon as it is finished.
    should_stop : asked between models and between EM iterations; when it returns True the
        sweep ends and the models finished so far are returned (the unfinished one is dropped).
    sample_weight : ndarray, shape (n,), row weights of every model (None: none).
    missing : ``FitConfig.missing`` of every model ("model": X may hold NaN cells).

    Returns
    -------
    list of ModelScore, in the order fitted.

    Raises
    ------
    GMMInputError
        Unknown covariance type, a K below 1, or no K small enough for the data.
    """
    X = check_data(X, allow_missing=missing == "model")
    weights = check_weights(sample_weight, X.shape[0])
    for ct in covariance_types:
        if ct not in COVARIANCE_TYPES:
            raise GMMInputError.said(
                QT_TRANSLATE_NOOP(
                    "Errors", "unknown covariance type '{value}' (choose from {choices})"
                ),
                value=ct,
                choices=", ".join(COVARIANCE_TYPES),
            )
    if not components or not covariance_types:
        raise GMMInputError.said(
            QT_TRANSLATE_NOOP(
                "Errors",
                "choose at least one number of components and one covariance type",
            )
        )
    if min(int(k) for k in components) < 1:
        raise GMMInputError.said(
            QT_TRANSLATE_NOOP("Errors", "the number of components K must be at least 1")
        )
    feasible = [int(k) for k in components if int(k) <= X.shape[0]]
    if not feasible:
        raise GMMInputError.said(
            QT_TRANSLATE_NOOP(
                "Errors",
                "every number of components asked for is larger than the number of rows ({n}); choose at most {n}",  # noqa: E501  (one literal for lupdate)
            ),
            n=X.shape[0],
        )
    run = backend or ready()
    shared = X.shape[1] == 1  # one column: full, diag and spherical are one model
    jobs: list[tuple[int, str]] = []  # the models fitted, in the order reported
    for k in feasible:
        fitted_same = False
        for ct in covariance_types:
            if shared and ct in ONE_COLUMN_SAME:
                if fitted_same:
                    continue
                fitted_same = True
            jobs.append((k, ct))

    def fit_one(job: tuple[int, str]) -> ModelScore | None:
        if should_stop is not None and should_stop():
            return None
        config = FitConfig(
            n_components=job[0],
            covariance_type=job[1],
            init=init,
            n_init=n_init,
            max_iter=max_iter,
            tol=tol,
            reg_covar=reg_covar,
            seed=seed,
            stopping=stopping,
            accelerate=accelerate,
            missing=missing,
        )
        return fit_model(X, config, backend=run, should_stop=should_stop, sample_weight=weights)

    scores: list[ModelScore] = []
    with _model_pool(X, run) as pool:
        fitting = {job: pool.submit(fit_one, job) for job in jobs}  # run ahead where they can
        try:
            for k in feasible:
                same = next(
                    (job for job in fitting if job[0] == k and job[1] in ONE_COLUMN_SAME), None
                )
                for ct in covariance_types:
                    if should_stop is not None and should_stop():
                        return scores
                    job = same if shared and ct in ONE_COLUMN_SAME and same else (k, ct)
                    score = fitting[job].result()
                    if score is None:
                        return scores
                    if job != (k, ct):
                        score = replace(score, covariance_type=ct)
                    scores.append(score)
                    if on_model is not None:
                        on_model(score)
        finally:
            for future in fitting.values():
                future.cancel()
    return scores


class _Serial:
    """A stand-in for a pool of one thread: ``submit`` defers the call until its result is
    asked for, so models are fitted one at a time, in the order they are reported."""

    class _Deferred:
        def __init__(self, fn: Callable[[], ModelScore | None]) -> None:
            self._fn: Callable[[], ModelScore | None] | None = fn
            self._value: ModelScore | None = None

        def result(self) -> ModelScore | None:
            if self._fn is not None:
                self._value, self._fn = self._fn(), None
            return self._value

        def cancel(self) -> bool:
            self._fn = None
            return True

    def submit(
        self, fn: Callable[[tuple[int, str]], ModelScore | None], job: tuple[int, str]
    ) -> _Serial._Deferred:
        return _Serial._Deferred(lambda: fn(job))

    def __enter__(self) -> _Serial:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


def _model_pool(X: np.ndarray, run: Backend) -> ThreadPoolExecutor | _Serial:
    """Threads that fit models side by side: one per core when each fit runs in single compiled
    calls (small data on the compiled backend); else one (large data already uses every core
    within each pass, and numpy fits hold the interpreter lock)."""
    from . import fast

    threads = fast.n_threads() if run.compiled and X.shape[0] <= fast.LOOP_ROWS else 1
    if threads <= 1:
        return _Serial()
    return ThreadPoolExecutor(max_workers=threads, thread_name_prefix="gmm-models")


def best_model(scores: Sequence[ModelScore]) -> ModelScore | None:
    """The model with the lowest BIC among those that are not degenerate (None if none are)."""
    usable = [s for s in scores if not s.degenerate and np.isfinite(s.bic)]
    return min(usable, key=lambda s: s.bic) if usable else None
