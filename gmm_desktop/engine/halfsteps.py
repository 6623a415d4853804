"""EM one half-step at a time, for teaching: the E-step and the M-step as separate moves.

Each move gives a frozen ``HalfStep``: the parameters, the responsibilities q it holds, the
log-likelihood of the parameters and the EM lower bound

    L(q, theta) = sum_ik q_ik [log pi_k + log N(x_i | mu_k, Sigma_k)] - sum_ik q_ik log q_ik

(the expected complete-data log-likelihood Q plus the entropy of q). After an E half-step q is
the posterior and the bound touches the log-likelihood; an M half-step raises the bound with the
same q, and the log-likelihood, always >= the bound (Jensen), rises with it.

The numbers are the engine's own: ``density.e_step`` and ``mstep.m_step``, so E then M is
exactly one iteration of ``em.iterate_em``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .density import e_step, log_gaussian_densities, log_likelihood, weighted_log_densities
from .mstep import EPS, m_step
from .params import MixtureParams

HALF_STEP_KINDS = ("start", "E", "M")


def _frozen(array: np.ndarray) -> np.ndarray:
    out = np.array(array, dtype=float, copy=True)
    out.setflags(write=False)
    return out


@dataclass(frozen=True, eq=False)
class HalfStep:
    """The model after ``index`` half-steps.

    kind : "start" (nothing done yet), "E" (responsibilities just computed) or "M"
        (parameters just re-estimated from the responsibilities of the E before).
    params : the mixture's parameters now.
    responsibilities : (n, K) the q held now (None at the start), read-only.
    log_likelihood : total log-likelihood of ``params``.
    lower_bound : L(q, params) (None at the start, where there is no q yet).
    """

    kind: str
    index: int
    params: MixtureParams
    responsibilities: np.ndarray | None
    log_likelihood: float
    lower_bound: float | None

    @property
    def next_kind(self) -> str:
        """The kind of the next half-step: E after the start or an M, M after an E."""
        return "M" if self.kind == "E" else "E"


def lower_bound(
    X: np.ndarray, params: MixtureParams, resp: np.ndarray, covariance_type: str = "full"
) -> float:
    """The EM lower bound L(q, theta) of q = ``resp`` (n, K) and theta = ``params`` on X (n, d).

    Terms with q_ik = 0 contribute 0 (the limit of q log q, and q times a -inf log density).
    """
    wld = weighted_log_densities(X, params, covariance_type)
    positive = resp > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        expected = np.where(positive, resp * wld, 0.0)
        entropy_terms = np.where(positive, resp * np.log(np.where(positive, resp, 1.0)), 0.0)
    return float(np.sum(expected) - np.sum(entropy_terms))


def start_state(X: np.ndarray, params: MixtureParams, covariance_type: str = "full") -> HalfStep:
    """Half-step 0: the starting parameters and their log-likelihood, no responsibilities."""
    return HalfStep("start", 0, params, None, log_likelihood(X, params, covariance_type), None)


def e_half(X: np.ndarray, state: HalfStep, covariance_type: str = "full") -> HalfStep:
    """The E half-step: q = the posterior of each row under ``state.params``; the bound equals
    the log-likelihood."""
    total, log_resp = e_step(X, state.params, covariance_type)
    resp = _frozen(np.exp(log_resp))
    bound = lower_bound(X, state.params, resp, covariance_type)
    return HalfStep("E", state.index + 1, state.params, resp, total, bound)


def m_half(
    X: np.ndarray, state: HalfStep, covariance_type: str = "full", reg_covar: float = 1e-6
) -> HalfStep:
    """The M half-step: new parameters from the responsibilities of ``state`` (an E state),
    keeping the same q."""
    if state.responsibilities is None:
        raise ValueError("an M half-step needs responsibilities: do an E half-step first")
    resp = state.responsibilities
    params = m_step(X, resp, covariance_type, reg_covar)
    total = log_likelihood(X, params, covariance_type)
    bound = lower_bound(X, params, resp, covariance_type)
    return HalfStep("M", state.index + 1, params, resp, total, bound)


def next_half(
    X: np.ndarray, state: HalfStep, covariance_type: str = "full", reg_covar: float = 1e-6
) -> HalfStep:
    """The half-step after ``state``: E after the start or an M, M after an E."""
    if state.next_kind == "E":
        return e_half(X, state, covariance_type)
    return m_half(X, state, covariance_type, reg_covar)


class HalfStepHistory:
    """Every half-step taken from one start; stepping back returns the very same states.

    ``states`` is the list of frozen states, ``position`` the index of the one shown. Stepping
    forward after stepping back reuses the stored state instead of computing it again.
    """

    def __init__(
        self,
        X: np.ndarray,
        start: MixtureParams,
        covariance_type: str = "full",
        reg_covar: float = 1e-6,
    ) -> None:
        self.X = np.asarray(X, dtype=float)
        self.covariance_type = covariance_type
        self.reg_covar = reg_covar
        self.states: list[HalfStep] = [start_state(self.X, start, covariance_type)]
        self.position = 0

    @property
    def current(self) -> HalfStep:
        return self.states[self.position]

    @property
    def shown(self) -> list[HalfStep]:
        """The states up to the shown one."""
        return self.states[: self.position + 1]

    def step(self) -> HalfStep:
        """Take (or re-take) the next half-step and return it."""
        if self.position + 1 == len(self.states):
            self.states.append(
                next_half(self.X, self.current, self.covariance_type, self.reg_covar)
            )
        self.position += 1
        return self.current

    def back(self) -> HalfStep:
        """Go back one half-step (nothing before the start) and return the state shown."""
        self.position = max(self.position - 1, 0)
        return self.current

    def previous_e(self) -> HalfStep | None:
        """The latest E state up to the shown one (whose params made the shown q), or None."""
        for state in reversed(self.shown):
            if state.kind == "E":
                return state
        return None


# ---------------------------------------------------------------------------------------------
# The numbers that fill the formulas


@dataclass(frozen=True, eq=False)
class EFormula:
    """gamma_ik = pi_k N(x_i | mu_k, Sigma_k) / sum_j pi_j N(x_i | mu_j, Sigma_j) for one row.

    point (d,), weights (K,) pi_k, densities (K,) N(x_i | mu_k, Sigma_k), products (K,)
    pi_k N(...), total = sum of the products = p(x_i), gammas (K,). ``gammas`` is computed in
    log space, as the engine does, so it is right even where the products underflow to 0.
    """

    row: int
    point: np.ndarray
    weights: np.ndarray
    densities: np.ndarray
    products: np.ndarray
    total: float
    gammas: np.ndarray


def e_formula(
    X: np.ndarray, params: MixtureParams, i: int, covariance_type: str = "full"
) -> EFormula:
    """The E-step formula's numbers for row ``i`` of X (n, d) under ``params``."""
    row = np.asarray(X, dtype=float)[i : i + 1]
    log_dens = log_gaussian_densities(row, params, covariance_type)[0]
    _, log_resp = e_step(row, params, covariance_type)
    densities = np.exp(log_dens)
    products = params.weights * densities
    return EFormula(
        i,
        _frozen(row[0]),
        _frozen(params.weights),
        _frozen(densities),
        _frozen(products),
        float(products.sum()),
        _frozen(np.exp(log_resp[0])),
    )


