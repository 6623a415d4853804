"""Starting points: every method gives valid parameters; manual starts are exact; user errors."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import norm

from gmm_desktop.engine import (
    COVARIANCE_TYPES,
    INIT_METHODS,
    FitConfig,
    GMMInputError,
    MixtureParams,
    fit,
    initial_params,
    kmeans_plusplus,
    search_snapshots,
)

from .helpers import random_spd, sample_clusters

HOMEWORK = MixtureParams.from_user([0.7, 0.3], [180, 165], standard_deviations=[5, 5])


def _data(d: int) -> np.ndarray:
    rng = np.random.default_rng(d)
    means = rng.normal(scale=4.0, size=(3, d))
    covs = np.stack([random_spd(rng, d) for _ in range(3)])
    return sample_clusters(rng, means, covs, [40, 30, 30])[0]


def _assert_valid(params: MixtureParams, k: int, d: int, covariance_type: str) -> None:
    assert params.weights.shape == (k,)
    assert params.means.shape == (k, d)
    assert params.covariances.shape == (k, d, d)
    assert np.all(params.weights > 0)
    assert params.weights.sum() == pytest.approx(1.0, abs=1e-12)
    assert np.all(np.isfinite(params.means))
    for cov in params.covariances:
        # symmetric to rounding ((r * diff).T @ diff is not bit-symmetric, as in scikit-learn)
        np.testing.assert_allclose(cov, cov.T, rtol=1e-13, atol=1e-13 * np.abs(cov).max())
        assert np.linalg.eigvalsh(cov)[0] > 0
    off_diagonal = params.covariances * (1 - np.eye(d))
    if covariance_type in ("diag", "spherical"):
        assert np.all(off_diagonal == 0)
    if covariance_type == "spherical":
        diag = np.diagonal(params.covariances, axis1=1, axis2=2)
        np.testing.assert_array_equal(diag, np.repeat(diag[:, :1], d, axis=1))
    if covariance_type == "tied":
        np.testing.assert_allclose(params.covariances, params.covariances[:1].repeat(k, 0))


@pytest.mark.parametrize("d", [1, 3])
@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
@pytest.mark.parametrize("init", [m for m in INIT_METHODS if m != "manual"])
def test_each_init_gives_valid_parameters(init: str, covariance_type: str, d: int) -> None:
    X = _data(d)
    k = 3
    config = FitConfig(n_components=k, covariance_type=covariance_type, init=init)
    for seed in range(3):
        params = initial_params(X, config, np.random.default_rng(seed))
        _assert_valid(params, k, d, covariance_type)
        if init == "random-from-data":
            # the means are K different rows of the data
            assert len(np.unique(params.means, axis=0)) == k
            assert all((X == m).all(axis=1).any() for m in params.means)
    # and EM from there stays valid
    result = fit(X, config.with_changes(seed=0, max_iter=5))
    _assert_valid(result.params, k, d, covariance_type)


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_manual_homework_start_is_used_exactly(covariance_type: str) -> None:
    np.testing.assert_array_equal(HOMEWORK.weights, [0.7, 0.3])
    np.testing.assert_array_equal(HOMEWORK.means, [[180.0], [165.0]])
    np.testing.assert_array_equal(HOMEWORK.covariances, [[[25.0]], [[25.0]]])

    X = np.random.default_rng(0).normal(170, 8, size=(50, 1))
    config = FitConfig(
        n_components=2,
        covariance_type=covariance_type,
        init="manual",
        init_params=HOMEWORK,
        max_iter=3,
        n_init=4,  # a manual start runs once, however many restarts are asked for
    )
    snaps = list(search_snapshots(X, config))
    assert [s.iteration for s in snaps] == [0, 1, 2, 3]
    assert {s.restart for s in snaps} == {0}
    first = snaps[0]
    np.testing.assert_array_equal(first.weights, HOMEWORK.weights)
    np.testing.assert_array_equal(first.means, HOMEWORK.means)
    np.testing.assert_array_equal(first.covariances, HOMEWORK.covariances)
    by_hand = np.log(0.7 * norm.pdf(X[:, 0], 180, 5) + 0.3 * norm.pdf(X[:, 0], 165, 5)).sum()
    assert first.log_likelihood == pytest.approx(by_hand, rel=1e-12)


def test_manual_start_in_two_dimensions_is_projected_for_restricted_types() -> None:
    cov_a = np.array([[2.0, 0.5], [0.5, 1.0]])
    cov_b = np.array([[1.0, -0.2], [-0.2, 3.0]])
    start = MixtureParams.from_user([0.25, 0.75], [[0, 0], [3, 3]], covariances=[cov_a, cov_b])
    X = np.random.default_rng(1).normal(size=(30, 2))
    expected = {
        "full": [cov_a, cov_b],
        "diag": [np.diag([2.0, 1.0]), np.diag([1.0, 3.0])],
        "spherical": [np.eye(2) * 1.5, np.eye(2) * 2.0],
        "tied": [0.25 * cov_a + 0.75 * cov_b] * 2,
    }
    for covariance_type, covs in expected.items():
        config = FitConfig(covariance_type=covariance_type, init="manual", init_params=start)
        first = next(iter(search_snapshots(X, config)))
        np.testing.assert_allclose(first.covariances, covs, rtol=1e-15)
        np.testing.assert_array_equal(first.means, start.means)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"weights": [0.6, 0.3], "means": [1, 2], "standard_deviations": [1, 1]}, "add up to 1"),
        ({"weights": [1.2, -0.2], "means": [1, 2], "standard_deviations": [1, 1]}, "positive"),
        ({"weights": [1.0, 0.0], "means": [1, 2], "standard_deviations": [1, 1]}, "positive"),
        ({"weights": [0.5, 0.5], "means": [1, 2, 3], "standard_deviations": [1, 1]}, "weights"),
        ({"weights": [0.5, 0.5], "means": [1, 2], "standard_deviations": [1, 1, 1]}, "2 x 1"),
        ({"weights": [0.5, 0.5], "means": [1, 2], "standard_deviations": [1, -1]}, "positive"),
        ({"weights": [0.5, 0.5], "means": [1, np.nan], "standard_deviations": [1, 1]}, "finite"),
        ({"weights": [0.5, 0.5], "means": [1, 2]}, "either"),
        (
            {
                "weights": [0.5, 0.5],
                "means": [1, 2],
                "covariances": [1, 1],
                "standard_deviations": [1, 1],
            },
            "either",
        ),
        (
            {
                "weights": [0.5, 0.5],
                "means": [[0, 0], [1, 1]],
                "covariances": [np.eye(2), [[1.0, 2.0], [2.0, 1.0]]],
            },
            "component 2 is not positive definite",
        ),
        (
            {
                "weights": [0.5, 0.5],
                "means": [[0, 0], [1, 1]],
                "covariances": [np.eye(2), [[1.0, 0.5], [0.1, 1.0]]],
            },
            "component 2 is not symmetric",
        ),
        (
            {"weights": [0.5, 0.5], "means": [[0, 0], [1, 1]], "covariances": np.ones((2, 3, 3))},
            "2 initial covariance matrices of size 2 x 2",
        ),
        (
            {"weights": [0.5, 0.5], "means": [[0, 0], [1, 1]], "covariances": [np.eye(2)]},
            "2 initial covariance matrices",
        ),
    ],
)
def test_from_user_errors_are_plain(kwargs: dict, message: str) -> None:
    with pytest.raises(GMMInputError, match=message) as info:
        MixtureParams.from_user(**kwargs)
    text = str(info.value)
    assert "\n" not in text and "Traceback" not in text and "array(" not in text


def test_from_user_accepts_diagonal_and_spherical_shorthands() -> None:
    diag = MixtureParams.from_user([0.5, 0.5], [[0, 0], [1, 1]], covariances=[[1, 2], [3, 4]])
    np.testing.assert_array_equal(diag.covariances, [np.diag([1, 2]), np.diag([3, 4])])
    sph = MixtureParams.from_user([0.5, 0.5], [[0, 0], [1, 1]], covariances=[2, 3])
    np.testing.assert_array_equal(sph.covariances, [np.eye(2) * 2, np.eye(2) * 3])
    sds = MixtureParams.from_user(
        [0.5, 0.5], [[0, 0], [1, 1]], standard_deviations=[[1, 2], [3, 4]]
    )
    np.testing.assert_array_equal(sds.covariances, [np.diag([1, 4]), np.diag([9, 16])])


def test_manual_start_of_the_wrong_size_is_refused() -> None:
    X = np.zeros((10, 2)) + np.arange(10)[:, None]
    config = FitConfig(n_components=2, init="manual", init_params=HOMEWORK)  # 1-D start
    with pytest.raises(GMMInputError, match="dimension 1"):
        fit(X, config)
    with pytest.raises(GMMInputError, match="needs initial weights"):
        fit(X, FitConfig(n_components=2, init="manual"))
    with pytest.raises(GMMInputError, match="K = 3"):
        fit(X[:, :1], FitConfig(n_components=3, init="manual", init_params=HOMEWORK))


@pytest.mark.parametrize("k", [2, 3, 5])
def test_kmeans_plusplus_picks_k_distinct_values(k: int) -> None:
    rng = np.random.default_rng(k)
    values = rng.normal(scale=10.0, size=(k, 2))
    X = values[rng.permutation(np.repeat(np.arange(k), [50] + [1] * (k - 1)))]
    for seed in range(20):
        centres = kmeans_plusplus(X, k, np.random.default_rng(seed))
        assert centres.shape == (k, 2)
        assert len(np.unique(centres, axis=0)) == k
        assert all((X == c).all(axis=1).any() for c in centres)


def test_kmeans_plusplus_with_fewer_distinct_rows_than_clusters() -> None:
    X = np.array([[1.0], [1.0], [2.0], [2.0]])
    centres = kmeans_plusplus(X, 3, np.random.default_rng(0))
    assert centres.shape == (3, 1)
    assert set(centres[:, 0]) == {1.0, 2.0}


@pytest.mark.parametrize("init", ["kmeans++", "kmeans-raw"])
def test_kmeans_starts_on_large_data_cluster_a_subsample(
    init: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Lloyd's iterations over every row of a big file cost more than the EM after them (8 s a
    start on 200,000 rows): the k-means starts cluster at most KMEANS_ROWS rows."""
    from gmm_desktop.engine import init as init_module

    monkeypatch.setattr(init_module, "KMEANS_ROWS", 500)
    seen: list[int] = []
    real = init_module.kmeans_labels

    def spy(X: np.ndarray, centers: np.ndarray, max_iter: int = 30):
        seen.append(X.shape[0])
        return real(X, centers, max_iter)

    monkeypatch.setattr(init_module, "kmeans_labels", spy)
    rng = np.random.default_rng(2)
    X = np.concatenate([rng.normal(-5, 1, (3000, 2)), rng.normal(5, 1, (3000, 2))])
    params = initial_params(X, FitConfig(2, init=init), np.random.default_rng(0))
    assert seen == [500]
    np.testing.assert_allclose(np.sort(params.means[:, 0]), [-5, 5], atol=0.3)
    assert params.weights == pytest.approx([0.5, 0.5], abs=0.06)
    small = X[:400]
    initial_params(small, FitConfig(2, init=init), np.random.default_rng(0))
    assert seen == [500, 400]  # at most KMEANS_ROWS rows: all of them


