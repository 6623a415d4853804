"""Numba kernels of the fast engine (see ``fast.py``, the only module that should call them).

One fused pass over the rows does the E-step and gathers the M-step's sufficient statistics:
per row, the weighted log densities of every component (Mahalanobis distances through the
precision Cholesky factors), a log-sum-exp, the responsibilities, and their running sums
``sum r``, ``sum r x`` and ``sum r x x^T``. Rows are cut into fixed chunks (``CHUNK`` rows, so
results do not depend on the number of threads); each chunk keeps its own partial sums, which
numpy then adds up pairwise. Chunks run in parallel over numba's threads.

Importing this module imports numba (ImportError when it is missing). Before that, if the
package folder cannot hold numba's on-disk cache (a read-only install), numba is pointed at the
user's cache folder (``$XDG_CACHE_HOME/gmm-desktop/numba`` and the platform equivalents).

All array arguments must be float64, C-contiguous and writeable: numba compiles (and caches)
one machine-code version per argument type, and ``warm_up`` only compiles these ones.
"""

from __future__ import annotations

import os
import sys

CHUNK = 4096  # rows per chunk: partial sums of a few thousand terms, then a pairwise reduction


def user_cache_dir() -> str:
    """Where numba's cache goes when the package folder is read-only (like platformdirs)."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or os.path.expanduser("~\\AppData\\Local")
        return os.path.join(base, "gmm-desktop", "Cache", "numba")
    if sys.platform == "darwin":
        return os.path.join(os.path.expanduser("~/Library/Caches"), "gmm-desktop", "numba")
    base = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
    return os.path.join(base, "gmm-desktop", "numba")


def _configure_cache_dir() -> str | None:
    """Point numba's cache at the user's cache folder when ours is not writable.

    Returns the folder chosen, or None when numba's default (``__pycache__`` beside this file)
    will do or the user already set NUMBA_CACHE_DIR.
    """
    if os.environ.get("NUMBA_CACHE_DIR"):
        return None
    here = os.path.dirname(os.path.abspath(__file__))
    pycache = os.path.join(here, "__pycache__")
    target = pycache if os.path.isdir(pycache) else here
    if os.access(target, os.W_OK):
        return None
    folder = user_cache_dir()
    os.environ["NUMBA_CACHE_DIR"] = folder
    return folder


_CACHE_DIR = _configure_cache_dir()

import numba  # noqa: E402  (the cache folder must be chosen before numba reads its config)
import numpy as np  # noqa: E402
from numba import prange  # noqa: E402

if _CACHE_DIR is not None and not numba.config.CACHE_DIR:  # numba was imported before us
    numba.config.CACHE_DIR = _CACHE_DIR

_PARALLEL = {"nogil": True, "cache": True, "parallel": True}


@numba.njit(**_PARALLEL)
def stats_full(X, means, prec_lower, log_const, want_stats):  # type: ignore[no-untyped-def]
    """Fused E-step and sufficient statistics, full (or tied) covariances.

    Parameters
    ----------
    X : (n, d) rows (centred by the caller)
    means : (K, d) in the same coordinates as X
    prec_lower : (K, d, d) transposed precision Cholesky factors: prec_lower[k] = U_k^T,
        lower triangular, so y = U_k^T (x - mu_k) reads its rows contiguously
    log_const : (K,) log w_k + log det U_k - d/2 log(2 pi)
    want_stats : bool, False to compute only the log-likelihood

    Returns
    -------
    ll : (n_chunks,) sum over each chunk of log p(x_i)
    nk : (n_chunks, K) sum of responsibilities
    sx : (n_chunks, K, d) sum of r x
    sxx : (n_chunks, K, d, d) sum of r x x^T, upper triangle only (a <= b)
    """
    n, d = X.shape
    n_comp = means.shape[0]
    n_chunks = (n + CHUNK - 1) // CHUNK
    ll = np.zeros(n_chunks)
    nk = np.zeros((n_chunks, n_comp))
    sx = np.zeros((n_chunks, n_comp, d))
    sxx = np.zeros((n_chunks, n_comp, d, d))
    for c in prange(n_chunks):
        wlp = np.empty(n_comp)
        diff = np.empty(d)
        ll_chunk = 0.0
        for i in range(c * CHUNK, min(n, (c + 1) * CHUNK)):
            top = -np.inf
            for k in range(n_comp):
                for a in range(d):
                    diff[a] = X[i, a] - means[k, a]
                maha = 0.0
                for b in range(d):
                    s = 0.0
                    for a in range(b + 1):
                        s += prec_lower[k, b, a] * diff[a]
                    maha += s * s
                value = log_const[k] - 0.5 * maha
                wlp[k] = value
                if value > top:
                    top = value
            total = 0.0
            for k in range(n_comp):
                wlp[k] = np.exp(wlp[k] - top)
                total += wlp[k]
            ll_chunk += top + np.log(total)
            if want_stats:
                inv_total = 1.0 / total
                for k in range(n_comp):
                    r = wlp[k] * inv_total
                    nk[c, k] += r
                    for a in range(d):
                        rxa = r * X[i, a]
                        sx[c, k, a] += rxa
                        for b in range(a, d):
                            sxx[c, k, a, b] += rxa * X[i, b]
        ll[c] = ll_chunk
    return ll, nk, sx, sxx


@numba.njit(**_PARALLEL)
def stats_diag(X, means, prec_diag, log_const, want_stats):  # type: ignore[no-untyped-def]
    """Fused E-step and sufficient statistics, diagonal or spherical covariances.

    Parameters
    ----------
    X : (n, d); means : (K, d); prec_diag : (K, d) = 1 / sigma_{k,a};
    log_const : (K,) as in ``stats_full``; want_stats : bool

    Returns
    -------
    ll : (n_chunks,); nk : (n_chunks, K); sx : (n_chunks, K, d);
    sxx : (n_chunks, K, d) sum of r x_a^2
    """
    n, d = X.shape
    n_comp = means.shape[0]
    n_chunks = (n + CHUNK - 1) // CHUNK
    ll = np.zeros(n_chunks)
    nk = np.zeros((n_chunks, n_comp))
    sx = np.zeros((n_chunks, n_comp, d))
    sxx = np.zeros((n_chunks, n_comp, d))
    for c in prange(n_chunks):
        wlp = np.empty(n_comp)
        ll_chunk = 0.0
        for i in range(c * CHUNK, min(n, (c + 1) * CHUNK)):
            top = -np.inf
            for k in range(n_comp):
                maha = 0.0
                for a in range(d):
                    y = (X[i, a] - means[k, a]) * prec_diag[k, a]
                    maha += y * y
                value = log_const[k] - 0.5 * maha
                wlp[k] = value
                if value > top:
                    top = value
            total = 0.0
            for k in range(n_comp):
                wlp[k] = np.exp(wlp[k] - top)
                total += wlp[k]
            ll_chunk += top + np.log(total)
            if want_stats:
                inv_total = 1.0 / total
                for k in range(n_comp):
                    r = wlp[k] * inv_total
                    nk[c, k] += r
                    for a in range(d):
                        rxa = r * X[i, a]
                        sx[c, k, a] += rxa
                        sxx[c, k, a] += rxa * X[i, a]
        ll[c] = ll_chunk
    return ll, nk, sx, sxx


@numba.njit(nogil=True, cache=True, inline="always")
def _row_log_densities(X, i, means, prec_lower, log_const, diagonal, diff, wlp):  # type: ignore[no-untyped-def]
    """Fill wlp (K,) with log w_k + log N(x_i | mu_k, Sigma_k); return the largest value."""
    d = X.shape[1]
    top = -np.inf
    for k in range(means.shape[0]):
        maha = 0.0
        if diagonal:
            for a in range(d):
                y = (X[i, a] - means[k, a]) * prec_lower[k, a, a]
                maha += y * y
        else:
            for a in range(d):
                diff[a] = X[i, a] - means[k, a]
            for b in range(d):
                s = 0.0
                for a in range(b + 1):
                    s += prec_lower[k, b, a] * diff[a]
                maha += s * s
        value = log_const[k] - 0.5 * maha
        wlp[k] = value
        if value > top:
            top = value
    return top


@numba.njit(**_PARALLEL)
def responsibilities_into(X, means, prec_lower, log_const, diagonal, out):  # type: ignore[no-untyped-def]
    """Write the responsibilities of every row into ``out`` (n, K); rows sum to 1.

    ``prec_lower`` is (K, d, d) as in ``stats_full``; when ``diagonal`` is True only its
    diagonal is read.
    """
    n = X.shape[0]
    n_comp = means.shape[0]
    n_chunks = (n + CHUNK - 1) // CHUNK
    for c in prange(n_chunks):
        diff = np.empty(X.shape[1])
        wlp = np.empty(n_comp)
        for i in range(c * CHUNK, min(n, (c + 1) * CHUNK)):
            top = _row_log_densities(X, i, means, prec_lower, log_const, diagonal, diff, wlp)
            total = 0.0
            for k in range(n_comp):
                wlp[k] = np.exp(wlp[k] - top)
                total += wlp[k]
            for k in range(n_comp):
                out[i, k] = wlp[k] / total


@numba.njit(**_PARALLEL)
def labels_into(X, means, prec_lower, log_const, diagonal, out):  # type: ignore[no-untyped-def]
    """Write argmax_k (log w_k + log N(x_i | mu_k, Sigma_k)) into ``out`` (n,) int64.

    The same as the argmax of the responsibilities (the row's normaliser is shared by all
    components), without any (n, K) array; ties go to the lowest component, as in np.argmax.
    """
    n = X.shape[0]
    n_comp = means.shape[0]
    n_chunks = (n + CHUNK - 1) // CHUNK
    for c in prange(n_chunks):
        diff = np.empty(X.shape[1])
        wlp = np.empty(n_comp)
        for i in range(c * CHUNK, min(n, (c + 1) * CHUNK)):
            top = _row_log_densities(X, i, means, prec_lower, log_const, diagonal, diff, wlp)
            best = 0
            for k in range(n_comp):
                if wlp[k] == top:
                    best = k
                    break
            out[i] = best
