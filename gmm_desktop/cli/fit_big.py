"""``fit`` on data larger than memory: ``--memory-budget`` streaming and ``--dask`` clusters.

``run_big`` decides before anything is read: a Parquet, Arrow or CSV file whose in-memory fit
would need more than the memory budget (default half of the free memory) is fitted by
streaming record batches (``engine.streaming``); ``--dask`` fits it on a Dask cluster
(``engine.dask_em``). Everything else goes the usual way (``run_big`` returns None).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..engine import FitConfig
from ..engine import backend as engines
from ..engine.em import EMSnapshot
from ..engine.metrics import adjusted_rand_index_of_table
from ..engine.params import MixtureParams
from ..engine.streaming import StreamedFit, aligned_blocks, block_responsibilities, stream_fit
from ..errors import UserError
from ..io.arrow_source import columnar_format
from ..io.out_of_core import (
    StreamingPlan,
    default_memory_budget,
    plan_streaming,
    write_streamed_exports,
)
from ..io.read_options import parse_names
from .options import parse_columns
from .startup import end_start_up

# A table in memory takes at most this many times its text's bytes (pandas' parse included)
TEXT_EXPANSION = 24
# The smallest budget: below it the fixed costs (Python, numpy, the kernels) dominate.
MIN_BUDGET = 1_000_000
_UNITS = {
    "": 1,
    "b": 1,
    "k": 1000,
    "kb": 1000,
    "m": 1000**2,
    "mb": 1000**2,
    "g": 1000**3,
    "gb": 1000**3,
    "t": 1000**4,
    "tb": 1000**4,
    "kib": 1024,
    "mib": 1024**2,
    "gib": 1024**3,
    "tib": 1024**4,
}
_SIZE = re.compile(r"^\s*(\d+(?:\.\d*)?|\.\d+)\s*([a-zA-Z]*)\s*$")


def add_big_options(p: argparse.ArgumentParser) -> None:
    """--memory-budget and --dask."""
    p.add_argument(
        "--memory-budget",
        metavar="SIZE",
        help="memory the fit may use, e.g. 200MB or 4GB (default: half of the free memory); "
        "a Parquet, Arrow or CSV file needing more is streamed in batches",
    )
    p.add_argument(
        "--dask",
        nargs="?",
        const="local",
        metavar="ADDRESS",
        help="fit on a Dask cluster: alone, a local cluster; with a scheduler address "
        "(tcp://host:8786), that cluster",
    )


def parse_memory_budget(text: str) -> int:
    """'200MB' -> 200_000_000 bytes (KB/MB/GB/TB are powers of 1000, KiB/MiB/GiB of 1024)."""
    match = _SIZE.match(text)
    unit = match.group(2).lower() if match else ""
    if match is None or unit not in _UNITS:
        raise UserError(
            f"--memory-budget '{text}' is not a size; write a number and a unit, like 200MB or 4GB"
        )
    size = float(match.group(1)) * _UNITS[unit]
    if size < MIN_BUDGET:
        raise UserError(f"--memory-budget '{text}' is too small; give at least 1MB")
    return int(size)


def run_big(args: argparse.Namespace, config: FitConfig, warm_up: Any) -> int | None:
    """Fit by streaming or on Dask when asked or needed; None to fit in memory as usual."""
    budget = (
        parse_memory_budget(args.memory_budget)
        if args.memory_budget is not None
        else default_memory_budget()
    )
    dask = getattr(args, "dask", None)
    if dask is None and _clearly_fits(args.file, budget):
        return None  # the common case decided without importing pyarrow
    plan = plan_streaming(
        args.file,
        parse_columns(args.columns),
        config.n_components,
        args.header,
        label=args.label,
        names=parse_names(getattr(args, "names", None)),
    )
    if plan is None:
        if dask is not None:
            raise UserError("--dask needs a Parquet or Arrow file")
        return None
    if dask is None and not plan.needs_streaming(budget):
        return None
    if getattr(args, "weights", None) is not None or getattr(args, "missing", "drop") == "model":
        raise UserError(
            "--weights and --missing model are not available when the data are streamed or on Dask"
        )
    end_start_up(warm_up)
    engine = engines.ready()
    block_rows = plan.block_rows(budget)
    sample_rows = plan.sample_rows(budget, config.n_components)
    where: dict[str, object]
    if dask is not None:
        result, where = _dask(plan, config, dask, sample_rows, block_rows, engine)
    else:
        result = stream_fit(
            plan.source, config, sample_rows=sample_rows, block_rows=block_rows, backend=engine
        )
        where = {"engine": "streaming", "block_rows": block_rows}
    where.update(
        {"memory_budget": budget, "sample_rows": result.sample_rows, "backend": engine.name}
    )
    _report(args, plan, result, where, block_rows)
    return 0


def _clearly_fits(path: str, budget: int) -> bool:
    """True for a text or Excel file so small that reading it cannot approach ``budget``
    (or not a regular file: ``read_table`` handles pipes and says what is wrong)."""
    file = Path(path)
    if columnar_format(file) is not None:
        return False  # compressed columns may take far more memory than their file
    try:
        return not file.is_file() or file.stat().st_size * TEXT_EXPANSION < budget
    except OSError:
        return True


def _dask(
    plan: StreamingPlan,
    config: FitConfig,
    address: str,
    sample_rows: int,
    block_rows: int,
    engine: Any,
) -> tuple[StreamedFit, dict[str, object]]:
    from ..engine.dask_em import connect, dask_fit

    if plan.source.format == "csv":
        raise UserError("--dask needs a Parquet or Arrow file; convert the CSV file first")
    parts = plan.source.parts()
    with connect(address) as (client, scheduler):
        result, rows = dask_fit(
            parts, config, client, sample_rows=sample_rows, block_rows=block_rows, backend=engine
        )
        workers = len(client.scheduler_info().get("workers", {}))
    where: dict[str, object] = {
        "engine": "dask",
        "scheduler": scheduler,
        "workers": workers,
        "parts": len(parts),
        "blocks": len(rows.blocks),
    }
    return result, where


def assignment_blocks(
    plan: StreamingPlan, params: MixtureParams, covariance_type: str, block_rows: int
) -> Iterator[tuple[np.ndarray, ...]]:
    """(rows (n_b,) 0-based in the file, X (n_b, d), responsibilities (n_b, K)) per block of
    the plan's usable rows, in file order, and the block's labels (n_b,) after them if the
    plan reads a label column (rows with an empty label are then left out, as in the fit)."""
    if plan.source.label is None:
        blocks = aligned_blocks(plan.source.batches_with_rows(), block_rows)
        yield from block_responsibilities(blocks, params, covariance_type)
        return
    engine = engines.ready()
    for rows, X, labels in aligned_blocks(plan.source.batches_with_labels(), block_rows):
        yield rows, X, engine.responsibilities(X, params, covariance_type), labels


def write_every_row(
    folder: str | Path,
    plan: StreamingPlan,
    params: MixtureParams,
    covariance_type: str,
    history: Sequence[EMSnapshot],
    block_rows: int,
    *,
    input_file: str | Path | None = None,
    on_block: Callable[[np.ndarray], None] | None = None,
) -> list[Path]:
    """parameters.csv, history.csv and assignments.csv of a fit of every row of the plan's
    file, the assignments written block by block (``io.out_of_core.write_streamed_exports``:
    all three files or none). ``on_block(rows)`` sees each block's 0-based file rows (n_b,)
    before it is written; whatever it raises ends the export and leaves ``folder`` as it was.
    Used by ``fit --memory-budget --out`` and by the window's export of a streamed fit."""

    def blocks() -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        for rows, X, resp, *_ in assignment_blocks(plan, params, covariance_type, block_rows):
            if on_block is not None:
                on_block(rows)
            yield rows, X, resp

    return write_streamed_exports(
        folder, params, history, list(plan.columns), blocks, input_file=input_file
    )


