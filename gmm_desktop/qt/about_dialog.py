"""Help > About: the program's name, version and purpose, and what it is built from.

The component versions are read at run time (``importlib.metadata``, else the module's
``__version__``), so the dialog stays true in a PyInstaller bundle (the spec copies the
packages' .dist-info metadata). The demo data sources and licences follow resources/demo/README.md.
It also says which EM engine runs: the compiled one (numba) or the reference NumPy one, and why.
"""

from __future__ import annotations

import importlib
import platform
from dataclasses import dataclass
from importlib import metadata

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..engine import backend
from .i18n import QT_TRANSLATE_NOOP, translate

APP_NAME = "GMM Desktop"
DESCRIPTION = QT_TRANSLATE_NOOP(
    "AboutDialog",
    "Fit Gaussian mixture models by expectation-maximisation without writing code: open a table, "
    "choose the columns and the number of components, and watch EM converge.",
)
UNKNOWN = "unknown"


@dataclass(frozen=True)
class Component:
    """A bundled software component.

    name : shown in the table; distribution : the package name for importlib.metadata (None
    for Python and Qt, whose versions come from the interpreter and the Qt library);
    module : imported for ``__version__`` when the metadata is missing; licence : short name;
    optional : the program runs without it (a source install without numba).
    """

    name: str
    distribution: str | None
    module: str | None
    licence: str
    optional: bool = False


COMPONENTS: tuple[Component, ...] = (
    Component("Python", None, None, "PSF License 2.0"),
    Component("Qt", None, None, "LGPL-3.0"),
    Component("PySide6 (Qt for Python)", "PySide6-Essentials", "PySide6", "LGPL-3.0"),
    Component("Shiboken6", "shiboken6", "shiboken6", "LGPL-3.0"),
    Component("pyqtgraph", "pyqtgraph", "pyqtgraph", "MIT"),
    Component("PyOpenGL", "PyOpenGL", "OpenGL", "BSD-style (PyOpenGL licence)"),
    Component("NumPy", "numpy", "numpy", "BSD-3-Clause"),
    Component("SciPy", "scipy", "scipy", "BSD-3-Clause"),
    Component("pandas", "pandas", "pandas", "BSD-3-Clause"),
    Component("python-dateutil", "python-dateutil", "dateutil", "Apache-2.0 / BSD-3-Clause"),
    Component("tzdata", "tzdata", "tzdata", "Apache-2.0"),
    Component("openpyxl", "openpyxl", "openpyxl", "MIT"),
    Component("et-xmlfile", "et_xmlfile", "et_xmlfile", "MIT"),
    Component("xlrd", "xlrd", "xlrd", "BSD-3-Clause"),
    Component("numba", "numba", None, "BSD-2-Clause", optional=True),
    Component(
        "llvmlite (with LLVM)",
        "llvmlite",
        None,
        "BSD-2-Clause; LLVM: Apache-2.0 WITH LLVM-exception",
        optional=True,
    ),
)


@dataclass(frozen=True)
class DemoSource:
    """A bundled demo data file, where it comes from and under which terms."""

    file: str
    source: str
    licence: str


DEMO_SOURCES: tuple[DemoSource, ...] = (
    DemoSource("heights.csv", "synthetic (made for this project)", "CC0"),
    DemoSource("clusters_2d.csv", "synthetic (made for this project)", "CC0"),
    DemoSource("clusters_3d.csv", "synthetic (made for this project)", "CC0"),
    DemoSource(
        "faithful.csv",
        "Old Faithful geyser eruptions (R datasets; Härdle 1991)",
        "public domain (measurements)",
    ),
    DemoSource(
        "iris.csv",
        "Fisher (1936); UCI ML Repository, doi:10.24432/C56C76",
        "public domain; UCI copy CC BY 4.0",
    ),
)


def component_version(component: Component) -> str:
    """The installed version of ``component``, or "unknown" when it cannot be found."""
    if component.name == "Python":
        return platform.python_version()
    if component.name == "Qt":
        from PySide6.QtCore import qVersion

        return qVersion() or UNKNOWN
    if component.distribution is not None:
        try:
            return metadata.version(component.distribution)
        except metadata.PackageNotFoundError:
            pass
    if component.module is not None:
        try:
            version = getattr(importlib.import_module(component.module), "__version__", None)
        except Exception:  # a broken optional import must not break the About box
            version = None
        if version:
            return str(version)
    return UNKNOWN