# mclust 6.0.0's one-column start: qclass(x, k) - 1 for these x and k = 2, 3, 4.
QCLASS = [
    (
        [1, 2, 2, 2, 2, 3, 4, 5, 6, 7],
        ["0000011111", "0111112222", "0111122333"],
    ),
    (
        [1, 1, 1, 1, 2, 3, 3, 3, 8, 9, 9, 10],
        ["000001111111", "000011112222", "000002222333"],
    ),
    (
        [5, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9],
        ["100011011011111", "100012011012222", "201023022023323"],
    ),
]


@pytest.mark.parametrize(("values", "expected"), QCLASS)
def test_quantile_classes_are_mclusts(values: list[float], expected: list[str]) -> None:
    from gmm_desktop.engine.init import quantile_labels

    for k, classes in zip((2, 3, 4), expected, strict=True):
        labels = quantile_labels(np.array(values, dtype=float), k)
        assert "".join(map(str, labels)) == classes


def _two_lines() -> np.ndarray:
    """40 rows (40, 2) on two close parallel lines, where Ward's and mclust's trees differ."""
    rng = np.random.default_rng(3)
    t = rng.uniform(-4, 4, 40)
    lower = np.c_[t[:20], 0.9 * t[:20] + rng.normal(0, 0.25, 20)]
    upper = np.c_[t[20:], 0.9 * t[20:] + 1.5 + rng.normal(0, 0.25, 20)]
    return np.round(np.concatenate([lower, upper]), 3)


