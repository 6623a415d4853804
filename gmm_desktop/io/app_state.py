"""The window's application state without Qt: data, settings, fits; to and from a Session.

The window (``qt/main_window.py``) keeps layout, actions and wiring; what it shows lives here,
so building a session and rebuilding one on its data are tested without Qt
(``tests/io/test_app_state.py``). Messages are ``UserError.said`` templates the window
translates.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Generic, TypeVar, cast

import numpy as np

from ..engine import FitConfig, FitResult, MixtureParams, result_from_history
from ..engine.backend import Backend, ready
from ..engine.selection import ModelScore
from ..errors import QT_TRANSLATE_NOOP, UserError
from .atomic import atomic_open
from .features import FeatureData, select_features
from .session import (
    SESSION_SUFFIX,
    SavedModel,
    SavedRun,
    Session,
    check_data_file,
    data_file_sha256,
    file_sha256,
)
from .table import Table

T = TypeVar("T")


class StateField(Generic[T]):
    """An attribute of an object's ``state`` (an AppState), read and written through the
    object: ``result = StateField[FitResult | None]("result")`` in the window's class."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, owner: Any, owner_type: type | None = None) -> T:
        return cast(T, getattr(owner.state, self.name))

    def __set__(self, owner: Any, value: T) -> None:
        setattr(owner.state, self.name, value)


class SavedFitError(UserError):
    """A saved fit that cannot be rebuilt on the loaded data; ``cause`` says why."""

    cause: BaseException | None = None


def _not_shown(cause: BaseException) -> SavedFitError:
    error = SavedFitError.said(
        QT_TRANSLATE_NOOP("Errors", "The saved fit could not be shown: {error}"),
        error=str(cause),
    )
    error.cause = cause
    return error


@dataclass(frozen=True)
class RebuiltFits:
    """A session's fits rebuilt on its data: the shown one, the runs list's, Choose K's."""

    columns: list[str]  # the feature columns they were rebuilt on
    shown: FitResult | None
    runs: list[FitResult | None]
    sweep: list[FitResult | None]


def saved_run(result: FitResult) -> SavedRun:
    """A fit as a session keeps it: settings, snapshots, every start's final LL."""
    return SavedRun(result.config, list(result.history), list(result.restart_log_likelihoods))


def saved_model(score: ModelScore) -> SavedModel:
    """A Choose K model as a session keeps it: its scores, and its fit to rebuild."""
    fit = None if score.result is None else saved_run(score.result)
    return SavedModel(replace(score, result=None), fit)


def restored_result(
    X: Any, run: SavedRun | None, engine: Backend, sample_weight: np.ndarray | None = None
) -> FitResult | None:
    """A saved fit rebuilt on the data X (n, d) (row weights ``sample_weight`` (n,) or None),
    or None if there is none; UserError if it cannot be."""
    if run is None:
        return None
    fitted = run.history[-1].n_samples if run.history else 0
    return result_from_history(
        X,
        run.config,
        run.history,
        run.restart_log_likelihoods,
        backend=engine,
        sample_weight=sample_weight,
        rows_fitted=fitted if fitted > X.shape[0] else None,  # a streamed fit of a sample
    )


def columns_mismatch() -> UserError:
    return UserError.said(
        QT_TRANSLATE_NOOP("Errors", "The saved fit does not match the columns of the data file.")
    )


def check_session_data(session: Session) -> tuple[Session | None, list[UserError]]:
    """Whether a loaded session's data file can be opened: (the session to restore or None,
    messages). A changed file keeps the settings and drops the saved fits, with a message."""
    if session.data_path is None:
        generated = QT_TRANSLATE_NOOP(
            "Errors", "This session was made on generated data, which is not saved."
        )
        return None, [UserError.said(generated)]
    data = Path(session.data_path)
    try:  # missing, not a regular file (/proc/self/mem) or unreadable: said in plain words
        check_data_file(data)
        changed = bool(session.data_sha256) and data_file_sha256(data) != session.data_sha256
    except UserError as exc:
        return None, [exc]
    if not changed:
        return session, []
    changed_message = QT_TRANSLATE_NOOP(
        "Errors",
        "The data file {name} has changed since the session was saved; "
        "its settings are restored, but the saved fit is not shown.",
    )
    stripped = replace(session, history=[], runs=[], sweep=[])
    return stripped, [UserError.said(changed_message, name=data.name)]


