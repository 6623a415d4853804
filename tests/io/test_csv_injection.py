"""CSV exports never hand a spreadsheet a formula, and the user's input file is never written.

Text cells copied into assignments.csv that begin with =, +, -, @ (or a tab / carriage return)
are prefixed with an apostrophe so Excel or LibreOffice shows them as text instead of running
them; numbers, including negative ones, are written as numbers.
"""

from __future__ import annotations

import csv
import io
import os
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from gmm_desktop.engine import FitConfig, fit
from gmm_desktop.io import read_table, select_features
from gmm_desktop.io.export import assignments_frame, write_fit_exports
from gmm_desktop.io.session import Session, file_sha256, load_session, save_session

DANGEROUS = [
    "=1+1",
    '=HYPERLINK("http://example.com","x")',
    "+41 22 123",
    "-2+3",
    "@SUM(A1:A2)",
    "=cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]
SAFE = ["M", "F", "a=b", "1-2", "x@y.z", "", "中文"]


def _spreadsheet_would_run(cell: str) -> bool:
    return cell[:1] in ("=", "+", "-", "@", "\t", "\r")


def _read_export(path: Path) -> list[list[str]]:
    text = path.read_text(encoding="utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))


@pytest.fixture()
def data_file(tmp_path: Path) -> Path:
    rng = np.random.default_rng(0)
    n = 40
    labels = [DANGEROUS[i % len(DANGEROUS)] if i % 2 else SAFE[i % len(SAFE)] for i in range(n)]
    frame = pd.DataFrame(
        {
            "group": labels,
            "x": np.r_[rng.normal(-5, 1, n // 2), rng.normal(5, 1, n // 2)].round(3),
            "y": -np.abs(rng.normal(2, 1, n)).round(3),  # negative numbers must stay numbers
            "note": [
                ("-minus {}", "+{} apples", "@home {}", "plain {}")[i % 4].format(i)
                for i in range(n)
            ],
        }
    )
    path = tmp_path / "input.csv"
    frame.to_csv(path, index=False)
    return path


def _fit_and_export(data_file: Path, out: Path) -> tuple[list[list[str]], pd.DataFrame]:
    """Fit x, y with the label; return assignments.csv's rows and the original rows used
    (rows with an empty label are left out of the fit)."""
    table = read_table(data_file)
    features = select_features(table, ["x", "y"], "group")
    result = fit(features.X, FitConfig(n_components=2, seed=0))
    write_fit_exports(out, result, features.columns, table.frame, features.rows)
    used = table.frame.iloc[features.rows].reset_index(drop=True)
    return _read_export(out / "assignments.csv"), used


def test_formula_cells_are_neutralised_in_assignments(data_file: Path, tmp_path: Path) -> None:
    rows, frame = _fit_and_export(data_file, tmp_path / "out")
    header, body = rows[0], rows[1:]
    assert len(body) == frame.shape[0]
    for col in ("group", "note"):
        j = header.index(col)
        for i, cell in enumerate(body):
            assert not _spreadsheet_would_run(cell[j]), f"row {i + 1}, {col}: {cell[j]!r}"
            original = frame[col].iloc[i]
            original = "" if original is None or original != original else str(original)
            expected = "'" + original if _spreadsheet_would_run(original) else original
            assert cell[j] == expected


def test_numbers_are_written_as_numbers(data_file: Path, tmp_path: Path) -> None:
    rows, frame = _fit_and_export(data_file, tmp_path / "out")
    header, body = rows[0], rows[1:]
    for col in ("x", "y"):
        j = header.index(col)
        values = np.array([float(cell[j]) for cell in body])  # no apostrophe in front
        np.testing.assert_allclose(values, frame[col].to_numpy(), rtol=1e-9)
    assert all(not cell[header.index("y")].startswith("'") for cell in body)
    k = header.index("responsibility_1")
    assert all(0.0 <= float(cell[k]) <= 1.0 for cell in body)


def test_assignments_frame_only_touches_text() -> None:
    original = pd.DataFrame(
        {
            "label": ["=A1", "-x", "ok", None],
            "value": [-1.5, 2.0, -3.0, 4.0],
            "count": np.array([-1, 2, 3, 4], dtype=np.int64),
        }
    )
    resp = np.tile([0.25, 0.75], (4, 1))
    out = assignments_frame(original, np.arange(4), resp)
    assert out["label"].tolist()[:3] == ["'=A1", "'-x", "ok"]
    assert out["label"].iloc[3] is None or out["label"].iloc[3] != out["label"].iloc[3]
    assert out["value"].tolist() == [-1.5, 2.0, -3.0, 4.0]
    assert out["count"].tolist() == [-1, 2, 3, 4]
    assert out["row"].tolist() == [1, 2, 3, 4]


def test_formula_column_names_are_neutralised(tmp_path: Path) -> None:
    path = tmp_path / "names.csv"
    path.write_text(
        '=HYPERLINK("http://evil";"x"),@x,+y,-z\nM,1,2,3\nF,4,5,6\nM,7,8,9\n', encoding="utf-8"
    )
    table = read_table(path)
    columns = [c for c in table.frame.columns if table.is_numeric(c)]
    features = select_features(table, columns)
    result = fit(features.X, FitConfig(n_components=1, seed=0))
    write_fit_exports(tmp_path / "out", result, features.columns, table.frame, features.rows)
    for name in ("assignments.csv", "parameters.csv", "history.csv"):
        header = _read_export(tmp_path / "out" / name)[0]
        assert not any(_spreadsheet_would_run(h) for h in header), (name, header)


# ------------------------------------------------------------ the input file is never written
def _fingerprint(path: Path) -> tuple[bytes, int, int]:
    st = path.stat()
    return path.read_bytes(), st.st_mtime_ns, st.st_size


def _xlsx_of_text(frame: pd.DataFrame, path: Path) -> Path:
    """The frame as a workbook; "=..." cells are text, as Excel saves them when typed with '."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(frame.columns))
    for row in frame.itertuples(index=False):
        sheet.append(list(row))
    for cells in sheet.iter_rows():
        for cell in cells:
            if cell.data_type == "f":  # openpyxl takes "=A1" for a formula without a value
                cell.data_type = "s"
    book.save(path)
    return path


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_input_file_is_never_written(tmp_path: Path, data_file: Path, kind: str) -> None:
    if kind == "xlsx":
        source = _xlsx_of_text(pd.read_csv(data_file), tmp_path / "input.xlsx")
    else:
        source = data_file
    old = time.time() - 3600  # an mtime in the past, so any write would show
    os.utime(source, (old, old))
    before = _fingerprint(source)
    mode = source.stat().st_mode

    table = read_table(source)
    features = select_features(table, ["x", "y"], "group")
    result = fit(features.X, FitConfig(n_components=2, seed=0))
    # exports and the session go to the same folder as the data, the likeliest place
    write_fit_exports(source.parent, result, features.columns, table.frame, features.rows)
    session = Session(
        data_path=str(source),
        data_sha256=file_sha256(source),
        columns=features.columns,
        label="group",
        config=result.config,
        history=list(result.history),
    )
    saved = save_session(source.parent / "s.gmm.json", session)
    load_session(saved)
    read_table(source)

    assert _fingerprint(source) == before
    assert source.stat().st_mode == mode
    assert not list(source.parent.glob(".*.tmp")), "a temporary file was left behind"


def test_input_file_is_opened_read_only(tmp_path: Path, data_file: Path) -> None:
    """Reading a read-only file works: nothing asks for write access."""
    os.chmod(data_file, 0o444)
    try:
        table = read_table(data_file)
        assert table.n_rows == 40
    finally:
        os.chmod(data_file, 0o644)
