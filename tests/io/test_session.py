"""Session files round-trip exactly and reject damaged or hostile content in plain words."""

from __future__ import annotations

import json
from math import isnan, nan
from pathlib import Path

import numpy as np
import pytest

from gmm_desktop.engine import FitConfig, MixtureParams, ModelScore, fit
from gmm_desktop.io.session import (
    MAX_COMPONENTS,
    MAX_SNAPSHOTS,
    SavedModel,
    SavedRun,
    Session,
    SessionError,
    check_data_file,
    data_file_sha256,
    file_sha256,
    load_session,
    save_session,
    session_to_json,
)


def _session(tmp_path: Path) -> Session:
    rng = np.random.default_rng(0)
    X = np.concatenate([rng.normal(0, 1, (100, 2)), rng.normal(5, 1, (100, 2))])
    data = tmp_path / "d.csv"
    np.savetxt(data, X, delimiter=",", header="a,b", comments="")
    start = MixtureParams.from_user([0.5, 0.5], [[0, 0], [5, 5]], standard_deviations=[1, 1])
    config = FitConfig(n_components=2, init="manual", init_params=start, seed=None)
    result = fit(X, config)
    other = fit(
        X,
        FitConfig(
            n_components=3, covariance_type="diag", n_init=2, seed=4, stopping="total-change"
        ),
    )
    return Session(
        data_path=str(data),
        data_sha256=file_sha256(data),
        columns=["a", "b"],
        label=None,
        config=config,
        history=list(result.history),
        restart_log_likelihoods=list(result.restart_log_likelihoods),
        settings={"version": 1, "k": 2},
        runs=[
            SavedRun(r.config, list(r.history), list(r.restart_log_likelihoods))
            for r in (result, other)
        ],
        sweep=[
            SavedModel(
                ModelScore(
                    3,
                    "diag",
                    other.log_likelihood,
                    other.bic,
                    other.aic,
                    other.bic + 1.5,
                    other.n_iter,
                    other.converged,
                    False,
                    other.n_parameters,
                    notes=("one start retried",),
                ),
                SavedRun(other.config, list(other.history), list(other.restart_log_likelihoods)),
            ),
            # a model whose every start broke down: NaN scores, no fit
            SavedModel(
                ModelScore(4, "full", nan, nan, nan, nan, 0, False, True, 23, notes=("collapsed",))
            ),
        ],
    )


def test_round_trip_is_exact(tmp_path):
    original = _session(tmp_path)
    path = save_session(tmp_path / "s.gmm.json", original)
    loaded = load_session(path)
    assert loaded.columns == original.columns and loaded.config.init == "manual"
    assert loaded.config.init_params is not None
    assert np.array_equal(loaded.config.init_params.means, original.config.init_params.means)
    assert len(loaded.history) == len(original.history)
    for a, b in zip(loaded.history, original.history, strict=True):
        assert a.iteration == b.iteration and a.log_likelihood == b.log_likelihood
        assert np.array_equal(a.covariances, b.covariances)
        assert (a.converged, a.final) == (b.converged, b.final)
    assert loaded.settings == original.settings
    assert loaded.data_sha256 == file_sha256(original.data_path)
    assert len(loaded.runs) == 2
    for run, saved in zip(loaded.runs, original.runs, strict=True):
        fields = ("n_components", "covariance_type", "init", "n_init", "seed", "tol", "stopping")
        assert [getattr(run.config, f) for f in fields] == [
            getattr(saved.config, f) for f in fields
        ]
        assert run.restart_log_likelihoods == saved.restart_log_likelihoods
        assert [s.log_likelihood for s in run.history] == [s.log_likelihood for s in saved.history]
        assert np.array_equal(run.history[-1].means, saved.history[-1].means)
    assert loaded.runs[1].config.n_components == 3 and loaded.runs[1].config.n_init == 2
    assert loaded.runs[1].config.stopping == "total-change"
    (kept, kept_fit), (broken, broken_fit) = ((m.score, m.fit) for m in loaded.sweep)
    saved = original.sweep[0]
    assert (kept.n_components, kept.covariance_type, kept.bic, kept.icl_entropy, kept.notes) == (
        3, "diag", saved.score.bic, saved.score.icl_entropy, ("one start retried",)
    )  # fmt: skip
    assert kept.result is None  # rebuilt on the data by the window
    assert kept_fit is not None and saved.fit is not None
    assert len(kept_fit.history) == len(saved.fit.history)
    assert broken_fit is None and broken.degenerate and broken.n_parameters == 23
    assert isnan(broken.bic) and isnan(broken.log_likelihood)


