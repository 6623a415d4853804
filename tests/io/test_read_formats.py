"""Every format, encoding, delimiter and header case reads back the right numbers."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import openpyxl
import pytest

from gmm_desktop.io import read_table, select_features


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def _xlsx(path: Path, sheets: dict[str, list[tuple]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_comma_csv_with_header(tmp_path: Path) -> None:
    table = read_table(_write(tmp_path / "a.csv", "sex,height\nM,172\nF,160.5\n"))
    assert table.header and table.delimiter == "," and table.format == "csv"
    assert list(table.frame.columns) == ["sex", "height"]
    assert table.frame["height"].tolist() == [172.0, 160.5]
    assert table.frame["sex"].tolist() == ["M", "F"]
    assert table.numeric_columns() == ["height"]
    assert table.label_candidates() == ["sex"]


def test_headerless_csv_like_the_homework(tmp_path: Path) -> None:
    table = read_table(_write(tmp_path / "hw.csv", "M,172\nF,160\nM,181\n"))
    assert not table.header
    assert list(table.frame.columns) == ["column 1", "column 2"]
    assert table.frame["column 2"].tolist() == [172.0, 160.0, 181.0]
    data = select_features(table, label="column 1")
    assert data.X[:, 0].tolist() == [172.0, 160.0, 181.0]
    assert data.labels is not None and data.labels.tolist() == ["M", "F", "M"]


def test_headerless_xlsx_like_hw1_data(tmp_path: Path) -> None:
    rows = [("M", 172), ("F", 160), ("M", 181.5), ("F", 158)]
    table = read_table(_xlsx(tmp_path / "hw1_data.xlsx", {"Sheet1": rows}))
    assert table.format == "xlsx" and table.sheet == "Sheet1" and table.sheets == ("Sheet1",)
    assert not table.header
    assert table.frame["column 2"].tolist() == [172.0, 160.0, 181.5, 158.0]
    assert table.frame["column 1"].tolist() == ["M", "F", "M", "F"]
    assert table.describe() == "hw1_data.xlsx: 4 rows x 2 columns, sheet 'Sheet1', no header row"


def test_excel_sheet_by_name_and_index(tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "book.xlsx",
        {"Sheet1": [("a",), (1,)], "Data": [("x", "y"), (1.5, 2), (3, 4.25)]},
    )
    by_name = read_table(path, sheet="Data")
    by_index = read_table(path, sheet=1)
    for table in (by_name, by_index):
        assert table.sheet == "Data" and table.sheets == ("Sheet1", "Data") and table.header
        assert table.frame[["x", "y"]].to_numpy().tolist() == [[1.5, 2.0], [3.0, 4.25]]
    assert read_table(path).sheet == "Sheet1"


def test_excel_with_header_and_blank_border(tmp_path: Path) -> None:
    rows = [(None, None, None), (None, "sex", "height"), (None, "M", 172), (None, "F", 160)]
    table = read_table(_xlsx(tmp_path / "b.xlsx", {"S": rows}))
    assert table.header and list(table.frame.columns) == ["sex", "height"]
    assert table.frame["height"].tolist() == [172.0, 160.0]


def test_gbk_chinese_headers_semicolons_decimal_commas(tmp_path: Path) -> None:
    text = "性别;身高;体重\n男;176,5;70,25\n女;164,0;55,5\n男;180;80\n"
    table = read_table(_write(tmp_path / "cn.csv", text, "gbk"))
    assert table.encoding == "gb18030" and table.delimiter == ";" and table.decimal == ","
    assert list(table.frame.columns) == ["性别", "身高", "体重"]
    assert table.frame["身高"].tolist() == [176.5, 164.0, 180.0]
    assert table.frame["体重"].tolist() == [70.25, 55.5, 80.0]
    assert table.frame["性别"].tolist() == ["男", "女", "男"]
    assert "decimal commas" in table.describe()


def test_gb18030_text(tmp_path: Path) -> None:
    table = read_table(_write(tmp_path / "cn.csv", "身高,组\n170,甲\n160,乙\n", "gb18030"))
    assert table.frame["身高"].tolist() == [170.0, 160.0]
    assert table.frame["组"].tolist() == ["甲", "乙"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_unicode_encodings(tmp_path: Path, encoding: str) -> None:
    table = read_table(_write(tmp_path / "u.csv", "名字,x\nä,1.5\nb,2\n", encoding))
    assert list(table.frame.columns) == ["名字", "x"]
    assert table.frame["x"].tolist() == [1.5, 2.0]
    assert table.frame["名字"].tolist() == ["ä", "b"]


def test_utf8_bom_reported(tmp_path: Path) -> None:
    table = read_table(_write(tmp_path / "bom.csv", "x,y\n1,2\n", "utf-8-sig"))
    assert table.encoding == "utf-8-sig" and list(table.frame.columns) == ["x", "y"]


def test_cp1252_fallback(tmp_path: Path) -> None:
    table = read_table(_write(tmp_path / "w.csv", "café,x\n1,2\n", "cp1252"))
    assert table.frame.columns[0] == "café"


def test_tsv(tmp_path: Path) -> None:
    table = read_table(_write(tmp_path / "a.tsv", "x\ty\n1.5\t-2\n3e2\t4\n"))
    assert table.delimiter == "\t"
    assert table.frame.to_numpy().tolist() == [[1.5, -2.0], [300.0, 4.0]]


def test_whitespace_separated(tmp_path: Path) -> None:
    table = read_table(_write(tmp_path / "a.txt", "  1.0   2.0\n 3.0\t4.0\n5 6\n"))
    assert table.delimiter == " " and not table.header
    assert table.frame.to_numpy().tolist() == [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]


def test_pipe_separated(tmp_path: Path) -> None:
    table = read_table(_write(tmp_path / "a.txt", "a|b\n1|2\n3|4\n"))
    assert table.delimiter == "|" and table.frame["b"].tolist() == [2.0, 4.0]


def test_single_column(tmp_path: Path) -> None:
    table = read_table(_write(tmp_path / "h.csv", "height\n172\n160.5\n"))
    assert table.delimiter is None and table.frame["height"].tolist() == [172.0, 160.5]


def test_single_column_with_decimal_commas(tmp_path: Path) -> None:
    table = read_table(_write(tmp_path / "h.csv", "Größe\n176,5\n164,25\n180\n170,5\n"))
    assert table.delimiter is None and table.decimal == ","
    assert table.frame["Größe"].tolist() == [176.5, 164.25, 180.0, 170.5]


def test_single_column_without_header(tmp_path: Path) -> None:
    table = read_table(_write(tmp_path / "h.csv", "172\n160.5\n"))
    assert not table.header and table.frame["column 1"].tolist() == [172.0, 160.5]


def test_semicolon_with_decimal_points(tmp_path: Path) -> None:
    table = read_table(_write(tmp_path / "s.csv", "a;b\n1.5;2\n3;4.5\n"))
    assert table.delimiter == ";" and table.decimal == "."
    assert table.frame.to_numpy().tolist() == [[1.5, 2.0], [3.0, 4.5]]


def test_windows_line_endings_and_quotes(tmp_path: Path) -> None:
    text = 'name,"value"\r\n"Smith, J.",1.5\r\n"Lee",2\r\n'
    table = read_table(_write(tmp_path / "q.csv", text))
    assert table.frame["name"].tolist() == ["Smith, J.", "Lee"]
    assert table.frame["value"].tolist() == [1.5, 2.0]


def test_header_override(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.csv", "1,2\n3,4\n")
    assert read_table(path, header=True).frame.columns.tolist() == ["1", "2"]
    assert read_table(path, header=True).frame.to_numpy().tolist() == [[3.0, 4.0]]
    text_first = _write(tmp_path / "b.csv", "a,b\n3,4\n")
    forced = read_table(text_first, header=False)
    assert forced.frame.columns.tolist() == ["column 1", "column 2"]
    assert forced.n_rows == 2


def test_header_override_for_excel(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "b.xlsx", {"S": [(1, 2), (3, 4)]})
    table = read_table(path, header=True)
    assert table.header and table.frame.columns.tolist() == ["1", "2"]


def test_blank_and_duplicate_header_names(tmp_path: Path) -> None:
    table = read_table(_write(tmp_path / "d.csv", "x,,x\n1,2,3\n"))
    assert table.frame.columns.tolist() == ["x", "column 2", "x (2)"]


def test_trailing_delimiters_are_ignored(tmp_path: Path) -> None:
    table = read_table(_write(tmp_path / "t.csv", "a,b\n1,2,\n3,4,\n"))
    assert table.frame.columns.tolist() == ["a", "b"]
    assert table.frame.to_numpy().tolist() == [[1.0, 2.0], [3.0, 4.0]]


def test_blank_lines_are_skipped(tmp_path: Path) -> None:
    table = read_table(_write(tmp_path / "t.csv", "\n\na,b\n1,2\n\n3,4\n\n"))
    assert table.frame.to_numpy().tolist() == [[1.0, 2.0], [3.0, 4.0]]


def test_file_named_xlsx_holding_text_is_read_as_text(tmp_path: Path) -> None:
    table = read_table(_write(tmp_path / "renamed.xlsx", "x,y\n1,2\n"))
    assert table.format == "csv" and table.frame["y"].tolist() == [2.0]


def test_numeric_label_candidates(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    lines = ["group,value"] + [
        f"{g},{v:.4f}" for g, v in zip(rng.integers(1, 4, 300), rng.normal(size=300), strict=True)
    ]
    table = read_table(_write(tmp_path / "g.csv", "\n".join(lines)))
    assert table.label_candidates() == ["group"]
    assert select_features(table).columns == ["value"]
    assert select_features(table, ["group", "value"]).n_features == 2


def test_describe_for_gbk_text(tmp_path: Path) -> None:
    table = read_table(_write(tmp_path / "cn.csv", "身高\n170\n", "gbk"))
    assert (
        table.describe() == "cn.csv: 1 row x 1 column, one column, Chinese (GBK) text, header row"
    )


@pytest.mark.parametrize(
    "text",
    [
        '"acidity"\n1.5\n2.25\n3\n',  # R: write.csv(d, row.names = FALSE), values unquoted
        '"acidity"\n"1.5"\n"2.25"\n"3"\n',  # every cell quoted
    ],
)
def test_quoted_single_column_name_loses_its_quotes(tmp_path: Path, text: str) -> None:
    table = read_table(_write(tmp_path / "r.csv", text))
    assert table.delimiter is None and table.header
    assert table.frame.columns.tolist() == ["acidity"]
    assert table.frame["acidity"].tolist() == [1.5, 2.25, 3.0]
    assert select_features(table, ["acidity"]).n_samples == 3


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ('"acidity","sugar"\n1.5,2\n3,4.5\n', ","),
        ('"acidity";"sugar"\n1,5;2\n3;4,5\n', ";"),
        ('"acidity" "sugar"\n1.5 2\n3 4.5\n', " "),  # R: write.table(d, row.names = FALSE)
    ],
)
def test_quoted_column_names_lose_their_quotes(tmp_path: Path, text: str, delimiter: str) -> None:
    table = read_table(_write(tmp_path / "r.csv", text))
    assert table.delimiter == delimiter
    assert table.frame.columns.tolist() == ["acidity", "sugar"]
    assert table.frame.to_numpy().tolist() == [[1.5, 2.0], [3.0, 4.5]]


def test_thousands_dots_with_decimal_commas(tmp_path: Path) -> None:
    # 2.815 means 2815 beside 2.809,0 and 1.602,5 (German Excel); every row must survive
    rng = np.random.default_rng(3)
    values = np.round(rng.uniform(1000, 3000, 300) * 2) / 2
    cells = []
    for i, value in enumerate(values):
        whole, half = divmod(value, 1)
        text = f"{int(whole) // 1000}.{int(whole) % 1000:03d}"
        cells.append(text if i % 2 == 0 and not half else text + ("," + str(int(half * 10))))
    lines = ["Probe;Menge;Anteil"] + [f"P{i};{cell};0,{i % 10}" for i, cell in enumerate(cells)]
    table = read_table(_write(tmp_path / "de.csv", "\n".join(lines) + "\n"))
    assert table.delimiter == ";" and table.decimal == ","
    data = select_features(table, ["Menge", "Anteil"])
    assert data.n_samples == 300 and data.rows_dropped == 0
    assert np.array_equal(data.X[:, 0], values)
    assert data.X[:3, 1].tolist() == [0.0, 0.1, 0.2]


def test_three_decimals_stay_decimals_in_a_point_column(tmp_path: Path) -> None:
    # in a decimal-comma file, a column written with points (1.5, 2.815) keeps its decimals
    text = "a;b;c\n1,5;1.5;0,5\n2,25;2.815;1,5\n3,5;0.125;2,5\n"
    table = read_table(_write(tmp_path / "mixed.csv", text))
    assert table.decimal == ","
    assert table.frame["a"].tolist() == [1.5, 2.25, 3.5]
    assert table.frame["b"].tolist() == [1.5, 2.815, 0.125]


@pytest.mark.timeout(60)
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_fifo_is_read_once(tmp_path: Path, kind: str) -> None:
    # a named pipe can be read only once; reopening it waits for a writer forever
    import os
    import threading

    rows = [("x", "y")] + [(i + 0.5, 2 * i) for i in range(3000)]
    if kind == "csv":
        content = "\n".join(f"{x},{y}" for x, y in rows).encode() + b"\n"
    else:
        content = _xlsx(tmp_path / "book.xlsx", {"S": rows}).read_bytes()
    fifo = tmp_path / f"pipe.{kind}"
    os.mkfifo(fifo)

    def write() -> None:
        with fifo.open("wb") as pipe:
            pipe.write(content)

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    table = read_table(fifo)
    writer.join(timeout=10)
    assert not writer.is_alive()
    assert table.frame.columns.tolist() == ["x", "y"] and table.n_rows == 3000
    assert table.frame["y"].iloc[-1] == 5998.0


def test_dev_stdin_pipe(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    script = (
        "from gmm_desktop.io import read_table\n"
        "t = read_table('/dev/stdin')\n"
        "print(t.n_rows, t.frame['b'].sum())\n"
    )
    text = "a;b\n" + "".join(f"{i};{i},5\n" for i in range(5000))
    root = str(Path(__file__).resolve().parents[2])  # these sources, not an installed copy
    env = {**os.environ, "PYTHONPATH": root}
    done = subprocess.run(
        [sys.executable, "-c", script],
        input=text.encode(),
        env=env,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode().split() == ["5000", str(sum(i + 0.5 for i in range(5000)))]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_quoted_newline_in_every_row(tmp_path: Path, newline: str) -> None:
    # RFC 4180: a quoted cell may hold line breaks; the sniffer must count records, not lines
    lines = ["id,comment,value"] + [f'{i},"note {i}{newline}more text",{i}.5' for i in range(40)]
    path = tmp_path / "notes.csv"
    path.write_bytes((newline.join(lines) + newline).encode())
    table = read_table(path)
    assert table.delimiter == "," and table.header and table.n_rows == 40
    assert table.frame.columns.tolist() == ["id", "comment", "value"]
    assert table.frame["value"].tolist() == [i + 0.5 for i in range(40)]
    assert table.frame["comment"].iloc[3].splitlines() == ["note 3", "more text"]


def test_quoted_newline_in_the_header(tmp_path: Path) -> None:
    text = '"height\n(cm)","weight\n(kg)"\n172,70\n160,55\n181,80\n'
    table = read_table(_write(tmp_path / "h.csv", text))
    assert table.delimiter == "," and table.n_rows == 3
    assert table.frame.columns.tolist() == ["height (cm)", "weight (kg)"]  # one line each


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_byte_order_mark(tmp_path: Path, encoding: str) -> None:
    text = "名字,height\r\n" + "".join(f"é{i},{150 + i}.5\r\n" for i in range(50))
    table = read_table(_write(tmp_path / "u.csv", text, encoding))
    assert table.encoding == encoding and "UTF-16 text" in table.describe()
    assert table.frame.columns.tolist() == ["名字", "height"]
    assert table.frame["height"].tolist() == [150.5 + i for i in range(50)]
    assert table.frame["名字"].iloc[7] == "é7"


def test_line_break_in_an_excel_header_becomes_a_space(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "b.xlsx", {"S": [("height\n(cm)", "sex"), (172, "M"), (160, "F")]})
    table = read_table(path)
    assert table.frame.columns.tolist() == ["height (cm)", "sex"]
