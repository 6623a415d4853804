"""The M-step: weights, means and covariances from responsibilities.

Covariances are accumulated around each component's own mean (two passes), so data far from
the origin (values near 1e6 with unit spread) keep full precision.
"""

from __future__ import annotations

import numpy as np

from .params import MixtureParams

EPS = float(np.finfo(float).eps)


def m_step(
    X: np.ndarray,
    resp: np.ndarray,
    covariance_type: str = "full",
    reg_covar: float = 1e-6,
    sample_weight: np.ndarray | None = None,
) -> MixtureParams:
    """Maximisation step (weighted: row i's responsibilities count w_i times).

    Parameters
    ----------
    X : ndarray, shape (n, d)
    resp : ndarray, shape (n, K)
        Responsibilities (rows sum to 1).
    covariance_type : {"full", "diag", "spherical", "tied"}
    reg_covar : float
        Added to every covariance diagonal so no component becomes singular.
    sample_weight : ndarray, shape (n,), optional
        Row weights (frequencies); None is a weight of 1 for every row.

    Returns
    -------
    MixtureParams
        Covariances as full (K, d, d) matrices.
    """
    if sample_weight is not None:
        resp = resp * sample_weight[:, None]
    d = X.shape[1]
    k = resp.shape[1]
    nk = resp.sum(axis=0) + 10 * EPS  # never exactly zero (scikit-learn's guard)
    means = (resp.T @ X) / nk[:, None]
    eye = np.eye(d)
    covs = np.empty((k, d, d))
    if covariance_type in ("full", "tied"):
        for j in range(k):
            diff = X - means[j]
            covs[j] = (resp[:, j, None] * diff).T @ diff
        if covariance_type == "tied":
            shared = covs.sum(axis=0) / nk.sum() + reg_covar * eye
            covs[:] = shared
        else:
            covs /= nk[:, None, None]
            covs += reg_covar * eye
    else:
        variances = np.empty((k, d))
        for j in range(k):
            diff = X - means[j]
            variances[j] = resp[:, j] @ (diff * diff) / nk[j]
        variances += reg_covar
        if covariance_type == "spherical":
            variances[:] = variances.mean(axis=1, keepdims=True)
        covs[:] = 0.0
        idx = np.arange(d)
        covs[:, idx, idx] = variances
    return MixtureParams(nk / nk.sum(), means, covs)
