"""``gmm-desktop generate``: write a synthetic mixture data set with known true parameters.

Examples::

    gmm-desktop generate --preset heights --out heights.csv
    gmm-desktop generate --weights 0.6,0.4 --means 176,164 --sds 8,6 --n 1000 --seed 1 --out h.csv
    gmm-desktop generate --means "1,1;7,7" --covariances "3,2,2,3;2,-1,-1,2" --out 2d.csv
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

from ..engine.errors import GMMInputError
from ..engine.params import MixtureParams
from ..engine.synthetic import (
    PRESETS,
    SyntheticSpec,
    default_feature_names,
    generate,
    preset_description,
)
from ..errors import UserError
from ..io.atomic import atomic_open
from ..io.synthetic_table import synthetic_frame
from .startup import end_start_up

_EXPLICIT = ("components", "weights", "means", "sds", "covariances", "names")


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "generate",
        help="write a synthetic mixture data set (CSV) with known true parameters",
        description="Write a CSV of data drawn from a Gaussian mixture, with a true_component "
        "column (1-based). Use a preset, or give the weights, means and spreads yourself; "
        "for data with several columns separate the components with ';'.",
    )
    p.add_argument("--preset", help="a ready-made data set (see --list-presets)")
    p.add_argument("--list-presets", action="store_true", help="list the presets and stop")
    p.add_argument("--out", metavar="FILE.csv", help="the CSV file to write")
    p.add_argument("--force", action="store_true", help="overwrite FILE.csv if it exists")
    p.add_argument("--n", type=int, metavar="N", help="number of rows (overrides the preset's)")
    p.add_argument("--seed", type=int, help="random seed; the same seed gives the same data")
    p.add_argument("--components", "-k", type=int, metavar="K", help="number of components")
    p.add_argument("--weights", help="mixing weights adding up to 1, e.g. 0.6,0.4 (default equal)")
    p.add_argument("--means", help='means, e.g. 176,164 or "1,1;7,7" for two 2-D components')
    p.add_argument("--sds", help='standard deviations, e.g. 8,6 or "1,2;1,1"')
    p.add_argument(
        "--covariances",
        help="covariance matrices row by row, one component per ';', e.g. \"3,2,2,3;2,-1,-1,2\"",
    )
    p.add_argument("--names", help="column names for the features, e.g. height or x,y")
    p.add_argument("--decimals", type=int, metavar="D", help="round the values to D decimals")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    end_start_up()
    if args.list_presets:
        for key, spec in PRESETS.items():
            print(f"{key:10s} {spec.n_samples:>6,} rows  {preset_description(key)}")
        return 0
    if not args.out:
        raise UserError("give the file to write with --out FILE.csv")
    _check_out(args.out, args.force)
    spec = _spec_from_args(args)
    seed = args.seed if args.seed is not None else _fresh_seed()
    X, component = generate(spec, seed)
    if args.decimals is not None:
        if not 0 <= args.decimals <= 15:
            raise UserError("--decimals must be between 0 and 15")
        X = np.round(X, args.decimals)
    frame = synthetic_frame(spec, X, component)
    with atomic_open(args.out, "w") as handle:
        frame.to_csv(handle, index=False, lineterminator="\n")
    counts = ", ".join(str(c) for c in np.bincount(component, minlength=spec.params.n_components))
    origin = f"preset '{args.preset}'" if args.preset else "your parameters"
    print(
        f"wrote {len(frame):,} rows to {args.out} ({origin}, {spec.params.n_components} "
        f"components of {counts} rows, columns {', '.join(frame.columns)}, seed {seed})"
    )
    return 0


def _check_out(out: str, force: bool) -> None:
    """UserError for a folder, or for an existing file without --force."""
    path = Path(out)
    if path.is_dir():
        raise UserError(f"{out} is a folder; give the name of the CSV file to write")
    if path.exists() and not force:
        raise UserError(f"{out} already exists; pass --force to overwrite it")


def _fresh_seed() -> int:
    return int(np.random.SeedSequence().generate_state(1)[0])


def _spec_from_args(args: argparse.Namespace) -> SyntheticSpec:
    explicit = [f"--{name}" for name in _EXPLICIT if getattr(args, name) is not None]
    if args.n is not None and args.n < 1:
        raise UserError("--n must be at least 1")
    if args.preset is not None:
        if explicit:
            raise UserError(f"--preset cannot be combined with {', '.join(explicit)}")
        if args.preset not in PRESETS:
            raise UserError(f"there is no preset '{args.preset}' (presets: {', '.join(PRESETS)})")
        spec = PRESETS[args.preset]
        return spec.with_n_samples(args.n) if args.n is not None else spec
    if args.means is None:
        raise UserError("give --preset NAME, or --means with your own parameters")
    means = _matrix("--means", args.means)
    if ";" not in args.means and args.components != 1:
        means = means.reshape(-1, 1)  # "176,164": one value per component
    k, d = means.shape
    if args.components is not None and args.components != k:
        raise UserError(f"--components is {args.components} but there are {k} means")
    weights = _numbers("--weights", args.weights) if args.weights else np.full(k, 1.0 / k)
    if args.sds is not None and args.covariances is not None:
        raise UserError("give either --sds or --covariances, not both")
    sds = covariances = None
    if args.covariances is not None:
        covariances = _covariances(args.covariances, k, d)
    else:
        sds = _matrix("--sds", args.sds) if args.sds else np.ones((k, d))
        sds = sds.ravel() if sds.size == k else sds
    try:
        params = MixtureParams.from_user(
            weights, means, covariances=covariances, standard_deviations=sds
        )
    except GMMInputError as exc:
        raise GMMInputError(str(exc).replace("initial ", "")) from None
    names = tuple(n.strip() for n in args.names.split(",")) if args.names else None
    return SyntheticSpec(params, args.n or 1000, names or default_feature_names(d))


def _numbers(option: str, text: str) -> np.ndarray:
    try:
        values = np.array([float(v) for v in text.replace(" ", "").split(",")], dtype=float)
    except ValueError:
        raise UserError(f"{option} '{text}' is not a list of numbers separated by commas") from None
    if not np.all(np.isfinite(values)):
        raise UserError(f"{option} must hold finite numbers")
    return values


def _matrix(option: str, text: str) -> np.ndarray:
    rows = [_numbers(option, part) for part in text.strip().strip(";").split(";")]
    if len({len(r) for r in rows}) != 1:
        raise UserError(f"every component in {option} needs the same number of values")
    return np.vstack(rows)


def _covariances(text: str, k: int, d: int) -> np.ndarray:
    parts = [_numbers("--covariances", p) for p in text.strip().strip(";").split(";")]
    if len(parts) != k:
        raise UserError(f"there are {len(parts)} covariance matrices for {k} components")
    out = []
    for j, values in enumerate(parts):
        if values.size == d * d:
            out.append(values.reshape(d, d))
        elif values.size == d:
            out.append(np.diag(values))
        elif values.size == 1:
            out.append(np.eye(d) * values[0])
        else:
            raise UserError(
                f"covariance {j + 1} has {values.size} values; give {d * d} (the full matrix "
                f"row by row), {d} (variances) or 1"
            )
    return np.stack(out)


if __name__ == "__main__":  # pragma: no cover
    from . import main

    sys.exit(main(["generate", *sys.argv[1:]]))
