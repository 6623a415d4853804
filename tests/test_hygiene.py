"""The test suite's own hygiene: strict pytest settings, and no test writing into the repository."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

from tests.qt import screenshots

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


def _names_the_screenshots_folder(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return any(
        isinstance(node, ast.Constant) and node.value in ("screenshots", "screenshots/")
        for node in ast.walk(tree)
    )


def test_only_the_screenshots_helper_names_the_repository_folder():
    allowed = {Path(screenshots.__file__).resolve(), Path(__file__).resolve()}
    offenders = [
        str(path.relative_to(REPO))
        for path in sorted(TESTS.rglob("*.py"))
        if path.resolve() not in allowed and _names_the_screenshots_folder(path)
    ]
    assert not offenders, f"save screenshots through tests/qt/screenshots.py: {offenders}"


def test_screenshots_go_to_tmp_path_unless_asked_for(tmp_path, monkeypatch):
    repo_folder = tmp_path / "repository" / "screenshots"
    monkeypatch.setattr(screenshots, "REPO_SCREENSHOTS", repo_folder)
    monkeypatch.delenv(screenshots.OPT_IN, raising=False)
    default = screenshots.screenshot_folder(tmp_path / "test")
    assert default.is_dir() and default.is_relative_to(tmp_path / "test")
    assert not repo_folder.exists()

    monkeypatch.setenv(screenshots.OPT_IN, "1")
    assert screenshots.screenshot_folder(tmp_path / "test") == repo_folder
    assert repo_folder.is_dir()


def test_repository_screenshots_folder_is_ignored_by_git():
    ignored = (REPO / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "/screenshots/" in ignored
