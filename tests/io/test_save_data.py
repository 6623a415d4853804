"""Generated data saved as CSV (exactly) or Excel (to 15 digits, as Excel keeps numbers)
reads back (issue 17 item 7)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from gmm_desktop.engine import MixtureParams
from gmm_desktop.engine.synthetic import SyntheticSpec, generate
from gmm_desktop.io import read_table
from gmm_desktop.io.atomic import WriteError
from gmm_desktop.io.synthetic_table import synthetic_frame, write_data_table


def _frame() -> pd.DataFrame:
    params = MixtureParams.from_user([0.6, 0.4], [[176, 70], [164, 58]], [[[49, 20], [20, 64]],
                                     [[36, 10], [10, 25]]])  # fmt: skip
    spec = SyntheticSpec(params, 200, ("height", "weight"), ("=1+1", "F"), "sex")
    X, component = generate(spec, 3)
    return synthetic_frame(spec, X, component)


@pytest.mark.parametrize("name", ["generated.csv", "generated.xlsx"])
def test_saved_data_reads_back_exactly(tmp_path: Path, name: str) -> None:
    frame = _frame()
    path = write_data_table(frame, tmp_path / name)
    table = read_table(path)
    assert table.header and table.frame.columns.tolist() == frame.columns.tolist()
    numbers, expected = table.frame[["height", "weight"]], frame[["height", "weight"]]
    if name.endswith(".csv"):
        np.testing.assert_array_equal(numbers, expected)  # every digit
    else:
        np.testing.assert_allclose(numbers, expected, rtol=1e-14)  # Excel keeps 15 digits
    assert table.frame["sex"].tolist() == frame["sex"].tolist()  # "=1+1" stays text
    assert table.frame["true_component"].tolist() == frame["true_component"].tolist()
    assert [p.name for p in tmp_path.iterdir()] == [name]  # no temporary file left


def test_other_suffixes_and_unwritable_folders_are_refused(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match=r"saved as \.csv or \.xlsx"):
        write_data_table(_frame(), tmp_path / "data.ods")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(WriteError, match="cannot write"):
        write_data_table(_frame(), blocker / "data.csv")
