"""The main window: data and settings left, live plots centre, results right."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QScrollArea,
    QSlider,
    QTabWidget,
    QWidget,
)

from ..engine import EMSnapshot, FitConfig, FitResult, MixtureParams
from ..engine.backend import ready
from ..engine.config import filled_with_column_means
from ..engine.streaming import ReadProgress
from ..errors import UserError
from ..io import FeatureData, Table
from ..io.app_state import AppState, StateField
from ..io.recovery import RecoveryStore
from .agreement_panel import AgreementPanel
from .choose_k_view import ChooseKView
from .data_panel import DataPanel
from .engine_warm_up import EngineWarmUp, WaitingFit
from .file_loader import FileLoader
from .fit_display import FitDisplay
from .gui_gc import collect_on_gui_thread
from .i18n import error_text
from .language_menu import LanguageMenu
from .parameter_panel import ParameterPanel
from .plot_area import PlotArea
from .recent_files import RecentFiles
from .results_panel import ResultsPanel
from .runs_panel import RunsPanel
from .tasks import Task
from .teach_view import TeachView
from .window_actions import SPEEDS, build_actions, build_menus_and_toolbar
from .window_exports import WindowExports
from .window_files import WindowFiles
from .window_layout import (
    add_view_toggles,
    build_widgets,
    keep_plot_room,
    restore_settings,
    save_settings,
)
from .window_sessions import WindowSessions

if TYPE_CHECKING:
    from .help_panel import HelpPanel

READ_STEPS = 1000  # the progress bar's steps during a pass over a file before the fit


class MainWindow(QMainWindow):
    """GMM Desktop's window. Signals let tests and the scripted run wait on real events."""

    sig_data_loaded = Signal()
    sig_fit_finished = Signal(object)
    sig_error = Signal(str)
    sig_session_restored = Signal()

    table: StateField[Table | None] = StateField("table")
    features: StateField[FeatureData | None] = StateField("features")
    result: StateField[FitResult | None] = StateField("result")
    true_params: StateField[MixtureParams | None] = StateField("true_params")  # generated data
    true_columns: StateField[list[str]] = StateField("true_columns")  # of true_params
    _config: StateField[FitConfig | None] = StateField("config")  # of the fit run or shown
    _data_sha256: StateField[str | None] = StateField("data_sha256")  # computed while loading

    # built by window_actions
    act_open: QAction
    act_export: QAction
    act_export_plots: QAction
    act_export_iterations: QAction
    act_export_animation: QAction
    act_report: QAction
    act_script: QAction
    act_generate: QAction
    act_save_data: QAction
    act_truth: QAction
    act_save_session: QAction
    act_open_session: QAction
    act_quit: QAction
    act_fit: QAction
    act_pause: QAction
    act_step: QAction
    act_stop: QAction
    act_help: QAction
    act_import_preview: QAction
    act_teach: QAction  # checkable: shows the Teach tab (teach_lessons)
    act_formulas: QAction
    recent_menu: QMenu
    demo_menu: QMenu
    view_menu: QMenu
    recent: RecentFiles
    language_menu: LanguageMenu
    speed_combo: QComboBox
    # built by window_layout
    data_panel: DataPanel
    parameter_panel: ParameterPanel
    results_panel: ResultsPanel
    plots: PlotArea
    runs_panel: RunsPanel
    agreement_panel: AgreementPanel
    choose_k: ChooseKView
    teach: TeachView
    display: FitDisplay
    replay_slider: QSlider
    replay_label: QLabel
    iteration_label: QLabel
    left_tabs: QTabWidget
    right_tabs: QTabWidget
    results_page: QScrollArea
    dock_data: QDockWidget
    settings_page: QScrollArea  # the Fit settings tab: the parameter panel, scrolling
    dock_results: QDockWidget
    status_label: QLabel
    sample_notice: QLabel
    progress: QProgressBar
    help_dock: QDockWidget  # made by window_layout.show_help when first asked for
    help_panel: HelpPanel

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

        collect_on_gui_thread()  # never free Qt objects from a worker thread (see gui_gc)
        self.settings = settings if settings is not None else QSettings()
        self.setWindowTitle("GMM Desktop")
        self.setAcceptDrops(True)
        self.state = AppState()  # what the window shows, without Qt (sessions, tests)
        self._engine_status: str | None = None
        self._reading = False  # a streamed fit's passes before its first snapshot are shown
        self._fit_steps = 1  # the progress bar's range during a fit
        self._fit_status = ""  # the status line of a streamed fit once it iterates
        self.loader = FileLoader(self)
        self.files = WindowFiles(self)  # opening files and generated data, via the loader
        self.open_file, self.open_demo = self.files.open_file, self.files.open_demo
        self.generate_synthetic = self.files.generate_synthetic
        self.sessions = WindowSessions(self)
        self.exports = WindowExports(self)
        self.warm_up = EngineWarmUp(self)
        self.warm_up.sig_started.connect(self._on_engine_started)
        self.warm_up.sig_ready.connect(self._on_engine_ready)
        self.warm_up.sig_failed.connect(self._set_status)
        self._shut_down = False

        self.waiting_fit = WaitingFit(self.warm_up)  # a big fit clicked while it compiles
        self.waiting_fit.sig_status.connect(self._set_status)
        self.waiting_fit.sig_start.connect(
            lambda paused: None if self._shut_down else self.start_fit(paused=paused)
        )
        from .report_actions import ReportActions

        self.report_actions = ReportActions(self)

        self.runner = FitRunner(self)
        self.runner.sig_snapshot.connect(self._on_runner_snapshot)
        self.runner.sig_reading.connect(self._on_runner_reading)
        self.runner.sig_stopped_reading.connect(self._on_runner_stopped_reading)
        self.runner.sig_finished.connect(self._on_runner_finished)
        self.runner.sig_failed.connect(self._on_runner_failed)
        self.runner.sig_running.connect(self._on_runner_running)

        build_widgets(self)
        self._connect_widgets()
        build_actions(self)
        build_menus_and_toolbar(self)
        add_view_toggles(self)
        restore_settings(self)
        self._update_actions()

    def _connect_widgets(self) -> None:
        self.data_panel.sig_selection_changed.connect(self._on_data_panel_selection_changed)
        self.parameter_panel.sig_changed.connect(self._on_parameter_panel_changed)
        self.results_panel.sig_use_as_start.connect(self._on_results_use_as_start)
        self.results_panel.sig_bootstrap_changed.connect(self.plots.profile.set_bootstrap)
        self.runs_panel.sig_show_run.connect(self._on_runs_show_run)
        self.runs_panel.sig_runs_changed.connect(self._on_runs_changed)
        self.choose_k.sig_model_chosen.connect(self._on_choose_k_model_chosen)
        self.choose_k.sig_starting.connect(self._on_choose_k_starting)

    def recent_files(self) -> list[str]:
        return self.recent.files()

    # ----------------------------------------------------------------- data
    @property
    def _load_task(self) -> Task | None:
        return self.loader.task

    def set_table(
        self,
        table: Table,
        *,
        columns: list[str] | None = None,
        label: str | None = None,
        weights: str | None = None,
        missing: str = "drop",
    ) -> None:
        """Show a loaded table and select columns (default: the panel's own choice), the
        column of row weights (None: none) and what to do with rows with empty cells."""
        self.runner.cancel()
        self.true_params, self.true_columns = None, []
        self._data_sha256 = None
        self.table = table
        self.data_panel.set_table(
            table, columns=columns, label=label, weights=weights, missing=missing
        )
        name = table.source.name if table.source is not None else self.tr("generated data")
        self.setWindowTitle(self.tr("{name} — GMM Desktop").format(name=name))
        self._set_status(table.describe())
        self._show_sample_notice(table)
        self._on_data_panel_selection_changed()
        self.sig_data_loaded.emit()

    def _show_sample_notice(self, table: Table) -> None:
        """Say in plain words when the table is a random sample of a file too large for the
        memory budget (the plots draw the sample; a fit streams every row)."""
        if table.rows_in_file is None:
            self.sample_notice.setVisible(False)
            return
        self.sample_notice.setText(
            self.tr(
                "Showing {shown} of {total} rows, drawn at random: the file is larger than the "
                "memory budget (Fit settings). A fit uses every row, streamed from the file."
            ).format(shown=f"{table.n_rows:,}", total=f"{table.rows_in_file:,}")
        )
        self.sample_notice.setVisible(True)

    def _on_data_panel_selection_changed(self) -> None:
        self.waiting_fit.cancel()
        self.runner.cancel()
        self.features = self.data_panel.features()
        self.result = None
        self.display.clear()
        self.results_panel.clear()
        self.runs_panel.clear()
        self.agreement_panel.set_fit(None, [], None, None, None)
        f = self.features
        if f is None:
            self.choose_k.set_data(None, [])
        else:
            self.choose_k.set_data(f.X, f.columns, f.weights, f.missing)
        if f is None:
            error = self.data_panel.feature_error()
            self.parameter_panel.set_data(None, [])
            if error:
                self._set_status(error)
        else:
            self.plots.set_data(
                f.X, f.columns, f.labels, f.label_column, f.weights, f.weight_column
            )
            self.plots.set_truth(self.shown_truth())
            # its starts from the data see empty cells as their column's mean, as the fit's do
            self.parameter_panel.set_data(filled_with_column_means(f.X), f.columns)
            self._on_parameter_panel_changed()
            self.plots.setCurrentWidget(self.plots.preferred_view())
        self._update_actions()

    def set_truth(self, params: MixtureParams | None, columns: list[str]) -> None:
        """Known true parameters of these columns (generated data, or typed), or None: drawn
        in the plots and compared with the shown fit."""
        self.true_params, self.true_columns = params, list(columns) if params is not None else []
        self.plots.set_truth(self.shown_truth())
        f = self.features
        if f is not None and self.result is not None:
            self.agreement_panel.set_fit(
                self.result, f.columns, f.labels, f.label_column, self.shown_truth()
            )

    def shown_truth(self) -> MixtureParams | None:
        """The true parameters of the chosen columns (None when unknown for any of them)."""
        f = self.features
        return None if f is None else self.state.truth_for([str(c) for c in f.columns])

    def _on_parameter_panel_changed(self) -> None:
        """Prepare the plots for the chosen K outside of a fit (keeps live redraws quick)."""
        if self.features is None or self.runner.is_running():
            return
        try:
            k = self.parameter_panel.config().n_components
        except UserError:
            return
        self.plots.prepare_components(k)

    # ------------------------------------------------------------------ fit
    def start_fit(self, *, paused: bool = False) -> bool:
        """Start EM on the chosen columns; False (with a message) if it cannot start."""
        if self.features is None:
            self.show_error(self.data_panel.feature_error() or self.tr("Open a data file first."))
            return False
        try:
            config = self.state.fit_config(self.parameter_panel.config())
            config.validate(self.features.n_samples, self.features.n_features)
        except UserError as exc:
            self.show_error(error_text(exc))
            return False
        self.result = None
        table = self.table
        big = table is not None and table.rows_in_file is not None
        request = None
        if big and (self.features.weights is not None or config.missing == "model"):
            self.show_error(
                self.tr(
                    "Row weights and rows with empty cells used in the model are not available "
                    "yet for a file streamed from disk: set Weights to (none) and Rows with "
                    "empty cells to 'leave out' in the Data panel."
                )
            )
            return False
        if big:
            from .big_fit import BigFitRequest

            assert table is not None
            try:
                large = self.parameter_panel.large_files
                request = BigFitRequest(
                    table, self.features, config, large.budget(), large.dask_address()
                )
            except UserError as exc:
                self.show_error(error_text(exc))
                return False
        rows = table.rows_in_file if big and table is not None else self.features.n_samples
        if self.waiting_fit.must_wait(rows or 0):
            self.waiting_fit.hold(paused)
            self._update_actions()
            return True
        self.waiting_fit.cancel()
        self._config = config
        self.display.start_live()
        self._reading = False
        self._fit_steps = max(1, config.n_init * max(1, config.max_iter))
        if request is not None:
            self.runner.start_streamed(request, paused=paused, backend=ready())
            if request.dask is None:
                where = self.tr("on this machine")
            elif request.dask == "local":
                where = self.tr("on a local Dask cluster")
            else:
                where = self.tr("on the Dask scheduler {address}").format(address=request.dask)
            self._fit_status = self.tr(
                "Fitting all {rows} rows, streamed from the file {where}: the starts are "
                "chosen on a random sample first…"
            ).format(rows=f"{rows:,}", where=where)
            self._set_status(self._fit_status)
        else:
            # the compiled backend once warm, else numpy: small data never waits for a compile
            self.runner.start(
                self.features.X,
                config,
                paused=paused,
                backend=ready(),
                labels=True,
                sample_weight=self.features.weights,
            )
            self._set_status(
                self.tr("Fitting…") if not paused else self.tr("Paused at the start: press Step")
            )
        self.progress.setRange(0, self._fit_steps)
        self.progress.setValue(0)
        self.progress.setVisible(True)
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
        if self.waiting_fit.cancel():
            self._set_status(self._engine_status or "")
            self._update_actions()
        if self.runner.is_running():
            self.runner.stop()
            self._set_status(self.tr("Stopping…"))

    def _on_speed_combo_changed(self, index: int) -> None:
        self.runner.set_delay(SPEEDS[index][1])

    @property
    def snapshots(self) -> list[EMSnapshot]:
        return self.display.snapshots

    def _on_runner_reading(self, progress: ReadProgress) -> None:
        """A streamed fit's pass over the file before its first snapshot: progress shown."""
        from .big_fit import reading_status

        table = self.table
        text, fraction = reading_status(progress, table.rows_in_file if table else None)
        if not self._reading:
            self._reading = True
            self.progress.setRange(0, READ_STEPS)
        self._set_progress(int(fraction * READ_STEPS))
        self._set_status(text)

    def _on_runner_stopped_reading(self) -> None:
        self._reading = False
        self._set_status(
            self.tr(
                "Stopped while reading the file, before the first iteration: nothing was fitted."
            )
        )

    def _on_runner_snapshot(self, snapshot: EMSnapshot) -> None:
        if self._reading:  # the passes before the fit are over: the fit's own progress
            self._reading = False
            self.progress.setRange(0, self._fit_steps)
            self._set_status(self._fit_status)
        snapshot = self.display.add_snapshot(snapshot)
        per_start = max(1, self._config.max_iter) if self._config is not None else 1
        self._set_progress(snapshot.restart * per_start + snapshot.iteration)

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
        self.sessions.autosave()
        self.sig_fit_finished.emit(result)

    def _on_runs_changed(self) -> None:
        self.state.runs = [result for _, result in self.runs_panel.runs()]

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
                result, f.columns, f.labels, f.label_column, self.shown_truth()
            )
        self.display.show_result(result)
        self.progress.setVisible(False)  # done (its thread may take a moment more to end)
        self._set_status(self.results_panel.status_text(result))

    def _on_runner_failed(self, message: str, details: str) -> None:
        self.show_error(self.tr("The fit failed: {message}").format(message=message), details)

    def _on_runner_running(self, running: bool) -> None:
        if not running:
            self.display.end_live()
            self.progress.setVisible(False)
        self._update_actions()

    def start_engine_warm_up(self) -> None:
        """Compile (or load from cache) the fast engine in the background."""
        self.warm_up.start()

    def _on_engine_started(self, status: str) -> None:
        self._engine_status = status
        self._set_status(status)

    def _on_engine_ready(self, status: str) -> None:
        if self.status_label.text() == self._engine_status:
            self._set_status(status)

    def _on_results_use_as_start(self) -> None:
        params = self.display.shown_params()
        if params is not None:
            self.parameter_panel.use_as_start(params)
            self.left_tabs.setCurrentWidget(self.settings_page)
            self._set_status(self.tr("The shown parameters are now the manual start."))

    # ------------------------------------------------- exports (window_exports.py)
    def export_results(self, folder: str | Path) -> list[Path]:
        """Write the three CSV files of the current fit into ``folder``."""
        return self.exports.export_results(folder)

    # ------------------------------------------------- sessions (window_sessions.py)
    def save_session_dialog(self) -> None:
        self.sessions.save_session_dialog()

    def save_session(self, path: str | Path) -> Path:
        """Save data file, columns, settings, the shown fit, the runs list and the Choose K
        models (atomically)."""
        return self.sessions.save_session(path)

    def open_session_dialog(self) -> None:
        self.sessions.open_session_dialog()

    def open_session(self, path: str | Path) -> bool:
        """Restore a saved session: reload its data file, settings and fit, without refitting."""
        return self.sessions.open_session(path)

    def _on_language_chosen(self, message: str) -> None:
        self._set_status(message)
        if not self.property("scripted"):
            QMessageBox.information(self, "GMM Desktop", message)

    # ---------------------------------------------------------------- misc
    def _update_actions(self) -> None:
        running = self.runner.is_running()
        has_data = self.features is not None
        self.act_fit.setEnabled(has_data)
        self.act_step.setEnabled(has_data)
        self.act_truth.setEnabled(has_data)
        self.act_pause.setEnabled(running)
        self.act_pause.setText(self.tr("&Resume") if self.runner.is_paused() else self.tr("&Pause"))
        self.act_stop.setEnabled(running or self.waiting_fit.paused is not None)
        self.act_export.setEnabled(self.result is not None)
        self.act_export_plots.setEnabled(self.result is not None)
        self.act_export_iterations.setEnabled(self.result is not None)
        self.act_export_animation.setEnabled(self.result is not None)
        self.act_report.setEnabled(self.result is not None)
        self.act_script.setEnabled(self.result is not None)
        self.act_save_data.setEnabled(self.files.has_generated_data())

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
                self.files.preview_and_open(url.toLocalFile())
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
        self.files.close_import_dialog()
        self.display.timer.stop()
        if self.exports.job is not None:
            self.exports.job.cancel()  # a picture export stops at its next picture
        self.exports.shutdown()  # an export of every row stops at its next block
        self.runner.shutdown()
        self.choose_k.shutdown()
        self.results_panel.shutdown()
        self.loader.shutdown()
        self._wait_for_warm_up()

    def _wait_for_warm_up(self) -> None:
        """Block until the fast engine's compiling ends, saying so in a visible window."""
        if not self.warm_up.is_running():
            return
        if self.isVisible():
            self._set_status(self.tr("Finishing compiling the fast engine…"))
            self.status_label.repaint()
        self.warm_up.wait()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        QTimer.singleShot(0, self, lambda: keep_plot_room(self))  # once the layout has settled

    def closeEvent(self, event: QCloseEvent) -> None:
        save_settings(self)
        self.shutdown()
        if self.recovery is not None:
            self.recovery.finish()
        super().closeEvent(event)
