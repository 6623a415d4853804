"""EM as an iterator of immutable snapshots: the CLI, the tests and the GUI all drive this."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Any

import numpy as np

from .density import e_step, has_missing
from .missing import iterate_missing_em, missing_em_step
from .mstep import m_step
from .params import MixtureParams
from .snapshot import EMSnapshot, em_snapshots, total_weight
from .stopping import DEFAULT_TOL

# EMSnapshot and total_weight are imported from here too (they lived here once)
__all__ = ["EMSnapshot", "em_step", "iterate_em", "total_weight"]


def iterate_em(
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
    milestones: Collection[int] | None = None,
) -> Iterator[EMSnapshot]:
    """Run EM from ``start`` on X (n, d), yielding a snapshot before the first and after every
    M-step. Stops when the ``stopping`` rule is met for ``tol`` (see ``stopping.py``) or after
    ``max_iter`` M-steps. Stop early by not asking for more.
    ``milestones`` (iteration numbers) lets an iterator leave out the snapshots of other
    iterations except the final one, for callers that need only those (``search`` with
    ``thin``); this one always yields every snapshot, the compiled one leaves some out.
    With ``labels`` each snapshot carries the rows' most likely components (n,).
    ``sample_weight`` (n,), checked by ``config.check_weights``, makes row i count w_i times
    (weighted EM; integer weights give the fit of the rows repeated); the log-likelihoods are
    then weighted sums and the per-row stopping rules divide by the sum of the weights.
    Missing (NaN) cells of X are left to the model (``missing.iterate_missing_em``).
    """
    if has_missing(X):
        yield from iterate_missing_em(
            X,
            start,
            covariance_type=covariance_type,
            max_iter=max_iter,
            tol=tol,
            reg_covar=reg_covar,
            restart=restart,
            n_restarts=n_restarts,
            labels=labels,
            stopping=stopping,
            sample_weight=sample_weight,
        )
        return

    def one_pass(params: MixtureParams, _more: bool) -> tuple[float, np.ndarray | None, Any]:
        total, log_resp = e_step(X, params, covariance_type, sample_weight)
        assigned = np.argmax(log_resp, axis=1) if labels else None
        return (
            total,
            assigned,
            lambda: m_step(X, np.exp(log_resp), covariance_type, reg_covar, sample_weight),
        )

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


def em_step(
    X: np.ndarray,
    params: MixtureParams,
    covariance_type: str = "full",
    reg_covar: float = 1e-6,
    sample_weight: np.ndarray | None = None,
) -> tuple[float, MixtureParams]:
    """One EM pass on X (n, d): (total log-likelihood of ``params``, the M-step's params);
    ``sample_weight`` (n,) as in ``iterate_em``; missing (NaN) cells as there."""
    if has_missing(X):
        return missing_em_step(X, params, covariance_type, reg_covar, sample_weight)
    total, log_resp = e_step(X, params, covariance_type, sample_weight)
    return total, m_step(X, np.exp(log_resp), covariance_type, reg_covar, sample_weight)
