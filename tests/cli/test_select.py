"""`gmm-desktop select` end to end: JSON, models.csv, the readable table, every error."""

from __future__ import annotations

import csv
import errno
import json
import os
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from threadpoolctl import threadpool_limits

from gmm_desktop.cli import main
from gmm_desktop.cli.select import CSV_FIELDS, FIELDS, TEST_FIELDS, parse_components
from gmm_desktop.engine import best_model, sweep_models
from gmm_desktop.errors import UserError


@pytest.fixture(autouse=True)
def _one_blas_thread() -> Iterator[None]:
    with threadpool_limits(limits=1):
        yield


@pytest.fixture()
def two_groups_csv(tmp_path: Path) -> Path:
    rng = np.random.default_rng(5)
    x = np.concatenate([rng.normal(0, 1, 150), rng.normal(6, 1, 100)])
    y = np.concatenate([rng.normal(0, 1, 150), rng.normal(3, 0.5, 100)])
    sex = np.array(["a"] * 150 + ["b"] * 100)
    path = tmp_path / "groups.csv"
    pd.DataFrame({"group": sex, "x": x.round(3), "y": y.round(3)}).to_csv(path, index=False)
    return path


def run_select(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["select", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_json_lists_every_model_and_the_best(two_groups_csv, capsys) -> None:
    code, out, err = run_select(
        capsys,
        str(two_groups_csv),
        "--components", "1-3",
        "--covariance", "full,diag",
        "--restarts", "2",
        "--label", "group",
        "--json",
    )  # fmt: skip
    assert code == 0 and err == ""
    summary = json.loads(out)
    models = summary["models"]
    assert [(m["components"], m["covariance"]) for m in models] == [
        (1, "full"), (1, "diag"), (2, "full"), (2, "diag"), (3, "full"), (3, "diag"),
    ]  # fmt: skip
    assert all(list(m) == list(FIELDS) for m in models)
    assert summary["best"]["components"] == 2
    X = pd.read_csv(two_groups_csv)[["x", "y"]].to_numpy()
    scores = sweep_models(X, [1, 2, 3], ["full", "diag"], n_init=2, seed=0)
    for m, s in zip(models, scores, strict=True):
        assert m["bic"] == pytest.approx(s.bic, rel=1e-12)
        assert m["icl"] == pytest.approx(s.icl, rel=1e-12)
        assert m["log_likelihood"] == pytest.approx(s.log_likelihood, rel=1e-12)
        assert m["degenerate"] is False and isinstance(m["converged"], bool)
    best = best_model(scores)
    assert best is not None
    assert summary["best"] == {"components": best.n_components, "covariance": best.covariance_type}
    assert min(models, key=lambda m: m["bic"])["bic"] == pytest.approx(best.bic)


def test_out_writes_models_csv(two_groups_csv, tmp_path, capsys) -> None:
    out_dir = tmp_path / "results" / "sweep"
    code, out, _ = run_select(
        capsys, str(two_groups_csv), "--components", "1,2", "--covariance", "tied",
        "--restarts", "1", "--out", str(out_dir), "--json",
    )  # fmt: skip
    assert code == 0
    summary = json.loads(out)
    table = pd.read_csv(out_dir / "models.csv")
    assert list(table.columns) == list(CSV_FIELDS)
    assert table["components"].tolist() == [1, 2]
    assert table["bic"].to_numpy() == pytest.approx([m["bic"] for m in summary["models"]])
    assert table["degenerate"].tolist() == [False, False]
    assert summary["files"] == [str(out_dir / "models.csv")]
    assert [p.name for p in out_dir.iterdir()] == ["models.csv"]  # no temporary left behind


def test_json_and_models_csv_carry_every_fit_index(two_groups_csv, tmp_path, capsys) -> None:
    out_dir = tmp_path / "indices"
    code, out, _ = run_select(
        capsys, str(two_groups_csv), "--columns", "x,y", "--components", "1-2",
        "--covariance", "full", "--restarts", "1", "--out", str(out_dir), "--json",
    )  # fmt: skip
    assert code == 0
    models = json.loads(out)["models"]
    X = pd.read_csv(two_groups_csv)[["x", "y"]].to_numpy()
    scores = sweep_models(X, [1, 2], ["full"], n_init=1, seed=0)
    for m, s in zip(models, scores, strict=True):
        ix = s.indices
        assert ix is not None
        assert m["n_parameters"] == ix.n_parameters == s.n_parameters
        for key in ("aic", "bic", "sabic", "caic", "awe", "icl", "icl_entropy"):
            assert m[key] == pytest.approx(getattr(ix, key), rel=1e-12), key
        assert m["relative_entropy"] == pytest.approx(ix.relative_entropy, rel=1e-12)
        assert m["smallest_class"]["count"] == ix.smallest_class_count
        assert m["smallest_class"]["percent"] == pytest.approx(ix.smallest_class_percent)
        assert m["average_posterior"] == pytest.approx(list(ix.average_posterior))
    two = models[1]
    assert two["icl"] != pytest.approx(two["icl_entropy"])  # two conventions, two numbers
    assert two["smallest_class"]["count"] == 100  # the 100-row group
    table = pd.read_csv(out_dir / "models.csv")
    assert table["icl"].to_numpy() == pytest.approx([m["icl"] for m in models])
    assert table["icl_entropy"].to_numpy() == pytest.approx([m["icl_entropy"] for m in models])
    assert table["smallest_class_count"].tolist() == [250, 100]
    assert table["smallest_class_percent"].to_numpy() == pytest.approx([100.0, 40.0])
    posterior = [float(v) for v in str(table["average_posterior"][1]).split(";")]
    assert posterior == pytest.approx(two["average_posterior"], rel=1e-5)


def test_help_says_which_convention(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["select", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "lower-is-better" in text and "opposite sign" in text
    assert "SABIC = -2LL + p ln((n+2)/24)" in text and "Banfield and Raftery 1993" in text


def test_readable_table_marks_the_best(two_groups_csv, capsys) -> None:
    code, out, _ = run_select(
        capsys, str(two_groups_csv), "--columns", "x,y", "--components", "1-3",
        "--covariance", "full", "--restarts", "2",
    )  # fmt: skip
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "3 models fitted to 250 rows"
    assert lines[1].split() == ["K", "covariance", "log-lik", "BIC", "AIC", "ICL", "iter",
                                "converged", "note"]  # fmt: skip
    starred = [line for line in lines[2:5] if line.startswith("*")]
    assert len(starred) == 1 and starred[0].split()[1:3] == ["2", "full"]
    assert "* best by BIC: K = 2, full covariance" in out


def test_degenerate_models_are_marked_and_none_best(tmp_path, capsys) -> None:
    rng = np.random.default_rng(1)
    path = tmp_path / "spike.csv"
    values = np.concatenate([rng.normal(0, 1, 200), np.full(30, 6.0)])
    pd.DataFrame({"v": values}).to_csv(path, index=False)
    code, out, _ = run_select(capsys, str(path), "--components", "2-3", "--covariance", "full",
                              "--restarts", "1", "--json")  # fmt: skip
    assert code == 0
    summary = json.loads(out)
    assert summary["best"] is None
    assert [m["degenerate"] for m in summary["models"]] == [True, True]
    code, out, _ = run_select(capsys, str(path), "--components", "1-2", "--covariance", "full",
                              "--restarts", "1")  # fmt: skip
    assert "degenerate (collapsed)" in out and "* best by BIC: K = 1" in out
    code, out, _ = run_select(capsys, str(path), "--components", "2", "--covariance", "full",
                              "--restarts", "1")  # fmt: skip
    assert "no usable model" in out


def test_large_k_is_skipped_with_a_note(tmp_path, capsys) -> None:
    path = tmp_path / "tiny.csv"
    pd.DataFrame({"v": [1.0, 2.5, 3.1, 7.2, 8.0]}).to_csv(path, index=False)
    code, out, _ = run_select(capsys, str(path), "--components", "1,2,9", "--covariance", "full",
                              "--json")  # fmt: skip
    assert code == 0
    summary = json.loads(out)
    assert summary["skipped_components"] == [9]
    assert [m["components"] for m in summary["models"]] == [1, 2]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--components", "6-1"], "runs backwards"),
        (["--components", "a-b"], "whole numbers like 1-6"),
        (["--components", "0-2"], "at least 1"),
        (["--components", ""], "whole numbers like 1-6"),
        (["--covariance", "full,round"], "unknown covariance type 'round'"),
        (["--components", "7-9"], "larger than the number of rows (5)"),
        (["--restarts", "0"], "restarts must be at least 1"),
        (["--columns", "nope"], "nope"),
    ],
)
def test_errors_are_one_plain_line(tmp_path, capsys, args: list[str], message: str) -> None:
    path = tmp_path / "tiny.csv"
    pd.DataFrame({"v": [1.0, 2.5, 3.1, 7.2, 8.0]}).to_csv(path, index=False)
    code, out, err = run_select(capsys, str(path), *args)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("gmm-desktop: error:")
    assert message in err


def test_missing_file_is_a_plain_error(tmp_path, capsys) -> None:
    code, _, err = run_select(capsys, str(tmp_path / "nothing.csv"))
    assert code == 2 and err.count("\n") == 1


def test_parse_components_forms() -> None:
    assert parse_components("1-6") == [1, 2, 3, 4, 5, 6]
    assert parse_components("2,3,5") == [2, 3, 5]
    assert parse_components("4") == [4]
    assert parse_components(" 1-3, 6 ,2") == [1, 2, 3, 6]
    with pytest.raises(UserError):
        parse_components("1--3")


def test_out_failure_keeps_the_earlier_models_csv(two_groups_csv, tmp_path, capsys, monkeypatch):
    out_dir = tmp_path / "sweep"
    args = ["--components", "1", "--covariance", "tied", "--restarts", "1", "--out", str(out_dir)]
    assert run_select(capsys, str(two_groups_csv), *args)[0] == 0
    before = (out_dir / "models.csv").read_bytes()
    stale = out_dir / ".gmm-export-killed"  # left by a select killed while writing
    stale.mkdir()
    os.utime(stale, (0, 0))

    def full_disk(self, rowdict):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(csv.DictWriter, "writerow", full_disk)
    code, _, err = run_select(capsys, str(two_groups_csv), *args[:1], "1,2", *args[2:])
    assert code == 2 and "models.csv" in err and "No space left" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert [p.name for p in out_dir.iterdir()] == ["models.csv"]  # stale one gone, no new one
    assert (out_dir / "models.csv").read_bytes() == before


def test_out_never_overwrites_the_data_file(two_groups_csv, tmp_path, capsys) -> None:
    data = tmp_path / "models.csv"
    two_groups_csv.rename(data)
    before = data.read_bytes()
    code, _, err = run_select(capsys, str(data), "--components", "1", "--out", str(tmp_path))
    assert code == 2 and "is the data file you opened" in err
    assert data.read_bytes() == before and [p.name for p in tmp_path.iterdir()] == ["models.csv"]


def test_out_naming_a_file_says_it_is_a_file(two_groups_csv, tmp_path, capsys) -> None:
    existing = tmp_path / "notes.txt"
    existing.write_text("mine")
    code, _, err = run_select(
        capsys, str(two_groups_csv), "--components", "1", "--out", str(existing)
    )
    assert code == 2 and f"{existing} is a file, not a folder" in err
    assert existing.read_text() == "mine"


def test_blrt_adds_the_tests_of_k_minus_one_against_k(two_groups_csv, tmp_path, capsys) -> None:
    out_dir = tmp_path / "tested"
    args = [str(two_groups_csv), "--columns", "x", "--components", "1-2", "--covariance",
            "full,tied", "--restarts", "1", "--blrt", "9"]  # fmt: skip
    code, out, err = run_select(capsys, *args, "--out", str(out_dir), "--json")
    assert code == 0 and err == ""
    models = json.loads(out)["models"]
    assert all(list(m) == list(FIELDS) for m in models)
    one, two = models[0], models[2]  # K = 1 and K = 2, full
    assert one["blrt_p"] is None and one["lmr_p"] is None  # nothing below K = 1
    assert two["blrt_p"] == pytest.approx(0.1)  # 1 / (9 + 1): no replicate reached the LR
    assert two["blrt_p_se"] == pytest.approx(np.sqrt(0.1 * 0.9 / 9))
    assert 0 <= two["lmr_p"] < 1e-6
    table = pd.read_csv(out_dir / "models.csv")
    assert table["blrt_p"].tolist()[2] == pytest.approx(0.1)
    assert np.isnan(table["lmr_p"][0]) and table["lmr_p"][2] == pytest.approx(two["lmr_p"])
    again = json.loads(run_select(capsys, *args, "--json")[1])["models"]
    assert [m["blrt_p"] for m in again] == [m["blrt_p"] for m in models]  # seeded
    code, out, _ = run_select(capsys, *args)
    assert code == 0
    assert "K = 1 against K = 2 (full): bootstrap LRT p = 0.100" in out
    assert "use at least 19" in out


def test_without_blrt_the_test_keys_are_empty(two_groups_csv, capsys) -> None:
    code, out, _ = run_select(capsys, str(two_groups_csv), "--columns", "x", "--components",
                              "1-2", "--covariance", "full", "--json")  # fmt: skip
    assert code == 0
    assert all(m[key] is None for m in json.loads(out)["models"] for key in TEST_FIELDS)


@pytest.mark.parametrize(
    ("value", "message"),
    [("0", "needs at least 1 replicate (got 0)"), ("-3", "at least 1"),
     ("abc", "expects a whole number of replicates such as 99 (got 'abc')"), ("2.5", "2.5")],
)  # fmt: skip
def test_bad_blrt_values_are_one_plain_line(two_groups_csv, capsys, value, message) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["select", str(two_groups_csv), "--blrt", value])
    captured = capsys.readouterr()
    assert exited.value.code == 2 and captured.out == ""
    assert captured.err.count("\n") == 1 and "--blrt" in captured.err
    assert message in captured.err and "Traceback" not in captured.err
