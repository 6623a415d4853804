"""``gmm-desktop fit FILE``: fit a mixture to a data file, print or write what it found."""

from __future__ import annotations

import argparse
import json
import sys

import numpy as np

from ..engine import Backend, FitConfig, FitResult, adjusted_rand_index, fit
from ..engine import backend as engines
from ..engine.bootstrap import (
    BOOTSTRAP_KINDS,
    PARAMETERS,
    BootstrapResult,
    bootstrap_fit,
    bootstrap_refusal,
)
from ..engine.indices import EXPORTED_INDICES
from ..io import select_features
from ..io.export import precision_matrices, write_fit_exports
from .fit_big import add_big_options, run_big
from .options import (
    add_data_options,
    add_fit_options,
    add_row_options,
    parse_columns,
    read_data_file,
    read_init_file,
    replicate_count,
    tolerance,
)
from .startup import end_start_up, start_engine_warm_up


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "fit",
        help="fit a Gaussian mixture to a data file",
        description="Fit a Gaussian mixture by EM and print the parameters "
        "(or write parameters.csv, assignments.csv and history.csv with --out).",
    )
    add_data_options(p)
    add_fit_options(p)
    p.add_argument(
        "--bootstrap",
        type=replicate_count,
        default=None,
        metavar="B",
        help="standard errors and 95%% intervals of every weight, mean, sd and correlation from "
        "B bootstrap replicates (200 is usual), in the output and as se_, ci_low_ and ci_high_ "
        "columns of parameters.csv",
    )
    p.add_argument(
        "--bootstrap-kind",
        choices=BOOTSTRAP_KINDS,
        default="nonparametric",
        help="nonparametric (default: resample the rows) or parametric (draw new rows from "
        "the fitted mixture)",
    )
    add_row_options(p)
    p.add_argument("--out", metavar="DIR", help="write the three CSV files into DIR")
    p.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    add_big_options(p)
    p.set_defaults(run=run)


def config_from_args(args: argparse.Namespace) -> FitConfig:
    init_params = read_init_file(args.init_file) if args.init_file else None
    init = "manual" if init_params is not None else args.init
    return FitConfig(
        n_components=args.components,
        covariance_type=args.covariance,
        init=init,
        n_init=args.restarts,
        max_iter=args.max_iter,
        tol=tolerance(args),
        reg_covar=args.reg_covar,
        seed=args.seed,
        init_params=init_params,
        stopping=args.stopping,
        missing=getattr(args, "missing", "drop"),  # script has no --missing
    )


def summary_dict(result: FitResult, columns: list[str], rows_dropped: int) -> dict[str, object]:
    """The JSON summary of a fit (covariances and their inverses, the precision matrices,
    always as full K x d x d matrices)."""
    p = result.params
    return {
        "n_samples": result.n_samples,
        "n_features": result.n_features,
        "columns": columns,
        "rows_dropped": rows_dropped,
        "components": p.n_components,
        "covariance": result.config.covariance_type,
        "init": result.config.init,
        "seed": result.config.seed,
        "restarts": result.config.n_init,
        "starts": result.n_starts,
        "starts_finished": len(result.restart_log_likelihoods),
        "starts_reaching_best": result.starts_reaching_best,
        "best_restart": result.best_restart + 1,
        "stopping": result.config.stopping,
        "tol": result.config.tol,
        "iterations": result.n_iter,
        "converged": result.converged,
        **index_keys(result),
        "weights": p.weights.tolist(),
        "means": p.means.tolist(),
        "covariances": p.covariances.tolist(),
        "precisions": precision_matrices(p).tolist(),
        "warnings": list(result.warnings),
    }


