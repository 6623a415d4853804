"""Streaming EM: the in-memory answer from batches, whatever their size."""

from __future__ import annotations

import numpy as np
import pytest

from gmm_desktop.engine import FitConfig, MixtureParams, fast, fit
from gmm_desktop.engine import backend as engines
from gmm_desktop.engine.streaming import (
    COUNT_STAGE,
    SAMPLE_STAGE,
    ArrayBatches,
    ReadProgress,
    aligned_blocks,
    random_subsample,
    stream_fit,
    stream_iterate_em,
)


def _data(n: int = 30_000, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    a = rng.normal([0.0, 0.0, 1.0], [1.0, 0.5, 1.0], size=(n // 2, 3))
    b = rng.normal([4.0, -2.0, 0.0], [1.5, 1.0, 0.7], size=(n - n // 2, 3))
    return np.concatenate([a, b])


def _start() -> MixtureParams:
    means = np.array([[1.0, 0.0, 0.0], [3.0, -1.0, 0.5]])
    return MixtureParams(np.array([0.5, 0.5]), means, np.stack([np.eye(3)] * 2))


@pytest.fixture(scope="module", autouse=True)
def _compiled() -> None:
    engines.warm_up()


@pytest.mark.parametrize("covariance_type", ["full", "diag", "tied", "spherical"])
@pytest.mark.parametrize("batch_rows", [1000, 4096, 7777, 100_000])
def test_streaming_follows_the_in_memory_path_bit_for_bit(covariance_type, batch_rows):
    X = _data()
    kwargs = {"covariance_type": covariance_type, "max_iter": 40}
    in_memory = list(fast.fast_iterate_em(X, _start(), **kwargs))
    streamed = list(
        stream_iterate_em(ArrayBatches(X, batch_rows), _start(), block_rows=8192, **kwargs)
    )
    assert [s.log_likelihood for s in streamed] == [s.log_likelihood for s in in_memory]
    np.testing.assert_array_equal(streamed[-1].params.means, in_memory[-1].params.means)
    np.testing.assert_array_equal(streamed[-1].params.covariances, in_memory[-1].params.covariances)
    assert streamed[-1].final and streamed[-1].n_samples == X.shape[0]


@pytest.mark.parametrize("block_rows", [4096, 3 * 4096, 10**6])
def test_the_answer_does_not_depend_on_block_size_or_threads(block_rows, monkeypatch):
    X = _data(20_000, seed=4)
    reference = list(stream_iterate_em(ArrayBatches(X, 999), _start(), max_iter=15))
    monkeypatch.setenv("GMM_DESKTOP_THREADS", "1")
    again = list(
        stream_iterate_em(ArrayBatches(X, 5000), _start(), max_iter=15, block_rows=block_rows)
    )
    assert [s.log_likelihood for s in again] == [s.log_likelihood for s in reference]


def test_aligned_blocks_cut_batches_into_exact_blocks():
    X = np.arange(23.0)[:, None]
    rows = np.arange(23)
    batches = [(X[:5], rows[:5]), (X[5:6], rows[5:6]), (X[6:], rows[6:])]
    blocks = [tuple(a.copy() for a in block) for block in aligned_blocks(batches, 4)]
    assert [len(b[0]) for b in blocks] == [4, 4, 4, 4, 4, 3]
    np.testing.assert_array_equal(np.concatenate([b[0] for b in blocks]), X)
    np.testing.assert_array_equal(np.concatenate([b[1] for b in blocks]), rows)


def test_a_subsample_is_random_rows_in_file_order():
    X = _data(10_000)
    sample = random_subsample(ArrayBatches(X, 777), X.shape[0], 500, seed=1)
    assert sample.shape == (500, 3)
    positions = [int(np.flatnonzero((X == row).all(axis=1))[0]) for row in sample[:20]]
    assert positions == sorted(positions)
    assert np.array_equal(random_subsample(ArrayBatches(X, 777), 10_000, 10**6, 0), X)


def test_a_streamed_fit_reaches_the_in_memory_optimum():
    X = _data(40_000, seed=2)
    config = FitConfig(n_components=2, seed=1, n_init=2, tol=1e-14, stopping="mean-change")
    in_memory = fit(X, config)
    seen = []
    streamed = stream_fit(ArrayBatches(X, 3000), config, sample_rows=5000, on_snapshot=seen.append)
    assert streamed.sample_rows == 5000
    assert streamed.n_samples == X.shape[0]
    assert streamed.log_likelihood == pytest.approx(in_memory.log_likelihood, rel=1e-10)
    order = np.argsort(streamed.params.means[:, 0])
    ref = np.argsort(in_memory.params.means[:, 0])
    np.testing.assert_allclose(streamed.params.means[order], in_memory.params.means[ref], atol=1e-6)
    assert seen[-1] is streamed.final and seen[0].n_samples == 5000
    # the one-line history properties are the same code for both results (HistoryResult)
    for name in ("final", "params", "log_likelihood", "n_iter", "converged", "n_parameters"):
        assert getattr(type(streamed), name) is getattr(type(in_memory), name)
    assert streamed.n_iter == streamed.final.iteration > 0
    assert streamed.n_parameters == in_memory.n_parameters == 2 * 3 + 2 * 6 + 1
    assert streamed.converged is streamed.final.converged


@pytest.mark.parametrize("covariance_type", ["full", "diag", "tied", "spherical"])
def test_without_the_compiled_kernels_streaming_follows_the_reference(covariance_type, monkeypatch):
    from gmm_desktop.engine import iterate_em

    X = _data(9000, seed=6)
    kwargs = {"covariance_type": covariance_type, "max_iter": 12}
    reference = list(iterate_em(X, _start(), **kwargs))
    monkeypatch.setattr(fast, "fused_pass_chunks", lambda *args, **kw: None)
    streamed = list(stream_iterate_em(ArrayBatches(X, 2500), _start(), block_rows=4096, **kwargs))
    np.testing.assert_allclose(
        [s.log_likelihood for s in streamed], [s.log_likelihood for s in reference], rtol=1e-10
    )
    np.testing.assert_allclose(
        streamed[-1].params.covariances, reference[-1].params.covariances, rtol=1e-9, atol=1e-12
    )


def test_a_result_on_a_sample_of_the_rows_fitted_counts_every_row_in_its_indices():
    from gmm_desktop.engine.result import result_from_history

    X = _data(40_000, seed=4)
    config = FitConfig(n_components=2, seed=1, tol=1e-10, stopping="mean-change")
    streamed = stream_fit(ArrayBatches(X, 5000), config, sample_rows=4000)
    shown = X[::10]  # what a window would show: 4,000 of the 40,000 rows
    result = result_from_history(shown, config, streamed.history, (), rows_fitted=40_000)
    assert result.n_samples == 40_000 and result.responsibilities.shape == (4000, 2)
    assert result.bic == pytest.approx(streamed.bic, rel=1e-12)
    ix = result.indices
    assert ix.n_samples == 40_000 and ix.bic == pytest.approx(result.bic, rel=1e-12)
    assert sum(ix.class_counts) == pytest.approx(40_000, abs=2)  # the sample's, scaled up
    assert ix.sum_of_weights is None
    whole = result_from_history(X, config, streamed.history, ())
    assert ix.relative_entropy == pytest.approx(whole.indices.relative_entropy, abs=0.02)


def test_the_passes_before_the_first_snapshot_report_their_progress_and_can_end_the_fit():
    """stream_fit reads every row twice before EM's first snapshot (count, then draw the
    starts' sample): on_read hears both, batch by batch, before any snapshot, and whatever
    it raises ends the fit there."""
    X = _data(10_000)
    config = FitConfig(n_components=2, seed=1, n_init=1, max_iter=3)
    events: list[object] = []
    stream_fit(
        ArrayBatches(X, 1000),
        config,
        sample_rows=2000,
        block_rows=4096,
        on_snapshot=lambda s: events.append("snapshot"),
        on_read=events.append,
    )
    reads = [e for e in events if isinstance(e, ReadProgress)]
    assert events.index("snapshot") == len(reads)  # every report came before the first one
    assert [(r.stage, r.rows, r.total) for r in reads[:2]] == [
        (COUNT_STAGE, 1000, None),
        (COUNT_STAGE, 2000, None),
    ]
    assert reads[9] == ReadProgress(COUNT_STAGE, 10_000, None)
    assert reads[10:] == [ReadProgress(SAMPLE_STAGE, 1000 * i, 10_000) for i in range(1, 11)]

    class Stop(Exception):
        pass

    def stop(progress: ReadProgress) -> None:
        if progress.stage == SAMPLE_STAGE:
            raise Stop

    snapshots: list[object] = []
    with pytest.raises(Stop):
        stream_fit(ArrayBatches(X, 1000), config, on_snapshot=snapshots.append, on_read=stop)
    assert not snapshots
