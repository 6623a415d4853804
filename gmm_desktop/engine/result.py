"""A finished fit: the chosen start's history, responsibilities, BIC/AIC, warnings, sampling."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np

from ..errors import QT_TRANSLATE_NOOP, Phrase
from .backend import Backend, ready
from .config import FitConfig, check_data, check_weights, filled_with_column_means
from .diagnostics import data_scale, degenerate_components, fit_warnings
from .em import EMSnapshot
from .errors import GMMInputError
from .indices import FitIndices, fit_indices
from .params import MixtureParams, n_free_parameters
from .search import SAME_OPTIMUM, Judge, RestartTracker, search_snapshots
from .starts import n_starts

# Final log-likelihoods within SAME_OPTIMUM (relative, search.py) of the kept one count as
# reaching it.


class HistoryResult:
    """The one-line properties of a finished fit read off its ``history`` and ``config``.

    Shared by ``FitResult`` and ``streaming.StreamedFit`` (both frozen dataclasses with the
    fields ``config`` and ``history``, iteration 0 first).
    """

    config: FitConfig
    history: tuple[EMSnapshot, ...]

    @property
    def final(self) -> EMSnapshot:
        return self.history[-1]

    @property
    def params(self) -> MixtureParams:
        return self.final.params

    @property
    def log_likelihood(self) -> float:
        """Total log-likelihood (natural log) of the final parameters."""
        return self.final.log_likelihood

    @property
    def n_iter(self) -> int:
        return self.final.iteration

    @property
    def converged(self) -> bool:
        return self.final.converged

    @property
    def n_parameters(self) -> int:
        p = self.params
        return n_free_parameters(p.n_components, p.n_features, self.config.covariance_type)


@dataclass(frozen=True, eq=False)
class FitResult(HistoryResult):
    """The outcome of a fit on X (n, d).

    history : snapshots of the kept start, iteration 0 first.
    responsibilities : (n, K) posteriors under the final parameters.
    restart_log_likelihoods : final log-likelihood of every start that finished.
    n_starts : starts planned (screened-out ones included).
    starts_reaching_best : finished starts that ended at the kept optimum (within 1e-6
        relative); once means the optimum may well not be the best there is.
    sample_weight : the row weights (n,) of a weighted fit, or None; with them the n of BIC,
        AIC and the other indices is their sum (``sum_of_weights``).
    cells_filled : missing cells the model filled in (``config.missing`` "model"), else 0.
    rows_fitted : the rows EM ran on when ``responsibilities`` cover only a random sample of
        them (a file streamed because it exceeds the memory budget), else None. It is then the
        n of BIC and AIC; the indices read from responsibilities (entropy, ICL, class sizes)
        are the sample's.
    """

    config: FitConfig
    history: tuple[EMSnapshot, ...]
    responsibilities: np.ndarray
    restart_log_likelihoods: tuple[float, ...]
    warnings: tuple[str, ...]
    n_starts: int = 1
    starts_reaching_best: int = 1
    sample_weight: np.ndarray | None = None
    cells_filled: int = 0
    rows_fitted: int | None = None

    @property
    def n_samples(self) -> int:
        if self.rows_fitted is not None:
            return self.rows_fitted
        return int(self.responsibilities.shape[0])

    @property
    def sum_of_weights(self) -> float:
        """The n of the fit indices: the sum of the row weights, or the number of rows."""
        if self.sample_weight is None:
            return float(self.n_samples)
        return float(np.sum(self.sample_weight))

    @property
    def n_features(self) -> int:
        return self.params.n_features

    @property
    def best_restart(self) -> int:
        return self.final.restart

    @property
    def labels(self) -> np.ndarray:
        """Hard assignments (0-based component of highest responsibility), shape (n,)."""
        return np.argmax(self.responsibilities, axis=1)

    @property
    def bic(self) -> float:
        """-2 LL + p ln n (lower is better)."""
        return -2.0 * self.log_likelihood + self.n_parameters * np.log(self.sum_of_weights)

    @property
    def aic(self) -> float:
        """-2 LL + 2 p (lower is better)."""
        return -2.0 * self.log_likelihood + 2.0 * self.n_parameters

    @cached_property
    def indices(self) -> FitIndices:
        """AIC, BIC, SABIC, CAIC, AWE, ICL, entropy and class sizes (``engine.indices``).

        With ``rows_fitted`` the sample's rows stand for all of them: each weighs
        rows_fitted / sample rows, so n is every row and the entropy terms and class sizes are
        estimates of all rows' from the sample."""
        if self.rows_fitted is not None:
            shown = int(self.responsibilities.shape[0])
            found = fit_indices(
                self.log_likelihood,
                shown,
                self.params.n_components,
                self.n_features,
                self.config.covariance_type,
                self.responsibilities,
                np.full(shown, self.rows_fitted / shown),
            )
            return replace(found, n_samples=self.rows_fitted, sum_of_weights=None)
        return fit_indices(
            self.log_likelihood,
            self.n_samples,
            self.params.n_components,
            self.n_features,
            self.config.covariance_type,
            self.responsibilities,
            self.sample_weight,
        )

    def sample(self, n: int, seed: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Draw n rows from the fitted mixture: (X (n, d), component (n,))."""
        return sample_mixture(self.params, n, seed)


def sample_mixture(
    params: MixtureParams, n: int, seed: int | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Draw n rows from a mixture: returns (X (n, d), component index (n,))."""
    rng = np.random.default_rng(seed)
    components = rng.choice(params.n_components, size=n, p=params.weights)
    X = np.empty((n, params.n_features))
    for j in range(params.n_components):
        rows = components == j
        X[rows] = rng.multivariate_normal(
            params.means[j], params.covariances[j], size=int(rows.sum()), method="cholesky"
        )
    return X, components


def result_from_history(
    X: np.ndarray,
    config: FitConfig,
    history: Sequence[EMSnapshot],
    restart_log_likelihoods: Sequence[float] = (),
    *,
    backend: Backend | None = None,
    starts: int | None = None,
    sample_weight: np.ndarray | None = None,
    rows_fitted: int | None = None,
) -> FitResult:
    """Build the FitResult of one start's snapshots (at least one) on X (n, d).

    ``starts`` defaults to the number of final log-likelihoods given; the result counts how
    many of those ended within ``SAME_OPTIMUM`` (relative) of the kept one.
    ``sample_weight`` (n,) are the row weights of a weighted fit (kept in the result).
    ``rows_fitted``: the rows EM ran on when X is only a sample of them (``FitResult``).
    """
    if not history:
        raise GMMInputError.said(
            QT_TRANSLATE_NOOP("Errors", "the fit was stopped before its first iteration")
        )
    final = history[-1]
    resp = (backend or ready()).responsibilities(X, final.params, config.covariance_type)
    warnings = fit_warnings(
        final.params,
        filled_with_column_means(X),
        resp,
        config.reg_covar,
        final.converged,
        final.iteration,
        config.tol,
        config.covariance_type,
    )
    finals = tuple(restart_log_likelihoods) or (final.log_likelihood,)
    margin = SAME_OPTIMUM * max(1.0, abs(final.log_likelihood))
    starts_reaching_best = sum(1 for ll in finals if abs(ll - final.log_likelihood) <= margin)
    n = len(finals) if starts is None else starts
    if n > 1 and starts_reaching_best <= 1:
        warnings.append(
            Phrase(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "the best log-likelihood was reached by only one of {n} starts; more "
                    "restarts may find a better fit",
                ),
                n=n,
            )
        )
    return FitResult(
        config=config,
        history=tuple(history),
        responsibilities=resp,
        restart_log_likelihoods=finals,
        warnings=tuple(warnings),
        n_starts=n,
        starts_reaching_best=starts_reaching_best,
        sample_weight=check_weights(sample_weight, X.shape[0]),
        cells_filled=int(np.isnan(X).sum()),
        rows_fitted=rows_fitted,
    )


