"""Fit indices: each equals its formula computed independently (by hand, scikit-learn, mclust)."""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterator
from math import log
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import GaussianMixture
from threadpoolctl import threadpool_limits

from gmm_desktop.engine import FitConfig, GMMInputError, MixtureParams, fit, n_free_parameters
from gmm_desktop.engine.density import log_likelihood
from gmm_desktop.engine.indices import FitIndices, fit_indices, parameter_breakdown
from gmm_desktop.engine.posterior import responsibilities
from gmm_desktop.engine.selection import ModelScore, sweep_models

from .helpers import random_spd, sample_clusters, sklearn_covariances_as_full

FAITHFUL = Path(__file__).resolve().parents[2] / "resources" / "demo" / "faithful.csv"


@pytest.fixture(autouse=True)
def _one_blas_thread() -> Iterator[None]:
    with threadpool_limits(limits=1):
        yield


# ---------------------------------------------------------------- parameter counts


@pytest.mark.parametrize(
    ("covariance_type", "expected"),
    [
        # K = 4, d = 3: weights 3, means 12, covariances by hand
        ("full", (3, 12, 4 * 6)),  # four 3x3 symmetric matrices: 6 values each
        ("diag", (3, 12, 4 * 3)),  # four diagonals of 3
        ("spherical", (3, 12, 4)),  # one variance per component
        ("tied", (3, 12, 6)),  # one shared 3x3 symmetric matrix
    ],
)
def test_parameter_counts_for_three_columns_by_hand(covariance_type, expected) -> None:
    assert parameter_breakdown(4, 3, covariance_type) == expected
    assert sum(expected) == n_free_parameters(4, 3, covariance_type)
    resp = np.full((50, 4), 0.25)
    ix = fit_indices(-100.0, 50, 4, 3, covariance_type, resp)
    assert ix.n_parameters == sum(expected)
    assert ix.as_dict()["parameters"] == dict(
        zip(("weights", "means", "covariances"), expected, strict=True)
    )


def test_unknown_covariance_type_and_mismatched_responsibilities_are_refused() -> None:
    with pytest.raises(GMMInputError, match="unknown covariance type"):
        parameter_breakdown(2, 2, "round")
    with pytest.raises(GMMInputError, match="do not match 10 rows and 2 components"):
        fit_indices(-1.0, 10, 2, 1, "full", np.full((10, 3), 1 / 3))


# ---------------------------------------------------------------- a tiny example by hand

TINY_RESP = np.array([[0.9, 0.1], [0.8, 0.2], [0.3, 0.7], [0.6, 0.4]])
TINY_LL = -10.0


def test_tiny_example_every_index_by_hand() -> None:
    """n = 4, K = 2, d = 1, full: p = 1 + 2 + 2 = 5; every value written out by hand."""
    ix = fit_indices(TINY_LL, 4, 2, 1, "full", TINY_RESP)
    p = 5
    assert ix.n_parameters == p
    assert ix.aic == pytest.approx(20.0 + 10.0)
    assert ix.bic == pytest.approx(20.0 + 5 * log(4))
    assert ix.sabic == pytest.approx(20.0 + 5 * log(6 / 24))  # (n + 2) / 24 = 0.25
    assert ix.caic == pytest.approx(20.0 + 5 * (log(4) + 1))
    hard = log(0.9) + log(0.8) + log(0.7) + log(0.6)  # each row's largest responsibility
    assert ix.classification_log_likelihood == pytest.approx(-10.0 + hard)
    assert ix.icl == pytest.approx(20.0 + 5 * log(4) - 2 * hard)
    assert ix.awe == pytest.approx(-2 * (-10.0 + hard) + 2 * p * (1.5 + log(4)))
    entropy = -sum(z * log(z) for z in (0.9, 0.1, 0.8, 0.2, 0.3, 0.7, 0.6, 0.4))
    assert ix.entropy == pytest.approx(entropy)
    assert ix.icl_entropy == pytest.approx(20.0 + 5 * log(4) + 2 * entropy)
    assert ix.relative_entropy == pytest.approx(1 - entropy / (4 * log(2)))
    # hard assignment: rows 1, 2, 4 in component 1; row 3 in component 2
    assert ix.class_counts == (3, 1)
    assert ix.average_posterior == pytest.approx(((0.9 + 0.8 + 0.6) / 3, 0.7))
    assert (ix.smallest_class, ix.smallest_class_count) == (1, 1)
    assert ix.smallest_class_percent == pytest.approx(25.0)


