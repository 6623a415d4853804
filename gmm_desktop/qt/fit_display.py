"""The shown fit in the plots, the results panel and the replay bar.

A running fit is drawn live from its newest snapshot on a timer (at most every REDRAW_MS,
whatever EM's pace, as acconeer's plot area does); a finished one can be replayed snapshot by
snapshot with the slider. Texts keep the "MainWindow" translation context.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider

from ..engine import EMSnapshot, FitResult, MixtureParams, RestartTracker
from ..engine.backend import ready
from ..io.app_state import AppState
from .i18n import translate
from .plot_area import PlotArea
from .results_panel import ResultsPanel

REDRAW_MS = 33


class FitDisplay(QObject):
    """Draws the state's fit: ``snapshots`` of the running or last fit, ``history`` the start
    shown in the history plots and the replay (each snapshot's params: weights (K,), means
    (K, d), covariances)."""

    def __init__(
        self,
        state: AppState,
        plots: PlotArea,
        results: ResultsPanel,
        is_running: Callable[[], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.state, self.plots, self.results, self._is_running = state, plots, results, is_running
        self.snapshots: list[EMSnapshot] = []  # every snapshot of the running or last fit
        self.history: list[EMSnapshot] = []  # the start shown in history plots and replay
        self._live = RestartTracker()  # a live fit's starts, each kept whole
        # the newest live snapshot with its rows' labels (n,), found by the engine in the same
        # pass as the E-step: colouring a million points then costs the GUI thread nothing
        self._labelled: EMSnapshot | None = None
        self._dirty = False
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setEnabled(False)
        self.slider.setToolTip(
            translate("MainWindow", "Drag to show the model as it was at any iteration")
        )
        self.slider.valueChanged.connect(self._on_slider_value_changed)
        self.replay_label = QLabel(translate("MainWindow", "Replay: no fit yet"))
        self.iteration_label = QLabel("")  # for the status bar
        self.timer = QTimer(self)
        self.timer.setInterval(REDRAW_MS)
        self.timer.timeout.connect(self._on_timer_timeout)

    def replay_bar(self) -> QHBoxLayout:
        """ "Iteration", the slider and "i of n", for under the plots."""
        replay = QHBoxLayout()
        replay.addWidget(QLabel(translate("MainWindow", "Iteration")))
        replay.addWidget(self.slider, 1)
        replay.addWidget(self.replay_label)
        return replay

    def clear(self) -> None:
        """Forget the shown fit (new data, or a new fit starting)."""
        self.snapshots, self.history, self._labelled = [], [], None
        self.slider.blockSignals(True)
        self.slider.setRange(0, 0)
        self.slider.blockSignals(False)
        self.slider.setEnabled(False)
        self.replay_label.setText(translate("MainWindow", "Replay: no fit yet"))
        self.iteration_label.setText("")

    def start_live(self) -> None:
        """A fit starts: its snapshots come with ``add_snapshot``, drawn on the timer."""
        self.clear()
        self._live = RestartTracker()
        self.timer.start()

    def add_snapshot(self, snapshot: EMSnapshot) -> EMSnapshot:
        """Keep a live snapshot (drawn at the next tick); returns it without its labels."""
        if snapshot.labels is not None:
            self._labelled = snapshot
            snapshot = snapshot.without_labels()
        self.snapshots.append(snapshot)
        # screened starts come back later to run on: show each start's whole path
        self._live.add(snapshot)
        self.history = self._live.run_of(snapshot.restart)
        self._dirty = True
        return snapshot

    def end_live(self) -> None:
        """The fit ended: stop the timer and draw the last snapshot not drawn yet."""
        self.timer.stop()
        if self._dirty:
            self._on_timer_timeout()

    def show_result(self, result: FitResult) -> None:
        """A finished fit at its last iteration, replay enabled over its shown start."""
        self.history = list(result.history)
        self._dirty = False
        last = len(self.history) - 1
        self.slider.blockSignals(True)
        self.slider.setRange(0, last)
        self.slider.setValue(last)
        self.slider.blockSignals(False)
        self.slider.setEnabled(True)
        self.show_snapshot(last)

    def shown_params(self) -> MixtureParams | None:
        """The parameters at the slider's snapshot (None before any fit)."""
        return self.history[self.slider.value()].params if self.history else None

    def show_snapshot(self, index: int, *, live: bool = False) -> None:
        """Draw snapshot ``index`` of the shown start in every plot and the results panel."""
        snap = self.history[index]
        features = self.state.features
        assert features is not None
        params = snap.params
        assignments = self._assignments(params)
        # only the shown tab now, the others when they are shown (see PlotArea)
        self.plots.show_model(params, assignments, visible_only=True)
        self.plots.show_history(self.history, None if live else index, visible_only=True)
        # each row counts as its weight, as in the fit
        counts = np.bincount(assignments, weights=features.weights, minlength=params.n_components)
        table = self.state.table
        sampled = table is not None and table.rows_in_file is not None
        self.results.show_params(
            params,
            features.columns,
            counts,
            sampled=sampled,
            weighted=features.weights is not None,
        )
        restart = (
            translate("MainWindow", "start {i} of {n}, ").format(
                i=snap.restart + 1, n=snap.n_restarts
            )
            if snap.n_restarts > 1
            else ""
        )
        self.iteration_label.setText(
            restart
            + translate("MainWindow", "iteration {i} · log-likelihood {ll}").format(
                i=snap.iteration, ll=f"{snap.log_likelihood:.6g}"
            )
        )
        self.replay_label.setText(
            translate("MainWindow", "{i} of {n}").format(
                i=snap.iteration, n=self.history[-1].iteration
            )
        )
        # for the bootstrap of a finished fit, and the summary's weights
        self.results.set_data(features.X, features.weight_column)
        self.results.show_fit_summary(snap, self.state.result, self._is_running())
        self.plots.set_caption(self.caption(snap))

    def caption(self, snap: EMSnapshot) -> str:
        """What an exported plot of ``snap`` says under it: data file, K, covariance type,
        iteration and log-likelihood."""
        table = self.state.table
        source = table.source if table is not None else None
        config = self.state.config
        covariance = config.covariance_type if config is not None else "full"
        return translate(
            "MainWindow",
            "{file} · K = {k} · {covariance} covariances · iteration {i} · log-likelihood {ll}",
        ).format(
            file=source.name if source is not None else translate("MainWindow", "generated data"),
            k=snap.params.n_components,
            covariance=covariance,
            i=snap.iteration,
            ll=f"{snap.log_likelihood:.6g}",
        )

    def _assignments(self, params: MixtureParams) -> np.ndarray:
        """Most likely component of every row (n,), for colouring the points."""
        features = self.state.features
        assert features is not None
        labelled = self._labelled
        if labelled is not None and labelled.params is params and labelled.labels is not None:
            return labelled.labels
        config = self.state.config
        covariance = config.covariance_type if config is not None else "full"
        # the compiled backend builds no (n, K) array: a million rows stay quick
        return np.asarray(ready().labels(features.X, params, covariance))

    def _on_slider_value_changed(self, index: int) -> None:
        if self.history:
            self.show_snapshot(index)

    def _on_timer_timeout(self) -> None:
        if not self._dirty or not self.history:
            return
        self._dirty = False
        self.show_snapshot(len(self.history) - 1, live=True)
