"""Plain-words warnings about a fitted mixture: collapsed or empty components."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..errors import QT_TRANSLATE_NOOP, Phrase
from .params import MixtureParams

# A component's own spread (regularisation removed) at or below this fraction of the data's
# variance, in some direction, means its rows share (nearly) one value.
RELATIVE_SPREAD_FLOOR = 1e-10
# A component whose smallest variance is within this factor of reg_covar sits at the floor ...
FLOOR_FACTOR = 10.0
# ... which only matters when the data vary at least this much more in that direction.
FLOOR_MARGIN = 1e3
# A component narrower than this fraction of the data's spread (sd, in some direction) ...
TINY_SPREAD = 1e-2
# ... while holding fewer rows than this many per column plus one, or than this share of the
# rows, is fitted to a handful of points: its likelihood is spurious (a 2-point component of
# sd 0.04 among heights of sd 9).
FEW_ROWS_PER_DIMENSION = 5
FEW_ROWS_SHARE = 0.01
# The data's scale is judged on at most this many evenly spaced rows (a million-row fit's
# warnings then cost milliseconds, not a sort of every column).
SCALE_ROWS = 100_000
# reg_covar above this fraction of a column's variance swamps that column's spread: data
# recorded in small units (1e-4 with sd 2e-5) come back as identical components of sd 0.001.
REG_COVAR_SHARE = 1e-3
# Above this many columns a component's spread is checked along each column instead of in
# every direction: an eigendecomposition of a 10,000 x 10,000 covariance takes minutes.
DENSE_CHECK_FEATURES = 500


def value_steps(X: np.ndarray) -> np.ndarray:
    """Smallest gap between distinct values of each column of X (n, d); inf if constant.

    For data recorded to whole units (minutes, centimetres) this is the recording step.
    """
    steps = np.full(X.shape[1], np.inf)
    for c in range(X.shape[1]):
        gaps = np.diff(np.unique(X[:, c]))
        if gaps.size:
            steps[c] = float(gaps.min())
    return steps


def _thinned(X: np.ndarray) -> np.ndarray:
    """At most ``SCALE_ROWS`` evenly spaced rows of X (n, d) (all of them when fewer)."""
    stride = -(-X.shape[0] // SCALE_ROWS)
    return X[::stride] if stride > 1 else X


def _constant_columns(X: np.ndarray) -> np.ndarray:
    """Which columns of X (n, d) hold one value in every row, shape (d,) bool.

    A column that varies in the thinned rows varies; only the others are checked in full
    (a reduction down the rows of a wide C-ordered array is slow at a million rows).
    """
    sample = _thinned(X)
    constant = np.ptp(sample, axis=0) == 0 if len(sample) else np.ones(X.shape[1], bool)
    for c in np.flatnonzero(constant):
        constant[c] = bool(np.all(X[:, c] == X[0, c]))
    return constant


def _column_sums(resp: np.ndarray) -> np.ndarray:
    """Sum over rows of resp (n, K), shape (K,) (a matrix product: fast for tall arrays)."""
    return np.ones(resp.shape[0]) @ resp


def _robust_scale(X: np.ndarray) -> np.ndarray:
    """Per-column spread (d,) that one far outlier cannot inflate: IQR / 1.349, else the sd."""
    q75, q25 = np.percentile(X, [75, 25], axis=0)
    scale = (q75 - q25) / 1.349
    sd = X.std(axis=0)
    scale = np.where(scale > 0, scale, sd)
    return np.where(scale > 0, scale, 1.0)


def regularisation_warning(X: np.ndarray, reg_covar: float) -> Phrase | None:
    """A sentence when ``reg_covar`` is not small against the variance of some column of X (n, d).

    The variance is judged on at most ``SCALE_ROWS`` rows; constant columns are left to their
    own warning.
    """
    if reg_covar <= 0 or X.shape[1] == 0:
        return None
    variances = np.var(_thinned(X), axis=0)
    swamped = np.flatnonzero((variances > 0) & (reg_covar > REG_COVAR_SHARE * variances))
    if not swamped.size:
        return None
    return Phrase(
        QT_TRANSLATE_NOOP(
            "Errors",
            "column {columns} varies so little (variance {variance}) that the regularisation "
            "{reg} added to every variance dominates the fit; rescale the data (for example "
            "multiply it by 1000) or lower the regularisation (--reg-covar)",
        ),
        columns=", ".join(str(i + 1) for i in swamped),
        variance=f"{float(variances[swamped].min()):.2g}",
        reg=f"{reg_covar:g}",
    )


def _smallest_relative_variance(
    covariance: np.ndarray, scale: np.ndarray, shift: float = 0.0
) -> float:
    """Smallest variance of ``covariance - shift I`` (d, d) in units of scale (d,); inf: not finite.

    In every direction up to ``DENSE_CHECK_FEATURES`` columns, along each column above that.
    """
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):  # data near 1e-300
        if covariance.shape[0] > DENSE_CHECK_FEATURES:
            relative = (np.diagonal(covariance) - shift) / scale**2
            return float(relative.min()) if np.all(np.isfinite(relative)) else np.inf
        relative = (covariance - shift * np.eye(len(scale))) / np.outer(scale, scale)
    return float(np.linalg.eigvalsh(relative)[0]) if np.all(np.isfinite(relative)) else np.inf


def _narrowest_direction(covariance: np.ndarray) -> tuple[float, np.ndarray]:
    """The smallest variance of covariance (d, d) and its direction (d,) (a unit vector).

    Found among the columns alone above ``DENSE_CHECK_FEATURES`` columns.
    """
    if covariance.shape[0] > DENSE_CHECK_FEATURES:
        column = int(np.argmin(np.diagonal(covariance)))
        direction = np.zeros(covariance.shape[0])
        direction[column] = 1.0
        return float(covariance[column, column]), direction
    values, vectors = np.linalg.eigh(covariance)
    return float(values[0]), vectors[:, 0]


def covariance_parameters(n_features: int, covariance_type: str) -> int:
    """Free covariance parameters of one component (0 for "tied": they are shared)."""
    d = n_features
    return {"full": d * (d + 1) // 2, "diag": d, "spherical": 1}.get(covariance_type, 0)


@dataclass(eq=False)
class DataScale:
    """What the collapse checks need to know of the data X (n, d), worked out once.

    scale (d,) : each column's robust spread (``_robust_scale``) on at most ``SCALE_ROWS`` rows.
    step_bounds (d,) : upper bounds of each column's recording step, from those rows (a gap
        between neighbouring values of a subset spans at least one gap of all rows).
    Exact steps of all rows are found only for the columns that need them, once each.
    """

    X: np.ndarray
    scale: np.ndarray
    step_bounds: np.ndarray
    _exact: dict[int, float] = field(default_factory=dict)

    def exact_step(self, column: int) -> float:
        """The recording step of one column over all rows."""
        if column not in self._exact:
            self._exact[column] = float(value_steps(self.X[:, column : column + 1])[0])
        return self._exact[column]


def data_scale(X: np.ndarray) -> DataScale:
    """The ``DataScale`` of X (n, d): pass it to every ``degenerate_components`` call on X."""
    sample = _thinned(X)
    return DataScale(X, _robust_scale(sample), value_steps(sample))


def degenerate_components(
    X: np.ndarray,
    params: MixtureParams,
    resp: np.ndarray,
    reg_covar: float,
    covariance_type: str = "full",
    known: DataScale | None = None,
) -> dict[int, Phrase]:
    """Components that have collapsed, each with a plain-words reason (translatable).

    A component holding at least half a row's worth of data is collapsed when

    * it is held up by fewer rows (responsibility mass) than it has free covariance
      parameters (``covariance_parameters``), or
    * its sd in some direction is below ``TINY_SPREAD`` of the data's while it holds only a
      few rows (fewer than ``FEW_ROWS_PER_DIMENSION`` (d + 1) and ``FEW_ROWS_SHARE`` of n),

    or when, once the regularisation ``reg_covar`` is taken off its covariance,

    * its spread in some direction is at most ``RELATIVE_SPREAD_FLOOR`` of the data's own
      (its rows share one value, or lie on a line or plane: mclust's singular covariance), or
    * its variance in some column is below a quarter of the squared step between that
      column's recorded values (its mass sits on one recorded value, as happens with data
      rounded to whole minutes or centimetres), or
    * its smallest variance is within ``FLOOR_FACTOR`` of ``reg_covar`` while the data vary
      at least ``FLOOR_MARGIN`` times more in that direction (it shrank onto a single row).

    Above ``DENSE_CHECK_FEATURES`` columns the directions looked at are the columns only
    (exact for diagonal and spherical fits), so that wide data is checked in a blink.

    Parameters
    ----------
    X : ndarray, shape (n, d)
    params : MixtureParams with K components (covariances as fitted, regularisation included)
    resp : ndarray, shape (n, K)
    reg_covar : float
    covariance_type : the fit's, for the count of covariance parameters
    known : ``data_scale(X)``, when several fits on the same X are checked (else worked out)

    Returns
    -------
    dict
        Component index (0-based) -> reason, in component order.
    """
    d = X.shape[1]
    known = known if known is not None else data_scale(X)
    scale, step_bounds = known.scale, known.step_bounds
    counts = _column_sums(resp)
    out: dict[int, Phrase] = {}
    n_cov = covariance_parameters(d, covariance_type)
    few = max(FEW_ROWS_PER_DIMENSION * (d + 1), FEW_ROWS_SHARE * X.shape[0])
    for j in range(params.n_components):
        if counts[j] < 0.5:
            continue
        rows = _about_rows(counts[j])
        number = j + 1
        covariance = params.covariances[j]
        if _smallest_relative_variance(covariance, scale, reg_covar) <= RELATIVE_SPREAD_FLOOR:
            out[j] = Phrase(
                QT_TRANSLATE_NOOP(
                    "Errors", "component {j} has collapsed onto {rows} that share one value"
                ),
                j=number,
                rows=rows,
            )
            continue
        own_variances = np.diagonal(covariance) - reg_covar
        narrow = [
            c
            for c in np.flatnonzero(own_variances < 0.25 * step_bounds**2)
            if own_variances[c] < 0.25 * known.exact_step(int(c)) ** 2
        ]
        if narrow:
            out[j] = Phrase(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "component {j} sits on {rows} sharing (nearly) one value of column "
                    "{column}: it is narrower than the step between recorded values",
                ),
                j=number,
                rows=rows,
                column=int(narrow[0]) + 1,
            )
            continue
        smallest, direction = _narrowest_direction(covariance)
        floor = FLOOR_FACTOR * reg_covar
        if reg_covar > 0 and smallest <= floor:
            data_spread = float(np.var(X @ direction))
            if data_spread >= FLOOR_MARGIN * floor:
                out[j] = Phrase(
                    QT_TRANSLATE_NOOP(
                        "Errors",
                        "component {j} has shrunk onto {rows}; its spread sits at the "
                        "regularisation floor",
                    ),
                    j=number,
                    rows=rows,
                )
                continue
        if counts[j] < n_cov:
            out[j] = Phrase(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "component {j} has collapsed: it rests on {mass} rows' worth of "
                    "responsibility, fewer than its {n_cov} covariance parameters",
                ),
                j=number,
                mass=f"{counts[j]:.1f}",  # 2.96, not "about 3"
                n_cov=n_cov,
            )
            continue
        if counts[j] < few and _smallest_relative_variance(covariance, scale) < TINY_SPREAD**2:
            out[j] = Phrase(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "component {j} has collapsed onto {rows}: it is less than a hundredth "
                    "as wide as the data",
                ),
                j=number,
                rows=rows,
            )
    return out


def _about_rows(mass: float) -> Phrase:
    """ "about 1 row" / "about 12 rows" for a responsibility mass."""
    if round(mass) == 1:
        return Phrase(QT_TRANSLATE_NOOP("Errors", "about 1 row"))
    return Phrase(QT_TRANSLATE_NOOP("Errors", "about {n} rows"), n=f"{mass:.0f}")


def collapsed_components(
    params: MixtureParams,
    X: np.ndarray,
    resp: np.ndarray,
    reg_covar: float,
    covariance_type: str = "full",
) -> list[int]:
    """Indices of collapsed components (see ``degenerate_components``), in order."""
    return sorted(degenerate_components(X, params, resp, reg_covar, covariance_type))


def fit_warnings(
    params: MixtureParams,
    X: np.ndarray,
    resp: np.ndarray,
    reg_covar: float,
    converged: bool,
    n_iter: int,
    tol: float = 1e-6,
    covariance_type: str = "full",
) -> list[str]:
    """Warnings a user should read about a finished fit, one sentence each (``Phrase``s:
    English strings the window translates)."""
    messages: list[str] = []
    constant = _constant_columns(X)
    if constant.any():
        messages.append(
            Phrase(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "column {columns} has the same value in every row, so it cannot tell "
                    "components apart",
                ),
                columns=", ".join(str(i + 1) for i in np.flatnonzero(constant)),
            )
        )
        keep = np.flatnonzero(~constant)
        params = MixtureParams(
            params.weights, params.means[:, keep], params.covariances[:, keep][:, :, keep]
        )
        X = X[:, keep]
    swamped = regularisation_warning(X, reg_covar)
    if swamped:
        messages.append(swamped)
    if params.n_features:
        found = degenerate_components(X, params, resp, reg_covar, covariance_type)
        for reason in found.values():
            messages.append(
                Phrase(
                    QT_TRANSLATE_NOOP("Errors", "{reason}, so its likelihood is not trustworthy"),
                    reason=reason,
                )
            )
    effective = _column_sums(resp)
    for j in range(params.n_components):
        if effective[j] < 1.0:
            messages.append(
                Phrase(
                    QT_TRANSLATE_NOOP(
                        "Errors",
                        "component {j} holds almost no data ({mass} rows' worth); try fewer "
                        "components",
                    ),
                    j=j + 1,
                    mass=f"{effective[j]:.2g}",
                )
            )
    if not converged and tol > 0:
        messages.append(
            Phrase(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "EM stopped after {n_iter} iterations without converging; raise the "
                    "iteration limit or the tolerance",
                ),
                n_iter=n_iter,
            )
        )
    return messages
