"""Our default search against R's mclust 6 (``Mclust``) on ten classic R data sets.

Run::

    .venv/bin/python benchmarks/bench_mclust.py            # ten data sets, K = 1..9
    .venv/bin/python benchmarks/bench_mclust.py --smoke    # faithful and iris, K = 1..4

R (``Rscript`` with mclust) writes each data set to CSV in a temporary folder and fits
``Mclust(x, G = 1:9, modelNames = c("VVV", "VVI", "VII", "EEE"))`` (one column: "V", "E"),
keeping every (K, model)'s parameters (``mclust_oracle.R``). "mclust LL" is the
log-likelihood of those final parameters, worked out here: the loglik mclust prints comes
from its last E-step, before the final M-step, and is up to 0.01 lower. Ours fits the
same grid as ``gmm-desktop select`` does (``sweep_models``, 10 restarts, seed 0) and, per
model, as ``gmm-desktop fit`` does with its default single start. Printed per (K, type):
mclust's log-likelihood, ours (select, fit), select's difference, and whether either fit is
degenerate by our collapse check (where every start of ours collapsed but mclust's fit is
sound, EM is continued from mclust's answer to see whether it collapses too); per data set
the chosen models (BIC, mclust's sign turned) and both wall times. Nothing is asserted.
mclust's BIC is 2 LL - p ln n (higher is better); ours is -2 LL + p ln n. VVV, VVI, VII
and EEE are full, diag, spherical and tied.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gmm_desktop.engine import (
    FitConfig,
    MixtureParams,
    backend,
    best_model,
    fit,
    log_likelihood,
    responsibilities,
    sweep_models,
)
from gmm_desktop.engine.diagnostics import degenerate_components

R_SCRIPT = Path(__file__).resolve().parent / "mclust_oracle.R"
TYPES = ("full", "diag", "spherical", "tied")
SETS = (
    "faithful",
    "iris",
    "trees",
    "swiss",
    "USArrests",
    "diabetes",
    "thyroid",
    "banknote",
    "acidity",
    "wdbc",
)
SMOKE_SETS = ("faithful", "iris")
REL = 1e-6
REG_COVAR = 1e-6


@dataclass(frozen=True)
class MclustFit:
    """One (K, type) of mclust: its log-likelihood (NaN when mclust gave no fit) and model."""

    k: int
    covariance_type: str
    model: str
    log_likelihood: float
    params: MixtureParams | None


@dataclass(frozen=True)
class MclustRun:
    """mclust on one data set: the data (n, d), every fit, its choice and its time."""

    name: str
    X: np.ndarray
    fits: dict[tuple[int, str], MclustFit]
    chosen: str
    chosen_k: int
    chosen_bic: float
    seconds: float


def mclust_available() -> str | None:
    """None when Rscript with mclust runs here, else the reason it does not."""
    if shutil.which("Rscript") is None:
        return "Rscript is not installed"
    probe = subprocess.run(
        ["Rscript", "-e", "suppressPackageStartupMessages(library(mclust))"],
        capture_output=True,
        text=True,
        check=False,
    )
    return None if probe.returncode == 0 else "R's mclust package is not installed"


def _numbers(cell: object) -> np.ndarray:
    return np.array(str(cell).split(), dtype=float)


def _params(row: pd.Series, d: int) -> MixtureParams:
    """mclust's parameters: pro (K), mean d x K and sigma d x d x K (column-major)."""
    weights = _numbers(row["pro"])
    k = len(weights)
    means = _numbers(row["mean"]).reshape(k, d)
    covariances = _numbers(row["sigma"]).reshape(k, d, d)
    return MixtureParams(weights, means, covariances)


def run_mclust(sets: tuple[str, ...], max_k: int, folder: Path) -> list[MclustRun]:
    """Fit every set with mclust (in one R process) and read back what it found."""
    subprocess.run(
        ["Rscript", str(R_SCRIPT), str(folder), str(max_k), *sets],
        check=True,
        capture_output=True,
        text=True,
    )
    runs = []
    for name in sets:
        X = pd.read_csv(folder / f"{name}.csv").to_numpy(float)
        table = pd.read_csv(folder / f"{name}.fits.csv", keep_default_na=False)
        fits = {}
        for _, row in table.iterrows():
            found = row["loglik"] != "NA"
            key = (int(row["k"]), str(row["type"]))
            params = _params(row, X.shape[1]) if found else None
            fits[key] = MclustFit(
                *key,
                str(row["model"]),
                float("nan") if params is None else log_likelihood(X, params, "full"),
                params,
            )
        chosen = pd.read_csv(folder / f"{name}.chosen.csv").iloc[0]
        runs.append(
            MclustRun(
                name,
                X,
                fits,
                str(chosen["model"]),
                int(chosen["k"]),
                float(chosen["bic"]),
                float(chosen["seconds"]),
            )
        )
    return runs


def mclust_degenerate(X: np.ndarray, fit_: MclustFit) -> bool:
    """mclust's fit collapsed by our check (``degenerate_components``)."""
    assert fit_.params is not None
    resp = responsibilities(X, fit_.params, "full")
    return bool(degenerate_components(X, fit_.params, resp, REG_COVAR, fit_.covariance_type))


def collapses_from(X: np.ndarray, fit_: MclustFit) -> bool:
    """EM continued from mclust's answer (our engine, tight tolerance) ends collapsed: mclust
    stopped (its tolerance is 1e-5 relative) on the way to a degenerate fit."""
    assert fit_.params is not None
    config = FitConfig(
        fit_.k,
        fit_.covariance_type,
        init="manual",
        init_params=fit_.params,
        tol=1e-10,
        max_iter=5000,
    )
    result = fit(X, config)
    return bool(
        degenerate_components(
            X, result.params, result.responsibilities, REG_COVAR, fit_.covariance_type
        )
    )


