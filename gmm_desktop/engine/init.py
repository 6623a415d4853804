"""Starting points for EM: k-means++ (on standardised or raw columns), hierarchical (mclust's),
random rows, random responsibilities, user values. Each function returns one start;
``starts.start_plan`` decides which runs when."""

from __future__ import annotations

from typing import Any

import numpy as np

from .config import FitConfig
from .mstep import m_step
from .params import MixtureParams, project_covariances


def kmeans_plusplus(X: np.ndarray, n_clusters: int, rng: np.random.Generator) -> np.ndarray:
    """Greedy k-means++ seeding (Arthur & Vassilvitskii, with 2 + log K trials a step).

    Returns the chosen centres, shape (K, d), each a row of X. Runs compiled when the
    compiled backend is ready (the same draws from ``rng``, the same centres).
    """
    n = X.shape[0]
    n_trials = 2 + int(np.log(n_clusters))
    kernels = _compiled_kmeans()
    if kernels is not None:
        before = rng.bit_generator.state
        first = int(rng.integers(n))
        uniforms = rng.uniform(size=(n_clusters - 1, n_trials))
        found = np.empty((n_clusters, X.shape[1]))
        if kernels.seed_centres(np.ascontiguousarray(X, dtype=float), first, uniforms, found):
            return found
        rng.bit_generator.state = before  # fewer distinct rows than centres: as below
    centers = np.empty((n_clusters, X.shape[1]))
    centers[0] = X[rng.integers(n)]
    closest = np.sum((X - centers[0]) ** 2, axis=1)
    for c in range(1, n_clusters):
        total = closest.sum()
        if total <= 0:  # fewer distinct rows than clusters: any row will do
            centers[c] = X[rng.integers(n)]
            continue
        cumulative = np.cumsum(closest)
        picks = np.searchsorted(cumulative, rng.uniform(size=n_trials) * total)
        picks = np.minimum(picks, n - 1)
        candidate_d2 = np.stack([np.sum((X - X[p]) ** 2, axis=1) for p in picks])
        candidate_d2 = np.minimum(closest, candidate_d2)
        best = int(np.argmin(candidate_d2.sum(axis=1)))
        centers[c] = X[picks[best]]
        closest = candidate_d2[best]
    return centers


def kmeans_labels(
    X: np.ndarray, centers: np.ndarray, max_iter: int = 30
) -> tuple[np.ndarray, np.ndarray]:
    """Lloyd's k-means from ``centers`` (K, d). Returns (labels (n,), centres (K, d)).
    Runs compiled when the compiled backend is ready."""
    offset = X.mean(axis=0)  # centred distances keep precision for data far from the origin
    X = X - offset
    centers = centers - offset
    k = centers.shape[0]
    kernels = _compiled_kmeans()
    if kernels is not None:
        found = np.empty(X.shape[0], dtype=np.int64)
        centers = np.ascontiguousarray(centers, dtype=float)
        kernels.lloyd(np.ascontiguousarray(X, dtype=float), centers, max_iter, found)
        return found, centers + offset
    labels = np.full(X.shape[0], -1)
    for _ in range(max_iter):
        d2 = (
            np.sum(X * X, axis=1)[:, None] - 2 * X @ centers.T + np.sum(centers**2, axis=1)[None, :]
        )
        new_labels = np.argmin(d2, axis=1)
        if np.array_equal(new_labels, labels):
            break
        labels = new_labels
        counts = np.bincount(labels, minlength=k)
        held = counts > 0  # an empty cluster keeps its centre
        for a in range(X.shape[1]):
            sums = np.bincount(labels, weights=X[:, a], minlength=k)
            centers[held, a] = sums[held] / counts[held]
    return labels, centers + offset


def _compiled_kmeans() -> Any:
    """The compiled k-means kernels once the compiled backend is ready, else None (never waits
    for numba)."""
    from .backend import ready

    if not ready().compiled:
        return None
    from . import fast

    return fast.kmeans_kernels()


