"""The start driver finds the best optimum there is: against scikit-learn as the oracle.

scikit-learn's best is the best non-degenerate log-likelihood (by our own collapse check) over
its three kinds of start x several seeds, each run to a tight tolerance. Ours is a default
``fit`` with 10 restarts, and the default ``select`` sweep.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import GaussianMixture

from gmm_desktop.engine import FitConfig, MixtureParams, backend, fit, iterate_em, sweep_models
from gmm_desktop.engine.diagnostics import degenerate_components
from gmm_desktop.engine.search import SCREEN_ITERATIONS, RestartTracker, search_snapshots
from gmm_desktop.engine.starts import start_kind, start_plan

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"
SK_SEEDS = 4
REL = 1e-6


def demo(name: str, columns: list[str]) -> np.ndarray:
    return pd.read_csv(DEMO / f"{name}.csv")[columns].to_numpy(float)


IRIS = ["sepal_length", "sepal_width", "petal_length", "petal_width"]
DATA = {
    "iris": lambda: demo("iris", IRIS),
    "faithful": lambda: demo("faithful", ["eruptions", "waiting"]),
    "heights": lambda: demo("heights", ["height"]),
    "clusters_3d": lambda: demo("clusters_3d", ["x1", "x2", "x3"]),
}


def sklearn_best_sound(X: np.ndarray, k: int, covariance_type: str) -> float:
    """Best log-likelihood of scikit-learn fits that our collapse check calls sound."""
    d = X.shape[1]
    best = -np.inf
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        for init in ("kmeans", "k-means++", "random_from_data"):
            for seed in range(SK_SEEDS):
                gm = GaussianMixture(
                    k,
                    covariance_type=covariance_type,
                    init_params=init,
                    random_state=seed,
                    tol=1e-10,
                    max_iter=3000,
                ).fit(X)
                ll = float(gm.score(X) * len(X))
                if ll <= best:
                    continue
                cov = np.asarray(gm.covariances_)
                if covariance_type == "diag":
                    cov = np.stack([np.diag(c) for c in cov])
                elif covariance_type == "spherical":
                    cov = np.stack([np.eye(d) * c for c in cov])
                elif covariance_type == "tied":
                    cov = np.repeat(cov[None], k, axis=0)
                params = MixtureParams(gm.weights_, gm.means_, cov)
                if not degenerate_components(
                    X, params, gm.predict_proba(X), gm.reg_covar, covariance_type
                ):
                    best = ll
    return best


CASES = [
    *[("iris", ct, k) for ct in ("full", "diag", "spherical", "tied") for k in (2, 3, 4)],
    ("iris", "diag", 5),
    ("iris", "spherical", 5),
    ("iris", "tied", 5),
    *[("faithful", ct, k) for ct in ("full", "diag", "spherical", "tied") for k in (2, 3)],
    ("faithful", "full", 4),
    ("heights", "full", 2),
    ("heights", "tied", 2),
    ("clusters_3d", "full", 4),
]


@pytest.mark.parametrize(("name", "covariance_type", "k"), CASES)
def test_default_fit_reaches_sklearns_best(name: str, covariance_type: str, k: int) -> None:
    X = DATA[name]()
    ours = fit(X, FitConfig(k, covariance_type=covariance_type, n_init=10, seed=0))
    theirs = sklearn_best_sound(X, k, covariance_type)
    assert ours.log_likelihood >= theirs - REL * abs(theirs), (ours.log_likelihood, theirs)
    assert not any("collapsed" in w for w in ours.warnings)
    assert 1 <= ours.starts_reaching_best <= len(ours.restart_log_likelihoods)


def test_default_select_reaches_sklearns_best_on_faithful() -> None:
    X = DATA["faithful"]()
    scores = sweep_models(X, [2, 3], ["full", "diag", "spherical", "tied"], seed=0)
    for score in scores:
        theirs = sklearn_best_sound(X, score.n_components, score.covariance_type)
        assert not score.degenerate
        assert score.log_likelihood >= theirs - REL * abs(theirs), score


def test_homeworks_flat_likelihood_is_climbed_to_its_maximum() -> None:
    """600 from N(176, 8^2) then 400 from N(164, 6^2) (np.random.seed(1)): the mean-change
    rule at 1e-6 stops short; the default Aitken rule reaches the maximum."""
    draws = np.random.RandomState(1)  # the homework draws with np.random.seed(1)
    X = np.concatenate([draws.normal(176, 8, 600), draws.normal(164, 6, 400)])[:, None]
    result = fit(X, FitConfig(2))
    limit = [s.log_likelihood for s in iterate_em(X, result.params, max_iter=4000, tol=0.0)][-1]
    assert limit == pytest.approx(-3652.389, abs=1e-3)
    assert result.converged and abs(result.log_likelihood - limit) < 1e-4
    early = fit(X, FitConfig(2, stopping="mean-change", tol=1e-6))
    assert limit - early.log_likelihood > 1e-3


def test_screening_carries_the_best_short_runs_on() -> None:
    X = DATA["faithful"]()
    config = FitConfig(3, n_init=3, seed=4)
    plan = start_plan(config)
    assert [s.init for s in plan] == [start_kind("auto", r) for r in range(9)]
    assert [s.init for s in plan[:4]] == ["hierarchical", "kmeans++", "random-from-data", "random"]
    seen = list(search_snapshots(X, config, backend=backend.REFERENCE))
    by_start: dict[int, list[float]] = {}
    for s in seen:
        by_start.setdefault(s.restart, []).append(s.log_likelihood)
    finished = {s.restart for s in seen if s.final}
    assert len(finished) == 3
    screened = {r: lls[SCREEN_ITERATIONS] for r, lls in by_start.items() if r not in finished}
    assert all(len(by_start[r]) == SCREEN_ITERATIONS + 1 for r in screened)  # dropped there
    carried_at_screen = min(
        by_start[r][min(SCREEN_ITERATIONS, len(by_start[r]) - 1)] for r in finished
    )
    assert all(ll <= carried_at_screen for ll in screened.values())
    # a carried start's path is that of a plain run from the same start
    r = max(finished, key=lambda i: by_start[i][-1])
    plain = iterate_em(X, plan[r].params(X, config), covariance_type="full", tol=config.tol)
    assert [s.log_likelihood for s in plain] == by_start[r]


def test_two_point_collapse_is_flagged_and_never_kept() -> None:
    """The homework's trap: a component of weight 0.002 and sd 0.05 on two distinct heights
    (data sd 9) has the higher likelihood, and must be flagged and passed over."""
    rng = np.random.default_rng(3)
    X = np.concatenate([rng.normal(170, 9, 998), [150.0, 150.1]])[:, None]
    spike = MixtureParams([0.998, 0.002], [[170.0], [150.05]], [[[81.0]], [[0.0025]]])
    resp = backend.REFERENCE.responsibilities(X, spike, "full")
    found = degenerate_components(X, spike, resp, 1e-6, "full")
    assert list(found) == [1] and "collapsed" in found[1]
    sound = MixtureParams([0.5, 0.5], [[165.0], [175.0]], [[[60.0]], [[60.0]]])
    config = FitConfig(2, max_iter=0)

    def judge(snapshot):
        r = backend.REFERENCE.responsibilities(X, snapshot.params, "full")
        return degenerate_components(X, snapshot.params, r, 1e-6, "full")

    tracker = RestartTracker(judge)
    for restart, params in enumerate((spike, sound)):
        (snap,) = iterate_em(X, params, max_iter=0, restart=restart, n_restarts=2)
        tracker.add(snap)
    assert tracker.finals[0] > tracker.finals[1]  # the collapse looks better ...
    assert tracker.history()[-1].restart == 1 and tracker.kept_is_sound  # ... and is not kept
    assert config.max_iter == 0


def test_run_of_keeps_a_screened_start_whole_for_a_live_view() -> None:
    """A carried start comes back after the others' short runs: its path is shown whole."""
    X = DATA["faithful"]()
    config = FitConfig(3, n_init=2, seed=1)
    tracker = RestartTracker()
    seen: dict[int, list[int]] = {}
    for snapshot in search_snapshots(X, config, backend=backend.REFERENCE):
        tracker.add(snapshot)
        seen.setdefault(snapshot.restart, []).append(snapshot.iteration)
        shown = tracker.run_of(snapshot.restart)
        assert [s.iteration for s in shown] == seen[snapshot.restart]  # from iteration 0 on
        assert shown[-1].log_likelihood == snapshot.log_likelihood
    kept = tracker.history()[-1].restart
    assert tracker.run_of(kept) is tracker.history()


