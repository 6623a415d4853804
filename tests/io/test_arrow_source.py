"""Parquet / Feather files: schema and preview without reading everything, the same fit as CSV."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from gmm_desktop.engine import FitConfig, fit
from gmm_desktop.io import DataError, read_table, select_features
from gmm_desktop.io.arrow_source import (
    RowBatches,
    columnar_format,
    columnar_preview,
    columnar_schema,
    csv_layout,
)


def _frame(n: int = 600, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    x = np.concatenate([rng.normal(0, 1, n // 2), rng.normal(5, 1.5, n - n // 2)])
    y = np.concatenate([rng.normal(1, 0.5, n // 2), rng.normal(-2, 1, n - n // 2)])
    return pd.DataFrame({"x": x, "y": y, "group": np.where(np.arange(n) < n // 2, "a", "b")})


def _fit_file(path) -> object:
    table = read_table(path)
    features = select_features(table, ["x", "y"])
    return fit(features.X, FitConfig(n_components=2, seed=3, n_init=2))


def test_parquet_and_csv_of_the_same_data_give_the_same_fit(tmp_path):
    frame = _frame()
    frame.to_csv(tmp_path / "data.csv", index=False, float_format="%.17g")
    frame.to_parquet(tmp_path / "data.parquet", index=False)
    from_csv, from_parquet = _fit_file(tmp_path / "data.csv"), _fit_file(tmp_path / "data.parquet")
    assert from_parquet.log_likelihood == pytest.approx(from_csv.log_likelihood, rel=1e-12)
    np.testing.assert_allclose(from_parquet.params.means, from_csv.params.means, rtol=1e-12)
    np.testing.assert_allclose(
        from_parquet.params.covariances, from_csv.params.covariances, rtol=1e-12
    )


def test_feather_and_a_folder_of_parquet_files_read_as_one_table(tmp_path):
    frame = _frame(300)
    frame.to_feather(tmp_path / "data.feather")
    folder = tmp_path / "parts"
    folder.mkdir()
    frame.iloc[:100].to_parquet(folder / "part-0.parquet", index=False)
    frame.iloc[100:].to_parquet(folder / "part-1.parquet", index=False)
    for path, fmt in ((tmp_path / "data.feather", "feather"), (folder, "parquet")):
        table = read_table(path)
        assert table.format == fmt
        assert table.n_rows == 300
        np.testing.assert_array_equal(table.frame["x"].to_numpy(), frame["x"].to_numpy())
        assert table.label_candidates() == ["group"]


def test_schema_and_preview_come_from_the_first_rows_only(tmp_path):
    path = tmp_path / "big.parquet"
    table = pa.table({"x": np.arange(50_000, dtype=float), "label": ["z"] * 50_000})
    pq.write_table(table, path, row_group_size=1000)
    schema = columnar_schema(path)
    assert schema.names == ("x", "label")
    assert schema.n_rows == 50_000
    assert schema.numeric() == ["x"]
    preview = columnar_preview(path, rows=5)
    assert list(preview["x"]) == [0.0, 1.0, 2.0, 3.0, 4.0]


def test_a_parquet_file_is_known_by_its_bytes_and_a_damaged_one_gets_plain_words(tmp_path):
    path = tmp_path / "no_suffix"
    _frame(10).to_parquet(path, index=False)
    assert columnar_format(path) == "parquet"
    assert read_table(path).n_rows == 10
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"PAR1 this is not really parquet")
    with pytest.raises(DataError, match=r"broken\.parquet could not be read as a table"):
        read_table(broken)
    with pytest.raises(DataError, match="does not exist"):
        read_table(tmp_path / "missing.parquet")


def test_row_batches_leave_out_the_rows_select_features_leaves_out(tmp_path):
    frame = pd.DataFrame({"x": [1.0, np.nan, 3.0, np.inf, 5.0], "y": [1.0, 2.0, 3.0, 4.0, 5.0]})
    frame.to_parquet(tmp_path / "d.parquet", index=False)
    frame.to_csv(tmp_path / "d.csv", index=False)
    parquet = RowBatches(tmp_path / "d.parquet", ("x", "y"), "parquet", batch_rows=2)
    csv = RowBatches(
        tmp_path / "d.csv", ("x", "y"), "csv", batch_rows=2, csv=csv_layout(tmp_path / "d.csv")
    )
    expected = select_features(read_table(tmp_path / "d.csv"), ["x", "y"])
    for source in (parquet, csv):
        rows, blocks = zip(*source.batches_with_rows(), strict=True)
        np.testing.assert_array_equal(np.concatenate(rows), expected.rows)
        np.testing.assert_array_equal(np.concatenate(blocks), expected.X)


_MEASURE = """
import sys
from pathlib import Path
from gmm_desktop.io.arrow_source import RowBatches