def test_numbers_by_hand_to_four_decimals() -> None:
    """The same tiny fit against values worked out on paper (4 decimals)."""
    ix = fit_indices(TINY_LL, 4, 2, 1, "full", TINY_RESP)
    assert round(ix.bic, 4) == 26.9315  # 20 + 5 x 1.386294
    assert round(ix.sabic, 4) == 13.0685  # 20 - 5 x 1.386294
    assert round(ix.caic, 4) == 31.9315
    # hard term ln 0.9 + ln 0.8 + ln 0.7 + ln 0.6 = -1.196005
    assert round(ix.icl, 4) == 29.3235  # 26.931472 + 2 x 1.196005
    assert round(ix.awe, 4) == 51.2550  # 2 x 11.196005 + 10 x (1.5 + 1.386294)


def test_one_component_relative_entropy_is_one_and_icl_is_bic() -> None:
    ix = fit_indices(-50.0, 30, 1, 2, "diag", np.ones((30, 1)))
    assert ix.relative_entropy == 1.0  # the convention for K = 1
    assert ix.icl == ix.bic and ix.icl_entropy == ix.bic
    assert ix.awe == pytest.approx(100.0 + 2 * 4 * (1.5 + log(30)))
    assert ix.average_posterior == (1.0,) and ix.small_class_warning is None


def test_relative_entropy_is_zero_when_every_row_is_undecided() -> None:
    ix = fit_indices(-50.0, 40, 4, 1, "full", np.full((40, 4), 0.25))
    assert ix.relative_entropy == pytest.approx(0.0, abs=1e-12)


# ---------------------------------------------------------------- smallest class


def _resp_with_counts(counts: list[int]) -> np.ndarray:
    """Hard (0/1) responsibilities with ``counts`` rows in each component, shape (n, K)."""
    labels = np.repeat(np.arange(len(counts)), counts)
    return np.eye(len(counts))[labels]


@pytest.mark.parametrize(
    ("counts", "warned"),
    [
        ([960, 40], True),  # 4% of the rows: under 5%
        ([940, 60], False),  # 6% and 60 rows
        ([180, 20], True),  # 10%, but under 25 rows
        ([175, 25], False),  # exactly 25 rows (12.5%)
        ([950, 50], False),  # exactly 5%
    ],
)
def test_small_class_warning_under_five_percent_or_twenty_five_rows(counts, warned) -> None:
    n = sum(counts)
    ix = fit_indices(-1000.0, n, 2, 1, "full", _resp_with_counts(counts))
    assert ix.smallest_class_count == counts[1]
    assert ix.smallest_class_percent == pytest.approx(100 * counts[1] / n)
    assert (ix.small_class_warning is not None) == warned
    if warned:
        assert f"only {counts[1]} of {n} rows" in (ix.small_class_warning or "")


def test_an_empty_class_has_no_average_posterior() -> None:
    resp = np.array([[0.7, 0.2, 0.1], [0.6, 0.1, 0.3], [0.2, 0.7, 0.1]])
    ix = fit_indices(-5.0, 3, 3, 1, "full", resp)
    assert ix.class_counts == (2, 1, 0)
    assert ix.average_posterior[:2] == pytest.approx((0.65, 0.7))
    assert math.isnan(ix.average_posterior[2])
    assert ix.as_dict()["average_posterior"][2] is None
    assert (ix.smallest_class, ix.smallest_class_count) == (2, 0)


# ---------------------------------------------------------------- scikit-learn


