"""`gmm-desktop fit` end to end: JSON, CSV outputs, the homework start, every error."""

from __future__ import annotations

import json
import os
import threading
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from gmm_desktop.cli import main
from gmm_desktop.engine import FitConfig, MixtureParams, adjusted_rand_index, fit
from gmm_desktop.errors import UserError


@pytest.fixture()
def heights_csv(tmp_path: Path) -> Path:
    rng = np.random.default_rng(7)
    sex = np.array(["M"] * 600 + ["F"] * 400)
    height = np.concatenate([rng.normal(176, 8, 600), rng.normal(164, 6, 400)]).round(1)
    path = tmp_path / "heights.csv"
    pd.DataFrame({"sex": sex, "height": height}).to_csv(path, index=False)
    return path


def run_json(capsys, *args: str) -> dict:
    assert main(["fit", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_warns_when_the_regularisation_swamps_the_data(tmp_path, capsys):
    """Values near 1e-4 (variance 1e-8) under the default reg_covar 1e-6: a warning says so."""
    rng = np.random.default_rng(3)
    path = tmp_path / "tiny.csv"
    values = np.r_[rng.normal(1e-4, 2e-5, 200), rng.normal(3e-4, 2e-5, 200)]
    pd.DataFrame({"x": values}).to_csv(path, index=False)
    out = run_json(capsys, str(path), "-k", "2", "--seed", "0")
    assert any("regularisation" in w and "rescale" in w for w in out["warnings"]), out["warnings"]


def test_json_summary_matches_engine(heights_csv, capsys):
    out = run_json(capsys, str(heights_csv), "-k", "2", "--seed", "4", "--label", "sex")
    for key in (
        "n_samples",
        "n_features",
        "columns",
        "rows_dropped",
        "components",
        "covariance",
        "iterations",
        "converged",
        "log_likelihood",
        "bic",
        "aic",
        "weights",
        "means",
        "covariances",
        "adjusted_rand_index",
    ):
        assert key in out
    assert out["n_samples"] == 1000 and out["columns"] == ["height"]
    assert np.array(out["covariances"]).shape == (2, 1, 1)
    X = pd.read_csv(heights_csv)["height"].to_numpy()[:, None]
    reference = fit(X, FitConfig(n_components=2, seed=4))
    assert out["log_likelihood"] == pytest.approx(reference.log_likelihood, rel=1e-12)
    assert out["bic"] == pytest.approx(reference.bic, rel=1e-12)
    labels = pd.read_csv(heights_csv)["sex"].to_numpy()
    assert out["adjusted_rand_index"] == pytest.approx(
        adjusted_rand_index(labels, reference.labels)
    )


def test_json_says_which_engine_ran(heights_csv, capsys):
    from gmm_desktop.engine import backend, fast

    out = run_json(capsys, str(heights_csv), "-k", "2", "--seed", "4")
    expected = "compiled" if fast.is_available() else "reference"
    assert out["backend"] == expected == backend.ready().name
    assert ("backend_reason" in out) == (expected == "reference")


def test_json_says_why_the_reference_engine_ran(heights_csv, capsys, monkeypatch):
    from gmm_desktop.engine import backend

    warmed = threading.Event()
    warmed.set()  # warm-up "finished" and found no numba: fits run on the reference engine
    monkeypatch.setattr(backend, "_warmed", warmed)
    monkeypatch.setattr(backend, "_compiled", None)
    monkeypatch.setattr(backend, "_reason", "ModuleNotFoundError: No module named 'numba'")
    out = run_json(capsys, str(heights_csv), "-k", "2", "--seed", "4")
    assert out["backend"] == "reference"
    assert out["backend_reason"] == "ModuleNotFoundError: No module named 'numba'"
    X = pd.read_csv(heights_csv)["height"].to_numpy()[:, None]
    reference = fit(X, FitConfig(n_components=2, seed=4), backend=backend.REFERENCE)
    assert out["log_likelihood"] == reference.log_likelihood


def test_json_has_every_fit_index(heights_csv, capsys):
    out = run_json(capsys, str(heights_csv), "-k", "2", "--seed", "4")
    X = pd.read_csv(heights_csv)["height"].to_numpy()[:, None]
    ix = fit(X, FitConfig(n_components=2, seed=4)).indices
    assert out["n_parameters"] == 5
    assert out["parameter_breakdown"] == {"weights": 1, "means": 2, "covariances": 2}
    for key in ("aic", "bic", "sabic", "caic", "awe", "icl", "icl_entropy", "relative_entropy"):
        assert out[key] == pytest.approx(getattr(ix, key), rel=1e-12), key
    assert out["smallest_class"] == {
        "component": ix.smallest_class + 1,
        "count": ix.smallest_class_count,
        "percent": pytest.approx(ix.smallest_class_percent),
        "warning": None,
    }
    assert out["average_posterior"] == pytest.approx(list(ix.average_posterior))
    assert sum(ix.class_counts) == 1000


def test_text_output_has_an_indices_block(heights_csv, capsys):
    assert main(["fit", str(heights_csv), "-k", "2", "--seed", "4"]) == 0
    out = capsys.readouterr().out
    assert "free parameters 5 (weights 1, means 2, covariances 2)" in out
    for name in ("SABIC", "CAIC", "AWE", "ICL", "relative entropy", "smallest component"):
        assert name in out
    assert "mclust prints BIC and ICL with the opposite sign" in out


def test_text_output_warns_of_a_small_class(tmp_path, capsys):
    rng = np.random.default_rng(2)
    values = np.concatenate([rng.normal(0, 1, 400), rng.normal(12, 0.5, 12)])
    path = tmp_path / "small.csv"
    pd.DataFrame({"v": values.round(3)}).to_csv(path, index=False)
    assert main(["fit", str(path), "-k", "2", "--seed", "1"]) == 0
    out = capsys.readouterr().out
    assert "warning: the smallest class (component" in out and "only 12 of 412 rows" in out


def test_columns_by_index_and_covariance_types(heights_csv, capsys):
    for cov in ("full", "diag", "spherical", "tied"):
        out = run_json(capsys, str(heights_csv), "--columns", "2", "--covariance", cov)
        assert out["columns"] == ["height"] and out["covariance"] == cov


def test_columns_and_label_by_number(heights_csv, capsys):
    out = run_json(capsys, str(heights_csv), "--columns", "2", "--label", "1")
    assert out["columns"] == ["height"] and out["label"] == "sex"


def test_resolve_selection_reads_numbers_and_names_like_fit(heights_csv):
    from gmm_desktop.cli.options import parse_columns, resolve_selection
    from gmm_desktop.io import read_table

    table = read_table(heights_csv)
    assert resolve_selection(table, parse_columns("2"), "1") == (["height"], "sex")
    assert resolve_selection(table, parse_columns("HEIGHT"), None) == (["height"], None)
    assert resolve_selection(table, None, "sex") == (["height"], "sex")
    with pytest.raises(UserError, match="no column number 3"):
        resolve_selection(table, parse_columns("3"), None)


def test_homework_manual_start(heights_csv, tmp_path, capsys):
    start = tmp_path / "start.json"
    start.write_text('{"weights": [0.7, 0.3], "means": [180, 165], "standard_deviations": [5, 5]}')
    out = run_json(
        capsys,
        str(heights_csv),
        "--columns",
        "height",
        "--init-file",
        str(start),
        "--tol",
        "0",
        "--max-iter",
        "5",
    )
    assert out["init"] == "manual" and out["iterations"] == 5 and not out["converged"]
    X = pd.read_csv(heights_csv)["height"].to_numpy()[:, None]
    p = MixtureParams.from_user([0.7, 0.3], [180, 165], standard_deviations=[5, 5])
    ref = fit(X, FitConfig(n_components=2, init="manual", init_params=p, tol=0, max_iter=5))
    assert np.allclose(out["means"], ref.params.means, rtol=1e-12)


def test_out_writes_three_consistent_files(heights_csv, tmp_path, capsys):
    out_dir = tmp_path / "results"
    out = run_json(capsys, str(heights_csv), "-k", "2", "--out", str(out_dir), "--label", "sex")
    params = pd.read_csv(out_dir / "parameters.csv")
    assign = pd.read_csv(out_dir / "assignments.csv")
    history = pd.read_csv(out_dir / "history.csv")
    assert list(params["component"]) == [1, 2]
    assert np.allclose(params["weight"], out["weights"])
    assert np.allclose(params["mean(height)"], np.array(out["means"])[:, 0])
    assert np.allclose(params["sd(height)"] ** 2, np.array(out["covariances"])[:, 0, 0])
    assert len(assign) == 1000 and {"row", "sex", "height", "component"} <= set(assign.columns)
    resp = assign[["responsibility_1", "responsibility_2"]].to_numpy()
    assert np.allclose(resp.sum(axis=1), 1.0)
    assert np.array_equal(assign["component"], resp.argmax(axis=1) + 1)
    assert len(history) == out["iterations"] + 1
    assert history["log_likelihood"].iloc[-1] == pytest.approx(out["log_likelihood"])
    assert np.all(np.diff(history["log_likelihood"]) >= -1e-9)
    assert not [p for p in out_dir.iterdir() if p.name.startswith(".")]


def test_readable_summary(heights_csv, capsys):
    assert main(["fit", str(heights_csv), "-k", "2"]) == 0
    text = capsys.readouterr().out
    assert "log-likelihood" in text and "BIC" in text and "mean(height)" in text


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["missing.csv"], "does not exist"),
        (["{csv}", "--columns", "nope"], "nope"),
        (["{csv}", "--columns", "sex"], "text"),
        (["{csv}", "-k", "0"], "at least 1"),
        (["{csv}", "-k", "5000"], "rows"),
        (["{csv}", "--tol", "-1"], "tolerance"),
        (["{csv}", "--restarts", "0"], "restarts"),
        (["{csv}", "--reg-covar", "-1"], "reg_covar"),
        (["{csv}", "--init-file", "nofile.json"], "does not exist"),
    ],
)
def test_errors_are_one_plain_line(heights_csv, tmp_path, capsys, args, words):
    os.chdir(tmp_path)
    argv = ["fit"] + [a.replace("{csv}", str(heights_csv)) for a in args]
    assert main(argv) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in captured.err
    assert words in lines[0]


