"""``gmm-desktop script``: the exported Python script reproduces the app's fit (scikit-learn)."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from gmm_desktop.cli import main
from gmm_desktop.engine import FitConfig, fit
from gmm_desktop.io import read_table, select_features
from gmm_desktop.io.script_export import data_spec, python_script, r_script

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"
pytest.importorskip("sklearn")  # the oracle the exported script runs on


def app_fit(path: Path, config: FitConfig, label: str | None = None):
    table = read_table(path)
    features = select_features(table, None, label)
    return table, features, fit(features.X, config)


def run_python(script: Path) -> str:
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def parse_output(text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """(weights (K,), means (K, d), covariances (K, d, d), log-likelihood) printed by a script."""
    weights, means, covs = [], [], []
    for line in text.splitlines():
        key, _, value = line.strip().partition(": ")
        if key == "weight":
            weights.append(float(value))
        elif key == "mean":
            means.append(ast.literal_eval(value))
        elif key == "covariance":
            covs.append(ast.literal_eval(value))
    last = text.strip().splitlines()[-1]
    assert last.startswith("log-likelihood: ")
    return np.array(weights), np.array(means), np.array(covs), float(last.split(": ")[1])


def assert_reproduces(output: str, result) -> None:
    weights, means, covs, ll = parse_output(output)
    assert ll == pytest.approx(result.log_likelihood, rel=1e-6)
    p = result.params
    np.testing.assert_allclose(weights, p.weights, rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(means, p.means, rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(covs, p.covariances, rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("covariance", ["full", "diag", "spherical", "tied"])
def test_python_script_reproduces_the_fit_for_every_covariance_type(tmp_path, covariance):
    config = FitConfig(n_components=2, covariance_type=covariance, seed=0)
    table, features, result = app_fit(DEMO / "faithful.csv", config)
    script = tmp_path / "fit.py"
    script.write_text(python_script(result, data_spec(table, features)), encoding="utf-8")
    assert_reproduces(run_python(script), result)


@pytest.mark.parametrize(
    ("covariance", "stopping", "tol"),
    [("full", "total-change", 1e-6), ("diag", "mean-change", 1e-9), ("tied", "aitken", 1e-10)],
)
def test_python_script_follows_every_stopping_rule_from_the_best_of_several_starts(
    tmp_path, covariance, stopping, tol
):
    config = FitConfig(
        n_components=3, covariance_type=covariance, seed=3, n_init=3, stopping=stopping, tol=tol
    )
    table, features, result = app_fit(DEMO / "iris.csv", config, label="species")
    assert features.n_features == 4 and features.label_column == "species"
    script = tmp_path / "fit.py"
    script.write_text(python_script(result, data_spec(table, features)), encoding="utf-8")
    output = run_python(script)
    assert_reproduces(output, result)
    assert f"after {result.n_iter} EM iterations" in output


def test_the_script_command_writes_a_script_and_refuses_to_overwrite(tmp_path, capsys):
    data = tmp_path / "data.csv"
    shutil.copy(DEMO / "faithful.csv", data)
    out = tmp_path / "fit.py"
    args = ["script", str(data), "-k", "2", "--covariance", "diag", "--seed", "1"]
    assert main([*args, "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "GaussianMixture(" in text and "--covariance diag" in text
    compile(text, str(out), "exec")
    assert main([*args, "--out", str(out)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == text
    assert main([*args, "--out", str(out), "--force", "--language", "r"]) == 0
    assert "library(mclust)" in out.read_text(encoding="utf-8")
    before = data.read_bytes()
    assert main([*args, "--out", str(data), "--force"]) == 2
    assert "never overwritten" in capsys.readouterr().err
    assert data.read_bytes() == before


def test_hostile_column_names_stay_inside_literals_and_comments(tmp_path):
    hostile = 'x"""\nimport os; os.system("echo pwned")\n#'
    data = tmp_path / 'bad"""\nname.csv'
    data.write_text(f'"{hostile.replace(chr(34), chr(34) * 2)}",b\n1,2\n2,3\n3,5\n8,1\n9,2\n')
    table = read_table(data)
    features = select_features(table, None, None)
    result = fit(features.X, FitConfig(n_components=2, seed=0))
    text = python_script(result, data_spec(table, features), command="gmm-desktop script\nrm -rf")
    tree = ast.parse(text)
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
    assert not any(getattr(c.func, "attr", "") == "system" for c in calls)
    assert "\nrm -rf" not in text