def _mixture_data(seed: int, d: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    means = rng.normal(scale=2.5, size=(3, d))
    covs = np.stack([random_spd(rng, d) for _ in range(3)])
    X, _ = sample_clusters(rng, means, covs, [120, 80, 50])
    return X


@pytest.mark.parametrize("covariance_type", ["full", "diag", "spherical", "tied"])
def test_aic_and_bic_equal_scikit_learns_on_its_own_fit(covariance_type) -> None:
    """scikit-learn fits; our densities give LL and responsibilities of its parameters."""
    X = _mixture_data(3, 3)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        gm = GaussianMixture(3, covariance_type=covariance_type, random_state=0).fit(X)
    covs = sklearn_covariances_as_full(gm.covariances_, covariance_type, 3, 3)
    params = MixtureParams(gm.weights_, gm.means_, covs)
    ll = log_likelihood(X, params, covariance_type)
    resp = responsibilities(X, params, covariance_type)
    ix = fit_indices(ll, len(X), 3, 3, covariance_type, resp)
    assert ix.n_parameters == gm._n_parameters()
    assert ix.bic == pytest.approx(gm.bic(X), rel=1e-9)
    assert ix.aic == pytest.approx(gm.aic(X), rel=1e-9)
    assert np.allclose(resp, gm.predict_proba(X), atol=1e-8)


def test_fit_result_and_model_score_carry_the_same_indices() -> None:
    X = _mixture_data(5, 2)
    (score,) = sweep_models(X, [3], ["diag"], n_init=2)
    assert score.result is not None and score.indices is not None
    result = score.result
    assert result.indices is score.indices  # computed once per fit
    assert (result.indices.bic, result.indices.aic) == (
        pytest.approx(result.bic, rel=1e-12),
        pytest.approx(result.aic, rel=1e-12),
    )
    assert score.icl == score.indices.icl
    assert score.icl_entropy == pytest.approx(score.indices.icl_entropy, rel=1e-12)
    row = score.as_dict()
    for key in ("sabic", "caic", "awe", "icl", "relative_entropy"):
        assert row[key] == pytest.approx(getattr(score.indices, key), rel=1e-12)


def test_a_model_without_a_fit_exports_no_indices() -> None:
    nan = float("nan")
    score = ModelScore(2, "full", nan, nan, nan, nan, 0, False, True, 5)
    row = score.as_dict()
    assert score.indices is None and math.isnan(score.icl)
    assert row["n_parameters"] == 5
    assert all(row[k] is None for k in ("sabic", "caic", "awe", "icl", "smallest_class"))


# ---------------------------------------------------------------- mclust's convention


def _mclust_icl(bic_mclust: float, z: np.ndarray) -> float:
    """mclust's icl.Mclust, line by line: bic + 2 sum(C * log z), C the 0/1 map matrix."""
    n, k = z.shape
    C = np.zeros((n, k))
    for i in range(n):
        C[i, int(np.argmax(z[i]))] = 1.0
    with np.errstate(divide="ignore"):
        logs = np.where(z > 0, np.log(np.where(z > 0, z, 1.0)), 0.0)
    return float(bic_mclust + 2.0 * np.sum(C * logs))


def test_faithful_bic_matches_mclusts_published_eee_three() -> None:
    """mclust on Old Faithful, EEE (our tied) with 3 components: LL -1126.326, BIC -2314.316
    in mclust's sign (higher is better); ours is 2314.316, lower is better."""
    resp = np.full((272, 3), 1 / 3)
    published = fit_indices(-1126.326, 272, 3, 2, "tied", resp)
    assert published.n_parameters == 11  # 2 weights, 6 means, 3 shared covariance values
    assert round(published.bic, 3) == 2314.316
    X = pd.read_csv(FAITHFUL)[["eruptions", "waiting"]].to_numpy(float)
    ours = fit(X, FitConfig(3, covariance_type="tied", n_init=4, seed=0)).indices
    # our EM runs to a tighter tolerance: the same optimum, a hair higher
    assert -1126.326 - 1e-3 <= ours.log_likelihood <= -1126.326 + 0.05
    assert ours.bic == pytest.approx(2314.316, abs=0.05)
    mclust_bic = 2 * ours.log_likelihood - ours.n_parameters * log(272)
    assert ours.bic == pytest.approx(-mclust_bic, rel=1e-12)


def test_icl_is_minus_mclusts_icl_and_differs_from_the_entropy_version() -> None:
    X = _mixture_data(8, 2)  # overlapping enough for both terms to matter
    result = fit(X, FitConfig(3, n_init=2, seed=1))
    ix = result.indices
    z = result.responsibilities
    mclust_bic = 2 * result.log_likelihood - result.n_parameters * log(len(X))
    assert ix.icl == pytest.approx(-_mclust_icl(mclust_bic, z), rel=1e-12)
    entropy = -np.sum(np.where(z > 0, z * np.log(np.where(z > 0, z, 1.0)), 0.0))
    assert ix.icl_entropy == pytest.approx(result.bic + 2 * entropy, rel=1e-12)
    assert ix.bic < ix.icl < ix.icl_entropy


def test_as_dict_is_json_ready_and_names_every_index() -> None:
    ix = fit_indices(TINY_LL, 4, 2, 1, "full", TINY_RESP)
    assert isinstance(ix, FitIndices)
    row = ix.as_dict()
    for key in ("n_parameters", "aic", "bic", "sabic", "caic", "awe", "icl", "icl_entropy"):
        assert isinstance(row[key], int | float)
    assert row["smallest_class"]["count"] == 1 and row["smallest_class"]["component"] == 2
    assert "only 1 of 4 rows" in row["smallest_class"]["warning"]
    assert row["class_counts"] == [3, 1]