def bootstrap_dict(boot: BootstrapResult) -> dict[str, object]:
    """The bootstrap keys of the JSON summary: ``bootstrap`` {kind, replicates, seed} and
    se_X, ci_low_X, ci_high_X for X in weights, means, sds, correlations (shaped like X)."""
    summary = boot.as_dict()
    out: dict[str, object] = {
        "bootstrap": {key: summary[key] for key in ("kind", "replicates", "seed")}
    }
    for name in PARAMETERS:
        values = summary[name]
        assert isinstance(values, dict)
        for key in ("se", "ci_low", "ci_high"):
            out[f"{key}_{name}"] = values[key]
    return out


def bootstrap_lines(boot: BootstrapResult, columns: list[str]) -> list[str]:
    """The bootstrap block of the text output: each component's SEs and 95% intervals."""
    se = {name: boot.standard_error(name) for name in ("weights", "means", "sds")}
    ci = {name: boot.interval(name) for name in ("weights", "means", "sds")}

    def cell(label: str, name: str, j: int, i: int | None = None) -> str:
        pick = (lambda a: a[j]) if i is None else (lambda a: a[j, i])
        low, high = (pick(bound) for bound in ci[name])
        return f"{label} se {pick(se[name]):.4g} [{low:.4g}, {high:.4g}]"

    lines = [
        f"bootstrap ({boot.kind}, {boot.n_done} replicates): standard error "
        "[95% percentile interval]"
    ]
    for j in range(se["weights"].shape[0]):
        cells = [cell("weight", "weights", j)]
        cells += [cell(f"mean({c})", "means", j, i) for i, c in enumerate(columns)]
        cells += [cell(f"sd({c})", "sds", j, i) for i, c in enumerate(columns)]
        lines.append(f"  component {j + 1}: " + "; ".join(cells))
    return lines


def engine_dict(engine: Backend) -> dict[str, object]:
    """Which EM engine ran: ``backend`` "compiled" or "reference", and for the reference the
    reason the compiled one is not used (``backend_reason``, when there is one)."""
    summary: dict[str, object] = {"backend": engine.name}
    reason = None if engine.compiled else engines.unavailable_reason()
    if reason:
        summary["backend_reason"] = reason
    return summary


INDEX_KEYS = (*EXPORTED_INDICES, "sum_of_weights")
"""The fit indices in ``--json`` (``engine.indices.EXPORTED_INDICES``, as ``select`` exports
them); ``sum_of_weights`` is the n of every criterion in a weighted fit (``--weights``), null
without weights."""


def index_keys(result: FitResult) -> dict[str, object]:
    """The fit indices of the JSON summary (``engine.indices``): lower is better for every
    criterion; ``icl`` is mclust's hard-classification ICL with our sign (minus mclust's)."""
    indices = result.indices.as_dict()
    summary = {key: indices.get(key) for key in INDEX_KEYS}
    summary["parameter_breakdown"] = indices["parameters"]
    return summary


def indices_lines(result: FitResult) -> list[str]:
    """The short indices block of the text output."""
    ix = result.indices
    lines = [
        f"free parameters {ix.n_parameters} (weights {ix.parameters_weights}, "
        f"means {ix.parameters_means}, covariances {ix.parameters_covariances})",
        f"SABIC {ix.sabic:.6g}; CAIC {ix.caic:.6g}; AWE {ix.awe:.6g}",
        f"ICL {ix.icl:.6g} (mclust's convention); ICL with entropy {ix.icl_entropy:.6g} "
        "(lower is better; mclust prints BIC and ICL with the opposite sign)",
        f"relative entropy {ix.relative_entropy:.4f}; average posterior per component "
        + ", ".join(f"{v:.3f}" if np.isfinite(v) else "-" for v in ix.average_posterior),
        f"smallest component: {ix.smallest_class + 1} with {ix.smallest_class_count} rows "
        f"({ix.smallest_class_percent:.1f}%)",
    ]
    if ix.small_class_warning is not None:
        lines.append(f"warning: {ix.small_class_warning}")
    return lines


