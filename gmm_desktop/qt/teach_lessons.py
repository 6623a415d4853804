"""The Teach toggle (toolbar and View menu) and the lessons of File > Demo data > Lessons.

``build_teach_action`` makes the checkable *Teach* action: checked shows the Teach tab,
unchecked goes back to the tab shown before; clicking the tabs keeps it in sync.
A lesson opens its data (a demo file or numbers drawn here), sets K, the regularisation and a
start, switches to Teach and shows a short explanation above the formulas. The stories are
those of the homework the project started from: heights by sex from the 180/165/5/5/0.7 start,
2-D clusters from two random points, three 1-D groups against their true densities, the
40-point latent-variable exercise, and a start that collapses to a spike, without and with
regularisation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from ..engine import MixtureParams
from ..io.demo import demo_path
from ..io.synthetic_table import TRUE_COMPONENT
from ..io.table import Table, read_table, table_from_frame
from .i18n import QT_TRANSLATE_NOOP, translate
from .teach_view import setup_from_window

if TYPE_CHECKING:
    from .main_window import MainWindow

CONTEXT = "TeachLessons"


def build_teach_action(window: MainWindow) -> QAction:
    """The checkable Teach action, kept in sync with the plot tabs (F9)."""
    action = QAction(translate("MainWindow", "&Teach"), window)
    action.setCheckable(True)
    action.setShortcut(QKeySequence("F9"))
    tip = translate("MainWindow", "Teaching mode: EM one half-step at a time, formulas filled in")
    action.setToolTip(f"{tip} (F9)")
    action.setStatusTip(tip)
    plots = window.plots
    shown_before: list[QWidget] = [plots.currentWidget()]

    def on_toggled(checked: bool) -> None:
        if checked and plots.currentWidget() is not window.teach:
            plots.setCurrentWidget(window.teach)
        elif not checked and plots.currentWidget() is window.teach:
            before = shown_before[0]
            usable = before is not None and plots.isTabEnabled(plots.indexOf(before))
            plots.setCurrentWidget(before if usable else plots.preferred_view())

    def on_current_changed(_index: int) -> None:
        teaching = plots.currentWidget() is window.teach
        if not teaching:
            shown_before[0] = plots.currentWidget()
        if action.isChecked() != teaching:
            action.blockSignals(True)
            action.setChecked(teaching)
            action.blockSignals(False)

    action.toggled.connect(on_toggled)
    plots.currentChanged.connect(on_current_changed)
    return action


@dataclass(frozen=True)
class Lesson:
    """One lesson: its menu title and explanation (English, translated where shown), the data
    it opens, the start it sets and the fit settings it changes.

    data(seed) -> (table, feature columns, label column or None, true parameters or None);
    start(X (n, d), seed) -> the starting parameters."""

    key: str
    title: str
    text: str
    n_components: int
    data: Callable[[int], tuple[Table, list[str], str | None, MixtureParams | None]]
    start: Callable[[np.ndarray, int], MixtureParams]
    reg_covar: float = 1e-6


def _normal_start(weights: list[float], means: list[float], sds: list[float]) -> MixtureParams:
    """A 1-D start: weights (K,), means (K,) and standard deviations (K,)."""
    sd = np.asarray(sds, dtype=float)
    return MixtureParams(
        np.asarray(weights, dtype=float),
        np.asarray(means, dtype=float)[:, None],
        (sd**2)[:, None, None],
    )


def _demo_table(key: str) -> Table:
    return read_table(demo_path(key))


def _heights(_seed: int) -> tuple[Table, list[str], str | None, MixtureParams | None]:
    return _demo_table("heights"), ["height"], "sex", None


def _clusters_2d(_seed: int) -> tuple[Table, list[str], str | None, MixtureParams | None]:
    return _demo_table("clusters_2d"), ["x1", "x2"], TRUE_COMPONENT, None


def _random_points_start(X: np.ndarray, seed: int) -> MixtureParams:
    """Two different data points as means, the covariance of all the data for both, 0.5 each."""
    rows = np.random.default_rng(seed).choice(len(X), size=2, replace=False)
    cov = np.cov(X, rowvar=False).reshape(X.shape[1], X.shape[1])
    return MixtureParams(np.full(2, 0.5), X[rows], np.repeat(cov[None], 2, axis=0))


THREE_GROUPS = _normal_start(
    [1 / 3, 1 / 3, 1 / 3], [-5.0, 5.0, 0.0], list(np.sqrt([1.2, 1.8, 1.6]))
)


def _drawn_1d(truth: MixtureParams, n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """n values (n,) from the 1-D mixture ``truth`` and the component of each (n,)."""
    rng = np.random.default_rng(seed)
    component = rng.choice(truth.n_components, size=n, p=truth.weights)
    sd = np.sqrt(truth.covariances[:, 0, 0])
    return rng.normal(truth.means[component, 0], sd[component]), component


def _synthetic(
    x: np.ndarray, component: np.ndarray
) -> tuple[Table, list[str], str | None, MixtureParams | None]:
    frame = pd.DataFrame({"x": x, TRUE_COMPONENT: component + 1})
    return table_from_frame(frame), ["x"], TRUE_COMPONENT, None


def _three_groups(_seed: int) -> tuple[Table, list[str], str | None, MixtureParams | None]:
    x, component = _drawn_1d(THREE_GROUPS, 300, seed=3)
    table, columns, label, _ = _synthetic(x, component)
    return table, columns, label, THREE_GROUPS


LATENT_TRUTH = _normal_start([0.4, 0.6], [-2.5, 3.5], [2.0, 2.0])


def _latent(_seed: int) -> tuple[Table, list[str], str | None, MixtureParams | None]:
    """40 values: the latent z picks the group (probability 0.4 for the first), then x ~ N."""
    x, component = _drawn_1d(LATENT_TRUTH, 40, seed=42)
    table, columns, label, _ = _synthetic(x, component)
    return table, columns, label, LATENT_TRUTH


SPIKE_DATA = _normal_start([0.6, 0.4], [0.0, 4.0], [1.0, 1.0])


def _spike_data(_seed: int) -> tuple[Table, list[str], str | None, MixtureParams | None]:
    return _synthetic(*_drawn_1d(SPIKE_DATA, 150, seed=8))


def _spike_start(X: np.ndarray, _seed: int) -> MixtureParams:
    """A wide component over everything and a very narrow one on the largest value."""
    x = X[:, 0]
    return _normal_start([0.9, 0.1], [float(x.mean()), float(x.max())], [float(x.std()), 0.01])


LESSONS = (
    Lesson(
        "heights",
        QT_TRANSLATE_NOOP("TeachLessons", "Heights by sex (start 180 / 165 cm)"),
        QT_TRANSLATE_NOOP(
            "TeachLessons",
            "<b>Heights by sex.</b> 1,000 student heights, men and women mixed. The homework "
            "starts from μ₁ = 180, μ₂ = 165, σ₁ = σ₂ = 5 and π₁ = 0.7. Press <i>Step</i>: the "
            "E-step colours each height by how likely each group is to have produced it; the "
            "M-step moves each curve to the weighted mean and spread of its heights. Watch the "
            "log-likelihood rise after every step. Drag a mean to try another start.",
        ),
        2,
        _heights,
        lambda _X, _seed: _normal_start([0.7, 0.3], [180.0, 165.0], [5.0, 5.0]),
    ),
    Lesson(
        "random_points",
        QT_TRANSLATE_NOOP("TeachLessons", "Two 2-D clusters from two random points"),
        QT_TRANSLATE_NOOP(
            "TeachLessons",
            "<b>Two clusters from random points.</b> The start takes two data points at random "
            "as the means and the covariance of all the data for both ellipses, with π = 0.5. "
            "Step and watch the ellipses find the two tilted clusters. Open the lesson again for "
            "another pair of random points, or drag a mean or a ■ handle.",
        ),
        2,
        _clusters_2d,
        _random_points_start,
    ),
    Lesson(
        "three_groups",
        QT_TRANSLATE_NOOP("TeachLessons", "Three 1-D groups against their true densities"),
        QT_TRANSLATE_NOOP(
            "TeachLessons",
            "<b>Three groups, known truth.</b> 300 values drawn from N(−5, 1.2), N(5, 1.8) and "
            "N(0, 1.6) (variances), a third each. The dotted curves are the true densities; the "
            "start puts all three components near the middle. Step until the fitted curves "
            "settle and compare them with the truth.",
        ),
        3,
        _three_groups,
        lambda _X, _seed: _normal_start([1 / 3, 1 / 3, 1 / 3], [-1.0, 0.0, 1.0], [3.0, 3.0, 3.0]),
    ),
    Lesson(
        "latent",
        QT_TRANSLATE_NOOP("TeachLessons", "40 points from a latent variable"),
        QT_TRANSLATE_NOOP(
            "TeachLessons",
            "<b>The latent-variable exercise.</b> For each of 40 points a hidden coin z chooses "
            "the group (the first with probability 0.4), then x is drawn from N(−2.5, 2²) or "
            "N(3.5, 2²); the dotted curves are these true densities. The exercise starts from "
            "μ = −0.5 and 0.5, σ = 1 and π = 0.5. The responsibilities γ are EM's guesses of z. "
            "With only 40 points the estimates can miss the truth by a lot: compare the curves. "
            "Check that the log-likelihood rises after every step.",
        ),
        2,
        _latent,
        lambda _X, _seed: _normal_start([0.5, 0.5], [-0.5, 0.5], [1.0, 1.0]),
    ),
    Lesson(
        "spike",
        QT_TRANSLATE_NOOP("TeachLessons", "A start that collapses to a spike"),
        QT_TRANSLATE_NOOP(
            "TeachLessons",
            "<b>A collapse.</b> One component starts very narrow on the largest value. The "
            "E-step gives it that one point only, so the M-step makes its variance 0 plus the "
            "tiny regularisation: a spike. The log-likelihood still rises at every step, yet EM "
            "is stuck: the spike keeps its one point and the wide component must cover both "
            "groups. Without any regularisation the variance would be exactly 0 and the "
            "likelihood infinite. The next lesson adds regularisation.",
        ),
        2,
        _spike_data,
        _spike_start,
    ),
    Lesson(
        "spike_regularised",
        QT_TRANSLATE_NOOP("TeachLessons", "The same start with regularisation"),
        QT_TRANSLATE_NOOP(
            "TeachLessons",
            "<b>Regularisation.</b> The same data and start, with 0.1 added to every variance "
            "at each M-step (Fit settings: regularisation). The narrow component can no longer "
            "shrink onto one point: it widens, takes in its neighbours and finds the second "
            "group.",
        ),
        2,
        _spike_data,
        _spike_start,
        reg_covar=0.1,
    ),
)


def lesson(key: str) -> Lesson:
    for item in LESSONS:
        if item.key == key:
            return item
    raise KeyError(key)


def open_lesson(window: MainWindow, key: str, seed: int = 0) -> None:
    """Open lesson ``key``: its data, K, regularisation and start, shown in Teach."""
    chosen = lesson(key)
    table, columns, label, truth = chosen.data(seed)
    window.set_table(table, columns=columns, label=label)
    if truth is not None:
        window.true_params = truth
    panel = window.parameter_panel
    panel.set_config(
        panel.config().with_changes(
            n_components=chosen.n_components, reg_covar=chosen.reg_covar, covariance_type="full"
        )
    )
    window.plots.setCurrentWidget(window.teach)
    teach = window.teach
    teach.set_setup(setup_from_window(window))
    if teach.setup is None:
        return
    teach.set_start(chosen.start(teach.setup.X, seed))
    teach.show_lesson(translate(CONTEXT, chosen.text), truth)


def build_lessons_menu(window: MainWindow, parent: QMenu) -> QMenu:
    """File > Demo data > Lessons: one entry per lesson (each opening draws a new seed)."""
    menu = parent.addMenu(translate("MainWindow", "&Lessons"))
    openings = [0]

    def run(key: str) -> None:
        openings[0] += 1
        open_lesson(window, key, seed=openings[0])

    for item in LESSONS:
        action = menu.addAction(translate(CONTEXT, item.title))
        action.triggered.connect(lambda _=False, key=item.key: run(key))
    return menu
