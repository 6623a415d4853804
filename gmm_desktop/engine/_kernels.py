"""Numba kernels of the fast engine (``fast.py`` is the only module that should call them).

One fused pass over the rows does the E-step and gathers the M-step's sufficient statistics,
taken around each component's current mean mu_k (so the one-pass covariance formula only
cancels digits when a mean moves by many standard deviations in one iteration).
Rows are cut into fixed chunks of ``CHUNK`` rows; each chunk writes its own partial sums
(log-likelihood, sum r, sum r (x - mu_k), sum r (x - mu_k)(x - mu_k)^T), which numpy adds up
pairwise afterwards, so the result does not depend on how chunks are shared between threads.
The kernels are serial and release the GIL: ``fast.py`` runs chunk ranges on a few threads.

Inside a chunk, rows go in blocks of ``BLOCK``, transposed to (d, BLOCK) so every inner loop
runs along rows and compiles to SIMD: Mahalanobis distances through the precision Cholesky
factors, the per-row log-sum-exp (with the vectorisable ``_exp_nonpositive``), the
responsibilities and their weighted sums.

Importing this module imports numba (ImportError when it is missing). Before that, if the
package folder cannot hold numba's on-disk cache (a read-only install), numba is pointed at the
user's cache folder (``$XDG_CACHE_HOME/gmm-desktop/numba`` or the platform's equivalent).

All array arguments must be C-contiguous and writeable, float64 (int64 for labels): numba
compiles and caches one version per argument type, and ``fast.warm_up`` compiles these ones.
"""

from __future__ import annotations

import os
import sys

CHUNK = 4096  # rows per partial sum
BLOCK = 128  # rows per SIMD block inside a chunk (buffers stay in L1 up to d = 10, K = 8)
LOG_GROUP = 16  # rows whose normalisers share one log (see _block_log_likelihood)


def user_cache_dir() -> str:
    """The folder for numba's cache when the package folder is read-only (as platformdirs)."""
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


CACHE_DIR = _configure_cache_dir()

import numba  # noqa: E402  (the cache folder must be chosen before numba reads its config)
import numpy as np  # noqa: E402

if CACHE_DIR is not None and not getattr(numba.config, "CACHE_DIR", ""):  # imported before us
    numba.config.CACHE_DIR = CACHE_DIR  # type: ignore[attr-defined]


def _load_numpy_support_without_blas_probe() -> bool:
    """Import numba's numpy support without its import-time BLAS probe; True if skipped.

    Importing ``numba.np.arraymath`` (which numba does before its first compile or cache
    load) calls ``numba.np.linalg.ensure_blas()`` only to decide whether ``np.vdot`` may use
    BLAS, and that imports scipy.linalg: 0.2 s, a tenth of a whole million-row ``fit``. The
    kernels use no BLAS and scipy is a dependency, so the probe is answered "yes" without the
    import; numba still runs the real check when it compiles anything that calls BLAS. If
    numba's layout differs from what this expects, nothing is changed.
    """
    if "numba.np.arraymath" in sys.modules:
        return False
    try:
        from numba.np import linalg
    except ImportError:
        return False
    probe = getattr(linalg, "ensure_blas", None)
    if not callable(probe):
        return False
    linalg.ensure_blas = lambda: None
    try:
        from numba.np import arraymath
    finally:
        linalg.ensure_blas = probe
    if getattr(arraymath, "ensure_blas", None) is not probe:
        arraymath.ensure_blas = probe  # its own name for the probe: the real one again
    return True


BLAS_PROBE_SKIPPED = _load_numpy_support_without_blas_probe()

# Re-association lets the row sums (sum_j r_j x_j) use SIMD lanes; nothing assumes away
# infinities or NaNs (-inf log densities are legitimate).
_fast = numba.njit(nogil=True, cache=True, fastmath={"reassoc", "contract"})
_strict = numba.njit(nogil=True, cache=True)

_LOG2E = 1.4426950408889634
_LN2_HI = 0.6931471803691238  # ln 2 split in two (Cody and Waite) so n ln 2 is exact
_LN2_LO = 1.9082149292705877e-10


