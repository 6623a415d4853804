"""Fit indices of one fitted mixture: the comparison table a thesis reports for every model.

Every criterion here is "lower is better" (-2 LL plus a penalty). mclust reports BIC and ICL
with the opposite sign (2 LL - penalty, higher is better): our BIC is minus mclust's BIC, our
ICL minus mclust's ``icl()``. The numbers need only the log-likelihood, n, K, d, the covariance
type and the responsibilities, so they can be checked by hand.

Formulas (LL natural-log likelihood, p free parameters, n rows, z the (n, K) responsibilities,
map(i) the component of row i's largest responsibility, E = -sum_ik z_ik ln z_ik):

- AIC = -2 LL + 2 p (Akaike 1974)
- BIC = -2 LL + p ln n (Schwarz 1978)
- SABIC = -2 LL + p ln((n + 2) / 24) (Sclove 1987's sample-size-adjusted BIC)
- CAIC = -2 LL + p (ln n + 1) (Bozdogan 1987)
- ICL = BIC - 2 sum_i ln z_{i,map(i)}: mclust's convention, BIC plus the hard-classification
  term (Biernacki, Celeux and Govaert 2000; mclust's ``icl()`` is minus this)
- icl_entropy = BIC + 2 E (the soft, entropy version of ICL)
- AWE = -2 LL_C + 2 p (3/2 + ln n), the approximate weight of evidence of Banfield and Raftery
  (1993, Biometrics 49:803-821), with LL_C = LL + sum_i ln z_{i,map(i)} the classification
  log-likelihood of the hard (MAP) partition under the fitted parameters (as in Masyn 2013).
- relative entropy = 1 - E / (n ln K), between 0 and 1 (1 = every row sure of its class);
  1.0 for K = 1 by convention (there is nothing to be unsure about).

With row weights (frequencies) w_i, n is the sum of the weights and every sum over rows
(E, sum ln z_{i,map(i)}, the class counts) counts row i w_i times, so integer weights give
the indices of the file with its rows repeated; ``sum_of_weights`` then records n.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import QT_TRANSLATE_NOOP
from .errors import GMMInputError
from .params import COVARIANCE_TYPES, n_free_parameters

# A class is flagged as small below either of these (hard assignment).
# The indices a fit exports, in this order: ``fit --json`` (with ``sum_of_weights`` of a
# weighted fit), each model of ``select --json`` and the columns of ``models.csv``. Keys of
# ``FitIndices.as_dict``; the one list both commands take.
EXPORTED_INDICES = (
    "log_likelihood",
    "n_parameters",
    "bic",
    "aic",
    "sabic",
    "caic",
    "awe",
    "icl",
    "icl_entropy",
    "relative_entropy",
    "smallest_class",
    "average_posterior",
)
SMALL_CLASS_PERCENT = 5.0
SMALL_CLASS_ROWS = 25


def responsibility_entropy(resp: np.ndarray) -> float:
    """-sum z ln z over responsibilities ``resp`` of shape (n, K), with 0 ln 0 = 0."""
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(resp > 0, resp * np.log(resp), 0.0)
    return float(-np.sum(terms))


def parameter_breakdown(
    n_components: int, n_features: int, covariance_type: str
) -> tuple[int, int, int]:
    """Free parameters of a mixture as (weights K-1, means K d, covariances).

    Covariances: full K d(d+1)/2, diag K d, spherical K, tied d(d+1)/2. The sum equals
    ``params.n_free_parameters`` (scikit-learn's count).
    """
    k, d = n_components, n_features
    if covariance_type not in COVARIANCE_TYPES:
        raise GMMInputError.said(
            QT_TRANSLATE_NOOP("Errors", "unknown covariance type '{value}'"), value=covariance_type
        )
    covariances = {
        "full": k * d * (d + 1) // 2,
        "diag": k * d,
        "spherical": k,
        "tied": d * (d + 1) // 2,
    }[covariance_type]
    breakdown = (k - 1, k * d, covariances)
    assert sum(breakdown) == n_free_parameters(k, d, covariance_type)
    return breakdown


@dataclass(frozen=True)
class FitIndices:
    """The indices of one fit (see the module docstring for every formula).

    Lower is better for aic, bic, sabic, caic, awe, icl and icl_entropy; mclust's BIC and ICL
    have the opposite sign.

    Attributes
    ----------
    log_likelihood : LL, natural log.
    n_samples, n_components, n_features, covariance_type : n, K, d and the model.
    n_parameters : p = parameters_weights + parameters_means + parameters_covariances.
    aic, bic, sabic, caic, awe, icl, icl_entropy : the criteria.
    classification_log_likelihood : LL + sum_i ln z_{i,map(i)} (used by ICL and AWE).
    entropy : E = -sum z ln z.
    relative_entropy : 1 - E / (n ln K) (1.0 for K = 1).
    class_counts : rows assigned to each class (hard assignment), shape (K,).
    average_posterior : mean responsibility of each class among the rows assigned to it,
        shape (K,); NaN for a class no row is assigned to.
    smallest_class : 0-based index of the class with the fewest rows.
    smallest_class_count, smallest_class_percent : its rows and their percent of n.
    sum_of_weights : with row weights, their sum, which is the n of every criterion (None
        without weights; class counts are then weighted too, rounded to whole rows).
    """

    log_likelihood: float
    n_samples: int
    n_components: int
    n_features: int
    covariance_type: str
    parameters_weights: int
    parameters_means: int
    parameters_covariances: int
    aic: float
    bic: float
    sabic: float
    caic: float
    awe: float
    icl: float
    icl_entropy: float
    classification_log_likelihood: float
    entropy: float
    relative_entropy: float
    class_counts: tuple[int, ...]
    average_posterior: tuple[float, ...]
    smallest_class: int
    smallest_class_count: int
    smallest_class_percent: float
    sum_of_weights: float | None = None

    @property
    def n_parameters(self) -> int:
        return self.parameters_weights + self.parameters_means + self.parameters_covariances

    @property
    def smallest_class_is_small(self) -> bool:
        """True when the smallest class is under 5% of the rows or under 25 rows."""
        return (
            self.smallest_class_percent < SMALL_CLASS_PERCENT
            or self.smallest_class_count < SMALL_CLASS_ROWS
        )

    @property
    def small_class_warning(self) -> str | None:
        """A plain-words warning when the smallest class is small, else None."""
        if self.n_components < 2 or not self.smallest_class_is_small:
            return None
        return (
            f"the smallest class (component {self.smallest_class + 1}) has only "
            f"{self.smallest_class_count} of {self.n_samples} rows "
            f"({self.smallest_class_percent:.1f}%); a class under {SMALL_CLASS_PERCENT:g}% "
            f"or under {SMALL_CLASS_ROWS} rows may be a few unusual rows rather than a group"
        )

    def as_dict(self) -> dict[str, object]:
        """The indices as JSON-ready values (non-finite numbers become None).

        ``smallest_class`` is {"component" (1-based), "count", "percent", "warning" (text or
        None)}; ``average_posterior`` and ``class_counts`` have one value per class;
        ``sum_of_weights`` is there only for a weighted fit."""
        weighted = {} if self.sum_of_weights is None else {"sum_of_weights": self.sum_of_weights}
        return {
            "log_likelihood": _finite_or_none(self.log_likelihood),
            **weighted,
            "n_parameters": self.n_parameters,
            "parameters": {
                "weights": self.parameters_weights,
                "means": self.parameters_means,
                "covariances": self.parameters_covariances,
            },
            "aic": _finite_or_none(self.aic),
            "bic": _finite_or_none(self.bic),
            "sabic": _finite_or_none(self.sabic),
            "caic": _finite_or_none(self.caic),
            "awe": _finite_or_none(self.awe),
            "icl": _finite_or_none(self.icl),
            "icl_entropy": _finite_or_none(self.icl_entropy),
            "entropy": _finite_or_none(self.entropy),
            "relative_entropy": _finite_or_none(self.relative_entropy),
            "smallest_class": {
                "component": self.smallest_class + 1,
                "count": self.smallest_class_count,
                "percent": _finite_or_none(self.smallest_class_percent),
                "warning": self.small_class_warning,
            },
            "class_counts": list(self.class_counts),
            "average_posterior": [_finite_or_none(v) for v in self.average_posterior],
        }


def _finite_or_none(value: float) -> float | None:
    return float(value) if np.isfinite(value) else None


def fit_indices(
    log_likelihood: float,
    n_samples: int,
    n_components: int,
    n_features: int,
    covariance_type: str,
    responsibilities: np.ndarray,
    sample_weight: np.ndarray | None = None,
) -> FitIndices:
    """Every index of one fit.

    Parameters
    ----------
    log_likelihood : total natural-log likelihood LL of the fitted parameters.
    n_samples, n_components, n_features : n, K, d.
    covariance_type : "full", "diag", "spherical" or "tied".
    responsibilities : ndarray, shape (n, K), rows summing to 1.
    sample_weight : ndarray, shape (n,), optional row weights; n in every criterion is then
        their sum (see the module notes).
    """
    rows, k = int(n_samples), int(n_components)
    resp = np.asarray(responsibilities, dtype=float)
    if resp.shape != (rows, k):
        raise GMMInputError.said(
            QT_TRANSLATE_NOOP(
                "Errors",
                "responsibilities of shape {shape} do not match {n} rows and {k} components",
            ),
            shape=str(resp.shape),
            n=rows,
            k=k,
        )
    weights = np.ones(rows) if sample_weight is None else np.asarray(sample_weight, dtype=float)
    n: float = rows if sample_weight is None else float(np.sum(weights))
    weights_p, means_p, cov_p = parameter_breakdown(k, int(n_features), covariance_type)
    p = weights_p + means_p + cov_p
    ll = float(log_likelihood)
    deviance = -2.0 * ll
    log_n = float(np.log(n))
    bic = deviance + p * log_n
    labels = np.argmax(resp, axis=1)
    top = resp[np.arange(rows), labels]
    if sample_weight is None:
        with np.errstate(divide="ignore"):
            hard_term = float(np.sum(np.log(top)))  # <= 0
        entropy = responsibility_entropy(resp)
        counts = np.bincount(labels, minlength=k)
    else:
        with np.errstate(divide="ignore", invalid="ignore"):
            hard_term = float(np.sum(np.where(weights > 0, weights * np.log(top), 0.0)))
            terms = np.where(resp > 0, resp * np.log(resp), 0.0)
        entropy = -float(weights @ terms.sum(axis=1))
        counts = np.rint(np.bincount(labels, weights=weights, minlength=k)).astype(np.int64)
    classification_ll = ll + hard_term
    sums = np.bincount(labels, weights=top * weights, minlength=k)
    share = np.bincount(labels, weights=weights, minlength=k)  # counts, unrounded
    with np.errstate(divide="ignore", invalid="ignore"):
        average_posterior = np.where(share > 0, sums / np.where(share > 0, share, 1.0), np.nan)
    smallest = int(np.argmin(counts))
    return FitIndices(
        log_likelihood=ll,
        n_samples=rows,
        n_components=k,
        n_features=int(n_features),
        covariance_type=covariance_type,
        parameters_weights=weights_p,
        parameters_means=means_p,
        parameters_covariances=cov_p,
        aic=deviance + 2.0 * p,
        bic=bic,
        sabic=deviance + p * float(np.log((n + 2) / 24.0)),
        caic=deviance + p * (log_n + 1.0),
        awe=-2.0 * classification_ll + 2.0 * p * (1.5 + log_n),
        icl=bic - 2.0 * hard_term,
        icl_entropy=bic + 2.0 * entropy,
        classification_log_likelihood=classification_ll,
        entropy=entropy,
        relative_entropy=1.0 if k == 1 else 1.0 - entropy / (n * float(np.log(k))),
        class_counts=tuple(int(c) for c in counts),
        average_posterior=tuple(float(v) for v in average_posterior),
        smallest_class=smallest,
        smallest_class_count=int(counts[smallest]),
        smallest_class_percent=100.0 * float(counts[smallest]) / n,
        sum_of_weights=None if sample_weight is None else n,
    )
