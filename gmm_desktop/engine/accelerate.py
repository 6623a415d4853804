"""SQUAREM: EM's steps extrapolated (Varadhan and Roland 2008), with a monotone safeguard.

On flat likelihoods (more components than the data has groups, large n) plain EM creeps for
thousands of iterations. SQUAREM takes two EM steps from theta0, theta1 = F(theta0) and
theta2 = F(theta1), and jumps along them: with r = theta1 - theta0 and v = theta2 - theta1 - r,

    alpha = -|r| / |v|   (their "SqS3" step, at most -1)
    theta' = theta0 - 2 alpha r + alpha^2 v

over the vector of all weights, means and covariances. theta' is kept when it is a valid mixture
(positive weights, covariances positive definite) whose log-likelihood is at least theta1's,
and the next cycle starts from F(theta'); otherwise the cycle ends on theta2, as plain EM
(alpha = -1 gives theta' = theta2). |alpha| is capped by a reach that grows after jumps that
use all of it and shrinks after misses (the SQUAREM package's step.max).

Used only where nobody watches the steps (model sweeps, ``FitConfig.accelerate``) and where it
pays (more than ``ACCELERATE_ROWS`` rows: below that the compiled engine runs whole blocks of
plain EM in one call). Snapshots are the models the cycles pass through (theta0, theta1 and the
kept theta' of each cycle), each with its own exact log-likelihood, so the log-likelihood never
decreases; ``iteration`` counts snapshots, and ``max_iter`` bounds them. The stopping rule is
applied at the start of each cycle.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np

from .em import EMSnapshot
from .errors import GMMInputError
from .params import MixtureParams
from .stopping import Stopper

# Fits on more rows than this are accelerated when asked (see the module notes).
ACCELERATE_ROWS = 16_384
# How far a jump may reach (|alpha| <= reach): FIRST_REACH at first, x4 after every jump
# that used all of it (up to MAX_REACH), /4 after a jump that failed (as the SQUAREM package).
FIRST_REACH = 4.0
MAX_REACH = 256.0

Step = Callable[[MixtureParams], tuple[float, MixtureParams]]


def _as_vector(params: MixtureParams) -> np.ndarray:
    return np.concatenate([params.weights, params.means.ravel(), params.covariances.ravel()])


def _from_vector(vector: np.ndarray, k: int, d: int) -> MixtureParams | None:
    """The mixture of a parameter vector, or None when it is not a valid one."""
    weights = vector[:k]
    means = vector[k : k + k * d].reshape(k, d)
    covs = vector[k + k * d :].reshape(k, d, d)
    if not np.all(np.isfinite(vector)) or np.any(weights <= 0.0):
        return None
    covs = 0.5 * (covs + np.transpose(covs, (0, 2, 1)))
    try:
        np.linalg.cholesky(covs)
    except np.linalg.LinAlgError:
        return None
    return MixtureParams(weights / weights.sum(), means, covs)


def squarem_snapshots(
    X: np.ndarray,
    start: MixtureParams,
    step: Step,
    *,
    max_iter: int,
    tol: float,
    stopping: str,
    restart: int = 0,
    n_restarts: int = 1,
) -> Iterator[EMSnapshot]:
    """Accelerated EM from ``start`` on X (n, d); ``step(params)`` is one EM pass: it returns
    (log-likelihood of params, the M-step's next params) and raises GMMInputError when a
    covariance is singular."""
    n = X.shape[0]
    k, d = start.n_components, start.n_features
    stopper = Stopper(stopping, tol, n)
    reach = FIRST_REACH
    index = 0
    theta0 = start

    def snapshot(params: MixtureParams, ll: float, converged: bool, final: bool) -> EMSnapshot:
        return EMSnapshot(index, ll, params, converged, final, n, restart, n_restarts)

    while True:
        ll0, theta1 = step(theta0)
        converged = stopper.update(ll0)
        if converged or index >= max_iter:
            yield snapshot(theta0, ll0, converged, True)
            return
        yield snapshot(theta0, ll0, False, False)
        index += 1
        ll1, theta2 = step(theta1)
        if index >= max_iter:
            yield snapshot(theta1, ll1, False, True)
            return
        yield snapshot(theta1, ll1, False, False)
        index += 1
        jump, reach = _extrapolate(theta0, theta1, theta2, ll1, step, reach, k, d)
        if jump is None:
            theta0 = theta2  # plain EM: the next cycle starts at theta2
            continue
        kept, ll_kept, after = jump
        if index >= max_iter:
            yield snapshot(kept, ll_kept, False, True)
            return
        yield snapshot(kept, ll_kept, False, False)
        index += 1
        theta0 = after


def _extrapolate(
    theta0: MixtureParams,
    theta1: MixtureParams,
    theta2: MixtureParams,
    ll1: float,
    step: Step,
    reach: float,
    k: int,
    d: int,
) -> tuple[tuple[MixtureParams, float, MixtureParams] | None, float]:
    """((theta', its log-likelihood, F(theta')) or None when the jump does not keep the climb,
    and the reach for the next cycle: x4 after a jump that used all of it, /4 after a miss)."""
    x0, x1, x2 = _as_vector(theta0), _as_vector(theta1), _as_vector(theta2)
    r = x1 - x0
    v = x2 - x1 - r
    norm_v = float(np.linalg.norm(v))
    if norm_v == 0.0 or not np.isfinite(norm_v):
        return None, reach
    ratio = float(np.linalg.norm(r)) / norm_v
    if ratio <= 1.0:  # theta' would be theta2 itself
        return None, reach
    if reach <= 1.0:  # held back after misses: try again further next cycle
        return None, FIRST_REACH
    a = min(ratio, reach)
    candidate = _from_vector(x0 + 2.0 * a * r + a * a * v, k, d)
    if candidate is not None:
        try:
            ll, after = step(candidate)
        except GMMInputError:
            ll = -np.inf
        if np.isfinite(ll) and ll >= ll1:
            return (candidate, ll, after), min(reach * 4.0, MAX_REACH) if a == reach else reach
    return None, max(1.0, reach / 4.0)