def _from_hard_labels(X: np.ndarray, labels: np.ndarray, config: FitConfig) -> MixtureParams:
    resp = np.zeros((X.shape[0], config.n_components))
    resp[np.arange(X.shape[0]), labels] = 1.0
    return m_step(X, resp, config.covariance_type, config.reg_covar)


def standardised(X: np.ndarray) -> np.ndarray:
    """X (n, d) with every column centred and scaled to unit sd (constant columns only centred).

    k-means on raw columns is ruled by the column with the largest numbers (minutes against
    hours); on standardised ones every column counts.
    """
    sd = X.std(axis=0)
    return (X - X.mean(axis=0)) / np.where(sd > 0, sd, 1.0)


def svd_scaled(X: np.ndarray) -> np.ndarray:
    """X (n, d) as mclust's hierarchical start sees it (``hc(use = "SVD")``), shape (n, d).

    Columns are standardised (sd with n - 1), rotated onto their principal axes and each axis
    divided by the square root of its singular value: large spreads are evened out but not
    blown up to unit variance, so directions the data hardly span stay small.
    """
    sd = X.std(axis=0, ddof=1) if X.shape[0] > 1 else np.ones(X.shape[1])
    Z = (X - X.mean(axis=0)) / np.where(sd > 0, sd, 1.0)
    _, s, vt = np.linalg.svd(Z, full_matrices=False)
    floor = s[0] * 1e-8 if s.size and s[0] > 0 else 1.0
    return Z @ vt.T / np.sqrt(np.maximum(s, floor))


def quantile_labels(x: np.ndarray, n_clusters: int) -> np.ndarray:
    """mclust's one-column start (``qclass``): K classes between quantiles of x (n,).

    Quantiles at ever finer even spacing are taken until K + 1 distinct ones exist; surplus
    ones closing the smallest gaps are dropped. Returns the class 0..K-1 of every row (n,);
    with fewer than K distinct values some classes stay empty.
    """
    x = np.asarray(x, dtype=float).ravel()
    distinct = np.unique(x)
    if len(distinct) <= n_clusters:
        return np.searchsorted(distinct, x)
    cuts = np.empty(0)
    count = n_clusters
    while len(cuts) < n_clusters + 1:
        count += 1
        cuts = np.unique(np.quantile(x, np.linspace(0.0, 1.0, count)))
    surplus = len(cuts) - n_clusters - 1
    if surplus > 0:
        cuts = np.delete(cuts, np.argsort(np.diff(cuts), kind="stable")[:surplus])
    inner = cuts[1:-1]
    return np.searchsorted(inner, x, side="right")


# Rows the hierarchical start agglomerates at most: Ward's method (scipy) needs n^2 / 2
# distances; the full-covariance agglomeration (``agglomeration.vvv_labels``) also recomputes a
# determinant per pair and merge, so it takes fewer rows.
HIERARCHICAL_ROWS = 2000
AGGLOMERATION_ROWS = 1000
# Rows the k-means starts cluster at most: a start needs the groups' rough places, and Lloyd's
# iterations over millions of rows would cost more than the EM that follows.
KMEANS_ROWS = 20_000


def _subsample(n: int, most: int, rng: np.random.Generator) -> np.ndarray | None:
    """Sorted indices of ``most`` random rows of n, or None when n is not larger."""
    return np.sort(rng.choice(n, most, replace=False)) if n > most else None


