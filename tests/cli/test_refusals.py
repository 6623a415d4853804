"""Streamed fits (--memory-budget) and --dask do not take --weights or --missing model yet,
nor `fit --bootstrap` fractional weights or `--bootstrap-kind parametric` with --missing model:
each says so in one plain line on stderr and exits with status 2, before any fit."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from gmm_desktop.cli import main

REFUSED = [["--weights", "w"], ["--missing", "model"], ["--weights", "w", "--missing", "model"]]


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    """The same rows as a CSV and a Parquet file: three columns, a weight column w, one
    empty cell; 40,000 rows, so a 1MB budget streams them."""
    folder = tmp_path_factory.mktemp("refusals")
    rng = np.random.default_rng(12)
    n = 40_000
    X = np.concatenate([rng.normal(0, 1, (n // 2, 3)), rng.normal(3, 1.2, (n // 2, 3))])
    frame = pd.DataFrame(X, columns=["a", "b", "c"])
    frame.loc[7, "b"] = np.nan
    frame["w"] = rng.integers(1, 4, n).astype(float)
    paths = {"parquet": folder / "d.parquet", "csv": folder / "d.csv", "small": folder / "s.csv"}
    frame.to_parquet(paths["parquet"], index=False, row_group_size=5000)
    frame.to_csv(paths["csv"], index=False, float_format="%.17g")
    frame.iloc[:300].to_csv(paths["small"], index=False)
    return paths


def _refused(capsys, args: list[str], *words: str) -> str:
    """Run ``fit`` with ``args``: status 2 and one plain line on stderr naming ``words``."""
    assert main(["fit", *args]) == 2
    captured = capsys.readouterr()
    err = captured.err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    for word in words:
        assert word in err, err
    assert captured.out == ""
    return err


@pytest.mark.parametrize("extra", REFUSED)
def test_the_nonparametric_bootstrap_takes_weights_and_missing_model(files, capsys, extra):
    args = [str(files["small"]), "--columns", "a,b,c", "-k", "2", "--bootstrap", "3", *extra]
    assert main(["fit", *args, "--json"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    summary = json.loads(captured.out)
    assert summary["bootstrap"]["replicates"] == 3
    assert all(se is not None and se > 0 for se in summary["se_weights"])


def test_the_parametric_bootstrap_refuses_missing_model(files, capsys):
    args = [str(files["small"]), "--columns", "a,b,c", "-k", "2", "--bootstrap", "3"]
    args += ["--bootstrap-kind", "parametric", "--missing", "model"]
    _refused(capsys, args, "parametric bootstrap cannot draw rows with empty cells")
    weighted = [*args[:-2], "--weights", "w"]  # weights alone: it draws sum-of-weights rows
    assert main(["fit", *weighted]) == 0
    assert capsys.readouterr().err == ""


def test_the_bootstrap_refuses_fractional_weights(files, capsys, tmp_path):
    frame = pd.read_csv(files["small"])
    frame.loc[4, "w"] = 1.5
    path = tmp_path / "fractional.csv"
    frame.to_csv(path, index=False)
    args = [str(path), "--columns", "a,b,c", "-k", "2", "--weights", "w", "--bootstrap", "3"]
    _refused(capsys, args, "whole numbers", "rows with other weights: 1, the first 1.5")
    assert main(["fit", *args[:-2]]) == 0  # the fit alone takes them


@pytest.mark.parametrize("kind", ["parquet", "csv"])
@pytest.mark.parametrize("extra", REFUSED)
def test_a_streamed_fit_refuses_weights_and_missing_model(files, capsys, kind, extra):
    args = [str(files[kind]), "--columns", "a,b,c", "-k", "2", "--memory-budget", "1MB", *extra]
    _refused(capsys, args, "--weights and --missing model", "streamed or on Dask")


@pytest.mark.parametrize("extra", REFUSED)
def test_dask_refuses_weights_and_missing_model(files, capsys, extra):
    args = [str(files["parquet"]), "--columns", "a,b,c", "-k", "2", "--dask", *extra]
    _refused(capsys, args, "--weights and --missing model", "streamed or on Dask")


def test_without_them_the_same_runs_are_not_refused(files, capsys):
    """The refusals come from --weights and --missing model, not from the files or options."""
    small = [str(files["small"]), "--columns", "a,b,c", "-k", "2", "--seed", "1"]
    assert main(["fit", *small, "--bootstrap", "5"]) == 0
    streamed = [str(files["parquet"]), "--columns", "a,b,c", "-k", "2", "--seed", "1"]
    assert main(["fit", *streamed, "--memory-budget", "1MB", "--missing", "drop"]) == 0
    assert capsys.readouterr().err == ""
