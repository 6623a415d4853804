"""Help > About lists the program's version, every bundled component with its version and
licence, and the source and licence of every demo data set."""

from __future__ import annotations

import pytest

import gmm_desktop
from gmm_desktop.io.demo import demo_sets
from gmm_desktop.qt.about_dialog import (
    COMPONENTS,
    DEMO_SOURCES,
    UNKNOWN,
    AboutDialog,
    Component,
    component_version,
)

pytestmark = pytest.mark.gui

REQUIRED = (
    "Python",
    "Qt",
    "PySide6",
    "pyqtgraph",
    "PyOpenGL",
    "NumPy",
    "SciPy",
    "pandas",
    "openpyxl",
    "xlrd",
)


def _rows(table) -> list[list[str]]:
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def test_about_lists_every_component_with_a_version_and_licence(qtbot):
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)

    assert gmm_desktop.__version__ in dialog.version_label.text()
    rows = _rows(dialog.components_table)
    assert len(rows) == len(COMPONENTS)
    for name, version, licence in rows:
        assert version and version != UNKNOWN, f"{name} has no version"
        assert licence, f"{name} has no licence"
    names = " | ".join(row[0] for row in rows)
    for required in REQUIRED:
        assert required in names, f"{required} missing from the About dialog"
    by_name = {row[0]: row for row in rows}
    assert by_name["Qt"][2] == "LGPL-3.0"
    assert by_name["pyqtgraph"][2] == "MIT"


def test_about_versions_match_the_running_libraries(qtbot):
    import numpy
    import pyqtgraph
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion

    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    by_name = {row[0]: row[1] for row in _rows(dialog.components_table)}
    assert by_name["NumPy"] == numpy.__version__
    assert by_name["pyqtgraph"] == pyqtgraph.__version__
    assert by_name["PySide6 (Qt for Python)"] == pyside_version
    assert by_name["Qt"] == qVersion()


def test_every_demo_set_has_its_source_and_licence_listed(qtbot):
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    listed = {row[0]: row for row in _rows(dialog.demo_table)}
    for demo in demo_sets():
        assert demo.path.name in listed, f"{demo.path.name} missing from the About dialog"
    assert len(listed) == len(DEMO_SOURCES)
    for file, source, licence in listed.values():
        assert source and licence, file


def test_version_falls_back_to_the_module_then_unknown():
    # no distribution metadata under this name: the module's __version__ is used
    via_module = Component("NumPy", "no-such-distribution-xyz", "numpy", "BSD-3-Clause")
    import numpy

    assert component_version(via_module) == numpy.__version__
    missing = Component("Nothing", "no-such-distribution-xyz", "no_such_module_xyz", "none")
    assert component_version(missing) == UNKNOWN