def engine_text() -> str:
    """One sentence, in the interface language, saying which EM engine fits run on.

    Does not import numba: before the start-up warm-up has finished it says so.
    """
    if not backend.is_warm():
        return translate(
            "AboutDialog",
            "Engine: the compiled engine is still loading; until it is ready, fits run on the "
            "reference NumPy engine.",
        )
    if backend.ready().compiled:
        from ..engine import fast

        info = fast.threading_info()
        return translate(
            "AboutDialog", "Engine: compiled (numba {numba}, threads: {threads})."
        ).format(numba=info.get("numba", UNKNOWN), threads=info.get("threads", 1))
    return translate(
        "AboutDialog",
        "Engine: the reference NumPy engine (slower on large files); the compiled engine is "
        "not available: {reason}",
    ).format(reason=backend.unavailable_reason() or UNKNOWN)


def engine_details() -> str:
    """Where numba keeps the compiled kernels (for the engine line's tooltip), or ""."""
    if not (backend.is_warm() and backend.ready().compiled):
        return ""
    from ..engine import fast

    folder = fast.threading_info().get("cache_dir", "")
    return translate("AboutDialog", "Compiled kernels are cached in {folder}").format(folder=folder)


def components_with_versions() -> list[tuple[str, str, str]]:
    """(name, version, licence) for every bundled component, in display order; an optional
    component that cannot be found says "not installed"."""
    rows = []
    for c in COMPONENTS:
        version = component_version(c)
        if version == UNKNOWN and c.optional:
            version = translate("AboutDialog", "not installed")
        rows.append((c.name, version, c.licence))
    return rows


def _table(
    headers: list[str], rows: list[tuple[str, ...]], stretch: tuple[int, ...], parent: QWidget
) -> QTableWidget:
    """A read-only table; columns in ``stretch`` share the spare width, the others fit."""
    table = QTableWidget(len(rows), len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setWordWrap(False)
    row_height = table.fontMetrics().height() + 8
    table.verticalHeader().setDefaultSectionSize(row_height)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            table.setItem(r, c, item)
    header = table.horizontalHeader()
    for c in range(len(headers)):
        mode = (
            QHeaderView.ResizeMode.Stretch
            if c in stretch
            else QHeaderView.ResizeMode.ResizeToContents
        )
        header.setSectionResizeMode(c, mode)
    frame = 2 * table.frameWidth()
    table.setMinimumHeight(header.sizeHint().height() + min(len(rows), 6) * row_height + frame)
    table.setMaximumHeight(header.sizeHint().height() + len(rows) * row_height + frame + 2)
    return table


class AboutDialog(QDialog):
    """Name, version, one-sentence description, bundled components and demo data sources."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About {name}").format(name=APP_NAME))
        self.setObjectName("about_dialog")
        layout = QVBoxLayout(self)

        title = QLabel(f"<h2>{APP_NAME}</h2>")
        title.setObjectName("about_title")
        layout.addWidget(title)
        self.version_label = QLabel(self.tr("Version {version}").format(version=__version__))
        self.version_label.setObjectName("about_version")
        layout.addWidget(self.version_label)
        description = QLabel(self.tr(DESCRIPTION))
        description.setWordWrap(True)
        layout.addWidget(description)
        self.engine_label = QLabel(engine_text())
        self.engine_label.setObjectName("about_engine")
        self.engine_label.setWordWrap(True)
        self.engine_label.setToolTip(engine_details())
        self.engine_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.engine_label)

        layout.addWidget(QLabel(self.tr("<b>Built with</b>")))
        self.components_table = _table(
            [self.tr("Component"), self.tr("Version"), self.tr("Licence")],
            [tuple(row) for row in components_with_versions()],
            (2,),
            self,
        )
        self.components_table.setObjectName("about_components")
        layout.addWidget(self.components_table)

        layout.addWidget(QLabel(self.tr("<b>Demo data</b>")))
        self.demo_table = _table(
            [self.tr("File"), self.tr("Source"), self.tr("Licence")],
            [(d.file, d.source, d.licence) for d in DEMO_SOURCES],
            (1, 2),
            self,
        )
        self.demo_table.setObjectName("about_demo_data")
        layout.addWidget(self.demo_table)

        note = QLabel(
            self.tr(
                "Qt and PySide6 are used under the GNU LGPL version 3; their libraries are "
                "separate files of this program and can be replaced. The licence texts of all "
                "components are included with the program."
            )
        )
        note.setWordWrap(True)
        note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(note)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(820, 760)
