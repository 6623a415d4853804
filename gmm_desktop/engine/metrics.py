"""Agreement between a fit and known groups: confusion table and adjusted Rand index."""

from __future__ import annotations

import numpy as np
from scipy.special import comb


def contingency_table(
    labels: np.ndarray, components: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Counts of each (label, component) pair.

    Returns (table (L, C) of ints, label values (L,), component values (C,)).
    """
    label_values, li = np.unique(np.asarray(labels), return_inverse=True)
    comp_values, ci = np.unique(np.asarray(components), return_inverse=True)
    table = np.zeros((len(label_values), len(comp_values)), dtype=np.int64)
    np.add.at(table, (li.ravel(), ci.ravel()), 1)
    return table, label_values, comp_values


def adjusted_rand_index(labels: np.ndarray, components: np.ndarray) -> float:
    """Hubert & Arabie's adjusted Rand index of two partitions of the same n rows (1 = same)."""
    table, _, _ = contingency_table(labels, components)
    n = int(table.sum())
    if n < 2:
        return 1.0
    sum_cells = float(comb(table, 2).sum())
    sum_rows = float(comb(table.sum(axis=1), 2).sum())
    sum_cols = float(comb(table.sum(axis=0), 2).sum())
    expected = sum_rows * sum_cols / float(comb(n, 2))
    maximum = 0.5 * (sum_rows + sum_cols)
    if maximum == expected:
        return 1.0
    return (sum_cells - expected) / (maximum - expected)