def _print_table(result: FitResult, columns: list[str], summary: dict[str, object]) -> None:
    p = result.params
    status = (
        f"converged after {result.n_iter} iterations"
        if result.converged
        else f"stopped after {result.n_iter} iterations (not converged)"
    )
    print(
        f"{p.n_components} components ({result.config.covariance_type} covariance) fitted to "
        f"{result.n_samples:,} rows x {len(columns)} column(s): {', '.join(columns)}"
    )
    print(
        f"{status}; log-likelihood {result.log_likelihood:.6g}; "
        f"BIC {result.bic:.6g}; AIC {result.aic:.6g}"
    )
    if result.n_starts > 1:
        print(f"best reached by {result.starts_reaching_best} of {result.n_starts} starts")
    for text in indices_lines(result):
        print(text)
    if result.sample_weight is not None:
        print(
            f"rows weighted by column '{summary.get('weight_column')}': n = the sum of the "
            f"weights = {result.sum_of_weights:,.6g} in BIC, AIC and the other indices"
        )
    if result.cells_filled:
        print(f"empty cells filled in the model: {result.cells_filled:,}")
    if summary.get("rows_dropped"):
        print(f"rows left out: {summary['rows_dropped']}")
    if "adjusted_rand_index" in summary:
        print(f"adjusted Rand index against the label: {summary['adjusted_rand_index']:.4f}")
    head = ["component", "weight", "points"]
    head += [f"mean({c})" for c in columns] + [f"sd({c})" for c in columns]
    counts = np.bincount(result.labels, minlength=p.n_components)
    rows = [
        [str(j + 1), f"{p.weights[j]:.4f}", str(counts[j])]
        + [f"{v:.6g}" for v in p.means[j]]
        + [f"{v:.6g}" for v in p.standard_deviations[j]]
        for j in range(p.n_components)
    ]
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(head)]
    for line in [head, *rows]:
        print("  ".join(cell.rjust(w) for cell, w in zip(line, widths, strict=True)))
    for warning in result.warnings:
        print(f"warning: {warning}")


def run(args: argparse.Namespace) -> int:
    config = config_from_args(args)
    warm_up = start_engine_warm_up()  # behind the reading of the file
    streamed = run_big(args, config, warm_up)  # too large for the memory budget, or --dask
    if streamed is not None:
        return streamed
    table = read_data_file(args)
    features = select_features(
        table, parse_columns(args.columns), args.label, args.weights, args.missing
    )
    refusal = bootstrap_refusal(args.bootstrap_kind, args.missing, features.weights)
    if args.bootstrap and refusal is not None:  # before the fit, not after it
        raise refusal
    end_start_up(warm_up)
    engine = engines.ready()
    result = fit(features.X, config, backend=engine, sample_weight=features.weights)
    boot = None
    if args.bootstrap:
        boot = bootstrap_fit(
            features.X,
            result,
            n_bootstrap=args.bootstrap,
            kind=args.bootstrap_kind,
            seed=args.seed,
            backend=engine,
        )
    summary = summary_dict(result, features.columns, features.rows_dropped)
    if boot is not None:
        summary.update(bootstrap_dict(boot))
    if features.weight_column is not None:
        summary["weight_column"] = features.weight_column
    summary["missing"] = args.missing
    summary["cells_filled"] = result.cells_filled
    summary.update(engine_dict(engine))
    if features.labels is not None:
        summary["label"] = features.label_column
        summary["adjusted_rand_index"] = adjusted_rand_index(features.labels, result.labels)
    if args.out:
        paths = write_fit_exports(
            args.out,
            result,
            features.columns,
            table.frame,
            features.rows,
            input_file=args.file,
            bootstrap=boot,
            X=features.X,
        )
        summary["files"] = [str(p) for p in paths]
    if args.json:
        json.dump(summary, sys.stdout)
        print()
    else:
        _print_table(result, features.columns, summary)
        if boot is not None:
            print("\n".join(bootstrap_lines(boot, features.columns)))
        if args.out:
            print(f"wrote {', '.join(str(p) for p in summary['files'])}")  # type: ignore[attr-defined]
    return 0