def _covariance_from_scatter(
    X: np.ndarray,
    resp: np.ndarray,
    counts: np.ndarray,
    scatter: np.ndarray,
    k: int,
    covariance_type: str,
    reg_covar: float,
) -> np.ndarray:
    """Sigma_k (d, d) from component k's scatter (d, d): full keeps it, diag its diagonal,
    spherical the mean of that diagonal, tied pools every component's scatter over n."""
    d = X.shape[1]
    eye = np.eye(d)
    if covariance_type == "full":
        return scatter / counts[k] + reg_covar * eye
    if covariance_type == "tied":
        pooled = np.zeros((d, d))
        for j in range(resp.shape[1]):
            diff = X - (resp[:, j] @ X) / counts[j]
            pooled += (resp[:, j, None] * diff).T @ diff
        return pooled / counts.sum() + reg_covar * eye
    variances = np.diagonal(scatter) / counts[k] + reg_covar
    if covariance_type == "spherical":
        return eye * variances.mean()
    return np.diag(variances)


@dataclass(frozen=True, eq=False)
class MFormula:
    """The M-step formulas' numbers for component k.

    n : rows; count N_k = sum_i gamma_ik; weight pi_k = N_k / n; weighted_sum (d,)
    sum_i gamma_ik x_i; mean (d,) mu_k = weighted_sum / N_k; scatter (d, d)
    sum_i gamma_ik (x_i - mu_k)(x_i - mu_k)^T; covariance (d, d) Sigma_k as the
    covariance type shapes it (scatter / N_k plus reg_covar on the diagonal for "full").
    """

    component: int
    n: int
    count: float
    weight: float
    weighted_sum: np.ndarray
    mean: np.ndarray
    scatter: np.ndarray
    covariance: np.ndarray
    covariance_type: str
    reg_covar: float


def m_formula(
    X: np.ndarray,
    resp: np.ndarray,
    k: int,
    covariance_type: str = "full",
    reg_covar: float = 1e-6,
) -> MFormula:
    """The M-step formulas' numbers for component ``k`` from responsibilities (n, K).

    N_k carries the engine's guard of 10 machine epsilons, so the numbers are ``m_step``'s.
    """
    X = np.asarray(X, dtype=float)
    gamma = resp[:, k]
    counts = resp.sum(axis=0) + 10 * EPS
    count = float(counts[k])
    weighted_sum = gamma @ X
    mean = weighted_sum / count
    diff = X - mean
    scatter = (gamma[:, None] * diff).T @ diff
    covariance = _covariance_from_scatter(X, resp, counts, scatter, k, covariance_type, reg_covar)
    return MFormula(
        k,
        X.shape[0],
        count,
        count / float(counts.sum()),
        _frozen(weighted_sum),
        _frozen(mean),
        _frozen(scatter),
        _frozen(covariance),
        covariance_type,
        reg_covar,
    )
