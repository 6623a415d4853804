"""Shared helpers for the engine tests: seeded random problems and parameter builders."""

from __future__ import annotations

import numpy as np

from gmm_desktop.engine import MixtureParams


def random_spd(rng: np.random.Generator, d: int, floor: float = 0.3) -> np.ndarray:
    """A random symmetric positive definite d x d matrix, eigenvalues >= ``floor``."""
    a = rng.normal(size=(d, d))
    return a @ a.T / d + floor * np.eye(d)


def random_covariances(
    rng: np.random.Generator, k: int, d: int, covariance_type: str
) -> np.ndarray:
    """K full (K, d, d) covariances of the shape ``covariance_type`` can express."""
    if covariance_type == "full":
        return np.stack([random_spd(rng, d) for _ in range(k)])
    if covariance_type == "tied":
        return np.repeat(random_spd(rng, d)[None], k, axis=0)
    if covariance_type == "diag":
        return np.stack([np.diag(rng.uniform(0.3, 2.0, size=d)) for _ in range(k)])
    if covariance_type == "spherical":
        return np.stack([np.eye(d) * rng.uniform(0.3, 2.0) for _ in range(k)])
    raise AssertionError(covariance_type)


def sample_clusters(
    rng: np.random.Generator,
    means: np.ndarray,
    covariances: np.ndarray,
    counts: list[int] | np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Rows drawn from N(means[j], covariances[j]), counts[j] of each: (X (n, d), labels (n,))."""
    parts = [
        rng.multivariate_normal(m, c, size=int(c_n))
        for m, c, c_n in zip(means, covariances, counts, strict=True)
    ]
    labels = np.repeat(np.arange(len(counts)), np.asarray(counts, dtype=int))
    return np.concatenate(parts), labels


def random_problem(seed: int) -> tuple[np.ndarray, int]:
    """A seeded mixture problem: random K in 1..5, d in 1..4, n in 50..400. Returns (X, K)."""
    rng = np.random.default_rng(seed)
    k = int(rng.integers(1, 6))
    d = int(rng.integers(1, 5))
    n = int(rng.integers(50, 401))
    weights = rng.dirichlet(np.full(k, 3.0))
    counts = rng.multinomial(n, weights)
    means = rng.normal(scale=3.0, size=(k, d))
    covs = np.stack([random_spd(rng, d, floor=0.2) for _ in range(k)])
    X, _ = sample_clusters(rng, means, covs, counts)
    return X, k


def sklearn_precisions(params: MixtureParams, covariance_type: str) -> np.ndarray:
    """``precisions_init`` for scikit-learn's GaussianMixture from full covariances."""
    covs = params.covariances
    if covariance_type == "full":
        return np.linalg.inv(covs)
    if covariance_type == "tied":
        return np.linalg.inv(covs[0])
    variances = np.diagonal(covs, axis1=1, axis2=2)
    if covariance_type == "diag":
        return 1.0 / variances
    return 1.0 / variances[:, 0]


def sklearn_covariances_as_full(
    covariances: np.ndarray, covariance_type: str, k: int, d: int
) -> np.ndarray:
    """scikit-learn's ``covariances_`` (shape depends on the type) as full (K, d, d)."""
    if covariance_type == "full":
        return np.asarray(covariances)
    if covariance_type == "tied":
        return np.repeat(np.asarray(covariances)[None], k, axis=0)
    if covariance_type == "diag":
        return np.stack([np.diag(row) for row in covariances])
    return np.stack([np.eye(d) * v for v in covariances])
