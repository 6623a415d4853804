"""Dirty and wrong files give one plain DataError, never another exception."""

from __future__ import annotations

import os
import zlib
from collections.abc import Callable
from pathlib import Path

import numpy as np
import openpyxl
import pytest

from gmm_desktop.errors import UserError
from gmm_desktop.io import DataError, FeatureData, Table, read_table, select_features

PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x02"


def _error(path: Path, **kwargs: object) -> str:
    with pytest.raises(DataError) as info:
        read_table(path, **kwargs)  # type: ignore[arg-type]
    assert isinstance(info.value, UserError)
    message = str(info.value)
    assert "\n" not in message and "Traceback" not in message
    return message


def test_missing_file(tmp_path: Path) -> None:
    assert "does not exist" in _error(tmp_path / "nope.csv")


def test_folder(tmp_path: Path) -> None:
    assert "is a folder" in _error(tmp_path)


@pytest.mark.parametrize("content", [b"", b"\n\n  \n", b"\xef\xbb\xbf"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    assert "is empty" in _error(path)


@pytest.mark.parametrize(
    "content",
    [
        np.random.default_rng(1).bytes(5000),
        PNG_HEADER + np.random.default_rng(2).bytes(300),
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
        zlib.compress(b"a,b\n1,2\n" * 100),
        b"\x1f\x8b\x08\x00" + bytes(50),
    ],
    ids=["random", "png", "pdf", "zlib", "gzip"],
)
def test_binary_junk(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "data.csv"
    path.write_bytes(content)
    assert "binary data" in _error(path)


def test_png_named_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "photo.xlsx"
    path.write_bytes(PNG_HEADER + bytes(100))
    assert "binary data" in _error(path)


def test_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert "not an Excel workbook" in _error(path)


def test_truncated_xlsx(tmp_path: Path) -> None:
    good = tmp_path / "good.xlsx"
    book = openpyxl.Workbook()
    book.active.append((1, 2))
    book.save(good)
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(good.read_bytes()[:300])
    assert "not an Excel workbook" in _error(bad)


def test_corrupt_xls(tmp_path: Path) -> None:
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    assert "not an Excel workbook" in _error(path)


def test_ods_is_refused_plainly(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "sheet.ods"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    assert ".xlsx or .csv" in _error(path)


def test_only_a_header_row(tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    path.write_text("sex,height\n")
    assert "header row but no data rows" in _error(path)


def test_only_a_header_row_in_excel(tmp_path: Path) -> None:
    path = tmp_path / "h.xlsx"
    book = openpyxl.Workbook()
    book.active.append(("sex", "height"))
    book.save(path)
    assert "header row but no data rows" in _error(path, header=True)


def test_empty_sheet(tmp_path: Path) -> None:
    path = tmp_path / "e.xlsx"
    openpyxl.Workbook().save(path)
    assert "is empty" in _error(path)


def test_wrong_sheet_name(tmp_path: Path) -> None:
    path = tmp_path / "data.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Sheet1"
    book.active.append((1, 2))
    book.create_sheet("Data")
    book.save(path)
    message = _error(path, sheet="X")
    assert message == "there is no sheet named 'X' in data.xlsx (sheets: Sheet1, Data)"
    assert "no sheet number 5" in _error(path, sheet=4)


def test_ragged_rows_near_the_top_are_padded(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("1,2\n3,4\n5,6,7\n")
    table = read_table(path)
    assert table.frame.columns.tolist() == ["column 1", "column 2", "column 3"]
    assert select_features(table, [1, 2]).rows_dropped == 0
    assert select_features(table).drop_summary() == (
        "2 rows left out: 2 with an empty cell (rows 1, 2)"
    )


def test_long_row_far_down(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("a,b\n" + "1,2\n" * 500 + "5,6,7\n")
    message = _error(path)
    assert "line 502" in message and "same number of columns" in message


def test_unreadable_file(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can read every file")
    path = tmp_path / "locked.csv"
    path.write_text("a\n1\n")
    path.chmod(0)
    assert "permission denied" in _error(path)


def _select_error(text: str, tmp_path: Path, **kwargs: object) -> str:
    path = tmp_path / "t.csv"
    path.write_text(text)
    table = read_table(path)
    with pytest.raises(DataError) as info:
        select_features(table, **kwargs)  # type: ignore[arg-type]
    return str(info.value)


def test_text_column_as_feature(tmp_path: Path) -> None:
    message = _select_error("sex,height\nM,1\nF,2\n", tmp_path, columns=["sex"])
    assert message == "column 'sex' holds text, so it cannot be used as a number column"


def test_no_numeric_columns(tmp_path: Path) -> None:
    message = _select_error("name,city\nAnn,Paris\nBo,Rome\n", tmp_path)
    assert "no number columns" in message and "name, city" in message


def test_unknown_column(tmp_path: Path) -> None:
    message = _select_error("a,b\n1,2\n", tmp_path, columns=["c"])
    assert "no column 'c'" in message and "a, b" in message
    assert "no column number 3" in _select_error("a,b\n1,2\n", tmp_path, columns=[3])


def test_label_also_a_feature(tmp_path: Path) -> None:
    message = _select_error("a,b\n1,2\n", tmp_path, columns=["a", "b"], label="b")
    assert "both a feature and the label" in message


def test_nothing_left(tmp_path: Path) -> None:
    message = _select_error("a,b\n1,x\n,2\n3,inf\n", tmp_path, columns=["a", "b"])
    assert "no rows are left" in message


def test_all_junk_column_is_text(tmp_path: Path) -> None:
    message = _select_error("a,b\n1,x\n2,y\n", tmp_path, columns=["b"])
    assert "holds text" in message


def test_empty_named_column(tmp_path: Path) -> None:
    message = _select_error("a,b\n1,\n2,\n", tmp_path, columns=["b"])
    assert "column 'b' is empty" in message


def _table_with_far_cell(path: Path, far_value: object) -> Path:
    """A 20-row table in A1:B20 and one cell at XFD1048576, the last cell of a sheet."""
    from openpyxl.styles import PatternFill

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(("x", "y"))
    for i in range(19):
        sheet.append((i + 0.5, 2 * i))
    sheet["XFD1048576"] = far_value
    sheet["XFD1048576"].fill = PatternFill("solid", fgColor="FFFF00")
    book.save(path)
    return path


@pytest.mark.timeout(60)
def test_formatted_last_cell_of_the_sheet_is_ignored(tmp_path: Path) -> None:
    # the sheet claims A1:XFD1048576; openpyxl would pad every row to 16,384 cells
    import resource

    path = _table_with_far_cell(tmp_path / "far.xlsx", None)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    table = read_table(path)
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown < 300 * 1024  # the peak memory of the process grew by less than 300 MB
    assert table.frame.shape == (19, 2) and table.frame.columns.tolist() == ["x", "y"]
    assert table.frame["y"].tolist() == [2.0 * i for i in range(19)]


@pytest.mark.timeout(60)
def test_stray_value_in_the_last_cell_of_the_sheet(tmp_path: Path) -> None:
    path = _table_with_far_cell(tmp_path / "stray.xlsx", "oops")
    message = _error(path)
    assert "XFD1048576" in message and "delete" in message


def _ole_file(stream_name: str) -> bytes:
    """A minimal OLE compound file: the header sector and one directory entry."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    name = stream_name.encode("utf-16-le") + b"\x00\x00"
    entry = name.ljust(64, b"\x00") + len(name).to_bytes(2, "little") + b"\x02" + bytes(61)
    return header + entry + bytes(512 - len(entry))


@pytest.mark.parametrize("suffix", [".xlsx", ".xls"])
def test_password_protected_workbook(tmp_path: Path, suffix: str) -> None:
    # Excel saves a workbook with a password as an OLE file holding an "EncryptedPackage"
    path = tmp_path / f"secret{suffix}"
    path.write_bytes(_ole_file("EncryptedPackage"))
    message = _error(path)
    assert "protected with a password" in message and "damaged" not in message
    other = tmp_path / f"other{suffix}"
    other.write_bytes(_ole_file("Workbook"))
    assert "damaged" in _error(other)


def test_small_16_bit_numbers_stay_binary(tmp_path: Path) -> None:
    # every other byte is zero, as in UTF-16 text, but the "characters" are control codes
    path = tmp_path / "samples.csv"
    path.write_bytes(np.random.default_rng(4).integers(1, 31, 4000).astype("<u2").tobytes())
    assert "binary data" in _error(path)


def _book_with_formulas(path: Path, saved_values: bool) -> Path:
    """x in column A and y = 2x as formulas in column B, with or without saved values."""
    import zipfile

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Data"
    sheet.append(("x", "y"))
    for i in range(2, 12):
        sheet.append((i * 1.5, f"=A{i}*2"))
    book.save(path)
    if saved_values:  # as Excel saves it: the calculated value beside each formula
        with zipfile.ZipFile(path) as archive:
            parts = {name: archive.read(name) for name in archive.namelist()}
        xml = parts["xl/worksheets/sheet1.xml"].decode()
        for i in range(2, 12):
            xml = xml.replace(f"<f>A{i}*2</f><v />", f"<f>A{i}*2</f><v>{i * 3.0}</v>")
        parts["xl/worksheets/sheet1.xml"] = xml.encode()
        with zipfile.ZipFile(path, "w") as archive:
            for name, data in parts.items():
                archive.writestr(name, data)
    return path


def test_formulas_without_saved_values(tmp_path: Path) -> None:
    # a workbook written by a program (never opened in Excel) has no values for its formulas
    message = _error(_book_with_formulas(tmp_path / "made.xlsx", saved_values=False))
    assert "column B of the sheet 'Data'" in message
    assert "formulas without saved values" in message and "save it" in message


def test_formulas_with_saved_values_are_read(tmp_path: Path) -> None:
    table = read_table(_book_with_formulas(tmp_path / "saved.xlsx", saved_values=True))
    assert table.frame["y"].tolist() == [i * 3.0 for i in range(2, 12)]


def test_formula_with_an_empty_text_result_is_a_saved_value(tmp_path: Path) -> None:
    # Excel saves =IF(A2>3,"",A2*2) that gave "" as <c t="str"><f>..</f><v></v></c>
    import zipfile

    path = _book_with_formulas(tmp_path / "saved.xlsx", saved_values=True)
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    saved = '<c r="B2"><f>A2*2</f><v>6.0</v></c>'
    empty_text = '<c r="B2" t="str"><f>A2*2</f><v></v></c>'
    xml = xml.replace(saved, empty_text)
    assert "<v></v>" in xml
    parts["xl/worksheets/sheet1.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    table = read_table(path)
    assert np.isnan(table.frame["y"].iloc[0]) and table.frame["y"].iloc[1] == 9.0


def _quietly(capfd: pytest.CaptureFixture[str], read: Callable[[], object]) -> object:
    """Run ``read``; fail if it let a warning escape or printed anything on stderr."""
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = read()
    assert [str(w.message) for w in caught] == []
    assert capfd.readouterr().err == ""
    return result


def test_a_row_wider_than_the_sample_loses_no_cells(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    # one 90 KB row: the 64 KB sample saw only part of its cells (ParserWarning, lost cells)
    path = tmp_path / "wide.csv"
    path.write_text("a,b\n" + ",".join(str(10**7 + i) for i in range(10_000)) + "\n")
    table = _quietly(capfd, lambda: read_table(path))
    assert isinstance(table, Table) and table.n_columns == 10_000
    assert table.frame.iloc[0, -1] == 10**7 + 9_999


def test_lost_cells_are_an_error_not_a_warning(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    from gmm_desktop.io.errors import Reporter
    from gmm_desktop.io.sniff import TextLayout
    from gmm_desktop.io.source import Source
    from gmm_desktop.io.text import read_text_frame

    path = tmp_path / "t.csv"
    path.write_text("1,2,3,4,5\n6,7,8,9,10\n")
    layout = TextLayout("utf-8", ",", ".", False, ("1", "2"), 2)  # a sample that saw 2 cells

    def read() -> None:
        with pytest.raises(DataError, match="more than 2 cells"):
            read_text_frame(Source(path), layout, Reporter())

    _quietly(capfd, read)


def test_infinite_values_and_huge_numbers_warn_nothing(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "inf.csv"
    path.write_text("a,b,c\ninf,1,1e308\ninf,2,-1e308\n1,3,1e308\n4,4,2\n")
    data = _quietly(capfd, lambda: select_features(read_table(path)))
    assert isinstance(data, FeatureData) and data.drop_reasons == {"infinite value": 2}


def test_workbook_without_default_style_warns_nothing(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    import re
    import zipfile

    plain = tmp_path / "plain.xlsx"
    book = openpyxl.Workbook()
    for row in (("x",), (1.5,), (2.5,)):
        book.active.append(row)
    book.save(plain)
    with zipfile.ZipFile(plain) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    # some programs write a stylesheet without cell styles: openpyxl warns about it
    parts["xl/styles.xml"] = re.sub(rb"<cellStyles.*?</cellStyles>", b"", parts["xl/styles.xml"])
    path = tmp_path / "made.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    table = _quietly(capfd, lambda: read_table(path))
    assert isinstance(table, Table) and table.frame["x"].tolist() == [1.5, 2.5]
