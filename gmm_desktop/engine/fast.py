"""The fast EM engine: one fused, multi-threaded pass over the rows per iteration (numba).

It follows the reference engine (``em.iterate_em``: ``density.e_step`` then ``mstep.m_step``)
snapshot for snapshot, to about 1e-13 relative in the log-likelihood on well-scaled data, and
is 18-44 times faster than scikit-learn's GaussianMixture per iteration at a million rows on
two cores (``benchmarks/bench_engine.py``).

How
---
* Each iteration computes the precision Cholesky factors in numpy (K small), then one compiled
  pass over the rows (``_kernels.accumulate_stats``, or for 1 to 3 columns its written-out
  twin in ``_kernels_small``) does the log-sum-exp E-step and accumulates per-chunk sums of
  r, r (x - mu_k) and r (x - mu_k)(x - mu_k)^T around each component's current mean mu_k,
  reduced pairwise in numpy.
* The M-step comes from those sums (``m_step_from_stats``): with n_k = sum r + 10 eps as in
  ``mstep.m_step``, delta_k = sum r (x - mu_k) / n_k, the new mean is mu_k + delta_k and
  Sigma_k = (S_k - delta s^T - s delta^T + (sum r) delta delta^T) / n_k + reg_covar.
* Data of up to ``LOOP_ROWS`` rows skip both: one call of ``_kernels_loop.em_steps`` runs up
  to 128 whole iterations (E-step, the reference's two-pass M-step, the stopping rule) and
  records every model, so each snapshot is still yielded, at a few microseconds apiece (a
  sweep, which keeps no start's history but the best one's, asks for only a few of them).

Limitation: that covariance is a difference of sums (one pass), not a sum of squares around
the new mean (the reference's second pass). It loses about log10(|delta_k|^2 / var_k) digits,
i.e. only when a mean moves by many of its own standard deviations in a single iteration
(early iterations from a poor start; a move of 1e3 standard deviations still keeps ~10 digits,
and the next iteration, centred on the new mean, recovers). Data far from the origin cost
nothing: distances are taken from the current means, as in the reference. The reference engine
stays the one the tests hold the fast engine to, and the one for pathological data.

Without numba (or when it fails to load) every function here falls back to the reference
engine, so callers need no second code path; ``is_available`` tells which one runs.

Threads: the kernels are serial and release the GIL; a chunk range per thread runs on a small
shared thread pool (one thread per core, at most 8; ``GMM_DESKTOP_THREADS`` overrides). The
split is by fixed chunks of rows, so results do not depend on the number of threads, and the
functions here may be called from several threads at once (a GUI thread colouring points while
a worker thread fits).
"""

from __future__ import annotations

import dataclasses
import itertools
import os
import threading
from collections.abc import Callable, Collection, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from types import ModuleType
from typing import Any

import numpy as np

from ..errors import QT_TRANSLATE_NOOP
from .density import LOG_2PI, has_missing, precision_cholesky
from .em import EMSnapshot, em_step, iterate_em
from .errors import GMMInputError
from .missing import missingness_patterns
from .mstep import EPS
from .params import MixtureParams
from .posterior import most_likely_components, responsibilities
from .snapshot import em_snapshots
from .stopping import DEFAULT_TOL

_kernels: ModuleType | None
_loop: ModuleType | None
_agglomeration: ModuleType | None
_kmeans: ModuleType | None
_small_passes: Mapping[int, Callable[..., Any]]
_small_posteriors: Mapping[int, Callable[..., Any]]
_import_error: str | None
try:
    from . import _kernels
    from . import _kernels_agglomeration as _agglomeration
    from . import _kernels_kmeans as _kmeans
    from . import _kernels_loop as _loop
    from ._kernels_small import ACCUMULATE_STATS as _small_passes
    from ._kernels_small import POSTERIOR as _small_posteriors
except Exception as exc:  # ImportError without numba; anything numba raises on a broken install
    _kernels = _loop = _agglomeration = _kmeans = None
    _small_passes, _small_posteriors = {}, {}
    _import_error = f"{type(exc).__name__}: {exc}"
else:
    _import_error = None

