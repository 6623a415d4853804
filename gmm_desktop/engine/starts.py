"""The start plan: which kind of start each EM start of a fit uses, and its random stream.

A fit with ``n_init`` > 1 tries ``SCREEN_FACTOR`` x ``n_init`` starts and carries the best
``n_init`` of them on (see ``search.py``). Start r draws from the r-th child of
``SeedSequence(config.seed)``, so it is the same whether or not the others run. With
``init="auto"`` the kinds take turns: the hierarchical start first (deterministic on up to
``init.AGGLOMERATION_ROWS`` rows, so once is enough), then k-means++ on standardised columns,
random rows, random responsibilities and k-means++ on the raw columns, round and round.
Mixing kinds is what makes more restarts find better optima: k-means++ restarts alone tend to
land in one k-means answer.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .config import FitConfig
from .init import initial_params
from .params import MixtureParams

AUTO_FIRST = "hierarchical"
AUTO_CYCLE = ("kmeans++", "random-from-data", "random", "kmeans-raw")


@dataclass(frozen=True, eq=False)
class StartSpec:
    """One planned start: its number (0-based), its kind and its random stream."""

    index: int
    init: str
    seed: np.random.SeedSequence

    def params(self, X: np.ndarray, config: FitConfig) -> MixtureParams:
        """The starting mixture of this start on X (n, d)."""
        rng = np.random.default_rng(self.seed)
        return initial_params(X, config.with_changes(init=self.init), rng)


def start_kind(init: str, index: int) -> str:
    """The kind of start number ``index`` for the configured ``init``."""
    if init != "auto":
        return init
    return AUTO_FIRST if index == 0 else AUTO_CYCLE[(index - 1) % len(AUTO_CYCLE)]


# With several restarts, this many times ``n_init`` starts are screened by short EM runs and
# the best ``n_init`` carried on to convergence (``search.search_snapshots``).
SCREEN_FACTOR = 3


def n_carried(config: FitConfig) -> int:
    """How many starts run to convergence: ``n_init``, or 1 for a manual start (it would
    repeat itself)."""
    return 1 if config.init == "manual" else config.n_init


def n_starts(config: FitConfig) -> int:
    """How many starts a fit tries: ``SCREEN_FACTOR`` x ``n_init`` with several restarts."""
    carried = n_carried(config)
    return carried if carried == 1 else SCREEN_FACTOR * carried


def start_plan(config: FitConfig, first: int = 0, count: int | None = None) -> list[StartSpec]:
    """Starts ``first`` .. ``first + count - 1`` of ``config`` (all ``n_starts`` by default)."""
    count = n_starts(config) - first if count is None else count
    seeds = np.random.SeedSequence(config.seed).spawn(first + count)[first:]
    return [
        StartSpec(first + i, start_kind(config.init, first + i), seed)
        for i, seed in enumerate(seeds)
    ]
