"""EM on a Dask LocalCluster of two workers: the in-memory answer, also when a worker dies."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

distributed = pytest.importorskip("distributed")

from gmm_desktop.cli import main  # noqa: E402
from gmm_desktop.engine import FitConfig, MixtureParams, fast  # noqa: E402
from gmm_desktop.engine import backend as engines  # noqa: E402
from gmm_desktop.engine.dask_em import DaskRows, dask_fit  # noqa: E402
from gmm_desktop.engine.streaming import stream_iterate_em  # noqa: E402
from gmm_desktop.io.arrow_source import RowBatches  # noqa: E402


def _frame(n: int = 24_000) -> pd.DataFrame:
    rng = np.random.default_rng(5)
    X = np.concatenate([rng.normal(0, 1, (n // 2, 2)), rng.normal(3, 0.8, (n - n // 2, 2))])
    return pd.DataFrame(X, columns=["x", "y"])


@pytest.fixture(scope="module")
def cluster():
    engines.warm_up()
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0"
        ) as local,
        distributed.Client(local) as client,
    ):
        yield local, client


@pytest.fixture()
def parquet(tmp_path):
    path = tmp_path / "d.parquet"
    _frame().to_parquet(path, index=False, row_group_size=3000)  # parts not aligned to chunks
    return path


def _start() -> MixtureParams:
    return MixtureParams(
        np.array([0.4, 0.6]), np.array([[0.5, 0.5], [2.0, 2.0]]), np.stack([np.eye(2)] * 2)
    )


def test_passes_on_two_workers_equal_the_in_memory_passes(cluster, parquet):
    _, client = cluster
    source = RowBatches(parquet, ("x", "y"), "parquet")
    rows = DaskRows(client, source.parts(), block_rows=8192)
    assert rows.n_rows == 24_000 and len(rows.blocks) == 3
    X = _frame().to_numpy()
    for params in (
        _start(),
        MixtureParams(
            np.array([0.5, 0.5]), np.array([[0.0, 0.0], [3.0, 3.0]]), np.stack([np.eye(2)] * 2)
        ),
    ):
        total, stats, n = rows.run_pass(params, "full")
        expected, expected_stats, _ = fast._fused_pass(fast._data(X), params, "full", True)
        assert total == expected and n == 24_000
        for got, want in zip(stats, expected_stats, strict=True):
            np.testing.assert_array_equal(got, want)


def test_a_fit_survives_a_worker_killed_mid_fit(cluster, parquet):
    local, client = cluster
    config = FitConfig(n_components=2, seed=1, stopping="mean-change", tol=1e-12)
    source = RowBatches(parquet, ("x", "y"), "parquet")
    expected = None
    killed = []

    def kill_one(snapshot):
        if snapshot.n_samples == 24_000 and snapshot.iteration == 2 and not killed:
            name = sorted(local.workers)[0]
            local.sync(local.workers[name].close)
            killed.append(name)

    result, _ = dask_fit(
        source.parts(), config, client, sample_rows=2000, block_rows=4096, on_snapshot=kill_one
    )
    assert killed
    X = _frame().to_numpy()
    start = result.history[0].params
    expected = list(
        stream_iterate_em(
            RowBatches(parquet, ("x", "y"), "parquet"),
            start,
            max_iter=config.max_iter,
            tol=config.tol,
            stopping=config.stopping,
        )
    )
    assert [s.log_likelihood for s in result.history] == [s.log_likelihood for s in expected]
    in_memory = list(
        fast.fast_iterate_em(
            X, start, max_iter=config.max_iter, tol=config.tol, stopping=config.stopping
        )
    )
    assert result.log_likelihood == in_memory[-1].log_likelihood


def test_fit_dask_on_the_command_line(parquet, capsys):
    assert main(["fit", str(parquet), "--dask", "-k", "2", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["out_of_core"]["engine"] == "dask"
    assert out["n_samples"] == 24_000


def test_an_unreachable_scheduler_gets_one_plain_line(parquet, capsys, monkeypatch):
    monkeypatch.setattr("gmm_desktop.engine.dask_em.CONNECT_TIMEOUT", 1.0)
    assert main(["fit", str(parquet), "--dask", "tcp://127.0.0.1:9", "-k", "2"]) == 2
    err = capsys.readouterr().err
    assert "cannot reach the Dask scheduler" in err and err.count("\n") == 1
