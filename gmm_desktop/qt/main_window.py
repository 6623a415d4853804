"""The main window: data and settings left, live plots centre, results right."""

from __future__ import annotations

import importlib
import sys
from dataclasses import replace
from pathlib import Path
from types import ModuleType

import numpy as np
from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSlider,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..engine import EMSnapshot, FitResult, MixtureParams, responsibilities, result_from_history
from ..engine.synthetic import SyntheticSpec, generate
from ..errors import UserError
from ..io import FeatureData, Table, read_table
from ..io.demo import demo_path, demo_sets
from ..io.export import write_fit_exports
from ..io.recovery import RecoveryStore
from ..io.session import SESSION_SUFFIX, Session, file_sha256, load_session, save_session
from ..io.synthetic_table import TRUE_COMPONENT, synthetic_table
from .agreement_panel import AgreementPanel
from .choose_k_view import ChooseKView
from .data_panel import DataPanel
from .parameter_panel import ParameterPanel
from .plot_area import PlotArea
from .results_panel import ResultsPanel
from .runs_panel import RunsPanel
from .synthetic_dialog import SyntheticDialog
from .tasks import Task, TaskState


def _warm_fast_engine() -> ModuleType | None:
    """The compiled engine if it is imported and compiled; None means use the reference."""
    module = sys.modules.get("gmm_desktop.engine.fast")
    return module if module is not None and module.is_warm() else None


SPEEDS = (
    ("As fast as possible", 0.0),
    ("50 iterations / s", 0.02),
    ("10 iterations / s", 0.1),
    ("4 iterations / s", 0.25),
    ("1 iteration / s", 1.0),
)
FILE_FILTER = "Data files (*.csv *.tsv *.txt *.dat *.xlsx *.xls);;All files (*)"
MAX_RECENT = 8
REDRAW_MS = 33


