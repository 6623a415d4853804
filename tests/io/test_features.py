"""select_features: column choice, dropped rows and their reasons."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from gmm_desktop.io import DataError, read_table, select_features, table_from_frame


def _table(tmp_path: Path, text: str):
    path = tmp_path / "t.csv"
    path.write_text(text)
    return read_table(path)


def test_mixed_junk_missing_and_inf_cells(tmp_path: Path) -> None:
    text = (
        "sex,height,weight\nM,172,70\nF,n/a,55\nM,,80\nF,160,?\nM,inf,1\nF,abc,2\n"
        ",165,60\nF,158,50\n"
    )
    table = _table(tmp_path, text)
    assert table.numeric_columns() == ["height", "weight"]
    data = select_features(table, ["height", "weight"], label="sex")
    assert data.X.tolist() == [[172.0, 70.0], [158.0, 50.0]]
    assert data.rows.tolist() == [0, 7]
    assert data.dropped_rows.tolist() == [1, 2, 3, 4, 5, 6]
    assert data.drop_reasons == {  # n/a and ? mean "no value": empty cells
        "empty cell": 3,
        "not a number": 1,
        "infinite value": 1,
        "empty label": 1,
    }
    assert data.rows_dropped == 6 and data.n_samples == 2 and data.n_features == 2
    assert data.labels is not None and data.labels.tolist() == ["M", "F"]
    assert data.drop_summary() == (
        "6 rows left out: 3 with an empty cell, 1 not a number, 1 with an infinite value, "
        "1 with an empty label (rows 2, 3, 4, 5, 6, 7)"
    )


def test_no_drops_means_empty_summary(tmp_path: Path) -> None:
    data = select_features(_table(tmp_path, "a\n1\n2\n"))
    assert data.drop_summary() == "" and data.rows_dropped == 0
    assert data.X.flags["C_CONTIGUOUS"] and data.X.dtype == np.float64


def test_empty_label_only_counts_when_label_chosen(tmp_path: Path) -> None:
    table = _table(tmp_path, "g,x\nA,1\n,2\nB,3\n")
    assert select_features(table).rows_dropped == 0
    assert select_features(table, label="g").drop_reasons == {"empty label": 1}


def test_one_dropped_row_summary(tmp_path: Path) -> None:
    data = select_features(_table(tmp_path, "x,y\n1,1\n\n2,2\n,\n3,3\n"), ["x", "y"])
    # The blank line is skipped by the reader; the "," line is a row with an empty cell.
    assert data.drop_summary() == "1 row left out: 1 with an empty cell (row 3)"


def test_long_drop_list_is_shortened(tmp_path: Path) -> None:
    text = "x\n" + "\n".join(["1", "abc"] * 15) + "\n"
    summary = select_features(_table(tmp_path, text)).drop_summary()
    assert summary.startswith("15 rows left out: 15 not a number (rows 2, 4, 6")
    assert summary.endswith("and 5 more)")


def test_column_by_index_and_digit_string(tmp_path: Path) -> None:
    table = _table(tmp_path, "a,b,c\n1,2,3\n4,5,6\n")
    assert select_features(table, [2, "3"]).columns == ["b", "c"]
    assert select_features(table, ["A"]).columns == ["a"]


def test_digit_named_column_is_taken_by_name(tmp_path: Path) -> None:
    path = tmp_path / "years.csv"
    path.write_text("2019,2020\nx,1\ny,2\n")
    table = read_table(path, header=True)
    assert select_features(table, ["2020"]).columns == ["2020"]
    assert select_features(table, label="1").label_column == "2019"


def test_label_by_index_and_numeric_labels(tmp_path: Path) -> None:
    table = _table(tmp_path, "M,172\nF,160\n")
    data = select_features(table, label=1)
    assert data.columns == ["column 2"] and data.label_column == "column 1"
    numeric = select_features(_table(tmp_path, "g,x\n1,5\n2,6\n"), ["x"], label="g")
    assert numeric.labels is not None and numeric.labels.tolist() == ["1", "2"]


def test_column_listed_twice(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="chosen twice"):
        select_features(_table(tmp_path, "a\n1\n"), ["a", "a"])


def test_default_skips_group_codes_and_row_numbers() -> None:
    rng = np.random.default_rng(0)
    frame = pd.DataFrame(
        {
            "id": np.arange(1, 201),
            "x": rng.normal(size=200),
            "true_component": rng.integers(1, 3, 200),
        }
    )
    table = table_from_frame(frame)
    assert select_features(table).columns == ["x"]
    codes_only = table_from_frame(frame[["true_component"]])
    assert select_features(codes_only).columns == ["true_component"]


def test_table_from_frame_types_columns() -> None:
    frame = pd.DataFrame({"a": ["1", "2", "x"], "b": ["u", "v", "w"], 3: [1, 2, 3]})
    table = table_from_frame(frame)
    assert table.format == "synthetic" and table.source is None
    assert table.frame.columns.tolist() == ["a", "b", "3"]
    assert table.numeric_columns() == ["a", "3"]
    assert table.junk_cells["a"].tolist() == [2]
    assert table.describe() == "synthetic data: 3 rows x 3 columns"


def test_mostly_text_column_is_text_and_numeric_rule(tmp_path: Path) -> None:
    table = _table(tmp_path, "a,b\nx,1\ny,NA\nz,2\n1,?\n")
    assert table.numeric_columns() == ["b"]  # "NA" and "?" are marks, b stays numeric
    assert not table.is_numeric("a")
    data = select_features(table, ["b"])
    assert data.drop_reasons == {"empty cell": 2}


def test_one_very_long_label_keeps_memory_small(tmp_path: Path) -> None:
    # 100k rows and one 21,600-character label: a fixed-width str array would need 8 GB
    import tracemalloc

    path = tmp_path / "long_label.csv"
    rows = ["group,x"] + [f"{'AB'[i % 2]},{i % 97}.5" for i in range(100_000)]
    rows[500] = "z" * 21_600 + ",1.5"
    path.write_text("\n".join(rows) + "\n")
    table = read_table(path)
    tracemalloc.start()
    try:
        data = select_features(table, ["x"], label="group")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 200 * 2**20
    assert data.n_samples == 100_000 and data.labels is not None
    assert data.labels[499] == "z" * 21_600 and data.labels[:2].tolist() == ["A", "B"]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_missing_marks_are_empty_cells(tmp_path: Path, kind: str) -> None:
    marks = ["NA", "nan", "NaN", "-", "N/A", "", "n/a", "?"]
    rows = [("x", "y")] + [(mark, float(i)) for i, mark in enumerate(marks)] + [(1.5, 9.0)]
    if kind == "csv":
        path = tmp_path / "m.csv"
        path.write_text("\n".join(f"{x},{y}" for x, y in rows) + "\n")
    else:
        import openpyxl

        path = tmp_path / "m.xlsx"
        book = openpyxl.Workbook()
        for row in rows:
            book.active.append([None if cell == "" else cell for cell in row])
        book.save(path)
    table = read_table(path)
    assert table.is_numeric("x") and "x" not in table.junk_cells
    data = select_features(table, ["x", "y"])
    assert data.drop_reasons == {"empty cell": len(marks)}
    assert data.X.tolist() == [[1.5, 9.0]]