def test_sessions_saved_before_icl_was_renamed_read_icl_as_the_entropy_icl(tmp_path):
    """Older sessions saved the entropy ICL under "icl"; that key now holds mclust's ICL."""
    doc = session_to_json(_session(tmp_path))
    model = doc["sweep"][0]
    entropy_icl = model.pop("icl_entropy")
    model["icl"] = entropy_icl
    for key in ("sabic", "caic", "awe", "relative_entropy", "smallest_class"):
        model.pop(key, None)
    path = tmp_path / "old.gmm.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    loaded = load_session(path)
    assert loaded.sweep[0].score.icl_entropy == entropy_icl


def test_sessions_saved_before_runs_were_kept_still_open(tmp_path):
    doc = session_to_json(_session(tmp_path))
    del doc["runs"]
    del doc["sweep"]
    path = tmp_path / "old.gmm.json"
    path.write_text(json.dumps(doc))
    loaded = load_session(path)
    assert loaded.runs == [] and loaded.sweep == [] and len(loaded.history) > 1


def test_sessions_saved_before_stopping_rules_open_with_aitken(tmp_path):
    doc = session_to_json(_session(tmp_path))
    assert doc["runs"][1]["config"]["stopping"] == "total-change"
    for config in (doc["config"], *(run["config"] for run in doc["runs"])):
        del config["stopping"]
    path = tmp_path / "old.gmm.json"
    path.write_text(json.dumps(doc))
    loaded = load_session(path)
    assert loaded.config.stopping == "aitken"
    assert [run.config.stopping for run in loaded.runs] == ["aitken", "aitken"]


def test_a_sweeps_accelerated_fit_keeps_its_setting(tmp_path):
    doc = session_to_json(_session(tmp_path))
    doc["runs"][0]["config"]["accelerate"] = True
    path = tmp_path / "sweep.gmm.json"
    path.write_text(json.dumps(doc))
    loaded = load_session(path)
    assert [run.config.accelerate for run in loaded.runs] == [True, False]
    del doc["runs"][0]["config"]["accelerate"]  # saved before the setting existed
    path.write_text(json.dumps(doc))
    assert not load_session(path).runs[0].config.accelerate


