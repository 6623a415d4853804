"""The bundled demo sets exist, read cleanly and match their catalog."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from gmm_desktop.io import DataError, demo_path, demo_sets, read_table, select_features
from gmm_desktop.io import demo as demo_module


def test_catalog_lists_the_expected_sets() -> None:
    keys = [d.key for d in demo_sets()]
    assert keys[0] == "heights"
    assert {"heights", "clusters_2d", "clusters_3d", "faithful", "iris"} <= set(keys)


@pytest.mark.parametrize("demo", demo_sets(), ids=lambda d: d.key)
def test_each_demo_reads_and_fits_its_suggestion(demo: demo_module.DemoSet) -> None:
    assert demo.path.is_file() and demo.title and demo.description
    table = read_table(demo.path)
    assert table.header and table.encoding == "utf-8" and table.delimiter == ","
    data = select_features(table, list(demo.columns), demo.label)
    assert data.rows_dropped == 0 and data.n_features == len(demo.columns)
    assert data.columns == select_features(table, label=demo.label).columns
    if demo.label is not None:
        assert data.labels is not None
        assert len(set(data.labels.tolist())) == demo.n_components
        assert demo.label in table.label_candidates()


def test_heights_demo_matches_the_preset() -> None:
    table = read_table(demo_path("heights"))
    assert table.frame.columns.tolist() == ["sex", "height"]
    assert table.frame["sex"].value_counts().to_dict() == {"M": 600, "F": 400}
    men = table.frame.loc[table.frame["sex"] == "M", "height"]
    assert abs(men.mean() - 176) < 1.5 and abs(men.std() - 8) < 1.0


def test_faithful_is_the_classic_data() -> None:
    frame = read_table(demo_path("faithful")).frame
    assert frame.shape == (272, 2)
    assert np.isclose(frame["eruptions"].mean(), 3.487783, atol=1e-6)
    assert np.isclose(frame["waiting"].mean(), 70.897059, atol=1e-6)


def test_iris_has_three_species() -> None:
    frame = read_table(demo_path("iris")).frame
    assert frame.shape == (150, 5)
    assert frame["species"].value_counts().to_dict() == {
        "setosa": 50,
        "versicolor": 50,
        "virginica": 50,
    }


def test_unknown_demo() -> None:
    with pytest.raises(DataError, match="no demo data set 'x'"):
        demo_path("x")


def test_pyinstaller_bundle_is_checked_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "resources" / "demo").mkdir(parents=True)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert demo_module.resources_dir() == tmp_path / "resources"
    monkeypatch.delattr(sys, "_MEIPASS")
    assert (demo_module.resources_dir() / "demo" / "catalog.json").is_file()
