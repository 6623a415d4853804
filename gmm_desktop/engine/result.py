"""A finished fit: the chosen start's history, responsibilities, BIC/AIC, warnings, sampling."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from .config import FitConfig, check_data
from .density import e_step
from .diagnostics import fit_warnings
from .em import EMSnapshot, RestartTracker, fit_snapshots
from .errors import GMMInputError
from .params import MixtureParams, n_free_parameters


@dataclass(frozen=True, eq=False)
class FitResult:
    """The outcome of a fit on X (n, d).

    history : snapshots of the kept start, iteration 0 first.
    responsibilities : (n, K) posteriors under the final parameters.
    restart_log_likelihoods : final log-likelihood of every start that finished.
    """

    config: FitConfig
    history: tuple[EMSnapshot, ...]
    responsibilities: np.ndarray
    restart_log_likelihoods: tuple[float, ...]
    warnings: tuple[str, ...]

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
    def n_samples(self) -> int:
        return int(self.responsibilities.shape[0])

    @property
    def n_features(self) -> int:
        return self.params.n_features

    @property
    def n_iter(self) -> int:
        return self.final.iteration

    @property
    def converged(self) -> bool:
        return self.final.converged

    @property
    def best_restart(self) -> int:
        return self.final.restart

    @property
    def labels(self) -> np.ndarray:
        """Hard assignments (0-based component of highest responsibility), shape (n,)."""
        return np.argmax(self.responsibilities, axis=1)

    @property
    def n_parameters(self) -> int:
        return n_free_parameters(
            self.params.n_components, self.n_features, self.config.covariance_type
        )

    @property
    def bic(self) -> float:
        """-2 LL + p ln n (lower is better)."""
        return -2.0 * self.log_likelihood + self.n_parameters * np.log(self.n_samples)

    @property
    def aic(self) -> float:
        """-2 LL + 2 p (lower is better)."""
        return -2.0 * self.log_likelihood + 2.0 * self.n_parameters

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
    engine: str = "reference",
) -> FitResult:
    """Build the FitResult of one start's snapshots (at least one) on X (n, d).

    ``engine`` other than "reference" computes the responsibilities with the fast engine.
    """
    if not history:
        raise GMMInputError("the fit was stopped before its first iteration")
    final = history[-1]
    if engine == "reference":
        resp = np.exp(e_step(X, final.params, config.covariance_type)[1])
    else:
        from .fast import fast_responsibilities

        resp = fast_responsibilities(X, final.params, config.covariance_type)
    warnings = fit_warnings(
        final.params, X, resp, config.reg_covar, final.converged, final.iteration, config.tol
    )
    return FitResult(
        config=config,
        history=tuple(history),
        responsibilities=resp,
        restart_log_likelihoods=tuple(restart_log_likelihoods) or (final.log_likelihood,),
        warnings=tuple(warnings),
    )


def fit(
    X: np.ndarray,
    config: FitConfig,
    *,
    on_snapshot: Callable[[EMSnapshot], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    engine: str = "auto",
) -> FitResult:
    """Fit a Gaussian mixture to X (n, d) (or (n,)) with every start in ``config``.

    ``on_snapshot`` sees each snapshot as it is made; ``should_stop`` is asked between
    iterations and ends the fit early (the best start so far is returned). ``engine``:
    "auto" uses the compiled engine when numba is there, "reference" the numpy one.
    """
    X = check_data(X)
    tracker = RestartTracker()
    for snapshot in fit_snapshots(X, config, engine=engine):
        tracker.add(snapshot)
        if on_snapshot is not None:
            on_snapshot(snapshot)
        if should_stop is not None and should_stop():
            break
    return result_from_history(
        X, config, tracker.history(), tracker.final_log_likelihoods, engine=engine
    )