class LabelAgreement:
    """The (label, component) counts of a streamed fit, added block by block."""

    def __init__(self, n_components: int) -> None:
        self._codes: dict[str, int] = {}
        self._table = np.zeros((0, n_components), dtype=np.int64)

    def add(self, labels: np.ndarray, components: np.ndarray) -> None:
        """labels (n_b,) of str, components (n_b,) 0-based."""
        local, uniques = pd.factorize(labels)
        codes = np.array([self._codes.setdefault(str(u), len(self._codes)) for u in uniques])
        if len(self._codes) > self._table.shape[0]:
            grown = np.zeros((len(self._codes), self._table.shape[1]), dtype=np.int64)
            grown[: self._table.shape[0]] = self._table
            self._table = grown
        k = self._table.shape[1]
        flat = codes[local].astype(np.int64) * k + components
        self._table += np.bincount(flat, minlength=self._table.size).reshape(self._table.shape)

    def adjusted_rand_index(self) -> float:
        return adjusted_rand_index_of_table(self._table)


def _report(
    args: argparse.Namespace,
    plan: StreamingPlan,
    result: StreamedFit,
    where: dict[str, object],
    block_rows: int,
) -> None:
    columns = list(plan.columns)
    counts = np.zeros(result.params.n_components, dtype=np.int64)
    agreement = LabelAgreement(result.params.n_components) if plan.source.label else None
    last_row = -1
    blocks = assignment_blocks(plan, result.params, result.config.covariance_type, block_rows)
    for rows, _, resp, *labels in blocks:
        components = np.argmax(resp, axis=1)
        counts += np.bincount(components, minlength=counts.size)
        if agreement is not None:
            agreement.add(labels[0], components)
        last_row = int(rows[-1])
    summary = _summary(result, columns, where, counts)
    if agreement is not None:
        summary["label"] = plan.source.label
        summary["adjusted_rand_index"] = agreement.adjusted_rand_index()
    summary["rows_dropped"] = None  # rows after the last usable one are not counted
    if last_row >= 0:
        summary["rows_dropped"] = last_row + 1 - result.n_samples
    if args.out:
        paths = write_every_row(
            args.out,
            plan,
            result.params,
            result.config.covariance_type,
            result.history,
            block_rows,
            input_file=args.file,
        )
        summary["files"] = [str(p) for p in paths]
    if args.json:
        json.dump(summary, sys.stdout)
        print()
        return
    _print_text(result, columns, summary, counts)