def _rscript_with_mclust() -> bool:
    rscript = shutil.which("Rscript")
    if rscript is None:
        return False
    done = subprocess.run(
        [rscript, "-e", "library(mclust)"], capture_output=True, timeout=60, check=False
    )
    return done.returncode == 0


@pytest.mark.skipif(not _rscript_with_mclust(), reason="Rscript with mclust is not installed")
@pytest.mark.parametrize("covariance", ["full", "diag", "spherical", "tied"])
def test_r_script_reproduces_the_fit(tmp_path, covariance):
    config = FitConfig(n_components=2, covariance_type=covariance, seed=0)
    table, features, result = app_fit(DEMO / "faithful.csv", config)
    script = tmp_path / "fit.R"
    script.write_text(r_script(result, data_spec(table, features)), encoding="utf-8")
    done = subprocess.run(
        ["Rscript", str(script)], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    last = done.stdout.strip().splitlines()[-1]
    assert float(last.split(":")[1]) == pytest.approx(result.log_likelihood, rel=1e-6)


def _two_groups(seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return np.concatenate([rng.normal(0, 1, (70, 2)), rng.normal(4, 1, (70, 2))])


def test_script_reads_decimal_commas_semicolons_and_leaves_out_the_same_rows(tmp_path):
    X = _two_groups(5)
    lines = ["größe;gewicht;note"]
    for i, (a, b) in enumerate(X):
        second = {3: "", 7: "n/a", 9: "1.234,5"}.get(i, f"{b:.4f}".replace(".", ","))
        lines.append(f"{a:.4f}".replace(".", ",") + ";" + second + ";x")
    data = tmp_path / "semicolons.csv"
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    config = FitConfig(n_components=2, seed=0)
    table, features, result = app_fit(data, config)
    assert table.decimal == "," and features.rows_dropped == 2
    script = tmp_path / "fit.py"
    script.write_text(python_script(result, data_spec(table, features)), encoding="utf-8")
    output = run_python(script)
    assert output.startswith("138 rows used, 2 left out")
    assert_reproduces(output, result)


def test_script_reads_the_same_excel_sheet(tmp_path):
    pytest.importorskip("openpyxl")
    import pandas as pd

    frame = pd.DataFrame(_two_groups(6), columns=["a", "b"])
    frame.loc[5, "a"] = np.nan
    data = tmp_path / "book.xlsx"
    with pd.ExcelWriter(data) as writer:
        frame.iloc[:10].to_excel(writer, sheet_name="first", index=False)
        frame.to_excel(writer, sheet_name="Daten", index=False)
    table = read_table(data, sheet="Daten")
    features = select_features(table, None, None)
    result = fit(features.X, FitConfig(n_components=2, covariance_type="diag", seed=0))
    script = tmp_path / "fit.py"
    text = python_script(result, data_spec(table, features))
    assert "sheet_name='Daten'" in text
    script.write_text(text, encoding="utf-8")
    assert_reproduces(run_python(script), result)


def test_a_fit_of_no_iteration_has_no_script(tmp_path, capsys):
    out = tmp_path / "fit.py"
    assert main(["script", str(DEMO / "faithful.csv"), "--max-iter", "0", "--out", str(out)]) == 2
    assert "no EM iteration" in capsys.readouterr().err and not out.exists()


def test_an_accelerated_fit_says_the_script_takes_another_path(monkeypatch):
    from gmm_desktop.io import script_export

    table = read_table(DEMO / "faithful.csv")
    features = select_features(table, None, None)
    result = fit(features.X, FitConfig(n_components=2, seed=0, accelerate=True))
    spec = data_spec(table, features)
    assert "SQUAREM" not in python_script(result, spec)  # 272 rows: never accelerated
    monkeypatch.setattr(script_export, "ACCELERATE_ROWS", 100)
    assert "SQUAREM" in python_script(result, spec) and "SQUAREM" in r_script(result, spec)
