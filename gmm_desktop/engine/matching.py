"""Pairing up components: across fits (stable colours) and against known true parameters."""

from __future__ import annotations

import numpy as np

from ..errors import QT_TRANSLATE_NOOP
from .errors import GMMInputError
from .params import MixtureParams


def _pooled_sd(*mixtures: MixtureParams) -> np.ndarray:
    """Per-feature within-component sd, weight-averaged over the mixtures, shape (d,)."""
    variances = [m.weights @ np.diagonal(m.covariances, axis1=1, axis2=2) for m in mixtures]
    sd = np.sqrt(np.mean(variances, axis=0))
    sd[~(sd > 0)] = 1.0
    return sd


def _check_same_features(reference: MixtureParams, other: MixtureParams) -> None:
    if reference.n_features != other.n_features:
        raise GMMInputError.said(
            QT_TRANSLATE_NOOP("Errors", "cannot match components of {d0} and {d1} columns"),
            d0=reference.n_features,
            d1=other.n_features,
        )


def _assignment(reference: MixtureParams, other: MixtureParams) -> list[tuple[int, int]]:
    """Matched (reference, other) component pairs, sorted by reference component."""
    _check_same_features(reference, other)
    sd = _pooled_sd(reference, other)
    diff = (reference.means[:, None, :] - other.means[None, :, :]) / sd
    from scipy.optimize import linear_sum_assignment  # 0.2 s to import: only when matching

    rows, cols = linear_sum_assignment(np.sum(diff**2, axis=2))
    return sorted((int(i), int(j)) for i, j in zip(rows, cols, strict=True))


def order_by_first_mean(params: MixtureParams) -> np.ndarray:
    """Permutation sorting components by their first mean coordinate (ties: the next ones).

    Returns
    -------
    ndarray of int, shape (K,); ``params.reordered(order)`` is the sorted mixture.
    """
    return np.lexsort(params.means.T[::-1]).astype(int)


def match_components(reference: MixtureParams, other: MixtureParams) -> np.ndarray:
    """Permutation of ``other``'s components that best matches ``reference``.

    Components are paired by Hungarian assignment on squared distances between means, each
    feature scaled by the pooled within-component standard deviation of both mixtures.

    Returns
    -------
    ndarray of int, shape (K_other,)
        ``other.reordered(perm)`` puts the match of reference component i at position i
        (for i < min(K_ref, K_other)). If ``other`` has more components, the unmatched ones
        follow, ordered by first mean; if it has fewer, position i holds the match of the
        i-th matched reference component.
    """
    matched = [j for _, j in _assignment(reference, other)]
    rest = [j for j in order_by_first_mean(other) if j not in set(matched)]
    return np.array(matched + [int(j) for j in rest], dtype=int)


def compare_to_truth(true: MixtureParams, fitted: MixtureParams) -> list[dict[str, object]]:
    """Matched rows of true and fitted parameters, for the "how close did EM get" table.

    Each row: ``component`` (1-based, true numbering), ``fitted_component`` (1-based),
    ``true_weight``, ``fitted_weight``, ``weight_difference`` and, as lists of d values,
    ``true_mean``, ``fitted_mean``, ``mean_difference``, ``true_sd``, ``fitted_sd``,
    ``sd_difference``, and as lists of d(d-1)/2 values (pairs (0, 1), (0, 2), ..., (1, 2), ...)
    ``true_correlation``, ``fitted_correlation``, ``correlation_difference``. Differences are
    fitted minus true. Only matched pairs are listed.
    """
    rows: list[dict[str, object]] = []
    true_sd, fitted_sd = true.standard_deviations, fitted.standard_deviations
    upper = np.triu_indices(true.n_features, k=1)
    true_corr, fitted_corr = true.correlations, fitted.correlations
    for i, j in _assignment(true, fitted):
        rows.append(
            {
                "component": i + 1,
                "fitted_component": j + 1,
                "true_weight": float(true.weights[i]),
                "fitted_weight": float(fitted.weights[j]),
                "weight_difference": float(fitted.weights[j] - true.weights[i]),
                "true_mean": true.means[i].tolist(),
                "fitted_mean": fitted.means[j].tolist(),
                "mean_difference": (fitted.means[j] - true.means[i]).tolist(),
                "true_sd": true_sd[i].tolist(),
                "fitted_sd": fitted_sd[j].tolist(),
                "sd_difference": (fitted_sd[j] - true_sd[i]).tolist(),
                "true_correlation": true_corr[i][upper].tolist(),
                "fitted_correlation": fitted_corr[j][upper].tolist(),
                "correlation_difference": (fitted_corr[j][upper] - true_corr[i][upper]).tolist(),
            }
        )
    return rows
