"""The hierarchical start's merge loop: compiled (numba) and numpy take the same merges.

``_kernels_agglomeration.merge_loop`` is written to make the numpy loop's comparisons on the
same numbers, so the whole merge sequence must be identical, also where pairs tie exactly (a
grid, rounded values, repeated rows), not merely close.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from gmm_desktop.engine import agglomeration, backend
from gmm_desktop.engine.init import svd_scaled

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"


def _data_sets() -> dict[str, np.ndarray]:
    rng = np.random.default_rng(7)
    faithful = pd.read_csv(DEMO / "faithful.csv").to_numpy(float)
    iris = pd.read_csv(DEMO / "iris.csv").iloc[:, :4].to_numpy(float)
    return {
        "faithful (tied values)": svd_scaled(faithful),
        "iris, 4 columns (repeated rows)": svd_scaled(iris),
        "normal 600 x 2": svd_scaled(rng.normal(size=(600, 2))),
        "normal 400 x 3": svd_scaled(rng.normal(size=(400, 3))),
        "two groups 300 x 5": svd_scaled(
            np.concatenate([rng.normal(size=(150, 5)), rng.normal(3.0, 1.0, size=(150, 5))])
        ),
        "grid 12 x 12 (every distance tied)": np.array(
            [[i, j] for i in range(12) for j in range(12)], float
        ),
        "rounded 500 x 3 (many ties)": np.round(rng.normal(size=(500, 3)), 1),
        "one column": rng.normal(size=(80, 1)),
    }


DATA = _data_sets()


@pytest.fixture(scope="module")
def compiled_loop():
    backend.warm_up()
    loop = agglomeration.compiled_merge_loop()
    if loop is None:
        pytest.skip(f"no compiled engine here: {backend.unavailable_reason()}")
    return loop


@pytest.mark.parametrize("name", list(DATA))
def test_compiled_merge_loop_takes_the_numpy_loops_merges(name: str, compiled_loop) -> None:
    Z = DATA[name]
    start_numpy, merges_numpy = agglomeration._agglomerate(Z, None)
    start_compiled, merges_compiled = agglomeration._agglomerate(Z, compiled_loop)
    assert np.array_equal(start_numpy, start_compiled)
    assert merges_numpy.shape == (len(np.unique(Z, axis=0)) - 1, 2)
    assert np.array_equal(merges_numpy, merges_compiled)


def test_ties_are_real_in_the_tied_data_sets() -> None:
    """The grid's first merges all cost the same: a tie the loops must break alike."""
    Z = DATA["grid 12 x 12 (every distance tied)"]
    _, merges = agglomeration._agglomerate(Z, None)
    a, b = merges[0]
    assert (a, b) == (0, 1)  # the first of many equally cheap neighbour pairs


def test_merge_tree_uses_the_compiled_loop_once_ready(compiled_loop, monkeypatch) -> None:
    calls: list[int] = []

    def counting(*args):
        calls.append(1)
        return compiled_loop(*args)

    monkeypatch.setattr(agglomeration, "compiled_merge_loop", lambda: counting)
    Z = DATA["normal 400 x 3"] + 1.0  # rows no earlier test has cached
    agglomeration.merge_tree(Z)
    assert calls == [1]
