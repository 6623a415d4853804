"""CSV exports of a fit, shared by the CLI and the window: parameters, assignments, history.

Column names are meant for spreadsheet users: ``mean(height)``, ``sd(height)``,
``cov(height, weight)``, ``responsibility_1``. Every file is written atomically, and the
three files of an export as a set: a failure leaves an earlier export whole.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import numpy as np
import pandas as pd

from ..engine.bootstrap import PARAMETERS, BootstrapResult
from ..engine.em import EMSnapshot
from ..engine.missing import expected_values
from ..engine.params import MixtureParams
from ..engine.result import FitResult
from .atomic import FileWriter, atomic_open, refuse_overwriting, write_file_set

EXPORT_FILES = ("parameters.csv", "assignments.csv", "history.csv")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _pairs(d: int) -> list[tuple[int, int]]:
    return [(a, b) for a in range(d) for b in range(a, d)]


def precision_matrices(params: MixtureParams) -> np.ndarray:
    """The inverse of every covariance matrix, (K, d, d), symmetric (as notebooks save them)."""
    inverse = np.linalg.inv(params.covariances)
    return (inverse + np.swapaxes(inverse, 1, 2)) / 2


def parameters_frame(
    params: MixtureParams, columns: Sequence[str], bootstrap: BootstrapResult | None = None
) -> pd.DataFrame:
    """One row per component: component (1-based), weight, mean(c), sd(c), cov(a, b) and the
    precision matrix's prec(a, b) (a <= b); with a bootstrap, then se_X, ci_low_X and ci_high_X
    for X = weight, mean(c), sd(c) and corr(a, b) (a < b): its standard errors and 95%
    percentile intervals."""
    d = params.n_features
    data: dict[str, object] = {
        "component": np.arange(1, params.n_components + 1),
        "weight": params.weights,
    }
    for i, name in enumerate(columns):
        data[f"mean({name})"] = params.means[:, i]
    for i, name in enumerate(columns):
        data[f"sd({name})"] = params.standard_deviations[:, i]
    for a, b in _pairs(d):
        data[f"cov({columns[a]}, {columns[b]})"] = params.covariances[:, a, b]
    precisions = precision_matrices(params)
    for a, b in _pairs(d):
        data[f"prec({columns[a]}, {columns[b]})"] = precisions[:, a, b]
    if bootstrap is not None:
        data.update(bootstrap_columns(bootstrap, columns))
    return pd.DataFrame(data)


def bootstrap_columns(bootstrap: BootstrapResult, columns: Sequence[str]) -> dict[str, np.ndarray]:
    """The se_X, ci_low_X, ci_high_X columns of parameters.csv, each of shape (K,)."""
    d = len(columns)
    names = ["weight"] + [f"mean({c})" for c in columns] + [f"sd({c})" for c in columns]
    names += [f"corr({columns[a]}, {columns[b]})" for a, b in _pairs(d) if a < b]

    def per_column(values: dict[str, np.ndarray]) -> list[np.ndarray]:
        """(K,) arrays in the order of ``names``."""
        corr = values["correlations"]
        return (
            [values["weights"]]
            + [values["means"][:, i] for i in range(d)]
            + [values["sds"][:, i] for i in range(d)]
            + [corr[:, a, b] for a, b in _pairs(d) if a < b]
        )

    se = per_column({name: bootstrap.standard_error(name) for name in PARAMETERS})
    intervals = {name: bootstrap.interval(name) for name in PARAMETERS}
    low = per_column({name: pair[0] for name, pair in intervals.items()})
    high = per_column({name: pair[1] for name, pair in intervals.items()})
    out: dict[str, np.ndarray] = {}
    for name, s_e, lo, hi in zip(names, se, low, high, strict=True):
        out[f"se_{name}"] = s_e
        out[f"ci_low_{name}"] = lo
        out[f"ci_high_{name}"] = hi
    return out


def history_frame(history: Sequence[EMSnapshot], columns: Sequence[str]) -> pd.DataFrame:
    """One row per iteration: iteration, log_likelihood, log_likelihood_change (from the row
    before; empty in the first), then weight_k, mean_k(c), sd_k(c) and the off-diagonal
    cov_k(a, b) of every component k (1-based)."""
    if not history:
        return pd.DataFrame({"iteration": [], "log_likelihood": [], "log_likelihood_change": []})
    k, d = history[0].params.n_components, history[0].params.n_features
    ll = np.array([s.log_likelihood for s in history], dtype=float)
    data: dict[str, object] = {
        "iteration": [s.iteration for s in history],
        "log_likelihood": ll,
        "log_likelihood_change": np.concatenate([[np.nan], np.diff(ll)]),
    }
    weights = np.array([s.weights for s in history])
    means = np.array([s.means for s in history])
    covs = np.array([s.covariances for s in history])
    sds = np.sqrt(np.maximum(np.diagonal(covs, axis1=2, axis2=3), 0.0))
    for j in range(k):
        data[f"weight_{j + 1}"] = weights[:, j]
    for j in range(k):
        for i, name in enumerate(columns):
            data[f"mean_{j + 1}({name})"] = means[:, j, i]
    for j in range(k):
        for i, name in enumerate(columns):
            data[f"sd_{j + 1}({name})"] = sds[:, j, i]
    for j in range(k):
        for a, b in _pairs(d):
            if a != b:
                data[f"cov_{j + 1}({columns[a]}, {columns[b]})"] = covs[:, j, a, b]
    return pd.DataFrame(data)


@dataclass(frozen=True)
class LikelihoodSteps:
    """How the log-likelihood moved from one iteration to the next.

    ``smallest_rise``: the smallest change (None with fewer than two iterations);
    ``falls``: (iteration, change) of every step where it went down (change < 0).
    """

    smallest_rise: float | None
    falls: tuple[tuple[int, float], ...]


def likelihood_steps(
    iterations: Sequence[int], log_likelihoods: Sequence[float]
) -> LikelihoodSteps:
    """The steps of ``log_likelihoods`` (T,) at ``iterations`` (T,): EM's log-likelihood never
    falls, so a fall is worth a look (a rounding-size one near convergence is harmless)."""
    ll = np.asarray(log_likelihoods, dtype=float)
    if ll.size < 2:
        return LikelihoodSteps(None, ())
    change = np.diff(ll)
    falls = tuple(
        (int(iterations[int(i) + 1]), float(change[i])) for i in np.flatnonzero(change < 0)
    )
    return LikelihoodSteps(float(change.min()), falls)


def _neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Prefix text cells that a spreadsheet would run as a formula with an apostrophe."""
    out = frame.copy()
    out.columns = [
        f"'{c}" if isinstance(c, str) and c.startswith(_FORMULA_STARTS) else c for c in out.columns
    ]
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(
                lambda v: f"'{v}" if isinstance(v, str) and v.startswith(_FORMULA_STARTS) else v
            )
    return out


