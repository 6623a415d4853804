"""``gmm-desktop script FILE``: fit, then write a Python or R script that reproduces the fit."""

from __future__ import annotations

import argparse
import shlex
from dataclasses import dataclass

from ..engine import FitResult, fit
from ..engine import backend as engines
from ..io import Table, select_features
from ..io.features import FeatureData
from ..io.script_export import SCRIPT_LANGUAGES, check_output, data_spec, fit_script, write_output
from .fit import config_from_args
from .options import add_data_options, add_fit_options, parse_columns, read_data_file
from .startup import end_start_up, start_engine_warm_up


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "script",
        help="write a Python (scikit-learn) or R (mclust) script that reproduces a fit",
        description="Fit as `fit` does, then write a short commented script that reads the "
        "same file, starts EM from the same starting values, stops by the same rule and "
        "prints the parameters and the log-likelihood.",
    )
    add_data_options(p)
    add_fit_options(p)
    add_output_options(p, "fit.py")
    p.add_argument("--language", choices=SCRIPT_LANGUAGES, default="python")
    p.set_defaults(run=run)


def add_output_options(p: argparse.ArgumentParser, example: str) -> None:
    """--out (required) and --force."""
    p.add_argument("--out", metavar=example.upper(), required=True, help="the file to write")
    p.add_argument("--force", action="store_true", help="replace --out if it exists")


@dataclass(frozen=True)
class FittedFile:
    """A file read, its chosen columns and the fit made on them."""

    table: Table
    features: FeatureData
    result: FitResult


def fit_file(args: argparse.Namespace) -> FittedFile:
    """Read ``args.file`` and fit it with the fit options, as ``gmm-desktop fit`` does (with
    ``--weights`` and ``--missing`` where the command has them: ``report``)."""
    config = config_from_args(args)
    warm_up = start_engine_warm_up()
    table = read_data_file(args)
    weights, missing = getattr(args, "weights", None), getattr(args, "missing", "drop")
    features = select_features(table, parse_columns(args.columns), args.label, weights, missing)
    end_start_up(warm_up)
    result = fit(features.X, config, backend=engines.ready(), sample_weight=features.weights)
    return FittedFile(table, features, result)


def command_line(args: argparse.Namespace) -> str:
    """The command line that ran, as one shell-quoted string."""
    argv = getattr(args, "argv", None) or []
    return shlex.join(["gmm-desktop", *argv])


def run(args: argparse.Namespace) -> int:
    check_output(args.out, input_file=args.file, force=args.force)
    fitted = fit_file(args)
    text = fit_script(
        fitted.result, data_spec(fitted.table, fitted.features), args.language, command_line(args)
    )
    path = write_output(args.out, text, input_file=args.file, force=args.force)
    print(f"wrote {path}")
    return 0
