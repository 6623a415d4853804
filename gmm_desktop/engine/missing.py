"""EM with missing cells in the model (Ghahramani and Jordan 1994), the numpy reference.

Rows of X (n, d) may hold NaN cells (never a row of NaN only: those are left out before).
Rows are grouped by their pattern of observed columns, so each step is vectorised per pattern:

* E-step: the density of row i under component k is the marginal of N(mu_k, Sigma_k) on the
  row's observed coordinates o, N(x_o | mu_k,o, Sigma_k,oo). The log-likelihood is the
  observed-data log-likelihood sum_i log sum_k w_k N(x_io | ...), which EM never decreases.
* M-step: each missing block m of row i is replaced, for component k, by its conditional mean
  x_m = mu_k,m + Sigma_k,mo Sigma_k,oo^-1 (x_o - mu_k,o), and the scatter of component k
  gains the conditional covariance Sigma_k,mm - Sigma_k,mo Sigma_k,oo^-1 Sigma_k,om of that
  block (zero elsewhere), weighted by r_ik. Then the usual M-step of the four covariance types
  (diagonal ones take the diagonal of that scatter; tied adds the scatters of all components).

With no missing cell this is exactly ``density.e_step`` plus ``mstep.m_step`` (one pattern,
nothing filled in). This is the reference; the compiled backend runs the same EM from its
fused kernels, once per pattern (``fast._missing_pass``), and the tests hold it to this code.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..errors import QT_TRANSLATE_NOOP
from .density import LOG_2PI, logsumexp_rows, precision_cholesky, weighted_total
from .errors import GMMInputError
from .mstep import EPS
from .params import MixtureParams
from .snapshot import EMSnapshot, em_snapshots
from .stopping import DEFAULT_TOL


@dataclass(frozen=True, eq=False)
class Pattern:
    """The rows (r,) that observe exactly the columns ``observed`` (o,) and miss ``missing``."""

    rows: np.ndarray
    observed: np.ndarray
    missing: np.ndarray


def missingness_patterns(X: np.ndarray) -> list[Pattern]:
    """The patterns of observed columns of X (n, d), the complete rows' first.

    Raises GMMInputError when a row has no observed cell at all.
    """
    observed = ~np.isnan(X)
    if not observed.any(axis=1).all():
        raise GMMInputError.said(
            QT_TRANSLATE_NOOP("Errors", "a row has every chosen cell empty; leave it out")
        )
    d = X.shape[1]
    columns = np.arange(d)
    if d <= 62:  # a row's pattern as one integer: far quicker than np.unique(axis=0)
        shifts = (d - 1 - columns).astype(np.int64)  # the first column the highest bit
        codes = observed.astype(np.int64) @ (np.int64(1) << shifts)
        values, inverse = np.unique(codes, return_inverse=True)
        keys = ((values[:, None] >> shifts) & 1).astype(bool)  # np.unique(axis=0)'s order
    else:
        keys, inverse = np.unique(observed, axis=0, return_inverse=True)
    inverse = inverse.ravel()
    order = sorted(range(len(keys)), key=lambda p: (not keys[p].all(), p))
    rows = np.argsort(inverse, kind="stable")  # every pattern's rows, in order, in one sort
    starts = np.searchsorted(inverse[rows], np.arange(len(keys) + 1))
    return [
        Pattern(rows[starts[p] : starts[p + 1]], columns[keys[p]], columns[~keys[p]]) for p in order
    ]


def _pattern_log_densities(
    X: np.ndarray, pattern: Pattern, params: MixtureParams, covariance_type: str
) -> np.ndarray:
    """log w_k + log N(x_o | mu_k,o, Sigma_k,oo) for the pattern's rows: (r, K)."""
    o = pattern.observed
    xo = X[np.ix_(pattern.rows, o)]
    sub = params.covariances[:, o[:, None], o[None, :]]
    prec = precision_cholesky(sub, covariance_type)
    out = np.empty((xo.shape[0], params.n_components))
    with np.errstate(divide="ignore"):
        log_w = np.log(params.weights)
    for k in range(params.n_components):
        y = (xo - params.means[k, o]) @ prec[k]
        log_det = np.sum(np.log(np.diagonal(prec[k])))
        out[:, k] = log_w[k] + log_det - 0.5 * (o.size * LOG_2PI + np.einsum("ij,ij->i", y, y))
    return out


def missing_e_step(
    X: np.ndarray,
    patterns: list[Pattern],
    params: MixtureParams,
    covariance_type: str = "full",
    sample_weight: np.ndarray | None = None,
) -> tuple[float, np.ndarray]:
    """(observed-data log-likelihood sum_i w_i log p(x_io), log responsibilities (n, K))."""
    log_resp = np.empty((X.shape[0], params.n_components))
    log_norm = np.empty(X.shape[0])
    for pattern in patterns:
        wlp = _pattern_log_densities(X, pattern, params, covariance_type)
        norm = logsumexp_rows(wlp)
        with np.errstate(invalid="ignore"):
            log_resp[pattern.rows] = wlp - norm[:, None]
        log_norm[pattern.rows] = norm
    if sample_weight is not None:
        return weighted_total(log_norm, sample_weight), log_resp
    return float(np.sum(log_norm)), log_resp


