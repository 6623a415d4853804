"""Command-line options shared by the subcommands that read a data file."""

from __future__ import annotations

import argparse
import json
import math
from collections.abc import Sequence
from pathlib import Path

from ..engine import COVARIANCE_TYPES, INIT_METHODS, STOPPING_RULES, MixtureParams
from ..engine.config import MISSING_CHOICES
from ..engine.stopping import DEFAULT_TOL
from ..errors import UserError
from ..io.features import default_features, resolve_column
from ..io.read_options import ReadOptions, parse_names
from ..io.table import Table, read_table

# An initial-values file holds K weights, K x d means and K x d x d covariances: kilobytes.
MAX_INIT_FILE_BYTES = 20_000_000


def add_data_options(p: argparse.ArgumentParser) -> None:
    """FILE, --columns, --label, --header/--no-header, --names, --sheet."""
    p.add_argument(
        "file", metavar="FILE", help="CSV, TSV, Excel, Parquet (a file or a folder) or Feather file"
    )
    p.add_argument(
        "--columns",
        metavar="LIST",
        help="feature columns, by name or 1-based number, comma separated "
        "(default: every number column except the label)",
    )
    p.add_argument("--label", metavar="COLUMN", help="a column of known groups (e.g. sex)")
    header = p.add_mutually_exclusive_group()
    header.add_argument(
        "--header", dest="header", action="store_const", const=True, help="first row is names"
    )
    header.add_argument(
        "--no-header", dest="header", action="store_const", const=False, help="first row is data"
    )
    add_names_option(p)
    p.add_argument("--sheet", metavar="NAME", help="Excel sheet name or 1-based number")


def add_row_options(p: argparse.ArgumentParser, missing_default: str | None = "drop") -> None:
    """--weights COLUMN and --missing drop|model: how rows count and what rows with empty cells
    do (``fit``, ``select``, ``report`` and the window's scripted run, whose default None
    keeps the window's own choice)."""
    p.add_argument(
        "--weights",
        metavar="COLUMN",
        help="a column of row weights (frequencies, 0 or more), by name or 1-based number: row "
        "i counts as w_i rows, and n in BIC and the other indices is the sum of the weights",
    )
    p.add_argument(
        "--missing",
        choices=MISSING_CHOICES,
        default=missing_default,
        help="rows with empty cells: drop (leave them out, the default) or model (use their "
        "other cells; EM fills the empty ones in the model)",
    )


def add_names_option(p: argparse.ArgumentParser) -> None:
    """--names a,b,c: the columns' names, in order (for a file without a header row)."""
    p.add_argument(
        "--names",
        metavar="LIST",
        help="names for the columns, in order, comma separated (e.g. sex,height for a file "
        "without a header row); an empty name keeps that column's own",
    )


def read_data_file(args: argparse.Namespace) -> Table:
    """The table of FILE, read as --header/--no-header, --names and --sheet say."""
    options = ReadOptions(
        header=args.header, names=parse_names(args.names), sheet=parse_sheet(args.sheet)
    )
    return read_table(args.file, options=options)


def add_fit_options(p: argparse.ArgumentParser) -> None:
    """-k, --covariance, --init, --init-file, --restarts, --max-iter, --tol, --reg-covar, --seed."""
    p.add_argument(
        "-k", "--components", type=int, default=2, metavar="K", help="components (default 2)"
    )
    p.add_argument("--covariance", choices=COVARIANCE_TYPES, default="full")
    p.add_argument(
        "--init",
        choices=INIT_METHODS,
        default="auto",
        help="how EM starts (default auto: hierarchical, k-means++, random rows and random "
        "responsibilities in turn)",
    )
    p.add_argument(
        "--init-file",
        metavar="PARAMS.json",
        help='initial values: {"weights": [...], "means": [...], '
        '"covariances" or "standard_deviations": [...]}; implies --init manual',
    )
    p.add_argument(
        "--restarts",
        type=int,
        default=1,
        metavar="N",
        help="starts run to convergence (n_init); with N > 1, 3N short runs pick them",
    )
    add_stopping_options(p)
    p.add_argument("--reg-covar", type=float, default=1e-6, metavar="R")
    p.add_argument("--seed", type=int, default=0, metavar="S", help="random seed (default 0)")


