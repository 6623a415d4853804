"""Model-based agglomeration for unconstrained ("full") Gaussian groups, as mclust's ``hcVVV``.

Every row starts as its own group (identical rows as one); the two groups whose merger costs
the least classification likelihood are merged, again and again (Banfield and Raftery 1993,
Fraley 1998). A group of m rows with scatter matrix W (sum of outer products of deviations
from its mean) costs

    m log( det(W / m) + beta (tr W + alpha) / m )

(the determinant only once m exceeds the number of columns d), with beta = 1 and alpha the
data's total scatter per row and column; the alpha term keeps small or flat groups from
costing minus infinity. This is the criterion of mclust's Fortran routine ``hcvvv`` and its
helper ``vvvtij``; mclust's ``Mclust`` starts EM from this tree, cut into K groups, on data
scaled by ``init.svd_scaled``.

The merges of one data set serve every K, so the last few trees are kept (``merge_tree``).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from hashlib import blake2b

import numpy as np

BETA = 1.0
# Trees kept for reuse: a sweep cuts one tree for every K and covariance type.
CACHED_TREES = 4
_cache: OrderedDict[bytes, tuple[np.ndarray, np.ndarray]] = OrderedDict()
_lock = threading.Lock()


def _costs(
    counts: np.ndarray, traces: np.ndarray, scatters: np.ndarray | None, alpha: float, d: int
) -> np.ndarray:
    """Cost of groups with ``counts`` (m,) rows and scatter traces (m,); ``scatters`` holds
    the scatter matrices (j, d, d) of the groups with more than d rows, in order (None: none
    of them has)."""
    trace_term = np.log(BETA * (traces + alpha) / counts)
    large = counts > d
    if scatters is None or not np.any(large):
        return counts * trace_term
    log_det = np.full(counts.shape, -np.inf)
    sign, value = np.linalg.slogdet(scatters / counts[large, None, None])
    log_det[large] = np.where(sign > 0, value, -np.inf)
    return counts * np.logaddexp(log_det, trace_term)


def _agglomerate(
    Z: np.ndarray, merge_loop: Callable[..., None] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """The merges of rows Z (n, d): (group of every row at the start (n,), merges (m - 1, 2)).

    Groups are numbered 0..m-1 (identical rows share one); merge t joins group b into group
    a (a < b keeps its number), so replaying merges cuts the tree at any number of groups.
    ``merge_loop`` is ``_kernels_agglomeration.merge_loop`` (``compiled_merge_loop()``) or
    None for the numpy reference ``_merge_loop_numpy``; both give the same merges.
    """
    n, d = Z.shape
    uniques, start, counts = np.unique(Z, axis=0, return_inverse=True, return_counts=True)
    start = start.ravel()
    m = len(uniques)
    size = counts.astype(float)
    means = uniques.astype(float).copy()
    scatters = np.zeros((m, d, d))
    centred = Z - Z.mean(axis=0)
    alpha = max(float(np.sum(centred**2)) / (n * d), np.finfo(float).eps)
    traces_own = np.zeros(m)
    own = _costs(size, traces_own, None, alpha, d)  # flat groups: trace and scatter 0

    # Pairs of groups without scatter: their merged scatter has rank one (no determinant).
    distance2 = np.zeros((m, m))
    for column in means.T:  # differences column by column: exact for equal steps
        distance2 += (column[:, None] - column[None, :]) ** 2
    pair = size[:, None] + size[None, :]
    trace = size[:, None] * size[None, :] / pair * distance2
    cost = pair * np.log(BETA * (trace + alpha) / pair) - own[:, None] - own[None, :]
    np.fill_diagonal(cost, np.inf)
    best = np.argmin(cost, axis=1)
    best_cost = cost[np.arange(m), best]
    merges = np.empty((max(m - 1, 0), 2), dtype=np.int64)
    state = (cost, best, best_cost, size, means, scatters, traces_own, own)
    if merge_loop is not None:
        merge_loop(*state, alpha, BETA, merges)
    else:
        _merge_loop_numpy(*state, alpha, merges)
    return start, merges


def compiled_merge_loop() -> Callable[..., None] | None:
    """The compiled merge loop once the compiled backend is ready (``backend.ready``), else
    None; never waits for numba."""
    from .backend import ready

    if not ready().compiled:
        return None
    from . import fast

    return fast.agglomeration_kernel()


def _merge_loop_numpy(
    cost: np.ndarray,
    best: np.ndarray,
    best_cost: np.ndarray,
    size: np.ndarray,
    means: np.ndarray,
    scatters: np.ndarray,
    traces_own: np.ndarray,
    own: np.ndarray,
    alpha: float,
    merges: np.ndarray,
) -> None:
    """The reference merge loop: merges (m - 1, 2) of m groups into ``merges``.

    cost (m, m) of merging each pair (inf on the diagonal), best (m,) each group's cheapest
    partner and best_cost (m,) its cost, size (m,), means (m, d), scatters (m, d, d),
    traces_own (m,) and own (m,) the groups' own costs; all updated in place.
    ``_kernels_agglomeration.merge_loop`` is the same loop compiled.
    """
    m, d = means.shape
    alive = np.ones(m, bool)
    for t in range(m - 1):
        a = int(np.argmin(best_cost))
        b = int(best[a])
        a, b = min(a, b), max(a, b)
        merges[t] = a, b
        total = size[a] + size[b]
        diff = means[a] - means[b]
        scatters[a] += scatters[b] + size[a] * size[b] / total * np.outer(diff, diff)
        means[a] = (size[a] * means[a] + size[b] * means[b]) / total
        size[a] = total
        traces_own[a] = float(np.trace(scatters[a]))
        own[a] = _costs(size[a : a + 1], traces_own[a : a + 1], scatters[a : a + 1], alpha, d)[0]
        alive[b] = False
        cost[b, :] = np.inf
        cost[:, b] = np.inf
        best_cost[b] = np.inf
        others = np.flatnonzero(alive)
        others = others[others != a]
        if others.size == 0:
            continue
        joined = size[a] + size[others]
        gap = means[others] - means[a]
        weight = size[a] * size[others] / joined
        traces = traces_own[a] + traces_own[others] + weight * np.sum(gap * gap, axis=1)
        large = joined > d
        merged = None
        if np.any(large):
            g = gap[large]
            merged = (
                scatters[a][None]
                + scatters[others[large]]
                + weight[large, None, None] * g[:, :, None] * g[:, None, :]
            )
        row = _costs(joined, traces, merged, alpha, d) - own[a] - own[others]
        cost[a, others] = row
        cost[others, a] = row
        best[a] = others[int(np.argmin(row))]
        best_cost[a] = cost[a, best[a]]
        stale = others[(best[others] == a) | (best[others] == b)]
        for k in stale:
            best[k] = int(np.argmin(cost[k]))
            best_cost[k] = cost[k, best[k]]
        closer = others[row < best_cost[others]]
        best[closer] = a
        best_cost[closer] = row[np.searchsorted(others, closer)]


def merge_tree(Z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``_agglomerate(Z)``, kept for the next call with the same rows (thread-safe)."""
    key = blake2b(np.ascontiguousarray(Z, dtype=float).tobytes(), digest_size=16).digest()
    key += repr(Z.shape).encode()
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    tree = _agglomerate(Z, compiled_merge_loop())
    with _lock:
        _cache[key] = tree
        while len(_cache) > CACHED_TREES:
            _cache.popitem(last=False)
    return tree


def vvv_labels(Z: np.ndarray, n_clusters: int) -> np.ndarray:
    """Rows Z (n, d) in ``n_clusters`` groups by full-covariance agglomeration: group 0..K-1
    of every row (n,), numbered by first row; fewer groups when Z has fewer distinct rows."""
    start, merges = merge_tree(Z)
    parent = np.arange(int(start.max()) + 1 if start.size else 0)
    for a, b in merges[: max(len(parent) - n_clusters, 0)]:
        parent[b] = a
    for g in range(len(parent)):  # merges point to smaller numbers: one pass resolves them
        parent[g] = parent[parent[g]]
    roots = parent[start]
    _, first, labels = np.unique(roots, return_index=True, return_inverse=True)
    rank = np.empty(len(first), dtype=np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(len(first))
    return rank[labels.ravel()]
