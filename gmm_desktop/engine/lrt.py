"""Tests for the number of components: K-1 against K components, by two likelihood-ratio tests.

Both compare the fitted K-1 model (the null) with the fitted K model (the alternative) of the
same covariance type, through the likelihood-ratio statistic LR = 2 (LL_K - LL_{K-1}). LR does
not follow a chi-square distribution here (the null sits on the edge of the alternative's
parameter space), so each test gets its reference distribution another way.

- BLRT, the bootstrap likelihood-ratio test (McLachlan 1987; McLachlan and Peel 2000, 8.4;
  Nylund, Asparouhov and Muthen 2007): B data sets of n rows are drawn from the fitted K-1
  model; on each, K-1 and K components are fitted again from several starts and LR_b computed.
  p = (1 + #{b : LR_b >= LR}) / (B + 1), with Monte Carlo standard error sqrt(p (1 - p) / B).
- LMR, the Lo, Mendell and Rubin (2001, Biometrika 88:767-778) adjusted test, in its "ad hoc"
  form as Mplus (TECH11) and tidyLPA report it: LR* = LR / (1 + 1 / (((3K - 1) - (3(K-1) - 1))
  ln n)) = LR / (1 + 1 / (3 ln n)), referred to a chi-square with p_K - p_{K-1} degrees of
  freedom (the difference in free parameters). It needs no refits; it is an approximation.

Small p says K components fit better than K-1 than chance alone would explain. Seeded: the
same seed gives the same replicates, so the same p.

Frequency weights (a row of weight w stands for w identical rows) count as the rows they stand
for: n is their sum N, each bootstrap data set has N rows drawn from the null fit, and its
refits are unweighted, so the test is the test of the file with every row repeated w times,
replicate for replicate. Weights that are not whole numbers are not frequencies and are
refused, as are empty cells filled in the model (a data set drawn from the null fit has no
empty cells to mimic yours).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TypeVar

import numpy as np

from ..errors import QT_TRANSLATE_NOOP
from .backend import Backend, ready
from .config import FitConfig, check_data
from .errors import GMMInputError
from .result import FitResult, fit, sample_mixture

BLRT_REPLICATES = 99
"""Bootstrap data sets by default (Nylund et al. 2007 found 50-100 enough at alpha 0.05)."""
BLRT_STARTS = 3
"""Starts run to convergence in each refit (each picked from 3x as many short runs)."""


@dataclass(frozen=True, eq=False)
class ComponentTest:
    """K-1 against K components (see the module docstring for the formulas).

    Attributes
    ----------
    n_components : K, the alternative; the null has K - 1.
    covariance_type, n_samples : the model and n.
    log_likelihood_null, log_likelihood_alternative : LL_{K-1} and LL_K on the data.
    n_parameters_null, n_parameters_alternative : p_{K-1} and p_K.
    lmr_statistic, lmr_p : LR* and its chi-square p-value.
    bootstrap_statistics : LR_b of every replicate done, shape (b,).
    n_bootstrap : replicates asked for (B); fewer were done when the test was stopped.
    seed : the seed of the replicates.
    """

    n_components: int
    covariance_type: str
    n_samples: int
    log_likelihood_null: float
    log_likelihood_alternative: float
    n_parameters_null: int
    n_parameters_alternative: int
    lmr_statistic: float
    lmr_p: float
    bootstrap_statistics: tuple[float, ...]
    n_bootstrap: int
    seed: int

    @property
    def lr_statistic(self) -> float:
        """LR = 2 (LL_K - LL_{K-1})."""
        return 2.0 * (self.log_likelihood_alternative - self.log_likelihood_null)

    @property
    def n_done(self) -> int:
        return len(self.bootstrap_statistics)

    @property
    def complete(self) -> bool:
        return self.n_done == self.n_bootstrap

    @property
    def blrt_p(self) -> float:
        """(1 + #{LR_b >= LR}) / (b + 1) over the b replicates done; NaN with none."""
        return blrt_p_value(self.lr_statistic, self.bootstrap_statistics)[0]

    @property
    def blrt_p_se(self) -> float:
        """Monte Carlo standard error of ``blrt_p``: sqrt(p (1 - p) / b); NaN with none."""
        return blrt_p_value(self.lr_statistic, self.bootstrap_statistics)[1]

    def as_dict(self) -> dict[str, object]:
        """JSON-ready: ``blrt_p``, ``blrt_p_se``, ``lmr_p`` (None when not finite) and the rest."""
        return {
            "components": self.n_components,
            "null_components": self.n_components - 1,
            "covariance": self.covariance_type,
            "lr": _finite_or_none(self.lr_statistic),
            "blrt_p": _finite_or_none(self.blrt_p),
            "blrt_p_se": _finite_or_none(self.blrt_p_se),
            "blrt_replicates": self.n_done,
            "lmr_statistic": _finite_or_none(self.lmr_statistic),
            "lmr_p": _finite_or_none(self.lmr_p),
            "seed": self.seed,
        }

    def sentence(self) -> str:
        """One plain-words line: what the tests say about K-1 against K."""
        k = self.n_components
        p = self.blrt_p
        if not np.isfinite(p):
            verdict = "no replicates, nothing to judge"
        elif p < 0.05:
            verdict = f"{k} components fit better than {k - 1}"
        elif max(self.bootstrap_statistics) < self.lr_statistic:
            verdict = (
                f"no replicate reached the observed LR, but {self.n_done} replicates cannot "
                "give p below 0.05; use at least 19"
            )
        else:
            verdict = f"{k} components do not fit clearly better than {k - 1}"
        return (
            f"K = {k - 1} against K = {k} ({self.covariance_type}): bootstrap LRT p = "
            f"{_p_text(p)} (+/- {_p_text(self.blrt_p_se)}, {self.n_done} replicates), "
            f"LMR p = {_p_text(self.lmr_p)}: {verdict}"
        )


def _p_text(value: float) -> str:
    return f"{value:.3f}" if np.isfinite(value) else "-"


def _finite_or_none(value: float) -> float | None:
    return float(value) if np.isfinite(value) else None


def blrt_p_value(
    observed: float, replicates: tuple[float, ...] | np.ndarray
) -> tuple[float, float]:
    """(p, its Monte Carlo standard error) of an observed LR against bootstrap LR_b, shape (B,).

    p = (1 + #{LR_b >= LR}) / (B + 1); se = sqrt(p (1 - p) / B). (NaN, NaN) when B = 0.
    """
    values = np.asarray(replicates, dtype=float)
    b = values.size
    if b == 0:
        return float("nan"), float("nan")
    p = (1.0 + float(np.sum(values >= observed))) / (b + 1.0)
    return p, float(np.sqrt(p * (1.0 - p) / b))


def lmr_test(
    log_likelihood_null: float,
    log_likelihood_alternative: float,
    n_components: int,
    n_samples: int,
    n_parameters_null: int,
    n_parameters_alternative: int,
) -> tuple[float, float]:
    """The Lo-Mendell-Rubin ad hoc adjusted LRT of K-1 (null) against K = ``n_components``.

    LR* = LR / (1 + 1 / (((3K - 1) - (3(K-1) - 1)) ln n)), LR = 2 (LL_K - LL_{K-1});
    p = P(chi-square with p_K - p_{K-1} degrees of freedom >= LR*). Returns (LR*, p).
    """
    from scipy.stats import chi2  # only when a test is asked for

    lr = 2.0 * (log_likelihood_alternative - log_likelihood_null)
    k = int(n_components)
    classes_term = (3 * k - 1) - (3 * (k - 1) - 1)
    adjusted = lr / (1.0 + 1.0 / (classes_term * float(np.log(n_samples))))
    df = int(n_parameters_alternative) - int(n_parameters_null)
    return float(adjusted), float(chi2.sf(max(adjusted, 0.0), df))


def frequency_weights_refusal(
    sample_weight: np.ndarray | None, template: str
) -> GMMInputError | None:
    """The error ``template`` (fields count: the row weights that are not whole numbers,
    value: the first of them), or None when there are no weights or all are whole
    (frequencies). No row number: the engine's rows are not the file's once rows are dropped."""
    if sample_weight is None:
        return None
    weights = np.asarray(sample_weight, dtype=float)
    fractional = weights != np.round(weights)
    if not fractional.any():
        return None
    first = float(weights[fractional][0])
    return GMMInputError.said(template, count=int(fractional.sum()), value=f"{first:g}")


def blrt_refusal(missing: str, sample_weight: np.ndarray | None) -> GMMInputError | None:
    """Why the BLRT cannot test fits with these settings (plain words), or None when it can.

    ``missing`` is ``FitConfig.missing``; ``sample_weight`` (n,) the fits' row weights or None.
    """
    if missing == "model":
        return GMMInputError.said(
            QT_TRANSLATE_NOOP(
                "Errors",
                "the bootstrap likelihood-ratio test cannot draw rows with empty cells yet: "
                "leave the rows with empty cells out of the fit to test K-1 against K",
            )
        )
    return frequency_weights_refusal(
        sample_weight,
        QT_TRANSLATE_NOOP(
            "Errors",
            "the bootstrap likelihood-ratio test needs row weights that are whole numbers "
            "(frequencies: each row counted that many times); rows with other weights: "
            "{count}, the first {value}",
        ),
    )


def replicate_threads(
    X: np.ndarray, backend: Backend | None = None, sample_weight: np.ndarray | None = None
) -> int:
    """Threads to fit replicates side by side: one per core when each fit runs in single
    compiled calls (small data on the compiled backend), else one (as ``sweep_models``).
    With frequency weights (n,) the replicates drawn from a fit have their sum of rows."""
    run = backend or ready()
    if not run.compiled:
        return 1
    from . import fast

    rows = rows_stood_for(np.shape(X)[0], sample_weight)
    return fast.n_threads() if rows <= fast.LOOP_ROWS else 1


Replicate = TypeVar("Replicate")


def run_replicates(
    replicate: Callable[[np.random.SeedSequence], Replicate | None],
    count: int,
    seed: int,
    threads: int = 1,
    on_progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> list[Replicate]:
    """``replicate`` of the children 0 .. count-1 of ``SeedSequence(seed)``, in that order,
    ``threads`` at a time; ends at the first that returns None (stopped) or once
    ``should_stop`` says so (asked before each replicate is kept, so a stop keeps the same
    replicates however many threads ran ahead). ``on_progress`` is called with (done, count)
    after each, on the calling thread."""
    done: list[Replicate] = []
    seeds = np.random.SeedSequence(seed).spawn(count)
    with ThreadPoolExecutor(max_workers=max(1, int(threads))) as pool:
        futures = [pool.submit(replicate, child) for child in seeds]
        try:
            for future in futures:
                value = future.result()
                if value is None or (should_stop is not None and should_stop()):
                    break
                done.append(value)
                if on_progress is not None:
                    on_progress(len(done), count)
        finally:
            for future in futures:
                future.cancel()
    return done


def _refit_config(model: FitConfig, n_init: int, seed: int) -> FitConfig:
    """The settings of one refit: the model's, from ``n_init`` automatic starts."""
    return model.with_changes(
        init="auto", init_params=None, n_init=n_init, seed=seed, accelerate=True
    )


def rows_stood_for(n_rows: int, sample_weight: np.ndarray | None) -> int:
    """The rows a fit stands for: ``n_rows``, or the sum of its whole-number weights (n,)."""
    if sample_weight is None:
        return int(n_rows)
    return round(float(np.sum(sample_weight)))


def bootstrap_lrt(
    X: np.ndarray,
    null: FitResult,
    alternative: FitResult,
    *,
    n_bootstrap: int = BLRT_REPLICATES,
    n_init: int = BLRT_STARTS,
    seed: int = 0,
    backend: Backend | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    threads: int = 1,
) -> ComponentTest:
    """BLRT and LMR of ``null`` (K-1 components) against ``alternative`` (K), both fitted to X.

    Parameters
    ----------
    X : ndarray, shape (n, d), the data both models were fitted to.
    null, alternative : fits of K-1 and K components of one covariance type; with row weights
        (``FitResult.sample_weight``, the same for both) whole numbers, n is their sum.
    n_bootstrap : B, data sets drawn from the null fit (each refitted with K-1 and K).
    n_init : starts run to convergence in every refit (``FitConfig.n_init``).
    seed : seeds the replicates; replicate b always uses the b-th child of this seed.
    on_progress : called with (replicates done, B) after each replicate.
    should_stop : asked before and during each replicate; a stopped test keeps the replicates
        finished so far (``ComponentTest.complete`` is then False).
    threads : replicates fitted side by side (they are independent; the answer is the same).

    Returns
    -------
    ComponentTest
    """
    refusal = blrt_refusal(null.config.missing, null.sample_weight)
    if refusal is None:
        refusal = blrt_refusal(alternative.config.missing, alternative.sample_weight)
    if refusal is not None:
        raise refusal
    X = check_data(X)
    n = rows_stood_for(X.shape[0], null.sample_weight)
    if rows_stood_for(X.shape[0], alternative.sample_weight) != n:
        raise ValueError("the null and alternative fits must have the same row weights")
    k = alternative.params.n_components
    if null.params.n_components != k - 1 or k < 2:
        raise GMMInputError.said(
            QT_TRANSLATE_NOOP(
                "Errors",
                "the likelihood-ratio test compares K - 1 with K components (got {k0} and {k1})",
            ),
            k0=null.params.n_components,
            k1=k,
        )
    if not isinstance(n_bootstrap, int | np.integer) or n_bootstrap < 1:
        raise GMMInputError.said(
            QT_TRANSLATE_NOOP(
                "Errors", "the number of bootstrap replicates must be at least 1 (got {value})"
            ),
            value=n_bootstrap,
        )
    run = backend or ready()
    stop = should_stop or (lambda: False)

    def replicate(child: np.random.SeedSequence) -> float | None:
        """LR_b of one bootstrap data set, or None when stopped."""
        if stop():
            return None
        draw, fit_null, fit_alt = (int(s.generate_state(1)[0]) for s in child.spawn(3))
        sample, _ = sample_mixture(null.params, n, draw)
        low = fit(
            sample, _refit_config(null.config, n_init, fit_null), backend=run, should_stop=stop
        )
        if stop():
            return None
        high = fit(
            sample,
            _refit_config(alternative.config, n_init, fit_alt),
            backend=run,
            should_stop=stop,
        )
        if stop():
            return None
        return 2.0 * (high.log_likelihood - low.log_likelihood)

    statistics = run_replicates(replicate, int(n_bootstrap), seed, threads, on_progress, stop)
    p_null = null.n_parameters
    p_alt = alternative.n_parameters
    lmr_statistic, lmr_p = lmr_test(
        null.log_likelihood, alternative.log_likelihood, k, n, p_null, p_alt
    )
    return ComponentTest(
        n_components=k,
        covariance_type=alternative.config.covariance_type,
        n_samples=n,
        log_likelihood_null=null.log_likelihood,
        log_likelihood_alternative=alternative.log_likelihood,
        n_parameters_null=p_null,
        n_parameters_alternative=p_alt,
        lmr_statistic=lmr_statistic,
        lmr_p=lmr_p,
        bootstrap_statistics=tuple(statistics),
        n_bootstrap=int(n_bootstrap),
        seed=int(seed),
    )
