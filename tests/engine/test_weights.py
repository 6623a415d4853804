"""Row weights (frequencies): weighted EM on both backends equals the fit of repeated rows."""

from __future__ import annotations

import numpy as np
import pytest

from gmm_desktop.engine import FitConfig, GMMInputError, MixtureParams, backend, fit
from gmm_desktop.engine.config import check_weights

from .helpers import random_covariances

COVARIANCE_TYPES = ("full", "diag", "spherical", "tied")
BACKENDS = ("reference", "compiled")


def _problem(seed: int, d: int = 2) -> tuple[np.ndarray, np.ndarray, MixtureParams]:
    """Two groups (n, d), integer frequencies (n,) from 0 to 4, and a start of two components."""
    rng = np.random.default_rng(seed)
    X = np.vstack([rng.normal(0.0, 1.0, (45, d)), rng.normal(3.0, 0.7, (35, d))])
    weights = rng.integers(0, 5, X.shape[0]).astype(float)
    means = np.stack([np.full(d, -0.5), np.full(d, 2.0)])
    start = MixtureParams(np.array([0.4, 0.6]), means, random_covariances(rng, 2, d, "full"))
    return X, weights, start


def _path(name: str, X, start, covariance_type, sample_weight=None, max_iter=60):
    run = backend.by_name(name)
    kwargs = {} if sample_weight is None else {"sample_weight": sample_weight}
    return list(
        run.iterate(X, start, covariance_type=covariance_type, max_iter=max_iter, tol=0.0, **kwargs)
    )


@pytest.mark.parametrize("name", BACKENDS)
@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
@pytest.mark.parametrize("d", [1, 3])
def test_frequency_weights_give_the_fit_of_repeated_rows(name, covariance_type, d):
    X, weights, start = _problem(5 + d, d)
    repeated = np.repeat(X, weights.astype(int), axis=0)
    weighted = _path(name, X, start, covariance_type, weights)
    plain = _path(name, repeated, start, covariance_type)
    assert len(weighted) == len(plain) == 61
    for a, b in zip(weighted, plain, strict=True):
        assert a.log_likelihood == pytest.approx(b.log_likelihood, rel=1e-10, abs=1e-10)
        np.testing.assert_allclose(a.weights, b.weights, rtol=1e-10, atol=1e-10)
        np.testing.assert_allclose(a.means, b.means, rtol=1e-10, atol=1e-10)
        np.testing.assert_allclose(a.covariances, b.covariances, rtol=1e-10, atol=1e-10)


