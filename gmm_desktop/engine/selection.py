"""Choosing a model: fit every K and covariance type, score each by BIC, AIC and ICL.

Degenerate fits never win. With data recorded to whole units a component can collapse onto a
few rows sharing one value; its variance then sits at the regularisation floor and its
likelihood (so its BIC) looks spectacular. Such fits are detected (``degenerate_components``),
retried from other starts and, if every start collapses, kept in the table but marked.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from .config import FitConfig, check_data
from .density import e_step
from .diagnostics import degenerate_components
from .em import EMSnapshot, iterate_em
from .errors import GMMInputError
from .init import initial_params
from .params import COVARIANCE_TYPES, n_free_parameters
from .result import FitResult, result_from_history

# Extra starts tried when every ordinary start of a model collapses.
EXTRA_STARTS = 3
# How the starts of each model begin (shared out in turn).
SWEEP_INIT_METHODS = ("kmeans++", "random-from-data")


@dataclass(frozen=True, eq=False)
class ModelScore:
    """One fitted model of a sweep and its scores (all "lower is better" except the LL).

    Attributes
    ----------
    n_components, covariance_type : the model.
    log_likelihood : total natural-log likelihood of the kept start.
    bic, aic, icl : -2 LL + p ln n; -2 LL + 2 p; BIC + 2 x entropy of the responsibilities.
    n_iter, converged : EM iterations of the kept start and whether it met the tolerance.
    degenerate : True when every start collapsed (see ``degenerate_components``).
    n_parameters : free parameters p.
    result : the kept fit (None only when every start broke down), for loading in the GUI.
    notes : plain-words remarks (why the model is degenerate, starts that were retried).
    """

    n_components: int
    covariance_type: str
    log_likelihood: float
    bic: float
    aic: float
    icl: float
    n_iter: int
    converged: bool
    degenerate: bool
    n_parameters: int
    result: FitResult | None = None
    notes: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, object]:
        """The exported fields (JSON and models.csv); non-finite numbers become None."""
        return {
            "components": self.n_components,
            "covariance": self.covariance_type,
            "log_likelihood": _finite_or_none(self.log_likelihood),
            "bic": _finite_or_none(self.bic),
            "aic": _finite_or_none(self.aic),
            "icl": _finite_or_none(self.icl),
            "iterations": self.n_iter,
            "converged": self.converged,
            "degenerate": self.degenerate,
        }


def _finite_or_none(value: float) -> float | None:
    return float(value) if np.isfinite(value) else None


def responsibility_entropy(resp: np.ndarray) -> float:
    """-sum z ln z over responsibilities ``resp`` of shape (n, K), with 0 ln 0 = 0."""
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(resp > 0, resp * np.log(resp), 0.0)
    return float(-np.sum(terms))


def entropy_icl(result: FitResult) -> float:
    """ICL of a fit: BIC + 2 x entropy of its responsibilities (lower is better, like BIC)."""
    return float(result.bic + 2.0 * responsibility_entropy(result.responsibilities))


def too_many_components(components: Sequence[int], n_samples: int) -> list[int]:
    """The numbers of components in ``components`` that need more rows than ``n_samples``."""
    return [int(k) for k in components if int(k) > n_samples]


def _run_start(
    X: np.ndarray,
    config: FitConfig,
    seed: np.random.SeedSequence,
    restart: int,
    should_stop: Callable[[], bool] | None,
) -> list[EMSnapshot] | str | None:
    """One EM start: its snapshots, a reason string if it broke down, or None if stopped."""
    history: list[EMSnapshot] = []
    try:
        start = initial_params(X, config, np.random.default_rng(seed))
        for snapshot in iterate_em(
            X,
            start,
            covariance_type=config.covariance_type,
            max_iter=config.max_iter,
            tol=config.tol,
            reg_covar=config.reg_covar,
            restart=restart,
            n_restarts=max(config.n_init, restart + 1),
        ):
            history.append(snapshot)
            if not snapshot.final and should_stop is not None and should_stop():
                return None
    except GMMInputError:
        return "a covariance became singular"
    return history


def start_plan(n_init: int, init_methods: Sequence[str]) -> list[tuple[str, int]]:
    """Which start method each of ``n_init`` starts uses: (method, index among its starts).

    Starts are shared out round-robin, the first method getting any spare one, so
    ``n_init=3`` with ("kmeans++", "random-from-data") runs kmeans++ 0, 1 and random 0.
    """
    plan: list[tuple[str, int]] = []
    used = dict.fromkeys(init_methods, 0)
    for r in range(n_init):
        method = init_methods[r % len(init_methods)]
        plan.append((method, used[method]))
        used[method] += 1
    return plan


def fit_model(
    X: np.ndarray,
    config: FitConfig,
    *,
    init_methods: Sequence[str] = SWEEP_INIT_METHODS,
    extra_starts: int = EXTRA_STARTS,
    should_stop: Callable[[], bool] | None = None,
) -> ModelScore | None:
    """Fit one model with ``config.n_init`` starts, keeping the best start that did not collapse.

    The starts are shared between ``init_methods`` (see ``start_plan``); k-means++ alone can
    miss a good optimum that starting from random rows finds, and the other way round. Start
    i of a method uses the random stream of start i of ``fit(X, config)`` with that ``init``,
    so the kept fit's ``result.config`` reproduces it with ``fit``. When every start
    collapses, up to ``extra_starts`` more starts of the first method are tried, one at a time.

    Parameters
    ----------
    X : ndarray, shape (n, d)
    config : FitConfig; its ``init`` is replaced by ``init_methods``.

    Returns
    -------
    ModelScore, or None when ``should_stop`` asked to stop during the fit.
    """
    X = check_data(X)
    config.validate(*X.shape)
    k, ct = config.n_components, config.covariance_type
    plan = start_plan(config.n_init, init_methods)
    first = init_methods[0]
    n_first = sum(1 for method, _ in plan if method == first)
    plan += [(first, n_first + e) for e in range(extra_starts)]
    streams = {m: np.random.SeedSequence(config.seed).spawn(len(plan)) for m in init_methods}
    finals: dict[str, list[float]] = {m: [] for m in init_methods}
    runs = dict.fromkeys(init_methods, 0)
    kept: list[EMSnapshot] = []
    kept_method = init_methods[0]
    kept_sound = False
    reasons: dict[int, str] = {}
    broken = 0
    for r, (method, i) in enumerate(plan):
        if r >= config.n_init and kept_sound:
            break
        runs[method] += 1
        start_config = config.with_changes(init=method, n_init=runs[method])
        history = _run_start(X, start_config, streams[method][i], i, should_stop)
        if history is None:
            return None
        if isinstance(history, str):
            broken += 1
            continue
        final = history[-1]
        finals[method].append(final.log_likelihood)
        resp = np.exp(e_step(X, final.params, ct)[1])
        collapsed = degenerate_components(X, final.params, resp, config.reg_covar)
        sound = not collapsed
        better = not kept or final.log_likelihood > kept[-1].log_likelihood
        if (sound and (not kept_sound or better)) or (not kept_sound and not sound and better):
            kept, kept_method, kept_sound, reasons = history, method, sound, collapsed
    total = sum(runs.values())
    notes = list(reasons.values())
    if broken:
        notes.append(f"{broken} of {total} starts broke down (a covariance became singular)")
    if total > config.n_init:
        notes.append(f"{total - config.n_init} extra start(s) tried because the others collapsed")
    if not kept:
        nan = float("nan")
        p = n_free_parameters(k, X.shape[1], ct)
        return ModelScore(k, ct, nan, nan, nan, nan, 0, False, True, p, None, tuple(notes))
    kept_config = config.with_changes(init=kept_method, n_init=runs[kept_method])
    result = result_from_history(X, kept_config, kept, finals[kept_method])
    return ModelScore(
        n_components=k,
        covariance_type=ct,
        log_likelihood=result.log_likelihood,
        bic=result.bic,
        aic=result.aic,
        icl=entropy_icl(result),
        n_iter=result.n_iter,
        converged=result.converged,
        degenerate=not kept_sound,
        n_parameters=result.n_parameters,
        result=result,
        notes=tuple(notes),
    )


def sweep_models(
    X: np.ndarray,
    components: Sequence[int],
    covariance_types: Sequence[str],
    *,
    n_init: int = 3,
    seed: int = 0,
    max_iter: int = 500,
    tol: float = 1e-6,
    reg_covar: float = 1e-6,
    init_methods: Sequence[str] = SWEEP_INIT_METHODS,
    on_model: Callable[[ModelScore], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> list[ModelScore]:
    """Fit every K in ``components`` for every covariance type, in that order (K outer).

    Each model uses ``n_init`` starts seeded from ``seed``, shared between ``init_methods``
    (see ``fit_model``).
    Values of K above the number of rows are left out (``too_many_components`` names them).

    Parameters
    ----------
    X : ndarray, shape (n, d) (or (n,))
    components : numbers of components to try, e.g. ``range(1, 7)``.
    covariance_types : some of "full", "diag", "spherical", "tied".
    on_model : called with each ModelScore as soon as it is finished.
    should_stop : asked between models and between EM iterations; when it returns True the
        sweep ends and the models finished so far are returned (the unfinished one is dropped).

    Returns
    -------
    list of ModelScore, in the order fitted.

    Raises
    ------
    GMMInputError
        Unknown covariance type, a K below 1, or no K small enough for the data.
    """
    X = check_data(X)
    for ct in covariance_types:
        if ct not in COVARIANCE_TYPES:
            raise GMMInputError(
                f"unknown covariance type '{ct}' (choose from {', '.join(COVARIANCE_TYPES)})"
            )
    if not components or not covariance_types:
        raise GMMInputError("choose at least one number of components and one covariance type")
    if min(int(k) for k in components) < 1:
        raise GMMInputError("the number of components K must be at least 1")
    feasible = [int(k) for k in components if int(k) <= X.shape[0]]
    if not feasible:
        raise GMMInputError(
            f"every number of components asked for is larger than the number of rows "
            f"({X.shape[0]}); choose at most {X.shape[0]}"
        )
    scores: list[ModelScore] = []
    for k in feasible:
        for ct in covariance_types:
            if should_stop is not None and should_stop():
                return scores
            config = FitConfig(
                n_components=k,
                covariance_type=ct,
                n_init=n_init,
                max_iter=max_iter,
                tol=tol,
                reg_covar=reg_covar,
                seed=seed,
            )
            score = fit_model(X, config, init_methods=init_methods, should_stop=should_stop)
            if score is None:
                return scores
            scores.append(score)
            if on_model is not None:
                on_model(score)
    return scores


def best_model(scores: Sequence[ModelScore]) -> ModelScore | None:
    """The model with the lowest BIC among those that are not degenerate (None if none are)."""
    usable = [s for s in scores if not s.degenerate and np.isfinite(s.bic)]
    return min(usable, key=lambda s: s.bic) if usable else None
