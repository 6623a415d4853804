"""Coverage-guided fuzzing of the readers with atheris (optional; run on request).

Every input must end in data or a clear UserError; anything else is a crash that atheris
saves as ``crash-*``. Targets: ``table`` (read_table + select_features) and ``session``
(load_session).

    .venv/bin/pip install atheris==3.0.0
    .venv/bin/python benchmarks/fuzz_atheris.py table -runs=20000 -max_len=4096
    .venv/bin/python benchmarks/fuzz_atheris.py session -max_total_time=300 corpus_dir/

Arguments after the target go to libFuzzer (``-runs``, ``-max_len``, ``-max_total_time``,
corpus folders, a crash file to replay).
"""

from __future__ import annotations

import signal
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["gmm_desktop"]):
    from gmm_desktop.errors import UserError
    from gmm_desktop.io import read_table, select_features
    from gmm_desktop.io.session import load_session

TIME_LIMIT_S = 5
_FOLDER = Path(tempfile.mkdtemp(prefix="gmm-fuzz-"))
_SUFFIXES = (".csv", ".tsv", ".xlsx", ".txt")


def _on_alarm(_signum: int, _frame: object) -> None:
    raise TimeoutError(f"one input took more than {TIME_LIMIT_S} s")


def _check_message(exc: UserError) -> None:
    message = str(exc).strip()
    if not message or "\n" in message:
        raise AssertionError(f"unclear error message: {message!r}")


def fuzz_table(data: bytes) -> None:
    path = _FOLDER / f"input{_SUFFIXES[len(data) % len(_SUFFIXES)]}"
    path.write_bytes(data)
    signal.alarm(TIME_LIMIT_S)
    try:
        table = read_table(path)
        select_features(table)
    except UserError as exc:
        _check_message(exc)
    finally:
        signal.alarm(0)


def fuzz_session(data: bytes) -> None:
    path = _FOLDER / "input.gmm.json"
    path.write_bytes(data)
    signal.alarm(TIME_LIMIT_S)
    try:
        load_session(path)
    except UserError as exc:
        _check_message(exc)
    finally:
        signal.alarm(0)


TARGETS = {"table": fuzz_table, "session": fuzz_session}


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in TARGETS:
        sys.exit(f"usage: {sys.argv[0]} {{{'|'.join(TARGETS)}}} [libFuzzer options]")
    target = TARGETS[sys.argv[1]]
    signal.signal(signal.SIGALRM, _on_alarm)
    atheris.Setup([sys.argv[0], *sys.argv[2:]], target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
