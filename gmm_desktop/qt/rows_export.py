"""The export of a fit of every row of a file larger than memory, off the GUI thread.

The window holds a random sample of such a file, but its fit ran on every row
(``big_fit.py``): its export writes assignments.csv for every row the fit used, in file order,
block by block, with the command line's own writer (``cli.fit_big.write_every_row``, as
``gmm-desktop fit --memory-budget ... --out DIR``). parameters.csv and history.csv are those of
the shown fit. The three files are written as a set (``io.atomic.write_file_set``): a cancelled
or failed export leaves the folder as it was. ``RowsExport`` runs it in a task, with progress
(the fraction of the file's rows written) and cancel.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject, Signal

from ..cli.fit_big import write_every_row
from ..engine import FitResult
from ..io.features import FeatureData
from ..io.table import Table
from .big_fit import streaming_plan
from .tasks import TaskCancelled, TaskSlot, TaskState


@dataclass(frozen=True)
class RowsExportRequest:
    """What the export needs: the folder, the sampled table and its chosen features, the
    streamed fit (``rows_fitted`` set) and the memory budget in bytes (the blocks' size)."""

    folder: Path
    table: Table
    features: FeatureData
    result: FitResult
    budget: int


@dataclass(frozen=True)
class RowsWritten:
    """The files written and the number of rows in assignments.csv."""

    paths: list[Path]
    rows: int


def write_all_rows(request: RowsExportRequest, state: TaskState) -> RowsWritten:
    """Write the export of every row; TaskCancelled (nothing written) once ``state`` is
    cancelled."""
    table, result = request.table, request.result
    plan = streaming_plan(table, request.features, result.params.n_components)
    total = max(1, table.rows_in_file or plan.n_rows)
    written = [0]

    def on_block(rows: np.ndarray) -> None:
        if state.cancelled:
            raise TaskCancelled()
        written[0] += int(rows.shape[0])
        state.progress(min(1.0, (int(rows[-1]) + 1) / total))

    paths = write_every_row(
        request.folder,
        plan,
        result.params,
        result.config.covariance_type,
        result.history,
        plan.block_rows(request.budget),
        input_file=table.source,
        on_block=on_block,
    )
    return RowsWritten(paths, written[0])


class RowsExport(QObject):
    """One export of every row at a time. Its signals arrive in the GUI thread:
    sig_progress(fraction), then sig_finished(RowsWritten), sig_failed(message) or
    sig_cancelled()."""

    sig_progress = Signal(float)
    sig_finished = Signal(object)
    sig_failed = Signal(str)
    sig_cancelled = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._slot = TaskSlot(self)
        self._slot.sig_progress.connect(self.sig_progress)
        self._slot.sig_done.connect(self.sig_finished)
        self._slot.sig_failed.connect(lambda message, _details: self.sig_failed.emit(message))
        self._slot.sig_cancelled.connect(self.sig_cancelled)

    def start(self, request: RowsExportRequest) -> None:
        self._slot.start(lambda state: write_all_rows(request, state))

    def is_running(self) -> bool:
        return self._slot.is_running()

    def cancel(self) -> None:
        """Stop before the next block; nothing is written (sig_cancelled follows)."""
        self._slot.cancel()

    def shutdown(self) -> None:
        """Stop and wait for the thread (the window closing): nothing is written."""
        self._slot.cancel()
        self._slot.shutdown()