# mclust 6.0.0: hclass(hc(X, "VVV", use = "SVD"), 2:3) - 1 on _two_lines().
HCLASS = {
    2: "0011011010111111011001001111010011010110",
    3: "0011011010111112011002002222020022020220",
}


@pytest.mark.parametrize("k", sorted(HCLASS))
def test_hierarchical_start_is_mclusts_agglomeration(k: int) -> None:
    from gmm_desktop.engine.init import hierarchical_labels

    found = hierarchical_labels(_two_lines(), k, np.random.default_rng(0))
    assert found is not None
    rows, groups = found
    assert np.array_equal(rows, np.arange(40))
    assert "".join(map(str, groups)) == HCLASS[k]


def test_hierarchical_start_on_one_column_is_quantile_classes() -> None:
    from gmm_desktop.engine.init import hierarchical_labels

    x = np.array([5, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9], dtype=float)[:, None]
    found = hierarchical_labels(x, 3, np.random.default_rng(0))
    assert found is not None
    assert "".join(map(str, found[1])) == QCLASS[2][1][1]


def test_agglomeration_tree_is_reused_for_every_k() -> None:
    from gmm_desktop.engine import agglomeration

    Z = _two_lines()
    first = agglomeration.merge_tree(Z)
    assert agglomeration.merge_tree(Z.copy()) is first
    assert len(first[1]) == len(np.unique(Z, axis=0)) - 1


