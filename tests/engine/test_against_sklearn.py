"""The engine against scikit-learn's GaussianMixture (a test-only oracle).

Stepping scikit-learn one M-step per ``fit`` call (``max_iter=1, warm_start=True, tol=0``),
``lower_bound_ * n`` after the j-th call is the log-likelihood of the parameters before that
call's M-step, i.e. our snapshot j - 1; its fitted parameters after j calls are our snapshot j.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import GaussianMixture

from gmm_desktop.engine import (
    COVARIANCE_TYPES,
    FitConfig,
    MixtureParams,
    fit,
    iterate_em,
    n_free_parameters,
)

from .helpers import (
    random_covariances,
    random_spd,
    sample_clusters,
    sklearn_covariances_as_full,
    sklearn_precisions,
)

N_STEPS = 12
DIMENSIONS = (1, 2, 3, 10)


def _problem(covariance_type: str, d: int) -> tuple[np.ndarray, MixtureParams]:
    """Three overlapping clusters and a deliberately poor start (so EM has work to do)."""
    seed = 1000 * COVARIANCE_TYPES.index(covariance_type) + d
    rng = np.random.default_rng(seed)
    k = 3
    means = rng.normal(scale=2.5, size=(k, d))
    X, _ = sample_clusters(rng, means, np.stack([random_spd(rng, d) for _ in range(k)]), [90] * 3)
    start = MixtureParams(
        rng.dirichlet(np.full(k, 5.0)),
        X[rng.choice(len(X), size=k, replace=False)],
        random_covariances(rng, k, d, covariance_type),
    )
    return X, start


def _stepped_sklearn(
    X: np.ndarray, start: MixtureParams, covariance_type: str, n_steps: int
) -> tuple[GaussianMixture, np.ndarray]:
    """scikit-learn after ``n_steps`` single-M-step fits, and its lower bounds times n."""
    gm = GaussianMixture(
        start.n_components,
        covariance_type=covariance_type,
        weights_init=start.weights,
        means_init=start.means,
        precisions_init=sklearn_precisions(start, covariance_type),
        max_iter=1,
        warm_start=True,
        tol=0.0,
    )
    bounds = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        for _ in range(n_steps):
            gm.fit(X)
            bounds.append(gm.lower_bound_ * X.shape[0])
    return gm, np.array(bounds)


@pytest.mark.parametrize("d", DIMENSIONS)
@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_same_trajectory_and_parameters_as_sklearn(covariance_type: str, d: int) -> None:
    X, start = _problem(covariance_type, d)
    snaps = list(iterate_em(X, start, covariance_type=covariance_type, max_iter=N_STEPS, tol=0.0))
    assert [s.iteration for s in snaps] == list(range(N_STEPS + 1))

    gm, sk_ll = _stepped_sklearn(X, start, covariance_type, N_STEPS)
    ours = np.array([s.log_likelihood for s in snaps[:N_STEPS]])
    # EM must actually move, or agreement would prove little.
    assert ours[-1] - ours[0] > 1.0
    np.testing.assert_allclose(ours, sk_ll, rtol=1e-9, atol=0)

    k = start.n_components
    final = snaps[N_STEPS].params
    sk_covs = sklearn_covariances_as_full(gm.covariances_, covariance_type, k, d)
    scale = float(np.max(np.abs(sk_covs)))
    np.testing.assert_allclose(final.weights, gm.weights_, rtol=1e-7, atol=1e-14)
    np.testing.assert_allclose(final.means, gm.means_, rtol=1e-7, atol=1e-12)
    np.testing.assert_allclose(final.covariances, sk_covs, rtol=1e-7, atol=1e-12 * scale)


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_bic_aic_and_parameter_count_match_sklearn(covariance_type: str) -> None:
    d = 3
    X, start = _problem(covariance_type, d)
    n_steps = 15
    gm, _ = _stepped_sklearn(X, start, covariance_type, n_steps)
    config = FitConfig(
        n_components=start.n_components,
        covariance_type=covariance_type,
        init="manual",
        init_params=start,
        max_iter=n_steps,
        tol=0.0,
    )
    result = fit(X, config)
    assert result.n_iter == n_steps
    assert result.n_parameters == gm._n_parameters()
    assert n_free_parameters(start.n_components, d, covariance_type) == gm._n_parameters()
    np.testing.assert_allclose(result.log_likelihood, gm.score(X) * len(X), rtol=1e-10)
    np.testing.assert_allclose(result.bic, gm.bic(X), rtol=1e-10)
    np.testing.assert_allclose(result.aic, gm.aic(X), rtol=1e-10)


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
@pytest.mark.parametrize(("k", "d"), [(1, 1), (2, 1), (4, 2), (3, 7)])
def test_parameter_count_formula_matches_sklearn(covariance_type: str, k: int, d: int) -> None:
    rng = np.random.default_rng(7)
    X = rng.normal(size=(40, d))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        gm = GaussianMixture(k, covariance_type=covariance_type, max_iter=2, random_state=0).fit(X)
    assert n_free_parameters(k, d, covariance_type) == gm._n_parameters()
