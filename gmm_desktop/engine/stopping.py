"""When EM stops: the stopping rules both backends share.

EM climbs fast and then crawls: near a flat maximum each step gains a fixed fraction ``a`` of
the previous one (linear convergence, ``a`` close to 1). A rule that stops when one step gains
little stops long before the maximum (the remaining gain is about a / (1 - a) steps' worth).
The default rule therefore estimates the limit by Aitken's delta-squared acceleration
(Böhning et al. 1994; McNicholas et al. 2010) and stops when the estimated remaining gain is
below the tolerance.

Rules (``STOPPING_RULES``), with ``tol`` in each one's own unit:

* ``"aitken"``: the estimated remaining gain, per row, is below ``tol`` (default 1e-8).
* ``"mean-change"``: scikit-learn's rule, the change of the mean log-likelihood per row is
  below ``tol``.
* ``"total-change"``: the homework's rule, the change of the total log-likelihood is below
  ``tol``.
"""

from __future__ import annotations

STOPPING_RULES = ("aitken", "mean-change", "total-change")
DEFAULT_TOL = {"aitken": 1e-8, "mean-change": 1e-6, "total-change": 1e-6}


class Stopper:
    """Decides, log-likelihood by log-likelihood, whether EM has converged.

    Feed it the total log-likelihood of each successive model (iteration 0 first); ``update``
    answers True once the rule is met. ``remaining`` is the latest Aitken estimate of the gain
    still to come (total, not per row; None before there is one).
    """

    def __init__(self, rule: str, tol: float, n_samples: int) -> None:
        if rule not in STOPPING_RULES:
            raise ValueError(f"unknown stopping rule {rule!r}")
        self.rule = rule
        self.tol = float(tol)
        self.n = max(1, int(n_samples))
        self._last: float | None = None
        self._step: float | None = None
        self.remaining: float | None = None

    def update(self, total: float) -> bool:
        """Take the next total log-likelihood; True when EM should stop here (converged)."""
        last, previous_step = self._last, self._step
        self._last = total
        if last is None:
            return False
        step = total - last
        self._step = step
        if self.rule == "mean-change":
            return abs(step) / self.n < self.tol
        if self.rule == "total-change":
            return abs(step) < self.tol
        return self._aitken(step, previous_step)

    def _aitken(self, step: float, previous_step: float | None) -> bool:
        per_row = abs(step) / self.n
        if step <= 0.0:  # no gain at all (EM never loses): at the maximum up to rounding
            self.remaining = 0.0
            return per_row < self.tol
        if previous_step is None or previous_step <= step:
            self.remaining = None  # not (yet) converging linearly: no estimate of the limit
            return False
        # step = a * previous_step; the steps to come add step * a / (1 - a)
        self.remaining = step * step / (previous_step - step)
        return per_row < self.tol and self.remaining / self.n < self.tol