_warm = threading.Event()
_warm_lock = threading.Lock()
_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def n_threads() -> int:
    """Threads a pass over the rows uses: ``GMM_DESKTOP_THREADS``, else the usable cores (<= 8)."""
    env = os.environ.get("GMM_DESKTOP_THREADS", "")
    if env.strip().isdigit() and int(env) >= 1:
        return int(env)
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8))


def _run_chunks(
    kernel: Callable[..., None], n_rows: int, inputs: tuple[Any, ...], outputs: tuple[Any, ...]
) -> None:
    """Run ``kernel(*inputs, c_lo, c_hi, *outputs)`` over all chunks of n_rows rows.

    Chunks are split evenly between threads; each kernel call writes its own chunks only.
    """
    global _pool
    assert _kernels is not None
    n_chunks = -(-n_rows // _kernels.CHUNK)
    workers = min(n_threads(), n_chunks)
    if workers <= 1:
        kernel(*inputs, 0, n_chunks, *outputs)
        return
    with _pool_lock:
        if _pool is None or _pool._max_workers < workers:
            _pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="gmm-fast")
        pool = _pool
    bounds = np.linspace(0, n_chunks, workers + 1).round().astype(int)
    futures = [
        pool.submit(kernel, *inputs, int(lo), int(hi), *outputs)
        for lo, hi in itertools.pairwise(bounds)
    ]
    for future in futures:
        future.result()


def is_available() -> bool:
    """True when the compiled kernels can run (numba imported); else the reference engine runs."""
    return _kernels is not None


def unavailable_reason() -> str | None:
    """Why the fast engine is not available (the import error), or None when it is."""
    return _import_error


def is_warm() -> bool:
    """True once ``warm_up`` has finished: no call will pause to compile any more."""
    return _warm.is_set()


def warm_up() -> None:
    """Compile (or load from numba's disk cache) every kernel, on a tiny problem.

    The first run after installing takes seconds to tens of seconds; later runs load the cache
    in well under a second. Safe to call from a background thread, and more than once; every
    fast function also calls it first if it has not run. If compiling fails (a broken numba, a
    frozen bundle without the kernels' source for numba's cache), the fast engine switches
    itself off, ``unavailable_reason`` says why, and everything runs on the reference engine.
    """
    global _kernels, _import_error
    with _warm_lock:
        if _warm.is_set():
            return
        if _kernels is not None:
            try:
                _compile_all()
            except Exception as exc:  # any numba failure: fall back, never break a fit
                _kernels = None
                _import_error = f"compiling the fast engine failed: {type(exc).__name__}: {exc}"
        _warm.set()


def _compile_all() -> None:
    """Run every kernel once with the argument types real calls use."""
    rng = np.random.default_rng(0)
    written_out = sorted(_small_passes)
    for d in (*written_out, max(written_out, default=0) + 1):  # and one for the general ones
        X = _data(rng.normal(size=(64, d)))
        means = np.stack([np.full(d, -1.0), np.full(d, 1.0)])
        params = MixtureParams(np.array([0.5, 0.5]), means, np.stack([np.eye(d)] * 2))
        for covariance_type in ("full", "diag"):
            for want_stats in (True, False):
                _fused_pass(X, params, covariance_type, want_stats, want_labels=want_stats)
                _fused_pass(X, params, covariance_type, want_stats, want_stats, np.ones(64))
            _posterior(X, params, covariance_type, want_resp=True)
            _posterior(X, params, covariance_type, want_resp=False)
        for covariance_type in ("full", "diag", "spherical", "tied"):
            for _ in _iterate_in_blocks(X, params, covariance_type, 3, 1e-8, 1e-6, "aitken"):
                pass
    assert _agglomeration is not None
    _agglomeration.warm_up()  # the hierarchical start's merge loop
    assert _kmeans is not None
    _kmeans.warm_up()  # the k-means starts


def agglomeration_kernel() -> Callable[..., None] | None:
    """The compiled merge loop of the hierarchical start (``agglomeration.py``) once
    ``warm_up`` has compiled it, else None (never compiles)."""
    if not _warm.is_set() or _kernels is None or _agglomeration is None:
        return None
    return _agglomeration.merge_loop


def kmeans_kernels() -> ModuleType | None:
    """The compiled k-means start (``_kernels_kmeans``: ``seed_centres``, ``lloyd``) once
    ``warm_up`` has compiled it, else None (never compiles)."""
    if not _warm.is_set() or _kernels is None:
        return None
    return _kmeans


