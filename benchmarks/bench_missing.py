"""Cost of missing cells in the model: EM per iteration with ``missing="model"`` against
``"drop"`` (rows with an empty cell left out), at 1,000,000 x 3 rows with 10% of cells empty.

    .venv/bin/python benchmarks/bench_missing.py            # the full size (once is enough)
    .venv/bin/python benchmarks/bench_missing.py --smoke    # 20,000 rows, a few seconds

Three groups in 3 columns, each cell empty with probability 0.1 (completely at random), K = 3
full covariances, the same start for every run, a fixed number of EM iterations. Printed: the
rows each way uses, and the seconds per iteration of drop on the compiled backend, drop on
the reference, and model on both (the compiled one runs the fused kernels once per pattern of
observed columns, ``fast._missing_pass``; the reference the pattern-wise numpy code of
``missing.py``). Nothing is asserted.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _seconds_per_iteration(run, X, start, iterations: int) -> tuple[float, float]:
    """(seconds per EM iteration, final log-likelihood) of ``iterations`` plain EM steps."""
    began = time.perf_counter()
    snapshots = list(run.iterate(X, start, covariance_type="full", max_iter=iterations, tol=0.0))
    last = snapshots[-1]
    return (time.perf_counter() - began) / (iterations + 1), last.log_likelihood


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--share", type=float, default=0.1, help="share of cells left empty")
    parser.add_argument("--iterations", type=int, default=10)
    parser.add_argument("--smoke", action="store_true", help="20,000 rows, 3 iterations")
    args = parser.parse_args()
    rows, iterations = (20_000, 3) if args.smoke else (args.rows, args.iterations)

    from gmm_desktop.engine import MixtureParams, backend

    rng = np.random.default_rng(0)
    centres = np.array([[0.0, 0.0, 0.0], [4.0, 1.0, -2.0], [-3.0, 3.0, 2.0]])
    X = centres[rng.integers(3, size=rows)] + rng.normal(size=(rows, 3))
    holes = X.copy()
    holes[rng.random(X.shape) < args.share] = np.nan
    holes = holes[~np.isnan(holes).all(axis=1)]
    complete = np.ascontiguousarray(holes[~np.isnan(holes).any(axis=1)])
    start = MixtureParams(np.full(3, 1 / 3), centres + 0.5, np.stack([np.eye(3) * 1.5] * 3))
    compiled = backend.warm_up()
    print(
        f"{rows:,} x 3 rows, {np.isnan(holes).mean():.1%} of cells empty; drop keeps "
        f"{complete.shape[0]:,} rows, model uses {holes.shape[0]:,} "
        f"({np.isnan(holes).any(axis=1).sum():,} with empty cells); K = 3 full, "
        f"{iterations} iterations, compiled backend: {compiled.compiled}"
    )
    fast_drop, _ = _seconds_per_iteration(compiled, complete, start, iterations)
    ref_drop, _ = _seconds_per_iteration(backend.REFERENCE, complete, start, iterations)
    model, model_ll = _seconds_per_iteration(compiled, holes, start, iterations)
    ref_model, ref_model_ll = _seconds_per_iteration(backend.REFERENCE, holes, start, iterations)
    print(f"drop, compiled:   {fast_drop:8.3f} s per iteration")
    print(f"drop, reference:  {ref_drop:8.3f} s per iteration")
    print(
        f"model, compiled:  {model:8.3f} s per iteration "
        f"({model / fast_drop:.1f}x compiled drop, {ref_model / model:.1f}x faster than "
        "the reference's model)"
    )
    print(
        f"model, reference: {ref_model:8.3f} s per iteration ({ref_model / ref_drop:.1f}x "
        f"reference drop); final log-likelihoods differ by "
        f"{abs(model_ll - ref_model_ll) / abs(ref_model_ll):.1e} (relative)"
    )


if __name__ == "__main__":
    main()