def assignments_frame(
    original: pd.DataFrame,
    rows: np.ndarray,
    responsibilities: np.ndarray,
    expected: Mapping[str, np.ndarray] | None = None,
    file_rows: np.ndarray | None = None,
) -> pd.DataFrame:
    """The rows used, as ``row`` (1-based data row), their original columns, ``component``
    (1-based most likely component), ``responsibility_1..K`` and, for columns with cells the
    model filled in, ``expected(col)`` (the observed value, or the expected one where empty).

    original : the whole table; rows : (n,) 0-based positions used; responsibilities : (n, K);
    expected : column name -> (n,) values; file_rows : the 0-based file row of each row of
    ``original`` when it is a sample of a larger file (``Table.file_rows``): ``row`` is then
    the file's row.
    """
    used = _neutralise_formulas(original.iloc[np.asarray(rows)].reset_index(drop=True))
    numbers = np.asarray(rows) if file_rows is None else np.asarray(file_rows)[np.asarray(rows)]
    out = pd.concat([pd.DataFrame({"row": numbers + 1}), used], axis=1)
    out["component"] = np.argmax(responsibilities, axis=1) + 1
    for j in range(responsibilities.shape[1]):
        out[f"responsibility_{j + 1}"] = responsibilities[:, j]
    for name, values in (expected or {}).items():
        out[f"expected({name})"] = values
    return out


def expected_columns(
    result: FitResult, X: np.ndarray | None, columns: Sequence[str]
) -> dict[str, np.ndarray]:
    """``expected(col)`` values (n,) of each column of X (n, d) with an empty cell, when the
    model filled cells in (``engine.missing.expected_values``); {} otherwise."""
    if X is None or not result.cells_filled:
        return {}
    filled = expected_values(X, result.params, result.responsibilities)
    holes = np.isnan(X).any(axis=0)
    return {name: filled[:, j] for j, name in enumerate(columns) if holes[j]}


def write_csv(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write a frame as UTF-8 CSV (with BOM, so Excel shows Chinese headers), atomically."""
    target = Path(path)
    with atomic_open(target, "w", encoding="utf-8-sig") as handle:
        _to_csv(frame, handle)
    return target


def _to_csv(frame: pd.DataFrame, handle: IO[str]) -> None:
    frame.to_csv(handle, index=False, float_format="%.10g", lineterminator="\n")


def _csv_writer(make_frame: Callable[[], pd.DataFrame]) -> FileWriter:
    """A writer that builds its frame only when its file is written (one large frame at a time)."""
    return lambda handle: _to_csv(make_frame(), handle)


def write_fit_exports(
    folder: str | Path,
    result: FitResult,
    columns: Sequence[str],
    original: pd.DataFrame,
    rows: np.ndarray,
    *,
    input_file: str | Path | None = None,
    bootstrap: BootstrapResult | None = None,
    X: np.ndarray | None = None,
    file_rows: np.ndarray | None = None,
) -> list[Path]:
    """Write parameters.csv, assignments.csv and history.csv into ``folder``; return the paths.

    All three are new or none is (``write_file_set``): a failure leaves an earlier set whole.
    UTF-8 with BOM, so Excel shows Chinese headers. ``input_file``, the data file read, is
    never overwritten (WriteError if it is one of the three). With ``bootstrap``,
    parameters.csv also holds its standard errors and intervals (``parameters_frame``). ``X``
    (n, d), the data fitted, adds ``expected(col)`` columns to assignments.csv when the model
    filled empty cells. ``file_rows``: see ``assignments_frame``.
    """
    frames: dict[str, Callable[[], pd.DataFrame]] = {
        "parameters.csv": lambda: parameters_frame(result.params, columns, bootstrap),
        "assignments.csv": lambda: assignments_frame(
            original,
            rows,
            result.responsibilities,
            expected_columns(result, X, columns),
            file_rows,
        ),
        "history.csv": lambda: history_frame(result.history, columns),
    }
    writers = {name: _csv_writer(make) for name, make in frames.items()}
    return write_file_set(folder, writers, encoding="utf-8-sig", keep=input_file)


def refuse_overwriting_input(folder: str | Path, input_file: str | Path | None) -> None:
    """WriteError if an export into ``folder`` would overwrite ``input_file``."""
    refuse_overwriting([Path(folder) / name for name in EXPORT_FILES], input_file)
