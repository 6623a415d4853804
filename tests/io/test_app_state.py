"""The application state round-trips through session files without Qt: the shown fit, the runs
list, the Choose K models; true parameters and changed or missing data files are refused."""

from __future__ import annotations

from dataclasses import replace
from math import isnan, nan
from pathlib import Path

import numpy as np
import pytest

from gmm_desktop.engine import FitConfig, MixtureParams, ModelScore, fit
from gmm_desktop.engine.selection import fit_model
from gmm_desktop.errors import UserError
from gmm_desktop.io import read_table, select_features, table_from_frame
from gmm_desktop.io.app_state import AppState, SavedFitError, StateField, check_session_data
from gmm_desktop.io.session import load_session, save_session


def _data(tmp_path: Path) -> Path:
    rng = np.random.default_rng(0)
    X = np.concatenate([rng.normal(0, 1, (80, 2)), rng.normal(5, 1, (80, 2))])
    path = tmp_path / "d.csv"
    np.savetxt(path, X, delimiter=",", header="a,b", comments="")
    return path


def _state(path: Path) -> AppState:
    """A state as the window holds it after two fits and a Choose K sweep of two models."""
    table = read_table(path)
    features = select_features(table, ["a", "b"])
    X = features.X
    shown = fit(X, FitConfig(n_components=2, seed=1))
    other = fit(X, FitConfig(n_components=3, covariance_type="diag", n_init=2, seed=4))
    kept = fit_model(X, FitConfig(n_components=2, covariance_type="spherical", seed=2))
    assert kept is not None and kept.result is not None
    broken = ModelScore(4, "full", nan, nan, nan, nan, 0, False, True, 23, notes=("collapsed",))
    return AppState(
        table=table,
        features=features,
        config=shown.config,
        result=shown,
        runs=[shown, other],
        sweep=[kept, broken],
    )


def _round_trip(state: AppState, tmp_path: Path) -> AppState:
    """Save the state's session, load it, rebuild it on a fresh read of its data file."""
    session = state.to_session({"version": 1, "k": 2}, with_lists=True)
    loaded = load_session(save_session(tmp_path / "s.gmm.json", session))
    checked, problems = check_session_data(loaded)
    assert problems == [] and checked is not None
    assert checked.data_path is not None
    table = read_table(checked.data_path)
    fits, errors = AppState.restore(checked, table)
    assert errors == [] and fits is not None
    again = AppState(table=table, features=select_features(table, checked.columns, checked.label))
    again.adopt(checked, fits)
    return again


def test_state_round_trips_shown_fit_runs_and_choose_k(tmp_path: Path) -> None:
    state = _state(_data(tmp_path))
    again = _round_trip(state, tmp_path)
    assert again.result is not None and state.result is not None
    assert again.config == state.config
    assert again.result.log_likelihood == state.result.log_likelihood
    assert np.array_equal(again.result.params.means, state.result.params.means)
    assert [r.config for r in again.runs] == [r.config for r in state.runs]
    for a, b in zip(again.runs, state.runs, strict=True):
        assert len(a.history) == len(b.history)
        assert np.array_equal(a.params.covariances, b.params.covariances)
        assert a.restart_log_likelihoods == b.restart_log_likelihoods
    (kept, broken), (kept0, _) = again.sweep, state.sweep
    assert (kept.n_components, kept.covariance_type, kept.bic) == (2, "spherical", kept0.bic)
    assert kept.result is not None and kept0.result is not None
    assert kept.result.log_likelihood == kept0.result.log_likelihood
    assert broken.result is None and broken.degenerate and isnan(broken.bic)
    # and the rebuilt state saves the same session again
    first = state.to_session({}, with_lists=True)
    second = again.to_session({}, with_lists=True)
    assert (len(second.runs), len(second.sweep)) == (len(first.runs), len(first.sweep))
    assert second.data_sha256 == first.data_sha256 and second.columns == first.columns


def test_without_lists_the_session_keeps_only_the_shown_fit(tmp_path: Path) -> None:
    session = _state(_data(tmp_path)).to_session({})
    assert session.runs == [] and session.sweep == [] and session.history


def test_no_fit_saves_the_chosen_settings(tmp_path: Path) -> None:
    state = replace(_state(_data(tmp_path)), result=None, config=None)
    chosen = FitConfig(n_components=5, seed=9)
    session = state.to_session({"k": 5}, chosen)
    assert session.config == chosen and session.history == [] and session.settings == {"k": 5}
    with pytest.raises(UserError):
        AppState().to_session({}, chosen)  # no data


