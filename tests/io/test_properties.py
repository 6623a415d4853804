"""Property-based round trips: write a random numeric table any way, read the same numbers."""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gmm_desktop.io import DataError, read_table, select_features

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,  # CI sees the same inputs every run; raise max_examples to explore
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
NAMES = ["x", "height", "weight", "身高", "体重", "a_b", "值2", "Größe"]

finite = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False)


@st.composite
def written_tables(draw: st.DrawFn) -> tuple[bytes, np.ndarray, bool, str, str]:
    n_rows = draw(st.integers(1, 25))
    n_cols = draw(st.integers(1, 4))
    values = np.array(draw(st.lists(finite, min_size=n_rows * n_cols, max_size=n_rows * n_cols)))
    values = values.reshape(n_rows, n_cols)
    delimiter = draw(st.sampled_from([",", ";", "\t", " ", "|"]))
    header = draw(st.booleans())
    # A lone column of "176,5" lines without a name is ambiguous (read as two columns).
    comma_ok = delimiter != "," and (n_cols > 1 or header)
    decimal = "," if comma_ok and draw(st.booleans()) else "."
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    lines = []
    if header:
        lines.append(delimiter.join(draw(st.permutations(NAMES))[:n_cols]))
    for row in values:
        lines.append(delimiter.join(repr(float(v)).replace(".", decimal) for v in row))
    content = (newline.join(lines) + newline).encode(encoding)
    return content, values, header, delimiter, decimal


@SETTINGS
@given(case=written_tables())
def test_round_trip(case: tuple[bytes, np.ndarray, bool, str, str]) -> None:
    content, values, header, delimiter, decimal = case
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.csv"
        path.write_bytes(content)
        table = read_table(path)
    assert table.header is header
    assert table.n_rows == values.shape[0] and table.n_columns == values.shape[1]
    if values.shape[1] > 1:
        assert table.delimiter == delimiter
    if decimal == "," and b"," in content.replace(b"\x00", b""):
        assert table.decimal == ","
    data = select_features(table, list(range(1, values.shape[1] + 1)))
    assert data.rows_dropped == 0
    np.testing.assert_allclose(data.X, values, rtol=1e-14, atol=0)


@SETTINGS
@given(content=st.binary(max_size=400))
def test_random_bytes_never_crash(content: bytes) -> None:
    _read_any(content)


@SETTINGS
@given(
    content=st.text(
        alphabet=st.sampled_from(list("0123456789.,;\t |-e\n\r\"'abM名 ")), max_size=300
    )
)
def test_random_text_never_crashes(content: str) -> None:
    _read_any(content.encode("utf-8"))


def _read_any(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.csv"
        path.write_bytes(content)
        try:
            table = read_table(path)
        except DataError:
            return
    try:
        data = select_features(table)
    except DataError:
        return
    assert data.n_samples + data.rows_dropped == table.n_rows
    assert np.all(np.isfinite(data.X))