@_strict
def _exp_nonpositive(v, bits, m):
    """v[:m] <- exp(v[:m]) for v <= 0 (or -inf), to about 2 ulp, in a loop that vectorises.

    exp(x) = 2^n exp(r), n = round(x / ln 2), |r| <= ln(2)/2, exp(r) by its Taylor series to
    r^13 (truncation error < 1e-17). Arguments below -708 give exp(-708) ~ 3e-308 instead of
    a smaller number or 0: such a component's responsibility is zero in any sum with the
    row's largest term, which is exp(0) = 1. Strict IEEE arithmetic: no fastmath here, so the
    two-part ln 2 subtraction is kept as written. ``bits`` (int64, >= m) is scratch space.
    """
    for j in range(m):
        x = max(v[j], -708.0)
        nf = np.floor(x * _LOG2E + 0.5)
        r = (x - nf * _LN2_HI) - nf * _LN2_LO
        p = 1.0 / 6227020800.0
        p = p * r + 1.0 / 479001600.0
        p = p * r + 1.0 / 39916800.0
        p = p * r + 1.0 / 3628800.0
        p = p * r + 1.0 / 362880.0
        p = p * r + 1.0 / 40320.0
        p = p * r + 1.0 / 5040.0
        p = p * r + 1.0 / 720.0
        p = p * r + 1.0 / 120.0
        p = p * r + 1.0 / 24.0
        p = p * r + 1.0 / 6.0
        p = p * r + 0.5
        p = p * r + 1.0
        v[j] = p * r + 1.0
        bits[j] = (np.int64(nf) + 1023) << 52  # the float 2^n, built from its exponent bits
    scale = bits.view(np.float64)
    for j in range(m):
        v[j] *= scale[j]


@_fast
def _block_log_densities(xt, m, means, prec, log_const, diagonal, diff, y, lp):
    """lp[k, :m] <- log w_k + log N(x_j | mu_k, Sigma_k) for a block of rows xt (d, BLOCK).

    prec : (K, d, d) transposed precision Cholesky factors L_k = U_k^T (lower triangular);
    with ``diagonal`` only their diagonals are read. diff (d, BLOCK) and y (BLOCK,) are scratch.
    """
    d = xt.shape[0]
    for k in range(means.shape[0]):
        for j in range(m):
            lp[k, j] = 0.0
        if diagonal:
            for a in range(d):
                mu = means[k, a]
                s = prec[k, a, a]
                for j in range(m):
                    t = (xt[a, j] - mu) * s
                    lp[k, j] += t * t
        else:
            for a in range(d):
                mu = means[k, a]
                for j in range(m):
                    diff[a, j] = xt[a, j] - mu
            for b in range(d):
                for j in range(m):
                    y[j] = 0.0
                for a in range(b + 1):
                    coef = prec[k, b, a]
                    for j in range(m):
                        y[j] += coef * diff[a, j]
                for j in range(m):
                    lp[k, j] += y[j] * y[j]
        c = log_const[k]
        for j in range(m):
            lp[k, j] = c - 0.5 * lp[k, j]


@_fast
def _load_block(X, lo, m, xt):
    """xt[:, :m] <- X[lo:lo + m].T"""
    for j in range(m):
        for a in range(X.shape[1]):
            xt[a, j] = X[lo + j, a]


@_fast
def _normalise_block(lp, m, top, total, bits):
    """lp[:, :m] <- exp(lp - top) and total[:m] <- its column sums; top[:m] <- column maxima."""
    n_comp = lp.shape[0]
    for j in range(m):
        top[j] = lp[0, j]
    for k in range(1, n_comp):
        for j in range(m):
            top[j] = max(top[j], lp[k, j])
    for j in range(m):
        total[j] = 0.0
    for k in range(n_comp):
        row = lp[k]
        for j in range(m):
            row[j] -= top[j]
        _exp_nonpositive(row, bits, m)
        for j in range(m):
            total[j] += row[j]


@_fast
def _block_log_likelihood(lp, m, top, total, bits):
    """sum_j log sum_k exp(lp[k, j]) over the block's m rows, normalising as it goes.

    Leaves lp[:, :m] <- exp(lp - top) and total[:m] <- their column sums (the rows'
    responsibilities are lp[k, j] / total[j]). The logs of the totals are taken as logs of
    products of LOG_GROUP rows: each total lies in [1, K], so a product stays finite for
    K < 1e18, with 1/LOG_GROUP as many logs.
    """
    _normalise_block(lp, m, top, total, bits)
    ll = 0.0
    for j in range(m):
        ll += top[j]
    for g in range(0, m, LOG_GROUP):
        prod = 1.0
        for j in range(g, min(m, g + LOG_GROUP)):
            prod *= total[j]
        ll += np.log(prod)
    return ll


