"""Session files (.gmm.json): data file and checksum, columns, settings, the shown fit's
history, every fit of the runs list and the models of the Choose K sweep.

Plain JSON, checked field by field on load; nothing read from a session is ever executed.
"""

from __future__ import annotations

import hashlib
import json
import math
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..engine import EMSnapshot, FitConfig, MixtureParams
from ..engine.config import INIT_METHODS, MISSING_CHOICES
from ..engine.params import COVARIANCE_TYPES
from ..engine.selection import ModelScore
from ..engine.stopping import STOPPING_RULES
from ..errors import QT_TRANSLATE_NOOP, Phrase, UserError
from .atomic import atomic_open
from .errors import DataError
from .read_options import ReadOptions, read_options_from_dict

SESSION_VERSION = 1
SESSION_SUFFIX = ".gmm.json"

# What a session may hold. Larger values are not a saved window but a damaged or hostile file,
# and restoring them would freeze the window (K = 2,000 in one snapshot took 134 s).
MAX_COMPONENTS = 100
"""Components of any model, start or snapshot (the window fits at most 30)."""
MAX_SNAPSHOTS = 100_000
"""Snapshots in one session: the shown fit, the runs list and the Choose K fits together."""
MAX_WHOLE = 2**53
"""Any count, iteration number or seed (above this a float cannot hold it exactly)."""
MAX_MAGNITUDE = 1e300
"""Any number's size: beyond it, squares and sums overflow to infinity."""
_MAX_SETTINGS_DEPTH = 6
_MAX_TEXT = 10_000
_SPECIAL_FOLDERS = (Path("/proc"), Path("/sys"), Path("/dev"))

# What the messages of damaged sessions name (values of their {what}).
_NUMBER_OF_COMPONENTS = Phrase(QT_TRANSLATE_NOOP("Errors", "number of components"))
_NUMBER_OF_RESTARTS = Phrase(QT_TRANSLATE_NOOP("Errors", "number of restarts"))
_ITERATION_LIMIT = Phrase(QT_TRANSLATE_NOOP("Errors", "iteration limit"))
_THE_TOLERANCE = Phrase(QT_TRANSLATE_NOOP("Errors", "the tolerance"))
_THE_REGULARISATION = Phrase(QT_TRANSLATE_NOOP("Errors", "the regularisation"))
_SEED = Phrase(QT_TRANSLATE_NOOP("Errors", "seed"))
_THE_MANUAL_START = Phrase(QT_TRANSLATE_NOOP("Errors", "the manual start"))
_ITERATION_NUMBER = Phrase(QT_TRANSLATE_NOOP("Errors", "iteration number"))
_A_LOG_LIKELIHOOD = Phrase(QT_TRANSLATE_NOOP("Errors", "a log-likelihood"))
_AN_ITERATIONS_PARAMETERS = Phrase(QT_TRANSLATE_NOOP("Errors", "an iteration's parameters"))
_ROW_COUNT = Phrase(QT_TRANSLATE_NOOP("Errors", "row count"))
_RESTART_NUMBER = Phrase(QT_TRANSLATE_NOOP("Errors", "restart number"))
_RESTART_COUNT = Phrase(QT_TRANSLATE_NOOP("Errors", "restart count"))
_A_RESTARTS_LOG_LIKELIHOOD = Phrase(QT_TRANSLATE_NOOP("Errors", "a restart's log-likelihood"))
_A_RUNS_HISTORY = Phrase(QT_TRANSLATE_NOOP("Errors", "a run's history"))
_A_CHOOSE_K_MODELS_COMPONENTS = Phrase(QT_TRANSLATE_NOOP("Errors", "a Choose K model's components"))
_A_MODELS_LOG_LIKELIHOOD = Phrase(QT_TRANSLATE_NOOP("Errors", "a model's log-likelihood"))
_A_MODELS_BIC = Phrase(QT_TRANSLATE_NOOP("Errors", "a model's BIC"))
_A_MODELS_AIC = Phrase(QT_TRANSLATE_NOOP("Errors", "a model's AIC"))
_A_MODELS_ICL = Phrase(QT_TRANSLATE_NOOP("Errors", "a model's ICL"))
_A_MODELS_ITERATIONS = Phrase(QT_TRANSLATE_NOOP("Errors", "a model's iterations"))
_A_MODELS_PARAMETER_COUNT = Phrase(QT_TRANSLATE_NOOP("Errors", "a model's parameter count"))
_THE_MANUAL_START_OF_THE_SETTINGS = Phrase(
    QT_TRANSLATE_NOOP("Errors", "the manual start of the settings")
)
_THE_HISTORY = Phrase(QT_TRANSLATE_NOOP("Errors", "the history"))
_THE_DATA_PATH = Phrase(QT_TRANSLATE_NOOP("Errors", "the data path"))
_THE_CHECKSUM = Phrase(QT_TRANSLATE_NOOP("Errors", "the checksum"))
_THE_LABEL_COLUMN = Phrase(QT_TRANSLATE_NOOP("Errors", "the label column"))
_THE_WEIGHT_COLUMN = Phrase(QT_TRANSLATE_NOOP("Errors", "the weight column"))
_THE_TRUE_PARAMETERS = Phrase(QT_TRANSLATE_NOOP("Errors", "the true parameters"))