def _ready() -> bool:
    """Warm up if needed; True when the compiled kernels are usable."""
    if not _warm.is_set():
        warm_up()
    return is_available()


# --------------------------------------------------------------------------------------------
# Parameters in the form the kernels take


def _is_diagonal(covariance_type: str) -> bool:
    return covariance_type in ("diag", "spherical")


def _f64(array: np.ndarray) -> np.ndarray:
    """A writeable, C-contiguous float64 copy: the one argument type the kernels are built for."""
    return np.array(array, dtype=np.float64, order="C", copy=True)


def _kernel_params(
    params: MixtureParams, covariance_type: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(means (K, d), precision factors (K, d, d), log_const (K,)) as the kernels take them.

    Precision factors are U_k^T, lower triangular, with U_k U_k^T = inv(Sigma_k); for
    diagonal types only their diagonal is meaningful. log_const_k = log w_k + log det U_k -
    d/2 log(2 pi). Raises GMMInputError (from ``precision_cholesky``) when a covariance is
    singular, exactly like the reference.
    """
    d = params.n_features
    upper = precision_cholesky(params.covariances, covariance_type)
    log_det = np.sum(np.log(np.diagonal(upper, axis1=1, axis2=2)), axis=1)
    with np.errstate(divide="ignore"):
        log_w = np.log(params.weights)
    log_const = log_w + log_det - 0.5 * d * LOG_2PI
    return _f64(params.means), _f64(np.transpose(upper, (0, 2, 1))), _f64(log_const)


def _data(X: np.ndarray) -> np.ndarray:
    """X as (n, d) float64, C-contiguous and writeable, copied only when it must be."""
    arr = np.asarray(X, dtype=np.float64)
    if arr.ndim == 1:
        arr = arr[:, None]
    if not (arr.flags.c_contiguous and arr.flags.writeable):
        arr = _f64(arr)
    return arr


def _fused_pass(
    X: np.ndarray,
    params: MixtureParams,
    covariance_type: str,
    want_stats: bool,
    want_labels: bool = False,
    sample_weight: np.ndarray | None = None,
) -> tuple[float, tuple[np.ndarray, np.ndarray, np.ndarray] | None, np.ndarray | None]:
    """One pass over the rows X (n, d), as ``_data`` returns them.

    With ``sample_weight`` (n,) float64 (C-contiguous), row i counts w_i times in every sum
    (the general weighted kernel runs, whatever d).

    Returns the total log-likelihood of ``params``; with ``want_stats``, the summed
    statistics around the current means: (sum r (K,), sum r (x - mu_k) (K, d),
    sum r (x - mu_k)(x - mu_k)^T (K, d, d), or its diagonal (K, d) for diagonal types); with
    ``want_labels``, each row's component of highest responsibility (n,) int64.
    """
    assert _kernels is not None
    means, prec_lower, log_const = _kernel_params(params, covariance_type)
    n, d = X.shape
    k = params.n_components
    n_chunks = -(-n // _kernels.CHUNK)
    ll = np.zeros(n_chunks)
    nk = np.zeros((n_chunks, k))
    sx = np.zeros((n_chunks, k, d))
    sxx = np.zeros((n_chunks, k, d, d))
    labels = np.empty(n if want_labels else 0, dtype=np.int64)
    diagonal = _is_diagonal(covariance_type)
    if sample_weight is None:
        kernel = _small_passes.get(d, _kernels.accumulate_stats)
        inputs: tuple[Any, ...] = (X, means, prec_lower, log_const, diagonal, want_stats)
    else:
        kernel = _kernels.accumulate_weighted_stats
        inputs = (X, sample_weight, means, prec_lower, log_const, diagonal, want_stats)
    _run_chunks(kernel, n, inputs, (ll, nk, sx, sxx, labels))
    total = float(np.sum(ll))
    if not want_stats:
        return total, None, labels if want_labels else None
    nk_sum, sx_sum, sxx_sum = nk.sum(axis=0), sx.sum(axis=0), sxx.sum(axis=0)
    if diagonal:
        sxx_sum = np.diagonal(sxx_sum, axis1=1, axis2=2).copy()
    else:
        sxx_sum = sxx_sum + np.transpose(np.triu(sxx_sum, 1), (0, 2, 1))
    return total, (nk_sum, sx_sum, sxx_sum), labels if want_labels else None


def m_step_from_stats(
    resp_sum: np.ndarray,
    sx: np.ndarray,
    sxx: np.ndarray,
    centres: np.ndarray,
    covariance_type: str,
    reg_covar: float,
) -> MixtureParams:
    """The M-step of ``mstep.m_step`` from statistics summed around per-component centres.

    Parameters
    ----------
    resp_sum : (K,) sum of responsibilities r_ik over rows
    sx : (K, d) sum of r (x - c_k)
    sxx : (K, d, d) sum of r (x - c_k)(x - c_k)^T, or (K, d) sum of r (x - c_k)^2 for
        "diag" and "spherical"
    centres : (K, d) the c_k (the current means: then little cancellation, see module notes)
    covariance_type, reg_covar : as in ``mstep.m_step``

    Returns
    -------
    MixtureParams with full (K, d, d) covariances.
    """
    # Extreme data may overflow here; the precision Cholesky then reports it in plain words.
    with np.errstate(over="ignore", invalid="ignore"):
        return _params_from_stats(resp_sum, sx, sxx, centres, covariance_type, reg_covar)


def _params_from_stats(
    resp_sum: np.ndarray,
    sx: np.ndarray,
    sxx: np.ndarray,
    centres: np.ndarray,
    covariance_type: str,
    reg_covar: float,
) -> MixtureParams:
    k, d = sx.shape
    nk = resp_sum + 10 * EPS  # never exactly zero (scikit-learn's guard), as in m_step
    delta = sx / nk[:, None]  # new mean minus centre
    eye = np.eye(d)
    if _is_diagonal(covariance_type):
        # sum r (x - mu)^2 = sxx - 2 delta sx + (sum r) delta^2, with mu = c + delta
        scatter = sxx - 2.0 * delta * sx + resp_sum[:, None] * delta**2
        variances = scatter / nk[:, None] + reg_covar
        if covariance_type == "spherical":
            variances[:] = variances.mean(axis=1, keepdims=True)
        covs = variances[:, :, None] * eye
    else:
        # sum r (x - mu)(x - mu)^T = S - delta s^T - s delta^T + (sum r) delta delta^T
        delta_s = delta[:, :, None] * sx[:, None, :]
        scatter = (
            sxx
            - delta_s
            - np.transpose(delta_s, (0, 2, 1))
            + resp_sum[:, None, None] * delta[:, :, None] * delta[:, None, :]
        )
        if covariance_type == "tied":
            shared = scatter.sum(axis=0) / nk.sum() + reg_covar * eye
            covs = np.repeat(shared[None], k, axis=0)
        else:
            covs = scatter / nk[:, None, None] + reg_covar * eye
    return MixtureParams(nk / nk.sum(), centres + delta, covs)


# --------------------------------------------------------------------------------------------
# Public API


def fast_iterate_em(
    X: np.ndarray,
    start: MixtureParams,
    *,
    covariance_type: str = "full",
    max_iter: int = 2000,
    tol: float = DEFAULT_TOL["aitken"],
    reg_covar: float = 1e-6,
    restart: int = 0,
    n_restarts: int = 1,
    labels: bool = False,
    stopping: str = "aitken",
    sample_weight: np.ndarray | None = None,
    milestones: Collection[int] | None = None,
) -> Iterator[EMSnapshot]:
    """``em.iterate_em`` with one fused compiled pass over X (n, d) per iteration.

    Same contract: snapshot 0 is ``start`` with its log-likelihood; snapshot t holds the
    parameters after t M-steps and their own log-likelihood; it stops when the ``stopping``
    rule is met for ``tol`` (``converged``) or after ``max_iter`` M-steps; the last snapshot
    has ``final`` set. Falls back to ``iterate_em`` without numba.
    With ``labels`` every snapshot also carries the hard assignments (n,) under its parameters,
    found in the same pass (the GUI colours a million points without a pass of its own).
    ``sample_weight`` (n,) weights the rows as in ``iterate_em``; weighted fits always take
    the one-pass-per-iteration route with the general weighted kernel (no blocks, whatever n).
    Data with missing (NaN) cells run ``missing.py``'s EM from the compiled kernels, once per
    pattern of observed columns (``_missing_pass``), one pass per iteration.
    With ``milestones`` (iteration numbers), data of up to ``LOOP_ROWS`` rows yield only the
    snapshots at those iterations, the last of each compiled block and the final one: a sweep
    that keeps no history but the best start's (``selection.fit_model``) skips the rest.
    """
    if not _ready():
        yield from iterate_em(
            X,
            start,
            covariance_type=covariance_type,
            max_iter=max_iter,
            tol=tol,
            reg_covar=reg_covar,
            restart=restart,
            n_restarts=n_restarts,
            labels=labels,
            stopping=stopping,
            sample_weight=sample_weight,
        )
        return
    X = _data(X)
    n = X.shape[0]
    weights = None if sample_weight is None else _f64(sample_weight)
    if has_missing(X):
        blocks = _pattern_blocks(X, weights)

        def one_pass(params: MixtureParams, more: bool) -> tuple[float, Any, Any]:
            total, stats, assigned = _missing_pass(blocks, params, covariance_type, more, labels)
            return total, assigned, lambda: _stats_m_step(stats, params, covariance_type, reg_covar)

        yield from em_snapshots(
            one_pass,
            start,
            n,
            max_iter=max_iter,
            tol=tol,
            stopping=stopping,
            restart=restart,
            n_restarts=n_restarts,
            sample_weight=weights,
        )
        return
    if n <= LOOP_ROWS and weights is None:
        for block_snapshot in _iterate_in_blocks(
            X,
            start,
            covariance_type,
            max_iter,
            tol,
            reg_covar,
            stopping,
            restart,
            n_restarts,
            None if milestones is None else frozenset(milestones),
        ):
            if labels:  # a pass of its own: cheap at this size
                rows = _posterior(X, block_snapshot.params, covariance_type, want_resp=False)
                block_snapshot = dataclasses.replace(block_snapshot, labels=rows)
            yield block_snapshot
        return

    def fused(params: MixtureParams, more: bool) -> tuple[float, Any, Any]:
        # the last allowed snapshot needs only its log-likelihood (``more`` False)
        total, stats, assigned = _fused_pass(X, params, covariance_type, more, labels, weights)
        return total, assigned, lambda: _stats_m_step(stats, params, covariance_type, reg_covar)

    yield from em_snapshots(
        fused,
        start,
        n,
        max_iter=max_iter,
        tol=tol,
        stopping=stopping,
        restart=restart,
        n_restarts=n_restarts,
        sample_weight=weights,
    )


def _stats_m_step(
    stats: tuple[np.ndarray, np.ndarray, np.ndarray] | None,
    params: MixtureParams,
    covariance_type: str,
    reg_covar: float,
) -> MixtureParams:
    """The M-step from a pass's statistics, summed around the means of ``params``."""
    assert stats is not None
    return m_step_from_stats(*stats, params.means, covariance_type, reg_covar)


# --------------------------------------------------------------------------------------------
# Rows with missing (NaN) cells: the compiled pass, one call per pattern of observed columns


@dataclasses.dataclass(frozen=True, eq=False)
class _PatternBlock:
    """The rows (r,) of one pattern (``missing.Pattern``), their observed cells X (r, o) as
    the kernels take them, and their weights (r,) or None."""

    rows: np.ndarray
    observed: np.ndarray
    missing: np.ndarray
    X: np.ndarray
    weights: np.ndarray | None


def _pattern_blocks(X: np.ndarray, weights: np.ndarray | None) -> list[_PatternBlock]:
    """X (n, d) with NaN cells as one block per pattern of observed columns (made once a fit)."""
    return [
        _PatternBlock(
            p.rows,
            p.observed,
            p.missing,
            _f64(X[np.ix_(p.rows, p.observed)]),
            None if weights is None else _f64(weights[p.rows]),
        )
        for p in missingness_patterns(X)
    ]


def _marginal(params: MixtureParams, observed: np.ndarray) -> MixtureParams:
    """The mixture's marginal on the columns ``observed`` (o,): weights, mu_k,o, Sigma_k,oo."""
    return MixtureParams.trusted(
        params.weights,
        np.ascontiguousarray(params.means[:, observed]),
        np.ascontiguousarray(params.covariances[:, observed[:, None], observed[None, :]]),
    )


def _missing_pass(
    blocks: list[_PatternBlock],
    params: MixtureParams,
    covariance_type: str,
    want_stats: bool,
    want_labels: bool = False,
) -> tuple[float, tuple[np.ndarray, np.ndarray, np.ndarray] | None, np.ndarray | None]:
    """``_fused_pass`` for rows with missing cells (``missing.py``'s EM, Ghahramani and Jordan
    1994), from one compiled pass per pattern over its observed cells x_o.

    The marginal on o is a complete-data mixture, so the kernels give each pattern's
    log-likelihood and its sums s0 = sum r, s1 = sum r (x_o - mu_k,o), s2 = sum r (x_o -
    mu_k,o)(x_o - mu_k,o)^T. The row filled with its conditional means under component k is
    mu_k + L (x_o - mu_k,o), with L (d, o) the identity on o and the gain Sigma_mo Sigma_oo^-1
    on m, so its sums around mu_k are L s1 and L s2 L^T, plus s0 times the conditional
    covariance Sigma_mm - Sigma_mo Sigma_oo^-1 Sigma_om on the missing block: the statistics
    ``m_step_from_stats`` takes, summed around the current means (shapes as ``_fused_pass``).
    """
    k, d = params.n_components, params.n_features
    diagonal = _is_diagonal(covariance_type)
    n = sum(block.rows.size for block in blocks)
    total = 0.0
    labels = np.empty(n, dtype=np.int64) if want_labels else None
    nk, sx, sxx = np.zeros(k), np.zeros((k, d)), np.zeros((k, d, d))
    for block in blocks:
        o, m = block.observed, block.missing
        marginal = _marginal(params, o)
        part, stats, assigned = _fused_pass(
            block.X, marginal, covariance_type, want_stats, want_labels, block.weights
        )
        total += part
        if labels is not None and assigned is not None:
            labels[block.rows] = assigned
        if stats is None:
            continue
        s0, s1, s2 = stats
        if diagonal:
            s2 = s2[:, :, None] * np.eye(o.size)
        nk += s0
        for j in range(k):
            cov = params.covariances[j]
            lift = np.zeros((d, o.size))
            lift[o, np.arange(o.size)] = 1.0
            if m.size:
                lift[m] = np.linalg.solve(cov[np.ix_(o, o)], cov[np.ix_(o, m)]).T
            sx[j] += lift @ s1[j]
            sxx[j] += lift @ s2[j] @ lift.T
            if m.size:
                gain = lift[m]
                sxx[j][np.ix_(m, m)] += s0[j] * (cov[np.ix_(m, m)] - gain @ cov[np.ix_(o, m)])
    if not want_stats:
        return total, None, labels
    if diagonal:
        return total, (nk, sx, np.diagonal(sxx, axis1=1, axis2=2).copy()), labels
    return total, (nk, sx, sxx), labels


# Up to this many rows, iterations run in blocks inside one compiled call (``_kernels_loop``):
# there the Python around each iteration costs far more than its arithmetic.
LOOP_ROWS = 16_384
# Snapshots per compiled call: small first (screening stops a start after 21), then larger.
_BLOCKS = (8, 16, 32, 64, 128)


def _iterate_in_blocks(
    X: np.ndarray,
    start: MixtureParams,
    covariance_type: str,
    max_iter: int,
    tol: float,
    reg_covar: float,
    stopping: str,
    restart: int = 0,
    n_restarts: int = 1,
    milestones: frozenset[int] | None = None,
) -> Iterator[EMSnapshot]:
    """``fast_iterate_em`` for X (n, d) as ``_data`` returns it, many iterations per call.

    The same snapshots as ``iterate_em`` (to rounding), with the same stopping decisions;
    with ``milestones`` only those iterations', each block's last and the final one (the
    path is the same: only fewer snapshots are made).
    """
    assert _loop is not None
    n, d = X.shape
    k = start.n_components
    rule = _loop.RULE_CODES[stopping]
    code = _loop.COVARIANCE_CODES[covariance_type]
    state = np.zeros(4)
    resp = np.empty((k, n))
    params = start
    model = (_f64(start.weights), _f64(start.means), _f64(start.covariances))
    iteration = 0
    for block in itertools.chain(_BLOCKS, itertools.repeat(_BLOCKS[-1])):
        m = min(block, max_iter - iteration + 1)
        ll, weights = np.empty(m), np.empty((m, k))
        means, covs = np.empty((m, k, d)), np.empty((m, k, d, d))
        final_at = max_iter - iteration if max_iter - iteration < m else -1
        count, status = _loop.em_steps(
            X, *model, code, reg_covar, rule, tol, state, final_at, ll, weights, means, covs, resp
        )
        for array in (weights, means, covs):
            array.setflags(write=False)  # the snapshots' views of them are read-only too
        for s in range(count):
            final = s == count - 1 and status in (_loop.CONVERGED, _loop.LAST_ALLOWED)
            if milestones is None or final or s == count - 1 or iteration + s in milestones:
                if s > 0:  # snapshot s holds the model after the block's s-th M-step
                    params = MixtureParams.trusted(weights[s - 1], means[s - 1], covs[s - 1])
                converged = final and status == _loop.CONVERGED
                yield EMSnapshot(
                    iteration + s, float(ll[s]), params, converged, final, n, restart, n_restarts
                )
            if final:
                return
        if count:  # the model after the block's last M-step: the next block's first
            params = MixtureParams.trusted(weights[count - 1], means[count - 1], covs[count - 1])
        if status in (_loop.SINGULAR, _loop.OVERFLOWED):
            precision_cholesky(params.covariances, covariance_type)  # raises the plain words
            raise GMMInputError.said(
                QT_TRANSLATE_NOOP("Errors", "a component's covariance became singular")
            )  # not reached
        iteration += count
        model = (weights[count - 1].copy(), means[count - 1].copy(), covs[count - 1].copy())


def fast_em_step(
    X: np.ndarray,
    params: MixtureParams,
    covariance_type: str = "full",
    reg_covar: float = 1e-6,
    sample_weight: np.ndarray | None = None,
) -> tuple[float, MixtureParams]:
    """``em.em_step`` with one fused compiled pass over X (n, d); ``sample_weight`` (n,) as
    in ``iterate_em``; missing cells as in ``fast_iterate_em``."""
    if not _ready():
        return em_step(X, params, covariance_type, reg_covar, sample_weight)
    weights = None if sample_weight is None else _f64(sample_weight)
    if has_missing(np.asarray(X, dtype=float)):
        blocks = _pattern_blocks(_data(X), weights)
        total, stats, _ = _missing_pass(blocks, params, covariance_type, True)
        return total, _stats_m_step(stats, params, covariance_type, reg_covar)
    total, stats, _ = _fused_pass(_data(X), params, covariance_type, True, False, weights)
    assert stats is not None
    return total, m_step_from_stats(*stats, params.means, covariance_type, reg_covar)


def _posterior(
    X: np.ndarray, params: MixtureParams, covariance_type: str, *, want_resp: bool
) -> np.ndarray:
    """Responsibilities (n, K) or labels (n,) from the compiled ``posterior`` kernel."""
    assert _kernels is not None
    means, prec_lower, log_const = _kernel_params(params, covariance_type)
    arr = _data(X)
    n, k = arr.shape[0], params.n_components
    resp = np.empty((n, k) if want_resp else (0, k))
    labels = np.empty(0 if want_resp else n, dtype=np.int64)
    inputs = (arr, means, prec_lower, log_const, _is_diagonal(covariance_type), want_resp)
    kernel = _small_posteriors.get(arr.shape[1], _kernels.posterior)
    _run_chunks(kernel, n, inputs, (resp, labels))
    return resp if want_resp else labels


def fast_responsibilities(
    X: np.ndarray, params: MixtureParams, covariance_type: str = "full"
) -> np.ndarray:
    """Posterior probability of each component for each row of X (n, d): shape (n, K).

    Equals ``posterior.responsibilities`` to rounding; rows with missing cells are weighed on
    their observed cells (``_missing_posterior``).
    """
    if not _ready():
        return responsibilities(X, params, covariance_type)
    if has_missing(np.asarray(X, dtype=float)):
        return _missing_posterior(X, params, covariance_type, want_resp=True)
    return _posterior(X, params, covariance_type, want_resp=True)


def fast_labels(X: np.ndarray, params: MixtureParams, covariance_type: str = "full") -> np.ndarray:
    """Component of highest responsibility for each row of X (n, d): shape (n,), int64.

    Never builds the (n, K) responsibilities (the fallback works in blocks of rows); rows with
    missing cells go by their observed cells (``_missing_posterior``).
    """
    if not _ready():
        return most_likely_components(X, params, covariance_type)
    if has_missing(np.asarray(X, dtype=float)):
        return _missing_posterior(X, params, covariance_type, want_resp=False)
    return _posterior(X, params, covariance_type, want_resp=False)


def _missing_posterior(
    X: np.ndarray, params: MixtureParams, covariance_type: str, want_resp: bool
) -> np.ndarray:
    """``_posterior`` of rows with missing cells: each pattern's rows under the marginal on
    their observed columns; responsibilities (n, K) or labels (n,)."""
    arr = _data(X)
    n, k = arr.shape[0], params.n_components
    out = np.empty((n, k)) if want_resp else np.empty(n, dtype=np.int64)
    for block in _pattern_blocks(arr, None):
        marginal = _marginal(params, block.observed)
        out[block.rows] = _posterior(block.X, marginal, covariance_type, want_resp=want_resp)
    return out


def threading_info() -> dict[str, Any]:
    """The fast engine's set-up, for the benchmark, the About box and bug reports."""
    if _kernels is None:
        return {"available": False, "reason": _import_error}
    import numba

    return {
        "available": True,
        "numba": numba.__version__,
        "threads": n_threads(),
        "cache_dir": getattr(numba.config, "CACHE_DIR", "") or "__pycache__ beside _kernels.py",
    }


# --------------------------------------------------------------------------------------------
# Per-chunk sums, for passes over data that is not in memory at once (``streaming.py``)


@dataclasses.dataclass(frozen=True, eq=False)
class ChunkSums:
    """The fused pass's partial sums of one block of rows, one entry per ``CHUNK`` rows.

    ll (c,), nk (c, K), sx (c, K, d), sxx (c, K, d, d) (upper triangle, as the kernel
    writes it; ``finish_stats`` symmetrises it); labels (n,) int64 or empty.
    Adding the chunks of consecutive blocks in order gives exactly the sums of one pass over
    all their rows, as long as every block but the last has a multiple of ``chunk_rows()`` rows.
    """

    ll: np.ndarray
    nk: np.ndarray
    sx: np.ndarray
    sxx: np.ndarray
    labels: np.ndarray


def chunk_rows() -> int:
    """Rows per partial sum of the compiled pass (a block of rows should be a multiple)."""
    return _kernels.CHUNK if _kernels is not None else 4096


def fused_pass_chunks(
    X: np.ndarray, params: MixtureParams, covariance_type: str, want_labels: bool = False
) -> ChunkSums | None:
    """The per-chunk sums of one compiled pass over X (n, d); None without the compiled kernels.

    The same kernel call as the in-memory pass, so the sums of the chunks are bit for bit
    those of ``fast_iterate_em`` over the same rows.
    """
    if not _ready():
        return None
    assert _kernels is not None
    X = _data(X)
    means, prec_lower, log_const = _kernel_params(params, covariance_type)
    n, d = X.shape
    k = params.n_components
    n_chunks = -(-n // _kernels.CHUNK)
    ll = np.zeros(n_chunks)
    nk = np.zeros((n_chunks, k))
    sx = np.zeros((n_chunks, k, d))
    sxx = np.zeros((n_chunks, k, d, d))
    labels = np.empty(n if want_labels else 0, dtype=np.int64)
    _run_chunks(
        _small_passes.get(d, _kernels.accumulate_stats),
        n,
        (X, means, prec_lower, log_const, _is_diagonal(covariance_type), True),
        (ll, nk, sx, sxx, labels),
    )
    return ChunkSums(ll, nk, sx, sxx, labels)


def finish_stats(
    nk: np.ndarray, sx: np.ndarray, sxx: np.ndarray, covariance_type: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Summed chunk statistics as ``m_step_from_stats`` takes them (as ``_fused_pass`` does)."""
    if _is_diagonal(covariance_type):
        return nk, sx, np.diagonal(sxx, axis1=1, axis2=2).copy()
    return nk, sx, sxx + np.transpose(np.triu(sxx, 1), (0, 2, 1))