def test_generated_data_with_true_parameters_is_not_saved_as_a_file(tmp_path: Path) -> None:
    """Generated data has no file: its session cannot reopen it (true parameters included)."""
    state = _state(_data(tmp_path))
    assert state.table is not None
    generated = table_from_frame(state.table.frame)  # no source
    truth = MixtureParams.from_user([0.5, 0.5], [[0, 0], [5, 5]], standard_deviations=[1, 1])
    state = replace(state, table=generated, true_params=truth)
    session = state.to_session({})
    assert session.data_path is None and session.data_sha256 is None
    checked, problems = check_session_data(session)
    assert checked is None
    assert [p.template for p in problems] == [
        "This session was made on generated data, which is not saved."
    ]


def test_a_changed_data_file_keeps_settings_but_drops_the_fits(tmp_path: Path) -> None:
    path = _data(tmp_path)
    session = _state(path).to_session({"k": 2}, with_lists=True)
    path.write_text(path.read_text() + "1,1\n")
    checked, problems = check_session_data(session)
    assert checked is not None and checked.settings == {"k": 2}
    assert checked.history == [] and checked.runs == [] and checked.sweep == []
    assert len(problems) == 1 and "has changed" in str(problems[0])


def test_a_missing_data_file_is_said(tmp_path: Path) -> None:
    path = _data(tmp_path)
    session = _state(path).to_session({})
    path.unlink()
    checked, problems = check_session_data(session)
    assert checked is None and "missing" in str(problems[0])


def test_restore_refuses_other_rows_and_columns_and_changes_nothing(tmp_path: Path) -> None:
    path = _data(tmp_path)
    session = _state(path).to_session({}, with_lists=True)
    table = read_table(path)
    fewer = table_from_frame(table.frame.iloc[:100], source=path)
    fits, errors = AppState.restore(session, fewer)
    assert fits is None and [str(e) for e in errors] == [
        "The saved fit does not match the rows of the data file."
    ]
    swapped = replace(session, columns=["b", "a"])
    fits, errors = AppState.restore(swapped, table)
    assert fits is None and "columns" in str(errors[0])
    unknown = replace(session, columns=["a", "nope"])
    fits, errors = AppState.restore(unknown, table)
    assert fits is None and isinstance(errors[0], SavedFitError)
    assert isinstance(errors[0].cause, UserError)


def test_adopt_refuses_fits_rebuilt_on_other_columns(tmp_path: Path) -> None:
    path = _data(tmp_path)
    state = _state(path)
    session = state.to_session({}, with_lists=True)
    fits, _ = AppState.restore(session, read_table(path))
    assert fits is not None
    one_column = AppState(table=state.table, features=select_features(state.table, ["a"]))
    with pytest.raises(UserError, match="columns"):
        one_column.adopt(session, fits)
    assert one_column.result is None and one_column.runs == []


def test_a_state_field_reads_and_writes_the_owners_state() -> None:
    class Owner:
        result = StateField[object]("result")

        def __init__(self) -> None:
            self.state = AppState()

    owner = Owner()
    owner.result = "fit"
    assert owner.state.result == "fit" and owner.result == "fit"


def test_a_session_of_generated_data_keeps_its_rows_beside_it_and_reopens(tmp_path: Path) -> None:
    """Issue 15 item 4: saving generated data's session 'succeeded' but it could not reopen.
    Its rows are now written beside the session (exactly), which then reopens with its fits."""
    state = _state(_data(tmp_path))
    assert state.table is not None
    state.table = table_from_frame(state.table.frame)  # generated: no file
    (tmp_path / "hw.data.csv").write_text("someone else's file\n")  # never overwritten
    session_path = tmp_path / "hw.gmm.json"
    kept = state.keep_generated_data(session_path)
    assert kept == tmp_path / "hw.data-2.csv"
    assert (tmp_path / "hw.data.csv").read_text() == "someone else's file\n"
    assert state.keep_generated_data(session_path) is None  # now it has a file
    loaded = load_session(save_session(session_path, state.to_session({}, with_lists=True)))
    checked, problems = check_session_data(loaded)
    assert problems == [] and checked is not None and checked.data_path == str(kept.resolve())
    table = read_table(kept)
    np.testing.assert_array_equal(
        table.frame[["a", "b"]].to_numpy(), state.table.frame[["a", "b"]].to_numpy()
    )
    fits, errors = AppState.restore(checked, table)
    assert errors == [] and fits is not None


