"""Bootstrap standard errors and 95% intervals of a fit's weights, means, sds and correlations.

Two kinds (McLachlan and Peel 2000, section 2.16; Efron and Tibshirani 1993):

- nonparametric: each replicate resamples the n rows with replacement;
- parametric: each replicate draws n new rows from the fitted mixture.

Each replicate is fitted by EM started from the full-data fit (one start, its settings
otherwise the fit's), and its components are put in the full-data fit's order by matching
means (``matching.match_components``), so label switching does not mix components up. The
standard error of a parameter is the standard deviation (ddof 1) of its B replicate values;
the 95% interval runs from their 2.5th to their 97.5th percentile.

Frequency weights (``FitResult.sample_weight``, whole numbers: a row of weight w stands for w
identical rows) are bootstrapped as the N = sum of weights rows they stand for:

- nonparametric: N draws with replacement from those N rows, that is multinomial counts
  over the rows (probabilities w / N); the replicate is the weighted fit of the rows drawn at
  least once, each weighted by its count. Up to ``EXPANDED_DRAW_LIMIT`` rows stood for, the
  draws are the very indices the bootstrap of the file with every row repeated w times (in
  order) draws, so both give the same replicates seed for seed; above it the counts come from
  one multinomial draw (the same distribution, memory and time of the n rows only).
- parametric: N rows drawn from the fit, fitted unweighted (as the repeated file's).

Weights that are not whole numbers are not frequencies (survey or importance weights need
another resampling scheme) and are refused in plain words. With empty cells filled in the
model (``FitConfig.missing`` "model"), the nonparametric bootstrap resamples rows with their
empty cells, and each replicate fills them in the model again; the parametric bootstrap is
refused (a draw from the fit has no empty cells to mimic yours).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..errors import QT_TRANSLATE_NOOP
from .backend import Backend, ready
from .config import check_data
from .errors import GMMInputError
from .lrt import frequency_weights_refusal, replicate_threads, rows_stood_for, run_replicates
from .matching import match_components
from .params import MixtureParams
from .result import FitResult, fit, sample_mixture

BOOTSTRAP_KINDS = ("nonparametric", "parametric")
BOOTSTRAP_REPLICATES = 200
PARAMETERS = ("weights", "means", "sds", "correlations")
"""The bootstrapped parameters and their shapes: (K,), (K, d), (K, d), (K, d, d)."""
EXPANDED_DRAW_LIMIT = 1 << 22
"""Most rows (sum of frequency weights) a nonparametric resample draws one index at a time."""


@dataclass(frozen=True, eq=False)
class BootstrapResult:
    """The replicate estimates of one bootstrap, in the full-data fit's component order.

    Attributes
    ----------
    kind : "nonparametric" or "parametric".
    n_bootstrap : replicates asked for (B); fewer were done when it was stopped.
    seed : the seed of the replicates.
    replicates : name in PARAMETERS -> values of every replicate done, shape (b, ...) with
        the parameter's shape after b.
    """

    kind: str
    n_bootstrap: int
    seed: int
    replicates: dict[str, np.ndarray]

    @property
    def n_done(self) -> int:
        return int(self.replicates["weights"].shape[0])

    @property
    def complete(self) -> bool:
        return self.n_done == self.n_bootstrap

    def standard_error(self, name: str) -> np.ndarray:
        """Standard deviation (ddof 1) of the replicates of ``name``; NaN under 2 replicates."""
        values = self.replicates[name]
        if values.shape[0] < 2:
            return np.full(values.shape[1:], np.nan)
        return np.std(values, axis=0, ddof=1)

    def interval(self, name: str, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
        """The percentile interval of ``name``: (low, high), each of the parameter's shape."""
        values = self.replicates[name]
        if values.shape[0] == 0:
            empty = np.full(values.shape[1:], np.nan)
            return empty, empty.copy()
        tail = 100.0 * (1.0 - level) / 2.0
        low, high = np.percentile(values, [tail, 100.0 - tail], axis=0)
        return low, high

    def as_dict(self) -> dict[str, object]:
        """JSON-ready: kind, replicates done, and per parameter its "se", "ci_low", "ci_high"
        as nested lists (None for values that are not finite)."""
        out: dict[str, object] = {
            "kind": self.kind,
            "replicates": self.n_done,
            "seed": self.seed,
        }
        for name in PARAMETERS:
            low, high = self.interval(name)
            out[name] = {
                "se": _nested(self.standard_error(name)),
                "ci_low": _nested(low),
                "ci_high": _nested(high),
            }
        return out


def _nested(values: np.ndarray) -> object:
    """An array as nested lists of floats, None where a value is not finite."""
    if values.ndim == 0:
        return _finite_or_none(float(values))
    return [_nested(row) for row in values]


def _finite_or_none(value: float) -> float | None:
    return float(value) if np.isfinite(value) else None


def parameter_values(params: MixtureParams) -> dict[str, np.ndarray]:
    """The bootstrapped parameters of one mixture (PARAMETERS, their shapes)."""
    return {
        "weights": np.array(params.weights),
        "means": np.array(params.means),
        "sds": params.standard_deviations,
        "correlations": params.correlations,
    }


