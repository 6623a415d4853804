"""Bootstrap standard errors and the BLRT of frequency-weighted rows and of empty cells filled
in the model (issue 21): a row of weight w is w repeated rows, replicate for replicate."""

from __future__ import annotations

import numpy as np
import pytest

from gmm_desktop.engine import FitConfig, GMMInputError, MixtureParams, backend, fit
from gmm_desktop.engine import bootstrap as bootstrap_module
from gmm_desktop.engine.bootstrap import PARAMETERS, bootstrap_fit, resample_counts
from gmm_desktop.engine.lrt import bootstrap_lrt

BACKENDS = ("reference", "compiled")


def _weighted(seed: int = 3, n: int = 60) -> tuple[np.ndarray, np.ndarray]:
    """Two groups in 2-D (n, 2) and whole-number frequencies (n,) from 0 to 3."""
    rng = np.random.default_rng(seed)
    X = np.vstack([rng.normal(0.0, 1.0, (n // 2, 2)), rng.normal(3.5, 0.8, (n - n // 2, 2))])
    return X, rng.integers(0, 4, n).astype(float)


def _with_holes(X: np.ndarray, seed: int = 4) -> np.ndarray:
    """X with about 10% of its cells empty, every row keeping one."""
    rng = np.random.default_rng(seed)
    holes = rng.random(X.shape) < 0.1
    holes[holes.all(axis=1), 0] = False
    return np.where(holes, np.nan, X)


START = MixtureParams(
    np.array([0.5, 0.5]), np.array([[0.0, 0.0], [3.0, 3.0]]), np.stack([np.eye(2)] * 2)
)
"""One start for the full fits, so the weighted and the repeated fits take one path."""


def _assert_same_replicates(a, b, tol: float = 1e-7) -> None:
    assert a.n_done == b.n_done
    for name in PARAMETERS:
        np.testing.assert_allclose(a.replicates[name], b.replicates[name], rtol=tol, atol=tol)
        np.testing.assert_allclose(
            a.standard_error(name), b.standard_error(name), rtol=1e-6, atol=1e-12
        )


@pytest.mark.parametrize("name", BACKENDS)
@pytest.mark.parametrize("kind", ["nonparametric", "parametric"])
def test_weighted_bootstrap_is_the_bootstrap_of_the_repeated_rows(name, kind) -> None:
    run = backend.by_name(name)
    X, w = _weighted()
    repeated = np.repeat(X, w.astype(int), axis=0)
    config = FitConfig(n_components=2, init="manual", init_params=START, tol=1e-10)
    weighted_fit = fit(X, config, backend=run, sample_weight=w)
    plain_fit = fit(repeated, config, backend=run)
    assert weighted_fit.log_likelihood == pytest.approx(plain_fit.log_likelihood, rel=1e-10)
    common = {"n_bootstrap": 8, "kind": kind, "seed": 5, "backend": run, "threads": 1}
    weighted = bootstrap_fit(X, weighted_fit, **common)
    plain = bootstrap_fit(repeated, plain_fit, **common)
    _assert_same_replicates(weighted, plain)
    assert np.all(weighted.standard_error("means") > 0)


@pytest.mark.parametrize("name", BACKENDS)
def test_empty_cells_are_resampled_with_their_rows_weighted_or_not(name, monkeypatch) -> None:
    run = backend.by_name(name)
    X, w = _weighted(seed=8)
    X = _with_holes(X)
    config = FitConfig(n_components=2, init="manual", init_params=START, tol=1e-10, missing="model")
    seen: list[tuple[int, str]] = []
    real_fit = bootstrap_module.fit

    def spy(sample, config, **kwargs):  # type: ignore[no-untyped-def]
        seen.append((int(np.isnan(sample).sum()), config.missing))
        return real_fit(sample, config, **kwargs)

    monkeypatch.setattr(bootstrap_module, "fit", spy)
    plain_fit = fit(X, config, backend=run)
    boot = bootstrap_fit(X, plain_fit, n_bootstrap=8, seed=1, backend=run, threads=1)
    assert boot.complete and np.all(np.isfinite(boot.standard_error("means")))
    assert len(seen) == 8 and all(holes > 0 and missing == "model" for holes, missing in seen)
    # with weights too: the same replicates as the rows repeated, empty cells and all
    repeated = np.repeat(X, w.astype(int), axis=0)
    weighted = bootstrap_fit(
        X, fit(X, config, backend=run, sample_weight=w), n_bootstrap=8, seed=2, backend=run
    )
    again = bootstrap_fit(
        repeated, fit(repeated, config, backend=run), n_bootstrap=8, seed=2, backend=run
    )
    _assert_same_replicates(weighted, again)


def test_resample_counts_are_draws_of_the_expanded_rows(monkeypatch) -> None:
    frequencies = np.array([2.0, 0.0, 5.0, 1.0, 3.0])
    expanded = np.repeat(np.arange(5), frequencies.astype(int))
    one, two = np.random.default_rng(4), np.random.default_rng(4)
    counts = resample_counts(one, frequencies)
    drawn = expanded[two.integers(0, expanded.size, size=expanded.size)]
    np.testing.assert_array_equal(counts, np.bincount(drawn, minlength=5))
    # above the limit: one multinomial draw, the same distribution
    monkeypatch.setattr(bootstrap_module, "EXPANDED_DRAW_LIMIT", 4)
    rng = np.random.default_rng(0)
    many = np.array([resample_counts(rng, frequencies) for _ in range(4000)])
    assert np.all(many.sum(axis=1) == 11) and np.all(many[:, 1] == 0)
    np.testing.assert_allclose(many.mean(axis=0), frequencies, atol=0.1)
    # the multinomial variance of each count: N p (1 - p)
    p = frequencies / frequencies.sum()
    np.testing.assert_allclose(many.var(axis=0), 11 * p * (1 - p), atol=0.15)


def test_what_the_bootstrap_still_refuses_is_said_plainly() -> None:
    X, w = _weighted()
    config = FitConfig(n_components=2, seed=0)
    fractional = fit(X, config, sample_weight=w + 0.5)
    with pytest.raises(GMMInputError, match=r"whole numbers.*other weights: 60, the first \d\.5"):
        bootstrap_fit(X, fractional, n_bootstrap=2)
    holes = _with_holes(X)
    modelled = fit(holes, config.with_changes(missing="model"))
    with pytest.raises(GMMInputError, match="parametric bootstrap cannot draw rows with empty"):
        bootstrap_fit(holes, modelled, n_bootstrap=2, kind="parametric")


@pytest.mark.parametrize("name", BACKENDS)
def test_weighted_blrt_is_the_blrt_of_the_repeated_rows(name) -> None:
    run = backend.by_name(name)
    X, w = _weighted(seed=11, n=50)
    repeated = np.repeat(X, w.astype(int), axis=0)
    config = FitConfig(n_init=2, seed=0, tol=1e-10)
    tests = []
    for data, weights in ((X, w), (repeated, None)):
        null = fit(data, config.with_changes(n_components=1), backend=run, sample_weight=weights)
        alt = fit(data, config.with_changes(n_components=2), backend=run, sample_weight=weights)
        tests.append(bootstrap_lrt(data, null, alt, n_bootstrap=6, n_init=2, seed=3, backend=run))
    weighted, plain = tests
    assert weighted.n_samples == plain.n_samples == int(w.sum())
    assert weighted.lr_statistic == pytest.approx(plain.lr_statistic, rel=1e-8)
    assert weighted.lmr_p == pytest.approx(plain.lmr_p, rel=1e-6, abs=1e-12)
    np.testing.assert_allclose(
        weighted.bootstrap_statistics, plain.bootstrap_statistics, rtol=1e-7, atol=1e-7
    )
    assert weighted.blrt_p == plain.blrt_p


def test_what_the_blrt_still_refuses_is_said_plainly() -> None:
    X, w = _weighted()
    config = FitConfig(seed=0)
    for weights, words in ((w * 0.3, "whole numbers"), (None, "empty cells")):
        missing = "drop" if weights is not None else "model"
        data = X if weights is not None else _with_holes(X)
        setting = config.with_changes(missing=missing)
        null = fit(data, setting.with_changes(n_components=1), sample_weight=weights)
        alt = fit(data, setting.with_changes(n_components=2), sample_weight=weights)
        with pytest.raises(GMMInputError, match=words):
            bootstrap_lrt(data, null, alt, n_bootstrap=2)
