"""The window's fit of a file larger than the memory budget: every row streamed, off the GUI
thread.

The window holds a random sample of the file (``Table.rows_in_file``); ``streamed_fit`` runs
in a ``FitRunner`` task: the starts are screened on a random subsample, the best is refined
by one streamed pass over the whole file per iteration (``engine.streaming``), or on a Dask
cluster (``engine.dask_em``) when the Fit settings name a scheduler. Each snapshot reaches the
live view and the log-likelihood curve; pause, step and stop work between iterations. The
result is a ``FitResult`` whose responsibilities are those of the shown sample and whose
``rows_fitted`` is every usable row of the file (the n of BIC and AIC).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from ..engine import Backend, EMSnapshot, FitConfig, FitResult
from ..engine.control import FitControl
from ..engine.errors import GMMInputError
from ..engine.result import SAME_OPTIMUM, result_from_history
from ..engine.streaming import COUNT_STAGE, ReadProgress, StreamedFit, stream_fit
from ..errors import UserError
from ..io.features import FeatureData
from ..io.out_of_core import StreamingPlan, plan_streaming
from ..io.table import Table
from .i18n import translate
from .tasks import TaskCancelled

# How often the passes before the first snapshot report their progress at most
READ_REPORT_SECONDS = 0.1


@dataclass(frozen=True)
class BigFitRequest:
    """What a streamed fit of the window needs: the shown sample's table and features, the
    settings, the memory budget in bytes and the Dask scheduler (None: this machine)."""

    table: Table
    features: FeatureData
    config: FitConfig
    budget: int
    dask: str | None = None


def streaming_plan(table: Table, features: FeatureData, n_components: int) -> StreamingPlan:
    """How the chosen columns (and label) of the file the sampled ``table`` was drawn from are
    streamed, read with the text layout the sample was read with; UserError if they cannot."""
    assert table.source is not None and table.rows_in_file is not None
    read = table.read_options()
    plan = plan_streaming(
        table.source,
        [str(c) for c in features.columns],
        n_components,
        read.header,
        label=features.label_column,
        names=read.names,
        text=read,
    )
    if plan is None:
        raise UserError(
            translate("MainWindow", "The file {name} cannot be streamed.").format(
                name=table.source.name
            )
        )
    return plan


def streamed_fit(
    request: BigFitRequest,
    control: FitControl,
    on_snapshot: Callable[[EMSnapshot], None],
    cancelled: Callable[[], bool],
    backend: Backend,
    on_read: Callable[[ReadProgress], None] | None = None,
) -> FitResult | None:
    """Fit every usable row of the request's file; None when cancelled.

    ``on_read`` hears, a few times a second, how far the two passes over the file before
    the first snapshot have come (counting the rows, drawing the starts' sample); a cancel or
    a stop during them ends the fit there (TaskCancelled: nothing was fitted).
    """
    features, config = request.features, request.config
    plan = streaming_plan(request.table, features, config.n_components)
    reading = _reading_reporter(control, cancelled, on_read)
    block_rows = plan.block_rows(request.budget)
    sample_rows = plan.sample_rows(request.budget, config.n_components)
    first = [True]

    def should_stop() -> bool:
        if cancelled():
            return True
        if first[0]:  # the first snapshot is shown at once, as for an in-memory fit
            first[0] = False
            return False
        return not control.wait_turn()

    try:
        if request.dask is None:
            fit: StreamedFit = stream_fit(
                plan.source,
                config,
                sample_rows=sample_rows,
                block_rows=block_rows,
                backend=backend,
                on_snapshot=on_snapshot,
                should_stop=should_stop,
                on_read=reading,
            )
        else:
            address = request.dask
            fit = _on_dask(
                plan,
                config,
                address,
                sample_rows,
                block_rows,
                backend,
                on_snapshot,
                should_stop,
                reading,
            )
    except GMMInputError:
        if cancelled():
            return None
        raise
    if cancelled():
        return None
    result = result_from_history(
        features.X, config, fit.history, (), backend=backend, rows_fitted=fit.n_samples
    )
    # the starts ran on the subsample: they are compared with each other there
    finals = fit.sample_log_likelihoods or (fit.log_likelihood,)
    margin = SAME_OPTIMUM * max(1.0, abs(max(finals)))
    reaching = sum(1 for ll in finals if max(finals) - ll <= margin)
    return replace(
        result,
        restart_log_likelihoods=tuple(finals),
        n_starts=len(finals),
        starts_reaching_best=reaching,
    )


def _reading_reporter(
    control: FitControl,
    cancelled: Callable[[], bool],
    on_read: Callable[[ReadProgress], None] | None,
    interval: float = READ_REPORT_SECONDS,
) -> Callable[[ReadProgress], None]:
    """The engine's ``on_read``: ends the fit on a cancel or a stop, and passes progress on,
    the first of each pass and then at most once per ``interval`` seconds."""
    last: dict[str, float] = {}

    def report(progress: ReadProgress) -> None:
        if cancelled() or control.stopped:
            raise TaskCancelled()
        now = time.monotonic()
        done = progress.total is not None and progress.rows >= progress.total
        if on_read is not None and (done or now - last.get(progress.stage, -math.inf) >= interval):
            last[progress.stage] = now
            on_read(progress)

    return report


def _on_dask(
    plan: StreamingPlan,
    config: FitConfig,
    address: str,
    sample_rows: int,
    block_rows: int,
    backend: Backend,
    on_snapshot: Callable[[EMSnapshot], None],
    should_stop: Callable[[], bool],
    on_read: Callable[[ReadProgress], None],
) -> StreamedFit:
    from ..engine.dask_em import connect, dask_fit  # dask.distributed only when asked for

    if plan.source.format == "csv":
        raise UserError(
            translate(
                "MainWindow",
                "A Dask cluster reads Parquet or Arrow files: convert the CSV file first, or "
                "leave the Dask scheduler empty to fit it on this machine.",
            )
        )
    with connect(address) as (client, _where):
        fit, _rows = dask_fit(
            plan.source.parts(),
            config,
            client,
            sample_rows=sample_rows,
            block_rows=block_rows,
            backend=backend,
            on_snapshot=on_snapshot,
            should_stop=should_stop,
            on_read=on_read,
        )
    return fit


def reading_status(progress: ReadProgress, rows_in_file: int | None) -> tuple[str, float]:
    """The status line and the fraction done (0 to 1) of a pass over the file before the
    first snapshot; while counting, the fraction is of ``rows_in_file`` (every row of the
    file, usable or not), so it may end a little short of 1."""
    total = progress.total or rows_in_file or 0
    fraction = min(1.0, progress.rows / total) if total > 0 else 0.0
    if progress.stage == COUNT_STAGE:
        text = translate(
            "MainWindow",
            "Reading the file before the fit (1 of 2: counting the usable rows, {rows} so "
            "far)… {percent}",
        )
    else:
        text = translate(
            "MainWindow",
            "Reading the file before the fit (2 of 2: drawing the random sample the starts "
            "are chosen on)… {percent}",
        )
    return text.format(rows=f"{progress.rows:,}", percent=f"{fraction:.0%}"), fraction