class SessionError(UserError):
    """A session file that cannot be read or does not hold a valid session."""


@dataclass(frozen=True)
class SavedRun:
    """One fit of the runs list: its settings, its snapshots and every start's final LL."""

    config: FitConfig
    history: list[EMSnapshot]
    restart_log_likelihoods: list[float] = field(default_factory=list)


@dataclass(frozen=True)
class SavedModel:
    """One model of a Choose K sweep: its scores (``result`` None; NaN scores where every start
    broke down) and the fit it kept, to rebuild on the data (None when there is none)."""

    score: ModelScore
    fit: SavedRun | None = None


@dataclass(frozen=True)
class Session:
    """Everything needed to restore the window as it was, without refitting.

    ``history`` is the fit shown in the plots; ``runs`` the runs list, oldest first;
    ``sweep`` the Choose K models in the order they were fitted (sessions written before
    these were saved have neither).
    """

    data_path: str | None
    data_sha256: str | None
    columns: list[str]
    label: str | None
    config: FitConfig
    history: list[EMSnapshot] = field(default_factory=list)
    restart_log_likelihoods: list[float] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)
    runs: list[SavedRun] = field(default_factory=list)
    sweep: list[SavedModel] = field(default_factory=list)
    read_options: ReadOptions | None = None  # how the data file was read (None: detected)
    true_params: MixtureParams | None = None  # the truth (generated data or typed), if known
    true_columns: list[str] = field(default_factory=list)  # the columns of ``true_params``
    weight_column: str | None = None  # the row weights' column (None: every row counts once)


