"""``gmm_desktop.__main__.entry``: what a command-line run does after its command returns."""

from __future__ import annotations

import io
import logging
import sys

import pytest

import gmm_desktop.__main__ as entry_module


class _ClosedPipe(io.StringIO):
    def flush(self) -> None:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_failed_flush_at_exit_is_logged_and_makes_the_status_1(monkeypatch, caplog):
    exits: list[int] = []

    def fake_exit(status: int) -> None:
        exits.append(status)
        raise SystemExit(status)

    monkeypatch.setattr(sys, "argv", ["gmm-desktop", "fit"])
    monkeypatch.setattr(entry_module, "main", lambda args: 0)
    monkeypatch.setattr("gmm_desktop.cli.startup.pause_gc", lambda: None)
    monkeypatch.setattr(entry_module.os, "_exit", fake_exit)
    monkeypatch.setattr(sys, "stdout", _ClosedPipe())
    with caplog.at_level(logging.DEBUG, logger="gmm_desktop.__main__"):
        with pytest.raises(SystemExit):
            entry_module.entry()
    assert exits == [1]
    logged = [r for r in caplog.records if r.name == "gmm_desktop.__main__"]
    assert len(logged) == 1 and logged[0].levelno == logging.DEBUG
    assert logged[0].exc_info is not None and logged[0].exc_info[0] is BrokenPipeError
