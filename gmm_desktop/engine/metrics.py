"""Agreement between a fit and known groups: confusion table and adjusted Rand index."""

from __future__ import annotations

import numpy as np


def contingency_table(
    labels: np.ndarray, components: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Counts of each (label, component) pair.

    Returns (table (L, C) of ints, label values (L,), component values (C,)).
    """
    label_values, li = np.unique(np.asarray(labels), return_inverse=True)
    comp_values, ci = np.unique(np.asarray(components), return_inverse=True)
    shape = (len(label_values), len(comp_values))
    flat = li.ravel().astype(np.int64) * shape[1] + ci.ravel()
    table = np.bincount(flat, minlength=shape[0] * shape[1]).reshape(shape).astype(np.int64)
    return table, label_values, comp_values


def _pairs(counts: np.ndarray | int) -> float:
    """Sum of count * (count - 1) / 2 over the counts: the number of unordered pairs."""
    c = np.asarray(counts, dtype=float)
    return float(np.sum(c * (c - 1.0) / 2.0))


def adjusted_rand_index(labels: np.ndarray, components: np.ndarray) -> float:
    """Hubert & Arabie's adjusted Rand index of two partitions of the same n rows (1 = same)."""
    table, _, _ = contingency_table(labels, components)
    return adjusted_rand_index_of_table(table)


def adjusted_rand_index_of_table(table: np.ndarray) -> float:
    """The adjusted Rand index from the counts (L, C) of each (label, component) pair
    (``contingency_table``; a streamed fit adds them up block by block)."""
    n = int(table.sum())
    if n < 2:
        return 1.0
    sum_cells = _pairs(table)
    sum_rows = _pairs(table.sum(axis=1))
    sum_cols = _pairs(table.sum(axis=0))
    expected = sum_rows * sum_cols / _pairs(n)
    maximum = 0.5 * (sum_rows + sum_cols)
    if maximum == expected:
        return 1.0
    return (sum_cells - expected) / (maximum - expected)