def add_stopping_options(p: argparse.ArgumentParser) -> None:
    """--max-iter, --stopping and --tol (whose default depends on the rule)."""
    p.add_argument("--max-iter", type=int, default=2000, metavar="N")
    p.add_argument(
        "--stopping",
        choices=STOPPING_RULES,
        default="aitken",
        help="aitken (default: the estimated gain still to come, per row, is below --tol), "
        "mean-change (scikit-learn's: change of the mean log-likelihood per row) or "
        "total-change (change of the total log-likelihood)",
    )
    p.add_argument(
        "--tol",
        type=float,
        default=None,
        metavar="T",
        help="tolerance of the stopping rule (default 1e-8 for aitken, 1e-6 otherwise)",
    )


def replicate_count(text: str) -> int:
    """An argparse type for a number of bootstrap replicates: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expects a whole number of replicates such as 99 (got '{text}')"
        ) from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"needs at least 1 replicate (got {value})")
    return value


def tolerance(args: argparse.Namespace) -> float:
    """--tol, or the stopping rule's default."""
    return DEFAULT_TOL[args.stopping] if args.tol is None else args.tol


def parse_columns(text: str | None) -> list[str | int] | None:
    """'a,b' -> ['a', 'b']; numbers stay strings (the reader resolves 1-based indices).

    The one reading of ``--columns`` for the subcommands and for the window.
    """
    if text is None:
        return None
    parts = [part.strip() for part in text.split(",")]
    if not all(parts):
        raise UserError(f"--columns has an empty name in '{text}'")
    return list(parts)


def resolve_selection(
    table: Table, columns: Sequence[str | int] | None, label: str | int | None
) -> tuple[list[str], str | None]:
    """Feature and label column names for names or 1-based numbers, read as ``fit`` reads them.

    ``columns`` comes from ``parse_columns``; None picks the default features (every number
    column except the label). Raises DataError for a column the table does not have.
    """
    label_name = resolve_column(table, label) if label is not None else None
    if columns is None:
        return default_features(table, label_name), label_name
    return [resolve_column(table, column) for column in columns], label_name


def parse_sheet(text: str | None) -> str | int | None:
    if text is None:
        return None
    return int(text) - 1 if text.isdigit() else text


def read_init_file(path: str) -> MixtureParams:
    """Initial parameters from a JSON file (also accepts a `fit --json` output).

    UTF-8 with or without a BOM. Hostile files (huge, nested thousands deep, numbers of
    thousands of digits) get one plain UserError, never a traceback.
    """
    data = _read_init_json(path)
    if not isinstance(data, dict) or "weights" not in data or "means" not in data:
        raise UserError(f"{path} needs at least 'weights' and 'means'")
    sds = data.get("standard_deviations", data.get("sds"))
    covs = data.get("covariances") if sds is None else None
    try:
        return MixtureParams.from_user(data["weights"], data["means"], covs, sds)
    except (TypeError, ValueError, OverflowError, RecursionError) as exc:
        if isinstance(exc, UserError):
            raise
        raise UserError(
            f"the initial values in {path} are not numbers of the right shape"
        ) from None


def _finite_number(text: str) -> float:
    """A JSON number as a float; ValueError if it is too large for one (1e400, 400 digits)."""
    value = float(text)  # no digit limit, unlike int(); overflows to inf
    if math.isinf(value):
        raise ValueError(text)
    return value


def _read_init_json(path: str) -> object:
    """The JSON in ``path``, its numbers as floats; UserError for one beyond float's range."""
    try:
        if Path(path).stat().st_size > MAX_INIT_FILE_BYTES:
            raise UserError(
                f"the initial-values file {path} is larger than "
                f"{MAX_INIT_FILE_BYTES // 1_000_000} MB; it cannot be initial values"
            )
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UserError(f"the initial-values file {path} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise UserError(f"cannot read the initial-values file {path}: {reason}") from None
    try:
        return json.loads(text, parse_int=_finite_number, parse_float=_finite_number)
    except json.JSONDecodeError as exc:
        raise UserError(f"cannot read the initial-values file {path}: {exc}") from None
    except RecursionError:
        raise UserError(
            f"the initial-values file {path} is nested too deeply to be initial values"
        ) from None
    except (ValueError, OverflowError):
        raise UserError(
            f"the initial-values file {path} holds a number too large to read"
        ) from None
