"""Plain-words warnings about a fitted mixture: collapsed or empty components."""

from __future__ import annotations

import numpy as np

from .params import MixtureParams

# A component's own spread (regularisation removed) at or below this fraction of the data's
# variance, in some direction, means its rows share (nearly) one value.
RELATIVE_SPREAD_FLOOR = 1e-10
# A component whose smallest variance is within this factor of reg_covar sits at the floor ...
FLOOR_FACTOR = 10.0
# ... which only matters when the data vary at least this much more in that direction.
FLOOR_MARGIN = 1e3


def value_steps(X: np.ndarray) -> np.ndarray:
    """Smallest gap between distinct values of each column of X (n, d); inf if constant.

    For data recorded to whole units (minutes, centimetres) this is the recording step.
    """
    steps = np.full(X.shape[1], np.inf)
    for c in range(X.shape[1]):
        gaps = np.diff(np.unique(X[:, c]))
        if gaps.size:
            steps[c] = float(gaps.min())
    return steps


def _robust_scale(X: np.ndarray) -> np.ndarray:
    """Per-column spread (d,) that one far outlier cannot inflate: IQR / 1.349, else the sd."""
    q75, q25 = np.percentile(X, [75, 25], axis=0)
    scale = (q75 - q25) / 1.349
    sd = X.std(axis=0)
    scale = np.where(scale > 0, scale, sd)
    return np.where(scale > 0, scale, 1.0)


def degenerate_components(
    X: np.ndarray, params: MixtureParams, resp: np.ndarray, reg_covar: float
) -> dict[int, str]:
    """Components that have collapsed, each with a plain-words reason.

    A component holding at least half a row's worth of data is collapsed when, once the
    regularisation ``reg_covar`` is taken off its covariance,

    * its spread in some direction is at most ``RELATIVE_SPREAD_FLOOR`` of the data's own
      (its rows share one value, or lie on a line or plane: mclust's singular covariance), or
    * its variance in some column is below a quarter of the squared step between that
      column's recorded values (its mass sits on one recorded value, as happens with data
      rounded to whole minutes or centimetres), or
    * its smallest variance is within ``FLOOR_FACTOR`` of ``reg_covar`` while the data vary
      at least ``FLOOR_MARGIN`` times more in that direction (it shrank onto a single row).

    Parameters
    ----------
    X : ndarray, shape (n, d)
    params : MixtureParams with K components (covariances as fitted, regularisation included)
    resp : ndarray, shape (n, K)
    reg_covar : float

    Returns
    -------
    dict
        Component index (0-based) -> reason, in component order.
    """
    d = X.shape[1]
    data_cov = np.atleast_2d(np.cov(X, rowvar=False, bias=True))
    scale = _robust_scale(X)
    steps = value_steps(X)
    counts = resp.sum(axis=0)
    eye = np.eye(d)
    out: dict[int, str] = {}
    for j in range(params.n_components):
        if counts[j] < 0.5:
            continue
        rows = f"about {counts[j]:.0f} row{'s' if round(counts[j]) != 1 else ''}"
        own = params.covariances[j] - reg_covar * eye
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            relative = own / np.outer(scale, scale)  # data near 1e-300 underflow here
        if (
            np.all(np.isfinite(relative))
            and float(np.linalg.eigvalsh(relative)[0]) <= RELATIVE_SPREAD_FLOOR
        ):
            out[j] = f"component {j + 1} has collapsed onto {rows} that share one value"
            continue
        narrow = np.flatnonzero(np.diagonal(own) < 0.25 * steps**2)
        if narrow.size:
            out[j] = (
                f"component {j + 1} sits on {rows} sharing (nearly) one value of column "
                f"{int(narrow[0]) + 1}: it is narrower than the step between recorded values"
            )
            continue
        values, vectors = np.linalg.eigh(params.covariances[j])
        data_spread = float(vectors[:, 0] @ data_cov @ vectors[:, 0])
        floor = FLOOR_FACTOR * reg_covar
        if reg_covar > 0 and values[0] <= floor and data_spread >= FLOOR_MARGIN * floor:
            out[j] = (
                f"component {j + 1} has shrunk onto {rows}; its spread sits at the "
                "regularisation floor"
            )
    return out


def collapsed_components(
    params: MixtureParams, X: np.ndarray, resp: np.ndarray, reg_covar: float
) -> list[int]:
    """Indices of collapsed components (see ``degenerate_components``), in order."""
    return sorted(degenerate_components(X, params, resp, reg_covar))


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
        X = X[:, keep]
    if params.n_features:
        for reason in degenerate_components(X, params, resp, reg_covar).values():
            messages.append(f"{reason}, so its likelihood is not trustworthy")
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