def test_bad_init_file_values(heights_csv, tmp_path, capsys):
    start = tmp_path / "bad.json"
    start.write_text('{"weights": [0.5, 0.3], "means": [180, 165], "standard_deviations": [5, 5]}')
    assert main(["fit", str(heights_csv), "--columns", "height", "--init-file", str(start)]) == 2
    assert "add up to 1" in capsys.readouterr().err


def test_read_only_folder_leaves_no_partial_file(heights_csv, tmp_path, capsys):
    if os.geteuid() == 0:
        blocked = tmp_path / "file-not-folder"
        blocked.write_text("x")
        target = blocked / "out"  # a folder below a file cannot be created, even as root
        words = f"{blocked} is a file, not a folder"
    else:
        target = tmp_path / "ro"
        target.mkdir()
        target.chmod(0o500)
        words = "cannot"
    before = heights_csv.read_bytes()
    assert main(["fit", str(heights_csv), "--out", str(target)]) == 2
    assert words in capsys.readouterr().err
    assert heights_csv.read_bytes() == before
    assert not target.exists() or not list(target.iterdir())


@pytest.mark.parametrize("name", ["parameters.csv", "assignments.csv", "history.csv"])
def test_out_never_overwrites_the_data_file(heights_csv, tmp_path, capsys, name):
    data = tmp_path / name
    heights_csv.rename(data)
    before = data.read_bytes()
    os.chdir(tmp_path)
    for out in (str(tmp_path), ".", str(tmp_path / "link")):  # any spelling of the folder
        if out.endswith("link") and not Path(out).exists():
            Path(out).symlink_to(tmp_path, target_is_directory=True)
        assert main(["fit", str(data), "--columns", "height", "--out", out]) == 2
        err = capsys.readouterr().err
        assert "is the data file you opened" in err and len(err.strip().splitlines()) == 1
        assert data.read_bytes() == before
        assert sorted(p.name for p in tmp_path.iterdir()) in ([name], sorted([name, "link"]))


