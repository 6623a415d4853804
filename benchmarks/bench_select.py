"""Model selection: our ``select`` sweep against the same sweep in scikit-learn.

Run::

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE .venv/bin/python benchmarks/bench_select.py
    .venv/bin/python benchmarks/bench_select.py --smoke     # Old Faithful only, K = 1..4

Both sides fit K = 1..9 x {full, diag, spherical, tied} with the same number of starts per
model (``--restarts``, default 10; ours screens 3 per restart and carries 10 on), in turn
(ours, then scikit-learn's with its defaults: k-means starts, tol 1e-3), each on the compiled
backend warmed up first. Printed per data set: both wall times, their ratio, and how many of
the models ours ended at a log-likelihood at least as high as scikit-learn's (non-degenerate
models). Nothing is asserted.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gmm_desktop.engine import backend, sweep_models

TYPES = ("full", "diag", "spherical", "tied")
DEMO = Path(__file__).resolve().parents[1] / "resources" / "demo"


def sklearn_sweep(X: np.ndarray, components: list[int], restarts: int) -> dict[tuple, float]:
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.mixture import GaussianMixture

    out = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        for k in components:
            for ct in TYPES:
                gm = GaussianMixture(k, covariance_type=ct, n_init=restarts, random_state=0)
                out[(k, ct)] = float(gm.fit(X).score(X) * len(X))
    return out


def run(name: str, X: np.ndarray, components: list[int], restarts: int) -> None:
    t0 = time.perf_counter()
    scores = sweep_models(X, components, TYPES, n_init=restarts, seed=0)
    ours = time.perf_counter() - t0
    print(f"{name:>22}  ours done in {ours:.2f} s; scikit-learn's sweep follows", flush=True)
    t0 = time.perf_counter()
    theirs = sklearn_sweep(X, components, restarts)
    sk = time.perf_counter() - t0
    sound = [s for s in scores if not s.degenerate]
    as_good = sum(
        1 for s in sound if s.log_likelihood >= theirs[(s.n_components, s.covariance_type)] - 1e-6
    )
    print(
        f"{name:>22}  {len(scores)} models  ours {ours:7.2f} s  scikit-learn {sk:7.2f} s  "
        f"ratio {sk / ours:5.2f}x  ours >= sklearn on {as_good} of {len(sound)} sound models",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--restarts", type=int, default=10)
    args = parser.parse_args()
    engine = backend.warm_up()
    print(f"backend: {engine.name}; restarts per model: {args.restarts}")
    faithful = pd.read_csv(DEMO / "faithful.csv").to_numpy(float)
    if args.smoke:
        run("faithful 272 x 2", faithful, [1, 2, 3, 4], args.restarts)
        return
    run("faithful 272 x 2", faithful, list(range(1, 10)), args.restarts)
    rng = np.random.default_rng(0)
    means = rng.normal(scale=4.0, size=(4, 3))
    big = means[rng.integers(4, size=200_000)] + rng.normal(size=(200_000, 3))
    run("synthetic 200,000 x 3", big, list(range(1, 10)), args.restarts)


if __name__ == "__main__":
    main()
