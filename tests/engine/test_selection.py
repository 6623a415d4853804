"""Model selection: sweeps agree with scikit-learn, degenerate fits never win, ICL is right."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import GaussianMixture
from threadpoolctl import threadpool_limits

from gmm_desktop.engine import (
    FitConfig,
    GMMInputError,
    MixtureParams,
    ModelScore,
    best_model,
    degenerate_components,
    entropy_icl,
    fit,
    sweep_models,
    too_many_components,
)

from .helpers import random_spd, sample_clusters, sklearn_precisions

FAITHFUL = Path(__file__).resolve().parents[2] / "resources" / "demo" / "faithful.csv"
BIC_SLACK = 1.0  # BIC units: what EM's stopping rule (tol on the mean log-likelihood) can leave


@pytest.fixture(autouse=True)
def _one_blas_thread() -> Iterator[None]:
    # Tiny matrices: BLAS threads only compete with each other on a busy machine.
    with threadpool_limits(limits=1):
        yield


def sklearn_bics(X: np.ndarray, scores: list[ModelScore], tol: float) -> list[float]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return [
            GaussianMixture(
                s.n_components, covariance_type=s.covariance_type, n_init=5, random_state=0, tol=tol
            )
            .fit(X)
            .bic(X)
            for s in scores
        ]


def heights_like() -> np.ndarray:
    rng = np.random.default_rng(11)
    return np.concatenate([rng.normal(178, 6, 300), rng.normal(160, 6, 200)])[:, None]


def clusters(seed: int, k: int, d: int, n_each: int, spread: float) -> np.ndarray:
    rng = np.random.default_rng(seed)
    means = rng.normal(scale=spread, size=(k, d))
    covs = np.stack([random_spd(rng, d) for _ in range(k)])
    X, _ = sample_clusters(rng, means, covs, [n_each] * k)
    return X


@pytest.mark.parametrize(
    ("X", "truth", "components", "types"),
    [
        (heights_like(), 2, range(1, 5), ["full"]),
        (clusters(21, 3, 2, 120, 6.0), 3, range(1, 6), ["full", "diag"]),
        (clusters(31, 4, 3, 100, 6.0), 4, range(1, 7), ["full", "spherical"]),
    ],
    ids=["1d-heights-K2", "2d-K3", "3d-K4"],
)
def test_sweep_finds_true_k_and_matches_sklearn(X, truth, components, types) -> None:
    scores = sweep_models(X, list(components), types, n_init=6, seed=0, tol=1e-4)
    assert [(s.n_components, s.covariance_type) for s in scores] == [
        (k, ct) for k in components for ct in types
    ]
    best = best_model(scores)
    assert best is not None and best.n_components == truth
    assert best.bic == min(s.bic for s in scores if not s.degenerate)
    for ours, theirs in zip(scores, sklearn_bics(X, scores, 1e-4), strict=True):
        assert not ours.degenerate
        assert ours.bic <= theirs + BIC_SLACK, (ours.n_components, ours.covariance_type)


def test_faithful_choice_agrees_with_sklearn() -> None:
    X = pd.read_csv(FAITHFUL)[["eruptions", "waiting"]].to_numpy(float)
    types = ["full", "diag", "spherical", "tied"]
    scores = sweep_models(X, [1, 2, 3, 4], types, n_init=10, seed=0)  # select's defaults
    theirs = sklearn_bics(X, scores, 1e-4)
    for ours, bic in zip(scores, theirs, strict=True):
        assert not ours.degenerate
        assert ours.bic <= bic + BIC_SLACK, (ours.n_components, ours.covariance_type)
    best = best_model(scores)
    sk_best = scores[int(np.argmin(theirs))]
    assert best is not None
    assert (best.n_components, best.covariance_type) == (
        sk_best.n_components,
        sk_best.covariance_type,
    )
    assert best.n_components in (2, 3)


def test_scores_match_the_fit_result() -> None:
    X = clusters(5, 2, 2, 80, 5.0)
    (score,) = sweep_models(X, [2], ["full"], n_init=2)
    result = score.result
    assert result is not None
    assert score.bic == result.bic and score.aic == result.aic
    assert score.log_likelihood == result.log_likelihood
    assert score.n_parameters == result.n_parameters == 11
    assert (score.n_iter, score.converged) == (result.n_iter, result.converged)
    # the kept start is reproduced by fit() with the recorded settings
    again = fit(X, result.config)
    assert again.log_likelihood == pytest.approx(result.log_likelihood, rel=1e-12)


def test_icl_matches_an_independent_computation() -> None:
    X = clusters(8, 3, 2, 60, 3.0)  # overlapping, so the entropy is not zero
    (score,) = sweep_models(X, [3], ["full"], n_init=2)
    assert score.result is not None
    p = score.result.params
    gm = GaussianMixture(3, covariance_type="full")
    gm.weights_, gm.means_, gm.covariances_ = p.weights, p.means, p.covariances
    gm.precisions_cholesky_ = np.linalg.cholesky(sklearn_precisions(p, "full"))
    z = gm.predict_proba(X)
    entropy = -np.sum(z * np.log(np.clip(z, 1e-300, None)))
    assert entropy > 1.0
    assert score.icl_entropy == pytest.approx(gm.bic(X) + 2.0 * entropy, rel=1e-9)
    assert entropy_icl(score.result) == pytest.approx(score.icl_entropy, rel=1e-12)
    hard = np.sum(np.log(z[np.arange(len(X)), np.argmax(z, axis=1)]))
    assert score.icl == pytest.approx(gm.bic(X) - 2.0 * hard, rel=1e-9)  # mclust's, our sign
    assert score.icl < score.icl_entropy  # the hard term is the smaller penalty


def spike_data() -> np.ndarray:
    """200 normal rows plus 30 exact copies of 6.0: any component on the copies collapses."""
    rng = np.random.default_rng(1)
    return np.concatenate([rng.normal(0, 1, 200), np.full(30, 6.0)])[:, None]


def test_collapsed_model_would_win_by_raw_bic_but_is_never_best() -> None:
    X = spike_data()
    scores = sweep_models(X, [1, 2, 3], ["full", "spherical"], n_init=2)
    by_key = {(s.n_components, s.covariance_type): s for s in scores}
    collapsed = by_key[(2, "full")]
    assert collapsed.degenerate and "share one value" in collapsed.notes[0]
    assert collapsed.result is not None and collapsed.result.params.covariances.min() < 1e-5
    assert min(s.bic for s in scores) == pytest.approx(collapsed.bic)  # raw BIC would pick it
    best = best_model(scores)
    assert best is not None and not best.degenerate
    assert (best.n_components, best.bic) == (1, by_key[(1, "full")].bic)
    assert best.bic > collapsed.bic + 500


def test_all_degenerate_gives_no_best() -> None:
    X = spike_data()
    scores = sweep_models(X, [2, 3], ["full"], n_init=1)
    assert all(s.degenerate for s in scores)
    assert best_model(scores) is None


def test_collapse_onto_a_rounded_value_is_detected() -> None:
    rng = np.random.default_rng(3)
    h = np.concatenate([rng.normal(176, 8, 90), rng.normal(164, 6, 60)]).round()[:, None]
    start = MixtureParams.from_user(
        [0.45, 0.45, 0.1], [176, 164, 170.3], standard_deviations=[8, 6, 0.4]
    )
    result = fit(h, FitConfig(3, init="manual", init_params=start))
    found = degenerate_components(h, result.params, result.responsibilities, 1e-6)
    assert list(found) == [2]
    # two neighbouring whole-centimetre values, 60/40: narrower than the recording step
    two = MixtureParams.from_user([0.9, 0.1], [170, 174.4], covariances=[60.0, 0.24 + 1e-6])
    resp = np.zeros((150, 2))
    resp[:, 0] = 1.0
    resp[:10, 0], resp[:10, 1] = 0.0, 1.0
    assert list(degenerate_components(h, two, resp, 1e-6)) == [1]


def test_sklearn_collapsed_faithful_fit_is_caught() -> None:
    """Waiting times are whole minutes: scikit-learn's 5-component diag fit (tight tolerance)
    sits one component on the 14 rows with waiting = 83 and scores a BIC no sound model
    reaches; the detector flags it, and our sweep's own 5-diag model is sound."""
    X = pd.read_csv(FAITHFUL)[["eruptions", "waiting"]].to_numpy(float)
    gm = GaussianMixture(
        5, covariance_type="diag", n_init=5, random_state=0, tol=1e-6, max_iter=1000
    )
    gm.fit(X)
    if gm.covariances_.min() > 1e-5:
        pytest.skip("this scikit-learn version did not collapse here")
    covs = np.stack([np.diag(v) for v in gm.covariances_])
    params = MixtureParams(gm.weights_, gm.means_, covs)
    found = degenerate_components(X, params, gm.predict_proba(X), gm.reg_covar)
    assert len(found) == 1
    (score,) = sweep_models(X, [5], ["diag"], n_init=4)
    assert not score.degenerate
    assert gm.bic(X) < score.bic - 50


