"""The results panel: status of the fit shown, a table of components, warnings in plain words.

"Standard errors" bootstraps the finished fit in the background (``engine.bootstrap``); the
table then shows each estimate's standard error in brackets and its 95% interval on hover.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFontMetrics, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..engine import EMSnapshot, FitResult, MixtureParams
from ..engine import backend as engines
from ..engine.bootstrap import (
    BOOTSTRAP_KINDS,
    BOOTSTRAP_REPLICATES,
    BootstrapResult,
    bootstrap_fit,
    bootstrap_refusal,
)
from ..engine.indices import FitIndices
from .i18n import error_text, message_text, translate
from .style import component_header, warning_color
from .tasks import TaskSlot, TaskState

# The engine's English warning of an optimum reached once; the starts line says it translated.
ONE_START_WARNING = "the best log-likelihood was reached by only one of"


def bootstrap_refused(result: FitResult, kind: str) -> str | None:
    """Why the bootstrap of ``kind`` cannot take this fit, in the interface language (as
    ``fit --bootstrap`` refuses it: fractional row weights, or the parametric bootstrap of
    empty cells filled in the model), or None when it can."""
    refusal = bootstrap_refusal(kind, result.config.missing, result.sample_weight)
    return None if refusal is None else error_text(refusal)


def _fmt(value: float) -> str:
    return f"{value:.4g}" if abs(value) < 1e5 else f"{value:.6g}"


def starts_reaching_best(result: FitResult) -> str:
    """How many starts ended at the kept optimum, short: "7 of 20"."""
    return translate("ResultsPanel", "{m} of {n}").format(
        m=result.starts_reaching_best, n=result.n_starts
    )


def reached_once(result: FitResult) -> bool:
    """True when several starts were tried and only one ended at the kept optimum."""
    return result.n_starts > 1 and result.starts_reaching_best <= 1


def one_start_warning(result: FitResult) -> str:
    """The plain-words warning of ``reached_once``, in the interface language."""
    return translate(
        "ResultsPanel",
        "Only one of the {n} starts reached the best log-likelihood; "
        "more restarts may find a better fit.",
    ).format(n=result.n_starts)


def starts_tooltip(result: FitResult) -> str:
    """What "m of n" means (and, reached once, the warning)."""
    tip = translate(
        "ResultsPanel",
        "{m} of the {n} starts EM tried ended at this log-likelihood (within one part in a\n"
        "million). Several starts agreeing make it likely that this is the best fit there is.",
    ).format(m=result.starts_reaching_best, n=result.n_starts)
    return one_start_warning(result) + "\n" + tip if reached_once(result) else tip


def _criterion(value: float) -> str:
    """A criterion (BIC-like, hundreds to millions) to 6 significant digits, as the summary."""
    return f"{value:.6g}"


def _uncertainty(
    boot: BootstrapResult, j: int, pairs: Sequence[tuple[int, int]]
) -> list[tuple[float, float, float]]:
    """(standard error, 95% low, 95% high) of component j's weight, means, sds and
    correlations (``pairs``), in the order of the table's rows (without points)."""
    out: list[tuple[float, float, float]] = []
    for name in ("weights", "means", "sds", "correlations"):
        se = boot.standard_error(name)[j]
        low, high = (bound[j] for bound in boot.interval(name))
        if name == "weights":
            out.append((float(se), float(low), float(high)))
        elif name == "correlations":
            out += [(float(se[a, b]), float(low[a, b]), float(high[a, b])) for a, b in pairs]
        else:
            out += [(float(a), float(b), float(c)) for a, b, c in zip(se, low, high, strict=True)]
    return out


LABEL_SHARE = 0.45  # of the table's width a row label may take before it wraps
FIT_SLACK = 4  # px kept spare beside the last band, so a rounding pixel never adds a scroll bar
TABLE_ROWS = 10  # the table is at least this many rows tall (the panel scrolls around it)


