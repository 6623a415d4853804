"""The Qt-free layers contract: engine, io and cli import without PySide6 or pyqtgraph.

Each check runs in a fresh interpreter with an import hook that refuses the Qt packages, so
a Qt import anywhere under these packages (even an indirect one) fails the test.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
QT_FREE_PACKAGES = ("gmm_desktop.engine", "gmm_desktop.io", "gmm_desktop.cli")

BLOCKER = textwrap.dedent(
    """
    import importlib, json, pkgutil, sys

    BLOCKED = ("PySide6", "shiboken6", "pyqtgraph")

    class QtBlocker:
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in BLOCKED:
                raise ImportError(f"Qt-free layer imported {name}")
            return None

    sys.meta_path.insert(0, QtBlocker())

    def qt_modules():
        return sorted(m for m in sys.modules if m.split(".")[0] in BLOCKED)
    """
)


def _run(code: str) -> dict:
    proc = subprocess.run(
        [sys.executable, "-c", BLOCKER + textwrap.dedent(code)],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_blocker_really_blocks_qt() -> None:
    out = _run(
        """
        results = {}
        for name in ("PySide6", "pyqtgraph", "gmm_desktop.qt.style"):
            try:
                importlib.import_module(name)
                results[name] = "imported"
            except ImportError as exc:
                results[name] = str(exc)
        print(json.dumps(results))
        """
    )
    assert out["PySide6"] == "Qt-free layer imported PySide6"
    assert out["pyqtgraph"] == "Qt-free layer imported pyqtgraph"
    assert out["gmm_desktop.qt.style"].startswith("Qt-free layer imported")


def test_engine_io_and_cli_modules_import_without_qt() -> None:
    out = _run(
        f"""
        imported, failed = [], {{}}
        def onerror(name):
            failed[name] = repr(sys.exc_info()[1])
        for root in {QT_FREE_PACKAGES!r}:
            package = importlib.import_module(root)
            imported.append(root)
            for info in pkgutil.walk_packages(package.__path__, root + ".", onerror=onerror):
                try:
                    importlib.import_module(info.name)
                    imported.append(info.name)
                except Exception as exc:
                    failed[info.name] = repr(exc)
        print(json.dumps({{"imported": imported, "failed": failed, "qt": qt_modules()}}))
        """
    )
    assert out["failed"] == {}
    assert out["qt"] == []
    imported = set(out["imported"])
    # whatever exists at run time was imported, including the modules named here
    for package in QT_FREE_PACKAGES:
        folder = REPO / Path(*package.split("."))
        for source in folder.glob("*.py"):
            name = package if source.stem == "__init__" else f"{package}.{source.stem}"
            assert name in imported, name
    assert {"gmm_desktop.engine.em", "gmm_desktop.engine.density"} <= imported


@pytest.mark.parametrize("argv", [["--help"], ["fit", "--help"]])
def test_cli_parser_builds_without_qt(argv: list[str]) -> None:
    """The sub-commands are imported lazily by build_parser; they must be Qt-free too."""
    out = _run(
        f"""
        import contextlib, io
        from gmm_desktop.cli import build_parser
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer), contextlib.suppress(SystemExit):
            build_parser().parse_args({argv!r})
        print(json.dumps({{"help": buffer.getvalue(), "qt": qt_modules()}}))
        """
    )
    assert out["qt"] == []
    assert "usage:" in out["help"]