def test_a_session_keeps_how_its_file_was_read_and_its_typed_names(tmp_path: Path) -> None:
    from gmm_desktop.io import ReadOptions

    data = tmp_path / "hw.csv"
    data.write_text("".join(f"{i % 2};{150 + i},5\n" for i in range(40)), encoding="utf-8")
    options = ReadOptions(names=("sex", "height"))
    table = read_table(data, options=options)
    state = AppState(table=table, features=select_features(table, ["height"], "sex"))
    session = state.to_session({}, FitConfig(n_components=2))
    assert session.columns == ["height"] and session.label == "sex"
    assert session.read_options == table.read_options()
    assert session.read_options.names == ("sex", "height")
    reread = read_table(data, options=session.read_options)
    assert reread.frame.columns.tolist() == ["sex", "height"]


def _weighted_incomplete_data(tmp_path: Path) -> Path:
    """Two groups in a and b, about 10% of their cells empty, and a frequency column w."""
    rng = np.random.default_rng(3)
    X = np.concatenate([rng.normal(0, 1, (70, 2)), rng.normal(5, 1, (70, 2))])
    X[rng.random(X.shape) < 0.1] = np.nan
    X[X.shape[0] // 2, :] = np.nan  # every chosen cell empty: left out even in the model
    weights = rng.integers(1, 4, X.shape[0])
    path = tmp_path / "incomplete.csv"
    lines = ["a,b,w"] + [
        ",".join("" if np.isnan(v) else repr(float(v)) for v in row) + f",{w}"
        for row, w in zip(X, weights, strict=True)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_weights_and_missing_model_round_trip_through_a_session(tmp_path: Path) -> None:
    table = read_table(_weighted_incomplete_data(tmp_path))
    features = select_features(table, ["a", "b"], weights="w", missing="model")
    assert features.cells_missing > 0 and features.rows_dropped >= 1  # rows with no cell
    assert features.n_samples + features.rows_dropped == 140
    assert not np.isnan(features.X).all(axis=1).any()
    state = AppState(table=table, features=features)
    chosen = state.fit_config(FitConfig(n_components=2, seed=1))
    assert chosen.missing == "model" and state.weight_column == "w"
    shown = fit(features.X, chosen, sample_weight=features.weights)
    kept = fit_model(
        features.X,
        state.fit_config(FitConfig(n_components=2, covariance_type="diag", seed=2)),
        sample_weight=features.weights,
    )
    assert kept is not None and kept.result is not None
    state.config, state.result, state.runs, state.sweep = chosen, shown, [shown], [kept]

    session = state.to_session({}, with_lists=True)
    loaded = load_session(save_session(tmp_path / "s.gmm.json", session))
    assert loaded.weight_column == "w" and loaded.config.missing == "model"
    fits, errors = AppState.restore(loaded, read_table(loaded.data_path or ""))
    assert errors == [] and fits is not None and fits.shown is not None
    again = fits.shown
    assert again.config.missing == "model"
    assert again.cells_filled == shown.cells_filled == features.cells_missing
    assert again.sample_weight is not None
    assert again.sum_of_weights == shown.sum_of_weights == float(features.weights.sum())
    assert again.bic == shown.bic  # n = the sum of the weights in both
    assert again.log_likelihood == shown.log_likelihood
    (run,), (model,) = fits.runs, fits.sweep
    assert run is not None and run.bic == shown.bic
    assert model is not None and model.bic == kept.result.bic


def test_a_session_without_weights_restores_unweighted_and_dropping(tmp_path: Path) -> None:
    """A session saved before weights and missing cells (no "weights", no "missing") reads
    as no weights and "drop"."""
    state = _state(_data(tmp_path))
    session = state.to_session({})
    assert session.weight_column is None and session.config.missing == "drop"
    path = save_session(tmp_path / "old.gmm.json", session)
    text = path.read_text(encoding="utf-8")
    old = text.replace('"weights": null,', "").replace('"missing": "drop",', "")
    assert '"missing"' not in old and '"weights": null' not in old
    path.write_text(old, encoding="utf-8")
    loaded = load_session(path)
    assert loaded.weight_column is None and loaded.config.missing == "drop"


def test_a_session_with_an_unknown_way_to_treat_empty_cells_is_damaged(tmp_path: Path) -> None:
    state = _state(_data(tmp_path))
    path = save_session(tmp_path / "bad.gmm.json", state.to_session({}))
    path.write_text(
        path.read_text(encoding="utf-8").replace('"missing": "drop"', '"missing": "guess"'),
        encoding="utf-8",
    )
    with pytest.raises(UserError, match="unknown way to treat empty cells"):
        load_session(path)
