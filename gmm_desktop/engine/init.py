"""Starting points for EM: k-means++ (on standardised or raw columns), hierarchical, random
rows, random responsibilities, user values. Each function returns one start;
``starts.start_plan`` decides which runs when."""

from __future__ import annotations

import numpy as np

from .config import FitConfig
from .mstep import m_step
from .params import MixtureParams, project_covariances


def kmeans_plusplus(X: np.ndarray, n_clusters: int, rng: np.random.Generator) -> np.ndarray:
    """Greedy k-means++ seeding (Arthur & Vassilvitskii, with 2 + log K trials a step).

    Returns the chosen centres, shape (K, d), each a row of X.
    """
    n = X.shape[0]
    n_trials = 2 + int(np.log(n_clusters))
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
    """Lloyd's k-means from ``centers`` (K, d). Returns (labels (n,), centres (K, d))."""
    offset = X.mean(axis=0)  # centred distances keep precision for data far from the origin
    X = X - offset
    centers = centers - offset
    k = centers.shape[0]
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


def whitened(X: np.ndarray) -> np.ndarray:
    """X (n, d) centred and rotated onto its principal axes, each scaled to unit variance.

    mclust's hierarchical start works on data transformed this way ("SVD"); directions the
    data hardly span are left at their small size instead of being blown up.
    """
    centred = X - X.mean(axis=0)
    _, s, vt = np.linalg.svd(centred, full_matrices=False)
    floor = s[0] * 1e-8 if s.size and s[0] > 0 else 1.0
    return centred @ vt.T / np.maximum(s, floor) * np.sqrt(max(X.shape[0], 1))


# Rows the hierarchical start agglomerates at most (Ward's method needs n^2 / 2 distances).
HIERARCHICAL_ROWS = 2000
# Rows the k-means starts cluster at most: a start needs the groups' rough places, and Lloyd's
# iterations over millions of rows would cost more than the EM that follows.
KMEANS_ROWS = 20_000


def _subsample(n: int, most: int, rng: np.random.Generator) -> np.ndarray | None:
    """Sorted indices of ``most`` random rows of n, or None when n is not larger."""
    return np.sort(rng.choice(n, most, replace=False)) if n > most else None


def hierarchical_labels(
    X: np.ndarray, n_clusters: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray] | None:
    """Ward agglomeration of the whitened rows, cut into ``n_clusters`` groups.

    On more than ``HIERARCHICAL_ROWS`` rows a random subset of that size is used. Returns
    (rows used (m,), their group 0..K-1 (m,)), or None when the cut gives fewer groups (ties).
    """
    from scipy.cluster.hierarchy import fcluster, linkage

    n = X.shape[0]
    rows = _subsample(n, HIERARCHICAL_ROWS, rng)
    sub = X if rows is None else X[rows]
    if n_clusters == 1:
        return np.arange(sub.shape[0]) if rows is None else rows, np.zeros(sub.shape[0], int)
    tree = linkage(whitened(sub), method="ward")
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