@pytest.mark.parametrize("name", BACKENDS)
@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_weights_of_one_give_the_unweighted_path(name, covariance_type):
    X, _, start = _problem(11)
    ones = _path(name, X, start, covariance_type, np.ones(X.shape[0]))
    plain = _path(name, X, start, covariance_type)
    for a, b in zip(ones, plain, strict=True):
        assert a.log_likelihood == pytest.approx(b.log_likelihood, rel=1e-12)
        np.testing.assert_allclose(a.means, b.means, rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(a.covariances, b.covariances, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("name", BACKENDS)
@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
@pytest.mark.parametrize("seed", range(4))
def test_weighted_log_likelihood_never_decreases(name, covariance_type, seed):
    X, _, start = _problem(20 + seed)
    weights = np.random.default_rng(seed).uniform(0.0, 3.0, X.shape[0])  # not whole numbers
    path = [s.log_likelihood for s in _path(name, X, start, covariance_type, weights, 200)]
    steps = np.diff(path)
    assert np.all(steps >= -1e-12 * abs(path[-1])), steps.min()


@pytest.mark.parametrize("name", BACKENDS)
def test_the_compiled_weighted_pass_matches_the_reference_on_many_rows(name):
    """Past the block loop's size the compiled backend runs its weighted kernel pass by pass."""
    rng = np.random.default_rng(2)
    X = np.vstack([rng.normal(0.0, 1.0, (12_000, 2)), rng.normal(3.0, 1.0, (8_000, 2))])
    weights = rng.uniform(0.0, 2.0, X.shape[0])
    start = MixtureParams(
        np.array([0.5, 0.5]), np.array([[0.5, 0.0], [2.0, 2.0]]), np.stack([np.eye(2)] * 2)
    )
    got = _path(name, X, start, "full", weights, 15)
    ref = _path("reference", X, start, "full", weights, 15)
    for a, b in zip(got, ref, strict=True):
        assert a.log_likelihood == pytest.approx(b.log_likelihood, rel=1e-12)
        np.testing.assert_allclose(a.means, b.means, rtol=1e-10)


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_a_weighted_fit_reports_the_indices_of_the_repeated_rows(covariance_type):
    """BIC, SABIC, ICL, entropy and class sizes take n = the sum of the weights."""
    X, weights, start = _problem(3)
    config = FitConfig(
        n_components=2, covariance_type=covariance_type, init="manual", init_params=start
    )
    repeated = np.repeat(X, weights.astype(int), axis=0)
    for name in BACKENDS:
        run = backend.by_name(name)
        weighted = fit(X, config, backend=run, sample_weight=weights)
        plain = fit(repeated, config, backend=run)
        assert weighted.sum_of_weights == repeated.shape[0]
        a, b = weighted.indices, plain.indices
        assert a.sum_of_weights == repeated.shape[0] and b.sum_of_weights is None
        for key in ("log_likelihood", "bic", "aic", "sabic", "caic", "awe", "icl", "entropy"):
            assert getattr(a, key) == pytest.approx(getattr(b, key), rel=1e-9), key
        assert a.class_counts == b.class_counts
        assert weighted.bic == pytest.approx(plain.bic, rel=1e-9)


@pytest.mark.parametrize(
    ("weights", "words"),
    [
        ([1.0, -1.0, 1.0], "row 2 has -1.0"),
        ([1.0, 1.0, np.nan], "row 3 has nan"),
        ([1.0, np.inf, 1.0], "row 2 has inf"),
        ([1.0, 1.0], "one row weight for each of the 3 rows"),
        ([0.0, 0.0, 0.0], "add up to zero"),
        (["a", "b", "c"], "must be numbers"),
    ],
)
def test_bad_weights_are_refused_in_plain_words(weights, words):
    with pytest.raises(GMMInputError, match=words):
        check_weights(np.array(weights, dtype=object), 3)
    X = np.arange(6.0).reshape(3, 2)
    with pytest.raises(GMMInputError, match=words):
        fit(X, FitConfig(n_components=1), sample_weight=np.array(weights, dtype=object))


def test_a_controlled_fit_takes_the_weights_too():
    """The window's fit loop (``control.run_controlled_fit``) runs the same weighted fit."""
    from gmm_desktop.engine.control import FitControl, run_controlled_fit

    X, weights, start = _problem(8)
    config = FitConfig(n_components=2, init="manual", init_params=start)
    got = run_controlled_fit(X, config, FitControl(), lambda _s: None, sample_weight=weights)
    want = fit(X, config, sample_weight=weights)
    assert got is not None and got.sum_of_weights == weights.sum()
    assert got.log_likelihood == pytest.approx(want.log_likelihood, rel=1e-12)
    assert got.bic == pytest.approx(want.bic, rel=1e-12)


def test_only_a_weighted_fit_adds_sum_of_weights_to_the_indices():
    """models.csv and sessions take the keys of ``as_dict``: unweighted fits keep today's."""
    X, weights, start = _problem(9)
    config = FitConfig(n_components=2, init="manual", init_params=start)
    assert "sum_of_weights" not in fit(X, config).indices.as_dict()
    weighted = fit(X, config, sample_weight=weights).indices.as_dict()
    assert weighted["sum_of_weights"] == weights.sum()


def test_choose_k_models_take_row_weights_and_empty_cells():
    """sweep_models (the Choose K view) fits each model weighted and with its empty cells in
    the model: the scores are those of the same fit, with n = the sum of the weights in BIC,
    and frequency weights score as the repeated rows do."""
    from gmm_desktop.engine.selection import sweep_models

    rng = np.random.default_rng(8)
    X = np.concatenate([rng.normal(0, 1, (60, 2)), rng.normal(4, 1, (60, 2))])
    weights = rng.integers(1, 4, X.shape[0]).astype(float)
    holes = X.copy()
    holes[rng.random(X.shape) < 0.1] = np.nan
    holes[np.isnan(holes).all(axis=1), 0] = 0.5
    options = {"n_init": 1, "seed": 0, "tol": 1e-12, "stopping": "mean-change"}
    options.update(init="kmeans++", accelerate=False)
    scores = sweep_models(
        holes, [1, 2], ["full"], sample_weight=weights, missing="model", **options
    )
    assert [s.n_components for s in scores] == [1, 2]
    for score in scores:
        result = score.result
        assert result is not None and result.config.missing == "model"
        assert result.cells_filled == int(np.isnan(holes).sum())
        again = fit(holes, result.config, sample_weight=weights)
        assert score.log_likelihood == pytest.approx(again.log_likelihood, rel=1e-12)
        penalty = score.n_parameters * np.log(weights.sum())
        assert score.bic == pytest.approx(-2 * score.log_likelihood + penalty)
    repeated = np.repeat(X, weights.astype(int), axis=0)
    weighted = sweep_models(X, [1], ["diag"], sample_weight=weights, **options)
    plain = sweep_models(repeated, [1], ["diag"], **options)
    assert weighted[0].log_likelihood == pytest.approx(plain[0].log_likelihood, rel=1e-10)
    assert weighted[0].bic == pytest.approx(plain[0].bic, rel=1e-10)
    with pytest.raises(GMMInputError, match="missing or infinite"):
        sweep_models(holes, [1], ["full"], **options)  # empty cells need missing="model"
