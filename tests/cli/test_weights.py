"""`gmm-desktop fit FILE --weights COLUMN`: frequency weights, and bad weights refused."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from gmm_desktop.cli import main


def _files(tmp_path: Path) -> tuple[Path, Path]:
    """A file with a frequency column, and the same rows written out that many times."""
    rng = np.random.default_rng(9)
    x = np.r_[rng.normal(0.0, 1.0, 60), rng.normal(5.0, 1.0, 40)].round(3)
    y = np.r_[rng.normal(1.0, 1.0, 60), rng.normal(-2.0, 0.5, 40)].round(3)
    freq = rng.integers(0, 4, x.size)
    weighted = tmp_path / "weighted.csv"
    pd.DataFrame({"x": x, "y": y, "freq": freq}).to_csv(weighted, index=False)
    repeated = tmp_path / "repeated.csv"
    rows = np.repeat(np.arange(x.size), freq)
    pd.DataFrame({"x": x[rows], "y": y[rows]}).to_csv(repeated, index=False)
    start = tmp_path / "start.json"
    start.write_text(
        json.dumps({"weights": [0.5, 0.5], "means": [[0, 0], [4, -1]], "sds": [[1, 1], [1, 1]]})
    )
    return weighted, repeated, start


def _json(capsys, *args: str) -> dict:
    assert main(["fit", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_frequency_weights_give_the_fit_of_the_repeated_file(tmp_path, capsys):
    weighted, repeated, start = _files(tmp_path)
    common = ["--columns", "x,y", "--init-file", str(start)]
    got = _json(capsys, str(weighted), *common, "--weights", "freq")
    want = _json(capsys, str(repeated), *common)
    assert got["weight_column"] == "freq" and "weight_column" not in want
    assert got["sum_of_weights"] == want["n_samples"] and want["sum_of_weights"] is None
    for key in ("log_likelihood", "bic", "aic", "sabic", "icl"):
        assert got[key] == pytest.approx(want[key], rel=1e-10), key
    for key in ("weights", "means", "covariances"):
        np.testing.assert_allclose(got[key], want[key], rtol=1e-10, atol=1e-12)
    assert main(["fit", str(weighted), *common, "--weights", "freq"]) == 0
    assert "n = the sum of the weights" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("cell", "words"),
    [
        ("-1", "the weight in row 3 is negative"),
        ("", "the weight in row 3 is empty"),
        ("many", "the weight in row 3 is not a number"),
        ("inf", "the weight in row 3 is infinite"),
    ],
)
def test_bad_weights_are_one_plain_line(tmp_path, capsys, cell, words):
    path = tmp_path / "bad.csv"
    cells = ["1", "2", cell, "1", "2", "1"]
    rows = [f"{i}.5,{(i * 7) % 5}.25,{w}" for i, w in enumerate(cells)]
    path.write_text("x,y,w\n" + "\n".join(rows) + "\n")
    before = path.read_bytes()
    assert main(["fit", str(path), "--columns", "x,y", "--weights", "w", "-k", "1"]) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in captured.err
    assert words in lines[0]
    assert path.read_bytes() == before


def test_a_text_or_feature_weight_column_is_refused(tmp_path, capsys):
    path = tmp_path / "text.csv"
    path.write_text("x,w\n1,a\n2,b\n3,c\n")
    assert main(["fit", str(path), "--columns", "x", "--weights", "w", "-k", "1"]) == 2
    assert "holds text" in capsys.readouterr().err
    assert main(["fit", str(path), "--columns", "x", "--weights", "x", "-k", "1"]) == 2
    assert "both a feature and the weights" in capsys.readouterr().err


def test_select_takes_weights_and_missing_cells(tmp_path, capsys):
    """`select --weights` scores as the repeated file does (K = 1 has one maximum, whatever
    the starts); `--missing model` fits the rows with empty cells; `--blrt` refuses both."""
    weighted, repeated, _ = _files(tmp_path)
    common = ["--columns", "x,y", "--components", "1", "--covariance", "full,diag", "--json"]
    assert main(["select", str(weighted), *common, "--weights", "freq"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert main(["select", str(repeated), *common]) == 0
    want = json.loads(capsys.readouterr().out)
    assert got["sum_of_weights"] == want["n_samples"] and want["sum_of_weights"] is None
    for a, b in zip(got["models"], want["models"], strict=True):
        for key in ("log_likelihood", "bic", "aic"):
            assert a[key] == pytest.approx(b[key], rel=1e-10), key
    frame = pd.read_csv(weighted)
    frame.loc[[2, 7, 11], "x"] = np.nan
    holes = tmp_path / "holes.csv"
    frame.to_csv(holes, index=False)
    two = ["--columns", "x,y", "--components", "1-2", "--covariance", "full"]
    assert main(["select", str(holes), *two, "--missing", "model", "--json"]) == 0
    modelled = json.loads(capsys.readouterr().out)
    assert modelled["n_samples"] == 100 and modelled["cells_filled"] == 3
    assert main(["select", str(holes), *two, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["n_samples"] == 97
    assert main(["select", str(holes), *two, "--missing", "model", "--weights", "freq"]) == 0
    text = capsys.readouterr().out
    assert "n = the sum of the weights" in text and "empty cells filled in the model: 3" in text
    assert main(["select", str(holes), *two, "--blrt", "9", "--missing", "model"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot draw rows with empty cells" in err


def test_bootstrap_and_blrt_of_weights_are_those_of_the_repeated_file(tmp_path, capsys):
    """`fit --bootstrap` and `select --blrt` with frequency weights resample the rows they
    stand for: the same standard errors and p-values as the repeated file, seed for seed."""
    weighted, repeated, start = _files(tmp_path)
    common = ["--columns", "x,y", "--init-file", str(start), "--bootstrap", "6", "--seed", "4"]
    for kind in ("nonparametric", "parametric"):
        both = [*common, "--bootstrap-kind", kind]
        got = _json(capsys, str(weighted), *both, "--weights", "freq")
        want = _json(capsys, str(repeated), *both)
        assert got["bootstrap"] == want["bootstrap"]
        for key in ("se_weights", "se_means", "se_sds", "ci_low_means", "ci_high_means"):
            np.testing.assert_allclose(got[key], want[key], rtol=1e-6, atol=1e-9)
    two = ["--columns", "x,y", "--components", "1-2", "--covariance", "full", "--json"]
    two += ["--blrt", "5", "--seed", "2", "--tol", "1e-10"]
    assert main(["select", str(weighted), *two, "--weights", "freq"]) == 0
    got_models = json.loads(capsys.readouterr().out)["models"]
    assert main(["select", str(repeated), *two]) == 0
    want_models = json.loads(capsys.readouterr().out)["models"]
    assert got_models[1]["blrt_p"] is not None
    for a, b in zip(got_models, want_models, strict=True):
        assert a["blrt_p"] == b["blrt_p"]
        assert a["lmr_p"] == (None if b["lmr_p"] is None else pytest.approx(b["lmr_p"], rel=1e-6))