@_fast
def _block_argmax(lp, m, lo, top, best, labels):
    """labels[lo + j] <- argmax_k lp[k, j] for j < m (ties to the lowest k, as np.argmax);
    top (BLOCK,) and best (BLOCK,) int64 are scratch."""
    for j in range(m):
        top[j] = lp[0, j]
        best[j] = 0
    for k in range(1, lp.shape[0]):
        for j in range(m):
            if lp[k, j] > top[j]:
                top[j] = lp[k, j]
                best[j] = k
    for j in range(m):
        labels[lo + j] = best[j]


@_fast
def accumulate_stats(
    X, means, prec, log_const, diagonal, want_stats, c_lo, c_hi, ll, nk, sx, sxx, labels
):
    """Fused E-step and sufficient statistics for chunks c_lo..c_hi-1 of X.

    Parameters
    ----------
    X : (n, d) rows
    means : (K, d); also the centres the statistics are taken around
    prec : (K, d, d) transposed precision Cholesky factors U_k^T (lower triangular)
    log_const : (K,) log w_k + log det U_k - d/2 log(2 pi)
    diagonal : bool, read only the diagonals of ``prec`` and accumulate only sum r x_a^2
    want_stats : bool, False to compute only the log-likelihood
    c_lo, c_hi : chunk range (chunk c holds rows c*CHUNK .. (c+1)*CHUNK - 1)

    Outputs (one row per chunk, written only for this range)
    --------------------------------------------------------
    ll : (n_chunks,) sum of log p(x_i)
    nk : (n_chunks, K) sum of r
    sx : (n_chunks, K, d) sum of r (x - mu_k)
    sxx : (n_chunks, K, d, d) sum of r (x - mu_k)(x - mu_k)^T, upper triangle (a <= b; only
        a == b if diagonal)
    labels : (n,) int64 component of highest responsibility of each row (as ``posterior``),
        or an empty array when not wanted (the GUI colours points with them for free)
    """
    n, d = X.shape
    n_comp = means.shape[0]
    xt = np.empty((d, BLOCK))
    diff = np.empty((d, BLOCK))
    y = np.empty(BLOCK)
    lp = np.empty((n_comp, BLOCK))
    top = np.empty(BLOCK)
    total = np.empty(BLOCK)
    rx = np.empty(BLOCK)
    bits = np.empty(BLOCK, dtype=np.int64)
    best = np.empty(BLOCK, dtype=np.int64)
    want_labels = labels.shape[0] > 0
    for c in range(c_lo, c_hi):
        hi = min(n, (c + 1) * CHUNK)
        ll_chunk = 0.0
        for lo in range(c * CHUNK, hi, BLOCK):
            m = min(BLOCK, hi - lo)
            _load_block(X, lo, m, xt)
            _block_log_densities(xt, m, means, prec, log_const, diagonal, diff, y, lp)
            if want_labels:
                _block_argmax(lp, m, lo, top, best, labels)
            ll_chunk += _block_log_likelihood(lp, m, top, total, bits)
            if not want_stats:
                continue
            for j in range(m):
                total[j] = 1.0 / total[j]
            for k in range(n_comp):
                s = 0.0
                for j in range(m):
                    r = lp[k, j] * total[j]
                    lp[k, j] = r
                    s += r
                nk[c, k] += s
                for a in range(d):
                    mu = means[k, a]
                    for j in range(m):
                        diff[a, j] = xt[a, j] - mu
                for a in range(d):
                    s = 0.0
                    for j in range(m):
                        t = lp[k, j] * diff[a, j]
                        rx[j] = t
                        s += t
                    sx[c, k, a] += s
                    for b in range(a, a + 1 if diagonal else d):
                        s = 0.0
                        for j in range(m):
                            s += rx[j] * diff[b, j]
                        sxx[c, k, a, b] += s
        ll[c] = ll_chunk


