"""The HTML report: every section in both languages, escaped names, nothing loaded from afar."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import numpy as np
import pytest

from gmm_desktop.cli import main
from gmm_desktop.engine import FitConfig, fit
from gmm_desktop.io import read_table, select_features
from gmm_desktop.io.report import SECTION_IDS, WORDS, ReportData, report_html
from gmm_desktop.io.session import file_sha256, session_from_json

HOSTILE = "<script>alert(1)</script>"
DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"


def hostile_report_data(tmp_path: Path, d: int = 2) -> ReportData:
    rng = np.random.default_rng(0)
    X = np.concatenate([rng.normal(0, 1, (60, d)), rng.normal(5, 1, (60, d))])
    names = [HOSTILE] + [f"x{i}&<b>" for i in range(1, d)]
    path = tmp_path / "<img src=x onerror=alert(2)>.csv"
    lines = [",".join(['"' + n.replace('"', '""') + '"' for n in names] + ["group"])]
    groups = ["<i>a</i>"] * 60 + ['b"><script>'] * 60
    lines += [",".join([*(f"{v:.6f}" for v in row), g]) for row, g in zip(X, groups, strict=True)]
    lines.append(",".join([""] * d + ["a"]))  # a row left out
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    table = read_table(path)
    features = select_features(table, None, "group")
    result = fit(features.X, FitConfig(n_components=2, seed=1, n_init=2))
    return ReportData(
        result=result,
        X=features.X,
        columns=tuple(features.columns),
        data_path=str(path),
        sha256=file_sha256(path),
        rows_total=table.n_rows,
        rows_dropped=features.rows_dropped,
        drop_summary=features.drop_summary(),
        labels=features.labels,
        label_column=features.label_column,
        command=f"gmm-desktop report '{path}' --label group",
    )


def without_bibtex(page: str) -> str:
    start = page.index('<h2 id="references">')
    end = page.index('<h2 id="reproducibility">')
    return page[:start] + page[end:]


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("d", [1, 2, 3])
def test_report_has_every_section_and_escapes_every_name(tmp_path, language, d):
    data = hostile_report_data(tmp_path, d)
    assert data.columns[0] == HOSTILE and data.rows_dropped == 1
    page = report_html(data, language)
    for key in SECTION_IDS:
        assert re.search(rf'<h2 id="{key}">\d+\. {re.escape(WORDS[language][key])}</h2>', page)
    assert "<script" not in page.lower()
    assert "onerror=alert" not in page.replace("onerror=alert(2)&gt;", "")
    assert "<img" not in page and "<link" not in page and "src=" not in page.replace("src=x", "")
    assert html.escape(HOSTILE) in page
    assert not re.search(r"https?://", without_bibtex(page))
    assert page.count("<svg") == 2 and page.count("<figcaption>") == 2
    assert ("full / VVV" if d > 1 else "full / V") in page
    assert data.sha256 in page
    assert "@article{dempster1977" in page


def test_the_methods_paragraph_tells_starts_seed_and_stopping(tmp_path):
    data = hostile_report_data(tmp_path)
    page = report_html(data, "en")
    methods = page[page.index('<h2 id="methods">') : page.index('<h2 id="results">')]
    r = data.result
    assert f"{r.n_starts} start(s) were tried" in methods
    assert f"{r.starts_reaching_best} of the {len(r.restart_log_likelihoods)}" in methods
    assert "The random seed was 1" in methods and "Aitken" in methods
    assert "Dempster, Laird and Rubin 1977" in methods
    zh = report_html(data, "zh")
    assert "随机种子为 1" in zh and "Dempster" in zh


def test_the_appendix_holds_a_session_that_reads_back(tmp_path):
    data = hostile_report_data(tmp_path)
    page = report_html(data, "en")
    appendix = page[page.index('<h2 id="reproducibility">') :]
    blocks = re.findall(r"<pre>(.*?)</pre>", appendix, flags=re.S)
    assert html.unescape(blocks[0]) == data.command
    session = session_from_json(json.loads(html.unescape(blocks[1])))
    assert session.columns == list(data.columns) and session.label == "group"
    assert session.history[-1].log_likelihood == pytest.approx(data.result.log_likelihood)


def test_report_command_writes_html_and_refuses_bad_outputs(tmp_path, capsys):
    out = tmp_path / "report.html"
    data = str(DEMO / "faithful.csv")
    assert main(["report", data, "-k", "2", "--out", str(out), "--language", "zh"]) == 0
    page = out.read_text(encoding="utf-8")
    assert "高斯混合模型报告" in page and "gmm-desktop report" in page
    assert main(["report", data, "--out", str(out)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert main(["report", data, "--out", str(tmp_path / "report.txt")]) == 2
    assert ".html or .pdf" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == page


def test_tick_labels_tell_close_ticks_apart():
    from gmm_desktop.io.report import _nice_ticks, _tick_labels

    for low, high in ((-1130.3, -1130.2), (0.0, 0.04), (150.0, 205.0), (-3672.0, -3647.0)):
        labels = _tick_labels(_nice_ticks(low, high))
        assert len(set(labels)) == len(labels) >= 2, labels


def test_report_command_compares_models_when_asked(tmp_path):
    out = tmp_path / "report.html"
    data = str(DEMO / "faithful.csv")
    assert main(["report", data, "-k", "2", "--compare", "1-3", "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    results = page[page.index('<h2 id="results">') : page.index('<h2 id="agreement">')]
    assert "Table 3. Model comparison" in results
    for k in (1, 2, 3):
        assert f"K = {k}, full / VVV" in results
    assert main(["report", data, "--compare", "3-1", "--out", str(tmp_path / "b.html")]) == 2


def weighted_incomplete_report_data(tmp_path: Path, d: int) -> ReportData:
    """A fit with row weights and empty cells used in the model, on d columns."""
    rng = np.random.default_rng(5)
    X = np.concatenate([rng.normal(0, 1, (60, d)), rng.normal(5, 1, (60, d))])
    X[rng.random(X.shape) < 0.1] = np.nan
    X[np.isnan(X).all(axis=1), 0] = 1.0  # every row keeps a cell
    weights = rng.integers(1, 5, X.shape[0])
    path = tmp_path / "incomplete.csv"
    lines = [",".join([*(f"x{j}" for j in range(d)), "freq"])]
    lines += [
        ",".join([*("" if np.isnan(v) else f"{v:.6f}" for v in row), str(w)])
        for row, w in zip(X, weights, strict=True)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    table = read_table(path)
    features = select_features(table, [f"x{j}" for j in range(d)], weights="freq", missing="model")
    config = FitConfig(n_components=2, seed=1, missing="model")
    result = fit(features.X, config, sample_weight=features.weights)
    return ReportData(
        result=result,
        X=features.X,
        columns=tuple(features.columns),
        data_path=str(path),
        sha256=file_sha256(path),
        rows_total=table.n_rows,
        weight_column=features.weight_column,
    )


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("d", [2, 3])  # one column: a row with an empty cell has none left
def test_report_says_n_is_the_sum_of_weights_and_how_many_cells_were_filled(tmp_path, language, d):
    data = weighted_incomplete_report_data(tmp_path, d)
    result = data.result
    assert result.cells_filled > 0 and result.sample_weight is not None
    page = report_html(data, language)
    total = f"{result.sum_of_weights:.6g}"
    assert total in page and "freq" in page
    assert str(result.cells_filled) in page
    assert ("Ghahramani" in page) and page.count("<svg") == 2  # the figures skip empty cells
    assert "nan" not in re.sub(r"<[^>]*>", "", page).lower().replace("nanmean", "")
    session = json.loads(html.unescape(page.split("<pre>")[-1].split("</pre>")[0]))
    restored = session_from_json(session)
    assert restored.weight_column == "freq" and restored.config.missing == "model"


def test_the_script_of_a_weighted_or_modelled_fit_is_refused_in_plain_words(tmp_path):
    from gmm_desktop.errors import UserError
    from gmm_desktop.io.script_export import data_spec, fit_script

    data = weighted_incomplete_report_data(tmp_path, 2)
    table = read_table(data.data_path)
    features = select_features(table, list(data.columns), weights="freq", missing="model")
    for language in ("python", "r"):
        with pytest.raises(UserError, match="a script cannot reproduce this fit"):
            fit_script(data.result, data_spec(table, features), language)


def test_the_report_command_takes_weights_and_missing(tmp_path, capsys):
    """`gmm-desktop report --weights COLUMN --missing model` reports that fit, and says so."""
    data = weighted_incomplete_report_data(tmp_path, 2)
    out = tmp_path / "report.html"
    args = [data.data_path, "--columns", "x0,x1", "--seed", "1", "-k", "2", "--out", str(out)]
    assert main(["report", *args, "--weights", "freq", "--missing", "model"]) == 0
    capsys.readouterr()
    page = out.read_text(encoding="utf-8")
    assert "Ghahramani" in page and "weighted by column freq" in page
    session = session_from_json(
        json.loads(html.unescape(page.split("<pre>")[-1].split("</pre>")[0]))
    )
    assert session.weight_column == "freq" and session.config.missing == "model"
    assert main(["report", *args, "--force"]) == 0  # without them: listwise and unweighted
    assert "Ghahramani" not in out.read_text(encoding="utf-8")