def test_sound_fits_are_not_flagged() -> None:
    X = clusters(4, 3, 2, 100, 5.0)
    result = fit(X, FitConfig(3, n_init=2, seed=0))
    assert degenerate_components(X, result.params, result.responsibilities, 1e-6) == {}
    # far-apart tight clusters are fine too
    rng = np.random.default_rng(0)
    far = np.concatenate([rng.normal(0, 1, 100), rng.normal(1e4, 1, 100)])[:, None]
    result = fit(far, FitConfig(2, seed=0))
    assert degenerate_components(far, result.params, result.responsibilities, 1e-6) == {}


def test_on_model_is_called_in_order_and_should_stop_cancels() -> None:
    X = clusters(2, 2, 2, 50, 5.0)
    seen: list[tuple[int, str]] = []
    scores = sweep_models(
        X,
        [1, 2, 3],
        ["full", "tied"],
        n_init=1,
        on_model=lambda s: seen.append((s.n_components, s.covariance_type)),
    )
    assert seen == [(s.n_components, s.covariance_type) for s in scores]
    assert seen == [(1, "full"), (1, "tied"), (2, "full"), (2, "tied"), (3, "full"), (3, "tied")]

    done: list[ModelScore] = []
    partial = sweep_models(
        X,
        [1, 2, 3],
        ["full", "tied"],
        n_init=1,
        on_model=done.append,
        should_stop=lambda: len(done) >= 2,
    )
    assert len(partial) == 2 and partial == done

    calls = 0

    def stop_mid_fit() -> bool:
        nonlocal calls
        calls += 1
        return calls > 3  # a few EM iterations into the first model

    assert (
        sweep_models(X, [3], ["full"], n_init=1, tol=0, max_iter=50, should_stop=stop_mid_fit) == []
    )