def file_sha256(path: str | Path) -> str:
    """SHA-256 of a file's bytes (read in blocks)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _params_dict(p: MixtureParams) -> dict[str, Any]:
    return {
        "weights": p.weights.tolist(),
        "means": p.means.tolist(),
        "covariances": p.covariances.tolist(),
    }


def _config_dict(c: FitConfig) -> dict[str, Any]:
    return {
        "n_components": c.n_components,
        "covariance_type": c.covariance_type,
        "init": c.init,
        "n_init": c.n_init,
        "max_iter": c.max_iter,
        "tol": c.tol,
        "stopping": c.stopping,
        "accelerate": c.accelerate,
        "missing": c.missing,
        "reg_covar": c.reg_covar,
        "seed": c.seed,
        "init_params": None if c.init_params is None else _params_dict(c.init_params),
    }


def _snapshot_dict(s: EMSnapshot) -> dict[str, Any]:
    return {
        "iteration": s.iteration,
        "log_likelihood": s.log_likelihood,
        "converged": s.converged,
        "final": s.final,
        "n_samples": s.n_samples,
        "restart": s.restart,
        "n_restarts": s.n_restarts,
        **_params_dict(s.params),
    }


def _run_dict(run: SavedRun) -> dict[str, Any]:
    return {
        "config": _config_dict(run.config),
        "history": [_snapshot_dict(s) for s in run.history],
        "restart_log_likelihoods": run.restart_log_likelihoods,
    }


def _model_dict(model: SavedModel) -> dict[str, Any]:
    return {
        **model.score.as_dict(),  # the fields of models.csv, non-finite scores as None
        "parameters": model.score.n_parameters,
        "notes": list(model.score.notes),
        "fit": None if model.fit is None else _run_dict(model.fit),
    }


def session_to_json(session: Session) -> dict[str, Any]:
    return {
        "format": "gmm-desktop-session",
        "version": SESSION_VERSION,
        "data": {
            "path": session.data_path,
            "sha256": session.data_sha256,
            "columns": session.columns,
            "label": session.label,
            "weights": session.weight_column,
            "reading": None if session.read_options is None else session.read_options.as_dict(),
        },
        "config": _config_dict(session.config),
        "settings": session.settings,
        "history": [_snapshot_dict(s) for s in session.history],
        "restart_log_likelihoods": session.restart_log_likelihoods,
        "runs": [_run_dict(run) for run in session.runs],
        "sweep": [_model_dict(model) for model in session.sweep],
        "truth": (
            {"columns": session.true_columns, "params": _params_dict(session.true_params)}
            if session.true_params is not None
            else None
        ),
    }


def save_session(path: str | Path, session: Session) -> Path:
    """Write the session atomically as JSON."""
    target = Path(path)
    with atomic_open(target, "w") as handle:
        json.dump(session_to_json(session), handle, indent=1, allow_nan=False)
    return target


# ------------------------------------------------------------------------------------ loading
def _need(cond: bool, problem: str, /, **values: Any) -> None:
    """SessionError "the session file is damaged: <problem>" unless ``cond``.

    ``problem`` is a template of the "Errors" context filled by ``values`` (often ``what``, one
    of the phrases above); it is only filled in when the check fails, so the many checks of a
    long history stay cheap.
    """
    if not cond:
        raise _damaged(Phrase(problem, **values))


def _damaged(problem: Phrase | UserError) -> SessionError:
    """The session file is damaged: ``problem`` (translated in the window too)."""
    return SessionError.said(
        QT_TRANSLATE_NOOP("Errors", "the session file is damaged: {problem}"), problem=problem
    )


def _too_large() -> SessionError:
    return SessionError.said(
        QT_TRANSLATE_NOOP("Errors", "the session file is damaged: it holds a number far too large")
    )


def _number(value: Any, what: Phrase) -> float:
    _need(
        isinstance(value, int | float) and not isinstance(value, bool),
        QT_TRANSLATE_NOOP("Errors", "{what} is not a number"),
        what=what,
    )
    try:
        number = float(value)
    except OverflowError:
        raise _too_large() from None
    _need(
        math.isfinite(number),
        QT_TRANSLATE_NOOP("Errors", "{what} is not a finite number"),
        what=what,
    )
    if abs(number) > MAX_MAGNITUDE:
        raise _too_large()
    return number


def _whole(value: Any, what: Phrase, low: int = 0) -> int:
    _need(
        isinstance(value, int) and not isinstance(value, bool) and value >= low,
        QT_TRANSLATE_NOOP("Errors", "bad {what}"),
        what=what,
    )
    if value > MAX_WHOLE:
        raise _too_large()
    return int(value)


def _components(k: int) -> int:
    """``k`` if a session may hold a model with that many components."""
    if k > MAX_COMPONENTS:
        raise SessionError.said(
            QT_TRANSLATE_NOOP(
                "Errors",
                "the session holds a model with {k} components; at most {limit} can be restored",
            ),
            k=k,
            limit=MAX_COMPONENTS,
        )
    return k


def _text_or_none(value: Any, what: Phrase) -> str | None:
    _need(
        value is None or isinstance(value, str),
        QT_TRANSLATE_NOOP("Errors", "{what} is not text"),
        what=what,
    )
    return value


def _array(value: Any, shape_len: int, part: str, of: Phrase) -> np.ndarray:
    """A finite array of ``shape_len`` dimensions; ``part`` (a template with ``{what}``)
    filled with ``of`` names it in the message, e.g. "the manual start weights"."""
    try:
        arr = np.asarray(value, dtype=float)
    except OverflowError:  # an integer of hundreds of digits
        raise _too_large() from None
    except (TypeError, ValueError):
        what = Phrase(part, what=of)
        raise _damaged(
            Phrase(QT_TRANSLATE_NOOP("Errors", "{what} is not numbers"), what=what)
        ) from None
    if arr.ndim != shape_len or not np.all(np.isfinite(arr)):
        what = Phrase(part, what=of)
        raise _damaged(Phrase(QT_TRANSLATE_NOOP("Errors", "{what} has the wrong shape"), what=what))
    if arr.size and float(np.max(np.abs(arr))) > MAX_MAGNITUDE:
        raise _too_large()
    return arr


def _params(value: Any, what: Phrase) -> MixtureParams:
    _need(isinstance(value, dict), QT_TRANSLATE_NOOP("Errors", "{what} is missing"), what=what)
    weights = value.get("weights")
    if isinstance(weights, list):  # before building arrays of K x d x d numbers
        _components(len(weights))
    try:
        params = MixtureParams(
            _array(value.get("weights"), 1, QT_TRANSLATE_NOOP("Errors", "{what} weights"), what),
            _array(value.get("means"), 2, QT_TRANSLATE_NOOP("Errors", "{what} means"), what),
            _array(
                value.get("covariances"), 3, QT_TRANSLATE_NOOP("Errors", "{what} covariances"), what
            ),
        )
        _need(
            bool(np.all(params.weights >= 0)) and abs(float(params.weights.sum()) - 1) < 1e-6,
            QT_TRANSLATE_NOOP("Errors", "{what} weights do not add up to 1"),
            what=what,
        )
        for cov in params.covariances:
            try:
                np.linalg.cholesky(cov)
            except np.linalg.LinAlgError:
                raise _damaged(
                    Phrase(
                        QT_TRANSLATE_NOOP("Errors", "{what} has an impossible covariance"),
                        what=what,
                    )
                ) from None
        return params
    except SessionError:
        raise
    except UserError as exc:
        raise _damaged(exc) from None


def _config(value: Any) -> FitConfig:
    _need(isinstance(value, dict), QT_TRANSLATE_NOOP("Errors", "the fit settings are missing"))
    cov = value.get("covariance_type")
    init = value.get("init")
    _need(cov in COVARIANCE_TYPES, QT_TRANSLATE_NOOP("Errors", "unknown covariance type"))
    _need(init in INIT_METHODS, QT_TRANSLATE_NOOP("Errors", "unknown start method"))
    stopping = value.get("stopping", "aitken")  # sessions saved before the rules were chosen
    _need(stopping in STOPPING_RULES, QT_TRANSLATE_NOOP("Errors", "unknown stopping rule"))
    accelerate = value.get("accelerate", False)  # sessions saved before SQUAREM
    _need(
        isinstance(accelerate, bool),
        QT_TRANSLATE_NOOP("Errors", "the acceleration setting is not true or false"),
    )
    missing = value.get("missing", "drop")  # sessions saved before missing cells were modelled
    _need(
        missing in MISSING_CHOICES,
        QT_TRANSLATE_NOOP("Errors", "unknown way to treat empty cells"),
    )
    seed = value.get("seed")
    init_params = value.get("init_params")
    return FitConfig(
        n_components=_components(_whole(value.get("n_components"), _NUMBER_OF_COMPONENTS, 1)),
        covariance_type=cov,
        init=init,
        n_init=_whole(value.get("n_init"), _NUMBER_OF_RESTARTS, 1),
        max_iter=_whole(value.get("max_iter"), _ITERATION_LIMIT),
        tol=_number(value.get("tol"), _THE_TOLERANCE),
        stopping=stopping,
        accelerate=accelerate,
        missing=missing,
        reg_covar=_number(value.get("reg_covar"), _THE_REGULARISATION),
        seed=None if seed is None else _whole(seed, _SEED),
        init_params=None if init_params is None else _params(init_params, _THE_MANUAL_START),
    )


def _snapshot(value: Any) -> EMSnapshot:
    _need(isinstance(value, dict), QT_TRANSLATE_NOOP("Errors", "an iteration is not a record"))
    snapshot = EMSnapshot(
        iteration=_whole(value.get("iteration"), _ITERATION_NUMBER),
        log_likelihood=_number(value.get("log_likelihood"), _A_LOG_LIKELIHOOD),
        params=_params(value, _AN_ITERATIONS_PARAMETERS),
        converged=bool(value.get("converged")),
        final=bool(value.get("final")),
        n_samples=_whole(value.get("n_samples"), _ROW_COUNT, 1),
        restart=_whole(value.get("restart", 0), _RESTART_NUMBER),
        n_restarts=_whole(value.get("n_restarts", 1), _RESTART_COUNT, 1),
    )
    k, n = snapshot.params.n_components, snapshot.n_samples
    if k > n:
        raise SessionError.said(
            QT_TRANSLATE_NOOP(
                "Errors",
                "the session holds a model with {k} components for {n} rows; "
                "a model needs at least one row per component",
            ),
            k=k,
            n=n,
        )
    return snapshot


def _history(value: Any, n_columns: int, what: Phrase) -> list[EMSnapshot]:
    """A list of snapshots sharing one (K, d) shape, with d = n_columns."""
    _need(isinstance(value, list), QT_TRANSLATE_NOOP("Errors", "{what} is not a list"), what=what)
    history = [_snapshot(item) for item in value]
    shapes = {(s.params.n_components, s.params.n_features) for s in history}
    _need(
        len(shapes) <= 1,
        QT_TRANSLATE_NOOP("Errors", "the iterations of {what} do not share one shape"),
        what=what,
    )
    if history:
        _need(
            history[0].params.n_features == n_columns,
            QT_TRANSLATE_NOOP("Errors", "columns and {what} disagree"),
            what=what,
        )
    return history


def _log_likelihoods(value: Any) -> list[float]:
    _need(isinstance(value, list), QT_TRANSLATE_NOOP("Errors", "bad restart results"))
    return [_number(v, _A_RESTARTS_LOG_LIKELIHOOD) for v in value]


def _run(value: Any, n_columns: int) -> SavedRun:
    _need(isinstance(value, dict), QT_TRANSLATE_NOOP("Errors", "a run is not a record"))
    history = _history(value.get("history"), n_columns, _A_RUNS_HISTORY)
    _need(bool(history), QT_TRANSLATE_NOOP("Errors", "a run has no iterations"))
    return SavedRun(
        config=_config(value.get("config")),
        history=history,
        restart_log_likelihoods=_log_likelihoods(value.get("restart_log_likelihoods", [])),
    )


def _score(value: Any, what: Phrase) -> float:
    """A finite score, or NaN for None (a model whose every start broke down)."""
    return math.nan if value is None else _number(value, what)


def _entropy_icl(value: dict[str, Any]) -> Any:
    """A saved model's entropy ICL: "icl_entropy", or "icl" in sessions saved before the
    mclust-convention ICL took that name."""
    return value["icl_entropy"] if "icl_entropy" in value else value.get("icl")


def _model(value: Any, n_columns: int) -> SavedModel:
    _need(isinstance(value, dict), QT_TRANSLATE_NOOP("Errors", "a Choose K model is not a record"))
    covariance = value.get("covariance")
    _need(
        covariance in COVARIANCE_TYPES,
        QT_TRANSLATE_NOOP("Errors", "a Choose K model has an unknown covariance type"),
    )
    notes = value.get("notes", [])
    _need(
        isinstance(notes, list) and all(isinstance(t, str) for t in notes),
        QT_TRANSLATE_NOOP("Errors", "bad model notes"),
    )
    fit = value.get("fit")
    saved = None if fit is None else _run(fit, n_columns)
    k = _components(_whole(value.get("components"), _A_CHOOSE_K_MODELS_COMPONENTS, 1))
    if saved is not None:
        _need(
            saved.history[-1].params.n_components == k,
            QT_TRANSLATE_NOOP("Errors", "a Choose K model and its fit disagree"),
        )
    score = ModelScore(
        n_components=k,
        covariance_type=str(covariance),
        log_likelihood=_score(value.get("log_likelihood"), _A_MODELS_LOG_LIKELIHOOD),
        bic=_score(value.get("bic"), _A_MODELS_BIC),
        aic=_score(value.get("aic"), _A_MODELS_AIC),
        icl_entropy=_score(_entropy_icl(value), _A_MODELS_ICL),
        n_iter=_whole(value.get("iterations"), _A_MODELS_ITERATIONS),
        converged=bool(value.get("converged")),
        degenerate=bool(value.get("degenerate")),
        n_parameters=_whole(value.get("parameters"), _A_MODELS_PARAMETER_COUNT),
        notes=tuple(notes),
    )
    return SavedModel(score, saved)


def _plain(value: Any, depth: int = 0) -> bool:
    """True for a JSON value a settings dict may hold: text, true/false, null, numbers of sane
    size, and lists and objects of them nested at most a few levels."""
    if value is None or isinstance(value, bool):
        return True
    if isinstance(value, str):
        return len(value) <= _MAX_TEXT
    if isinstance(value, int):
        return abs(value) <= MAX_WHOLE
    if isinstance(value, float):
        return math.isfinite(value) and abs(value) <= MAX_MAGNITUDE
    if depth >= _MAX_SETTINGS_DEPTH:
        return False
    if isinstance(value, list):
        return all(_plain(item, depth + 1) for item in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v, depth + 1) for k, v in value.items())
    return False


def _settings(value: Any) -> dict[str, Any]:
    """The settings panel's own record: plain values, a sane K, a valid manual start."""
    _need(isinstance(value, dict), QT_TRANSLATE_NOOP("Errors", "bad settings"))
    if not _plain(value):
        raise SessionError.said(
            QT_TRANSLATE_NOOP(
                "Errors", "the session file is damaged: its fit settings hold impossible values"
            )
        )
    k = value.get("n_components")
    if isinstance(k, int) and not isinstance(k, bool):
        _components(k)
    start = value.get("init_params")
    if start is not None:
        _params(start, _THE_MANUAL_START_OF_THE_SETTINGS)
    return value


