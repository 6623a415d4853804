"""A command-line run's start-up: the kernels load on a background thread while the file is
read, and the garbage collector is paused only when ``__main__.entry`` paused it."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest

from gmm_desktop.cli import startup
from gmm_desktop.engine import fast

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "resources" / "demo" / "heights.csv"


def test_warm_up_runs_on_its_own_thread() -> None:
    thread = startup.start_engine_warm_up()
    assert thread.daemon and thread.name == "gmm-warm-up"
    thread.join(timeout=300)
    assert not thread.is_alive()
    assert fast.is_warm()


def test_end_start_up_leaves_an_unpaused_collector_alone() -> None:
    """Tests and other in-process callers of cli.main never get their objects frozen."""
    frozen = gc.get_freeze_count()
    startup.end_start_up()
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen


def test_pause_then_end_freezes_and_restarts_the_collector(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(startup, "_paused", False)
    frozen = gc.get_freeze_count()
    try:
        startup.pause_gc()
        assert not gc.isenabled()
        startup.end_start_up(startup.start_engine_warm_up())
        assert gc.isenabled()
        assert gc.get_freeze_count() > frozen
    finally:
        gc.enable()
        gc.unfreeze()  # give pytest's objects back to the collector


def test_a_process_run_restarts_the_collector_before_fitting(tmp_path: Path) -> None:
    """Through the real entry point: paused at start, running again once the data are read."""
    code = (
        "import gc, sys\n"
        "import gmm_desktop.engine.result as result\n"
        "fit = result.fit\n"
        "def spy(*args, **kwargs):\n"
        "    print('gc enabled during fit:', gc.isenabled(), gc.get_freeze_count() > 0,\n"
        "          file=sys.stderr)\n"
        "    return fit(*args, **kwargs)\n"
        "import gmm_desktop.cli.fit as cli_fit\n"
        "cli_fit.fit = spy\n"
        f"sys.argv = ['gmm-desktop', 'fit', {str(DEMO)!r}, '-k', '2', '--json']\n"
        "from gmm_desktop.__main__ import entry\n"
        "entry()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=240
    )
    assert done.returncode == 0, done.stderr
    assert "gc enabled during fit: True True" in done.stderr
    assert done.stdout.startswith("{")
