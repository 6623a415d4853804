"""Exports from the window: the three CSV files of the shown fit and every plot as a picture
(texts in the "MainWindow" translation context, where they were first written).

The CSV files of a fit that streamed every row of a file larger than memory are written in
the background, every row of it (``rows_export.py``), with a progress dialog that can cancel.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QProgressDialog

from ..errors import UserError
from ..io.export import write_fit_exports
from .i18n import error_text, translate

if TYPE_CHECKING:
    from .export_plots import FrameJob
    from .main_window import MainWindow
    from .rows_export import RowsExport, RowsWritten


class WindowExports:
    """The window's export actions (``window.exports``)."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.job: FrameJob | None = None  # the picture job running, if any
        self.rows_export: RowsExport | None = None  # the export of every row, once started
        self._rows_progress: QProgressDialog | None = None  # its dialog while it runs
        self._rows_folder: str | Path = ""

    def _no_fit_yet(self) -> bool:
        if self.window.result is None:
            self.window.show_error(
                translate("MainWindow", "There is no finished fit to export yet.")
            )
        return self.window.result is None

    def _wrote(self, paths: list[Path], folder: str | Path, note: str = "") -> None:
        text = translate("MainWindow", "Wrote {files} to {folder}").format(
            files=", ".join(p.name for p in paths), folder=folder
        )
        self.window._set_status(f"{text} ({note})" if note else text)

    def export_results_dialog(self) -> None:
        if self._no_fit_yet():
            return
        title = translate("MainWindow", "Export results into folder")
        folder = QFileDialog.getExistingDirectory(self.window, title)
        if not folder:
            return
        if self.writes_every_row():
            self.start_rows_export(folder)
            return
        try:
            self.export_results(folder)
        except UserError:
            pass  # export_results has told the user

    def export_plots_dialog(self) -> None:
        """File > Export all plots: folder, size, resolution and the iteration (the final
        one unless changed); every plot is laid out, shown tab or not."""
        if self._no_fit_yet():
            return
        from .export_dialog import PictureDialog, ask_picture
        from .export_plots import all_plots_job

        history = self.window.display.history
        dialog = PictureDialog(
            self.window,
            translate("MainWindow", "Export all plots into folder"),
            self._folder_guess(),
            folder=True,
            last_iteration=history[-1].iteration,
        )
        choice = ask_picture(dialog)
        if choice is None or choice.iteration is None:
            return
        index = next(i for i, s in enumerate(history) if s.iteration >= choice.iteration)
        job = all_plots_job(
            self.window, choice.target, index, choice.width, choice.dpi, parent=self.window
        )
        note = translate("MainWindow", "iteration {i}").format(i=history[index].iteration)
        self.run_job(job, choice.target, note)

    def export_iterations_dialog(self) -> None:
        """File > Export at iterations: the data plots at each chosen iteration."""
        if self._no_fit_yet():
            return
        from .export_dialog import PictureDialog, ask_picture
        from .export_plots import iterations_job

        history = self.window.display.history
        dialog = PictureDialog(
            self.window,
            translate("MainWindow", "Export plots at iterations"),
            self._folder_guess(),
            folder=True,
            last_iteration=history[-1].iteration,
            one_iteration=False,
        )
        choice = ask_picture(dialog)
        if choice is None:
            return
        try:
            job = iterations_job(
                self.window,
                choice.target,
                choice.iterations,
                choice.width,
                choice.dpi,
                parent=self.window,
            )
        except UserError as exc:
            self.window.show_error(error_text(exc))
            return
        self.run_job(job, choice.target)

    def export_animation_dialog(self) -> None:
        """File > Export animation: the fit as a GIF (MP4 with ffmpeg), a frame per iteration."""
        if self._no_fit_yet():
            return
        from .export_dialog import PictureDialog, ask_picture
        from .export_plots import ANIMATION_WIDTH, animation_job

        gif = translate("MainWindow", "GIF animation (*.gif)")
        mp4 = translate("MainWindow", "MP4 film (*.mp4)")
        dialog = PictureDialog(
            self.window,
            translate("MainWindow", "Export animation"),
            Path(self._folder_guess()) / "fit.gif",
            file_filter=f"{gif};;{mp4}" if shutil.which("ffmpeg") else gif,
        )
        dialog.width_spin.setValue(ANIMATION_WIDTH)
        choice = ask_picture(dialog)
        if choice is None:
            return
        target = choice.target
        if target.suffix.lower() not in (".gif", ".mp4"):
            target = target.with_name(target.name + ".gif")
        try:
            job = animation_job(self.window, target, choice.width, parent=self.window)
        except UserError as exc:
            self.window.show_error(error_text(exc))
            return
        self.run_job(job, target.parent)

    def _folder_guess(self) -> str:
        table = self.window.table
        source = table.source if table is not None else None
        return str(source.parent if source is not None else Path.home())

    def _progress_dialog(
        self, label: str, maximum: int, cancel: Callable[[], None]
    ) -> QProgressDialog:
        """A window-modal progress dialog from 0 to ``maximum`` whose Cancel calls ``cancel``;
        shown after 300 ms, closed by its owner."""
        progress = QProgressDialog(
            label, translate("MainWindow", "Cancel"), 0, maximum, self.window
        )
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        progress.setMinimumDuration(300)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(cancel)
        return progress

    def run_job(self, job: FrameJob, folder: str | Path, note: str = "") -> None:
        """Run a picture job with a progress dialog that can cancel it; the window keeps
        responding. Says what was written, or why nothing was."""
        progress = self._progress_dialog(
            translate("MainWindow", "Drawing the pictures…"), len(job.indices), job.cancel
        )
        job.sig_progress.connect(lambda done, _total: progress.setValue(done))

        def finished(paths: list[Path]) -> None:
            progress.close()
            self._wrote(paths, folder, note)
            self.job = None

        def failed(message: str) -> None:
            progress.close()
            self.window.show_error(message)
            self.job = None

        def cancelled() -> None:
            progress.close()
            self.window._set_status(
                translate("MainWindow", "Export cancelled: nothing was written.")
            )
            self.job = None

        job.sig_finished.connect(finished)
        job.sig_failed.connect(failed)
        job.sig_cancelled.connect(cancelled)
        self.job = job
        job.start()

    def writes_every_row(self) -> bool:
        """True when the shown fit ran on every row of the file the table is a sample of:
        its export then writes the assignments of all those rows (``start_rows_export``)."""
        w = self.window
        return (
            w.result is not None
            and w.result.rows_fitted is not None
            and w.table is not None
            and w.table.rows_in_file is not None
            and w.table.source is not None
            and w.features is not None
        )

    def start_rows_export(self, folder: str | Path) -> RowsExport | None:
        """Start writing the three CSV files of the shown streamed fit into ``folder``, the
        assignments of every row, in the background with a progress dialog that cancels;
        None (and a message) if it cannot start. The window says what was written at the end.
        """
        from .rows_export import RowsExportRequest

        w = self.window
        if self.rows_export is not None and self.rows_export.is_running():
            w.show_error(
                translate(
                    "MainWindow",
                    "An export of every row is still being written: wait for it, or cancel it.",
                )
            )
            return None
        if not self.writes_every_row():
            raise UserError("the shown fit did not stream a file")
        assert w.result is not None and w.features is not None and w.table is not None
        try:
            request = RowsExportRequest(
                Path(folder), w.table, w.features, w.result, w.parameter_panel.large_files.budget()
            )
        except UserError as exc:
            w.show_error(error_text(exc))
            return None
        rows = f"{w.result.n_samples:,}"
        job = self._rows_job()
        steps = 1000
        progress = self._progress_dialog(
            translate("MainWindow", "Writing the assignments of all {rows} rows of {name}…").format(
                rows=rows, name=w.table.source.name if w.table.source else ""
            ),
            steps,
            job.cancel,
        )
        progress.setWindowTitle(translate("MainWindow", "Export results"))
        self._rows_progress, self._rows_folder = progress, folder
        job.start(request)
        w._set_status(
            translate("MainWindow", "Writing the assignments of all {rows} rows…").format(rows=rows)
        )
        return job

    def _rows_job(self) -> RowsExport:
        """The one ``RowsExport`` of the window, made and wired the first time."""
        if self.rows_export is None:
            from .rows_export import RowsExport

            job = RowsExport(self.window)
            job.sig_progress.connect(self._on_rows_progress)
            job.sig_finished.connect(self._on_rows_finished)
            job.sig_failed.connect(self._on_rows_failed)
            job.sig_cancelled.connect(self._on_rows_cancelled)
            self.rows_export = job
        return self.rows_export

    def _on_rows_progress(self, fraction: float) -> None:
        if self._rows_progress is not None:
            self._rows_progress.setValue(int(fraction * self._rows_progress.maximum()))

    def _end_rows_progress(self) -> None:
        if self._rows_progress is not None:
            self._rows_progress.close()
            self._rows_progress = None

    def _on_rows_finished(self, written: RowsWritten) -> None:
        self._end_rows_progress()
        note = translate(
            "MainWindow",
            "assignments.csv holds the assignments of all {rows} rows fitted, numbered as in "
            "the file",
        ).format(rows=f"{written.rows:,}")
        self._wrote(written.paths, self._rows_folder, note)

    def _on_rows_failed(self, message: str) -> None:
        self._end_rows_progress()
        self.window.show_error(message)

    def _on_rows_cancelled(self) -> None:
        self._end_rows_progress()
        self.window._set_status(translate("MainWindow", "Export cancelled: nothing was written."))

    def shutdown(self) -> None:
        """Stop an export of every row and wait for its thread (the window closing)."""
        self._end_rows_progress()
        if self.rows_export is not None:
            self.rows_export.shutdown()

    def export_results(self, folder: str | Path) -> list[Path]:
        """Write the three CSV files of the shown fit into ``folder``; never over the data.

        A fit that streamed every row of a file larger than memory is exported in the
        background instead (``start_rows_export``): then this returns [] at once."""
        w = self.window
        if w.result is None or w.features is None or w.table is None:
            raise UserError("there is no finished fit to export")
        if self.writes_every_row():
            self.start_rows_export(folder)
            return []
        try:
            paths = write_fit_exports(
                folder,
                w.result,
                w.features.columns,
                w.table.frame,
                w.features.rows,
                input_file=w.table.source,
                bootstrap=w.results_panel.bootstrap_for(w.result),
                X=w.features.X,  # expected(col) columns for cells filled in the model
                file_rows=w.table.file_rows,
            )
        except UserError as exc:
            w.show_error(error_text(exc))
            raise
        note = ""
        if w.table.rows_in_file is not None:  # a fit of the sample only (Choose K's models)
            note = translate(
                "MainWindow",
                "assignments.csv holds the {shown} sampled rows shown, numbered as in the file: "
                "this model was fitted to the sample only",
            ).format(shown=f"{w.features.n_samples:,}")
        self._wrote(paths, folder, note)
        return paths
