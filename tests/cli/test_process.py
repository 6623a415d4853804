"""The command line as a real process: ``python -m gmm_desktop`` ends with ``os._exit`` after
flushing, so nothing it printed or wrote may be lost, and a closed pipe is not a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "resources" / "demo" / "heights.csv"


def _run(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "gmm_desktop", *args], cwd=REPO, timeout=240, check=False, **kwargs
    )


def test_output_to_a_file_is_flushed_before_the_process_ends(tmp_path: Path) -> None:
    """A file (not a terminal) is block-buffered: the whole JSON must still arrive."""
    out = tmp_path / "summary.json"
    with out.open("w") as handle:
        done = _run("fit", str(DEMO), "-k", "2", "--json", stdout=handle, stderr=subprocess.PIPE)
    assert done.returncode == 0, done.stderr
    summary = json.loads(out.read_text())
    assert summary["n_samples"] == 1000 and len(summary["weights"]) == 2


def test_exported_files_are_complete(tmp_path: Path) -> None:
    done = _run("fit", str(DEMO), "-k", "2", "--out", str(tmp_path), capture_output=True)
    assert done.returncode == 0, done.stderr
    assignments = pd.read_csv(tmp_path / "assignments.csv")
    assert len(assignments) == 1000
    assert len(pd.read_csv(tmp_path / "parameters.csv")) == 2


def test_bad_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    done = _run("fit", str(tmp_path / "missing.csv"), capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "does not exist" in done.stderr


def test_a_reader_that_goes_away_is_no_traceback() -> None:
    """``gmm-desktop fit ... | head -c 10``: the pipe closes early; no traceback, exit 1."""
    process = subprocess.Popen(
        [sys.executable, "-m", "gmm_desktop", "fit", str(DEMO), "-k", "2", "--json"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # nobody reads: the first write or the flush breaks the pipe
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=240) == 1
    assert "Traceback" not in stderr and "Exception ignored" not in stderr
