"""The synthetic generator: exact counts, reproducible, close to the true parameters."""

from __future__ import annotations

import numpy as np
import pytest

from gmm_desktop.engine.errors import GMMInputError
from gmm_desktop.engine.params import MixtureParams
from gmm_desktop.engine.synthetic import (
    PRESETS,
    SyntheticSpec,
    component_counts,
    generate,
    preset_description,
)


def test_heights_preset_counts_and_truth() -> None:
    spec = PRESETS["heights"]
    X, z = generate(spec, seed=0)
    assert X.shape == (1000, 1) and z.shape == (1000,)
    assert np.bincount(z).tolist() == [600, 400]
    assert spec.component_names == ("M", "F") and spec.label_name == "sex"
    assert spec.feature_names == ("height",)
    assert abs(X[z == 0, 0].mean() - 176) < 1.5 and abs(X[z == 0, 0].std() - 8) < 1.0
    assert abs(X[z == 1, 0].mean() - 164) < 1.5 and abs(X[z == 1, 0].std() - 6) < 1.0


@pytest.mark.parametrize("key", list(PRESETS))
def test_presets_are_near_their_parameters(key: str) -> None:
    spec = PRESETS[key].with_n_samples(40_000)
    X, z = generate(spec, seed=1)
    params = spec.params
    assert X.shape == (40_000, params.n_features)
    expected = component_counts(40_000, params.weights)
    assert np.bincount(z, minlength=params.n_components).tolist() == expected.tolist()
    for j in range(params.n_components):
        rows = X[z == j]
        np.testing.assert_allclose(rows.mean(axis=0), params.means[j], atol=0.1)
        cov = np.atleast_2d(np.cov(rows, rowvar=False))
        np.testing.assert_allclose(cov, params.covariances[j], atol=0.15, rtol=0.05)
    assert preset_description(key)


def test_2d_preset_matches_the_issue() -> None:
    params = PRESETS["2d"].params
    np.testing.assert_array_equal(params.means, [[1, 1], [7, 7]])
    np.testing.assert_array_equal(params.covariances, [[[3, 2], [2, 3]], [[2, -1], [-1, 2]]])
    _, z = generate(PRESETS["2d"], seed=0)
    assert np.bincount(z).tolist() == [200, 200]


def test_seed_reproducible_and_rows_shuffled() -> None:
    spec = PRESETS["1d-three"]
    X1, z1 = generate(spec, seed=7)
    X2, z2 = generate(spec, seed=7)
    X3, _ = generate(spec, seed=8)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(z1, z2)
    assert not np.array_equal(X1, X3)
    assert not np.all(np.diff(z1) >= 0)  # not sorted by component


@pytest.mark.parametrize(
    ("n", "weights", "expected"),
    [
        (1000, [0.6, 0.4], [600, 400]),
        (10, [1 / 3, 1 / 3, 1 / 3], [4, 3, 3]),
        (7, [0.5, 0.5], [4, 3]),
        (1, [0.2, 0.8], [0, 1]),
    ],
)
def test_component_counts(n: int, weights: list[float], expected: list[int]) -> None:
    counts = component_counts(n, np.array(weights))
    assert counts.tolist() == expected and counts.sum() == n


def test_spec_validation() -> None:
    params = MixtureParams.from_user([0.5, 0.5], [0.0, 1.0], standard_deviations=[1, 1])
    with pytest.raises(GMMInputError, match="number of rows"):
        SyntheticSpec(params, 0, ("x",))
    with pytest.raises(GMMInputError, match="column names"):
        SyntheticSpec(params, 10, ("x", "y"))
    with pytest.raises(GMMInputError, match="group names"):
        SyntheticSpec(params, 10, ("x",), ("a",), "g")
    with pytest.raises(GMMInputError, match="preset"):
        preset_description("nope")
