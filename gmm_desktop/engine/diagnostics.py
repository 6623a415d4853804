"""Plain-words warnings about a fitted mixture: collapsed or empty components."""

from __future__ import annotations

import numpy as np

from .params import MixtureParams


def collapsed_components(
    params: MixtureParams, X: np.ndarray, resp: np.ndarray, reg_covar: float
) -> list[int]:
    """Indices of components whose spread has shrunk to the regularisation floor.

    A component is collapsed when its smallest covariance eigenvalue is within a factor 10 of
    ``reg_covar``, or below 1e-10 of its own largest eigenvalue (mclust's idea: the covariance
    is numerically singular once the regularisation is taken away).

    X : (n, d) data; resp : (n, K) responsibilities.
    """
    out = []
    for j in range(params.n_components):
        eigenvalues = np.linalg.eigvalsh(params.covariances[j])
        floor = max(10.0 * reg_covar, 1e-10 * float(eigenvalues[-1]))
        if float(eigenvalues[0]) <= floor and resp[:, j].sum() > 0.5:
            out.append(j)
    return out


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def fit_warnings(
    params: MixtureParams,
    X: np.ndarray,
    resp: np.ndarray,
    reg_covar: float,
    converged: bool,
    n_iter: int,
    tol: float = 1e-6,
) -> list[str]:
    """Warnings a user should read about a finished fit, one sentence each."""
    messages = []
    labels = np.argmax(resp, axis=1)
    constant = np.ptp(X, axis=0) == 0
    if constant.any():
        names = ", ".join(str(i + 1) for i in np.flatnonzero(constant))
        messages.append(
            f"column {names} has the same value in every row, so it cannot tell components apart"
        )
        keep = np.flatnonzero(~constant)
        params = MixtureParams(
            params.weights, params.means[:, keep], params.covariances[:, keep][:, :, keep]
        )
    collapsed = collapsed_components(params, X, resp, reg_covar) if params.n_features else []
    for j in collapsed:
        members = X[labels == j]
        distinct = len(np.unique(members, axis=0)) if len(members) else 0
        messages.append(
            f"component {j + 1} has collapsed onto {_count(int((labels == j).sum()), 'point')} "
            f"({_count(distinct, 'distinct value')}); its spread sits at the "
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