def generated_data_path(session_path: str | Path) -> Path:
    """Where a session of generated data keeps its rows: "<name>.data.csv" beside it, or
    "<name>.data-2.csv" (3, ...) when that file exists."""
    path = Path(session_path)
    name = path.name.removesuffix(SESSION_SUFFIX) if path.name.endswith(SESSION_SUFFIX) else ""
    name = name or path.stem
    target, number = path.with_name(f"{name}.data.csv"), 1
    while target.exists():
        number += 1
        target = path.with_name(f"{name}.data-{number}.csv")
    return target


@dataclass
class AppState:
    """What the window shows: the table and chosen columns, the fit settings, the shown fit,
    the runs list, the Choose K models, true parameters (generated data) and the checksum."""

    table: Table | None = None
    features: FeatureData | None = None  # the chosen columns of ``table``
    config: FitConfig | None = None  # of the fit being run or shown
    result: FitResult | None = None  # the shown, finished fit
    runs: list[FitResult] = field(default_factory=list)  # the runs list, oldest first
    sweep: list[ModelScore] = field(default_factory=list)  # Choose K, in fitting order
    true_params: MixtureParams | None = None  # known for generated data (or typed)
    true_columns: list[str] = field(default_factory=list)  # the columns of ``true_params``
    data_sha256: str | None = None  # of the open file, computed while loading

    @property
    def weight_column(self) -> str | None:
        """The column of row weights of the chosen data, or None (every row counts once)."""
        return None if self.features is None else self.features.weight_column

    @property
    def missing(self) -> str:
        """What the chosen data does with rows that have empty cells: "drop" or "model"."""
        return "drop" if self.features is None else self.features.missing

    def fit_config(self, chosen: FitConfig) -> FitConfig:
        """The settings ``chosen`` as a fit of the chosen data runs them: with its way of
        treating empty cells (``FitConfig.missing``)."""
        if chosen.missing == self.missing:
            return chosen
        return chosen.with_changes(missing=self.missing)

    def truth_for(self, columns: list[str]) -> MixtureParams | None:
        """The true parameters of these columns (a marginal of ``true_params`` when fewer are
        chosen), or None when the truth is unknown or lacks one of them."""
        truth, known = self.true_params, self.true_columns
        if truth is None or not columns or len(known) != truth.n_features:
            return None
        if any(c not in known for c in columns):
            return None
        index = np.array([known.index(c) for c in columns])
        return MixtureParams(
            truth.weights.copy(),
            truth.means[:, index],
            truth.covariances[:, index[:, None], index[None, :]],
        )

    def to_session(
        self,
        settings: dict[str, Any],
        chosen: FitConfig | None = None,
        *,
        with_lists: bool = False,
    ) -> Session:
        """The state as a Session; ``chosen`` is the settings' config, saved when no fit is
        shown; ``with_lists`` adds the runs list and the Choose K models."""
        if self.features is None or self.table is None:
            raise UserError.said(
                QT_TRANSLATE_NOOP("Errors", "there is no data to save a session for")
            )
        source = self.table.source
        config = self.result.config if self.result is not None else chosen
        if config is not None:
            config = self.fit_config(config)
        if config is None:
            raise UserError.said(
                QT_TRANSLATE_NOOP("Errors", "there are no fit settings to save a session for")
            )
        result = self.result
        return Session(
            data_path=str(source.resolve()) if source is not None else None,
            data_sha256=(self.data_sha256 or file_sha256(source)) if source is not None else None,
            columns=list(self.features.columns),
            label=self.features.label_column,
            weight_column=self.features.weight_column,
            config=config,
            history=list(result.history) if result is not None else [],
            restart_log_likelihoods=(
                list(result.restart_log_likelihoods) if result is not None else []
            ),
            settings=settings,
            runs=[saved_run(r) for r in self.runs] if with_lists else [],
            sweep=[saved_model(s) for s in self.sweep] if with_lists else [],
            read_options=self.table.read_options() if source is not None else None,
            true_params=self.true_params,
            true_columns=list(self.true_columns) if self.true_params is not None else [],
        )

    def keep_generated_data(self, session_path: str | Path) -> Path | None:
        """Write generated rows beside the session file and make them the state's data file,
        so the session reopens; None when the data already come from a file.

        The file is "<session name>.data.csv" (numbered if that name is taken: nothing is
        overwritten), every number written to round-trip exactly.
        """
        if self.table is None or self.table.source is not None:
            return None
        target = generated_data_path(session_path)
        with atomic_open(target, "w", encoding="utf-8") as handle:
            self.table.frame.to_csv(handle, index=False, lineterminator="\n")
        self.table = replace(
            self.table, source=target.resolve(), format="csv", delimiter=",", decimal="."
        )
        self.data_sha256 = file_sha256(target)
        return target

    @staticmethod
    def restore(session: Session, table: Table) -> tuple[RebuiltFits | None, list[UserError]]:
        """The session's shown fit, runs and Choose K fits rebuilt on ``table``: (fits, []),
        or (None, [the one reason]) if any of them does not fit the data. Changes nothing."""
        try:
            features = select_features(
                table,
                session.columns,
                session.label,
                session.weight_column,
                session.config.missing,
            )
        except UserError as exc:
            return None, [_not_shown(exc)]
        position = {str(c): i for i, c in enumerate(table.frame.columns)}
        columns = [str(c) for c in features.columns]
        # the data panel ticks them in the table's order, and never the label
        if columns != sorted(columns, key=position.__getitem__) or session.label in columns:
            return None, [columns_mismatch()]
        n = features.n_samples
        fits = [*session.history[-1:], *(r.history[-1] for r in session.runs)]
        fits += [m.fit.history[-1] for m in session.sweep if m.fit is not None]
        if table.rows_in_file is not None:  # a sample of a large file: fits of all its rows
            wrong = any(not n <= s.n_samples <= table.rows_in_file for s in fits)
        else:
            wrong = any(s.n_samples != n for s in fits)
        if wrong:
            rows = QT_TRANSLATE_NOOP(
                "Errors", "The saved fit does not match the rows of the data file."
            )
            return None, [UserError.said(rows)]
        engine, X, w = ready(), features.X, features.weights
        shown = SavedRun(session.config, session.history, session.restart_log_likelihoods)
        try:
            rebuilt = RebuiltFits(
                columns,
                restored_result(X, shown if session.history else None, engine, w),
                [restored_result(X, run, engine, w) for run in session.runs],
                [restored_result(X, m.fit, engine, w) for m in session.sweep],
            )
        except (ValueError, ArithmeticError) as exc:  # UserError is a ValueError
            return None, [_not_shown(exc)]
        return rebuilt, []

    def adopt(self, session: Session, fits: RebuiltFits) -> list[ModelScore]:
        """Take a restored session's fits (the data is already ``self.features``); returns the
        Choose K models with their rebuilt fits."""
        if self.features is None or list(self.features.columns) != fits.columns:
            raise columns_mismatch()
        self.runs = [run for run in fits.runs if run is not None]
        self.sweep = [
            replace(m.score, result=r) for m, r in zip(session.sweep, fits.sweep, strict=True)
        ]
        if fits.shown is not None:
            self.config = session.config
            self.result = fits.shown
        return self.sweep
