"""EM on rows that do not fit in memory: one pass over record batches per iteration.

A ``RowSource`` yields the rows (n_b, d) in a fixed order, batch after batch, every time it is
asked (``io.arrow_source.RowBatches`` reads Parquet, Arrow or CSV files; ``ArrayBatches``
cuts an array, for tests and subsamples). Each EM iteration is one pass: the batches are cut
again into blocks of a multiple of the compiled kernel's ``CHUNK`` rows, the kernel computes
the per-chunk sums of each block (``fast.fused_pass_chunks``) and ``OrderedSums`` adds them in
row order, exactly as the in-memory pass adds its chunks. So the log-likelihood and the model
of every iteration are those of ``fast_iterate_em`` on the same rows, bit for bit, whatever
the batch size or the number of threads (above ``fast.LOOP_ROWS`` rows; below it the
in-memory engine runs another, equally exact, kernel and they agree to about 1e-13).

``stream_iterate_em`` yields ``EMSnapshot`` like ``em.iterate_em`` (the live view and the
log-likelihood curve need nothing else); ``stream_fit`` screens and runs the starts on an
in-memory random subsample, then refines the best on all rows. ``dask_em.py`` runs the same
passes on a Dask cluster through ``iterate_passes``.

Without numba every pass uses the numpy reference (sums per block, so its last digits then
depend on the block size).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from ..errors import QT_TRANSLATE_NOOP
from . import fast
from .backend import Backend, ready
from .config import FitConfig, check_data
from .density import e_step
from .em import EMSnapshot
from .errors import GMMInputError
from .params import MixtureParams
from .result import HistoryResult
from .search import RestartTracker, search_snapshots
from .stopping import Stopper

Stats = tuple[np.ndarray, np.ndarray, np.ndarray]
PassResult = tuple[float, Stats, int]
"""(total log-likelihood, (sum r (K,), sum r (x - mu) (K, d), scatter), rows) of one pass."""

DEFAULT_BLOCK_ROWS = 16 * 4096
DEFAULT_SAMPLE_ROWS = 200_000


class RowSource(Protocol):
    """Rows (n_b, d) float64, finite, in the same order on every call of ``batches``."""

    @property
    def n_features(self) -> int: ...

    def batches(self) -> Iterator[np.ndarray]: ...


@dataclass(frozen=True, eq=False)
class ArrayBatches:
    """An in-memory X (n, d) handed out in batches of ``batch_rows`` rows (any size)."""

    X: np.ndarray
    batch_rows: int = DEFAULT_BLOCK_ROWS

    @property
    def n_features(self) -> int:
        return int(self.X.shape[1])

    def batches(self) -> Iterator[np.ndarray]:
        for lo in range(0, self.X.shape[0], self.batch_rows):
            yield self.X[lo : lo + self.batch_rows]


def block_rows_for(requested: int) -> int:
    """``requested`` rounded down to a multiple of the kernel's chunk (at least one chunk)."""
    chunk = fast.chunk_rows()
    return max(chunk, requested // chunk * chunk)


def aligned_blocks(
    batches: Iterable[tuple[np.ndarray, ...]], rows: int
) -> Iterator[tuple[np.ndarray, ...]]:
    """Batches of arrays sharing their first axis re-cut into blocks of exactly ``rows`` rows.

    Only the last block may be shorter. A yielded block may be a reused buffer: use it before
    asking for the next one.
    """
    buffers: list[np.ndarray] | None = None
    fill = 0
    for arrays in batches:
        n = arrays[0].shape[0]
        pos = 0
        while pos < n:
            if fill == 0 and n - pos >= rows:  # a whole block inside the batch: no copy
                yield tuple(np.ascontiguousarray(a[pos : pos + rows]) for a in arrays)
                pos += rows
                continue
            if buffers is None:
                buffers = [np.empty((rows, *a.shape[1:]), dtype=a.dtype) for a in arrays]
            take = min(rows - fill, n - pos)
            for buffer, a in zip(buffers, arrays, strict=True):
                buffer[fill : fill + take] = a[pos : pos + take]
            fill += take
            pos += take
            if fill == rows:
                yield tuple(buffers)
                fill = 0
    if fill and buffers is not None:
        yield tuple(b[:fill] for b in buffers)


class OrderedSums:
    """Adds chunk sums in row order, the way the in-memory pass adds its chunks.

    The log-likelihoods of all chunks are kept (8 bytes per ``CHUNK`` rows) and summed once at
    the end with numpy's pairwise sum, as ``np.sum`` over the in-memory pass's chunks; the
    statistics are added chunk after chunk, as numpy's reduction over the chunk axis does.
    """

    def __init__(self) -> None:
        self._ll: list[np.ndarray] = []
        self._sums: list[np.ndarray] | None = None
        self.n_rows = 0

    def add(self, ll: np.ndarray, nk: np.ndarray, sx: np.ndarray, sxx: np.ndarray, n: int) -> None:
        """One block's per-chunk arrays: ll (c,), nk (c, K), sx (c, K, d), sxx (c, K, d, d)."""
        self._ll.append(ll)
        self.n_rows += n
        parts = (nk, sx, sxx)
        if self._sums is None:
            self._sums = [p.sum(axis=0) for p in parts]
        else:
            self._sums = [
                np.concatenate([s[None], p]).sum(axis=0)
                for s, p in zip(self._sums, parts, strict=True)
            ]

    def result(self, covariance_type: str) -> PassResult:
        if self._sums is None:
            raise GMMInputError.said(
                QT_TRANSLATE_NOOP("Errors", "there is no data to fit (no rows or no columns)")
            )
        total = float(np.sum(np.concatenate(self._ll)))
        nk, sx, sxx = self._sums
        stats = fast.finish_stats(nk, sx, sxx, covariance_type)
        return total, stats, self.n_rows


def block_sums(
    X: np.ndarray, params: MixtureParams, covariance_type: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per-chunk (ll, nk, sx, sxx) of one block X (n, d): compiled, else one numpy "chunk"."""
    sums = fast.fused_pass_chunks(X, params, covariance_type)
    if sums is not None:
        return sums.ll, sums.nk, sums.sx, sums.sxx
    total, log_resp = e_step(X, params, covariance_type)
    resp = np.exp(log_resp)  # (n, K)
    diffs = X[None, :, :] - params.means[:, None, :]  # (K, n, d)
    sx = np.einsum("nk,knd->kd", resp, diffs)
    sxx = np.einsum("nk,kna,knb->kab", resp, diffs, diffs)
    return np.array([total]), resp.sum(axis=0)[None], sx[None], np.triu(sxx)[None]


def stream_pass(
    source: RowSource, params: MixtureParams, covariance_type: str, block_rows: int
) -> PassResult:
    """One E-step pass over every row of ``source``: log-likelihood and M-step statistics."""
    sums = OrderedSums()
    for (X,) in aligned_blocks(((b,) for b in source.batches()), block_rows_for(block_rows)):
        sums.add(*block_sums(X, params, covariance_type), X.shape[0])
    return sums.result(covariance_type)


def iterate_passes(
    run_pass: Callable[[MixtureParams], PassResult],
    start: MixtureParams,
    *,
    covariance_type: str = "full",
    max_iter: int = 2000,
    tol: float = 1e-8,
    reg_covar: float = 1e-6,
    restart: int = 0,
    n_restarts: int = 1,
    stopping: str = "aitken",
) -> Iterator[EMSnapshot]:
    """EM from ``start`` where ``run_pass(params)`` does the pass over the rows.

    The contract of ``em.iterate_em`` (snapshot 0 is the start, one snapshot per M-step, the
    last has ``final``), without labels.
    """
    params = start
    stopper: Stopper | None = None
    for iteration in range(max_iter + 1):
        total, stats, n = run_pass(params)
        if stopper is None:
            stopper = Stopper(stopping, tol, n)
        converged = stopper.update(total)
        final = converged or iteration == max_iter
        yield EMSnapshot(iteration, total, params, converged, final, n, restart, n_restarts)
        if final:
            return
        params = fast.m_step_from_stats(*stats, params.means, covariance_type, reg_covar)


def stream_iterate_em(
    source: RowSource,
    start: MixtureParams,
    *,
    covariance_type: str = "full",
    max_iter: int = 2000,
    tol: float = 1e-8,
    reg_covar: float = 1e-6,
    restart: int = 0,
    n_restarts: int = 1,
    stopping: str = "aitken",
    block_rows: int = DEFAULT_BLOCK_ROWS,
) -> Iterator[EMSnapshot]:
    """``fast_iterate_em`` over the rows of ``source``, one streamed pass per iteration."""
    yield from iterate_passes(
        lambda params: stream_pass(source, params, covariance_type, block_rows),
        start,
        covariance_type=covariance_type,
        max_iter=max_iter,
        tol=tol,
        reg_covar=reg_covar,
        restart=restart,
        n_restarts=n_restarts,
        stopping=stopping,
    )


COUNT_STAGE = "count"
SAMPLE_STAGE = "sample"


@dataclass(frozen=True)
class ReadProgress:
    """How far a pass over the rows before the first EM iteration has come.

    stage : ``COUNT_STAGE`` (counting the usable rows) or ``SAMPLE_STAGE`` (drawing the random
    subsample the starts are screened on); rows : rows read so far in this pass; total : the
    pass's rows when known (None while counting them).
    """

    stage: str
    rows: int
    total: int | None


ReadCallback = Callable[[ReadProgress], None]
"""Called after each batch of a pass before the first iteration; whatever it raises ends the
fit there (a cancel)."""


def count_rows(source: RowSource, on_read: ReadCallback | None = None) -> int:
    """The number of rows of ``source`` (one pass)."""
    total = 0
    for batch in source.batches():
        total += int(batch.shape[0])
        if on_read is not None:
            on_read(ReadProgress(COUNT_STAGE, total, None))
    return total


def random_subsample(
    source: RowSource, n_rows: int, size: int, seed: int, on_read: ReadCallback | None = None
) -> np.ndarray:
    """``size`` rows drawn without replacement (all rows, in order, if ``size >= n_rows``),
    kept in file order: (m, d), one pass."""
    if size >= n_rows:
        chosen = np.arange(n_rows)
    else:
        chosen = np.sort(np.random.default_rng(seed).choice(n_rows, size=size, replace=False))
    out = np.empty((chosen.size, source.n_features))
    first = taken = 0
    for batch in source.batches():
        hi = np.searchsorted(chosen, first + batch.shape[0])
        picked = chosen[taken:hi] - first
        out[taken:hi] = batch[picked]
        taken, first = int(hi), first + batch.shape[0]
        if on_read is not None:
            on_read(ReadProgress(SAMPLE_STAGE, first, n_rows))
    return out[:taken]


@dataclass(frozen=True, eq=False)
class StreamedFit(HistoryResult):
    """A fit on all rows of a source, its starts chosen on a subsample.

    history : the refinement on all rows (iteration 0 is the best start's model from the
        subsample); sample_log_likelihoods : final log-likelihoods of the starts on it.
    """

    config: FitConfig
    history: tuple[EMSnapshot, ...]
    sample_rows: int
    sample_log_likelihoods: tuple[float, ...]

    @property
    def n_samples(self) -> int:
        return self.final.n_samples

    @property
    def bic(self) -> float:
        return -2.0 * self.log_likelihood + self.n_parameters * float(np.log(self.n_samples))

    @property
    def aic(self) -> float:
        return -2.0 * self.log_likelihood + 2.0 * self.n_parameters


def stream_fit(
    source: RowSource,
    config: FitConfig,
    *,
    sample_rows: int = DEFAULT_SAMPLE_ROWS,
    block_rows: int = DEFAULT_BLOCK_ROWS,
    backend: Backend | None = None,
    on_snapshot: Callable[[EMSnapshot], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    on_read: ReadCallback | None = None,
) -> StreamedFit:
    """Fit every start of ``config`` on a random subsample of ``source`` (two passes: count,
    then draw), then refine the best on all rows by streamed passes (``sample_then_refine``).

    ``on_read`` follows the two passes before the first snapshot, batch by batch (it may
    raise to end the fit there).
    """
    n_rows = count_rows(source, on_read)
    if n_rows == 0:
        raise GMMInputError.said(
            QT_TRANSLATE_NOOP("Errors", "there is no data to fit (no rows or no columns)")
        )
    sample = random_subsample(source, n_rows, sample_rows, config.seed or 0, on_read)
    return sample_then_refine(
        sample,
        config,
        lambda params: stream_pass(source, params, config.covariance_type, block_rows),
        backend=backend,
        on_snapshot=on_snapshot,
        should_stop=should_stop,
    )


def sample_then_refine(
    sample: np.ndarray,
    config: FitConfig,
    run_pass: Callable[[MixtureParams], PassResult],
    *,
    backend: Backend | None = None,
    on_snapshot: Callable[[EMSnapshot], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> StreamedFit:
    """Every start of ``config`` on ``sample`` (m, d) in memory (screened as ``fit`` does),
    then EM from the best one's model with ``run_pass`` over all rows.

    ``on_snapshot`` sees every snapshot (the sample's starts first, then the refinement, whose
    ``n_samples`` is all rows); ``should_stop`` is asked after each and ends the fit early.
    """
    sample = check_data(sample)
    tracker = RestartTracker()
    for snapshot in search_snapshots(sample, config, backend=backend or ready()):
        tracker.add(snapshot)
        if on_snapshot is not None:
            on_snapshot(snapshot)
        if should_stop is not None and should_stop():
            break
    chosen = tracker.history()
    if not chosen:
        raise GMMInputError.said(
            QT_TRANSLATE_NOOP("Errors", "the fit was stopped before its first iteration")
        )
    best = chosen[-1]
    history: list[EMSnapshot] = []
    passes = iterate_passes(
        run_pass,
        best.params,
        covariance_type=config.covariance_type,
        max_iter=config.max_iter,
        tol=config.tol,
        reg_covar=config.reg_covar,
        restart=best.restart,
        n_restarts=best.n_restarts,
        stopping=config.stopping,
    )
    for snapshot in passes:
        history.append(snapshot)
        if on_snapshot is not None:
            on_snapshot(snapshot)
        if should_stop is not None and should_stop():
            break
    finals = tuple(tracker.finals.values())
    return StreamedFit(config, tuple(history), int(sample.shape[0]), finals)


def block_responsibilities(
    blocks: Iterable[tuple[np.ndarray, ...]],
    params: MixtureParams,
    covariance_type: str,
    backend: Backend | None = None,
) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """(row numbers (n_b,), X (n_b, d), responsibilities (n_b, K)) for blocks (rows, X)."""
    run = backend or ready()
    for rows, X in blocks:
        yield rows, X, run.responsibilities(X, params, covariance_type)
