"""Log densities and the E-step against scipy, and their behaviour in log space."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.special import logsumexp
from scipy.stats import multivariate_normal

from gmm_desktop.engine import (
    COVARIANCE_TYPES,
    GMMInputError,
    MixtureParams,
    e_step,
    log_gaussian_densities,
    log_likelihood,
    mixture_log_density,
    responsibilities,
)

from .helpers import random_covariances


def _scipy_log_densities(X: np.ndarray, params: MixtureParams) -> np.ndarray:
    return np.column_stack(
        [
            multivariate_normal(mean=m, cov=c).logpdf(X).reshape(len(X))
            for m, c in zip(params.means, params.covariances, strict=True)
        ]
    )


def _random_params(seed: int, k: int, d: int, covariance_type: str) -> MixtureParams:
    rng = np.random.default_rng(seed)
    return MixtureParams(
        rng.dirichlet(np.ones(k)),
        rng.normal(scale=2.0, size=(k, d)),
        random_covariances(rng, k, d, covariance_type),
    )


@pytest.mark.parametrize("d", [1, 2, 5])
@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_log_densities_match_scipy(covariance_type: str, d: int) -> None:
    params = _random_params(10 * d, 3, d, covariance_type)
    X = np.random.default_rng(d).normal(scale=3.0, size=(60, d))
    ours = log_gaussian_densities(X, params, covariance_type)
    assert ours.shape == (60, 3)
    np.testing.assert_allclose(ours, _scipy_log_densities(X, params), rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("covariance_type", ["diag", "spherical"])
def test_diagonal_types_use_only_the_diagonal(covariance_type: str) -> None:
    params = _random_params(3, 2, 3, "full")
    diagonal_only = MixtureParams(
        params.weights,
        params.means,
        np.stack([np.diag(np.diag(c)) for c in params.covariances]),
    )
    X = np.random.default_rng(0).normal(size=(20, 3))
    np.testing.assert_allclose(
        log_gaussian_densities(X, params, covariance_type),
        _scipy_log_densities(X, diagonal_only),
        rtol=1e-12,
    )


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_point_a_thousand_standard_deviations_away(covariance_type: str) -> None:
    d = 2
    sd = 0.5
    params = MixtureParams(
        np.array([0.4, 0.6]),
        np.array([[0.0, 0.0], [1.0, 1.0]]),
        np.stack([np.eye(d) * sd**2] * 2),
    )
    far = np.array([[1e3 * sd, 0.0], [0.0, -1e3 * sd], [0.2, 0.3]])
    logd = log_gaussian_densities(far, params, covariance_type)
    assert np.all(np.isfinite(logd))
    # component 0, first row: exactly 1000 standard deviations out
    expected = -0.5 * (d * np.log(2 * np.pi) + 1e6) - d * np.log(sd)
    assert logd[0, 0] == pytest.approx(expected, rel=1e-13)
    np.testing.assert_allclose(logd, _scipy_log_densities(far, params), rtol=1e-12)

    total, log_resp = e_step(far, params, covariance_type)
    resp = np.exp(log_resp)
    assert np.isfinite(total)
    assert not np.any(np.isnan(resp))
    np.testing.assert_allclose(resp.sum(axis=1), 1.0, rtol=1e-12)
    # The far point on the x axis is nearer (in Mahalanobis terms) to component 1 at (1, 1).
    assert resp[0, 1] > 0.999
    expected_total = logsumexp(_scipy_log_densities(far, params) + np.log(params.weights), axis=1)
    assert total == pytest.approx(float(expected_total.sum()), rel=1e-12)


def test_fifty_dimensions_do_not_underflow() -> None:
    rng = np.random.default_rng(50)
    d, k = 50, 3
    params = MixtureParams(
        np.full(k, 1.0 / k),
        rng.normal(scale=4.0, size=(k, d)),
        random_covariances(rng, k, d, "full") * 0.05,
    )
    X = rng.normal(scale=4.0, size=(30, d))
    logd = log_gaussian_densities(X, params, "full")
    # Plain densities would all be exactly 0.0 here; the log densities are finite and right.
    assert np.all(np.exp(logd) == 0.0)
    assert np.all(np.isfinite(logd))
    np.testing.assert_allclose(logd, _scipy_log_densities(X, params), rtol=1e-11)

    total, log_resp = e_step(X, params, "full")
    assert np.isfinite(total)
    assert np.all(np.isfinite(log_resp))
    np.testing.assert_allclose(np.exp(log_resp).sum(axis=1), 1.0, rtol=1e-12)


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_e_step_rows_sum_to_one_and_total_matches_scipy(covariance_type: str) -> None:
    params = _random_params(42, 4, 3, covariance_type)
    X = np.random.default_rng(1).normal(scale=3.0, size=(80, 3))
    total, log_resp = e_step(X, params, covariance_type)
    assert log_resp.shape == (80, 4)
    np.testing.assert_allclose(np.exp(log_resp).sum(axis=1), 1.0, rtol=1e-12)
    weighted = _scipy_log_densities(X, params) + np.log(params.weights)
    per_row = logsumexp(weighted, axis=1)
    assert total == pytest.approx(float(per_row.sum()), rel=1e-12)
    np.testing.assert_allclose(log_resp, weighted - per_row[:, None], rtol=1e-10, atol=1e-10)
    assert log_likelihood(X, params, covariance_type) == total
    np.testing.assert_allclose(mixture_log_density(X, params, covariance_type), per_row, rtol=1e-12)
    np.testing.assert_allclose(responsibilities(X, params, covariance_type), np.exp(log_resp))


@pytest.mark.parametrize("covariance_type", ["full", "tied", "diag", "spherical"])
def test_singular_covariance_raises_plain_error(covariance_type: str) -> None:
    params = MixtureParams(
        np.full(2, 0.5), np.array([[0.0, 0.0], [1.0, 1.0]]), np.stack([np.eye(2), np.zeros((2, 2))])
    )
    with pytest.raises(GMMInputError, match="singular"):
        log_gaussian_densities(np.zeros((3, 2)), params, covariance_type)
