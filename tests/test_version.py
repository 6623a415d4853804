"""The version is written once, as ``gmm_desktop.__version__``: the package metadata
(pyproject.toml reads it dynamically), ``gmm-desktop --version``, the About box (checked in
tests/qt/test_about_dialog.py) and the PyInstaller spec all show that same string."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import gmm_desktop

REPO = Path(__file__).resolve().parents[1]


def _pyproject() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def test_pyproject_has_no_literal_version_and_reads_the_packages():
    config = _pyproject()
    assert "version" not in config["project"], "pyproject.toml writes the version a second time"
    assert "version" in config["project"]["dynamic"]
    dynamic = config["tool"]["setuptools"]["dynamic"]["version"]
    assert dynamic == {"attr": "gmm_desktop.__version__"}


def test_setuptools_reads_the_packages_version():
    from setuptools.config.expand import read_attr

    assert read_attr("gmm_desktop.__version__", root_dir=REPO) == gmm_desktop.__version__


def test_version_looks_like_a_release_number():
    assert re.fullmatch(r"\d+\.\d+\.\d+([.-]?\w+)?", gmm_desktop.__version__)


def test_command_line_version_is_the_packages():
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-m", "gmm_desktop", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"GMM Desktop {gmm_desktop.__version__}"


def test_bundle_spec_finds_the_packages_version():
    # packaging/pyinstaller/gmm_desktop.spec reads __init__.py with this pattern (macOS bundle)
    spec = (REPO / "packaging" / "pyinstaller" / "gmm_desktop.spec").read_text(encoding="utf-8")
    assert """r'__version__ = "([^"]+)"'""" in spec
    init = (REPO / "gmm_desktop" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'__version__ = "([^"]+)"', init)
    assert found is not None and found.group(1) == gmm_desktop.__version__