@_fast
def accumulate_weighted_stats(
    X, w, means, prec, log_const, diagonal, want_stats, c_lo, c_hi, ll, nk, sx, sxx, labels
):
    """``accumulate_stats`` with a weight per row: row i counts w[i] times.

    w : (n,) weights >= 0. ll sums w_i log p(x_i) (a row of weight 0 adds nothing, even when
    its density is 0); the statistics sum w_i r_ik (...). Other arguments and outputs as in
    ``accumulate_stats``. The logs are taken row by row (no products of LOG_GROUP rows).
    """
    n, d = X.shape
    n_comp = means.shape[0]
    xt = np.empty((d, BLOCK))
    diff = np.empty((d, BLOCK))
    y = np.empty(BLOCK)
    lp = np.empty((n_comp, BLOCK))
    top = np.empty(BLOCK)
    total = np.empty(BLOCK)
    rx = np.empty(BLOCK)
    bits = np.empty(BLOCK, dtype=np.int64)
    best = np.empty(BLOCK, dtype=np.int64)
    want_labels = labels.shape[0] > 0
    for c in range(c_lo, c_hi):
        hi = min(n, (c + 1) * CHUNK)
        ll_chunk = 0.0
        for lo in range(c * CHUNK, hi, BLOCK):
            m = min(BLOCK, hi - lo)
            _load_block(X, lo, m, xt)
            _block_log_densities(xt, m, means, prec, log_const, diagonal, diff, y, lp)
            if want_labels:
                _block_argmax(lp, m, lo, top, best, labels)
            _normalise_block(lp, m, top, total, bits)
            for j in range(m):
                weight = w[lo + j]
                if weight > 0.0:
                    ll_chunk += weight * (top[j] + np.log(total[j]))
                total[j] = weight / total[j]
            if not want_stats:
                continue
            for k in range(n_comp):
                s = 0.0
                for j in range(m):
                    r = lp[k, j] * total[j]
                    lp[k, j] = r
                    s += r
                nk[c, k] += s
                for a in range(d):
                    mu = means[k, a]
                    for j in range(m):
                        diff[a, j] = xt[a, j] - mu
                for a in range(d):
                    s = 0.0
                    for j in range(m):
                        t = lp[k, j] * diff[a, j]
                        rx[j] = t
                        s += t
                    sx[c, k, a] += s
                    for b in range(a, a + 1 if diagonal else d):
                        s = 0.0
                        for j in range(m):
                            s += rx[j] * diff[b, j]
                        sxx[c, k, a, b] += s
        ll[c] = ll_chunk


@_fast
def posterior(X, means, prec, log_const, diagonal, want_resp, c_lo, c_hi, resp, labels):
    """Responsibilities or hard labels of the rows in chunks c_lo..c_hi-1 of X (n, d).

    With ``want_resp``, writes resp (n, K) (rows sum to 1); otherwise writes
    labels (n,) int64 = argmax_k of log w_k + log N(x_i | mu_k, Sigma_k), the argmax of the
    responsibilities without any (n, K) array (ties go to the lowest k, as in np.argmax).
    The unused output may be an empty array. Other arguments as in ``accumulate_stats``.
    """
    n, d = X.shape
    n_comp = means.shape[0]
    xt = np.empty((d, BLOCK))
    diff = np.empty((d, BLOCK))
    y = np.empty(BLOCK)
    lp = np.empty((n_comp, BLOCK))
    top = np.empty(BLOCK)
    total = np.empty(BLOCK)
    best = np.empty(BLOCK, dtype=np.int64)
    bits = np.empty(BLOCK, dtype=np.int64)
    end = min(n, c_hi * CHUNK)
    for lo in range(c_lo * CHUNK, end, BLOCK):
        m = min(BLOCK, end - lo)
        _load_block(X, lo, m, xt)
        _block_log_densities(xt, m, means, prec, log_const, diagonal, diff, y, lp)
        _block_posterior(lp, m, lo, want_resp, top, total, bits, best, resp, labels)


@_fast
def _block_posterior(lp, m, lo, want_resp, top, total, bits, best, resp, labels):
    """From a block's lp (K, BLOCK), write resp[lo:lo + m] (n, K) or labels[lo:lo + m];
    top, total (BLOCK,) and bits, best (BLOCK,) int64 are scratch."""
    if want_resp:
        _normalise_block(lp, m, top, total, bits)
        for j in range(m):
            for k in range(lp.shape[0]):
                resp[lo + j, k] = lp[k, j] / total[j]
    else:
        _block_argmax(lp, m, lo, top, best, labels)
