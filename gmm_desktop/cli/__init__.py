"""The command line: ``gmm-desktop fit|generate|select ...``, built on engine + io only."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from ..errors import UserError

# Each module defines add_parser(subparsers) and run(args) -> int.
SUBCOMMANDS = ("fit", "generate", "select", "script", "report")


class _Parser(argparse.ArgumentParser):
    """argparse that reports a bad command line as one plain line on stderr."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="gmm-desktop",
        description="Fit Gaussian mixture models by EM. Without a command, opens the window.",
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for name in SUBCOMMANDS:
        importlib.import_module(f"{__name__}.{name}").add_parser(sub)
    return parser


def _silence_stdout() -> None:
    """Point stdout at the null device, so its unflushed rest cannot fail again at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand; return its exit status (2 for bad input, with one line on stderr)."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(arguments)
    args.argv = arguments  # the command line, for scripts and reports that record it
    try:
        return int(args.run(args))
    except UserError as exc:
        print(f"gmm-desktop: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("gmm-desktop: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader of our output went away (``... | head``)
        _silence_stdout()
        return 1
    except MemoryError:
        print("gmm-desktop: error: not enough memory for this data", file=sys.stderr)
        return 1
