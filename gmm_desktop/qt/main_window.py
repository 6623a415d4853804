"""The main window: data and settings left, live plots centre, results right."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QSlider,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..engine import (
    EMSnapshot,
    FitConfig,
    FitResult,
    MixtureParams,
    RestartTracker,
    backend,
    result_from_history,
)
from ..engine.backend import Backend, compiled_threads, ready
from ..engine.selection import ModelScore
from ..engine.synthetic import SyntheticSpec, generate
from ..errors import UserError
from ..io import FeatureData, Table, read_table
from ..io.demo import demo_path, demo_sets
from ..io.export import write_fit_exports
from ..io.features import select_features
from ..io.recovery import RecoveryStore
from ..io.session import (
    SESSION_SUFFIX,
    SavedModel,
    SavedRun,
    Session,
    check_data_file,
    data_file_sha256,
    file_sha256,
    load_session,
    save_session,
)
from ..io.synthetic_table import TRUE_COMPONENT, synthetic_table
from .agreement_panel import AgreementPanel
from .choose_k_view import ChooseKView
from .data_panel import DataPanel
from .i18n import QT_TRANSLATE_NOOP, error_text
from .parameter_panel import ParameterPanel
from .plot_area import PlotArea
from .results_panel import ResultsPanel
from .runs_panel import RunsPanel
from .synthetic_dialog import SyntheticDialog
from .tasks import RetiredTasks, Task, TaskState
from .teach_view import TeachView, setup_from_window


@dataclass(frozen=True)
class _RebuiltFits:
    """A session's fits rebuilt on its data: the shown one, the runs list's, Choose K's."""

    columns: list[str]  # the feature columns they were rebuilt on
    shown: FitResult | None
    runs: list[FitResult | None]
    sweep: list[FitResult | None]


def _saved_run(result: FitResult) -> SavedRun:
    """A fit as a session keeps it: settings, snapshots, every start's final LL."""
    return SavedRun(result.config, list(result.history), list(result.restart_log_likelihoods))


def _saved_model(score: ModelScore) -> SavedModel:
    """A Choose K model as a session keeps it: its scores, and its fit to rebuild."""
    fit = None if score.result is None else _saved_run(score.result)
    return SavedModel(replace(score, result=None), fit)


