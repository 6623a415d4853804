"""Numba kernel of the hierarchical start's merge loop (``agglomeration.py`` only).

``merge_loop`` is ``agglomeration._merge_loop_numpy`` written out: the same merges, chosen by
the same floating-point comparisons in the same order (first index on ties), so both give one
merge sequence (``tests/engine/test_agglomeration.py``). The numpy loop does O(m) array calls
per merge, each a few microseconds of Python on a thousand groups; here a merge is one pass.
Every arithmetic step follows the numpy code's order of operations (no fastmath): the
determinant is an LU factorisation with partial pivoting, its log the running sum of the logs
of the pivots, as numpy's ``slogdet``; ``logaddexp`` is numpy's formula. Imports numba
(ImportError when it is missing); import ``_kernels`` first, which chooses numba's cache
folder.
"""

from __future__ import annotations

import math

import numba
import numpy as np

_strict = numba.njit(nogil=True, cache=True)
_LOG2 = math.log(2.0)


@_strict
def _logaddexp(x, y):
    """numpy's ``logaddexp`` (npy_logaddexp), operation for operation."""
    if x == y:
        return x + _LOG2
    tmp = x - y
    if tmp > 0.0:
        return x + math.log1p(math.exp(-tmp))
    if tmp <= 0.0:
        return y + math.log1p(math.exp(tmp))
    return tmp  # NaN


@_strict
def _log_det(matrix, count, work):
    """log det(matrix / count) of a (d, d) matrix, -inf when it is not positive (``slogdet``
    with sign <= 0), by LU with partial pivoting in ``work`` (d, d)."""
    d = matrix.shape[0]
    for i in range(d):
        for j in range(d):
            work[i, j] = matrix[i, j] / count
    sign = 1.0
    for j in range(d):
        pivot = j
        largest = abs(work[j, j])
        for i in range(j + 1, d):
            if abs(work[i, j]) > largest:
                largest = abs(work[i, j])
                pivot = i
        if work[pivot, j] == 0.0:
            return -np.inf
        if pivot != j:
            sign = -sign
            for c in range(d):
                tmp = work[j, c]
                work[j, c] = work[pivot, c]
                work[pivot, c] = tmp
        reciprocal = 1.0 / work[j, j]  # LAPACK's getf2 scales by the reciprocal pivot
        for i in range(j + 1, d):
            factor = work[i, j] * reciprocal
            work[i, j] = factor
            for c in range(j + 1, d):
                work[i, c] -= factor * work[j, c]
    total = 0.0
    for j in range(d):
        value = work[j, j]
        if value < 0.0:
            sign = -sign
            value = -value
        total += math.log(value)
    if sign > 0.0:
        return total
    return -np.inf


@_strict
def _cost(count, trace, scatter, alpha, beta, d, work):
    """``agglomeration._costs`` of one group: ``count`` rows, scatter trace ``trace``, scatter
    matrix ``scatter`` (d, d), used only when count > d."""
    trace_term = math.log(beta * (trace + alpha) / count)
    if count > d:
        return count * _logaddexp(_log_det(scatter, count, work), trace_term)
    return count * trace_term


@_strict
def merge_loop(cost, best, best_cost, size, means, scatters, traces_own, own, alpha, beta, merges):
    """The merges (m - 1, 2) of m groups, written into ``merges``; every other array is the
    numpy loop's state at its start and is updated in place.

    cost (m, m), best (m,) int64, best_cost (m,), size (m,), means (m, d), scatters (m, d, d),
    traces_own (m,), own (m,).
    """
    m, d = means.shape
    alive = np.ones(m, np.bool_)
    others = np.empty(m, np.int64)
    row = np.empty(m)
    diff = np.empty(d)
    merged = np.empty((d, d))
    work = np.empty((d, d))
    for t in range(m - 1):
        a = 0
        for i in range(1, m):  # np.argmin: the first smallest
            if best_cost[i] < best_cost[a]:
                a = i
        b = best[a]
        if b < a:
            a, b = b, a
        merges[t, 0] = a
        merges[t, 1] = b
        total = size[a] + size[b]
        for i in range(d):
            diff[i] = means[a, i] - means[b, i]
        coefficient = size[a] * size[b] / total
        for i in range(d):
            for j in range(d):
                scatters[a, i, j] = scatters[a, i, j] + (
                    scatters[b, i, j] + coefficient * (diff[i] * diff[j])
                )
        for i in range(d):
            means[a, i] = (size[a] * means[a, i] + size[b] * means[b, i]) / total
        size[a] = total
        trace = 0.0
        for i in range(d):
            trace += scatters[a, i, i]
        traces_own[a] = trace
        own[a] = _cost(size[a], traces_own[a], scatters[a], alpha, beta, d, work)
        alive[b] = False
        for i in range(m):
            cost[b, i] = np.inf
            cost[i, b] = np.inf
        best_cost[b] = np.inf
        count = 0
        for i in range(m):
            if alive[i] and i != a:
                others[count] = i
                count += 1
        if count == 0:
            continue
        for q in range(count):
            o = others[q]
            joined = size[a] + size[o]
            weight = size[a] * size[o] / joined
            squares = 0.0
            for i in range(d):
                gap = means[o, i] - means[a, i]
                diff[i] = gap
                squares += gap * gap
            traces = traces_own[a] + traces_own[o] + weight * squares
            if joined > d:
                for i in range(d):
                    for j in range(d):
                        merged[i, j] = (scatters[a, i, j] + scatters[o, i, j]) + (
                            weight * diff[i]
                        ) * diff[j]
            value = _cost(joined, traces, merged, alpha, beta, d, work)
            row[q] = value - own[a] - own[o]
        nearest = 0
        for q in range(count):
            o = others[q]
            cost[a, o] = row[q]
            cost[o, a] = row[q]
            if row[q] < row[nearest]:
                nearest = q
        best[a] = others[nearest]
        best_cost[a] = cost[a, best[a]]
        for q in range(count):  # stale: their nearest was a or b
            k = others[q]
            if best[k] == a or best[k] == b:
                nearest = 0
                for i in range(1, m):
                    if cost[k, i] < cost[k, nearest]:
                        nearest = i
                best[k] = nearest
                best_cost[k] = cost[k, nearest]
        for q in range(count):  # closer to the new group than to their nearest
            k = others[q]
            if row[q] < best_cost[k]:
                best[k] = a
                best_cost[k] = row[q]


def warm_up() -> None:
    """Compile ``merge_loop`` (or load it from the cache) with the argument types
    ``agglomeration._agglomerate`` passes: four groups on a line, two columns."""
    means = np.array([[0.0, 0.0], [1.0, 0.0], [3.0, 0.0], [6.0, 0.0]])
    m, d = means.shape
    size = np.ones(m)
    gaps = means[:, None, :] - means[None, :, :]
    cost = np.log(0.5 * np.sum(gaps * gaps, axis=2) + 1.0)
    np.fill_diagonal(cost, np.inf)
    best = np.argmin(cost, axis=1)
    best_cost = cost[np.arange(m), best]
    merges = np.empty((m - 1, 2), dtype=np.int64)
    state = (cost, best, best_cost, size, means, np.zeros((m, d, d)), np.zeros(m), np.zeros(m))
    merge_loop(*state, 1.0, 1.0, merges)
