"""EM's passes on a Dask cluster (dask.distributed): each block of rows sums on a worker.

The rows come as parts (picklable readers, e.g. a Parquet file's row groups, see
``io.arrow_source.RowBatches.parts``), read on the workers and kept there, re-cut into blocks
of a multiple of the kernel's ``CHUNK`` rows, the same blocks whatever the number of workers.
Each EM iteration sends the model to every block; the worker runs the compiled fused pass on
it (``streaming.block_sums``) and returns its per-chunk sums; the client adds them in row order
(``streaming.OrderedSums``). So the answer is the in-memory one, bit for bit, however many
workers there are and whichever of them did which block; a worker lost mid-fit only makes
Dask read its parts again and redo its blocks (the scheduler knows how each was made).

Starts are screened and run on a random subsample gathered from the blocks, in memory on the
client, then the best is refined on all rows (``streaming.sample_then_refine``).
dask.distributed is an optional dependency (the ``big`` extra); it is imported only here.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import numpy as np

from ..errors import QT_TRANSLATE_NOOP
from .backend import Backend
from .config import FitConfig
from .em import EMSnapshot
from .errors import GMMInputError
from .params import MixtureParams
from .streaming import (
    COUNT_STAGE,
    DEFAULT_BLOCK_ROWS,
    DEFAULT_SAMPLE_ROWS,
    SAMPLE_STAGE,
    OrderedSums,
    PassResult,
    ReadCallback,
    ReadProgress,
    StreamedFit,
    block_rows_for,
    block_sums,
    sample_then_refine,
)

Part = Callable[[], np.ndarray]
CONNECT_TIMEOUT = 10.0  # seconds to reach a scheduler before saying it cannot be reached


def _read(part: Part) -> np.ndarray:
    return part()


def _length(X: np.ndarray) -> int:
    return int(X.shape[0])


def _assemble(pieces: list[np.ndarray], spans: list[tuple[int, int]]) -> np.ndarray:
    """Rows spans[i] of pieces[i], one after another: one block (n_b, d)."""
    return np.ascontiguousarray(
        np.concatenate([p[a:b] for p, (a, b) in zip(pieces, spans, strict=True)])
    )


def _sums(X: np.ndarray, params: MixtureParams, covariance_type: str) -> tuple[Any, ...]:
    return (*block_sums(X, params, covariance_type), int(X.shape[0]))


def _take(X: np.ndarray, rows: np.ndarray) -> np.ndarray:
    return X[rows]


class DaskRows:
    """The rows of a fit held by the workers as aligned blocks (futures), in row order."""

    def __init__(
        self,
        client: Any,
        parts: Sequence[Part],
        block_rows: int,
        retries: int = 3,
        on_read: ReadCallback | None = None,
    ) -> None:
        self.client = client
        self.retries = retries
        part_futures = [client.submit(_read, part, retries=retries) for part in parts]
        length_futures = [client.submit(_length, f) for f in part_futures]
        lengths: list[int] = []
        for future in length_futures:  # in row order: each part read and counted
            lengths.append(int(future.result()))
            if on_read is not None:
                on_read(ReadProgress(COUNT_STAGE, sum(lengths), None))
        self.n_rows = int(sum(lengths))
        if self.n_rows == 0:
            raise GMMInputError.said(
                QT_TRANSLATE_NOOP("Errors", "there is no data to fit (no rows or no columns)")
            )
        bounds = np.concatenate([[0], np.cumsum(lengths)]).astype(int)
        size = block_rows_for(block_rows)
        self.block_bounds = [
            (lo, min(lo + size, self.n_rows)) for lo in range(0, self.n_rows, size)
        ]
        self.blocks = [self._block(part_futures, bounds, lo, hi) for lo, hi in self.block_bounds]

    def _block(self, futures: list[Any], bounds: np.ndarray, lo: int, hi: int) -> Any:
        pieces, spans = [], []
        for future, start, end in zip(futures, bounds[:-1], bounds[1:], strict=True):
            if start < hi and end > lo:
                pieces.append(future)
                spans.append((int(max(lo, start) - start), int(min(hi, end) - start)))
        return self.client.submit(_assemble, pieces, spans, retries=self.retries)

    def run_pass(self, params: MixtureParams, covariance_type: str) -> PassResult:
        """One pass: every block's per-chunk sums on the workers, added here in row order."""
        futures = [
            self.client.submit(
                _sums, block, params, covariance_type, retries=self.retries, pure=False
            )
            for block in self.blocks
        ]
        sums = OrderedSums()
        for ll, nk, sx, sxx, n in self.client.gather(futures):
            sums.add(ll, nk, sx, sxx, n)
        return sums.result(covariance_type)

    def sample(self, size: int, seed: int) -> np.ndarray:
        """``size`` random rows (all, if there are fewer), in row order: (m, d)."""
        if size >= self.n_rows:
            chosen = np.arange(self.n_rows)
        else:
            rng = np.random.default_rng(seed)
            chosen = np.sort(rng.choice(self.n_rows, size=size, replace=False))
        futures = []
        for block, (lo, hi) in zip(self.blocks, self.block_bounds, strict=True):
            rows = chosen[(chosen >= lo) & (chosen < hi)] - lo
            if rows.size:
                futures.append(self.client.submit(_take, block, rows))
        return np.concatenate(self.client.gather(futures))


@contextlib.contextmanager
def connect(address: str | None) -> Iterator[tuple[Any, str]]:
    """A client of the scheduler at ``address``, or of a new LocalCluster for None/"local".

    Yields (client, a description of where the fit runs); closes what it started.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise GMMInputError.said(
            QT_TRANSLATE_NOOP(
                "Errors", "fitting on Dask needs dask.distributed; install gmm-desktop[big]"
            )
        ) from None
    if address in (None, "", "local"):
        with (
            LocalCluster(processes=False, dashboard_address=":0") as cluster,
            Client(cluster) as client,
        ):
            yield client, "a local cluster"
        return
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as exc:
        raise GMMInputError.said(
            QT_TRANSLATE_NOOP("Errors", "cannot reach the Dask scheduler at {address} ({reason})"),
            address=address,
            reason=str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__,
        ) from None
    with client:
        yield client, address


def dask_fit(
    parts: Sequence[Part],
    config: FitConfig,
    client: Any,
    *,
    sample_rows: int = DEFAULT_SAMPLE_ROWS,
    block_rows: int = DEFAULT_BLOCK_ROWS,
    backend: Backend | None = None,
    on_snapshot: Callable[[EMSnapshot], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    on_read: ReadCallback | None = None,
) -> tuple[StreamedFit, DaskRows]:
    """``streaming.stream_fit`` with the rows on a Dask cluster (``client``); ``on_read``
    sees the parts read and counted, then the sample drawn (it may raise to end the fit)."""
    rows = DaskRows(client, parts, block_rows, on_read=on_read)
    if on_read is not None:
        on_read(ReadProgress(SAMPLE_STAGE, 0, rows.n_rows))
    sample = rows.sample(sample_rows, config.seed or 0)
    if on_read is not None:
        on_read(ReadProgress(SAMPLE_STAGE, rows.n_rows, rows.n_rows))
    result = sample_then_refine(
        sample,
        config,
        lambda params: rows.run_pass(params, config.covariance_type),
        backend=backend,
        on_snapshot=on_snapshot,
        should_stop=should_stop,
    )
    return result, rows
