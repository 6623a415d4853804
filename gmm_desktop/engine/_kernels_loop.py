"""Numba kernel running many EM iterations of a small data set in one call (``fast.py`` only).

On a few thousand rows an iteration is microseconds of arithmetic but hundreds of microseconds
of Python around it (a precision Cholesky per component, small arrays, the call itself).
``em_steps`` runs up to ``steps`` iterations in compiled code and records every model it
passes through, so ``fast.fast_iterate_em`` still yields one snapshot per iteration.

It follows the reference engine step for step: the E-step in log space (log-sum-exp per row)
through the Cholesky factor of each covariance, then the two-pass M-step of ``mstep.m_step``
(means first, covariances around the new means) with the same ``10 eps`` guard and
``reg_covar``. The stopping rules are those of ``stopping.Stopper``, written out operation for
operation (``stop_update``), so both decide on the same floating-point numbers.

The stopping rule uses strict IEEE arithmetic; the row sums may be re-associated (SIMD), as
in ``_kernels``. Imports numba (ImportError when it is missing); import
``_kernels`` first, which chooses numba's cache folder.
"""

from __future__ import annotations

import math

import numba
import numpy as np

from ._kernels import _exp_nonpositive

_strict = numba.njit(nogil=True, cache=True)
# Re-association lets the row sums use SIMD lanes (as in ``_kernels``); infinities stay legal.
_fast = numba.njit(nogil=True, cache=True, fastmath={"reassoc", "contract"})

# Covariance types and stopping rules as the kernel takes them.
COVARIANCE_CODES = {"full": 0, "diag": 1, "spherical": 2, "tied": 3}
RULE_CODES = {"aitken": 0, "mean-change": 1, "total-change": 2}
# What ``em_steps`` returns as its status.
RUNNING, CONVERGED, LAST_ALLOWED, SINGULAR, OVERFLOWED = 0, 1, 2, 3, 4

_LOG_2PI = math.log(2.0 * math.pi)
_EPS = float(np.finfo(np.float64).eps)


@_strict
def stop_update(state, total, rule, tol, n):
    """``Stopper.update`` for the rule code ``rule``: True when EM should stop at ``total``.

    ``state`` (4,) holds [has_last, last, has_step, step] and is updated in place.
    """
    has_last, last = state[0] > 0.0, state[1]
    has_step, previous_step = state[2] > 0.0, state[3]
    state[0], state[1] = 1.0, total
    if not has_last:
        return False
    step = total - last
    state[2], state[3] = 1.0, step
    rows = float(max(1, n))
    if rule == 1:
        return abs(step) / rows < tol
    if rule == 2:
        return abs(step) < tol
    per_row = abs(step) / rows
    if step <= 0.0:
        return per_row < tol
    if not has_step or previous_step <= step:
        return False
    remaining = step * step / (previous_step - step)
    return per_row < tol and remaining / rows < tol


@_strict
def _factorise(covs, cov_code, inv_lower, log_det):
    """inv(L_k) (K, d, d) with L_k L_k^T = Sigma_k, and sum log diag inv(L_k) (K,).

    Returns a status: RUNNING, OVERFLOWED (a non-finite covariance) or SINGULAR (not
    positive definite), checked in the order ``density.precision_cholesky`` checks them.
    """
    k, d = covs.shape[0], covs.shape[1]
    for j in range(k):
        for a in range(d):
            for b in range(d):
                if not np.isfinite(covs[j, a, b]):
                    return 4
    lower = np.zeros((d, d))
    for j in range(k):
        inv_lower[j, :, :] = 0.0
        if cov_code == 1 or cov_code == 2:
            total = 0.0
            for a in range(d):
                v = covs[j, a, a]
                if not v > 0.0:
                    return 3
                inv_lower[j, a, a] = 1.0 / math.sqrt(v)
                total += math.log(inv_lower[j, a, a])
            log_det[j] = total
            continue
        for a in range(d):  # Cholesky-Banachiewicz
            for b in range(a + 1):
                s = covs[j, a, b]
                for c in range(b):
                    s -= lower[a, c] * lower[b, c]
                if a == b:
                    if not s > 0.0:
                        return 3
                    lower[a, a] = math.sqrt(s)
                else:
                    lower[a, b] = s / lower[b, b]
        total = 0.0
        for a in range(d):  # forward substitution, row by row, as density._inverse_lower
            for b in range(a):
                s = 0.0
                for c in range(b, a):
                    s -= lower[a, c] * inv_lower[j, c, b]
                inv_lower[j, a, b] = s / lower[a, a]
            inv_lower[j, a, a] = 1.0 / lower[a, a]
            for b in range(a + 1):
                if not np.isfinite(inv_lower[j, a, b]):
                    return 3
            total += math.log(inv_lower[j, a, a])
        log_det[j] = total
    return 0