@pytest.mark.parametrize(
    ("mutate", "words"),
    [
        (lambda d: d.update(format="other"), "not a GMM Desktop session"),
        (lambda d: d["config"].update(stopping="__import__"), "stopping rule"),
        (lambda d: d["runs"][0]["config"].update(stopping=["aitken"]), "stopping rule"),
        (lambda d: d["config"].update(accelerate="yes"), "acceleration"),
        (lambda d: d.update(version=99), "newer"),
        (lambda d: d["config"].update(covariance_type="exec('x')"), "covariance"),
        (lambda d: d["config"].update(n_components=-1), "components"),
        (lambda d: d["history"][0].update(weights="__import__('os')"), "weights"),
        (lambda d: d["history"][0].update(means=[[1.0]]), "shape"),
        (lambda d: d["data"].update(columns="a"), "column"),
        (lambda d: d["history"][1].update(log_likelihood="nan"), "number"),
        (lambda d: d.update(runs={"run": 1}), "runs are not a list"),
        (lambda d: d["runs"][0].update(history=[]), "no iterations"),
        (lambda d: d["runs"][1]["history"][0].update(means=[[1.0]] * 3), "shape"),
        (lambda d: d["runs"][1]["config"].update(covariance_type="bad"), "covariance"),
        (lambda d: d["runs"][0].update(restart_log_likelihoods=["x"]), "number"),
        (lambda d: d.update(sweep="all"), "Choose K models are not a list"),
        (lambda d: d["sweep"][0].update(covariance="os.system"), "covariance"),
        (lambda d: d["sweep"][0].update(components=2), "disagree"),
        (lambda d: d["sweep"][0].update(bic="low"), "BIC"),
        (lambda d: d["sweep"][1].update(notes=[1]), "notes"),
        (lambda d: d["sweep"][0]["fit"].update(history=[]), "no iterations"),
        (
            lambda d: d["settings"].update(
                init_params={"weights": [1.0], "means": [[0]], "covariances": [[[-1]]]}
            ),
            "impossible covariance",
        ),
    ],
)
def test_damaged_sessions_are_refused(tmp_path, mutate, words):
    doc = session_to_json(_session(tmp_path))
    mutate(doc)
    path = tmp_path / "bad.gmm.json"
    path.write_text(json.dumps(doc))
    with pytest.raises(SessionError, match=words) as caught:
        load_session(path)
    assert caught.value.template is not None  # the window shows it translated


@pytest.mark.parametrize("content", [b"", b"\x00\xff\x10junk", b"[1, 2", b"{}", b'"text"'])
def test_junk_files_are_refused(tmp_path, content):
    path = tmp_path / "junk.gmm.json"
    path.write_bytes(content)
    with pytest.raises(SessionError) as caught:
        load_session(path)
    assert caught.value.template is not None


def test_missing_file(tmp_path):
    with pytest.raises(SessionError, match="does not exist") as caught:
        load_session(tmp_path / "nope.gmm.json")
    assert caught.value.template is not None


# -- absurd sizes and tampered numbers: refused in plain words, quickly ----------------------------
HUGE = 10**400  # a 401-digit integer: JSON has no limit, float() overflows


def _with_k(snapshot: dict, k: int) -> None:
    """Give one snapshot record ``k`` components of dimension 2."""
    snapshot.update(
        weights=[1 / k] * k,
        means=[[0.0, 0.0]] * k,
        covariances=[[[1.0, 0.0], [0.0, 1.0]]] * k,
    )


def _tampered(tmp_path: Path, mutate) -> Path:  # type: ignore[no-untyped-def]
    doc = session_to_json(_session(tmp_path))
    mutate(doc)
    path = tmp_path / "tampered.gmm.json"
    path.write_text(json.dumps(doc))
    return path


