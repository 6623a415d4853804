"""``gmm-desktop select FILE``: fit a grid of models and name the best by BIC."""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path
from typing import IO

import numpy as np

from ..engine import COVARIANCE_TYPES, ModelScore, best_model, sweep_models, too_many_components
from ..engine import backend as engines
from ..engine.indices import EXPORTED_INDICES
from ..engine.lrt import (
    BLRT_STARTS,
    ComponentTest,
    blrt_refusal,
    bootstrap_lrt,
    replicate_threads,
)
from ..errors import UserError
from ..io import select_features
from ..io.atomic import write_file_set
from .options import (
    add_data_options,
    add_row_options,
    add_stopping_options,
    parse_columns,
    read_data_file,
    replicate_count,
    tolerance,
)
from .startup import end_start_up, start_engine_warm_up

FIELDS = (
    "components",
    "covariance",
    *EXPORTED_INDICES,
    "iterations",
    "converged",
    "degenerate",
    "starts",
    "starts_reaching_best",
    "blrt_p",
    "blrt_p_se",
    "lmr_p",
)
"""The keys of each model in ``--json`` (``ModelScore.as_dict`` and, with ``--blrt``, the tests
of K-1 against K components, ``engine.lrt``; None without ``--blrt`` and for the smallest K)."""
TEST_FIELDS = ("blrt_p", "blrt_p_se", "lmr_p")
_SMALLEST_CLASS_COLUMNS = ("smallest_class_count", "smallest_class_percent")
CSV_FIELDS = tuple(
    column
    for field in FIELDS
    for column in (_SMALLEST_CLASS_COLUMNS if field == "smallest_class" else (field,))
)
"""The columns of models.csv: FIELDS with the smallest class as two columns (count, percent)
and the average posterior probabilities as one text cell, "0.981; 0.962"."""
CONVENTION = (
    "Every criterion is lower-is-better: AIC = -2LL + 2p, BIC = -2LL + p ln n, "
    "SABIC = -2LL + p ln((n+2)/24), CAIC = -2LL + p (ln n + 1), "
    "AWE = -2LL_C + 2p (3/2 + ln n) (Banfield and Raftery 1993, LL_C the classification "
    "log-likelihood of the most likely components), ICL = BIC - 2 sum ln z_i,map "
    "(mclust's hard-classification ICL) and icl_entropy = BIC + 2 x entropy. "
    "mclust prints BIC and ICL with the opposite sign (higher is better)."
)
_RANGE = re.compile(r"^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$")


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "select",
        help="compare numbers of components and covariance types by BIC",
        description="Fit every number of components in a range for each covariance type "
        "(several starts each) and name the model with the lowest BIC. Fits that collapse "
        "onto repeated values are marked degenerate and never chosen. " + CONVENTION,
    )
    add_data_options(p)
    p.add_argument(
        "--components",
        default="1-6",
        metavar="LIST",
        help="numbers of components: a range 1-6, a list 2,3,5, or one number (default 1-6)",
    )
    p.add_argument(
        "--covariance",
        default=",".join(COVARIANCE_TYPES),
        metavar="LIST",
        help=f"covariance types, comma separated (default {','.join(COVARIANCE_TYPES)})",
    )
    p.add_argument(
        "--restarts",
        type=int,
        default=10,
        metavar="N",
        help="starts per model run to convergence, picked from 3N short runs (default 10)",
    )
    p.add_argument("--seed", type=int, default=0, metavar="S", help="random seed (default 0)")
    add_stopping_options(p)
    p.add_argument("--reg-covar", type=float, default=1e-6, metavar="R")
    p.add_argument(
        "--blrt",
        type=replicate_count,
        default=None,
        metavar="B",
        help="also test K-1 against K components for every K whose K-1 is in the list: the "
        "bootstrap likelihood-ratio test with B replicates (99 is usual; each refits both models "
        f"from {BLRT_STARTS} starts, so it takes a while) and the Lo-Mendell-Rubin adjusted test",
    )
    add_row_options(p)
    p.add_argument("--out", metavar="DIR", help="write models.csv into DIR")
    p.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    p.set_defaults(run=run)