def test_out_naming_a_file_says_it_is_a_file(heights_csv, tmp_path, capsys):
    existing = tmp_path / "notes.txt"
    existing.write_text("mine")
    for out in (existing, existing / "deeper" / "out"):
        assert main(["fit", str(heights_csv), "--out", str(out)]) == 2
        err = capsys.readouterr().err
        assert f"{existing} is a file, not a folder" in err and "File exists" not in err
        assert len(err.strip().splitlines()) == 1
    assert existing.read_text() == "mine"


@pytest.mark.parametrize(
    ("means", "words"),
    [
        ("[" + "9" * 401 + ", 1]", "number too large"),  # int -> float overflows
        ("[" + "9" * 5001 + ", 1]", "number too large"),  # beyond int()'s 4,300 digits
        ("[1e400, 1]", "number too large"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),  # RecursionError in json
    ],
    ids=["401-digits", "5001-digits", "1e400", "100000-brackets"],
)
def test_hostile_init_file_is_one_plain_line(heights_csv, tmp_path, capsys, means, words):
    start = tmp_path / "start.json"
    start.write_text('{"weights": [0.5, 0.5], "means": ' + means + "}")
    assert main(["fit", str(heights_csv), "--columns", "height", "--init-file", str(start)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert words in err and len(err) < 300


def test_oversized_init_file_is_refused_before_reading(heights_csv, tmp_path, capsys):
    from gmm_desktop.cli.options import MAX_INIT_FILE_BYTES

    start = tmp_path / "start.json"
    with start.open("wb") as handle:
        handle.truncate(MAX_INIT_FILE_BYTES + 1)  # sparse: no disk used
    assert main(["fit", str(heights_csv), "--columns", "height", "--init-file", str(start)]) == 2
    assert "larger than" in capsys.readouterr().err


def test_init_file_with_a_utf8_bom_is_read(heights_csv, tmp_path, capsys):
    start = tmp_path / "start.json"
    text = '{"weights": [0.7, 0.3], "means": [180, 165], "standard_deviations": [5, 5]}'
    start.write_text(text, encoding="utf-8-sig")  # as Windows Notepad saves it
    out = run_json(
        capsys, str(heights_csv), "--columns", "height", "--init-file", str(start),
        "--tol", "0", "--max-iter", "3",
    )  # fmt: skip
    assert out["init"] == "manual" and out["iterations"] == 3


EXTREME_DATA = {
    "near-1e150": lambda rng: rng.uniform(-9.9e149, 9.9e149, (150, 2)),
    "constant": lambda rng: np.full((150, 1), 5.0),
    "three-values": lambda rng: np.repeat([1.0, 2.0, 3.0], 50)[:, None],
    "two-points-near-1e150": lambda rng: np.r_[np.full(75, 9.9e149), np.full(75, -9.9e149)][
        :, None
    ],
}


@pytest.mark.parametrize("data", EXTREME_DATA, ids=list(EXTREME_DATA))
@pytest.mark.parametrize("covariance", ["full", "diag", "spherical", "tied"])
def test_extreme_data_fit_prints_no_numpy_warning(tmp_path, capsys, data, covariance):
    X = EXTREME_DATA[data](np.random.default_rng(1))
    path = tmp_path / "extreme.csv"
    pd.DataFrame(X, columns=[f"x{j}" for j in range(X.shape[1])]).to_csv(path, index=False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for k in ("2", "5"):  # K = 5: more components than distinct values
            main(["fit", str(path), "-k", k, "--covariance", covariance, "--restarts", "2"])
    assert [str(w.message) for w in caught] == []
    assert "Warning" not in capsys.readouterr().err


def test_default_columns_with_an_infinite_value_print_no_numpy_warning(tmp_path, capsys):
    path = tmp_path / "inf.csv"
    path.write_text("x,y\ninf,1\ninf,2\n1,3\n2,4\n3,5.5\n4,1\n1e308,2\n-1e308,3\n")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        main(["fit", str(path), "-k", "2"])
    assert [str(w.message) for w in caught] == []


def test_names_name_the_columns_of_a_headerless_file(tmp_path, capsys):
    rng = np.random.default_rng(3)
    heights = np.concatenate([rng.normal(176, 8, 60), rng.normal(164, 6, 40)]).round(1)
    path = tmp_path / "hw1_data.csv"
    path.write_text("".join(f"{'MF'[i >= 60]};{h}\n".replace(".", ",") for i, h in
                            enumerate(heights)), encoding="utf-8")  # fmt: skip
    out = tmp_path / "out"
    summary = run_json(capsys, str(path), "--no-header", "--names", "sex,height",
                       "--label", "sex", "--out", str(out))  # fmt: skip
    assert summary["columns"] == ["height"] and summary["label"] == "sex"
    assert "mean(height)" in pd.read_csv(out / "parameters.csv").columns
    assert main(["fit", str(path), "--names", ",h", "--columns", "h", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["columns"] == ["h"]


def test_precision_matrices_beside_the_covariances(tmp_path, capsys):
    """Issue 17 item 7: the seed notebooks save each component's precision matrix."""
    rng = np.random.default_rng(5)
    X = np.concatenate(
        [rng.multivariate_normal([0, 0], [[2, 1], [1, 2]], 150), rng.normal(6, 1, (150, 2))]
    )
    path = tmp_path / "two.csv"
    pd.DataFrame(X, columns=["x", "y"]).to_csv(path, index=False)
    out = run_json(capsys, str(path), "-k", "2", "--out", str(tmp_path / "out"))
    covariances, precisions = np.array(out["covariances"]), np.array(out["precisions"])
    for cov, prec in zip(covariances, precisions, strict=True):
        np.testing.assert_allclose(cov @ prec, np.eye(2), atol=1e-9)
    params = pd.read_csv(tmp_path / "out" / "parameters.csv")
    for name, (a, b) in {"prec(x, x)": (0, 0), "prec(x, y)": (0, 1), "prec(y, y)": (1, 1)}.items():
        np.testing.assert_allclose(params[name], precisions[:, a, b], rtol=1e-8)
    assert "prec(y, x)" not in params.columns  # symmetric: each pair once, as cov(a, b)


def test_bootstrap_adds_standard_errors_to_json_and_parameters_csv(heights_csv, tmp_path, capsys):
    from gmm_desktop.engine import backend
    from gmm_desktop.engine.bootstrap import bootstrap_fit

    out_dir = tmp_path / "boot"
    args = [str(heights_csv), "--columns", "height", "-k", "2", "--seed", "3", "--restarts", "2"]
    out = run_json(capsys, *args, "--bootstrap", "20", "--out", str(out_dir))
    assert out["bootstrap"] == {"kind": "nonparametric", "replicates": 20, "seed": 3}
    X = pd.read_csv(heights_csv)[["height"]].to_numpy()
    config = FitConfig(n_components=2, seed=3, n_init=2)
    expected = bootstrap_fit(X, fit(X, config), n_bootstrap=20, seed=3, backend=backend.ready())
    assert np.ravel(out["se_means"]) == pytest.approx(expected.standard_error("means").ravel())
    low, high = expected.interval("weights")
    assert out["ci_low_weights"] == pytest.approx(low.tolist())
    assert out["ci_high_weights"] == pytest.approx(high.tolist())
    assert np.asarray(out["se_correlations"]).shape == (2, 1, 1)
    table = pd.read_csv(out_dir / "parameters.csv", encoding="utf-8-sig")
    for column in ("se_weight", "ci_low_weight", "ci_high_weight", "se_mean(height)",
                   "ci_low_sd(height)", "ci_high_sd(height)"):  # fmt: skip
        assert column in table.columns, column
    assert table["se_mean(height)"].to_numpy() == pytest.approx(np.ravel(out["se_means"]))
    assert np.all(table["ci_low_mean(height)"] < table["mean(height)"])
    assert np.all(table["mean(height)"] < table["ci_high_mean(height)"])
    parametric = run_json(capsys, *args, "--bootstrap", "5", "--bootstrap-kind", "parametric")
    assert parametric["bootstrap"]["kind"] == "parametric"
    plain = run_json(capsys, *args)
    assert "bootstrap" not in plain and "se_means" not in plain


def test_bootstrap_text_output(heights_csv, capsys):
    assert main(["fit", str(heights_csv), "-k", "2", "--bootstrap", "10"]) == 0
    out = capsys.readouterr().out
    assert (
        "bootstrap (nonparametric, 10 replicates): standard error [95% percentile interval]" in out
    )
    assert "component 2: weight se" in out


def test_parameters_csv_without_bootstrap_has_no_se_columns(heights_csv, tmp_path, capsys):
    run_json(capsys, str(heights_csv), "-k", "2", "--out", str(tmp_path / "plain"))
    table = pd.read_csv(tmp_path / "plain" / "parameters.csv", encoding="utf-8-sig")
    assert not [c for c in table.columns if c.startswith(("se_", "ci_"))]


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--bootstrap", "0"], "needs at least 1 replicate (got 0)"),
     (["--bootstrap", "abc"], "expects a whole number of replicates such as 99 (got 'abc')"),
     (["--bootstrap", "9", "--bootstrap-kind", "jackknife"], "invalid choice: 'jackknife'")],
)  # fmt: skip
def test_bad_bootstrap_values_are_one_plain_line(heights_csv, capsys, args, message):
    with pytest.raises(SystemExit) as exited:
        main(["fit", str(heights_csv), *args])
    captured = capsys.readouterr()
    assert exited.value.code == 2 and captured.out == ""
    assert captured.err.count("\n") == 1 and message in captured.err
