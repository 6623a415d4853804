"""Progress reports, cancellation, and the input file left untouched."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import openpyxl
import pytest

from gmm_desktop.io import LoadCancelled, read_table

ROWS = 200_000


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big.csv"
    data = np.random.default_rng(0).normal(size=(ROWS, 3))
    np.savetxt(path, data, delimiter=",", fmt="%.5f", header="a,b,c", comments="")
    return path


def test_progress_is_reported_and_rises(big_csv: Path) -> None:
    calls: list[float] = []
    table = read_table(big_csv, progress=calls.append)
    assert table.n_rows == ROWS
    assert len(calls) >= 4
    assert calls[0] == 0.0 and calls[-1] == 1.0
    assert calls == sorted(calls) and all(0.0 <= c <= 1.0 for c in calls)


def test_cancel_mid_way(big_csv: Path) -> None:
    polls = 0

    def cancelled() -> bool:
        nonlocal polls
        polls += 1
        return polls > 2

    with pytest.raises(LoadCancelled):
        read_table(big_csv, cancelled=cancelled)


def test_cancel_before_start(big_csv: Path) -> None:
    with pytest.raises(LoadCancelled):
        read_table(big_csv, cancelled=lambda: True)


def test_cancel_excel(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    book = openpyxl.Workbook()
    for i in range(20):
        book.active.append((i, i * 2))
    book.save(path)
    with pytest.raises(LoadCancelled):
        read_table(path, cancelled=lambda: True)
    calls: list[float] = []
    read_table(path, progress=calls.append)
    assert calls[-1] == 1.0


@pytest.mark.parametrize("name", ["a.csv", "b.xlsx"])
def test_input_file_is_unchanged(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    if name.endswith(".xlsx"):
        book = openpyxl.Workbook()
        book.active.append(("M", 172))
        book.active.append(("F", 160))
        book.save(path)
    else:
        path.write_text("sex,height\nM,172\nF,abc\n")
    before = path.read_bytes()
    os.utime(path, (1_000_000_000, 1_000_000_000))
    path.chmod(0o444)  # a read-only file must be readable: we never open it for writing
    listing = sorted(p.name for p in tmp_path.iterdir())
    read_table(path)
    read_table(path, header=True)
    assert path.read_bytes() == before
    assert path.stat().st_mtime == 1_000_000_000
    assert sorted(p.name for p in tmp_path.iterdir()) == listing
