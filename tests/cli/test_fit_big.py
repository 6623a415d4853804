"""`gmm-desktop fit --memory-budget`: files larger than the budget are streamed, same answer."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from gmm_desktop.cli import main
from gmm_desktop.cli.fit_big import parse_memory_budget
from gmm_desktop.errors import UserError

TIGHT = ["--stopping", "mean-change", "--tol", "1e-14", "--seed", "2", "-k", "2"]


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("big")
    rng = np.random.default_rng(11)
    n = 40_000
    X = np.concatenate([rng.normal(0, 1, (n // 2, 3)), rng.normal(3, 1.2, (n // 2, 3))])
    frame = pd.DataFrame(X, columns=["a", "b", "c"])
    frame.loc[7, "b"] = np.nan  # a row both ways leave out
    frame["note"] = "x"
    paths = {"parquet": folder / "d.parquet", "csv": folder / "d.csv"}
    frame.to_parquet(paths["parquet"], index=False, row_group_size=5000)
    frame.to_csv(paths["csv"], index=False, float_format="%.17g")
    return paths


def _json(capsys, *args: str) -> dict:
    assert main(["fit", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("kind", ["parquet", "csv"])
def test_a_budget_far_below_the_data_streams_and_gives_the_in_memory_answer(
    files, kind, capsys, tmp_path
):
    path = str(files[kind])
    in_memory = _json(capsys, path, "--columns", "a,b,c", *TIGHT)
    assert "out_of_core" not in in_memory
    out = tmp_path / "out"
    streamed = _json(
        capsys, path, "--columns", "a,b,c", *TIGHT, "--memory-budget", "1MB", "--out", str(out)
    )
    assert streamed["out_of_core"]["engine"] == "streaming"
    assert streamed["n_samples"] == in_memory["n_samples"] == 39_999
    assert streamed["rows_dropped"] == 1
    assert streamed["log_likelihood"] == pytest.approx(in_memory["log_likelihood"], rel=1e-10)
    order = np.argsort(np.array(streamed["means"])[:, 0])
    ref = np.argsort(np.array(in_memory["means"])[:, 0])
    np.testing.assert_allclose(
        np.array(streamed["means"])[order], np.array(in_memory["means"])[ref], atol=1e-6
    )
    assignments = pd.read_csv(out / "assignments.csv", encoding="utf-8-sig")
    assert len(assignments) == 39_999
    assert 8 not in set(assignments["row"])  # row 8 (1-based) has the empty cell
    assert sorted(assignments["component"].value_counts()) == sorted(streamed["points"])


def test_default_columns_of_a_streamed_file_are_its_number_columns(files, capsys):
    streamed = _json(capsys, str(files["csv"]), "--memory-budget", "1MB", "-k", "2")
    assert streamed["columns"] == ["a", "b", "c"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("200MB", 200_000_000), ("1.5GB", 1_500_000_000), ("64MiB", 64 * 2**20), ("2 gb", 2e9)],
)
def test_budgets_read_as_sizes(text, expected):
    assert parse_memory_budget(text) == expected


@pytest.mark.parametrize("text", ["abc", "0", "-5MB", "10XB", "100", "MB", "1e9"])
def test_a_bad_budget_gets_one_plain_line_and_status_2(files, text, capsys):
    with pytest.raises(UserError):
        parse_memory_budget(text)
    assert main(["fit", str(files["parquet"]), f"--memory-budget={text}"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--memory-budget" in err and "Traceback" not in err


@pytest.fixture(scope="module")
def labelled(tmp_path_factory) -> dict[str, Path]:
    """Two groups with a text label (some labels empty), as Parquet and as a headerless CSV."""
    folder = tmp_path_factory.mktemp("labelled")
    rng = np.random.default_rng(5)
    n = 30_000
    group = rng.integers(2, size=n)
    X = rng.normal(size=(n, 2)) * 0.9 + np.array([[0.0, 0.0], [2.0, 1.5]])[group]
    frame = pd.DataFrame(X, columns=["u", "v"])
    frame.insert(1, "kind", np.where(group == 0, "left", "right").astype(object))
    frame.loc[[3, 500, 20_000], "kind"] = None  # rows both ways leave out
    paths = {"parquet": folder / "l.parquet", "csv": folder / "l.csv"}
    frame.to_parquet(paths["parquet"], index=False, row_group_size=4000)
    frame.to_csv(paths["csv"], index=False, header=False, float_format="%.17g")
    return paths


@pytest.mark.parametrize("kind", ["parquet", "csv"])
def test_a_streamed_fit_takes_a_label_and_gives_the_in_memory_agreement(
    labelled, kind, capsys, tmp_path
):
    path = str(labelled[kind])
    names = ["--no-header", "--names", "u,kind,v"] if kind == "csv" else []
    args = [path, *names, "--label", "kind", *TIGHT]
    in_memory = _json(capsys, *args)
    streamed = _json(capsys, *args, "--memory-budget", "1MB", "--out", str(tmp_path / "o"))
    assert streamed["out_of_core"]["engine"] == "streaming"
    assert streamed["columns"] == in_memory["columns"] == ["u", "v"]
    assert streamed["n_samples"] == in_memory["n_samples"] == 29_997  # empty labels left out
    assert streamed["rows_dropped"] == 3
    assert streamed["label"] == "kind"
    assert streamed["log_likelihood"] == pytest.approx(in_memory["log_likelihood"], rel=1e-10)
    assert streamed["adjusted_rand_index"] == pytest.approx(in_memory["adjusted_rand_index"])
    assert 0.5 < streamed["adjusted_rand_index"] < 1.0
    assignments = pd.read_csv(tmp_path / "o" / "assignments.csv", encoding="utf-8-sig")
    assert len(assignments) == 29_997 and 4 not in set(assignments["row"])
    assert main(["fit", *args, "--memory-budget", "1MB"]) == 0
    assert "adjusted Rand index against the label" in capsys.readouterr().out


def test_a_streamed_label_that_is_also_a_feature_gets_one_plain_line(labelled, capsys):
    path = str(labelled["parquet"])
    assert main(["fit", path, "--memory-budget", "1MB", "--columns", "u,v", "--label", "v"]) == 2
    err = capsys.readouterr().err
    assert "cannot be both a feature and the label" in err and err.count("\n") == 1


def test_streamed_names_name_the_columns_of_a_headerless_csv(labelled, capsys):
    path = str(labelled["csv"])
    streamed = _json(
        capsys,
        path,
        "--no-header",
        "--names",
        "p,,q",
        "--columns",
        "p,q",
        "--memory-budget",
        "1MB",
        "-k",
        "2",
    )
    assert streamed["columns"] == ["p", "q"]
    assert streamed["n_samples"] == 30_000


def test_dask_missing_gets_one_plain_line(files, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # as in the bundle: not installed
    assert main(["fit", str(files["parquet"]), "--dask", "-k", "2"]) == 2
    err = capsys.readouterr().err
    assert "needs dask.distributed" in err and err.count("\n") == 1


def test_dask_refuses_a_csv_file_plainly(files, capsys):
    assert main(["fit", str(files["csv"]), "--dask"]) == 2
    assert "Parquet or Arrow" in capsys.readouterr().err


def test_streamed_columns_are_found_as_the_in_memory_fit_finds_them(files, capsys):
    streamed = _json(capsys, str(files["parquet"]), "--memory-budget", "1MB", "--columns", "A,3")
    assert streamed["columns"] == ["a", "c"]
    assert main(["fit", str(files["parquet"]), "--memory-budget", "1MB", "--columns", "q"]) == 2
    assert "there is no column 'q'" in capsys.readouterr().err
