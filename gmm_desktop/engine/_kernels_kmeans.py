"""Numba kernels of the k-means starts (``init.py`` only): k-means++ seeding and Lloyd's loop.

``seed_centres`` is ``init.kmeans_plusplus`` written out, its random draws made beforehand from
the same stream in the same order; ``lloyd`` is ``init.kmeans_labels``'s loop. Both follow the
numpy code's comparisons (first index on ties) and its order of operations, except that sums
over the rows run in row order where numpy sums pairwise (a last-digit difference). A start
costs a few hundred microseconds of numpy calls on small data, and a sweep makes a thousand.
Imports numba (ImportError when it is missing); import ``_kernels`` first, which chooses
numba's cache folder.
"""

from __future__ import annotations

import numba
import numpy as np

_strict = numba.njit(nogil=True, cache=True)


@_strict
def _distance2(X, i, centre):
    """Squared distance of row i of X (n, d) from ``centre`` (d,)."""
    total = 0.0
    for a in range(X.shape[1]):
        diff = X[i, a] - centre[a]
        total += diff * diff
    return total


@_strict
def seed_centres(X, first, uniforms, centres):
    """k-means++ centres of X (n, d) into ``centres`` (K, d): row ``first``, then for each
    next centre the best of ``uniforms.shape[1]`` candidates drawn by ``uniforms`` (K - 1, T).
    Returns False (``centres`` unfinished) when every row already sits on a centre."""
    n = X.shape[0]
    k, trials = centres.shape[0], uniforms.shape[1]
    centres[0] = X[first]
    closest = np.empty(n)
    for i in range(n):
        closest[i] = _distance2(X, i, centres[0])
    cumulative = np.empty(n)
    candidates = np.empty((trials, n))
    for c in range(1, k):
        total = 0.0
        for i in range(n):
            total += closest[i]
        if total <= 0.0:
            return False
        running = 0.0
        for i in range(n):
            running += closest[i]
            cumulative[i] = running
        best, best_sum, best_row = 0, np.inf, 0
        for t in range(trials):
            row = np.searchsorted(cumulative, uniforms[c - 1, t] * total)
            row = min(row, n - 1)
            summed = 0.0
            for i in range(n):
                value = min(closest[i], _distance2(X, i, X[row]))
                candidates[t, i] = value
                summed += value
            if summed < best_sum:
                best, best_sum, best_row = t, summed, row
        centres[c] = X[best_row]
        closest[:] = candidates[best]
    return True


@_strict
def lloyd(X, centres, max_iter, labels):
    """Lloyd's k-means on centred rows X (n, d) from ``centres`` (K, d), in place; the labels
    (n,) of the last assignment into ``labels``. An empty cluster keeps its centre."""
    n, d = X.shape
    k = centres.shape[0]
    squares = np.empty(n)
    for i in range(n):
        squares[i] = np.sum(X[i] * X[i])
    labels[:] = -1
    counts = np.empty(k)
    sums = np.empty((k, d))
    centre_squares = np.empty(k)
    for _ in range(max_iter):
        for j in range(k):
            centre_squares[j] = np.sum(centres[j] * centres[j])
        changed = False
        for i in range(n):
            best, best_d2 = 0, np.inf
            for j in range(k):
                dot = 0.0
                for a in range(d):
                    dot += X[i, a] * centres[j, a]
                d2 = squares[i] - 2.0 * dot + centre_squares[j]
                if d2 < best_d2:
                    best, best_d2 = j, d2
            if labels[i] != best:
                labels[i] = best
                changed = True
        if not changed:
            return
        counts[:] = 0.0
        sums[:] = 0.0
        for i in range(n):
            counts[labels[i]] += 1.0
            for a in range(d):
                sums[labels[i], a] += X[i, a]
        for j in range(k):
            if counts[j] > 0:
                for a in range(d):
                    centres[j, a] = sums[j, a] / counts[j]


def warm_up() -> None:
    """Compile both kernels (or load them from numba's cache) with the types real calls use."""
    X = np.random.default_rng(0).normal(size=(16, 2))
    centres = np.empty((2, 2))
    seed_centres(X, 0, np.full((1, 2), 0.5), centres)
    lloyd(X, centres, 5, np.empty(16, np.int64))