def bootstrap_refusal(
    kind: str, missing: str, sample_weight: np.ndarray | None
) -> GMMInputError | None:
    """Why a bootstrap of ``kind`` cannot take a fit with these settings (plain words), or
    None when it can. ``missing`` is ``FitConfig.missing``; ``sample_weight`` (n,) the fit's
    row weights or None."""
    if kind == "parametric" and missing == "model":
        return GMMInputError.said(
            QT_TRANSLATE_NOOP(
                "Errors",
                "the parametric bootstrap cannot draw rows with empty cells yet: resample the "
                "rows (nonparametric), or leave the rows with empty cells out of the fit",
            )
        )
    return frequency_weights_refusal(
        sample_weight,
        QT_TRANSLATE_NOOP(
            "Errors",
            "bootstrap standard errors need row weights that are whole numbers "
            "(frequencies: each row counted that many times); rows with other weights: "
            "{count}, the first {value}",
        ),
    )


def resample_counts(rng: np.random.Generator, frequencies: np.ndarray) -> np.ndarray:
    """How often each row is drawn when the N = sum(frequencies) rows they stand for are
    resampled with replacement: shape (n,) of whole numbers adding up to N.

    Up to ``EXPANDED_DRAW_LIMIT`` the draws are N indices into the expanded rows (row i
    repeated frequencies[i] times, in order), as ``rng.integers(0, N, size=N)``; above it, one
    multinomial draw with probabilities frequencies / N.
    """
    counts = np.asarray(frequencies, dtype=float)
    total = round(float(counts.sum()))
    if total > EXPANDED_DRAW_LIMIT:
        return rng.multinomial(total, counts / counts.sum()).astype(float)
    expanded = rng.integers(0, total, size=total)
    ends = np.cumsum(np.round(counts).astype(np.int64))
    rows = np.searchsorted(ends, expanded, side="right")
    return np.bincount(rows, minlength=counts.size).astype(float)


def bootstrap_fit(
    X: np.ndarray,
    result: FitResult,
    *,
    n_bootstrap: int = BOOTSTRAP_REPLICATES,
    kind: str = "nonparametric",
    seed: int = 0,
    backend: Backend | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    threads: int | None = None,
) -> BootstrapResult:
    """Bootstrap the parameters of ``result``, a fit to X (n, d) (its row weights and empty
    cells as the module docstring says).

    Parameters
    ----------
    kind : "nonparametric" (resample rows) or "parametric" (draw from the fit).
    n_bootstrap : B, the replicates.
    seed : replicate b always uses the b-th child of this seed (same seed, same answer).
    on_progress : called with (replicates done, B) after each replicate.
    should_stop : asked before and during each replicate; a stopped bootstrap keeps the
        replicates finished so far.
    threads : replicates fitted side by side (default ``lrt.replicate_threads``).
    """
    X = check_data(X, allow_missing=result.config.missing == "model")
    if kind not in BOOTSTRAP_KINDS:
        raise GMMInputError.said(
            QT_TRANSLATE_NOOP(
                "Errors", "unknown kind of bootstrap '{value}' (choose one of {choices})"
            ),
            value=kind,
            choices=", ".join(BOOTSTRAP_KINDS),
        )
    if not isinstance(n_bootstrap, int | np.integer) or n_bootstrap < 1:
        raise GMMInputError.said(
            QT_TRANSLATE_NOOP(
                "Errors", "the number of bootstrap replicates must be at least 1 (got {value})"
            ),
            value=n_bootstrap,
        )
    refusal = bootstrap_refusal(kind, result.config.missing, result.sample_weight)
    if refusal is not None:
        raise refusal
    run = backend or ready()
    frequencies = result.sample_weight
    n = rows_stood_for(X.shape[0], frequencies)
    full = result.params
    config = result.config.with_changes(init="manual", init_params=full, n_init=1)
    stop = should_stop or (lambda: False)

    def replicate(child: np.random.SeedSequence) -> dict[str, np.ndarray] | None:
        if stop():
            return None
        rng = np.random.default_rng(child)
        counts = None
        if kind == "parametric":
            sample, _ = sample_mixture(full, n, int(rng.integers(2**63)))
        elif frequencies is None:
            sample = X[rng.integers(0, n, size=n)]  # rows keep their empty cells
        else:
            drawn = resample_counts(rng, frequencies)
            kept = drawn > 0
            sample, counts = X[kept], drawn[kept]
        refit = fit(sample, config, backend=run, should_stop=stop, sample_weight=counts)
        if stop():
            return None
        params = refit.params
        return parameter_values(params.reordered(match_components(full, params)))

    drawn_rows = frequencies if kind == "parametric" else None  # N rows, not n
    workers = replicate_threads(X, run, drawn_rows) if threads is None else threads
    done = run_replicates(replicate, int(n_bootstrap), seed, workers, on_progress, stop)
    shapes = parameter_values(full)
    replicates = {
        name: np.array([v[name] for v in done]).reshape((len(done), *shapes[name].shape))
        for name in PARAMETERS
    }
    return BootstrapResult(kind, int(n_bootstrap), int(seed), replicates)