@_fast
def _e_step(XT, weights, means, cov_code, inv_lower, log_det, resp, work):
    """Total log-likelihood of the model on XT (d, n); responsibilities (K, n) into ``resp``.

    ``work`` (4, n) is scratch. Loops run along rows, so they compile to SIMD.
    """
    d, n = XT.shape
    k = means.shape[0]
    diagonal = cov_code == 1 or cov_code == 2
    y, maha, top, total_row = work[0], work[1], work[2], work[3]
    bits = np.empty(n, dtype=np.int64)
    for j in range(k):
        log_w = math.log(weights[j]) if weights[j] > 0.0 else -np.inf
        log_const = log_w + log_det[j] - 0.5 * d * _LOG_2PI
        maha[:] = 0.0
        for a in range(d):
            if diagonal:
                c, m = inv_lower[j, a, a], means[j, a]
                for i in range(n):
                    y[i] = c * (XT[a, i] - m)
            else:
                y[:] = 0.0
                for b in range(a + 1):
                    c, m = inv_lower[j, a, b], means[j, b]
                    for i in range(n):
                        y[i] += c * (XT[b, i] - m)
            for i in range(n):
                maha[i] += y[i] * y[i]
        for i in range(n):
            resp[j, i] = log_const - 0.5 * maha[i]
    top[:] = -np.inf
    for j in range(k):
        for i in range(n):
            if resp[j, i] > top[i]:
                top[i] = resp[j, i]
    total_row[:] = 0.0
    odd = False  # a row whose largest term is not finite (overflow): done one by one below
    for i in range(n):
        if not np.isfinite(top[i]):
            odd = True
    for j in range(k):
        for i in range(n):
            y[i] = resp[j, i] - top[i]
        _exp_nonpositive(y, bits, n)
        for i in range(n):
            resp[j, i] = y[i]
            total_row[i] += y[i]
    total = 0.0
    for i in range(n):
        norm = math.log(total_row[i]) + top[i]
        for j in range(k):
            resp[j, i] /= total_row[i]
        if odd and not np.isfinite(top[i]):
            norm = top[i] if top[i] > 0.0 or np.isnan(top[i]) else -np.inf
            for j in range(k):
                resp[j, i] = np.nan
        total += norm
    return total


@_fast
def _m_step(XT, resp, centres, cov_code, reg_covar, weights, means, covs, diff):
    """The M-step of ``mstep.m_step`` from responsibilities (K, n), into the three outputs.

    New means are taken as centre + sum r (x - centre) / n_k around ``centres`` (K, d) (the
    current means), so data far from the origin lose no digits to their offset; covariances
    are summed around the new means. ``diff`` (d, n) is scratch.
    """
    d, n = XT.shape
    k = resp.shape[0]
    nk = np.zeros(k)
    diagonal = cov_code == 1 or cov_code == 2
    covs[:, :, :] = 0.0
    for j in range(k):
        s = 0.0
        for i in range(n):
            s += resp[j, i]
        nk[j] = s + 10.0 * _EPS
        for a in range(d):
            c = centres[j, a]
            s = 0.0
            for i in range(n):
                s += resp[j, i] * (XT[a, i] - c)
            means[j, a] = c + s / nk[j]
            m = means[j, a]
            for i in range(n):
                diff[a, i] = XT[a, i] - m
        for a in range(d):
            for b in range(a + 1):
                if diagonal and b != a:
                    continue
                s = 0.0
                for i in range(n):
                    s += resp[j, i] * diff[a, i] * diff[b, i]
                covs[j, a, b] = s
    total = 0.0
    for j in range(k):
        total += nk[j]
    if cov_code == 3:  # tied: one shared matrix
        shared = np.zeros((d, d))
        for j in range(k):
            shared += covs[j]
        for j in range(k):
            for a in range(d):
                for b in range(a + 1):
                    covs[j, a, b] = shared[a, b] / total
                covs[j, a, a] += reg_covar
    else:
        for j in range(k):
            for a in range(d):
                for b in range(a + 1):
                    covs[j, a, b] /= nk[j]
                covs[j, a, a] += reg_covar
            if cov_code == 2:
                mean_var = 0.0
                for a in range(d):
                    mean_var += covs[j, a, a]
                mean_var /= d
                for a in range(d):
                    covs[j, a, a] = mean_var
    for j in range(k):
        for a in range(d):
            for b in range(a):
                covs[j, b, a] = covs[j, a, b]
        weights[j] = nk[j] / total


@_strict
def em_steps(
    X, weights, means, covs, cov_code, reg_covar, rule, tol, state, final_at, out_ll, out_w,
    out_m, out_c, resp,
):  # fmt: skip
    """Run EM from one model on X (n, d) for up to ``len(out_ll)`` snapshots.

    weights (K,), means (K, d), covs (K, d, d): the model of the first snapshot.
    state (4,): the stopping rule's state (see ``stop_update``), updated in place.
    final_at: index (in this call) of the last snapshot max_iter allows, or -1 for none.
    out_ll (m,): each snapshot's total log-likelihood; out_w (m, K), out_m (m, K, d),
    out_c (m, K, d, d): the model the M-step after snapshot s gives (snapshot s + 1's).
    resp (K, n): scratch.

    Returns (count, status): count snapshots done; status RUNNING (room ran out), CONVERGED
    or LAST_ALLOWED (the last snapshot is final), SINGULAR or OVERFLOWED (snapshot
    ``count`` could not be evaluated: its covariance is not usable).
    """
    n, d = X.shape
    k = means.shape[0]
    XT = np.ascontiguousarray(X.T)
    inv_lower = np.zeros((k, d, d))
    log_det = np.zeros(k)
    work = np.empty((4, n))
    diff = np.empty((d, n))
    cur_w, cur_m, cur_c = weights, means, covs
    for s in range(out_ll.shape[0]):
        status = _factorise(cur_c, cov_code, inv_lower, log_det)
        if status != 0:
            return s, status
        total = _e_step(XT, cur_w, cur_m, cov_code, inv_lower, log_det, resp, work)
        out_ll[s] = total
        if stop_update(state, total, rule, tol, n):
            return s + 1, 1
        if s == final_at:
            return s + 1, 2
        _m_step(XT, resp, cur_m, cov_code, reg_covar, out_w[s], out_m[s], out_c[s], diff)
        cur_w, cur_m, cur_c = out_w[s], out_m[s], out_c[s]
    return out_ll.shape[0], 0
