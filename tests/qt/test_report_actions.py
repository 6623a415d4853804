"""File > Report... and File > Export as script... on a finished fit, and the PDF report."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog

from gmm_desktop.engine import FitConfig, fit
from gmm_desktop.errors import UserError
from gmm_desktop.io import read_table, select_features
from gmm_desktop.io.report import ReportData
from gmm_desktop.io.session import file_sha256
from gmm_desktop.qt.main_window import MainWindow
from gmm_desktop.qt.report_pdf import page_images, report_document, report_pdf
from tests.qt.screenshots import screenshot_folder

TIMEOUT = 60_000
HOSTILE = "<script>alert(1)</script>"


@pytest.fixture()
def data_file(tmp_path: Path) -> Path:
    rng = np.random.default_rng(3)
    X = np.concatenate([rng.normal(0, 1, (80, 2)), rng.normal(4, 1, (80, 2))])
    frame = pd.DataFrame(X.round(4), columns=[HOSTILE, "y"])
    frame["group"] = ["a"] * 80 + ["b"] * 80
    path = tmp_path / "two groups.csv"
    frame.to_csv(path, index=False)
    return path


@pytest.fixture()
def window(qtbot, tmp_path: Path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(settings)
    w.setProperty("scripted", True)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close()


def finished_fit(qtbot, window: MainWindow, path: Path) -> None:
    with qtbot.waitSignal(window.sig_data_loaded, timeout=TIMEOUT):
        window.open_file(path, columns=[HOSTILE, "y"], label="group")
    panel = window.parameter_panel
    panel.set_config(panel.config().with_changes(n_components=2, seed=0))
    with qtbot.waitSignal(window.sig_fit_finished, timeout=TIMEOUT):
        window.act_fit.trigger()


def answer_save_dialog(monkeypatch, path: Path, chosen: str = "") -> list[str]:
    asked: list[str] = []

    def fake(parent, caption, start, filters):
        asked.append(filters)
        return str(path), chosen

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    return asked


def test_report_and_script_actions_write_files_for_a_finished_fit(
    qtbot, window, data_file, tmp_path, monkeypatch
):
    assert not window.act_report.isEnabled() and not window.act_script.isEnabled()
    finished_fit(qtbot, window, data_file)
    qtbot.waitUntil(window.act_report.isEnabled, timeout=TIMEOUT)  # once the runner stops
    assert window.act_script.isEnabled()
    assert window.act_report in window.menuBar().actions()[0].menu().actions()

    answer_save_dialog(monkeypatch, tmp_path / "report")
    window.act_report.trigger()
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script" not in page
    assert 'id="agreement"' in page and "Adjusted Rand index" in page

    answer_save_dialog(monkeypatch, tmp_path / "report.pdf")
    window.act_report.trigger()
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")

    answer_save_dialog(monkeypatch, tmp_path / "fit", chosen="Python script (*.py)")
    window.act_script.trigger()
    script = (tmp_path / "fit.py").read_text(encoding="utf-8")
    assert repr(HOSTILE) in script and "GaussianMixture(" in script
    done = subprocess.run(
        [sys.executable, str(tmp_path / "fit.py")], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    printed = float(done.stdout.strip().splitlines()[-1].split(": ")[1])
    assert window.result is not None
    assert printed == pytest.approx(window.result.log_likelihood, rel=1e-6)

    before = data_file.read_bytes()  # never over the data file, whatever name is chosen
    with pytest.raises(UserError, match="never overwritten"):
        window.report_actions.write_script(data_file)
    assert data_file.read_bytes() == before


def report_data(path: Path, label: str | None, k: int) -> ReportData:
    table = read_table(path)
    features = select_features(table, None, label)
    result = fit(features.X, FitConfig(n_components=k, seed=0, n_init=2))
    return ReportData(
        result,
        features.X,
        tuple(features.columns),
        str(path),
        file_sha256(path),
        table.n_rows,
        features.rows_dropped,
        features.drop_summary(),
        features.labels,
        features.label_column,
        command="gmm-desktop report data.csv --out report.pdf",
    )


@pytest.mark.parametrize("language", ["en", "zh"])
def test_pdf_report_renders_every_section(qapp, data_file, tmp_path, language):
    data = report_data(data_file, "group", 2)
    pdf = report_pdf(data, language)
    assert pdf.startswith(b"%PDF") and pdf.rstrip().endswith(b"%%EOF")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    document = report_document(data, language)
    text = document.toPlainText()
    for heading in range(1, 9):
        assert re.search(rf"^{heading}\. ", text, flags=re.M), heading
    assert HOSTILE in text  # shown as text, never run
    images = page_images(document)
    assert pages >= 3 and len(images) >= 3
    folder = screenshot_folder(tmp_path)
    for number, image in enumerate(images[:3], start=1):
        assert image.save(str(folder / f"report-{language}-page{number}.png"))
        grey = image.convertToFormat(image.Format.Format_Grayscale8)
        row_bytes = grey.constBits().tobytes()
        assert min(row_bytes) < 128  # something dark is drawn on the page


def test_report_command_writes_a_pdf(data_file, tmp_path):
    out = tmp_path / "report.pdf"
    repo = Path(__file__).resolve().parents[2]
    command = ["report", str(data_file), "--label", "group", "--language", "zh", "--out", str(out)]
    done = subprocess.run(
        [sys.executable, "-m", "gmm_desktop", *command],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=repo,
    )
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF")