def hierarchical_labels(
    X: np.ndarray, n_clusters: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray] | None:
    """mclust's hierarchical start: rows X (n, d) in ``n_clusters`` groups.

    As mclust's ``Mclust`` does: on one column, classes between quantiles
    (``quantile_labels``); on more, full-covariance model-based agglomeration of the rows
    scaled by ``svd_scaled`` (``agglomeration.vvv_labels``, mclust's ``hc`` default), or
    Ward's (mclust's spherical) agglomeration when there are no more rows than columns. On
    more than ``AGGLOMERATION_ROWS`` rows (``HIERARCHICAL_ROWS`` for Ward) a random subset of
    that size is used. Returns (rows used (m,), their group 0..K-1 (m,)), or None when the cut
    gives fewer groups (ties).
    """
    from .agglomeration import vvv_labels

    n, d = X.shape
    full = d > 1 and min(n, AGGLOMERATION_ROWS) > d
    rows = _subsample(n, AGGLOMERATION_ROWS if full else HIERARCHICAL_ROWS, rng)
    sub = X if rows is None else X[rows]
    if n_clusters == 1:
        groups = np.zeros(sub.shape[0], int)
    elif d == 1:
        groups = quantile_labels(sub[:, 0], n_clusters)
    elif full:
        groups = vvv_labels(svd_scaled(sub), n_clusters)
    else:
        # imported here: scipy.cluster takes half a second to import, a small sweep's share
        from scipy.cluster.hierarchy import fcluster, linkage

        tree = linkage(svd_scaled(sub), method="ward")
        groups = fcluster(tree, t=n_clusters, criterion="maxclust") - 1
    if len(np.unique(groups)) < n_clusters:
        return None
    return (np.arange(sub.shape[0]) if rows is None else rows), groups


def initial_params(X: np.ndarray, config: FitConfig, rng: np.random.Generator) -> MixtureParams:
    """The starting mixture for one EM run, as chosen by ``config.init``.

    Automatic starts are ordered by their first mean coordinate, so component 1 is the
    leftmost and colours stay stable from run to run; a manual start keeps the user's order.

    Parameters
    ----------
    X : ndarray, shape (n, d)
    """
    params = _initial_params(X, config, rng)
    if config.init == "manual":
        return params
    return params.reordered(np.argsort(params.means[:, 0], kind="stable"))


def _initial_params(X: np.ndarray, config: FitConfig, rng: np.random.Generator) -> MixtureParams:
    k = config.n_components
    n, d = X.shape
    if config.init == "auto":  # alone, "auto" is its first kind (starts.start_plan)
        return _initial_params(X, config.with_changes(init="hierarchical"), rng)
    if config.init == "manual":
        assert config.init_params is not None  # checked by FitConfig.validate
        p = config.init_params
        covs = project_covariances(p.covariances, config.covariance_type, p.weights)
        return MixtureParams(p.weights, p.means, covs)
    if config.init in ("kmeans++", "kmeans-raw"):
        rows = _subsample(n, KMEANS_ROWS, rng)
        sub = X if rows is None else X[rows]
        Z = standardised(sub) if config.init == "kmeans++" else sub
        labels, _ = kmeans_labels(Z, kmeans_plusplus(Z, k, rng))
        return _from_hard_labels(sub, labels, config)
    if config.init == "hierarchical":
        found = hierarchical_labels(X, k, rng)
        if found is None:  # tied merges: fall back on k-means++ with the same stream
            return _initial_params(X, config.with_changes(init="kmeans++"), rng)
        rows, groups = found
        return _from_hard_labels(X[rows], groups, config)
    if config.init == "random":
        resp = rng.uniform(size=(n, k))
        resp /= resp.sum(axis=1, keepdims=True)
        return m_step(X, resp, config.covariance_type, config.reg_covar)
    # random-from-data: K distinct rows as means, the data's own spread for every component
    rows = rng.choice(n, size=k, replace=False)
    if len(np.unique(X[rows], axis=0)) < k:  # repeated rows: draw among distinct ones
        _, distinct = np.unique(X, axis=0, return_index=True)
        pool = np.sort(distinct) if len(distinct) >= k else np.arange(n)
        rows = rng.choice(pool, size=k, replace=False)
    spread = np.atleast_2d(np.cov(X, rowvar=False, bias=True)) + config.reg_covar * np.eye(d)
    covs = project_covariances(
        np.repeat(spread[None], k, axis=0), config.covariance_type, np.full(k, 1.0 / k)
    )
    return MixtureParams(np.full(k, 1.0 / k), X[rows], covs)