def parse_components(text: str) -> list[int]:
    """'1-6' -> [1..6]; '2,3,5' -> [2, 3, 5]; '4' -> [4]; parts may mix ('1-3,6')."""
    values: list[int] = []
    for part in text.split(","):
        match = _RANGE.match(part)
        if not match:
            raise UserError(
                f"--components expects whole numbers like 1-6, 2,3,5 or 4 (got '{text}')"
            )
        low = int(match.group(1))
        high = int(match.group(2)) if match.group(2) is not None else low
        if high < low:
            raise UserError(f"--components range {low}-{high} runs backwards; write {high}-{low}")
        if low < 1:
            raise UserError("--components must be at least 1")
        values.extend(range(low, high + 1))
    return sorted(set(values))


def parse_covariances(text: str) -> list[str]:
    """'full,diag' -> ['full', 'diag'] (order kept, repeats dropped); unknown names refused."""
    names = [part.strip().lower() for part in text.split(",")]
    unknown = [name for name in names if name not in COVARIANCE_TYPES]
    if unknown or not names:
        raise UserError(
            f"unknown covariance type '{unknown[0] if unknown else text}' "
            f"(choose from {', '.join(COVARIANCE_TYPES)})"
        )
    return list(dict.fromkeys(names))


def model_dict(score: ModelScore, test: ComponentTest | None = None) -> dict[str, object]:
    """One model of ``--json`` (FIELDS): ``as_dict`` and the test of K-1 against K, if any."""
    row = score.as_dict()
    tested = {} if test is None else test.as_dict()
    for field in TEST_FIELDS:
        row[field] = tested.get(field)
    return row


def component_tests(
    X: np.ndarray,
    scores: list[ModelScore],
    replicates: int,
    seed: int,
    sample_weight: np.ndarray | None = None,
) -> dict[int, ComponentTest]:
    """The BLRT and LMR of K-1 against K for every model whose K-1 model (same covariance) was
    fitted, keyed by the model's position in ``scores``. Models sharing one fit (one column:
    full, diag and spherical) share their test."""
    run = engines.ready()
    threads = replicate_threads(X, run, sample_weight)
    by_model = {(s.n_components, s.covariance_type): s for s in scores}
    done: dict[tuple[int, int], ComponentTest] = {}
    tests: dict[int, ComponentTest] = {}
    for position, score in enumerate(scores):
        null = by_model.get((score.n_components - 1, score.covariance_type))
        if null is None or null.result is None or score.result is None:
            continue
        key = (id(null.result), id(score.result))
        if key not in done:
            done[key] = bootstrap_lrt(
                X,
                null.result,
                score.result,
                n_bootstrap=replicates,
                seed=seed,
                backend=run,
                threads=threads,
            )
        tests[position] = done[key]
    return tests


def csv_row(score: ModelScore, test: ComponentTest | None = None) -> dict[str, object]:
    """One row of models.csv (CSV_FIELDS): ``model_dict`` with its nested values flattened."""
    row = model_dict(score, test)
    smallest = row.pop("smallest_class")
    assert smallest is None or isinstance(smallest, dict)
    row["smallest_class_count"] = None if smallest is None else smallest["count"]
    row["smallest_class_percent"] = None if smallest is None else smallest["percent"]
    posterior = row["average_posterior"]
    if isinstance(posterior, list):
        row["average_posterior"] = "; ".join("" if v is None else f"{v:.6g}" for v in posterior)
    return row


def write_models_csv(
    folder: str,
    scores: list[ModelScore],
    input_file: str | None = None,
    tests: dict[int, ComponentTest] | None = None,
) -> Path:
    """Write models.csv (one row per model, CSV_FIELDS as columns) atomically into ``folder``;
    never over ``input_file``, the data file read. ``tests``: see ``component_tests``."""
    tested = tests or {}

    def write(handle: IO[str]) -> None:
        writer = csv.DictWriter(handle, fieldnames=CSV_FIELDS)
        writer.writeheader()
        for position, score in enumerate(scores):
            row = csv_row(score, tested.get(position))
            writer.writerow({k: "" if row[k] is None else row[k] for k in CSV_FIELDS})

    return write_file_set(folder, {"models.csv": write}, keep=input_file)[0]


