"""Model selection: our ``select`` sweep against the same sweep in scikit-learn.

Run::

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE .venv/bin/python benchmarks/bench_select.py
    .venv/bin/python benchmarks/bench_select.py --smoke     # Old Faithful only, K = 1..4
    ... bench_select.py --only large                        # the 200,000-row sweep only

Both sides fit K = 1..9 x {full, diag, spherical, tied} with the same number of starts per
model (``--restarts``, default 10; ours screens 3 per restart and carries 10 on), in turn
(ours, then scikit-learn's with its defaults: k-means starts, tol 1e-3), each on the compiled
backend warmed up first. Printed per data set: both wall times, their ratio, and the models
where ours ended below scikit-learn's fit although both are sound (by our collapse check).
Nothing is asserted. Ours runs models side by side on small data and extrapolates EM's steps
(SQUAREM) on more than 16,384 rows, as ``select`` and Choose K do.
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

from gmm_desktop.engine import MixtureParams, backend, sweep_models
from gmm_desktop.engine.diagnostics import degenerate_components

TYPES = ("full", "diag", "spherical", "tied")
DEMO = Path(__file__).resolve().parents[1] / "resources" / "demo"


def sklearn_sweep(X: np.ndarray, components: list[int], restarts: int) -> dict[tuple, object]:
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.mixture import GaussianMixture

    out = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        for k in components:
            for ct in TYPES:
                gm = GaussianMixture(k, covariance_type=ct, n_init=restarts, random_state=0)
                out[(k, ct)] = gm.fit(X)
    return out


def sklearn_sound(X: np.ndarray, gm: object, ct: str) -> bool:
    """scikit-learn's fit passes our collapse check (``degenerate_components``)."""
    k, d = gm.means_.shape  # type: ignore[attr-defined]
    cov = np.asarray(gm.covariances_)  # type: ignore[attr-defined]
    if ct == "diag":
        cov = np.stack([np.diag(c) for c in cov])
    elif ct == "spherical":
        cov = np.stack([np.eye(d) * c for c in cov])
    elif ct == "tied":
        cov = np.repeat(cov[None], k, axis=0)
    params = MixtureParams(gm.weights_, gm.means_, cov)  # type: ignore[attr-defined]
    resp = gm.predict_proba(X)  # type: ignore[attr-defined]
    return not degenerate_components(X, params, resp, 1e-6, ct)


def run(name: str, X: np.ndarray, components: list[int], restarts: int) -> None:
    t0 = time.perf_counter()
    scores = sweep_models(X, components, TYPES, n_init=restarts, seed=0)
    ours = time.perf_counter() - t0
    print(f"{name:>22}  ours done in {ours:.2f} s; scikit-learn's sweep follows", flush=True)
    t0 = time.perf_counter()
    fitted = sklearn_sweep(X, components, restarts)
    sk = time.perf_counter() - t0
    theirs = {key: float(gm.score(X) * len(X)) for key, gm in fitted.items()}  # type: ignore[attr-defined]
    short = []
    for s in scores:
        key = (s.n_components, s.covariance_type)
        if s.degenerate or not sklearn_sound(X, fitted[key], s.covariance_type):
            continue
        if s.log_likelihood < theirs[key] - 1e-6 * abs(theirs[key]):
            short.append((*key, s.log_likelihood, theirs[key]))
    sound = sum(1 for s in scores if not s.degenerate)
    print(
        f"{name:>22}  {len(scores)} models  ours {ours:7.2f} s  scikit-learn {sk:7.2f} s  "
        f"ratio {sk / ours:5.2f}x  ours below scikit-learn's sound fit on {len(short)} of "
        f"{sound} sound models",
        flush=True,
    )
    for k, ct, ll, their in short:
        print(f"{'':>22}  below: K={k} {ct}: ours {ll:.3f}, scikit-learn {their:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--restarts", type=int, default=10)
    parser.add_argument(
        "--only", choices=("faithful", "large"), help="run one of the two data sets"
    )
    args = parser.parse_args()
    engine = backend.warm_up()
    print(f"backend: {engine.name}; restarts per model: {args.restarts}")
    faithful = pd.read_csv(DEMO / "faithful.csv").to_numpy(float)
    if args.smoke:
        run("faithful 272 x 2", faithful, [1, 2, 3, 4], args.restarts)
        return
    if args.only != "large":
        run("faithful 272 x 2", faithful, list(range(1, 10)), args.restarts)
    if args.only == "faithful":
        return
    rng = np.random.default_rng(0)
    means = rng.normal(scale=4.0, size=(4, 3))
    big = means[rng.integers(4, size=200_000)] + rng.normal(size=(200_000, 3))
    run("synthetic 200,000 x 3", big, list(range(1, 10)), args.restarts)


if __name__ == "__main__":
    main()