@pytest.mark.parametrize("covariance_type", ["full", "diag", "spherical", "tied"])
def test_a_thin_search_leaves_snapshots_out_but_not_the_screening_point_or_the_finals(
    covariance_type: str,
) -> None:
    X = DATA["faithful"]()
    config = FitConfig(4, covariance_type=covariance_type, n_init=3, seed=2)
    run = backend.warm_up()
    assert run.compiled
    every = list(search_snapshots(X, config, backend=run))
    thin = list(search_snapshots(X, config, backend=run, thin=True))
    assert len(thin) < len(every) / 4
    key = {(s.restart, s.iteration): s for s in every}
    for s in thin:  # a subset of the same snapshots
        same = key[(s.restart, s.iteration)]
        assert s.log_likelihood == same.log_likelihood and s.final == same.final
        np.testing.assert_array_equal(s.params.covariances, same.params.covariances)
    assert {s.restart for s in thin if s.final} == {s.restart for s in every if s.final}
    screened = {s.restart for s in every if s.iteration == SCREEN_ITERATIONS}
    assert screened == {s.restart for s in thin if s.iteration == SCREEN_ITERATIONS}


def test_a_sweep_model_keeps_its_whole_history_as_fit_finds_it() -> None:
    """``select`` searches thin and runs the kept start again: the same history as ``fit``."""
    X = DATA["faithful"]()
    run = backend.warm_up()
    for k, covariance_type in [(3, "full"), (5, "diag"), (4, "tied")]:
        (score,) = sweep_models(X, [k], [covariance_type], n_init=5, seed=1, backend=run)
        assert score.result is not None
        config = score.result.config
        whole = fit(X, config, backend=run)
        assert [s.iteration for s in score.result.history] == list(
            range(whole.history[-1].iteration + 1)
        )
        assert [s.log_likelihood for s in score.result.history] == [
            s.log_likelihood for s in whole.history
        ]
        assert score.starts_reaching_best == whole.starts_reaching_best
