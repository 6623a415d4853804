"""``gmm-desktop report FILE``: fit, then write an HTML or PDF report of the fit."""

from __future__ import annotations

import argparse


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="write an HTML or PDF report of a fit")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    return 0