def conditional_fill(
    X: np.ndarray, patterns: list[Pattern], params: MixtureParams, k: int
) -> tuple[np.ndarray, list[np.ndarray]]:
    """X (n, d) with each missing cell replaced by its conditional mean under component k,
    and per pattern the conditional covariance (d, d) of its missing block (zero elsewhere)."""
    filled = X.copy()
    mean, cov = params.means[k], params.covariances[k]
    d = X.shape[1]
    extra = []
    for pattern in patterns:
        block = np.zeros((d, d))
        o, m = pattern.observed, pattern.missing
        if m.size:
            gain = np.linalg.solve(cov[np.ix_(o, o)], cov[np.ix_(o, m)]).T  # (m, o)
            xo = X[np.ix_(pattern.rows, o)]
            filled[np.ix_(pattern.rows, m)] = mean[m] + (xo - mean[o]) @ gain.T
            block[np.ix_(m, m)] = cov[np.ix_(m, m)] - gain @ cov[np.ix_(o, m)]
        extra.append(block)
    return filled, extra


def missing_m_step(
    X: np.ndarray,
    patterns: list[Pattern],
    resp: np.ndarray,
    params: MixtureParams,
    covariance_type: str = "full",
    reg_covar: float = 1e-6,
    sample_weight: np.ndarray | None = None,
) -> MixtureParams:
    """The M-step from responsibilities resp (n, K) computed under ``params`` (the model whose
    conditional expectations fill the missing cells); covariances as full (K, d, d)."""
    if sample_weight is not None:
        resp = resp * sample_weight[:, None]
    d, k = X.shape[1], resp.shape[1]
    nk = resp.sum(axis=0) + 10 * EPS  # as mstep.m_step
    means = np.empty((k, d))
    scatter = np.empty((k, d, d))
    for j in range(k):
        filled, extra = conditional_fill(X, patterns, params, j)
        means[j] = resp[:, j] @ filled / nk[j]
        diff = filled - means[j]
        scatter[j] = (resp[:, j, None] * diff).T @ diff
        for pattern, block in zip(patterns, extra, strict=True):
            if pattern.missing.size:
                scatter[j] += resp[pattern.rows, j].sum() * block
    eye = np.eye(d)
    if covariance_type == "tied":
        covs = np.repeat((scatter.sum(axis=0) / nk.sum() + reg_covar * eye)[None], k, axis=0)
    elif covariance_type == "full":
        covs = scatter / nk[:, None, None] + reg_covar * eye
    else:
        variances = np.diagonal(scatter, axis1=1, axis2=2) / nk[:, None] + reg_covar
        if covariance_type == "spherical":
            variances = np.repeat(variances.mean(axis=1, keepdims=True), d, axis=1)
        covs = variances[:, :, None] * eye
    return MixtureParams(nk / nk.sum(), means, covs)


def iterate_missing_em(
    X: np.ndarray,
    start: MixtureParams,
    *,
    covariance_type: str = "full",
    max_iter: int = 2000,
    tol: float = DEFAULT_TOL["aitken"],
    reg_covar: float = 1e-6,
    restart: int = 0,
    n_restarts: int = 1,
    labels: bool = False,
    stopping: str = "aitken",
    sample_weight: np.ndarray | None = None,
) -> Iterator[EMSnapshot]:
    """``em.iterate_em`` on X (n, d) with missing (NaN) cells: observed-data log-likelihoods."""
    patterns = missingness_patterns(X)

    def one_pass(params: MixtureParams, _more: bool) -> tuple[float, np.ndarray | None, Any]:
        total, log_resp = missing_e_step(X, patterns, params, covariance_type, sample_weight)
        assigned = np.argmax(log_resp, axis=1) if labels else None

        def m_step() -> MixtureParams:
            resp = np.exp(log_resp)
            return missing_m_step(
                X, patterns, resp, params, covariance_type, reg_covar, sample_weight
            )

        return total, assigned, m_step

    yield from em_snapshots(
        one_pass,
        start,
        X.shape[0],
        max_iter=max_iter,
        tol=tol,
        stopping=stopping,
        restart=restart,
        n_restarts=n_restarts,
        sample_weight=sample_weight,
    )


def missing_em_step(
    X: np.ndarray,
    params: MixtureParams,
    covariance_type: str = "full",
    reg_covar: float = 1e-6,
    sample_weight: np.ndarray | None = None,
) -> tuple[float, MixtureParams]:
    """One EM pass on X (n, d) with missing cells (``em.em_step``'s contract)."""
    patterns = missingness_patterns(X)
    total, log_resp = missing_e_step(X, patterns, params, covariance_type, sample_weight)
    resp = np.exp(log_resp)
    return total, missing_m_step(
        X, patterns, resp, params, covariance_type, reg_covar, sample_weight
    )


def missing_responsibilities(
    X: np.ndarray, params: MixtureParams, covariance_type: str = "full"
) -> np.ndarray:
    """Posterior probabilities (n, K) of the rows of X (n, d) from their observed cells."""
    X = np.asarray(X, dtype=float).reshape(len(X), -1)
    return np.exp(missing_e_step(X, missingness_patterns(X), params, covariance_type)[1])


def expected_values(X: np.ndarray, params: MixtureParams, resp: np.ndarray) -> np.ndarray:
    """X (n, d) with each missing cell replaced by its expectation given the observed cells,
    sum_k r_ik E[x_m | x_o, k] (the conditional means mixed by the responsibilities (n, K))."""
    patterns = missingness_patterns(X)
    out = np.zeros_like(X)
    for k in range(params.n_components):
        filled, _ = conditional_fill(X, patterns, params, k)
        out += resp[:, k, None] * filled
    observed = ~np.isnan(X)
    out[observed] = X[observed]
    return out