@pytest.mark.timeout(60)  # K = 2,000 froze the window for 134 s
@pytest.mark.parametrize(
    ("mutate", "words"),
    [
        (lambda d: _with_k(d["history"][0], 2000), "2000 components; at most 100"),
        (lambda d: _with_k(d["runs"][0]["history"][-1], MAX_COMPONENTS + 1), "at most 100"),
        (lambda d: d["config"].update(n_components=MAX_COMPONENTS + 1), "at most 100"),
        (lambda d: d["sweep"][1].update(components=10**30), "far too large"),
        (lambda d: d["sweep"][1].update(components=MAX_COMPONENTS + 1), "at most 100"),
        (lambda d: d["history"][0].update(n_samples=1), "2 components for 1 rows"),
        (lambda d: d["history"][0].update(iteration=HUGE), "far too large"),
        (lambda d: d["history"][0].update(n_samples=HUGE), "far too large"),
        (lambda d: d["history"][0]["means"][0].__setitem__(0, HUGE), "far too large"),
        (lambda d: d["history"][0]["means"][0].__setitem__(0, 1e308), "far too large"),
        (lambda d: d["history"][0].update(log_likelihood=HUGE), "far too large"),
        (lambda d: d["runs"][0].update(restart_log_likelihoods=[HUGE]), "far too large"),
        (lambda d: d["config"].update(seed=HUGE), "far too large"),
        (lambda d: d["config"].update(max_iter=HUGE), "far too large"),
        (lambda d: d["settings"].update(n_components=HUGE), "impossible values"),
        (lambda d: d["settings"].update(n_components=10**6), "at most 100"),
        (lambda d: d["settings"].update(seed=HUGE), "impossible values"),
        (
            lambda d: d["settings"].update(
                init_params={"weights": [HUGE, 1], "means": [[0], [1]], "covariances": [[[1]]] * 2}
            ),
            "impossible values",
        ),
        (lambda d: d["settings"].update(nested=[[[[[[[1]]]]]]]), "impossible values"),
        (lambda d: d["settings"].update(tol=1e308), "impossible values"),
    ],
)
def test_absurd_or_tampered_sessions_are_refused(tmp_path, mutate, words):
    path = _tampered(tmp_path, mutate)
    with pytest.raises(SessionError, match=words) as caught:
        load_session(path)
    assert caught.value.template is not None  # the window shows it translated


@pytest.mark.timeout(60)  # a 100,000-iteration history took 8.6 s to restore
def test_more_snapshots_than_a_session_may_hold_are_refused_before_reading_them(tmp_path):
    def flood(doc: dict) -> None:
        # not even valid records: the count is refused before any of them is read
        doc["runs"][0]["history"] = [{}] * (MAX_SNAPSHOTS - len(doc["history"]) + 1)

    with pytest.raises(SessionError, match=r"holds 100,\d+ iterations; at most 100,000") as caught:
        load_session(_tampered(tmp_path, flood))
    assert caught.value.template is not None


def test_a_session_at_the_limits_still_opens(tmp_path):
    def at_limits(doc: dict) -> None:
        doc["settings"].update(n_components=MAX_COMPONENTS, seed=2**53, note="x" * 100)

    loaded = load_session(_tampered(tmp_path, at_limits))
    assert loaded.settings["n_components"] == MAX_COMPONENTS


def test_data_paths_that_are_not_regular_files_are_refused(tmp_path):
    import os

    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    link = tmp_path / "mem.csv"
    link.symlink_to("/proc/self/mem")
    for path in (Path("/proc/self/mem"), tmp_path, fifo, link, Path("/dev/zero")):
        with pytest.raises(SessionError, match="is not a regular file") as caught:
            data_file_sha256(path)
        assert caught.value.template is not None
    with pytest.raises(SessionError, match="is missing"):
        check_data_file(tmp_path / "gone.csv")
    with pytest.raises(SessionError, match="cannot read the data file"):
        check_data_file(tmp_path / "bad\0name.csv")
    data = tmp_path / "d.csv"
    data.write_text("a\n1\n")
    assert data_file_sha256(data) == file_sha256(data)


def test_reading_options_and_typed_names_round_trip(tmp_path):
    from dataclasses import replace

    from gmm_desktop.io import ReadOptions

    options = ReadOptions(header=False, names=("sex", "height"), delimiter=";", decimal=",")
    original = replace(_session(tmp_path), read_options=options)
    loaded = load_session(save_session(tmp_path / "s.gmm.json", original))
    assert loaded.read_options == options
    older = session_to_json(_session(tmp_path))
    del older["data"]["reading"]  # saved before the import preview
    path = tmp_path / "old.gmm.json"
    path.write_text(json.dumps(older), encoding="utf-8")
    assert load_session(path).read_options is None
    older["data"]["reading"] = {"names": "sex"}
    path.write_text(json.dumps(older), encoding="utf-8")
    with pytest.raises(SessionError, match="damaged: the reading options are damaged"):
        load_session(path)