SPEEDS = (  # texts are translated where shown (self.tr)
    (QT_TRANSLATE_NOOP("MainWindow", "As fast as possible"), 0.0),
    (QT_TRANSLATE_NOOP("MainWindow", "50 iterations / s"), 0.02),
    (QT_TRANSLATE_NOOP("MainWindow", "10 iterations / s"), 0.1),
    (QT_TRANSLATE_NOOP("MainWindow", "4 iterations / s"), 0.25),
    (QT_TRANSLATE_NOOP("MainWindow", "1 iteration / s"), 1.0),
)
FILE_FILTER = QT_TRANSLATE_NOOP(
    "MainWindow", "Data files (*.csv *.tsv *.txt *.dat *.xlsx *.xls);;All files (*)"
)
MAX_RECENT = 8
REDRAW_MS = 33
# A fit on more rows than this, started while the fast engine compiles, waits for it: on
# 2,000,000 rows the numpy engine took 128 s where the compiled one takes 21 s.
WAIT_FOR_ENGINE_ROWS = 100_000


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
        # A fit started from the window leaves one core to the GUI thread, so the window stays
        # fluid while EM runs (the command line uses every core).
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        os.environ.setdefault("GMM_DESKTOP_THREADS", str(max(1, (cores or 2) - 1)))
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
        self._live = RestartTracker()  # a live fit's starts, each kept whole
        # the newest live snapshot with its rows' labels (n,), found by the engine in the same
        # pass as the E-step: colouring a million points then costs the GUI thread nothing
        self._labelled: EMSnapshot | None = None
        self._dirty = False
        self._load_task: Task | None = None
        self._pending_session: Session | None = None
        self._data_sha256: str | None = None  # of the open file, computed while loading
        self._config: FitConfig | None = None  # of the fit being run or shown
        self._warm_up_task: Task | None = None
        self._engine_status: str | None = None
        self._fit_waiting: bool | None = None  # a fit waiting for the warm-up: its ``paused``
        self._retired_loads = RetiredTasks()
        self._shut_down = False

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
        self.parameter_panel.sig_changed.connect(self._on_parameter_panel_changed)
        self.results_panel.sig_use_as_start.connect(self._on_results_use_as_start)
        self.runs_panel = RunsPanel()
        self.runs_panel.sig_show_run.connect(self._on_runs_show_run)
        self.agreement_panel = AgreementPanel()
        self.choose_k = ChooseKView()
        self.choose_k.sig_model_chosen.connect(self._on_choose_k_model_chosen)
        self.choose_k.sig_starting.connect(self._on_choose_k_starting)
        self.plots.addTab(self.choose_k, self.tr("Choose K"))
        self.teach = TeachView(source=lambda: setup_from_window(self))
        self.plots.addTab(self.teach, self.tr("Teach: EM step by step"))

        self.replay_slider = QSlider(Qt.Orientation.Horizontal)
        self.replay_slider.setEnabled(False)
        self.replay_slider.setToolTip(self.tr("Drag to show the model as it was at any iteration"))
        self.replay_slider.valueChanged.connect(self._on_replay_slider_value_changed)
        self.replay_label = QLabel(self.tr("Replay: no fit yet"))
        replay = QHBoxLayout()
        replay.addWidget(QLabel(self.tr("Iteration")))
        replay.addWidget(self.replay_slider, 1)
        replay.addWidget(self.replay_label)
        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(4, 4, 4, 4)
        centre_layout.addWidget(self.plots, 1)
        centre_layout.addLayout(replay)
        self.setCentralWidget(centre)

        self.left_tabs = QTabWidget()
        self.left_tabs.addTab(self.data_panel, self.tr("Data"))
        self.left_tabs.addTab(self.parameter_panel, self.tr("Fit settings"))
        left = QDockWidget(self.tr("Data and settings"), self)
        left.setObjectName("dock_data")
        left.setWidget(self.left_tabs)
        left.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, left)
        right = QDockWidget(self.tr("Results"), self)
        right.setObjectName("dock_results")
        self.right_tabs = QTabWidget()
        self.right_tabs.addTab(self.results_panel, self.tr("Components"))
        self.right_tabs.addTab(self.runs_panel, self.tr("Runs"))
        self.right_tabs.addTab(self.agreement_panel, self.tr("Agreement"))
        right.setWidget(self.right_tabs)
        right.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, right)
        self.resizeDocks([left, right], [420, 370], Qt.Orientation.Horizontal)

        self.status_label = QLabel(self.tr("Ready"))
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
            self.tr("&Open…"),
            self.open_file_dialog,
            QKeySequence.StandardKey.Open,
            self.tr("Open a data file"),
        )
        self.act_export = self._action(
            self.tr("&Export results…"),
            self.export_results_dialog,
            "Ctrl+E",
            self.tr("Write parameters.csv, assignments.csv and history.csv into a folder"),
        )
        from .report_actions import ReportActions

        self.report_actions = ReportActions(self)
        self.act_report = self._action(
            self.tr("&Report…"),
            self.report_dialog,
            None,
            self.tr("Write a report of the fit (HTML or PDF) with a methods paragraph"),
        )
        self.act_script = self._action(
            self.tr("Export as &script…"),
            self.script_dialog,
            None,
            self.tr("Write a Python or R script that reproduces the fit"),
        )
        self.act_export_plots = self._action(
            self.tr("Export all &plots…"),
            self.export_plots_dialog,
            "Ctrl+Shift+E",
            self.tr("Write every plot of the current fit as a PNG picture into a folder"),
        )
        self.act_generate = self._action(
            self.tr("&Generate synthetic data…"),
            self.generate_synthetic_dialog,
            "Ctrl+G",
            self.tr("Draw data from a mixture with parameters you choose"),
        )
        self.act_save_session = self._action(
            self.tr("&Save session…"),
            self.save_session_dialog,
            QKeySequence.StandardKey.Save,
            self.tr("Save the data file's name, the settings and the fit to come back to later"),
        )
        self.act_open_session = self._action(
            self.tr("Open se&ssion…"),
            self.open_session_dialog,
            "Ctrl+Shift+O",
            self.tr("Restore a saved session without refitting"),
        )
        self.act_quit = self._action(
            self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit, self.tr("Quit")
        )
        self.act_fit = self._action(
            self.tr("&Fit"), self.start_fit, "F5", self.tr("Run EM from the start")
        )
        self.act_pause = self._action(
            self.tr("&Pause"), self.toggle_pause, "F6", self.tr("Pause or resume EM")
        )
        self.act_step = self._action(
            self.tr("S&tep"), self.step_fit, "F7", self.tr("Run one EM iteration")
        )
        self.act_stop = self._action(
            self.tr("St&op"), self.stop_fit, "F8", self.tr("Stop EM and keep the result")
        )
        self.act_help = self._action(
            self.tr("&What is this?"),
            self.show_help,
            QKeySequence.StandardKey.HelpContents,
            self.tr("Explain EM and each plot in a few sentences"),
        )

    def _build_menus_and_toolbar(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(self.act_open)
        self.recent_menu = file_menu.addMenu(self.tr("Open &recent"))
        self.demo_menu = file_menu.addMenu(self.tr("&Demo data"))
        for demo in demo_sets():
            act = self.demo_menu.addAction(demo.title)
            act.setToolTip(demo.description)
            act.triggered.connect(lambda _=False, key=demo.key: self.open_demo(key))
        file_menu.addSeparator()
        file_menu.addAction(self.act_open_session)
        file_menu.addAction(self.act_save_session)
        file_menu.addSeparator()
        file_menu.addAction(self.act_export)
        file_menu.addAction(self.act_export_plots)
        file_menu.addAction(self.act_report)
        file_menu.addAction(self.act_script)
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)
        data_menu = self.menuBar().addMenu(self.tr("&Data"))
        data_menu.addAction(self.act_generate)
        fit_menu = self.menuBar().addMenu(self.tr("F&it"))
        for act in (self.act_fit, self.act_pause, self.act_step, self.act_stop):
            fit_menu.addAction(act)
        self.view_menu = self.menuBar().addMenu(self.tr("&View"))
        self._build_language_menu(self.view_menu)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self.act_help)
        help_menu.addAction(self.tr("&About GMM Desktop"), self._show_about)
        self._rebuild_recent_menu()

        bar = self.addToolBar(self.tr("Fit"))
        bar.setObjectName("toolbar_fit")
        bar.addAction(self.act_open)
        bar.addSeparator()
        for act in (self.act_fit, self.act_pause, self.act_step, self.act_stop):
            bar.addAction(act)
        bar.addSeparator()
        bar.addWidget(QLabel(self.tr(" Speed: ")))
        self.speed_combo = QComboBox()
        for text, _ in SPEEDS:
            self.speed_combo.addItem(self.tr(text))
        self.speed_combo.setToolTip(self.tr("Slow EM down to watch each iteration"))
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
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open data"), start, self.tr(FILE_FILTER)
        )
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
        session: Session | None = None,
    ) -> None:
        """Load a file in the background (progress in the status bar; a new load cancels).

        ``session`` is restored once the file has loaded; opening any other file forgets it."""
        path = Path(path)
        self._cancel_load()
        self._pending_session = session
        self._fit_waiting = None
        self.runner.cancel()
        self._set_status(self.tr("Opening {name}…").format(name=path.name))
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.progress.setVisible(True)

        def work(state: TaskState) -> tuple[Table, str]:
            table = read_table(path, progress=state.progress, cancelled=lambda: state.cancelled)
            return table, file_sha256(path)  # for sessions and autosaves, off the GUI thread

        task = Task(work, self)
        task.sig_progress.connect(lambda f: self._set_progress(int(100 * f)))
        task.sig_done.connect(
            lambda loaded: self._on_load_done(loaded, path, columns, label, remember)
        )
        task.sig_failed.connect(lambda msg, details: self._on_load_failed(path, msg, details))
        task.sig_ended.connect(lambda t=task: self._on_load_ended(t))
        self._load_task = task
        task.start()

    def _cancel_load(self) -> None:
        if self._load_task is not None:
            self._retired_loads.retire(self._load_task)
            self._load_task = None

    def _on_load_done(
        self,
        loaded: tuple[Table, str],
        path: Path,
        columns: list[str] | None,
        label: str | None,
        remember: bool,
    ) -> None:
        table, checksum = loaded
        session, self._pending_session = self._pending_session, None
        fits = None if session is None else self._rebuilt_fits(session, table)
        if session is not None and fits is None:
            return  # one message said why; the window is as it was
        if remember:
            self._remember_file(path)
        self.set_table(table, columns=columns, label=label)
        self._data_sha256 = checksum
        if session is not None and fits is not None:
            self._restore_session(session, fits)

    def _on_load_failed(self, path: Path, message: str, details: str) -> None:
        self._pending_session = None  # its fit belongs to that file, never to the next one
        self.show_error(
            self.tr("Could not open {name}: {message}").format(name=path.name, message=message),
            details,
        )

    def _on_load_ended(self, task: Task) -> None:
        self._retired_loads.forget(task)
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
        self._data_sha256 = None
        self.table = table
        self.data_panel.set_table(table, columns=columns, label=label)
        name = table.source.name if table.source is not None else self.tr("generated data")
        self.setWindowTitle(self.tr("{name} — GMM Desktop").format(name=name))
        self._set_status(table.describe())
        self._on_data_panel_selection_changed()
        self.sig_data_loaded.emit()

    def _on_data_panel_selection_changed(self) -> None:
        self._fit_waiting = None
        self.runner.cancel()
        self.features = self.data_panel.features()
        self.result = None
        self.snapshots, self._history, self._labelled = [], [], None
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
            self._on_parameter_panel_changed()
            self.plots.setCurrentWidget(self.plots.preferred_view())
        self._update_actions()

    def _on_parameter_panel_changed(self) -> None:
        """Prepare the plots for the chosen K outside of a fit (keeps live redraws quick)."""
        if self.features is None or self.runner.is_running():
            return
        try:
            k = self.parameter_panel.config().n_components
        except UserError:
            return
        self.plots.ellipses.prepare_components(k)

    # ------------------------------------------------------------------ fit
    def start_fit(self, *, paused: bool = False) -> bool:
        """Start EM on the chosen columns; False (with a message) if it cannot start."""
        if self.features is None:
            self.show_error(self.data_panel.feature_error() or self.tr("Open a data file first."))
            return False
        try:
            config = self.parameter_panel.config()
            config.validate(self.features.n_samples, self.features.n_features)
        except UserError as exc:
            self.show_error(error_text(exc))
            return False
        self.result = None
        self.snapshots, self._history, self._labelled = [], [], None
        self._reset_replay()
        if self._engine_compiling() and self.features.n_samples > WAIT_FOR_ENGINE_ROWS:
            self._fit_waiting = paused  # started by _start_waiting_fit when the warm-up ends
            self._set_status(
                self.tr("Preparing the fast engine… the fit starts as soon as it is ready.")
            )
            self._update_actions()
            return True
        self._fit_waiting = None
        self._config = config
        self._live = RestartTracker()
        # the compiled backend once warm, else numpy: small data never waits for a compile
        self.runner.start(self.features.X, config, paused=paused, backend=ready(), labels=True)
        self._set_status(
            self.tr("Fitting…") if not paused else self.tr("Paused at the start: press Step")
        )
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
            self._set_status(self.tr("Fitting…"))
        else:
            self.runner.pause()
            self._set_status(self.tr("Paused: Step runs one iteration, Pause again resumes"))
        self._update_actions()

    def step_fit(self) -> None:
        if self.runner.is_running():
            self.runner.step()
            self._set_status(self.tr("Paused: Step runs one iteration, Pause again resumes"))
        else:
            self.start_fit(paused=True)
        self._update_actions()

    def stop_fit(self) -> None:
        if self._fit_waiting is not None:
            self._fit_waiting = None
            self._set_status(self._engine_status or "")
            self._update_actions()
        if self.runner.is_running():
            self.runner.stop()
            self._set_status(self.tr("Stopping…"))

    def _on_speed_combo_changed(self, index: int) -> None:
        self.runner.set_delay(SPEEDS[index][1])

    def _on_runner_snapshot(self, snapshot: EMSnapshot) -> None:
        if snapshot.labels is not None:
            self._labelled = snapshot
            snapshot = snapshot.without_labels()
        self.snapshots.append(snapshot)
        # screened starts come back later to run on: show each start's whole path
        self._live.add(snapshot)
        self._history = self._live.run_of(snapshot.restart)
        per_start = max(1, self._config.max_iter) if self._config is not None else 1
        self._set_progress(snapshot.restart * per_start + snapshot.iteration)
        self._dirty = True

    def _set_progress(self, value: int) -> None:
        """Move the progress bar, painted with the next frame rather than at once.

        ``QProgressBar.setValue`` repaints synchronously, and with an OpenGL view in the window
        every repaint composites the whole window: in software OpenGL that stalled the GUI
        thread for up to 100 ms once per EM iteration.
        """
        self.progress.setUpdatesEnabled(False)
        try:
            self.progress.setValue(value)
        finally:
            self.progress.setUpdatesEnabled(True)  # schedules an ordinary update()

    def _on_runner_finished(self, result: FitResult) -> None:
        self._show_result(result)
        if self.features is not None:
            # result.warnings already carry the engine's collapse check, made in the worker
            self.runs_panel.add_run(result, self.features.columns)
        self._autosave()
        self.sig_fit_finished.emit(result)

    def _on_runs_show_run(self, result: FitResult) -> None:
        self._config = result.config
        self._show_result(result)

    def _on_choose_k_starting(self) -> None:
        """Choose K stops EM by the Fit settings' rule, tolerance and iteration limit."""
        self.choose_k.set_sweep_options(**self.parameter_panel.stopping_options())

    def _on_choose_k_model_chosen(self, result: FitResult) -> None:
        """A model clicked in the Choose K view becomes the shown fit (the tab stays)."""
        self.runner.cancel()
        self._config = result.config
        self._show_result(result)
        self._set_status(
            self.tr("Showing K = {k}, {covariance} from the Choose K view.").format(
                k=result.params.n_components, covariance=result.config.covariance_type
            )
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
            self.tr("Converged after {n} iterations")
            if result.converged
            else self.tr("Stopped after {n} iterations (not converged)")
        ).format(n=result.n_iter)
        best = (
            self.tr(", best reached by {m} of {n} starts").format(
                m=result.starts_reaching_best, n=result.n_starts
            )
            if result.n_starts > 1
            else ""
        )
        self._set_status(
            self.tr("{verdict}{best}. Log-likelihood {ll}.").format(
                verdict=verdict, best=best, ll=f"{result.log_likelihood:.6g}"
            )
        )

    def _on_runner_failed(self, message: str, details: str) -> None:
        self.show_error(self.tr("The fit failed: {message}").format(message=message), details)

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
        self.replay_label.setText(self.tr("Replay: no fit yet"))
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
        # only the shown tab now, the others when they are shown (see PlotArea)
        self.plots.show_model(params, assignments, visible_only=True)
        self.plots.show_history(self._history, None if live else index, visible_only=True)
        counts = np.bincount(assignments, minlength=params.n_components)
        self.results_panel.show_params(params, self.features.columns, counts)
        restart = (
            self.tr("start {i} of {n}, ").format(i=snap.restart + 1, n=snap.n_restarts)
            if snap.n_restarts > 1
            else ""
        )
        self.iteration_label.setText(
            restart
            + self.tr("iteration {i} · log-likelihood {ll}").format(
                i=snap.iteration, ll=f"{snap.log_likelihood:.6g}"
            )
        )
        self.replay_label.setText(
            self.tr("{i} of {n}").format(i=snap.iteration, n=self._history[-1].iteration)
        )
        self._show_result_summary(snap)

    def _assignments(self, params: MixtureParams) -> np.ndarray:
        """Most likely component of every row (n,), for colouring the points."""
        assert self.features is not None
        labelled = self._labelled
        if labelled is not None and labelled.params is params and labelled.labels is not None:
            return labelled.labels
        # the compiled backend builds no (n, K) array: a million rows stay quick
        return np.asarray(ready().labels(self.features.X, params, self._config_type()))

    def start_engine_warm_up(self) -> None:
        """Compile (or load from cache) the fast engine in the background."""
        if backend.is_warm():
            return
        self._engine_status = self.tr("Preparing the fast engine…")
        self._set_status(self._engine_status)

        def work(state: TaskState) -> None:
            # numba is imported here, off the path to the first paint
            backend.warm_up()

        task = Task(work, self)
        task.sig_done.connect(lambda _: self._on_engine_ready())
        task.sig_failed.connect(
            lambda msg, _details: self._set_status(
                self.tr("Fast engine off: {message}").format(message=msg)
            )
        )
        task.sig_ended.connect(lambda t=task: self._on_warm_up_ended(t))
        task.sig_ended.connect(self._start_waiting_fit)
        self._warm_up_task = task
        task.start()

    def _on_engine_ready(self) -> None:
        compiled = ready().compiled
        if self.status_label.text() == self._engine_status:
            if not compiled:
                self._set_status(self.tr("Using the reference engine (numba is not available)."))
            else:
                self._set_status(
                    self.tr("Fast engine ready ({n} threads).").format(n=compiled_threads())
                )

    def _on_warm_up_ended(self, task: Task) -> None:
        self._warm_up_task = None
        task.deleteLater()

    def _engine_compiling(self) -> bool:
        """True while the fast engine's warm-up runs in the background."""
        return self._warm_up_task is not None and not backend.is_warm()

    def _start_waiting_fit(self) -> None:
        """Start the fit that waited for the warm-up (on its end signal: the GUI never blocks)."""
        paused, self._fit_waiting = self._fit_waiting, None
        if paused is not None and not self._shut_down:
            self.start_fit(paused=paused)

    def _config_type(self) -> str:
        return self._config.covariance_type if self._config is not None else "full"

    def _show_result_summary(self, snap: EMSnapshot) -> None:
        result = self.result
        if result is None or snap is not result.final:
            state = self.tr("fitting") if self.runner.is_running() else self.tr("replay")
            self.results_panel.show_summary(
                self.tr("<b>Iteration {i}</b> ({state}) · log-likelihood {ll}").format(
                    i=snap.iteration, state=state, ll=f"{snap.log_likelihood:.6g}"
                )
            )
            self.results_panel.show_warnings([])
            self.results_panel.show_starts(None)
            self.results_panel.show_indices(None)
            return
        self.results_panel.show_indices(result.indices)
        verdict = self.tr("Converged") if result.converged else self.tr("Not converged")
        self.results_panel.show_summary(
            self.tr(
                "<b>{verdict}</b> after {n} iterations<br>"
                "log-likelihood {ll} · BIC {bic} · AIC {aic}<br>"
                "{rows} rows, {k} components, {covariance} covariance"
            ).format(
                verdict=verdict,
                n=result.n_iter,
                ll=f"{result.log_likelihood:.6g}",
                bic=f"{result.bic:.6g}",
                aic=f"{result.aic:.6g}",
                rows=f"{result.n_samples:,}",
                k=result.params.n_components,
                covariance=result.config.covariance_type,
            )
        )
        self.results_panel.show_warnings(result.warnings)
        self.results_panel.show_starts(result)

    def _on_results_use_as_start(self) -> None:
        if self._history:
            self.parameter_panel.use_as_start(self._history[self.replay_slider.value()].params)
            self.left_tabs.setCurrentWidget(self.parameter_panel)
            self._set_status(self.tr("The shown parameters are now the manual start."))

    # --------------------------------------------------------------- export
    def export_results_dialog(self) -> None:
        if self.result is None:
            self.show_error(self.tr("There is no finished fit to export yet."))
            return
        folder = QFileDialog.getExistingDirectory(self, self.tr("Export results into folder"))
        if folder:
            try:
                self.export_results(folder)
            except UserError:
                pass  # export_results has told the user

    def export_plots_dialog(self) -> None:
        if self.result is None:
            self.show_error(self.tr("There is no finished fit to export yet."))
            return
        folder = QFileDialog.getExistingDirectory(self, self.tr("Export all plots into folder"))
        if not folder:
            return
        from .export_plots import export_all_plots

        try:
            paths = export_all_plots(self, folder)
        except UserError as exc:
            self.show_error(error_text(exc))
            return
        self._set_status(
            self.tr("Wrote {files} to {folder}").format(
                files=", ".join(p.name for p in paths), folder=folder
            )
        )

    def report_dialog(self) -> None:
        self.report_actions.report_dialog()

    def script_dialog(self) -> None:
        self.report_actions.script_dialog()

    def export_results(self, folder: str | Path) -> list[Path]:
        """Write the three CSV files of the current fit into ``folder``."""
        if self.result is None or self.features is None or self.table is None:
            raise UserError("there is no finished fit to export")
        try:
            paths = write_fit_exports(
                folder,
                self.result,
                self.features.columns,
                self.table.frame,
                self.features.rows,
                input_file=self.table.source,
            )
        except UserError as exc:
            self.show_error(error_text(exc))
            raise
        self._set_status(
            self.tr("Wrote {files} to {folder}").format(
                files=", ".join(p.name for p in paths), folder=folder
            )
        )
        return paths

    # -------------------------------------------------------------- sessions
    def save_session_dialog(self) -> None:
        if self.features is None:
            self.show_error(self.tr("Open a data file before saving a session."))
            return
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save session"),
            "",
            self.tr("GMM Desktop sessions (*{suffix})").format(suffix=SESSION_SUFFIX),
        )
        if path:
            if not path.endswith(SESSION_SUFFIX):
                path += SESSION_SUFFIX
            try:
                self.save_session(path)
            except UserError as exc:
                self.show_error(error_text(exc))

    def save_session(self, path: str | Path) -> Path:
        """Save data file, columns, settings, the shown fit, the runs list and the Choose K
        models (atomically)."""
        target = save_session(path, self._current_session(with_lists=True))
        self._set_status(self.tr("Session saved to {path}").format(path=target))
        return target

    def _current_session(self, with_lists: bool = False) -> Session:
        """The window as a Session; ``with_lists`` adds the runs list and the Choose K models."""
        if self.features is None or self.table is None:
            raise UserError("there is no data to save a session for")
        source = self.table.source
        config = self.result.config if self.result is not None else self.parameter_panel.config()
        session = Session(
            data_path=str(source.resolve()) if source is not None else None,
            data_sha256=(self._data_sha256 or file_sha256(source)) if source is not None else None,
            columns=list(self.features.columns),
            label=self.features.label_column,
            config=config,
            history=list(self.result.history) if self.result is not None else [],
            restart_log_likelihoods=(
                list(self.result.restart_log_likelihoods) if self.result is not None else []
            ),
            settings=self.parameter_panel.to_settings(),
            runs=[_saved_run(r) for _, r in self.runs_panel.runs()] if with_lists else [],
            sweep=[_saved_model(s) for s in self.choose_k.scores] if with_lists else [],
        )
        return session

    def _autosave(self) -> None:
        """Keep the last finished fit for crash recovery (files only; generated data is not).

        The runs list and the Choose K models are left out: writing all their histories after
        each fit would grow with the session, on the GUI thread."""
        if self.recovery is None or self.table is None or self.table.source is None:
            return
        try:
            self.recovery.save(self._current_session())
        except (UserError, OSError):
            pass

    def open_session_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open session"),
            "",
            self.tr("GMM Desktop sessions (*{suffix});;All files (*)").format(
                suffix=SESSION_SUFFIX
            ),
        )
        if path:
            self.open_session(path)

    def open_session(self, path: str | Path) -> bool:
        """Restore a saved session: reload its data file, settings and fit, without refitting."""
        try:
            session = load_session(path)
        except UserError as exc:
            self.show_error(error_text(exc))
            return False
        if session.data_path is None:
            self.show_error(self.tr("This session was made on generated data, which is not saved."))
            return False
        data = Path(session.data_path)
        try:  # missing, not a regular file (/proc/self/mem) or unreadable: said in plain words
            check_data_file(data)
            changed = bool(session.data_sha256) and data_file_sha256(data) != session.data_sha256
        except UserError as exc:
            self.show_error(error_text(exc))
            return False
        if changed:
            self.show_error(
                self.tr(
                    "The data file {name} has changed since the session was saved; "
                    "its settings are restored, but the saved fit is not shown."
                ).format(name=data.name)
            )
            session = replace(session, history=[], runs=[], sweep=[])
        self.open_file(
            data, columns=session.columns, label=session.label, remember=False, session=session
        )
        return True

    def _rebuilt_fits(self, session: Session, table: Table) -> _RebuiltFits | None:
        """The session's shown fit, runs and Choose K fits rebuilt on ``table``, before the
        window changes; None (after one message) if any of them does not fit the data."""
        try:
            features = select_features(table, session.columns, session.label)
        except UserError as exc:
            self.show_error(
                self.tr("The saved fit could not be shown: {error}").format(error=error_text(exc))
            )
            return None
        position = {str(c): i for i, c in enumerate(table.frame.columns)}
        columns = [str(c) for c in features.columns]
        # the data panel ticks them in the table's order, and never the label
        if columns != sorted(columns, key=position.__getitem__) or session.label in columns:
            self.show_error(self.tr("The saved fit does not match the columns of the data file."))
            return None
        n = features.n_samples
        fits = [*session.history[-1:], *(r.history[-1] for r in session.runs)]
        fits += [m.fit.history[-1] for m in session.sweep if m.fit is not None]
        if any(s.n_samples != n for s in fits):
            self.show_error(self.tr("The saved fit does not match the rows of the data file."))
            return None
        engine = ready()
        shown = SavedRun(session.config, session.history, session.restart_log_likelihoods)
        try:
            return _RebuiltFits(
                columns,
                self._restored_result(features.X, shown if session.history else None, engine),
                [self._restored_result(features.X, run, engine) for run in session.runs],
                [self._restored_result(features.X, m.fit, engine) for m in session.sweep],
            )
        except (ValueError, ArithmeticError) as exc:  # UserError is a ValueError
            error = error_text(exc) if isinstance(exc, UserError) else str(exc)
            self.show_error(
                self.tr("The saved fit could not be shown: {error}").format(error=error)
            )
            return None

    def _restore_session(self, session: Session, fits: _RebuiltFits) -> None:
        """Show a session whose data is loaded and whose fits are rebuilt (_rebuilt_fits)."""
        if self.features is None or list(self.features.columns) != fits.columns:
            self.show_error(self.tr("The saved fit does not match the columns of the data file."))
            return
        self.parameter_panel.from_settings(session.settings)
        self.parameter_panel.set_config(session.config)
        for run in fits.runs:
            if run is not None:
                self.runs_panel.add_run(run, self.features.columns)
        if session.sweep:
            self.choose_k.restore(
                [replace(m.score, result=r) for m, r in zip(session.sweep, fits.sweep, strict=True)]
            )
        if fits.shown is not None:
            self._config = session.config
            self._show_result(fits.shown)
        self.sig_session_restored.emit()

    @staticmethod
    def _restored_result(X: np.ndarray, run: SavedRun | None, engine: Backend) -> FitResult | None:
        """A saved fit rebuilt on the data X (n, d), or None if there is none; UserError if it
        cannot be."""
        if run is None:
            return None
        return result_from_history(
            X,
            run.config,
            run.history,
            run.restart_log_likelihoods,
            backend=engine,
        )

    def _build_language_menu(self, view_menu: QMenu) -> None:
        """View > Language (English / 简体中文): stored in QSettings, used at the next start."""
        from .i18n import LANGUAGES, SETTINGS_KEY, saved_language

        self.language_menu = view_menu.addMenu(self.tr("&Language"))
        group = QActionGroup(self)
        chosen = saved_language(self.settings)
        system = self.language_menu.addAction(self.tr("System language"))
        system.setCheckable(True)
        system.setChecked(chosen is None)
        system.setData("")
        group.addAction(system)
        for code, name in LANGUAGES.items():
            act = self.language_menu.addAction(name)  # each language in its own words
            act.setCheckable(True)
            act.setChecked(code == chosen)
            act.setData(code)
            group.addAction(act)
        group.triggered.connect(self._on_language_chosen)
        self._settings_language_key = SETTINGS_KEY

    def _on_language_chosen(self, action: QAction) -> None:
        code = str(action.data() or "")
        if code:
            self.settings.setValue(self._settings_language_key, code)
        else:
            self.settings.remove(self._settings_language_key)
        self.settings.sync()
        message = self.tr("The language changes the next time GMM Desktop starts.")
        self._set_status(message)
        if not self.property("scripted"):
            QMessageBox.information(self, "GMM Desktop", message)

    def show_help(self) -> None:
        """Help > What is this?: EM and each plot explained (a dock on the right)."""
        from .help_panel import HelpPanel

        dock = getattr(self, "help_dock", None)
        if dock is None:
            dock = QDockWidget(self.tr("What is this?"), self)
            dock.setObjectName("dock_help")
            self.help_panel = HelpPanel()
            dock.setWidget(self.help_panel)
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            self.help_dock = dock
        dock.show()
        dock.raise_()

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
        self.act_pause.setText(self.tr("&Resume") if self.runner.is_paused() else self.tr("&Pause"))
        self.act_stop.setEnabled(running or self._fit_waiting is not None)
        self.act_export.setEnabled(self.result is not None)
        self.act_export_plots.setEnabled(self.result is not None)
        self.act_report.setEnabled(self.result is not None)
        self.act_script.setEnabled(self.result is not None)

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
        """Stop every background task and wait for the threads (once: later calls return).

        No QThread is ever destroyed while it runs (that aborts the process): cancelled work
        ends after its current step, and compiling the fast engine, which cannot be
        interrupted, is waited for."""
        if self._shut_down:
            return
        self._shut_down = True
        self._redraw_timer.stop()
        self.runner.shutdown()
        self.choose_k.shutdown()
        self._cancel_load()
        self._retired_loads.wait_all()
        self._wait_for_warm_up()

    def _wait_for_warm_up(self) -> None:
        """Block until the fast engine's compiling ends, saying so in a visible window."""
        task = self._warm_up_task
        if task is None or task.wait(0):
            return
        if self.isVisible():
            self._set_status(self.tr("Finishing compiling the fast engine…"))
            self.status_label.repaint()
        task.wait()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._save_settings()
        self.shutdown()
        if self.recovery is not None:
            self.recovery.finish()
        super().closeEvent(event)