@pytest.mark.parametrize("d", [1, 2, 3, 5])
def test_compiled_kmeans_start_gives_the_numpy_centres_labels_and_stream(
    d: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gmm_desktop.engine import backend, init

    assert backend.warm_up().compiled
    assert init._compiled_kmeans() is not None  # the first of each pair runs compiled
    X = np.vstack([_data(d), np.repeat(_data(d)[:5], 20, axis=0) + 100.0])  # far, repeated rows
    few = np.repeat(np.eye(d)[:2], 30, axis=0)  # two distinct rows for more centres
    for data, k in [(X, 1), (X, 4), (X, 9), (few, 2), (few, 4)]:
        for seed in range(5):
            got_rng = np.random.default_rng(seed)
            got = init.kmeans_plusplus(data, k, got_rng)
            got_labels, got_centres = init.kmeans_labels(data, got.copy())
            with monkeypatch.context() as m:
                m.setattr(init, "_compiled_kmeans", lambda: None)
                want_rng = np.random.default_rng(seed)
                want = init.kmeans_plusplus(data, k, want_rng)
                want_labels, want_centres = init.kmeans_labels(data, want.copy())
            np.testing.assert_array_equal(got, want)
            np.testing.assert_array_equal(got_labels, want_labels)
            np.testing.assert_allclose(got_centres, want_centres, rtol=1e-12, atol=1e-12)
            assert got_rng.uniform() == want_rng.uniform()  # the stream moved on alike
