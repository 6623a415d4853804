"""Time ``read_table`` on a 1,000,000 x 3 numeric CSV and report its peak memory.

Run: ``.venv/bin/python benchmarks/bench_read.py [--rows N]``. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gmm_desktop.io import read_table, select_features


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.csv"
        data = rng.normal(size=(args.rows, 3))
        np.savetxt(path, data, delimiter=",", fmt="%.6f", header="a,b,c", comments="")
        size_mb = path.stat().st_size / 1e6
        calls: list[float] = []
        tracemalloc.start()
        start = time.perf_counter()
        table = read_table(path, progress=calls.append)
        features = select_features(table)
        elapsed = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{args.rows:,} rows x 3 columns ({size_mb:.1f} MB): read + select in {elapsed:.2f} s, "
        f"peak traced memory {peak / 1e6:.0f} MB, max RSS {rss_mb:.0f} MB, "
        f"{len(calls)} progress calls, X {features.X.shape}"
    )


if __name__ == "__main__":
    main()
