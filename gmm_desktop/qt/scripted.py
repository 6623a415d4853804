"""The scripted run: open FILE, apply options, --run, --export DIR (with --export-iterations
LIST), --export-animation FILE, --quit."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from ..cli.options import parse_columns, resolve_selection
from ..engine import FitResult
from ..engine.stopping import DEFAULT_TOL
from ..errors import QT_TRANSLATE_NOOP, UserError
from ..io.atomic import refuse_overwriting
from ..io.demo import demo_path
from ..io.export import refuse_overwriting_input
from ..io.features import resolve_column
from ..io.read_options import ReadOptions, parse_names
from .i18n import error_text
from .main_window import MainWindow
from .parameter_panel import MAX_COMPONENTS

if TYPE_CHECKING:
    from .export_plots import FrameJob

DEFAULT_DEMO = "heights"


class ScriptedRun(QObject):
    """Carries out the command-line options once the window is up; ``sig_done(status)`` when
    the exports after the fit are written (or failed)."""

    sig_done = Signal(int)

    def __init__(self, window: MainWindow, args: argparse.Namespace) -> None:
        super().__init__(window)
        self.window = window
        self.args = args
        self.exit_status = 0
        self._columns: list[str | int] | None = None
        self._iterations: list[int] = []
        self._jobs: list[Callable[[], FrameJob]] = []
        self.job: FrameJob | None = None  # the picture job running, if any
        self._exporting = False
        self.active = bool(
            args.run or args.export or args.quit or args.export_iterations or args.export_animation
        )
        window.setProperty("scripted", self.active)

    def begin(self) -> None:
        args = self.args
        path = Path(args.file) if args.file else demo_path(DEFAULT_DEMO)
        try:
            self._columns = parse_columns(args.columns)  # the same reading as `fit --columns`
            self._check_picture_options(path if args.file else None)
        except UserError as exc:
            self._fail(str(exc))
            return
        self.window.sig_data_loaded.connect(self._on_window_data_loaded)
        if self.active:
            self.window.sig_error.connect(self._on_window_error)
        options = ReadOptions(header=args.header, names=parse_names(args.names))
        self.window.open_file(path, remember=bool(args.file), options=options)

    def _on_window_data_loaded(self) -> None:
        self.window.sig_data_loaded.disconnect(self._on_window_data_loaded)
        args = self.args
        if not self._select_columns():
            return
        panel = self.window.parameter_panel
        if args.components is not None and args.components > MAX_COMPONENTS:
            self._refuse(
                UserError.said(
                    QT_TRANSLATE_NOOP(
                        "Errors",
                        "-k {k}: the window fits at most {most} components; for more, use the "
                        "command line: gmm-desktop fit FILE -k {k}",
                    ),
                    k=args.components,
                    most=MAX_COMPONENTS,
                )
            )
            return
        changes: dict[str, object] = {}
        if args.components is not None:
            changes["n_components"] = args.components
        if args.covariance is not None:
            changes["covariance_type"] = args.covariance
        changes.update(_stopping_changes(args))
        if changes:
            try:
                panel.set_config(panel.config().with_changes(**changes))
            except UserError as exc:
                self._fail(str(exc))
                return
        if args.run or args.export or args.export_animation:
            self.window.sig_fit_finished.connect(self._on_window_fit_finished)
            if not self.window.start_fit():
                self._fail(None)  # start_fit has said why (sig_error)
        elif args.quit:
            self._finish()

    def _select_columns(self) -> bool:
        """Tick --columns, pick --label and --weights (names or 1-based numbers) and --missing;
        False if a column is unknown."""
        table = self.window.table
        args = self.args
        weights, missing = getattr(args, "weights", None), getattr(args, "missing", None)
        if table is None or (
            self._columns is None and args.label is None and weights is None and missing is None
        ):
            return True
        panel = self.window.data_panel
        try:
            if self._columns is None and args.label is None:
                names, label = panel.selected_columns(), panel.label_column()
            else:
                names, label = resolve_selection(table, self._columns, args.label)
            weight_name = None if weights is None else resolve_column(table, weights)
        except UserError as exc:
            self._fail(str(exc))
            return False
        if weight_name is not None:
            names = [name for name in names if name != weight_name]
        panel.set_selection(names, label, weights=weight_name, missing=missing)
        panel.sig_selection_changed.emit()  # the window takes the new choice as the user's
        return True

    def _check_picture_options(self, data_file: Path | None) -> None:
        """Read --export-iterations and --export-animation before anything is fitted."""
        from .export_dialog import parse_iterations
        from .export_plots import check_animation_path

        args = self.args
        if args.export_iterations is not None:
            if not args.export:
                raise UserError.said(
                    QT_TRANSLATE_NOOP(
                        "Errors",
                        "--export-iterations needs --export DIR: the folder to write the "
                        "pictures into",
                    )
                )
            try:
                self._iterations = parse_iterations(args.export_iterations)
            except UserError as exc:
                raise UserError(f"--export-iterations: {exc}") from None
        if args.export_animation is not None:
            target = check_animation_path(args.export_animation)
            refuse_overwriting([target], data_file)

    def _on_window_fit_finished(self, result: FitResult) -> None:
        from .export_plots import history_indices

        args = self.args
        try:
            if self._iterations:  # an iteration beyond the fit: said before anything is written
                history_indices(self.window.display.history, self._iterations)
            if args.export and self.window.exports.writes_every_row():
                self._export_every_row(args.export)  # the pictures follow once it is written
                return
            if args.export:
                self._export(args.export)
        except UserError as exc:
            self._fail(str(exc))  # once: the window's own report of it was held back
            self.sig_done.emit(self.exit_status)
            return
        self._queue_pictures()

    def _queue_pictures(self) -> None:
        """Queue the --export-iterations and --export-animation jobs and start the first."""
        from .export_plots import animation_job, iterations_job

        args = self.args
        window = self.window
        if self._iterations:
            folder, iterations = args.export, self._iterations
            self._jobs.append(lambda: iterations_job(window, folder, iterations, parent=self))
        if args.export_animation:
            target = args.export_animation
            self._jobs.append(lambda: animation_job(window, target, parent=self))
        self._next_job()

    def _next_job(self, _paths: object = None) -> None:
        """Start the next picture job, or end the run when none is left."""
        if not self._jobs:
            self.job = None
            self.sig_done.emit(self.exit_status)
            if self.args.quit:
                self._finish()
            return
        try:
            job = self._jobs.pop(0)()
        except UserError as exc:
            self._jobs.clear()
            self._job_failed(str(exc))
            return
        job.sig_finished.connect(self._next_job)
        job.sig_failed.connect(self._job_failed)
        self.job = job
        job.start()

    def _job_failed(self, message: str) -> None:
        self._jobs.clear()
        self.job = None
        self._fail(message)
        self.sig_done.emit(self.exit_status)

    def _export(self, folder: str) -> None:
        """Write the CSV files, the plot PNGs and window.png (the whole window) into
        ``folder``; UserError if that fails."""
        table = self.window.table
        refuse_overwriting_input(folder, table.source if table is not None else None)
        self._exporting = True  # export_results also shows its error: print it only once
        try:
            self.window.export_results(folder)
        finally:
            self._exporting = False
        self._export_pictures(folder)

    def _export_pictures(self, folder: str) -> None:
        """The plot PNGs and window.png (the whole window) into ``folder``."""
        from .export_plots import export_all_plots, export_window_picture

        export_all_plots(self.window, folder)
        export_window_picture(self.window, folder)

    def _export_every_row(self, folder: str) -> None:
        """A fit that streamed every row of a file larger than memory: its CSV files are
        written in the background (every row), then the plot PNGs and window.png."""
        table = self.window.table
        refuse_overwriting_input(folder, table.source if table is not None else None)
        self._exporting = True  # the window shows a failure too: print it only once
        job = self.window.exports.start_rows_export(folder)
        if job is None:
            self._exporting = False
            raise UserError(self.window.status_label.text())

        def written(_written: object) -> None:
            ended()
            try:
                self._export_pictures(folder)
            except UserError as exc:
                self._job_failed(str(exc))
                return
            self._queue_pictures()

        def failed(message: str) -> None:
            ended()
            self._job_failed(message)

        def cancelled() -> None:
            failed("the export was cancelled: nothing was written")

        def ended() -> None:
            self._exporting = False
            for signal, slot in links:
                signal.disconnect(slot)

        links = [
            (job.sig_finished, written),
            (job.sig_failed, failed),
            (job.sig_cancelled, cancelled),
        ]
        for signal, slot in links:
            signal.connect(slot)

    def _on_window_error(self, message: str) -> None:
        if not self._exporting:
            self._fail(message)

    def _refuse(self, error: UserError) -> None:
        """An option the window cannot take: said on stderr and, when the window stays open
        for the user, on its status line too."""
        if not self.active:
            self.window.show_error(error_text(error))
        self._fail(str(error))

    def _fail(self, message: str | None) -> None:
        """Print ``message`` (None: already printed) and end with status 2, as `fit` does."""
        if message is not None:
            print(f"gmm-desktop: error: {message}", file=sys.stderr)
        self.exit_status = 2
        if self.args.quit:
            self._finish()

    def _finish(self) -> None:
        QTimer.singleShot(0, self.window.close)
        QTimer.singleShot(0, QApplication.quit)


def _stopping_changes(args: argparse.Namespace) -> dict[str, object]:
    """FitConfig changes of --max-iter, --stopping and --tol; --stopping alone brings the
    rule's usual tolerance, as on the command line."""
    changes: dict[str, object] = {}
    if args.max_iter is not None:
        changes["max_iter"] = args.max_iter
    if args.stopping is not None:
        changes["stopping"] = args.stopping
        changes["tol"] = DEFAULT_TOL[args.stopping]
    if args.tol is not None:
        changes["tol"] = args.tol
    return changes