def _count_snapshots(data: dict[str, Any], runs: list[Any], sweep: list[Any]) -> None:
    """Refuse a session of more than MAX_SNAPSHOTS snapshots, before reading any of them."""

    def length(value: Any) -> int:
        return len(value) if isinstance(value, list) else 0

    count = length(data.get("history"))
    count += sum(length(run.get("history")) for run in runs if isinstance(run, dict))
    fits = [model.get("fit") for model in sweep if isinstance(model, dict)]
    count += sum(length(fit.get("history")) for fit in fits if isinstance(fit, dict))
    if count > MAX_SNAPSHOTS:
        raise SessionError.said(
            QT_TRANSLATE_NOOP(
                "Errors", "the session holds {n} iterations; at most {limit} can be restored"
            ),
            n=f"{count:,}",
            limit=f"{MAX_SNAPSHOTS:,}",
        )


def session_from_json(data: Any) -> Session:
    """Check a parsed JSON document field by field and build the Session."""
    _need(isinstance(data, dict), QT_TRANSLATE_NOOP("Errors", "it is not a JSON object"))
    _need(
        data.get("format") == "gmm-desktop-session",
        QT_TRANSLATE_NOOP("Errors", "it is not a GMM Desktop session"),
    )
    version = data.get("version")
    _need(isinstance(version, int), QT_TRANSLATE_NOOP("Errors", "it has no version"))
    if version > SESSION_VERSION:
        raise SessionError.said(
            QT_TRANSLATE_NOOP(
                "Errors",
                "this session was saved by a newer GMM Desktop (format {version}); please update",
            ),
            version=version,
        )
    info = data.get("data")
    _need(isinstance(info, dict), QT_TRANSLATE_NOOP("Errors", "the data section is missing"))
    columns = info.get("columns")
    _need(
        isinstance(columns, list) and all(isinstance(c, str) for c in columns),
        QT_TRANSLATE_NOOP("Errors", "bad column list"),
    )
    runs_raw = data.get("runs", [])
    _need(isinstance(runs_raw, list), QT_TRANSLATE_NOOP("Errors", "the runs are not a list"))
    sweep_raw = data.get("sweep", [])
    _need(
        isinstance(sweep_raw, list),
        QT_TRANSLATE_NOOP("Errors", "the Choose K models are not a list"),
    )
    _count_snapshots(data, runs_raw, sweep_raw)
    history = _history(data.get("history", []), len(columns), _THE_HISTORY)
    settings = _settings(data.get("settings", {}))
    reading = info.get("reading")  # sessions saved before the import preview have none
    try:
        read_options = None if reading is None else read_options_from_dict(reading)
    except DataError as exc:
        raise _damaged(exc) from None
    true_params, true_columns = _truth(data.get("truth"))
    return Session(
        data_path=_text_or_none(info.get("path"), _THE_DATA_PATH),
        data_sha256=_text_or_none(info.get("sha256"), _THE_CHECKSUM),
        columns=list(columns),
        label=_text_or_none(info.get("label"), _THE_LABEL_COLUMN),
        weight_column=_text_or_none(info.get("weights"), _THE_WEIGHT_COLUMN),
        config=_config(data.get("config")),
        history=history,
        restart_log_likelihoods=_log_likelihoods(data.get("restart_log_likelihoods", [])),
        settings=settings,
        runs=[_run(item, len(columns)) for item in runs_raw],
        sweep=[_model(item, len(columns)) for item in sweep_raw],
        read_options=read_options,
        true_params=true_params,
        true_columns=true_columns,
    )


