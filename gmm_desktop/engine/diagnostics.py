"""Plain-words warnings about a fitted mixture: collapsed or empty components."""

from __future__ import annotations

import numpy as np

from .params import MixtureParams


def collapsed_components(
    params: MixtureParams, X: np.ndarray, resp: np.ndarray, reg_covar: float
) -> list[int]:
    """Indices of components whose spread has shrunk to the regularisation floor.

    A component is collapsed when its smallest covariance eigenvalue is within a factor 10 of
    ``reg_covar`` or below 1e-10 of the data's own variance in that direction scale (mclust's
    idea: the covariance is numerically singular once regularisation is taken away).

    X : (n, d) data; resp : (n, K) responsibilities.
    """
    data_var = np.var(X, axis=0)
    scale = float(np.mean(data_var)) if np.mean(data_var) > 0 else 1.0
    floor = max(10.0 * reg_covar, 1e-10 * scale)
    out = []
    for j in range(params.n_components):
        smallest = float(np.linalg.eigvalsh(params.covariances[j])[0])
        if smallest <= floor and resp[:, j].sum() > 0.5:
            out.append(j)
    return out


def fit_warnings(
    params: MixtureParams,
    X: np.ndarray,
    resp: np.ndarray,
    reg_covar: float,
    converged: bool,
    n_iter: int,
    tol: float = 1e-3,
) -> list[str]:
    """Warnings a user should read about a finished fit, one sentence each."""
    messages = []
    labels = np.argmax(resp, axis=1)
    for j in collapsed_components(params, X, resp, reg_covar):
        members = X[labels == j]
        distinct = len(np.unique(members, axis=0)) if len(members) else 0
        messages.append(
            f"component {j + 1} has collapsed onto {int((labels == j).sum())} points "
            f"({distinct} distinct value{'s' if distinct != 1 else ''}); its spread sits at the "
            "regularisation floor, so its likelihood is not trustworthy"
        )
    effective = resp.sum(axis=0)
    for j in range(params.n_components):
        if effective[j] < 1.0:
            messages.append(
                f"component {j + 1} holds almost no data ({effective[j]:.2g} rows' worth); "
                "try fewer components"
            )
    if not converged and tol > 0:
        messages.append(
            f"EM stopped after {n_iter} iterations without converging; "
            "raise the iteration limit or the tolerance"
        )
    return messages