def wrap_label(text: str, metrics: QFontMetrics, width: int) -> str:
    """``text`` broken into lines at most ``width`` px wide: after spaces and commas first
    ("corr sepal_length,petal_width" becomes "corr sepal_length," and "petal_width"), after
    underscores only inside a word wider than that; a piece wider still stays whole."""

    def fits(line: str) -> bool:
        return metrics.horizontalAdvance(line.rstrip()) <= width

    pieces: list[str] = []
    for word in re.findall(r"[^ ,]+[ ,]*|[ ,]+", text):
        pieces += [word] if fits(word) else re.findall(r"[^_]+_*|_+", word)
    lines: list[str] = []
    for piece in pieces:
        if lines and fits(lines[-1] + piece):
            lines[-1] += piece
        else:
            lines.append(piece)
    return "\n".join(line.rstrip() for line in lines) if lines else text


@dataclass
class ComponentGrid:
    """The component table's contents: ``labels[r]`` of row r, ``cells[j][r]`` the text of
    component j's parameter r and ``tips[j][r]`` its tooltip."""

    labels: list[str] = field(default_factory=list)
    cells: list[list[str]] = field(default_factory=list)
    tips: list[list[str]] = field(default_factory=list)


class ResultsPanel(QWidget):
    """Summary line, component table and warnings.

    The table has one column per component (headed by its plot colour) and one row per
    parameter: weight, points, each column's mean and sd, then correlations. Components that
    do not fit side by side wrap into bands below each other, so a narrow dock never scrolls
    sideways, whatever K and the number of columns.
    """

    sig_use_as_start = Signal()
    # (final params of the fit, its BootstrapResult or None): a bootstrap arrived or was dropped
    sig_bootstrap_changed = Signal(object, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # the last table shown (params, columns, counts), redrawn when its bootstrap arrives
        self._shown: tuple[MixtureParams, list[str], np.ndarray | None, bool, bool] | None = None
        self.summary_label = QLabel(self.tr("No fit yet. Choose columns and press Fit."))
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.starts_label = QLabel("")
        self.starts_label.setWordWrap(True)
        self.starts_label.setVisible(False)
        self._grid = ComponentGrid()
        self._laid_out_width = -1
        self.bands: list[list[int]] = []  # the components of each band of the table
        self.table = QTableWidget(0, 0)
        self.table.installEventFilter(self)
        row_height = self.table.fontMetrics().height() + 6
        self.table.setMinimumHeight((TABLE_ROWS + 1) * row_height)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.warnings_label = QLabel("")
        self.warnings_label.setWordWrap(True)
        self.warnings_label.setStyleSheet(f"color: {warning_color(self)};")
        self.use_button = QPushButton(self.tr("Use this result as the start"))
        self.use_button.setToolTip(
            self.tr("Copy these parameters into 'my own values' to start EM there")
        )
        self.use_button.setEnabled(False)
        self.use_button.clicked.connect(self.sig_use_as_start)
        self.copy_button = QPushButton(self.tr("Copy table"))
        self.copy_button.setToolTip(
            self.tr("Copy the table as tab-separated text (pastes into Excel)")
        )
        self.copy_button.clicked.connect(self.copy_to_clipboard)
        buttons = QHBoxLayout()
        buttons.addWidget(self.use_button)
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        self._build_bootstrap()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.starts_label)

        layout.addWidget(self._build_indices_label())
        layout.addWidget(self.table, 1)
        layout.addWidget(self.warnings_label)
        layout.addWidget(self.bootstrap_label)
        layout.addLayout(self._bootstrap_row)
        layout.addLayout(buttons)

    def clear(self, message: str | None = None) -> None:
        if message is None:
            message = self.tr("No fit yet. Choose columns and press Fit.")
        self.summary_label.setText(message)
        self._grid = ComponentGrid()
        self.bands = []
        self.table.setRowCount(0)
        self.table.setColumnCount(0)
        self.warnings_label.setText("")
        self.show_starts(None)

        self.show_indices(None)
        self.use_button.setEnabled(False)
        self.forget_bootstrap()

    def show_summary(self, text: str) -> None:
        self.summary_label.setText(text)

    def show_fit_summary(self, snap: EMSnapshot, result: FitResult | None, running: bool) -> None:
        """The summary of snapshot ``snap``: the finished fit's verdict and scores when it is
        ``result``'s last, else its iteration and log-likelihood (fitting or replay)."""
        if result is None or snap is not result.final:
            state = self.tr("fitting") if running else self.tr("replay")
            self.show_summary(
                self.tr("<b>Iteration {i}</b> ({state}) · log-likelihood {ll}").format(
                    i=snap.iteration, state=state, ll=f"{snap.log_likelihood:.6g}"
                )
            )
            self.show_warnings([])
            self.show_starts(None)
            self.show_indices(None)
            self._set_finished(None)
            return
        self._set_finished(result)
        self.show_indices(result.indices)
        verdict = self.tr("Converged") if result.converged else self.tr("Not converged")
        self.show_summary(
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
            + "".join(f"<br>{line}" for line in self.data_lines(result))
        )
        self.show_warnings(result.warnings)
        self.show_starts(result)

    def data_lines(self, result: FitResult) -> list[str]:
        """What the summary says of the rows' weights and of the cells filled in the model."""
        lines = []
        if result.sample_weight is not None:
            column = self._weight_column or self.tr("the weight column")
            lines.append(
                self.tr(
                    "n = sum of weights ({column}) = {total} in BIC, AIC and the other indices"
                ).format(column=column, total=f"{result.sum_of_weights:,.6g}")
            )
        if result.cells_filled:
            lines.append(
                self.tr("cells filled in the model: {n}").format(n=f"{result.cells_filled:,}")
            )
        return lines

    def status_text(self, result: FitResult) -> str:
        """One status-bar line for a finished fit: verdict, starts reaching the best, LL."""
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
        return self.tr("{verdict}{best}. Log-likelihood {ll}.").format(
            verdict=verdict, best=best, ll=f"{result.log_likelihood:.6g}"
        )

    def show_warnings(self, warnings: Sequence[str]) -> None:
        """The fit's warnings, one a line (the one-start warning is on the starts line)."""
        shown = [message_text(w) for w in warnings if not w.startswith(ONE_START_WARNING)]
        line = self.tr("⚠ {warning}.")
        self.warnings_label.setText(
            "\n".join(line.format(warning=f"{w[:1].upper()}{w[1:]}") for w in shown)
        )

    def show_starts(self, result: FitResult | None) -> None:
        """The line "Starts reaching the best: 7 of 20", in warning colour with the warning
        when only one of several starts got there; hidden for None (no finished fit shown)."""
        label = self.starts_label
        if result is None:
            label.setText("")
            label.setVisible(False)
            return
        text = self.tr("Starts reaching the best: {m_of_n}").format(
            m_of_n=starts_reaching_best(result)
        )
        once = reached_once(result)
        if once:
            text = f"⚠ {text}. {one_start_warning(result)}"
        label.setText(text)
        label.setStyleSheet(f"color: {warning_color(self)};" if once else "")
        label.setToolTip(starts_tooltip(result))
        label.setVisible(True)

    def show_params(
        self,
        params: MixtureParams,
        columns: Sequence[str],
        counts: np.ndarray | None,
        *,
        sampled: bool = False,
        weighted: bool = False,
    ) -> None:
        """Fill the table: a column per component; rows weight, points (of the random
        sample shown when ``sampled``; ``counts`` summing row weights when ``weighted``),
        means, sds and (d > 1) correlations. When the components do not fit the table's
        width side by side, they wrap into bands below each other (see ``_lay_out``)."""
        d, k = params.n_features, params.n_components
        self._shown = (params, list(columns), counts, sampled, weighted)
        pairs = [(a, b) for a in range(d) for b in range(a + 1, d)]
        if weighted:
            points = self.tr("points (sum of weights)")
        elif sampled:
            points = self.tr("points in the sample")
        else:
            points = self.tr("points")
        whole = counts is not None and bool(np.all(counts == np.round(counts)))
        rows = [self.tr("weight"), points]
        rows += [self.tr("mean {column}").format(column=c) for c in columns]
        rows += [self.tr("sd {column}").format(column=c) for c in columns]
        rows += [self.tr("corr {a},{b}").format(a=columns[a], b=columns[b]) for a, b in pairs]
        sds, corr = params.standard_deviations, params.correlations
        boot = self.bootstrap_of(params)
        cells: list[list[str]] = []
        tips: list[list[str]] = []
        for j in range(k):
            column = [f"{params.weights[j]:.4f}"]
            if counts is None:
                column.append("")
            else:  # a sum of fractional weights keeps two decimals
                column.append(f"{counts[j]:,.0f}" if whole else f"{counts[j]:,.2f}")
            column += [_fmt(v) for v in params.means[j]] + [_fmt(v) for v in sds[j]]
            column += [f"{corr[j, a, b]:.3f}" for a, b in pairs]
            column_tips = [""] * len(column)
            if boot is not None:
                for row, (se, low, high) in enumerate(_uncertainty(boot, j, pairs)):
                    at = row if row == 0 else row + 1  # the points row has none
                    column[at] += f" ({_fmt(se)})"
                    column_tips[at] = self.tr(
                        "standard error {se}; 95% interval {low} to {high}"
                    ).format(se=_fmt(se), low=_fmt(low), high=_fmt(high))
            cells.append(column)
            tips.append(column_tips)
        self._grid = ComponentGrid(rows, cells, tips)
        self._laid_out_width = -1
        self._lay_out()
        self.use_button.setEnabled(True)

    def _table_room(self) -> int:
        """Pixels across the table for its row labels and components (a vertical scroll
        bar's width always kept free, so its coming and going never re-wraps the table)."""
        table = self.table
        bar = table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        return max(1, table.width() - 2 * table.frameWidth() - bar)

    def _lay_out(self) -> None:
        """Lay the components out in as many bands as the table's width needs: each band
        repeats the row labels, and every band after the first starts with a row of
        component headers. Row labels wider than about half the table wrap onto lines."""
        grid, table = self._grid, self.table
        room = self._table_room()
        self._laid_out_width = room
        metrics = table.fontMetrics()
        label_room = max(metrics.horizontalAdvance("m" * 8), int(room * LABEL_SHARE))
        labels = [wrap_label(label, metrics, label_room) for label in grid.labels]
        k, n_rows = len(grid.cells), len(grid.labels)
        # every component side by side first: the widths its contents need
        self._fill(labels, list(range(k)), k)
        table.resizeColumnsToContents()
        column_width = max((table.columnWidth(c) for c in range(k)), default=0)
        label_width = table.verticalHeader().sizeHint().width()
        spare = room - label_width - FIT_SLACK
        per_band = max(1, min(k, spare // max(1, column_width)))
        per_band = math.ceil(k / math.ceil(k / per_band))  # even bands: 4 is 2 + 2, not 3 + 1
        if per_band < k:
            self._fill(labels, list(range(k)), per_band)
        for c in range(per_band):
            table.setColumnWidth(c, column_width)
        table.resizeRowsToContents()
        self.bands = [list(range(b, min(k, b + per_band))) for b in range(0, k, per_band)]
        assert sum(len(band) for band in self.bands) == k and n_rows == len(labels)

    def _fill(self, labels: list[str], components: list[int], per_band: int) -> None:
        """The table with ``per_band`` components a band (``labels``: the row labels)."""
        grid, table = self._grid, self.table
        bands = [components[b : b + per_band] for b in range(0, len(components), per_band)]
        header_rows = len(bands) - 1
        table.clear()
        table.setColumnCount(per_band)
        table.setRowCount(len(bands) * len(labels) + header_rows)
        for j in bands[0]:
            tip = self.tr("Component {k}").format(k=j + 1)
            table.setHorizontalHeaderItem(j, component_header(j, tip))
        vertical: list[str] = []
        row = 0
        for number, band in enumerate(bands):
            if number > 0:  # the band's own header row
                vertical.append(self.tr("component"))
                for c, j in enumerate(band):
                    head = component_header(j, self.tr("Component {k}").format(k=j + 1))
                    head.setFlags(Qt.ItemFlag.ItemIsEnabled)
                    font = head.font()
                    font.setBold(True)
                    head.setFont(font)
                    head.setBackground(self.palette().button())
                    table.setItem(row, c, head)
                row += 1
            for r, label in enumerate(labels):
                vertical.append(label)
                for c, j in enumerate(band):
                    item = QTableWidgetItem(grid.cells[j][r])
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                    item.setToolTip(grid.tips[j][r])
                    table.setItem(row, c, item)
                row += 1
        table.setVerticalHeaderLabels(vertical)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and event.type() == QEvent.Type.Resize
            and self._grid.cells
            and self._table_room() != self._laid_out_width
        ):
            self._lay_out()  # the dock changed width: the components wrap again
        return super().eventFilter(watched, event)

    def value(self, parameter: str, component: int) -> str:
        """The text shown for ``parameter`` (a row label, e.g. "mean height") of a component
        (0-based); "" when there is no such row."""
        grid = self._grid
        if parameter not in grid.labels or not 0 <= component < len(grid.cells):
            return ""
        return grid.cells[component][grid.labels.index(parameter)]

    def table_text(self) -> str:
        """The table as tab-separated text: a header row of components, a row per parameter
        (however the window wraps it)."""
        grid = self._grid
        head = [self.tr("parameter")]
        head += [self.tr("component {k}").format(k=j + 1) for j in range(len(grid.cells))]
        lines = ["\t".join(head)]
        for r, label in enumerate(grid.labels):
            lines.append("\t".join([label] + [column[r] for column in grid.cells]))
        return "\n".join(lines) + "\n"

    def copy_to_clipboard(self) -> None:
        QGuiApplication.clipboard().setText(self.table_text())

    # ------------------------------------------------------------------ bootstrap
    def _build_bootstrap(self) -> None:
        """The "Standard errors" button, its kind, a progress bar and the note on brackets."""
        self._X: np.ndarray | None = None
        self._weight_column: str | None = None
        self._finished: FitResult | None = None
        self.bootstrap: BootstrapResult | None = None
        self._bootstrapped: FitResult | None = None  # the fit ``bootstrap`` belongs to
        self._boot_slot = TaskSlot(self)
        self._boot_slot.sig_progress.connect(self._on_bootstrap_progress)
        self._boot_slot.sig_done.connect(self._on_bootstrap_done)
        self._boot_slot.sig_failed.connect(self._on_bootstrap_failed)
        self._boot_slot.sig_ended.connect(self._update_bootstrap_controls)
        self.bootstrap_button = QPushButton(self.tr("Standard errors"))
        self._bootstrap_tip = self.tr(
            "Bootstrap the finished fit ({b} replicates, each refitted from this result) "
            "for the standard error and 95% interval of every weight, mean, sd and "
            "correlation; press again to stop"
        ).format(b=BOOTSTRAP_REPLICATES)
        self.bootstrap_button.setToolTip(self._bootstrap_tip)
        self.bootstrap_button.clicked.connect(self._on_bootstrap_button_clicked)
        self.bootstrap_kind = QComboBox()
        labels = {
            "nonparametric": self.tr("resample rows"),
            "parametric": self.tr("draw from the fit"),
        }
        for kind in BOOTSTRAP_KINDS:
            self.bootstrap_kind.addItem(labels[kind], kind)
        self.bootstrap_kind.currentIndexChanged.connect(self._on_bootstrap_kind_changed)
        self.bootstrap_kind.setToolTip(
            self.tr(
                "Resample rows: nonparametric bootstrap (rows drawn with replacement). Draw from "
                "the fit: parametric bootstrap (new rows drawn from the fitted mixture)."
            )
        )
        self.bootstrap_progress = QProgressBar()
        self.bootstrap_progress.setRange(0, 1000)
        self.bootstrap_progress.setTextVisible(False)
        self.bootstrap_progress.setMaximumWidth(120)
        self.bootstrap_progress.setVisible(False)
        self.bootstrap_label = QLabel("")
        self.bootstrap_label.setWordWrap(True)
        self.bootstrap_label.setVisible(False)
        row = QHBoxLayout()
        row.addWidget(self.bootstrap_button)
        row.addWidget(self.bootstrap_kind)
        row.addWidget(self.bootstrap_progress)
        row.addStretch(1)
        self._bootstrap_row = row
        self._update_bootstrap_controls()

    def set_data(self, X: np.ndarray | None, weight_column: str | None = None) -> None:
        """The rows (n, d) the shown fit was fitted to, for its bootstrap, and the name of
        the column of their weights (None: none)."""
        self._X = X
        self._weight_column = weight_column
        self._update_bootstrap_controls()

    def _set_finished(self, result: FitResult | None) -> None:
        """The finished fit shown (None: none, or a replayed step); a bootstrap of another
        fit is dropped."""
        if result is not None and result is not self._bootstrapped:
            self.forget_bootstrap()
        self._finished = result
        self._update_bootstrap_controls()

    def bootstrap_of(self, params: MixtureParams) -> BootstrapResult | None:
        """The bootstrap of the fit whose final parameters are ``params``, if computed."""
        done = self._bootstrapped
        return self.bootstrap if done is not None and done.params is params else None

    def bootstrap_for(self, result: FitResult | None) -> BootstrapResult | None:
        """The bootstrap of ``result``, if it was computed (for exports)."""
        return self.bootstrap if result is not None and result is self._bootstrapped else None

    def start_bootstrap(self) -> bool:
        """Bootstrap the finished fit shown in the background; False if there is none."""
        finished, X = self._finished, self._X
        if finished is None or X is None or self._boot_slot.is_running():
            return False
        kind = str(self.bootstrap_kind.currentData())
        if bootstrap_refused(finished, kind) is not None:
            return False
        if finished.rows_fitted is not None:  # X is only a sample of the rows fitted
            return False
        result: FitResult = finished
        seed = int(result.config.seed or 0)

        def work(state: TaskState) -> tuple[FitResult, BootstrapResult]:
            boot = bootstrap_fit(
                X,
                result,
                n_bootstrap=BOOTSTRAP_REPLICATES,
                kind=kind,
                seed=seed,
                backend=engines.warm_up(),  # off the GUI thread: wait for it
                on_progress=lambda done, total: state.progress(done / total),
                should_stop=lambda: state.cancelled,
            )
            return result, boot

        self._boot_slot.start(work)
        self.bootstrap_progress.setValue(0)
        self._update_bootstrap_controls()
        return True

    def is_bootstrapping(self) -> bool:
        return self._boot_slot.is_running()

    def forget_bootstrap(self) -> None:
        """Drop the bootstrap (and stop one running): the fit it belonged to is gone."""
        self._boot_slot.retire()
        if self._bootstrapped is not None:
            self.sig_bootstrap_changed.emit(self._bootstrapped.params, None)
        self.bootstrap, self._bootstrapped = None, None
        self.bootstrap_label.setText("")
        self.bootstrap_label.setVisible(False)
        self._update_bootstrap_controls()

    def shutdown(self) -> None:
        """Stop a running bootstrap and wait for its thread (the window closing)."""
        self._boot_slot.shutdown()

    def _update_bootstrap_controls(self) -> None:
        running = self._boot_slot.is_running()
        can_start = self._finished is not None and self._X is not None
        kind = str(self.bootstrap_kind.currentData())
        refused = None if self._finished is None else bootstrap_refused(self._finished, kind)
        possible = refused is None
        streamed = self._finished is not None and self._finished.rows_fitted is not None
        self.bootstrap_button.setEnabled(running or (can_start and possible and not streamed))
        if streamed and not running:
            tip = self.tr(
                "Standard errors need every row in memory: this fit streamed a file larger "
                "than the memory budget"
            )
        elif refused is not None:
            tip = refused[:1].upper() + refused[1:] + "."
        else:
            tip = self._bootstrap_tip
        self.bootstrap_button.setToolTip(tip)
        self.bootstrap_button.setText(
            self.tr("Stop bootstrap") if running else self.tr("Standard errors")
        )
        self.bootstrap_kind.setEnabled(not running)
        self.bootstrap_progress.setVisible(running)

    def _on_bootstrap_kind_changed(self, _index: int) -> None:
        self._update_bootstrap_controls()  # the parametric kind refuses modelled cells

    def _on_bootstrap_button_clicked(self) -> None:
        if self._boot_slot.is_running():
            self._boot_slot.cancel()
        else:
            self.start_bootstrap()

    def _on_bootstrap_progress(self, fraction: float) -> None:
        self.bootstrap_progress.setValue(round(1000 * fraction))

    def _on_bootstrap_done(self, value: object) -> None:
        assert isinstance(value, tuple)
        result, boot = value
        assert isinstance(boot, BootstrapResult)
        self.bootstrap, self._bootstrapped = boot, result
        self.sig_bootstrap_changed.emit(result.params, boot)
        kind = (
            self.tr("rows resampled")
            if boot.kind == "nonparametric"
            else self.tr("rows drawn from the fit")
        )
        self.bootstrap_label.setText(
            self.tr(
                "In brackets: bootstrap standard errors ({b} replicates, {kind}). "
                "Hover a value for its 95% interval."
            ).format(b=boot.n_done, kind=kind)
        )
        self.bootstrap_label.setVisible(True)
        shown = self._shown
        if shown is not None and shown[0] is result.params:
            self.show_params(*shown[:3], sampled=shown[3], weighted=shown[4])

    def _on_bootstrap_failed(self, message: str, _details: str) -> None:
        self.bootstrap_label.setText(
            self.tr("The bootstrap stopped: {message}").format(message=message)
        )
        self.bootstrap_label.setVisible(True)

    # ------------------------------------------------------------------ fit indices
    def _build_indices_label(self) -> QLabel:
        """The indices of the fit shown (hidden until a fit has finished)."""
        self.indices_label = QLabel("")
        self.indices_label.setWordWrap(True)
        self.indices_label.setTextFormat(Qt.TextFormat.RichText)
        self.indices_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.indices_label.setToolTip(
            self.tr(
                "Lower is better for every criterion; mclust shows BIC and ICL with the "
                "opposite sign. ICL follows mclust (BIC plus the hard-classification term)."
            )
        )
        self.indices_label.setVisible(False)
        return self.indices_label

    def show_indices(self, indices: FitIndices | None) -> None:
        """Show the indices of a finished fit (None hides them: no fit, or a replayed step)."""
        if indices is None:
            self.indices_label.setText("")
            self.indices_label.setVisible(False)
            return
        ix = indices
        posterior = ", ".join(f"{v:.3f}" if np.isfinite(v) else "—" for v in ix.average_posterior)
        lines = [
            self.tr("Free parameters {p} (weights {w}, means {m}, covariances {c})").format(
                p=ix.n_parameters,
                w=ix.parameters_weights,
                m=ix.parameters_means,
                c=ix.parameters_covariances,
            ),
            self.tr("SABIC {sabic} · CAIC {caic} · AWE {awe}").format(
                sabic=_criterion(ix.sabic), caic=_criterion(ix.caic), awe=_criterion(ix.awe)
            ),
            self.tr("ICL {icl} (mclust's convention) · ICL with entropy {entropy}").format(
                icl=_criterion(ix.icl), entropy=_criterion(ix.icl_entropy)
            ),
            self.tr("Relative entropy {e} · average posterior per component {posterior}").format(
                e=f"{ix.relative_entropy:.3f}", posterior=posterior
            ),
            self.tr("Smallest component: {k}, {count} rows ({percent}%)").format(
                k=ix.smallest_class + 1,
                count=f"{ix.smallest_class_count:,}",
                percent=f"{ix.smallest_class_percent:.1f}",
            ),
        ]
        if ix.small_class_warning is not None:
            warning = self.tr(
                "⚠ Only {count} of {n} rows are in component {k}: a component under 5% or "
                "under 25 rows may be a few unusual rows rather than a group."
            ).format(
                count=f"{ix.smallest_class_count:,}", n=f"{ix.n_samples:,}", k=ix.smallest_class + 1
            )
            lines.append(f'<span style="color: {warning_color(self)};">{warning}</span>')
        lines.append(self.tr("Lower is better; mclust shows BIC and ICL with the opposite sign."))
        self.indices_label.setText("<br>".join(lines))
        self.indices_label.setVisible(True)