class MainWindow(QMainWindow):
    """GMM Desktop's window. Signals let tests and the scripted run wait on real events."""

    sig_data_loaded = Signal()
    sig_fit_finished = Signal(object)
    sig_error = Signal(str)
    sig_session_restored = Signal()

    def __init__(
        self,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
        *,
        recovery: RecoveryStore | None = None,
    ) -> None:
        super().__init__(parent)
        self.recovery = recovery
        from .fit_runner import FitRunner

        self.settings = settings if settings is not None else QSettings()
        self.setWindowTitle("GMM Desktop")
        self.setAcceptDrops(True)
        self.table: Table | None = None
        self.features: FeatureData | None = None
        self.result: FitResult | None = None
        self.true_params: MixtureParams | None = None  # known for generated data
        self.snapshots: list[EMSnapshot] = []  # every snapshot of the running or last fit
        self._history: list[EMSnapshot] = []  # the start shown in history plots and replay
        self._dirty = False
        self._load_task: Task | None = None
        self._pending_session: Session | None = None
        self._old_loads: list[Task] = []

        self.runner = FitRunner(self)
        self.runner.sig_snapshot.connect(self._on_runner_snapshot)
        self.runner.sig_finished.connect(self._on_runner_finished)
        self.runner.sig_failed.connect(self._on_runner_failed)
        self.runner.sig_running.connect(self._on_runner_running)

        self._build_widgets()
        self._build_actions()
        self._build_menus_and_toolbar()
        self._redraw_timer = QTimer(self)
        self._redraw_timer.setInterval(REDRAW_MS)
        self._redraw_timer.timeout.connect(self._on_redraw_timer_timeout)
        self._restore_settings()
        self._update_actions()

    # ----------------------------------------------------------------- layout
    def _build_widgets(self) -> None:
        self.data_panel = DataPanel()
        self.parameter_panel = ParameterPanel()
        self.results_panel = ResultsPanel()
        self.plots = PlotArea()
        self.plots.setMinimumWidth(620)
        self.data_panel.sig_selection_changed.connect(self._on_data_panel_selection_changed)
        self.results_panel.sig_use_as_start.connect(self._on_results_use_as_start)
        self.runs_panel = RunsPanel()
        self.runs_panel.sig_show_run.connect(self._on_runs_show_run)
        self.agreement_panel = AgreementPanel()
        self.choose_k = ChooseKView()
        self.choose_k.sig_model_chosen.connect(self._on_choose_k_model_chosen)
        self.plots.addTab(self.choose_k, "Choose K")

        self.replay_slider = QSlider(Qt.Orientation.Horizontal)
        self.replay_slider.setEnabled(False)
        self.replay_slider.setToolTip("Drag to show the model as it was at any iteration")
        self.replay_slider.valueChanged.connect(self._on_replay_slider_value_changed)
        self.replay_label = QLabel("Replay: no fit yet")
        replay = QHBoxLayout()
        replay.addWidget(QLabel("Iteration"))
        replay.addWidget(self.replay_slider, 1)
        replay.addWidget(self.replay_label)
        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(4, 4, 4, 4)
        centre_layout.addWidget(self.plots, 1)
        centre_layout.addLayout(replay)
        self.setCentralWidget(centre)

        self.left_tabs = QTabWidget()
        self.left_tabs.addTab(self.data_panel, "Data")
        self.left_tabs.addTab(self.parameter_panel, "Fit settings")
        left = QDockWidget("Data and settings", self)
        left.setObjectName("dock_data")
        left.setWidget(self.left_tabs)
        left.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, left)
        right = QDockWidget("Results", self)
        right.setObjectName("dock_results")
        self.right_tabs = QTabWidget()
        self.right_tabs.addTab(self.results_panel, "Components")
        self.right_tabs.addTab(self.runs_panel, "Runs")
        self.right_tabs.addTab(self.agreement_panel, "Agreement")
        right.setWidget(self.right_tabs)
        right.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, right)
        self.resizeDocks([left, right], [420, 370], Qt.Orientation.Horizontal)

        self.status_label = QLabel("Ready")
        self.iteration_label = QLabel("")
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setVisible(False)
        self.statusBar().addWidget(self.status_label, 1)
        self.statusBar().addPermanentWidget(self.iteration_label)
        self.statusBar().addPermanentWidget(self.progress)

    def _action(
        self, text: str, slot: object, shortcut: str | QKeySequence.StandardKey | None, tip: str
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        label = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip} ({label})" if label else tip)
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        self.act_open = self._action(
            "&Open…", self.open_file_dialog, QKeySequence.StandardKey.Open, "Open a data file"
        )
        self.act_export = self._action(
            "&Export results…",
            self.export_results_dialog,
            "Ctrl+E",
            "Write parameters.csv, assignments.csv and history.csv into a folder",
        )
        self.act_generate = self._action(
            "&Generate synthetic data…",
            self.generate_synthetic_dialog,
            "Ctrl+G",
            "Draw data from a mixture with parameters you choose",
        )
        self.act_save_session = self._action(
            "&Save session…",
            self.save_session_dialog,
            QKeySequence.StandardKey.Save,
            "Save the data file's name, the settings and the fit to come back to later",
        )
        self.act_open_session = self._action(
            "Open se&ssion…",
            self.open_session_dialog,
            "Ctrl+Shift+O",
            "Restore a saved session without refitting",
        )
        self.act_quit = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit, "Quit")
        self.act_fit = self._action("&Fit", self.start_fit, "F5", "Run EM from the start")
        self.act_pause = self._action("&Pause", self.toggle_pause, "F6", "Pause or resume EM")
        self.act_step = self._action("S&tep", self.step_fit, "F7", "Run one EM iteration")
        self.act_stop = self._action("St&op", self.stop_fit, "F8", "Stop EM and keep the result")

    def _build_menus_and_toolbar(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(self.act_open)
        self.recent_menu = file_menu.addMenu("Open &recent")
        self.demo_menu = file_menu.addMenu("&Demo data")
        for demo in demo_sets():
            act = self.demo_menu.addAction(demo.title)
            act.setToolTip(demo.description)
            act.triggered.connect(lambda _=False, key=demo.key: self.open_demo(key))
        file_menu.addSeparator()
        file_menu.addAction(self.act_open_session)
        file_menu.addAction(self.act_save_session)
        file_menu.addSeparator()
        file_menu.addAction(self.act_export)
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)
        data_menu = self.menuBar().addMenu("&Data")
        data_menu.addAction(self.act_generate)
        fit_menu = self.menuBar().addMenu("F&it")
        for act in (self.act_fit, self.act_pause, self.act_step, self.act_stop):
            fit_menu.addAction(act)
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction("&About GMM Desktop", self._show_about)
        self._rebuild_recent_menu()

        bar = self.addToolBar("Fit")
        bar.setObjectName("toolbar_fit")
        bar.addAction(self.act_open)
        bar.addSeparator()
        for act in (self.act_fit, self.act_pause, self.act_step, self.act_stop):
            bar.addAction(act)
        bar.addSeparator()
        bar.addWidget(QLabel(" Speed: "))
        self.speed_combo = QComboBox()
        for text, _ in SPEEDS:
            self.speed_combo.addItem(text)
        self.speed_combo.setToolTip("Slow EM down to watch each iteration")
        self.speed_combo.currentIndexChanged.connect(self._on_speed_combo_changed)
        bar.addWidget(self.speed_combo)

    # ------------------------------------------------------------- settings
    def _restore_settings(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1500, 900)
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        params = self.settings.value("fit/settings")
        if isinstance(params, dict):
            self.parameter_panel.from_settings(params)
        speed = self.settings.value("fit/speed", 0)
        try:
            self.speed_combo.setCurrentIndex(int(speed))  # type: ignore[call-overload]
        except (TypeError, ValueError):
            pass

    def _save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("fit/settings", self.parameter_panel.to_settings())
        self.settings.setValue("fit/speed", self.speed_combo.currentIndex())
        self.settings.sync()

    def recent_files(self) -> list[str]:
        value = self.settings.value("files/recent", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in value] if isinstance(value, list) else []

    def _remember_file(self, path: Path) -> None:
        files = [str(path)] + [f for f in self.recent_files() if f != str(path)]
        self.settings.setValue("files/recent", files[:MAX_RECENT])
        self._rebuild_recent_menu()

    def _rebuild_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = self.recent_files()
        for name in files:
            act = self.recent_menu.addAction(name)
            act.triggered.connect(lambda _=False, p=name: self.open_file(p))
        self.recent_menu.setEnabled(bool(files))

    # ----------------------------------------------------------------- data
    def open_file_dialog(self) -> None:
        start = str(Path(self.recent_files()[0]).parent) if self.recent_files() else ""
        path, _ = QFileDialog.getOpenFileName(self, "Open data", start, FILE_FILTER)
        if path:
            self.open_file(path)

    def open_demo(self, key: str) -> None:
        self.open_file(demo_path(key), remember=False)

    def open_file(
        self,
        path: str | Path,
        *,
        columns: list[str] | None = None,
        label: str | None = None,
        remember: bool = True,
    ) -> None:
        """Load a file in the background (progress in the status bar; a new load cancels)."""
        path = Path(path)
        self._cancel_load()
        self.runner.cancel()
        self._set_status(f"Opening {path.name}…")
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.progress.setVisible(True)

        def work(state: TaskState) -> Table:
            return read_table(path, progress=state.progress, cancelled=lambda: state.cancelled)

        task = Task(work, self)
        task.sig_progress.connect(lambda f: self.progress.setValue(int(100 * f)))
        task.sig_done.connect(
            lambda table: self._on_load_done(table, path, columns, label, remember)
        )
        task.sig_failed.connect(lambda msg, details: self._on_load_failed(path, msg, details))
        task.sig_ended.connect(lambda t=task: self._on_load_ended(t))
        self._load_task = task
        task.start()

    def _cancel_load(self) -> None:
        if self._load_task is not None:
            task = self._load_task
            task.detach()
            task.cancel()
            self._old_loads.append(task)
            self._load_task = None

    def _on_load_done(
        self, table: Table, path: Path, columns: list[str] | None, label: str | None, remember: bool
    ) -> None:
        if remember:
            self._remember_file(path)
        self.set_table(table, columns=columns, label=label)
        if self._pending_session is not None:
            self._restore_pending_session()

    def _on_load_failed(self, path: Path, message: str, details: str) -> None:
        self.show_error(f"Could not open {path.name}: {message}", details)

    def _on_load_ended(self, task: Task) -> None:
        if task in self._old_loads:
            self._old_loads.remove(task)
        if task is self._load_task:
            self._load_task = None
            self.progress.setVisible(False)
        task.deleteLater()

    def generate_synthetic_dialog(self) -> None:
        dialog = SyntheticDialog(self)
        if dialog.exec() == SyntheticDialog.DialogCode.Accepted:
            self.generate_synthetic(dialog.spec(), dialog.seed())

    def generate_synthetic(self, spec: SyntheticSpec, seed: int) -> None:
        """Draw data from ``spec`` and open it like a file, keeping the true parameters."""
        X, component = generate(spec, seed)
        table = synthetic_table(spec, X, component)
        label = spec.label_name or TRUE_COMPONENT  # the truth is a label to compare with
        self.set_table(table, columns=list(spec.feature_names), label=label)
        self.true_params = spec.params

    def set_table(
        self, table: Table, *, columns: list[str] | None = None, label: str | None = None
    ) -> None:
        """Show a loaded table and select columns (default: the panel's own choice)."""
        self.runner.cancel()
        self.true_params = None
        self.table = table
        self.data_panel.set_table(table, columns=columns, label=label)
        name = table.source.name if table.source is not None else "generated data"
        self.setWindowTitle(f"{name} — GMM Desktop")
        self._set_status(table.describe())
        self._on_data_panel_selection_changed()
        self.sig_data_loaded.emit()

    def _on_data_panel_selection_changed(self) -> None:
        self.runner.cancel()
        self.features = self.data_panel.features()
        self.result = None
        self.snapshots, self._history = [], []
        self.results_panel.clear()
        self.runs_panel.clear()
        self.agreement_panel.set_fit(None, [], None, None, None)
        self._reset_replay()
        f = self.features
        self.choose_k.set_data(None if f is None else f.X, [] if f is None else f.columns)
        if f is None:
            error = self.data_panel.feature_error()
            self.parameter_panel.set_data(None, [])
            if error:
                self._set_status(error)
        else:
            self.plots.set_data(f.X, f.columns, f.labels, f.label_column)
            self.parameter_panel.set_data(f.X, f.columns)
            self.plots.setCurrentWidget(self.plots.preferred_view())
        self._update_actions()

    # ------------------------------------------------------------------ fit
    def start_fit(self, *, paused: bool = False) -> bool:
        """Start EM on the chosen columns; False (with a message) if it cannot start."""
        if self.features is None:
            self.show_error(self.data_panel.feature_error() or "Open a data file first.")
            return False
        try:
            config = self.parameter_panel.config()
            config.validate(self.features.n_samples, self.features.n_features)
        except UserError as exc:
            self.show_error(str(exc))
            return False
        self.result = None
        self.snapshots, self._history = [], []
        self._reset_replay()
        self._config = config
        engine = "auto" if _warm_fast_engine() else "reference"  # never compile on a click
        self.runner.start(self.features.X, config, paused=paused, engine=engine)
        self._set_status("Fitting…" if not paused else "Paused at the start: press Step")
        self.progress.setRange(0, max(1, config.n_init * max(1, config.max_iter)))
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self._redraw_timer.start()
        return True

    def toggle_pause(self) -> None:
        if not self.runner.is_running():
            return
        if self.runner.is_paused():
            self.runner.resume()
            self._set_status("Fitting…")
        else:
            self.runner.pause()
            self._set_status("Paused: Step runs one iteration, Pause again resumes")
        self._update_actions()

    def step_fit(self) -> None:
        if self.runner.is_running():
            self.runner.step()
            self._set_status("Paused: Step runs one iteration, Pause again resumes")
        else:
            self.start_fit(paused=True)
        self._update_actions()

    def stop_fit(self) -> None:
        if self.runner.is_running():
            self.runner.stop()
            self._set_status("Stopping…")

    def _on_speed_combo_changed(self, index: int) -> None:
        self.runner.set_delay(SPEEDS[index][1])

    def _on_runner_snapshot(self, snapshot: EMSnapshot) -> None:
        if self.snapshots and snapshot.restart != self.snapshots[-1].restart:
            self._history = []
        self.snapshots.append(snapshot)
        self._history.append(snapshot)
        self.progress.setValue(
            snapshot.restart * max(1, self._config.max_iter) + snapshot.iteration
        )
        self._dirty = True

    def _on_runner_finished(self, result: FitResult) -> None:
        self._show_result(result)
        if self.features is not None:
            self.runs_panel.add_run(result, self.features.columns, self.features.X)
        self._autosave()
        self.sig_fit_finished.emit(result)

    def _on_runs_show_run(self, result: FitResult) -> None:
        self._config = result.config
        self._show_result(result)

    def _on_choose_k_model_chosen(self, result: FitResult) -> None:
        """A model clicked in the Choose K view becomes the shown fit (the tab stays)."""
        self.runner.cancel()
        self._config = result.config
        self._show_result(result)
        self._set_status(
            f"Showing K = {result.params.n_components}, {result.config.covariance_type} "
            "from the Choose K view."
        )

    def _show_result(self, result: FitResult) -> None:
        """Show a finished fit everywhere: plots at its last iteration, tables, status."""
        self.result = result
        f = self.features
        if f is not None:
            self.agreement_panel.set_fit(
                result, f.columns, f.labels, f.label_column, self.true_params
            )
        self._history = list(result.history)
        self._dirty = False
        last = len(self._history) - 1
        self.replay_slider.blockSignals(True)
        self.replay_slider.setRange(0, last)
        self.replay_slider.setValue(last)
        self.replay_slider.blockSignals(False)
        self.replay_slider.setEnabled(True)
        self._show_snapshot(last)
        verdict = (
            f"Converged after {result.n_iter} iterations"
            if result.converged
            else f"Stopped after {result.n_iter} iterations (not converged)"
        )
        starts = len(result.restart_log_likelihoods)
        best = f", best of {starts} starts" if starts > 1 else ""
        self._set_status(f"{verdict}{best}. Log-likelihood {result.log_likelihood:.6g}.")

    def _on_runner_failed(self, message: str, details: str) -> None:
        self.show_error(f"The fit failed: {message}", details)

    def _on_runner_running(self, running: bool) -> None:
        if not running:
            self._redraw_timer.stop()
            if self._dirty:
                self._on_redraw_timer_timeout()
            self.progress.setVisible(False)
        self._update_actions()

    def _on_redraw_timer_timeout(self) -> None:
        if not self._dirty or not self._history:
            return
        self._dirty = False
        self._show_snapshot(len(self._history) - 1, live=True)

    # --------------------------------------------------------------- replay
    def _reset_replay(self) -> None:
        self.replay_slider.blockSignals(True)
        self.replay_slider.setRange(0, 0)
        self.replay_slider.blockSignals(False)
        self.replay_slider.setEnabled(False)
        self.replay_label.setText("Replay: no fit yet")
        self.iteration_label.setText("")

    def _on_replay_slider_value_changed(self, index: int) -> None:
        if self._history:
            self._show_snapshot(index)

    def _show_snapshot(self, index: int, *, live: bool = False) -> None:
        """Draw snapshot ``index`` of the shown start in every plot and the results panel."""
        snap = self._history[index]
        assert self.features is not None
        params = snap.params
        assignments = self._assignments(params)
        self.plots.show_model(params, assignments)
        self.plots.show_history(self._history, None if live else index)
        counts = np.bincount(assignments, minlength=params.n_components)
        self.results_panel.show_params(params, self.features.columns, counts)
        restart = f"start {snap.restart + 1} of {snap.n_restarts}, " if snap.n_restarts > 1 else ""
        self.iteration_label.setText(
            f"{restart}iteration {snap.iteration} · log-likelihood {snap.log_likelihood:.6g}"
        )
        self.replay_label.setText(f"{snap.iteration} of {self._history[-1].iteration}")
        self._show_result_summary(snap)

    def _assignments(self, params: MixtureParams) -> np.ndarray:
        """Most likely component of every row (n,), for colouring the points."""
        assert self.features is not None
        fast = _warm_fast_engine()
        if fast is not None:  # no (n, K) array: a redraw of a million rows stays quick
            return np.asarray(fast.fast_labels(self.features.X, params, self._config_type()))
        resp = responsibilities(self.features.X, params, self._config_type())
        return np.asarray(np.argmax(resp, axis=1))

    def start_engine_warm_up(self) -> None:
        """Compile (or load from cache) the fast engine in the background."""
        if _warm_fast_engine() is not None:
            return
        self._engine_status = "Preparing the fast engine…"
        self._set_status(self._engine_status)

        def work(state: TaskState) -> None:
            # numba is imported here, off the path to the first paint
            importlib.import_module("gmm_desktop.engine.fast").warm_up()

        task = Task(work, self)
        task.sig_done.connect(lambda _: self._on_engine_ready())
        task.sig_failed.connect(lambda msg, _details: self._set_status(f"Fast engine off: {msg}"))
        task.sig_ended.connect(lambda t=task: self._on_warm_up_ended(t))
        self._warm_up_task: Task | None = task
        task.start()

    def _on_engine_ready(self) -> None:
        fast = _warm_fast_engine()
        if self.status_label.text() == getattr(self, "_engine_status", None):
            if fast is None:
                self._set_status("Using the reference engine (numba is not available).")
            else:
                self._set_status(f"Fast engine ready ({fast.n_threads()} threads).")

    def _on_warm_up_ended(self, task: Task) -> None:
        self._warm_up_task = None
        task.deleteLater()

    def _config_type(self) -> str:
        config = getattr(self, "_config", None)
        return config.covariance_type if config is not None else "full"

    def _show_result_summary(self, snap: EMSnapshot) -> None:
        result = self.result
        if result is None or snap is not result.final:
            state = "fitting" if self.runner.is_running() else "replay"
            self.results_panel.show_summary(
                f"<b>Iteration {snap.iteration}</b> ({state}) · log-likelihood "
                f"{snap.log_likelihood:.6g}"
            )
            self.results_panel.show_warnings([])
            return
        verdict = "converged" if result.converged else "not converged"
        self.results_panel.show_summary(
            f"<b>{verdict.capitalize()}</b> after {result.n_iter} iterations<br>"
            f"log-likelihood {result.log_likelihood:.6g} · BIC {result.bic:.6g} · "
            f"AIC {result.aic:.6g}<br>{result.n_samples:,} rows, "
            f"{result.params.n_components} components, {result.config.covariance_type} covariance"
        )
        self.results_panel.show_warnings(result.warnings)

    def _on_results_use_as_start(self) -> None:
        if self._history:
            self.parameter_panel.use_as_start(self._history[self.replay_slider.value()].params)
            self.left_tabs.setCurrentWidget(self.parameter_panel)
            self._set_status("The shown parameters are now the manual start.")

    # --------------------------------------------------------------- export
    def export_results_dialog(self) -> None:
        if self.result is None:
            self.show_error("There is no finished fit to export yet.")
            return
        folder = QFileDialog.getExistingDirectory(self, "Export results into folder")
        if folder:
            try:
                self.export_results(folder)
            except UserError:
                pass  # export_results has told the user

    def export_results(self, folder: str | Path) -> list[Path]:
        """Write the three CSV files of the current fit into ``folder``."""
        if self.result is None or self.features is None or self.table is None:
            raise UserError("there is no finished fit to export")
        try:
            paths = write_fit_exports(
                folder, self.result, self.features.columns, self.table.frame, self.features.rows
            )
        except UserError as exc:
            self.show_error(str(exc))
            raise
        self._set_status(f"Wrote {', '.join(p.name for p in paths)} to {folder}")
        return paths

    # -------------------------------------------------------------- sessions
    def save_session_dialog(self) -> None:
        if self.features is None:
            self.show_error("Open a data file before saving a session.")
            return
        path, _ = QFileDialog.getSaveFileName(
            self, "Save session", "", f"GMM Desktop sessions (*{SESSION_SUFFIX})"
        )
        if path:
            if not path.endswith(SESSION_SUFFIX):
                path += SESSION_SUFFIX
            try:
                self.save_session(path)
            except UserError as exc:
                self.show_error(str(exc))

    def save_session(self, path: str | Path) -> Path:
        """Save data file, columns, settings and the shown fit's history (atomically)."""
        target = save_session(path, self._current_session())
        self._set_status(f"Session saved to {target}")
        return target

    def _current_session(self) -> Session:
        if self.features is None or self.table is None:
            raise UserError("there is no data to save a session for")
        source = self.table.source
        config = self.result.config if self.result is not None else self.parameter_panel.config()
        session = Session(
            data_path=str(source.resolve()) if source is not None else None,
            data_sha256=file_sha256(source) if source is not None else None,
            columns=list(self.features.columns),
            label=self.features.label_column,
            config=config,
            history=list(self.result.history) if self.result is not None else [],
            restart_log_likelihoods=(
                list(self.result.restart_log_likelihoods) if self.result is not None else []
            ),
            settings=self.parameter_panel.to_settings(),
        )
        return session

    def _autosave(self) -> None:
        """Keep the last finished fit for crash recovery (files only; generated data is not)."""
        if self.recovery is None or self.table is None or self.table.source is None:
            return
        try:
            self.recovery.save(self._current_session())
        except (UserError, OSError):
            pass

    def open_session_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Open session", "", f"GMM Desktop sessions (*{SESSION_SUFFIX});;All files (*)"
        )
        if path:
            self.open_session(path)

    def open_session(self, path: str | Path) -> bool:
        """Restore a saved session: reload its data file, settings and fit, without refitting."""
        try:
            session = load_session(path)
        except UserError as exc:
            self.show_error(str(exc))
            return False
        if session.data_path is None:
            self.show_error("This session was made on generated data, which is not saved.")
            return False
        data = Path(session.data_path)
        if not data.is_file():
            self.show_error(f"The data file of this session is missing: {data}")
            return False
        if session.data_sha256 and file_sha256(data) != session.data_sha256:
            self.show_error(
                f"The data file {data.name} has changed since the session was saved; "
                "its settings are restored, but the saved fit is not shown."
            )
            session = replace(session, history=[])
        self._pending_session = session
        self.open_file(data, columns=session.columns, label=session.label, remember=False)
        return True

    def _restore_pending_session(self) -> None:
        session, self._pending_session = self._pending_session, None
        if session is None or self.features is None:
            return
        self.parameter_panel.from_settings(session.settings)
        self.parameter_panel.set_config(session.config)
        if not session.history:
            return
        if session.history[-1].n_samples != self.features.n_samples:
            self.show_error("The saved fit does not match the rows of the data file.")
            return
        self._config = session.config
        try:
            result = result_from_history(
                self.features.X, session.config, session.history, session.restart_log_likelihoods
            )
        except UserError as exc:
            self.show_error(f"The saved fit could not be shown: {exc}")
            return
        self._show_result(result)
        self.sig_session_restored.emit()

    def _show_about(self) -> None:
        from .about_dialog import AboutDialog

        AboutDialog(self).exec()

    # ---------------------------------------------------------------- misc
    def _update_actions(self) -> None:
        running = self.runner.is_running()
        has_data = self.features is not None
        self.act_fit.setEnabled(has_data)
        self.act_step.setEnabled(has_data)
        self.act_pause.setEnabled(running)
        self.act_pause.setText("&Resume" if self.runner.is_paused() else "&Pause")
        self.act_stop.setEnabled(running)
        self.act_export.setEnabled(self.result is not None)

    def _set_status(self, text: str) -> None:
        self.status_label.setText(text)

    def show_error(self, message: str, details: str = "") -> None:
        """Tell the user in plain words: status line, and a dialog unless running scripted."""
        self._set_status(message)
        self.sig_error.emit(message)
        if self.property("scripted"):
            return
        box = QMessageBox(QMessageBox.Icon.Warning, "GMM Desktop", message, parent=self)
        if details:
            box.setDetailedText(details)
        box.open()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            if url.isLocalFile():
                self.open_file(url.toLocalFile())
                event.acceptProposedAction()
                return

    def shutdown(self) -> None:
        """Stop every background task and wait for the threads."""
        self._redraw_timer.stop()
        self.runner.shutdown()
        self.choose_k.shutdown()
        warm_up = getattr(self, "_warm_up_task", None)
        if warm_up is not None:
            warm_up.wait()
        self._cancel_load()
        for task in list(self._old_loads):
            task.wait()
        self._old_loads.clear()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._save_settings()
        self.shutdown()
        if self.recovery is not None:
            self.recovery.finish()
        super().closeEvent(event)
