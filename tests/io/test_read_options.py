"""Reading with options given (the import preview, sessions, --no-header and --names)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from gmm_desktop.io import DataError, ReadOptions, read_table
from gmm_desktop.io.read_options import ONE_COLUMN, parse_names, read_options_from_dict

HOMEWORK = "M;172,5\nF;160,25\nM;181\nF;158,5\n"


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_names_rename_a_headerless_file(tmp_path: Path) -> None:
    path = _write(tmp_path / "hw.csv", HOMEWORK)
    table = read_table(path, options=ReadOptions(names=("sex", "height")))
    assert table.frame.columns.tolist() == ["sex", "height"]
    assert table.frame["height"].tolist() == [172.5, 160.25, 181.0, 158.5]
    assert table.names == ("sex", "height")
    assert table.read_options() == ReadOptions(
        header=False, names=("sex", "height"), delimiter=";", decimal=",", encoding="utf-8"
    )


def test_blank_missing_and_repeated_names(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.csv", "a,b,c\n1,2,3\n")
    table = read_table(path, options=ReadOptions(names=(" ", "x")))
    assert table.frame.columns.tolist() == ["a", "x", "c"]
    twice = read_table(path, options=ReadOptions(names=("x", "x", "x", "extra")))
    assert twice.frame.columns.tolist() == ["x", "x (2)", "x (3)"]


def test_explicit_delimiter_decimal_and_header(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.csv", "1;2,5\n3;4,5\n")
    as_text = read_table(path, options=ReadOptions(delimiter=ONE_COLUMN, header=False))
    assert as_text.n_columns == 1 and as_text.delimiter is None
    points = read_table(path, options=ReadOptions(delimiter=";", decimal="."))
    assert not points.is_numeric("column 2")  # 2,5 is not a number with decimal points
    header = read_table(path, options=ReadOptions(header=True))
    assert header.frame.columns.tolist() == ["1", "2,5"] and header.n_rows == 1


def test_explicit_encoding(tmp_path: Path) -> None:
    path = _write(tmp_path / "g.csv", "身高;体重\n172,5;60\n", "gbk")
    table = read_table(path, options=ReadOptions(encoding="gb18030"))
    assert table.frame.columns.tolist() == ["身高", "体重"]
    wrong = read_table(path, options=ReadOptions(encoding="latin-1"))
    assert wrong.encoding == "latin-1" and wrong.n_columns == 2


def test_a_wrong_encoding_gets_a_plain_message(tmp_path: Path) -> None:
    path = _write(tmp_path / "g.csv", "身高;体重\n172,5;60\n", "gbk")
    with pytest.raises(DataError, match="could not be read; save it again as UTF-8"):
        read_table(path, options=ReadOptions(encoding="utf-8"))


def test_bad_options_get_plain_messages(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="not a known text encoding"):
        ReadOptions(encoding="no-such-code")
    with pytest.raises(DataError, match="cannot separate columns"):
        ReadOptions(delimiter="x")
    with pytest.raises(DataError, match="decimal mark must be"):
        ReadOptions(decimal=";")
    path = _write(tmp_path / "a.csv", "1,2\n3,4\n")
    with pytest.raises(DataError, match="both the delimiter and the decimal mark"):
        read_table(path, options=ReadOptions(delimiter=",", decimal=","))


def test_max_rows_reads_the_first_rows_only(tmp_path: Path) -> None:
    path = _write(tmp_path / "big.csv", "x,y\n" + "".join(f"{i},{i}\n" for i in range(1000)))
    assert read_table(path, max_rows=20).n_rows == 20
    book = openpyxl.Workbook()
    for i in range(100):
        book.active.append((i, i * 2))
    book.save(tmp_path / "b.xlsx")
    assert read_table(tmp_path / "b.xlsx", max_rows=20).n_rows == 20


def test_excel_sheet_and_names(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "first"
    book.create_sheet("second").append(("M", 172))
    book["second"].append(("F", 160))
    book.save(tmp_path / "b.xlsx")
    table = read_table(tmp_path / "b.xlsx", options=ReadOptions(sheet="second", names=("sex",)))
    assert table.sheet == "second" and table.frame.columns.tolist() == ["sex", "column 2"]
    assert table.read_options() == ReadOptions(header=False, names=("sex",), sheet="second")


def test_header_argument_overrides_the_options(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.csv", "1,2\n3,4\n")
    assert read_table(path, header=True, options=ReadOptions(header=False)).n_rows == 1


def test_options_round_trip_as_plain_values() -> None:
    options = ReadOptions(header=False, names=("a", ""), delimiter="\t", decimal=",")
    assert read_options_from_dict(options.as_dict()) == options
    for damaged in ([], {"header": "yes"}, {"names": [1]}, {"sheet": True}, {"encoding": "x"}):
        with pytest.raises(DataError):
            read_options_from_dict(damaged)


def test_parse_names() -> None:
    assert parse_names("sex, height") == ("sex", "height")
    assert parse_names("a,,c") == ("a", "", "c")
    assert parse_names(None) is None
