"""The test suite's own hygiene: strict pytest settings."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TESTS = REPO / "tests"


def _pytest_settings() -> dict:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    return config["tool"]["pytest"]["ini_options"]


def test_pytest_is_strict_about_config_markers_and_xfails():
    settings = _pytest_settings()
    assert "--strict-config" in settings["addopts"].split()
    assert "--strict-markers" in settings["addopts"].split()
    # pytest 9.0.x ignores --strict-* in addopts (pytest-dev/pytest#14442): the ini options count
    assert settings["strict_config"] is True
    assert settings["strict_markers"] is True
    assert settings["xfail_strict"] is True


def test_every_registered_marker_is_used():
    names = [entry.split(":")[0].strip() for entry in _pytest_settings()["markers"]]
    sources = "\n".join(p.read_text(encoding="utf-8") for p in TESTS.rglob("*.py"))
    unused = [name for name in names if not re.search(rf"\bmark\.{name}\b", sources)]
    assert not unused, f"markers registered in pyproject.toml but never used: {unused}"