def test_too_many_components_are_left_out() -> None:
    X = np.arange(5.0)[:, None] + np.random.default_rng(0).normal(size=(5, 1))
    scores = sweep_models(X, [1, 2, 7], ["full"], n_init=1)
    assert [s.n_components for s in scores] == [1, 2]
    assert too_many_components([1, 2, 7, 9], 5) == [7, 9]
    with pytest.raises(GMMInputError, match="larger than the number of rows"):
        sweep_models(X, [6, 7], ["full"])
    with pytest.raises(GMMInputError, match="unknown covariance type 'round'"):
        sweep_models(X, [1], ["round"])


def test_as_dict_has_the_exported_fields() -> None:
    (score,) = sweep_models(clusters(1, 1, 2, 30, 1.0), [1], ["diag"], n_init=1)
    row = score.as_dict()
    assert list(row) == [
        "components",
        "covariance",
        "log_likelihood",
        "n_parameters",
        "bic",
        "aic",
        "sabic",
        "caic",
        "awe",
        "icl",
        "icl_entropy",
        "relative_entropy",
        "smallest_class",
        "average_posterior",
        "iterations",
        "converged",
        "degenerate",
        "starts",
        "starts_reaching_best",
    ]
    assert row["icl"] == pytest.approx(score.bic)  # one component: no entropy
    assert row["icl_entropy"] == pytest.approx(score.bic)
    assert row["relative_entropy"] == 1.0 and row["average_posterior"] == [1.0]
    assert row["smallest_class"] == {"component": 1, "count": 30, "percent": 100.0,
                                     "warning": None}  # fmt: skip
    assert row["n_parameters"] == 4
