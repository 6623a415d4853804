"""Entry point: ``gmm-desktop`` / ``python -m gmm_desktop``.

``gmm-desktop fit|generate|select|script|report ...`` runs the command line; anything else
opens the window.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

CLI_COMMANDS = ("fit", "generate", "select", "script", "report")
# named, not __name__: that is "__main__" under ``python -m gmm_desktop``
_log = logging.getLogger("gmm_desktop.__main__")


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in CLI_COMMANDS:
        from .cli import main as cli_main

        if args[0] == "report":
            _plug_in_pdf_reports()
        return cli_main(args)
    from .qt.app import run_gui

    return run_gui(args)


def _plug_in_pdf_reports() -> None:
    """Let ``report --out x.pdf`` draw with Qt: the command line may not import the window's
    layer, this entry point may (Qt itself is imported only when a PDF is written)."""
    from .cli import report

    def render(data: object, language: str) -> bytes:
        from .qt.report_pdf import report_pdf

        return report_pdf(data, language, headless=True)  # type: ignore[arg-type]

    report.pdf_renderer = render


def entry() -> NoReturn:
    """The process entry point (console script, ``python -m``, the bundle's launcher).

    A command-line run ends with ``os._exit`` once its output is flushed: tearing down an
    interpreter holding numba, scipy and pandas takes a quarter of a second, a tenth of a
    whole million-row fit, and frees nothing the operating system would not. Every file a
    command writes is closed (and atomically renamed) before ``main`` returns.
    """
    args = sys.argv[1:]
    command_line = bool(args) and args[0] in CLI_COMMANDS
    if command_line:
        from .cli.startup import pause_gc

        pause_gc()
    status = main(args)
    if command_line:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):  # a closed pipe or stream: nothing left to say
                _log.debug("flushing %s failed at exit", stream, exc_info=True)
                status = status or 1
        os._exit(status)
    sys.exit(status)


if __name__ == "__main__":
    entry()
