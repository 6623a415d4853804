"""A scripted run whose fit ends while the compiled engine is still compiling (an empty numba
cache): the window must wait for the compiling thread, never destroy it while it runs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import gmm_desktop

PACKAGE = Path(gmm_desktop.__file__).resolve().parent
RESOURCES = PACKAGE.parent / "resources"
# Appended to the copy's engine/fast.py: compiling as slowly as on a busy machine, so the
# scripted run's fit and exports are done long (over 10 s) before the compiling ends.
SLOW_COMPILING = """

import time as _time

_compile_all_at_full_speed = _compile_all


def _compile_all() -> None:
    _time.sleep(SLOW_SECONDS)
    _compile_all_at_full_speed()
"""
SLOW_SECONDS = 20


@pytest.mark.timeout(600)
def test_quit_while_the_fast_engine_compiles_exits_cleanly(tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    # a copy has no numba cache beside its sources, and NUMBA_CACHE_DIR points to an empty one
    shutil.copytree(PACKAGE, copy / "gmm_desktop", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(RESOURCES, copy / "resources")
    fast = copy / "gmm_desktop" / "engine" / "fast.py"
    slow = SLOW_COMPILING.replace("SLOW_SECONDS", str(SLOW_SECONDS))
    fast.write_text(fast.read_text(encoding="utf-8") + slow, encoding="utf-8")
    cache = tmp_path / "numba-cache"
    cache.mkdir()
    out = tmp_path / "report"
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)  # the real (Xvfb) display, as the window runs
    env.update(
        PYTHONPATH=str(copy),
        NUMBA_CACHE_DIR=str(cache),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
    )
    args = ["resources/demo/heights.csv", "--columns", "height", "-k", "2"]
    done = subprocess.run(
        [sys.executable, "-m", "gmm_desktop", *args, "--run", "--export", str(out), "--quit"],
        capture_output=True,
        text=True,
        timeout=540,
        cwd=copy,
        env=env,
    )
    assert done.returncode == 0, f"exit status {done.returncode}: {done.stderr}"
    assert "QThread: Destroyed" not in done.stderr, done.stderr
    for name in ("parameters.csv", "assignments.csv", "history.csv", "density.png"):
        assert (out / name).is_file(), f"{name} was not exported"
