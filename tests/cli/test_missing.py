"""`gmm-desktop fit FILE --missing model`: rows with empty cells used, their cells filled."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from gmm_desktop.cli import main


def _file(tmp_path: Path, holes: bool = True) -> tuple[Path, int, int]:
    """A two-group CSV with empty cells (and one row with both cells empty): (path, empty
    cells in rows that keep a value, rows with an empty cell)."""
    rng = np.random.default_rng(4)
    x = np.r_[rng.normal(0.0, 1.0, 80), rng.normal(4.0, 1.0, 60)].round(3)
    y = np.r_[rng.normal(0.0, 1.0, 80), rng.normal(3.0, 0.8, 60)].round(3)
    frame = pd.DataFrame({"x": x, "y": y})
    if holes:
        frame.loc[[3, 10, 50], "x"] = np.nan
        frame.loc[[7, 90], "y"] = np.nan
        frame.loc[20, ["x", "y"]] = np.nan
    path = tmp_path / "holes.csv"
    frame.to_csv(path, index=False)
    return path, 5, 6


def _json(capsys, *args: str) -> dict:
    assert main(["fit", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_model_uses_the_rows_with_empty_cells(tmp_path, capsys):
    path, filled, incomplete = _file(tmp_path)
    common = [str(path), "--columns", "x,y", "--seed", "2"]
    dropped = _json(capsys, *common)
    modelled = _json(capsys, *common, "--missing", "model")
    assert dropped["rows_dropped"] == incomplete and dropped["cells_filled"] == 0
    assert modelled["rows_dropped"] == 1  # the row with both cells empty
    assert modelled["n_samples"] == 140 - 1 and modelled["cells_filled"] == filled
    assert modelled["missing"] == "model"
    assert main([*["fit"], *common, "--missing", "model"]) == 0
    assert "empty cells filled in the model: 5" in capsys.readouterr().out


def test_assignments_keep_empty_cells_empty_and_add_expected_values(tmp_path, capsys):
    path, _, _ = _file(tmp_path)
    out = tmp_path / "out"
    argv = ["fit", str(path), "--columns", "x,y", "--missing", "model", "--out", str(out)]
    assert main(argv) == 0
    capsys.readouterr()
    table = pd.read_csv(out / "assignments.csv", encoding="utf-8-sig")
    assert {"expected(x)", "expected(y)"} <= set(table.columns)
    assert table["x"].isna().sum() == 3 and table["y"].isna().sum() == 2
    assert table["expected(x)"].notna().all() and table["expected(y)"].notna().all()
    kept = table["x"].notna()
    np.testing.assert_allclose(table.loc[kept, "expected(x)"], table.loc[kept, "x"])


def test_without_empty_cells_model_equals_drop(tmp_path, capsys):
    path, _, _ = _file(tmp_path, holes=False)
    common = [str(path), "--columns", "x,y", "--seed", "1"]
    dropped = _json(capsys, *common)
    modelled = _json(capsys, *common, "--missing", "model")
    for key in ("log_likelihood", "bic"):
        assert modelled[key] == pytest.approx(dropped[key], rel=1e-12)
    np.testing.assert_allclose(modelled["means"], dropped["means"], rtol=1e-12)
