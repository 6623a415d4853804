"""Responsibilities and most likely components of rows, with or without missing cells.

Complete rows go through ``density.e_step``; rows with missing (NaN) cells through
``missing.py`` (their observed cells). Kept apart from ``density`` so that ``missing`` can
build on ``density`` without an import cycle.
"""

from __future__ import annotations

import numpy as np

from .density import e_step, has_missing
from .missing import missing_responsibilities
from .params import MixtureParams


def responsibilities(
    X: np.ndarray, params: MixtureParams, covariance_type: str = "full"
) -> np.ndarray:
    """Posterior probability of each component for each row of X (n, d) (or (n,)): (n, K).

    Rows with missing (NaN) cells use their observed cells (``missing.py``).
    """
    arr = np.asarray(X, dtype=float).reshape(len(X), -1)
    if has_missing(arr):
        return missing_responsibilities(arr, params, covariance_type)
    return np.exp(e_step(arr, params, covariance_type)[1])


# Rows per block when hard labels are found without the (n, K) responsibilities of all rows.
LABEL_BLOCK = 65_536


def most_likely_components(
    X: np.ndarray, params: MixtureParams, covariance_type: str = "full"
) -> np.ndarray:
    """Component of highest responsibility of each row of X (n, d) (or (n,)): (n,) int64.

    Works in blocks of ``LABEL_BLOCK`` rows, so a million rows never build (n, K) arrays.
    """
    arr = np.asarray(X, dtype=float).reshape(len(X), -1)
    out = np.empty(arr.shape[0], dtype=np.int64)
    for lo in range(0, arr.shape[0], LABEL_BLOCK):
        block = responsibilities(arr[lo : lo + LABEL_BLOCK], params, covariance_type)
        out[lo : lo + LABEL_BLOCK] = np.argmax(block, axis=1)
    return out
