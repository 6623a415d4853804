"""Synthetic mixture data with known true parameters (numpy only).

``generate`` draws exactly round(n * weight) rows from each component (adjusted so the
counts add up to n), then shuffles the rows, so the heights preset gives exactly 600 and
400 people and the true component of every row is known.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..errors import QT_TRANSLATE_NOOP
from .errors import GMMInputError
from .params import MixtureParams

__all__ = [
    "PRESETS",
    "SyntheticSpec",
    "component_counts",
    "default_feature_names",
    "generate",
    "preset_description",
]

MAX_SAMPLES = 50_000_000


@dataclass(frozen=True, eq=False)
class SyntheticSpec:
    """True parameters of a synthetic data set.

    Attributes
    ----------
    params : MixtureParams with weights (K,), means (K, d), full covariances (K, d, d)
    n_samples : number of rows to draw
    feature_names : d column names
    component_names : K names written as a label column (e.g. ("M", "F")), or None
    label_name : name of that label column (e.g. "sex"), or None
    """

    params: MixtureParams
    n_samples: int
    feature_names: tuple[str, ...]
    component_names: tuple[str, ...] | None = None
    label_name: str | None = None

    def __post_init__(self) -> None:
        k, d = self.params.n_components, self.params.n_features
        if not 1 <= int(self.n_samples) <= MAX_SAMPLES:
            raise GMMInputError.said(
                QT_TRANSLATE_NOOP("Errors", "the number of rows must be between 1 and {limit}"),
                limit=f"{MAX_SAMPLES:,}",
            )
        if len(self.feature_names) != d:
            raise GMMInputError.said(
                QT_TRANSLATE_NOOP("Errors", "there are {names} column names for {d} features"),
                names=len(self.feature_names),
                d=d,
            )
        if self.component_names is not None and len(self.component_names) != k:
            raise GMMInputError.said(
                QT_TRANSLATE_NOOP("Errors", "there are {names} group names for {k} components"),
                names=len(self.component_names),
                k=k,
            )
        if (self.component_names is None) != (self.label_name is None):
            raise GMMInputError.said(
                QT_TRANSLATE_NOOP(
                    "Errors", "give both the group names and the name of the label column"
                )
            )

    def with_n_samples(self, n_samples: int) -> SyntheticSpec:
        """The same mixture with a different number of rows."""
        return SyntheticSpec(
            self.params, n_samples, self.feature_names, self.component_names, self.label_name
        )


def default_feature_names(d: int) -> tuple[str, ...]:
    """``("x",)`` for one feature, else ``("x1", "x2", ...)``."""
    return ("x",) if d == 1 else tuple(f"x{j + 1}" for j in range(d))


def component_counts(n: int, weights: np.ndarray) -> np.ndarray:
    """Rows per component: round(n * weights), adjusted by largest remainders to sum to n."""
    exact = n * np.asarray(weights, dtype=float) / np.sum(weights)
    counts = np.floor(exact).astype(np.int64)
    short = n - int(counts.sum())
    if short > 0:
        order = np.argsort(-(exact - counts), kind="stable")
        counts[order[:short]] += 1
    return counts


def generate(spec: SyntheticSpec, seed: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Draw the data set described by ``spec``.

    Parameters
    ----------
    spec : the true parameters and size.
    seed : the same seed gives the same rows; None draws fresh ones.

    Returns
    -------
    X : ndarray, shape (n, d)
    component : ndarray of int, shape (n,), the 0-based true component of each row
    """
    params = spec.params
    rng = np.random.default_rng(seed)
    counts = component_counts(int(spec.n_samples), params.weights)
    blocks = [
        rng.multivariate_normal(params.means[j], params.covariances[j], size=int(c), method="eigh")
        for j, c in enumerate(counts)
    ]
    X = np.concatenate(blocks, axis=0).reshape(-1, params.n_features)
    component = np.repeat(np.arange(params.n_components), counts)
    order = rng.permutation(X.shape[0])
    return np.ascontiguousarray(X[order]), component[order]


def _spec(
    weights: Sequence[float],
    means: Sequence[Sequence[float]] | Sequence[float],
    n: int,
    *,
    sds: Sequence[float] | None = None,
    covariances: Sequence[Sequence[Sequence[float]]] | None = None,
    feature_names: tuple[str, ...] | None = None,
    component_names: tuple[str, ...] | None = None,
    label_name: str | None = None,
) -> SyntheticSpec:
    params = MixtureParams.from_user(
        weights, means, covariances=covariances, standard_deviations=sds
    )
    names = feature_names or default_feature_names(params.n_features)
    return SyntheticSpec(params, n, names, component_names, label_name)


PRESETS: dict[str, SyntheticSpec] = {
    "heights": _spec(
        [0.6, 0.4],
        [176.0, 164.0],
        1000,
        sds=[8.0, 6.0],
        feature_names=("height",),
        component_names=("M", "F"),
        label_name="sex",
    ),
    "2d": _spec(
        [0.5, 0.5],
        [[1.0, 1.0], [7.0, 7.0]],
        400,
        covariances=[[[3.0, 2.0], [2.0, 3.0]], [[2.0, -1.0], [-1.0, 2.0]]],
    ),
    "1d-three": _spec([0.3, 0.4, 0.3], [-4.0, 0.0, 5.0], 1000, sds=[1.0, 1.5, 1.0]),
    "3d-four": _spec(
        [0.25, 0.25, 0.25, 0.25],
        [[0.0, 0.0, 0.0], [6.0, 0.0, 1.0], [0.0, 6.0, 2.0], [5.0, 5.0, 7.0]],
        1000,
        covariances=[
            [[1.0, 0.5, 0.2], [0.5, 1.5, 0.3], [0.2, 0.3, 1.0]],
            [[2.0, -0.6, 0.0], [-0.6, 1.0, 0.2], [0.0, 0.2, 0.8]],
            [[1.2, 0.0, 0.4], [0.0, 0.8, -0.3], [0.4, -0.3, 1.5]],
            [[1.0, 0.3, -0.4], [0.3, 1.0, 0.5], [-0.4, 0.5, 2.0]],
        ],
    ),
}

_DESCRIPTIONS = {
    "heights": "heights in cm of 600 men from N(176, 8^2) and 400 women from N(164, 6^2), "
    "with a sex column M/F",
    "2d": "two correlated 2-D clusters of 200 points around (1, 1) and (7, 7)",
    "1d-three": "three 1-D groups: weights 0.3/0.4/0.3, means -4/0/5, standard deviations 1/1.5/1",
    "3d-four": "four 3-D clusters of 250 points with full covariances",
}


def preset_description(key: str) -> str:
    """One line saying what the preset ``key`` holds."""
    if key not in PRESETS:
        raise GMMInputError.said(
            QT_TRANSLATE_NOOP("Errors", "there is no preset '{key}' (presets: {presets})"),
            key=key,
            presets=", ".join(PRESETS),
        )
    return _DESCRIPTIONS[key]
