"""Header, delimiter and decimal detection on small samples."""

from __future__ import annotations

import pytest

from gmm_desktop.io.sniff import detect_decimal, detect_delimiter, detect_header, split_lines


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([["M", "172"], ["F", "160"]], False),
        ([["sex", "height"], ["M", "172"], ["F", "160"]], True),
        ([["height"], ["172"], ["160"]], True),
        ([["1.5", "2"], ["3", "4"]], False),
        ([["x", "y"], ["1", "n/a"], ["2", "3"]], True),
        ([["n/a", "172"], ["F", "160"]], False),
        ([["2019", "2020"], ["1", "2"]], False),
        ([["name", "city"], ["Ann", "Paris"], ["Bo", "Rome"]], True),
        ([["Ann", "Paris"], ["Bo", "Paris"], ["Cy", "Rome"]], False),
        ([["Ann", "Paris"], ["Bo", "Rome"], ["Ann", "Rome"]], False),
        ([["sex", "height"]], True),
        ([["172", "160"]], False),
        ([[172, "M"], [160.0, "F"]], False),
        ([["a", "b"], [1, 2.5]], True),
    ],
)
def test_detect_header(rows: list[list[object]], expected: bool) -> None:
    assert detect_header(rows) is expected


@pytest.mark.parametrize(
    ("lines", "delimiter"),
    [
        (["a,b", "1,2"], ","),
        (["a;b", "1,5;2,5", "3;4"], ";"),
        (["176,5;80,2", "164,0;55,5"], ";"),
        (["a\tb", "1,5\t2"], "\t"),
        (["1 2  3", " 4 5 6"], " "),
        (["a|b", "1|2"], "|"),
        (["172", "160"], None),
        (["New York,5", "Los Angeles,6"], ","),
        (["0,5 1,25 3", "2,5 1 4,75"], " "),
        (["0,5|1,25", "2,5|1"], "|"),
        (["1, 2", "3, 4"], ","),
    ],
)
def test_detect_delimiter(lines: list[str], delimiter: str | None) -> None:
    assert detect_delimiter(lines) == delimiter


def test_decimal_comma_only_without_comma_delimiter() -> None:
    rows = split_lines(["176,5;80,2", "164,0;55"], ";")
    assert detect_decimal(rows, ";") == ","
    assert detect_decimal(split_lines(["1.5;2"], ";"), ";") == "."
    assert detect_decimal([["1,5"]], ",") == "."


def test_thousands_dots_vote_for_decimal_commas() -> None:
    rows = split_lines(["2.815;1.602,5", "2.809,0;1.001"], ";")
    assert detect_decimal(rows, ";") == ","
    assert detect_header([["x", "y"], *rows], ",")
