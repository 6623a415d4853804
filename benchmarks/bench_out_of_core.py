"""Seconds per EM pass on an N x 3 Parquet file: in memory, streamed under a budget, on Dask.

Run::

    .venv/bin/python benchmarks/bench_out_of_core.py               # 50,000,000 rows (~1.2 GB)
    .venv/bin/python benchmarks/bench_out_of_core.py --smoke       # 200,000 rows, seconds
    .venv/bin/python benchmarks/bench_out_of_core.py --rows 10000000 --budget 100MB

The file (three columns of float64 from a 3-component mixture, row groups of 1M rows) is
written into a temporary folder and removed afterwards; it needs 8 x 3 x N bytes of disk
(1.2 GB at 50M rows). Each engine runs in a child process of its own, so its peak resident
memory is its own. On Linux the peak is reset (``/proc/self/clear_refs``) once everything is
imported and the kernels are loaded; ``above start`` is the peak minus the resident memory at
that moment (the fixed overhead of Python, numpy, numba, pyarrow and dask, which ``baseline``
shows), and for the streamed engine it should stay below the budget. All three passes start from
the same model; every engine's log-likelihood of it is printed, and they must agree (the
streamed and Dask passes add the kernel's per-chunk sums in row order, as the in-memory one).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

GROUP_ROWS = 1_000_000
MEANS = np.array([[0.0, 0.0, 0.0], [4.0, -2.0, 1.0], [-3.0, 3.0, -1.0]])


def write_parquet(path: Path, rows: int, seed: int = 0) -> None:
    """N x 3 rows of a 3-component mixture, row group by row group (little memory)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = np.random.default_rng(seed)
    schema = pa.schema([(name, pa.float64()) for name in ("x", "y", "z")])
    with pq.ParquetWriter(str(path), schema) as writer:
        for lo in range(0, rows, GROUP_ROWS):
            n = min(GROUP_ROWS, rows - lo)
            X = MEANS[rng.integers(3, size=n)] + rng.normal(size=(n, 3))
            writer.write_table(pa.table({c: X[:, j] for j, c in enumerate(("x", "y", "z"))}))


def start_model():
    from gmm_desktop.engine import MixtureParams

    means = MEANS + 0.5
    return MixtureParams(np.full(3, 1 / 3), means, np.stack([np.eye(3) * 2.0] * 3))


def _status_mb(key: str) -> float:
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith(key):
                return int(line.split()[1]) / 1024
    return float("nan")


def reset_peak() -> float:
    """Start the peak resident memory (VmHWM) again from now; the resident MB now."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as handle:
            handle.write("5")
        return _status_mb("VmRSS:")
    except OSError:  # not Linux: the peak since the start, from getrusage
        return 0.0


def peak_mb() -> float:
    """Peak resident MB (since ``reset_peak`` on Linux)."""
    peak = _status_mb("VmHWM:") if Path("/proc/self/status").exists() else float("nan")
    if peak == peak:
        return peak
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(mode: str, path: Path, passes: int, budget: int) -> dict[str, object]:
    """Run ``passes`` passes with one engine (in this process) and measure them."""
    import pyarrow.dataset as ds

    from gmm_desktop.engine import backend, fast
    from gmm_desktop.engine.streaming import stream_pass
    from gmm_desktop.io.out_of_core import plan_streaming

    backend.warm_up()
    import distributed  # noqa: F401  (the same imports for every child: a fair baseline)

    params = start_model()
    out: dict[str, object] = {"mode": mode, "start_mb": reset_peak()}
    if mode == "baseline":
        out["peak_mb"] = peak_mb()
        return out
    if mode == "in-memory":
        t0 = time.perf_counter()
        table = ds.dataset(str(path)).to_table()
        X = np.column_stack([table.column(c).to_numpy() for c in ("x", "y", "z")])
        del table
        out["read_s"] = time.perf_counter() - t0
        run = lambda: fast._fused_pass(X, params, "full", True)[0]  # noqa: E731
    elif mode == "streaming":
        plan = plan_streaming(path, None, 3)
        assert plan is not None
        block_rows = plan.block_rows(budget)
        out["block_rows"] = block_rows
        run = lambda: stream_pass(plan.source, params, "full", block_rows)[0]  # noqa: E731
    else:
        from distributed import Client, LocalCluster

        from gmm_desktop.engine.dask_em import DaskRows
        from gmm_desktop.io.arrow_source import RowBatches

        cluster = LocalCluster(
            n_workers=1, threads_per_worker=2, processes=False, dashboard_address=":0"
        )
        client = Client(cluster)
        t0 = time.perf_counter()
        rows = DaskRows(client, RowBatches(path, ("x", "y", "z"), "parquet").parts(), 1 << 20)
        out["load_s"] = time.perf_counter() - t0
        run = lambda: rows.run_pass(params, "full")[0]  # noqa: E731
    times, ll = [], 0.0
    for _ in range(passes):
        t0 = time.perf_counter()
        ll = run()
        times.append(time.perf_counter() - t0)
    out.update({"seconds_per_pass": min(times), "log_likelihood": ll, "peak_mb": peak_mb()})
    return out


def parse_budget(text: str) -> int:
    from gmm_desktop.cli.fit_big import parse_memory_budget

    return parse_memory_budget(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000_000)
    parser.add_argument("--smoke", action="store_true", help="200,000 rows")
    parser.add_argument("--budget", default="200MB", help="memory budget of the streamed pass")
    parser.add_argument("--passes", type=int, default=3, help="passes timed (the best counts)")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    budget = parse_budget(args.budget)
    if args.child:
        print(json.dumps(child(args.child[0], Path(args.child[1]), args.passes, budget)))
        return
    rows = 200_000 if args.smoke else args.rows
    with tempfile.TemporaryDirectory(prefix="gmm-bench-") as folder:
        path = Path(folder) / f"bench_{rows}x3.parquet"
        t0 = time.perf_counter()
        write_parquet(path, rows)
        size = path.stat().st_size
        print(
            f"{rows:,} x 3 rows, {size / 1e6:,.0f} MB of Parquet, written in "
            f"{time.perf_counter() - t0:.1f} s; budget {budget / 1e6:,.0f} MB; "
            f"best of {args.passes} passes, K = 3 full"
        )
        results = {}
        for mode in ("baseline", "in-memory", "streaming", "dask"):
            command = [sys.executable, __file__, "--child", mode, str(path)]
            command += ["--passes", str(args.passes), "--budget", args.budget]
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                print(f"{mode}: failed\n{done.stderr[-2000:]}")
                continue
            results[mode] = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"{'engine':<10} {'s / pass':>9} {'peak MB':>9} {'above start':>12}  log-likelihood")
        for mode, r in results.items():
            if mode == "baseline":
                print(f"{'baseline':<10} {'':>9} {r['peak_mb']:>9.0f}")
                continue
            extra = float(r["peak_mb"]) - float(r["start_mb"])  # type: ignore[arg-type]
            print(
                f"{mode:<10} {r['seconds_per_pass']:>9.3f} {r['peak_mb']:>9.0f} "
                f"{extra:>12.0f}  {r['log_likelihood']!r}"
            )
        lls = {r["log_likelihood"] for m, r in results.items() if m != "baseline"}
        print(
            "log-likelihoods agree exactly" if len(lls) == 1 else f"log-likelihoods differ: {lls}"
        )


if __name__ == "__main__":
    main()
