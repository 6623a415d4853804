"""Synthetic data and a fitted model for the plots' ``python -m`` previews and screenshots."""

from __future__ import annotations

import sys
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QApplication, QWidget

from ...engine import FitConfig, FitResult, MixtureParams, fit, sample_mixture


@dataclass(frozen=True, eq=False)
class Demo:
    """X (n, d) with column names, a label per row (the true component), and a fit of it."""

    X: np.ndarray
    columns: list[str]
    labels: np.ndarray
    label_name: str
    result: FitResult


def demo(d: int = 2, n: int = 1500, k: int = 3, seed: int = 1) -> Demo:
    """A K-component mixture in d dimensions, sampled and fitted by EM."""
    rng = np.random.default_rng(seed)
    centre = np.array([170.0, 70.0, 40.0, 50.0, 30.0, 10.0])
    scale = np.array([8.0, 9.0, 12.0, 10.0, 8.0, 3.0])
    centre = np.resize(centre, d)
    scale = np.resize(scale, d)
    means = centre + rng.normal(scale=1.3, size=(k, d)) * scale
    covariances = []
    for _ in range(k):
        a = rng.normal(size=(d, d))
        corr = a @ a.T / d + np.eye(d) * 0.6
        covariances.append(corr * np.outer(scale, scale) * 0.25)
    weights = rng.dirichlet(np.full(k, 5.0))
    X, truth = sample_mixture(MixtureParams(weights, means, np.stack(covariances)), n, seed)
    names = ["height (cm)", "weight (kg)", "age (years)", "score", "income", "length"]
    columns = names[:d] + [f"feature {j + 1}" for j in range(len(names), d)]
    result = fit(X, FitConfig(n_components=k, seed=seed, n_init=2, tol=1e-5))
    labels = np.array(["group " + "ABCDEFGH"[c] for c in truth])
    return Demo(X, columns, labels, "true group", result)


def heights_demo(n: int = 1000, seed: int = 3) -> Demo:
    """The homework: heights of two sexes (M around 176 cm, F around 164 cm)."""
    rng = np.random.default_rng(seed)
    sex = rng.choice(np.array(["F", "M"]), size=n, p=[0.45, 0.55])
    heights = np.where(sex == "M", rng.normal(176, 6.5, n), rng.normal(164, 5.5, n))
    X = heights[:, None]
    result = fit(X, FitConfig(n_components=2, seed=seed, tol=1e-6))
    return Demo(X, ["height (cm)"], sex, "sex", result)


def run_preview(app: QApplication, view: QWidget, title: str, width: int, height: int) -> int:
    """Show ``view`` until its window is closed, then delete it before Python exits.

    pyqtgraph widgets left for interpreter shutdown can crash it (PySide6 6.12).
    """
    view.resize(width, height)
    view.setWindowTitle(title)
    view.show()
    code = app.exec()
    view.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    return code


def preview_app() -> QApplication:
    """The QApplication for a preview (GL contexts shared, as the real app does)."""
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    return app
