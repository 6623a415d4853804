"""Help > About lists the program's version, which EM engine runs (and why), every bundled
component with its version and licence, and the source and licence of every demo data set."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator

import pytest

import gmm_desktop
from gmm_desktop.engine import backend
from gmm_desktop.io.demo import demo_sets
from gmm_desktop.qt import i18n
from gmm_desktop.qt.about_dialog import (
    COMPONENTS,
    DEMO_SOURCES,
    UNKNOWN,
    AboutDialog,
    Component,
    component_version,
    components_with_versions,
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
    try:
        import numba
    except ImportError:  # a source install without the compiled engine
        assert by_name["numba"] == "not installed"
    else:
        assert by_name["numba"] == numba.__version__


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


def _warm(monkeypatch: pytest.MonkeyPatch, compiled: bool, reason: str | None = None) -> None:
    """Make the engine look as after the start-up warm-up: compiled, or reference (``reason``)."""
    if compiled:
        pytest.importorskip("numba")
        assert backend.warm_up().compiled, backend.unavailable_reason()
        return
    warmed = threading.Event()
    warmed.set()
    monkeypatch.setattr(backend, "_warmed", warmed)
    monkeypatch.setattr(backend, "_compiled", None)
    monkeypatch.setattr(backend, "_reason", reason)


def _engine_line(qtbot) -> tuple[str, str]:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    return dialog.engine_label.text(), dialog.engine_label.toolTip()


def test_about_says_the_compiled_engine_runs_with_numba_and_threads(qtbot, monkeypatch):
    _warm(monkeypatch, compiled=True)
    import numba

    from gmm_desktop.engine import fast

    text, tooltip = _engine_line(qtbot)
    assert text.startswith("Engine: compiled"), text
    assert f"numba {numba.__version__}" in text and f"threads: {fast.n_threads()}" in text
    assert str(fast.threading_info()["cache_dir"]) in tooltip


def test_about_says_the_reference_engine_runs_and_why(qtbot, monkeypatch):
    _warm(monkeypatch, compiled=False, reason="ModuleNotFoundError: No module named 'numba'")
    text, tooltip = _engine_line(qtbot)
    assert "reference NumPy engine" in text and "compiled" in text
    assert text.endswith("ModuleNotFoundError: No module named 'numba'"), text
    assert tooltip == ""


def test_about_says_the_compiled_engine_is_still_loading(qtbot, monkeypatch):
    monkeypatch.setattr(backend, "_warmed", threading.Event())  # warm-up not finished
    text, _ = _engine_line(qtbot)
    assert "still loading" in text and "reference NumPy engine" in text


@pytest.fixture()
def chinese(qapp) -> Iterator[None]:
    assert i18n.install_translator(qapp, "zh_CN") == "zh_CN"
    try:
        yield
    finally:
        i18n.remove_translators(qapp)


@pytest.mark.parametrize("compiled", [True, False])
def test_about_engine_line_is_translated(qtbot, monkeypatch, chinese, compiled):
    _warm(monkeypatch, compiled=compiled, reason="ImportError: numba")
    text, tooltip = _engine_line(qtbot)
    assert "Engine" not in text and "engine" not in text, text
    assert re.search(r"[\u4e00-\u9fff]", text), text  # Chinese characters
    if compiled:
        import numba

        assert numba.__version__ in text and re.search(r"[\u4e00-\u9fff]", tooltip)
    else:
        assert "ImportError: numba" in text


def test_optional_components_say_not_installed(monkeypatch):
    from gmm_desktop.qt import about_dialog

    missing = Component("numba", "no-such-distribution-xyz", None, "BSD-2-Clause", optional=True)
    monkeypatch.setattr(about_dialog, "COMPONENTS", (missing,))
    assert components_with_versions() == [("numba", "not installed", "BSD-2-Clause")]
