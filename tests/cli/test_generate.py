"""``gmm-desktop generate`` end to end through ``gmm_desktop.cli.main``."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from gmm_desktop.cli import main
from gmm_desktop.io import read_table, select_features


def test_heights_preset(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "h.csv"
    assert main(["generate", "--preset", "heights", "--out", str(out), "--seed", "1"]) == 0
    printed = capsys.readouterr()
    assert printed.err == "" and len(printed.out.strip().splitlines()) == 1
    assert "1,000 rows" in printed.out and "seed 1" in printed.out
    frame = pd.read_csv(out)
    assert frame.columns.tolist() == ["height", "sex", "true_component"]
    assert frame["true_component"].value_counts().to_dict() == {1: 600, 2: 400}
    assert (frame.loc[frame["sex"] == "M", "true_component"] == 1).all()
    table = read_table(out)
    data = select_features(table, label="sex")
    assert data.columns == ["height"] and data.rows_dropped == 0


def test_same_seed_same_file(tmp_path: Path) -> None:
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    for path in (a, b):
        assert main(["generate", "--preset", "2d", "--seed", "5", "--out", str(path)]) == 0
    assert a.read_bytes() == b.read_bytes()


def test_n_overrides_preset_size(tmp_path: Path) -> None:
    out = tmp_path / "t.csv"
    assert main(["generate", "--preset", "3d-four", "--n", "100", "--out", str(out)]) == 0
    frame = pd.read_csv(out)
    assert frame.shape == (100, 4) and frame.columns.tolist()[:3] == ["x1", "x2", "x3"]
    assert frame["true_component"].value_counts().tolist() == [25, 25, 25, 25]


def test_explicit_1d_parameters(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "e.csv"
    args = ["generate", "--components", "2", "--weights", "0.6,0.4", "--means", "176,164"]
    args += ["--sds", "8,6", "--n", "1000", "--seed", "1", "--out", str(out), "--decimals", "1"]
    assert main(args) == 0
    frame = pd.read_csv(out)
    assert frame.columns.tolist() == ["x", "true_component"]
    assert frame["true_component"].value_counts().to_dict() == {1: 600, 2: 400}
    assert np.allclose(frame["x"], frame["x"].round(1))
    assert "your parameters" in capsys.readouterr().out


def test_explicit_2d_covariances(tmp_path: Path) -> None:
    out = tmp_path / "c.csv"
    args = ["generate", "--means", "1,1;7,7", "--covariances", "3,2,2,3;2,-1,-1,2"]
    args += ["--n", "4000", "--seed", "2", "--names", "a,b", "--out", str(out)]
    assert main(args) == 0
    frame = pd.read_csv(out)
    assert frame.columns.tolist() == ["a", "b", "true_component"]
    first = frame.loc[frame["true_component"] == 1, ["a", "b"]].to_numpy()
    np.testing.assert_allclose(np.cov(first, rowvar=False), [[3, 2], [2, 3]], atol=0.3)


def test_list_presets(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["generate", "--list-presets"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert [line.split()[0] for line in lines] == ["heights", "2d", "1d-three", "3d-four"]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--preset", "nope"], "no preset 'nope'"),
        (["--weights", "0.5,0.4", "--means", "1,2"], "add up to 1"),
        (["--weights", "0.5,0.3,0.2", "--means", "1,2"], "3 weights but 2 means"),
        (["--components", "3", "--means", "1,2"], "--components is 3"),
        (["--means", "1,2", "--sds", "1,-1"], "positive"),
        (["--means", "1,x"], "not a list of numbers"),
        (["--means", "1,1;7"], "same number of values"),
        (["--means", "1,1;7,7", "--covariances", "1,2,2,1;1,0,0,1"], "not positive definite"),
        (["--means", "1,1;7,7", "--covariances", "1,2,3;1"], "covariance 1 has 3 values"),
        (["--preset", "heights", "--means", "1,2"], "cannot be combined"),
        (["--preset", "heights", "--n", "0"], "at least 1"),
        ([], "--preset NAME"),
    ],
)
def test_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], words: str
) -> None:
    out = tmp_path / "out.csv"
    assert main(["generate", *args, "--out", str(out)]) == 2
    printed = capsys.readouterr()
    assert printed.out == ""
    assert printed.err.startswith("gmm-desktop: error: ") and words in printed.err
    assert len(printed.err.strip().splitlines()) == 1 and "Traceback" not in printed.err
    assert list(tmp_path.iterdir()) == []  # no partial output, no temporary file


def test_missing_out(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["generate", "--preset", "heights"]) == 2
    assert "--out" in capsys.readouterr().err


def test_unwritable_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "missing" / "h.csv"
    assert main(["generate", "--preset", "heights", "--out", str(out)]) == 2
    assert "cannot write" in capsys.readouterr().err


def test_existing_file_needs_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "mine.csv"
    out.write_text("my own work\n")
    assert main(["generate", "--preset", "heights", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "already exists" in err and "--force" in err and len(err.strip().splitlines()) == 1
    assert out.read_text() == "my own work\n"
    assert main(["generate", "--preset", "heights", "--out", str(out), "--force"]) == 0
    assert pd.read_csv(out).columns.tolist() == ["height", "sex", "true_component"]


def test_out_folder_is_refused_plainly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["generate", "--preset", "heights", "--out", str(tmp_path), "--force"]) == 2
    assert "is a folder" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