def collapse_judge(X: np.ndarray, config: FitConfig, backend: Backend | None = None) -> Judge:
    """A ``RestartTracker`` judge: the collapsed components of a start's final model on X."""
    run = backend or ready()
    filled = filled_with_column_means(X)  # missing cells (missing="model") as column means
    known = data_scale(filled)  # the data's scale and steps, once for every start judged

    def judge(snapshot: EMSnapshot) -> dict[int, str]:
        resp = run.responsibilities(X, snapshot.params, config.covariance_type)
        found = degenerate_components(
            filled, snapshot.params, resp, config.reg_covar, config.covariance_type, known
        )
        return dict(found)

    return judge


def result_from_tracker(
    X: np.ndarray,
    config: FitConfig,
    tracker: RestartTracker,
    backend: Backend | None = None,
    sample_weight: np.ndarray | None = None,
    history: Sequence[EMSnapshot] | None = None,
) -> FitResult:
    """The FitResult of the start ``tracker`` kept, with how many starts reached it.
    ``history`` replaces the kept start's snapshots as the tracker holds them (a thin search
    run again: ``search.full_history``)."""
    return result_from_history(
        X,
        config,
        tracker.history() if history is None else history,
        tracker.final_log_likelihoods,
        backend=backend,
        starts=n_starts(config),
        sample_weight=sample_weight,
    )


def fit(
    X: np.ndarray,
    config: FitConfig,
    *,
    on_snapshot: Callable[[EMSnapshot], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    backend: Backend | None = None,
    sample_weight: np.ndarray | None = None,
) -> FitResult:
    """Fit a Gaussian mixture to X (n, d) (or (n,)) with every start in ``config``.

    Starts are screened and the best carried on (``search.search_snapshots``); a start whose
    model collapsed is kept only when all did. ``on_snapshot`` sees each snapshot as it is
    made; ``should_stop`` is asked between iterations and ends the fit early (the best start
    so far is returned). ``backend`` defaults to ``backend.ready()``. ``sample_weight`` (n,)
    weights the rows (weighted EM; BIC and the other indices then take n = their sum).
    """
    X = check_data(X, allow_missing=config.missing == "model")
    weights = check_weights(sample_weight, X.shape[0])
    run = backend or ready()
    tracker = RestartTracker(collapse_judge(X, config, run))
    for snapshot in search_snapshots(X, config, backend=run, sample_weight=weights):
        tracker.add(snapshot)
        if on_snapshot is not None:
            on_snapshot(snapshot)
        if should_stop is not None and should_stop():
            break
    return result_from_tracker(X, config, tracker, run, weights)
