"""Component matching, stable ordering, comparison with the truth, and label agreement."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import adjusted_rand_score

from gmm_desktop.engine import (
    FitConfig,
    GMMInputError,
    MixtureParams,
    adjusted_rand_index,
    compare_to_truth,
    contingency_table,
    fit,
    match_components,
    order_by_first_mean,
    sample_mixture,
)

from .helpers import random_spd


def random_mixture(seed: int, k: int, d: int) -> MixtureParams:
    rng = np.random.default_rng(seed)
    return MixtureParams(
        rng.dirichlet(np.full(k, 5.0)),
        rng.normal(scale=5.0, size=(k, d)),
        np.stack([random_spd(rng, d) for _ in range(k)]),
    )


@pytest.mark.parametrize("seed", range(5))
def test_match_components_recovers_a_known_permutation(seed: int) -> None:
    reference = random_mixture(seed, 4, 3)
    perm = np.random.default_rng(100 + seed).permutation(4)
    shuffled = reference.reordered(perm)
    noisy = MixtureParams(shuffled.weights, shuffled.means + 0.05, shuffled.covariances * 1.1)
    found = match_components(reference, noisy)
    # position i of the answer is where reference component i went
    assert np.array_equal(perm[found], np.arange(4))
    assert np.allclose(noisy.reordered(found).means, reference.means + 0.05)


def test_match_components_with_different_numbers_of_components() -> None:
    reference = MixtureParams.from_user([0.5, 0.5], [0.0, 10.0], standard_deviations=[1, 1])
    other = MixtureParams.from_user(
        [0.3, 0.2, 0.5], [10.2, 30.0, -0.1], standard_deviations=[1, 1, 1]
    )
    assert match_components(reference, other).tolist() == [2, 0, 1]
    assert match_components(other, reference).tolist() == [1, 0]
    with pytest.raises(GMMInputError):
        match_components(reference, random_mixture(0, 2, 2))


def test_order_by_first_mean_sorts() -> None:
    p = MixtureParams.from_user(
        [0.25] * 4,
        [[3.0, 0.0], [-1.0, 5.0], [3.0, -2.0], [0.5, 1.0]],
        standard_deviations=[1, 1, 1, 1],
    )
    order = order_by_first_mean(p)
    assert order.tolist() == [1, 3, 2, 0]  # ties on the first mean broken by the second
    assert np.all(np.diff(p.reordered(order).means[:, 0]) >= 0)


def test_compare_to_truth_rows() -> None:
    truth = MixtureParams.from_user([0.6, 0.4], [176.0, 164.0], standard_deviations=[8, 6])
    X, _ = sample_mixture(truth, 2000, seed=3)
    result = fit(X, FitConfig(2, seed=0, n_init=2))
    rows = compare_to_truth(truth, result.params)
    assert [r["component"] for r in rows] == [1, 2]
    for row, w, m, s in zip(rows, [0.6, 0.4], [176.0, 164.0], [8.0, 6.0], strict=True):
        j = int(row["fitted_component"]) - 1  # type: ignore[call-overload]
        assert row["true_weight"] == pytest.approx(w)
        assert row["fitted_weight"] == pytest.approx(result.params.weights[j])
        assert row["weight_difference"] == pytest.approx(result.params.weights[j] - w)
        assert row["true_mean"] == [m] and row["true_sd"] == [pytest.approx(s)]
        assert row["mean_difference"][0] == pytest.approx(row["fitted_mean"][0] - m)  # type: ignore[index]
        assert row["sd_difference"][0] == pytest.approx(row["fitted_sd"][0] - s)  # type: ignore[index]
        assert abs(row["mean_difference"][0]) < 2.0  # type: ignore[index]


@pytest.mark.parametrize("seed", range(4))
def test_ari_and_contingency_table_match_references(seed: int) -> None:
    rng = np.random.default_rng(seed)
    labels = rng.choice(np.array(["F", "M", "X"]), size=200)
    components = np.where(
        rng.uniform(size=200) < 0.7, pd.factorize(labels)[0], rng.integers(4, size=200)
    )
    assert adjusted_rand_index(labels, components) == pytest.approx(
        adjusted_rand_score(labels, components), abs=1e-12
    )
    table, label_values, comp_values = contingency_table(labels, components)
    expected = pd.crosstab(labels, components)
    assert label_values.tolist() == expected.index.tolist()
    assert comp_values.tolist() == expected.columns.tolist()
    assert np.array_equal(table, expected.to_numpy())


def test_compare_to_truth_compares_correlations() -> None:
    truth = MixtureParams(
        np.array([0.5, 0.5]),
        np.array([[0.0, 0.0, 0.0], [8.0, 8.0, 8.0]]),
        np.stack(
            [
                np.array([[1.0, 0.6, 0.0], [0.6, 1.0, -0.3], [0.0, -0.3, 1.0]]),
                np.array([[4.0, -1.0, 0.0], [-1.0, 1.0, 0.0], [0.0, 0.0, 1.0]]),
            ]
        ),
    )
    X, _ = sample_mixture(truth, 4000, seed=5)
    result = fit(X, FitConfig(2, seed=0))
    for row in compare_to_truth(truth, result.params):
        i, j = int(row["component"]) - 1, int(row["fitted_component"]) - 1  # type: ignore[call-overload]
        expected = [truth.correlations[i][a, b] for a, b in ((0, 1), (0, 2), (1, 2))]
        assert row["true_correlation"] == pytest.approx(expected)
        fitted = [result.params.correlations[j][a, b] for a, b in ((0, 1), (0, 2), (1, 2))]
        assert row["fitted_correlation"] == pytest.approx(fitted)
        assert row["correlation_difference"] == pytest.approx(np.subtract(fitted, expected))
        assert np.max(np.abs(row["correlation_difference"])) < 0.15  # type: ignore[arg-type]
    one_column = MixtureParams.from_user([1.0], [0.0], standard_deviations=[1.0])
    assert compare_to_truth(one_column, one_column)[0]["true_correlation"] == []