def status(key):
    for line in open("/proc/self/status"):
        if line.startswith(key):
            return int(line.split()[1]) // 1024  # MB

small, big = Path(sys.argv[1]), Path(sys.argv[2])
for _ in RowBatches(small, ("x", "y", "z"), "parquet").batches():  # load every code path
    pass
with open("/proc/self/clear_refs", "w") as handle:
    handle.write("5")  # the peak (VmHWM) starts again from here
base = status("VmRSS:")
rows = sum(len(X) for X in RowBatches(big, ("x", "y", "z"), "parquet").batches())
print(rows, status("VmHWM:") - base)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc/self: Linux only")
def test_streaming_a_parquet_file_holds_far_less_than_the_file(tmp_path):
    """6M x 3 rows (144 MB of float64): one pass stays well under it above the start's peak
    (pyarrow's dataset scanner, which reads ahead, took 261 MB, iter_batches 38 MB)."""
    rng = np.random.default_rng(0)
    for name, n in (("small.parquet", 10_000), ("big.parquet", 6_000_000)):
        X = rng.normal(size=(n, 3))
        table = pa.table({"x": X[:, 0], "y": X[:, 1], "z": X[:, 2]})
        pq.write_table(table, tmp_path / name, row_group_size=250_000)
    del X, table
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            _MEASURE,
            str(tmp_path / "small.parquet"),
            str(tmp_path / "big.parquet"),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=True,
    )
    rows, extra_mb = map(int, done.stdout.split())
    assert rows == 6_000_000
    assert extra_mb < 100, f"{extra_mb} MB above the baseline"


@pytest.mark.parametrize("kind", ["parquet", "feather", "csv"])
def test_a_file_over_the_budget_opens_as_a_seeded_sample_of_its_rows(tmp_path, kind):
    from gmm_desktop.io.out_of_core import open_within_budget

    frame = _frame(30_000)
    path = tmp_path / f"d.{kind}"
    if kind == "parquet":
        frame.to_parquet(path, index=False, row_group_size=4000)
    elif kind == "feather":
        frame.to_feather(path)
    else:
        frame.to_csv(path, index=False, float_format="%.17g")
    whole = open_within_budget(path, 10**10)
    assert whole.rows_in_file is None and whole.n_rows == 30_000
    sample = open_within_budget(path, 1_000_000, sample_rows=700)
    assert sample.rows_in_file == 30_000 and sample.n_rows == 700
    rows = sample.file_rows
    assert rows is not None and np.all(np.diff(rows) > 0) and rows.max() >= 20_000
    np.testing.assert_array_equal(sample.frame["x"].to_numpy(), frame["x"].to_numpy()[rows])
    assert list(sample.frame["group"]) == list(frame["group"].to_numpy()[rows])
    assert sample.numeric_columns() == ["x", "y"] and "group" in sample.label_candidates()
    again = open_within_budget(path, 1_000_000, sample_rows=700)
    np.testing.assert_array_equal(again.file_rows, rows)  # the same rows every time


def test_a_sampled_text_file_is_read_with_the_import_previews_choices(tmp_path):
    from gmm_desktop.io import ReadOptions
    from gmm_desktop.io.out_of_core import open_within_budget

    frame = _frame(20_000)
    path = tmp_path / "semi.txt"
    text = frame.to_csv(index=False, header=False, sep=";", float_format="%.12f")
    path.write_bytes(text.replace(".", ",").encode("cp1252"))  # decimal commas, no header
    options = ReadOptions(
        header=False, names=("länge", "breite"), delimiter=";", decimal=",", encoding="cp1252"
    )
    whole = read_table(path, options=options)
    sample = open_within_budget(path, 1_000_000, options=options, sample_rows=500)
    assert sample.rows_in_file == 20_000 and sample.n_rows == 500
    assert list(sample.frame.columns) == list(whole.frame.columns)[:3]
    assert sample.names == ("länge", "breite") and sample.read_options() == whole.read_options()
    rows = sample.file_rows
    assert rows is not None
    np.testing.assert_array_equal(sample.frame["länge"], whole.frame["länge"].to_numpy()[rows])