def _truth(value: Any) -> tuple[MixtureParams | None, list[str]]:
    """The saved true parameters and their columns (None and [] when none were saved)."""
    if value is None:
        return None, []
    _need(isinstance(value, dict), QT_TRANSLATE_NOOP("Errors", "the true parameters are damaged"))
    columns = value.get("columns")
    _need(
        isinstance(columns, list) and all(isinstance(c, str) for c in columns),
        QT_TRANSLATE_NOOP("Errors", "the true parameters are damaged"),
    )
    params = _params(value.get("params"), _THE_TRUE_PARAMETERS)
    _need(
        params.n_features == len(columns),
        QT_TRANSLATE_NOOP("Errors", "the true parameters are damaged"),
    )
    return params, list(columns)


def check_data_file(path: str | Path) -> None:
    """Refuse a session's data path that is not a plain file to read: a folder, a device, a
    pipe, or anything under /proc, /sys or /dev (``/proc/self/mem`` looks like a file)."""
    target = Path(path)
    try:
        info = target.stat()
        resolved = target.resolve()
    except FileNotFoundError:
        raise SessionError.said(
            QT_TRANSLATE_NOOP("Errors", "the data file of this session is missing: {path}"),
            path=str(target),
        ) from None
    except (OSError, RuntimeError, ValueError) as exc:  # RuntimeError: a symlink loop
        raise _unreadable(target, exc) from None
    special = any(resolved.is_relative_to(folder) for folder in _SPECIAL_FOLDERS)
    if special or not stat.S_ISREG(info.st_mode):
        raise SessionError.said(
            QT_TRANSLATE_NOOP(
                "Errors", "the data file of this session, {path}, is not a regular file"
            ),
            path=str(target),
        )


def data_file_sha256(path: str | Path) -> str:
    """SHA-256 of a session's data file, after ``check_data_file``; SessionError if unreadable."""
    check_data_file(path)
    try:
        return file_sha256(path)
    except OSError as exc:
        raise _unreadable(Path(path), exc) from None


def _unreadable(path: Path, exc: BaseException) -> SessionError:
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return SessionError.said(
        QT_TRANSLATE_NOOP("Errors", "cannot read the data file of this session, {path}: {error}"),
        path=str(path),
        error=reason,
    )


def load_session(path: str | Path) -> Session:
    """Read and check a session file; SessionError in plain words when it is not valid."""
    source = Path(path)
    try:
        text = source.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SessionError.said(
            QT_TRANSLATE_NOOP("Errors", "the session file {path} does not exist"), path=str(source)
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SessionError.said(
            QT_TRANSLATE_NOOP("Errors", "cannot read the session file {path}: {error}"),
            path=str(source),
            error=str(exc),
        ) from None
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):  # JSONDecodeError, or an integer of 4300+ digits
        raise SessionError.said(
            QT_TRANSLATE_NOOP("Errors", "{name} is not a session file (it is not valid JSON)"),
            name=source.name,
        ) from None
    return session_from_json(data)