def _summary(
    result: StreamedFit, columns: list[str], where: dict[str, object], counts: np.ndarray
) -> dict[str, Any]:
    p = result.params
    return {
        "n_samples": result.n_samples,
        "n_features": p.n_features,
        "columns": columns,
        "components": p.n_components,
        "covariance": result.config.covariance_type,
        "init": result.config.init,
        "seed": result.config.seed,
        "restarts": result.config.n_init,
        "stopping": result.config.stopping,
        "tol": result.config.tol,
        "iterations": result.n_iter,
        "converged": result.converged,
        "log_likelihood": result.log_likelihood,
        "n_parameters": result.n_parameters,
        "bic": result.bic,
        "aic": result.aic,
        "points": counts.tolist(),
        "weights": p.weights.tolist(),
        "means": p.means.tolist(),
        "covariances": p.covariances.tolist(),
        "warnings": [],
        "out_of_core": where,
    }


def _print_text(
    result: StreamedFit, columns: list[str], summary: dict[str, Any], counts: np.ndarray
) -> None:
    p = result.params
    where = summary["out_of_core"]
    how = (
        f"on Dask ({where['scheduler']})"
        if where.get("engine") == "dask"
        else f"streamed in blocks of {where['block_rows']:,} rows"
    )
    print(
        f"{p.n_components} components ({result.config.covariance_type} covariance) fitted to "
        f"{result.n_samples:,} rows x {len(columns)} column(s): {', '.join(columns)}"
    )
    print(f"{how}; starts chosen on a random sample of {result.sample_rows:,} rows")
    status = (
        f"converged after {result.n_iter} iterations on all rows"
        if result.converged
        else f"stopped after {result.n_iter} iterations on all rows (not converged)"
    )
    print(
        f"{status}; log-likelihood {result.log_likelihood:.6g}; "
        f"BIC {result.bic:.6g}; AIC {result.aic:.6g}"
    )
    if summary.get("rows_dropped"):
        print(f"rows left out: {summary['rows_dropped']}")
    if "adjusted_rand_index" in summary:
        print(f"adjusted Rand index against the label: {summary['adjusted_rand_index']:.4f}")
    head = ["component", "weight", "points"]
    head += [f"mean({c})" for c in columns] + [f"sd({c})" for c in columns]
    rows = [
        [str(j + 1), f"{p.weights[j]:.4f}", str(counts[j])]
        + [f"{v:.6g}" for v in p.means[j]]
        + [f"{v:.6g}" for v in p.standard_deviations[j]]
        for j in range(p.n_components)
    ]
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(head)]
    for line in [head, *rows]:
        print("  ".join(cell.rjust(w) for cell, w in zip(line, widths, strict=True)))
    if "files" in summary:
        print(f"wrote {', '.join(summary['files'])}")