def _print_table(scores: list[ModelScore], best: ModelScore | None, n_rows: int) -> None:
    head = ["", "K", "covariance", "log-lik", "BIC", "AIC", "ICL", "iter", "converged", "note"]
    lines = [head]
    for s in scores:
        numbers = [f"{v:.2f}" for v in (s.log_likelihood, s.bic, s.aic, s.icl)]
        lines.append(
            [
                "*" if s is best else "",
                str(s.n_components),
                s.covariance_type,
                *numbers,
                str(s.n_iter),
                "yes" if s.converged else "no",
                "degenerate (collapsed)" if s.degenerate else "",
            ]
        )
    widths = [max(len(row[i]) for row in lines) for i in range(len(head))]
    print(f"{len(scores)} models fitted to {n_rows:,} rows")
    for row in lines:
        cells = [
            cell.ljust(w) if i in (2, 9) else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ]
        print("  ".join(cells).rstrip())
    if best is None:
        print(
            "no usable model: every fit collapsed onto repeated values (degenerate); "
            "try fewer components, another covariance type or a larger --reg-covar"
        )
    else:
        print(f"* best by BIC: K = {best.n_components}, {best.covariance_type} covariance")
    if any(s.degenerate for s in scores):
        print("degenerate models sit on rows sharing one value; their scores are not trustworthy")


def run(args: argparse.Namespace) -> int:
    components = parse_components(args.components)
    covariances = parse_covariances(args.covariance)
    warm_up = start_engine_warm_up()  # behind the reading of the file
    table = read_data_file(args)
    features = select_features(
        table, parse_columns(args.columns), args.label, args.weights, args.missing
    )
    refusal = blrt_refusal(args.missing, features.weights)
    if args.blrt and refusal is not None:  # before the sweep, not after it
        raise refusal
    end_start_up(warm_up)
    n = features.n_samples
    skipped = too_many_components(components, n)
    if len(skipped) == len(components):
        raise UserError(
            f"every number of components asked for is larger than the number of rows ({n})"
        )
    scores = sweep_models(
        features.X,
        components,
        covariances,
        n_init=args.restarts,
        seed=args.seed,
        max_iter=args.max_iter,
        tol=tolerance(args),
        reg_covar=args.reg_covar,
        stopping=args.stopping,
        sample_weight=features.weights,
        missing=args.missing,
    )
    best = best_model(scores)
    tests = (
        component_tests(features.X, scores, args.blrt, args.seed, features.weights)
        if args.blrt
        else {}
    )
    path = write_models_csv(args.out, scores, args.file, tests) if args.out else None
    if args.json:
        summary: dict[str, object] = {
            "columns": features.columns,
            "n_samples": n,
            "sum_of_weights": None if features.weights is None else float(features.weights.sum()),
            "missing": args.missing,
            "cells_filled": features.cells_missing if args.missing == "model" else 0,
            "skipped_components": skipped,
            "models": [model_dict(s, tests.get(i)) for i, s in enumerate(scores)],
            "best": None
            if best is None
            else {"components": best.n_components, "covariance": best.covariance_type},
        }
        if path is not None:
            summary["files"] = [str(path)]
        json.dump(summary, sys.stdout)
        print()
        return 0
    if skipped:
        print(f"skipped K = {', '.join(map(str, skipped))}: more components than rows ({n})")
    _print_table(scores, best, n)
    if features.weights is not None:
        print(
            f"rows weighted by column '{features.weight_column}': n = the sum of the weights = "
            f"{float(features.weights.sum()):,.6g} in BIC, AIC and the other scores"
        )
    if args.missing == "model" and features.cells_missing:
        print(f"empty cells filled in the model: {features.cells_missing:,}")
    for test in dict.fromkeys(tests[position] for position in sorted(tests)):
        print(test.sentence())
    if args.blrt and not tests:
        print("no likelihood-ratio tests: they need K - 1 and K of the same covariance type")
    if path is not None:
        print(f"wrote {path}")
    return 0
