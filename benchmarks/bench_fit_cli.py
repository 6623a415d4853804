"""End to end at a million rows: ``gmm-desktop fit`` against pandas + scikit-learn.

Writes a 1,000,000 x 3 CSV (4 clusters) into a temporary folder, then times, each as a fresh
Python process (start-up and imports included, best of ``--repeats``):

* ``python -m gmm_desktop fit big.csv -k 4 --init random-from-data --restarts 1 --tol 0
  --max-iter 30`` (read, 30 EM iterations, responsibilities, summary);
* ``pandas.read_csv`` + ``GaussianMixture(4, init_params="random_from_data", n_init=1,
  tol=0, max_iter=30).fit`` (read, 30 EM iterations and scikit-learn's final E-step).

Run::

    .venv/bin/python benchmarks/bench_fit_cli.py [--rows N] [--repeats R]
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE .venv/bin/python benchmarks/bench_fit_cli.py

Extra environment for the gmm-desktop process can be given with ``--env NAME=VALUE`` (for
example an engine switch). Nothing is asserted.

Our package's modules are byte-compiled first (``compileall``), as ``pip install`` does for
scikit-learn and for an installed GMM Desktop: an editable checkout under
``PYTHONDONTWRITEBYTECODE=1`` would otherwise recompile them in every run.
"""

from __future__ import annotations

import argparse
import compileall
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]

SKLEARN_SCRIPT = """
import sys, warnings
import pandas as pd
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import GaussianMixture
X = pd.read_csv(sys.argv[1]).to_numpy(dtype=float)
gm = GaussianMixture(4, covariance_type="full", init_params="random_from_data", n_init=1,
                     tol=0.0, max_iter=30, reg_covar=1e-6, random_state=0)
with warnings.catch_warnings():
    warnings.simplefilter("ignore", ConvergenceWarning)
    gm.fit(X)
print(f"sklearn: {gm.n_iter_} iterations, log-likelihood {gm.lower_bound_ * len(X):.6f}")
"""


def write_csv(path: Path, rows: int) -> None:
    """rows x 3 values from 4 separated clusters, with a header line."""
    rng = np.random.default_rng(0)
    means = np.array([[0.0, 0.0, 0.0], [6.0, 1.0, -2.0], [-4.0, 5.0, 3.0], [2.0, -6.0, 5.0]])
    labels = rng.integers(4, size=rows)
    X = means[labels] + rng.normal(size=(rows, 3)) * rng.uniform(0.5, 1.5, size=(4, 3))[labels]
    np.savetxt(path, X, delimiter=",", fmt="%.6f", header="x,y,z", comments="")


def timed(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    """(wall seconds, last line of stdout) of one subprocess; raises if it fails."""
    t0 = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=REPO, check=False)
    elapsed = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")
    lines = done.stdout.strip().splitlines()
    return elapsed, lines[-1] if lines else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE")
    args = parser.parse_args()
    python = sys.executable
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    ours_env = dict(env)
    for item in args.env:
        name, _, value = item.partition("=")
        ours_env[name] = value
    compileall.compile_dir(REPO / "gmm_desktop", quiet=1)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.csv"
        t0 = time.perf_counter()
        write_csv(path, args.rows)
        print(
            f"wrote {args.rows:,} x 3 rows ({path.stat().st_size / 1e6:.0f} MB) in "
            f"{time.perf_counter() - t0:.1f} s"
        )
        ours_cmd = [
            python, "-m", "gmm_desktop", "fit", str(path), "-k", "4",
            "--init", "random-from-data", "--restarts", "1", "--tol", "0", "--max-iter", "30",
            "--json",
        ]  # fmt: skip
        sk_cmd = [python, "-c", SKLEARN_SCRIPT, str(path)]
        ours, theirs = [], []
        for _ in range(args.repeats):  # interleaved, so both see the same machine load
            ours.append(timed(ours_cmd, ours_env))
            theirs.append(timed(sk_cmd, env))
    best_ours, best_theirs = min(t for t, _ in ours), min(t for t, _ in theirs)
    summary = ours[-1][1]
    if summary.startswith("{"):
        import json

        data = json.loads(summary)
        summary = f"{data['iterations']} iterations, log-likelihood {data['log_likelihood']:.6f}"
    print(f"gmm-desktop fit           : {best_ours:7.2f} s  ({summary})")
    print(f"pandas + GaussianMixture  : {best_theirs:7.2f} s  ({theirs[-1][1]})")
    print(f"ratio (sklearn / ours)    : {best_theirs / best_ours:7.2f}x   (best of {args.repeats})")


if __name__ == "__main__":
    main()