def below(ours: float, theirs: float) -> bool:
    """Ours ends more than ``REL`` relative below theirs."""
    return ours < theirs - REL * max(1.0, abs(theirs))


def compare(run: MclustRun, max_k: int, restarts: int, counts: dict[str, int]) -> float:
    """Print one data set's table; return our sweep's time in seconds."""
    X = run.X
    ks = [k for k in range(1, max_k + 1) if k <= X.shape[0]]
    t0 = time.perf_counter()
    scores = sweep_models(X, ks, TYPES, n_init=restarts, seed=0)
    ours_seconds = time.perf_counter() - t0
    t0 = time.perf_counter()
    single = {(k, ct): fit(X, FitConfig(k, ct, seed=0)) for k in ks for ct in TYPES}
    fit_seconds = time.perf_counter() - t0
    print(f"\n{run.name}: {X.shape[0]} rows x {X.shape[1]} columns")
    print(
        f"{'K':>2} {'type':<9} {'model':<5} {'mclust LL':>12} {'select LL':>12} {'fit LL':>12} "
        f"{'select-mclust':>13}  flags"
    )
    for s in scores:
        key = (s.n_components, s.covariance_type)
        theirs = run.fits[key]
        one = single[key]
        one_degenerate = bool(
            degenerate_components(X, one.params, one.responsibilities, REG_COVAR, key[1])
        )
        flags = []
        if s.degenerate:
            flags.append("ours degenerate")
        if one_degenerate:
            flags.append("fit degenerate")
        if np.isnan(theirs.log_likelihood):
            flags.append("mclust: no fit")
            diff = float("nan")
        else:
            counts["pairs"] += 1
            diff = s.log_likelihood - theirs.log_likelihood
            their_bad = mclust_degenerate(X, theirs)
            if their_bad:
                flags.append("mclust degenerate")
                counts["mclust degenerate"] += 1
            elif s.degenerate and collapses_from(X, theirs):
                flags.append("mclust unconverged: EM from it collapses")
                counts["mclust unconverged"] += 1
            elif s.degenerate:
                flags.append("NO SOUND FIT (mclust has one)")
                counts["no sound fit"] += 1
            elif below(s.log_likelihood, theirs.log_likelihood):
                flags.append("SELECT BELOW")
                counts["select below"] += 1
                counts["worst"] = min(counts["worst"], diff)  # type: ignore[assignment]
            if not their_bad and below(one.log_likelihood, theirs.log_likelihood):
                flags.append("fit below")
                counts["fit below"] += 1
        print(
            f"{key[0]:>2} {key[1]:<9} {theirs.model:<5} {theirs.log_likelihood:12.4f} "
            f"{s.log_likelihood:12.4f} {one.log_likelihood:12.4f} {diff:13.6f}  " + ", ".join(flags)
        )
    best = best_model(scores)
    ours = "none" if best is None else f"K={best.n_components} {best.covariance_type}"
    ours_bic = float("nan") if best is None else -best.bic
    print(
        f"chosen: mclust {run.chosen} K={run.chosen_k} (BIC {run.chosen_bic:.3f}), "
        f"ours {ours} (BIC {ours_bic:.3f} in mclust's sign)"
        + ("  OURS WORSE" if best is None or ours_bic < run.chosen_bic - 1e-6 else "")
    )
    print(
        f"time: select {ours_seconds:.2f} s, fit x {len(single)} {fit_seconds:.2f} s, "
        f"mclust {run.seconds:.2f} s"
    )
    return ours_seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="faithful and iris, K = 1..4")
    parser.add_argument("--restarts", type=int, default=10)
    parser.add_argument("--sets", help="comma-separated data sets (default: all ten)")
    args = parser.parse_args()
    reason = mclust_available()
    if reason is not None:
        sys.exit(f"cannot compare with mclust: {reason}")
    sets = SMOKE_SETS if args.smoke else tuple(args.sets.split(",")) if args.sets else SETS
    max_k = 4 if args.smoke else 9
    engine = backend.warm_up()
    print(f"backend: {engine.name}; select restarts per model: {args.restarts}; K = 1..{max_k}")
    with tempfile.TemporaryDirectory() as folder:
        runs = run_mclust(sets, max_k, Path(folder))
    counts: dict[str, int] = {
        "pairs": 0,
        "select below": 0,
        "fit below": 0,
        "mclust degenerate": 0,
        "mclust unconverged": 0,
        "no sound fit": 0,
        "worst": 0,
    }
    ours_total = sum(compare(run, max_k, args.restarts, counts) for run in runs)
    print(
        f"\n{counts['pairs']} (K, type) pairs with an mclust fit; mclust's is degenerate on "
        f"{counts['mclust degenerate']} and on the way to a collapse on "
        f"{counts['mclust unconverged']}; select ends more than {REL:g} relative below mclust's "
        f"sound fit on {counts['select below']} (worst {counts['worst']:.4f}) and finds no sound "
        f"fit where mclust has one on {counts['no sound fit']}; a single-start fit ends below "
        f"mclust's sound fit on {counts['fit below']}"
    )
    print(
        f"total time: ours (select) {ours_total:.2f} s, mclust "
        f"{sum(run.seconds for run in runs):.2f} s"
    )


if __name__ == "__main__":
    main()
