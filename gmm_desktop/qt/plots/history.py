"""Snapshot histories as arrays, extended incrementally while a fit streams in."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ...engine import EMSnapshot


class HistoryArrays:
    """Per-snapshot values of a history, as arrays.

    ``iterations`` (T,), ``log_likelihoods`` (T,), ``restarts`` (T,), ``weights`` (T, K),
    ``means`` (T, K, d) and ``sds`` (T, K, d). Missing components (a history whose K varies)
    are NaN. ``update`` only converts the snapshots it has not seen, so calling it ~30 times a
    second with a growing list stays cheap.
    """

    def __init__(self) -> None:
        self._seen: list[EMSnapshot] = []
        self._rows: list[tuple[int, float, int, np.ndarray, np.ndarray, np.ndarray]] = []
        self.iterations = np.empty(0)
        self.log_likelihoods = np.empty(0)
        self.restarts = np.empty(0, dtype=int)
        self.weights = np.empty((0, 0))
        self.means = np.empty((0, 0, 0))
        self.sds = np.empty((0, 0, 0))

    def __len__(self) -> int:
        return len(self._seen)

    @property
    def n_components(self) -> int:
        return int(self.weights.shape[1]) if self.weights.ndim == 2 else 0

    @property
    def n_features(self) -> int:
        return int(self.means.shape[2]) if self.means.ndim == 3 else 0

    def update(self, snapshots: Sequence[EMSnapshot]) -> None:
        """Match ``snapshots``; reuse the converted prefix when the list only grew."""
        seen = self._seen
        keep = len(seen)
        if keep > len(snapshots) or (keep and snapshots[keep - 1] is not seen[keep - 1]):
            keep = 0
        if keep and snapshots[0] is not seen[0]:
            keep = 0
        if keep == len(snapshots) == len(seen):
            return
        self._seen = list(snapshots)
        self._rows = self._rows[:keep] + [
            (
                s.iteration,
                s.log_likelihood,
                s.restart,
                s.params.weights,
                s.params.means,
                s.params.standard_deviations,
            )
            for s in snapshots[keep:]
        ]
        self._stack()

    def _stack(self) -> None:
        rows = self._rows
        t = len(rows)
        self.iterations = np.array([r[0] for r in rows], dtype=float)
        self.log_likelihoods = np.array([r[1] for r in rows], dtype=float)
        self.restarts = np.array([r[2] for r in rows], dtype=int)
        k = max((len(r[3]) for r in rows), default=0)
        d = max((r[4].shape[1] for r in rows), default=0)
        if all(len(r[3]) == k and r[4].shape[1] == d for r in rows) and t:
            self.weights = np.stack([r[3] for r in rows])
            self.means = np.stack([r[4] for r in rows])
            self.sds = np.stack([r[5] for r in rows])
            return
        self.weights = np.full((t, k), np.nan)
        self.means = np.full((t, k, d), np.nan)
        self.sds = np.full((t, k, d), np.nan)
        for i, (_, _, _, w, m, sd) in enumerate(rows):
            self.weights[i, : len(w)] = w
            self.means[i, : m.shape[0], : m.shape[1]] = m
            self.sds[i, : sd.shape[0], : sd.shape[1]] = sd

    def connect(self) -> np.ndarray:
        """For PlotDataItem ``connect``: (T,) True where point i joins point i+1 (same start)."""
        if len(self.restarts) == 0:
            return np.empty(0, dtype=bool)
        same = np.append(self.restarts[1:] == self.restarts[:-1], False)
        return same
