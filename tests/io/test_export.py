"""Exports are written as a set: all three CSV files are new, or none is.

A failure part-way (full disk), over an earlier export or on a fresh folder, leaves no partial
and no mixed set; a run killed mid-export leaves only a hidden ``.gmm-export-*`` folder, which
the next export removes once it is a few minutes old.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from gmm_desktop.engine import FitConfig, FitResult, MixtureParams, fit
from gmm_desktop.io import table_from_frame
from gmm_desktop.io.atomic import SET_PREFIX, STALE_AFTER_SECONDS, WriteError
from gmm_desktop.io.export import EXPORT_FILES, write_fit_exports

ROOT = Path(__file__).resolve().parents[2]


def _data() -> pd.DataFrame:
    rng = np.random.default_rng(3)
    x = np.r_[rng.normal(-4, 1, 60), rng.normal(0, 1, 60), rng.normal(4, 1, 60)]
    return pd.DataFrame({"x": x.round(3), "group": ["a", "b", "c"] * 60})


def _export(out: Path, k: int) -> list[Path]:
    frame = _data()
    table = table_from_frame(frame)
    result: FitResult = fit(frame[["x"]].to_numpy(), FitConfig(n_components=k, seed=0))
    return write_fit_exports(out, result, ["x"], table.frame, np.arange(len(frame)))


def _fail_on_write(monkeypatch: pytest.MonkeyPatch, number: int) -> None:
    """Make the ``number``-th CSV written (1-based) fail as on a full disk."""
    real = pd.DataFrame.to_csv
    calls = {"n": 0}

    def to_csv(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == number:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "to_csv", to_csv)


def _contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_a_failure_part_way_leaves_no_partial_set(tmp_path, monkeypatch):
    out = tmp_path / "out"
    _fail_on_write(monkeypatch, 2)
    with pytest.raises(WriteError) as caught:
        _export(out, 2)
    message = str(caught.value)
    assert "assignments.csv" in message and os.strerror(errno.ENOSPC) in message
    assert "nothing in" in message and SET_PREFIX not in message
    assert list(out.iterdir()) == []  # no parameters.csv alone, no hidden leftovers


def test_a_failure_over_an_earlier_export_keeps_it_whole(tmp_path, monkeypatch):
    out = tmp_path / "out"
    _export(out, 2)
    before = _contents(out)
    _fail_on_write(monkeypatch, 2)
    with pytest.raises(WriteError):
        _export(out, 3)
    assert _contents(out) == before  # not K=3 parameters beside K=2 assignments


def test_a_new_export_replaces_the_whole_earlier_set(tmp_path):
    out = tmp_path / "out"
    _export(out, 2)
    paths = _export(out, 3)
    assert [p.name for p in paths] == list(EXPORT_FILES)
    assert sorted(p.name for p in out.iterdir()) == sorted(EXPORT_FILES)
    assert len(pd.read_csv(out / "parameters.csv")) == 3
    assert "responsibility_3" in pd.read_csv(out / "assignments.csv").columns
    assert "weight_3" in pd.read_csv(out / "history.csv").columns


KILLED_EXPORT = """
import os, signal, sys
import pandas as pd
sys.path.insert(0, sys.argv[2])
from tests.io.test_export import _export
real, calls = pd.DataFrame.to_csv, []
def to_csv(self, *args, **kwargs):
    calls.append(1)
    if len(calls) == 2:
        os.kill(os.getpid(), signal.SIGKILL)
    return real(self, *args, **kwargs)
pd.DataFrame.to_csv = to_csv
_export(__import__("pathlib").Path(sys.argv[1]), 2)
"""


def _age(path: Path, seconds: float) -> None:
    past = time.time() - seconds
    os.utime(path, (past, past))


def test_leftovers_of_a_killed_export_are_removed_by_the_next(tmp_path):
    out = tmp_path / "out"
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_EXPORT, str(out), str(ROOT)], capture_output=True, timeout=120
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    left = list(out.iterdir())
    assert [p.name[: len(SET_PREFIX)] for p in left] == [SET_PREFIX]  # no CSV was moved in
    old_style = out / ".assignments.csv.k3x9_q2z.tmp"  # left by an atomic_open killed mid-write
    old_style.write_text("half")
    fresh = out / f"{SET_PREFIX}running"  # another export still under way: kept
    fresh.mkdir()
    foreign = out / ".notes.tmp"  # not ours: kept
    foreign.write_text("mine")
    for path in [*left, old_style, foreign]:
        _age(path, STALE_AFTER_SECONDS + 60)
    _export(out, 2)
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [*EXPORT_FILES, fresh.name, foreign.name]
    )


def test_parameters_frame_holds_bootstrap_errors_and_intervals() -> None:
    """se_X is the sd (ddof 1) of the replicates, ci_low_X / ci_high_X their 2.5 and 97.5
    percentiles, for the weight, every mean and sd, and the correlations (a < b)."""
    from gmm_desktop.engine.bootstrap import BootstrapResult, parameter_values
    from gmm_desktop.io.export import parameters_frame

    rng = np.random.default_rng(0)
    fits = [
        MixtureParams.from_user(
            [0.5 + e, 0.5 - e],
            [[0.0, e], [5.0, 5.0 + e]],
            covariances=[[[1, 0.3 + e], [0.3 + e, 1]]] * 2,
        )
        for e in rng.uniform(-0.05, 0.05, size=40)
    ]
    values = [parameter_values(p) for p in fits]
    replicates = {name: np.array([v[name] for v in values]) for name in values[0]}
    boot = BootstrapResult("nonparametric", 40, 0, replicates)
    frame = parameters_frame(fits[0], ["a", "b"], boot)
    weights = replicates["weights"][:, 0]
    assert frame["se_weight"][0] == pytest.approx(np.std(weights, ddof=1))
    assert frame["ci_low_weight"][0] == pytest.approx(np.percentile(weights, 2.5))
    assert frame["ci_high_mean(b)"][1] == pytest.approx(
        np.percentile(replicates["means"][:, 1, 1], 97.5)
    )
    corr = replicates["correlations"][:, 1, 0, 1]
    assert frame["se_corr(a, b)"][1] == pytest.approx(np.std(corr, ddof=1))
    assert "se_corr(a, a)" not in frame.columns and "se_sd(b)" in frame.columns
    plain = list(parameters_frame(fits[0], ["a", "b"]).columns)
    assert list(frame.columns[: len(plain)]) == plain
