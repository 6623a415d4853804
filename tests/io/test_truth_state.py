"""True parameters in the state and in sessions: marginals for fewer columns, saved and read
back exactly, a damaged truth refused in plain words."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from gmm_desktop.engine import FitConfig, MixtureParams, fit
from gmm_desktop.io import read_table, select_features
from gmm_desktop.io.app_state import AppState
from gmm_desktop.io.session import SessionError, load_session, save_session

TRUTH = MixtureParams(
    np.array([0.3, 0.7]),
    np.array([[0.0, 1.0, 2.0], [5.0, 6.0, 7.0]]),
    np.stack(
        [
            np.array([[1.0, 0.2, 0.1], [0.2, 2.0, 0.3], [0.1, 0.3, 3.0]]),
            np.array([[2.0, -0.4, 0.0], [-0.4, 1.0, 0.2], [0.0, 0.2, 0.5]]),
        ]
    ),
)


def _state(tmp_path: Path) -> AppState:
    rng = np.random.default_rng(1)
    X = np.concatenate([rng.normal(0, 1, (60, 3)), rng.normal(5, 1, (60, 3))])
    path = tmp_path / "d.csv"
    np.savetxt(path, X, delimiter=",", header="a,b,c", comments="")
    table = read_table(path)
    features = select_features(table, ["a", "b", "c"])
    result = fit(features.X, FitConfig(2, seed=0))
    return AppState(
        table=table,
        features=features,
        config=result.config,
        result=result,
        true_params=TRUTH,
        true_columns=["a", "b", "c"],
    )


def test_truth_for_fewer_columns_is_the_marginal() -> None:
    state = AppState(true_params=TRUTH, true_columns=["a", "b", "c"])
    both = state.truth_for(["c", "a"])
    assert both is not None
    np.testing.assert_array_equal(both.weights, TRUTH.weights)
    np.testing.assert_array_equal(both.means, TRUTH.means[:, [2, 0]])
    np.testing.assert_array_equal(both.covariances[:, 0, 1], TRUTH.covariances[:, 2, 0])
    np.testing.assert_array_equal(both.covariances[:, 1, 1], TRUTH.covariances[:, 0, 0])
    assert state.truth_for(["a", "elsewhere"]) is None  # a column the truth does not know
    assert AppState().truth_for(["a"]) is None


def test_a_session_keeps_the_truth_exactly(tmp_path: Path) -> None:
    state = _state(tmp_path)
    session = state.to_session({}, with_lists=True)
    loaded = load_session(save_session(tmp_path / "s.gmm.json", session))
    assert loaded.true_columns == ["a", "b", "c"]
    assert loaded.true_params is not None
    np.testing.assert_array_equal(loaded.true_params.means, TRUTH.means)
    np.testing.assert_array_equal(loaded.true_params.covariances, TRUTH.covariances)
    np.testing.assert_array_equal(loaded.true_params.weights, TRUTH.weights)


def test_a_session_without_truth_has_none(tmp_path: Path) -> None:
    state = _state(tmp_path)
    state.true_params, state.true_columns = None, []
    path = save_session(tmp_path / "s.gmm.json", state.to_session({}))
    assert json.loads(path.read_text())["truth"] is None
    loaded = load_session(path)
    assert loaded.true_params is None and loaded.true_columns == []
    doc = json.loads(path.read_text())
    del doc["truth"]  # sessions saved before the truth was kept
    path.write_text(json.dumps(doc))
    assert load_session(path).true_params is None


@pytest.mark.parametrize(
    "damage",
    [
        lambda t: t.update(columns="abc"),
        lambda t: t.update(columns=["a", "b"]),
        lambda t: t["params"].update(weights=[0.9, 0.9]),
        lambda t: t["params"]["covariances"][0][0].__setitem__(0, -1.0),
    ],
)
def test_a_damaged_truth_is_refused_in_plain_words(tmp_path: Path, damage) -> None:  # type: ignore[no-untyped-def]
    state = _state(tmp_path)
    path = save_session(tmp_path / "s.gmm.json", state.to_session({}))
    doc = json.loads(path.read_text())
    damage(doc["truth"])
    path.write_text(json.dumps(doc))
    with pytest.raises(SessionError) as caught:
        load_session(path)
    assert "true parameters" in str(caught.value)
