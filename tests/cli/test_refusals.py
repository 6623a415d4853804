"""`fit --bootstrap`, streamed fits (--memory-budget) and --dask do not take --weights or
--missing model yet: each says so in one plain line on stderr and exits with status 2."""

from __future__ import annotations

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
def test_bootstrap_refuses_weights_and_missing_model(files, capsys, extra):
    args = [str(files["small"]), "--columns", "a,b,c", "-k", "2", "--bootstrap", "5", *extra]
    _refused(capsys, args, "--bootstrap", "--weights or --missing model")


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
