"""Seconds per EM iteration: scikit-learn's GaussianMixture, the reference engine, the fast engine.

Run::

    .venv/bin/python benchmarks/bench_engine.py            # 1,000,000 rows (a few minutes)
    .venv/bin/python benchmarks/bench_engine.py --smoke    # 20,000 rows, < 60 s with the JIT

All three start from the same parameters (``init="random-from-data"``, seed 0) with tol = 0.
Per-iteration time is (T(1 + m iterations) - T(1 iteration)) / m for each engine, which takes
out set-up costs (scikit-learn's initialisation and final E-step, our centring) and leaves one
E-step plus one M-step. ``max LL rel diff`` compares the fast engine's log-likelihood
trajectory with the reference's, snapshot by snapshot; ``sk LL rel diff`` checks scikit-learn
really ran the same EM (its last ``lower_bound_`` times n against our snapshot m).

On this machine OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE may be set for old OpenBLAS builds; they
slow numpy and scikit-learn. For a fair comparison unset both for this command only::

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE .venv/bin/python benchmarks/bench_engine.py

The header prints which BLAS kernel actually ran (threadpoolctl). Nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gmm_desktop.engine import FitConfig, MixtureParams, fast, initial_params, iterate_em
from tests.engine.helpers import sklearn_precisions  # the test oracle's own conversion

# (n_features, n_components, covariance_type)
CASES = [
    (3, 4, "full"),
    (3, 4, "diag"),
    (3, 4, "spherical"),
    (3, 4, "tied"),
    (1, 4, "full"),
    (10, 8, "full"),
]


def make_problem(n: int, d: int, k: int, covariance_type: str) -> tuple[np.ndarray, MixtureParams]:
    """k separated clusters in d dimensions, n rows (seeded), and a random-from-data start."""
    rng = np.random.default_rng(1000 * d + k)
    means = rng.normal(scale=4.0, size=(k, d))
    scales = rng.uniform(0.5, 1.5, size=(k, d))
    labels = rng.integers(k, size=n)
    X = means[labels] + rng.normal(size=(n, d)) * scales[labels]
    config = FitConfig(n_components=k, covariance_type=covariance_type, init="random-from-data")
    return X, initial_params(X, config, np.random.default_rng(0))


def run_sklearn(
    X: np.ndarray, start: MixtureParams, covariance_type: str, n_iter: int
) -> tuple[float, float]:
    """(seconds, lower_bound_ * n) of one GaussianMixture fit of exactly n_iter M-steps."""
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.mixture import GaussianMixture

    gm = GaussianMixture(
        start.n_components,
        covariance_type=covariance_type,
        tol=0.0,
        reg_covar=1e-6,
        max_iter=n_iter,
        init_params="random_from_data",  # cheap; the *_init arguments below replace it
        weights_init=start.weights,
        means_init=start.means,
        precisions_init=sklearn_precisions(start, covariance_type),
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        t0 = time.perf_counter()
        gm.fit(X)
        elapsed = time.perf_counter() - t0
    return elapsed, float(gm.lower_bound_) * X.shape[0]


def run_engine(
    engine: Callable[..., object],
    X: np.ndarray,
    start: MixtureParams,
    covariance_type: str,
    n_iter: int,
) -> tuple[float, np.ndarray]:
    """(seconds, log-likelihoods of snapshots 0..n_iter) of one run of n_iter M-steps."""
    t0 = time.perf_counter()
    snaps = list(
        engine(X, start, covariance_type=covariance_type, max_iter=n_iter, tol=0.0)  # type: ignore[call-overload]
    )
    elapsed = time.perf_counter() - t0
    return elapsed, np.array([s.log_likelihood for s in snaps])


def per_iteration(times_short: list[float], times_long: list[float], extra: int) -> float:
    """Seconds per iteration from the fastest short and long runs (extra iterations apart)."""
    return max(min(times_long) - min(times_short), 1e-9) / extra


def header() -> None:
    try:
        from threadpoolctl import threadpool_info

        blas = [
            f"{i.get('internal_api')} {i.get('version')} kernel={i.get('architecture')} "
            f"threads={i.get('num_threads')}"
            for i in threadpool_info()
            if i.get("user_api") == "blas"
        ]
    except ImportError:
        blas = ["threadpoolctl not installed"]
    import sklearn

    env = {v: os.environ.get(v, "(unset)") for v in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
    print(f"numpy {np.__version__}, scikit-learn {sklearn.__version__}, BLAS: {'; '.join(blas)}")
    print(f"environment: {env}; cores {os.cpu_count()}; load average {os.getloadavg()}")
    t0 = time.perf_counter()
    fast.warm_up()
    print(f"fast engine: {fast.threading_info()}; warm_up {time.perf_counter() - t0:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--smoke", action="store_true", help="20,000 rows: a quick CI check")
    parser.add_argument("--rows", type=int, default=None, help="rows per case")
    parser.add_argument(
        "--repeats", type=int, default=None, help="best of this many runs (all engines in --smoke)"
    )
    args = parser.parse_args()
    n = args.rows or (20_000 if args.smoke else 1_000_000)
    repeats = args.repeats or 3
    header()
    columns = (
        f"{'case (n, d, K, type)':<28} {'sklearn s/it':>12} {'ref s/it':>10} {'fast s/it':>10} "
        f"{'sk/fast':>8} {'ref/fast':>9} {'max LL rel diff':>16} {'sk LL rel diff':>15}"
    )
    print(columns)
    print("-" * len(columns))
    worst = 0.0
    for d, k, covariance_type in CASES:
        X, start = make_problem(n, d, k, covariance_type)
        extra = 4 if (d >= 10 and not args.smoke) else 8
        long = 1 + extra
        slow_repeats = repeats if args.smoke else 1  # scikit-learn and reference at 1M: once
        sk_short, sk_long, ref_short, ref_long = [], [], [], []
        for _ in range(slow_repeats):
            sk_short.append(run_sklearn(X, start, covariance_type, 1)[0])
            sk_time, sk_ll = run_sklearn(X, start, covariance_type, long)
            sk_long.append(sk_time)
            ref_short.append(run_engine(iterate_em, X, start, covariance_type, 1)[0])
            ref_time, ref_ll = run_engine(iterate_em, X, start, covariance_type, long)
            ref_long.append(ref_time)
        fast_short, fast_long = [], []
        fast_ll = ref_ll
        for _ in range(repeats):
            fast_short.append(run_engine(fast.fast_iterate_em, X, start, covariance_type, 1)[0])
            elapsed, fast_ll = run_engine(fast.fast_iterate_em, X, start, covariance_type, long)
            fast_long.append(elapsed)
        sk = per_iteration(sk_short, sk_long, extra)
        ref = per_iteration(ref_short, ref_long, extra)
        fst = per_iteration(fast_short, fast_long, extra)
        ll_diff = float(np.max(np.abs(fast_ll - ref_ll) / np.abs(ref_ll)))
        sk_diff = abs(sk_ll - ref_ll[long - 1]) / abs(ref_ll[long - 1])
        worst = max(worst, ll_diff)
        case = f"({n:,}, {d}, {k}, {covariance_type})"
        print(
            f"{case:<28} {sk:>12.4f} {ref:>10.4f} {fst:>10.4f} {sk / fst:>7.1f}x "
            f"{ref / fst:>8.1f}x {ll_diff:>16.2e} {sk_diff:>15.2e}",
            flush=True,
        )
    print(f"worst fast-vs-reference relative log-likelihood difference: {worst:.2e}")


if __name__ == "__main__":
    main()
