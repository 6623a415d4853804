"""An editable table of starting values (weights, means, sds, correlations), checked as typed.

One row per component. Columns: ``weight``, ``mean <col>`` per feature, ``sd <col>`` per
feature and, with two or more features, ``corr <a>,<b>`` per pair. A component's covariance is
D R D (D the diagonal of sds, R the correlation matrix), so every value has a plain meaning and
a positive-definite check can point at the correlations that clash.

A switch ("enter variances and covariances") shows ``var <col>`` and ``cov <a>,<b>`` instead,
the values converted; the covariance is then built from them directly. Until the user types a
value (or values are set), the table follows the data: means at its quantiles, sds its spread.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..engine.params import MixtureParams
from ..errors import UserError
from .i18n import QT_TRANSLATE_NOOP
from .style import component_header, error_color

INVALID_COLOR = QColor("#F6C9C9")
"""Background of a cell with a problem."""
WEIGHT_TOLERANCE = 1e-3  # as MixtureParams.from_user
OK_TEXT = QT_TRANSLATE_NOOP("ManualStartEditor", "OK")
_QUANTILE_GRID = np.linspace(0.0, 1.0, 201)
# New rows' quantiles and spread come from at most this many evenly spaced rows: on 2,000,000
# rows the full sort took most of a second on the GUI thread right after a file loaded.
REFERENCE_ROWS = 100_000
_NUMBER_ALIGNMENT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_ROWS_WITHOUT_SCROLLING = 8
MAX_FEATURES = 20
"""The most data columns the table is built for: d columns take 1 + 2d + d(d - 1)/2 table
columns (231 for 20); past that the table stays empty and its message says why."""

_Index = QModelIndex | QPersistentModelIndex


def parse_number(text: str) -> float | None:
    """A typed number, or None. Accepts a decimal comma ("0,7") and surrounding spaces."""
    text = text.strip().replace("\u2212", "-")
    if not text:
        return None
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def format_value(value: float) -> str:
    """A value as written into a cell: up to 6 significant digits."""
    return f"{value:.6g}"


def converted_value(value: float) -> str:
    """A value converted between sd/correlation and variance/covariance: up to 12
    significant digits, so that converting back gives the typed value."""
    return f"{value:.12g}"


def to_variances(sds: Sequence[float] | np.ndarray, corr: np.ndarray) -> np.ndarray:
    """The covariance matrix (d, d) of sds (d,) and a correlation matrix (d, d)."""
    sd = np.asarray(sds, dtype=float)
    return np.asarray(corr, dtype=float) * sd[:, None] * sd[None, :]


def convert_row(
    spread: Sequence[float | None],
    pair: Sequence[float | None],
    pairs: Sequence[tuple[int, int]],
    *,
    to_variance: bool,
) -> tuple[list[str], list[str]]:
    """One row's sds and correlations as variances and covariances (``to_variance``), or back.

    ``spread`` (d,) holds sds or variances, ``pair`` the values of ``pairs`` (a, b); a value
    that is not a number (None), or a pair whose spreads are not positive numbers, becomes "".
    """
    sds = [None if v is None or v <= 0 else (v if to_variance else math.sqrt(v)) for v in spread]
    spread_text = [
        "" if v is None or v <= 0 else converted_value(v * v if to_variance else math.sqrt(v))
        for v in spread
    ]
    pair_text = []
    for (a, b), value in zip(pairs, pair, strict=True):
        sa, sb = sds[a], sds[b]
        if value is None or sa is None or sb is None:
            pair_text.append("")
        else:
            pair_text.append(converted_value(value * sa * sb if to_variance else value / (sa * sb)))
    return spread_text, pair_text


@dataclass
class _Problem:
    message: str
    cells: list[tuple[int, int]] = field(default_factory=list)


class _LiveDelegate(QStyledItemDelegate):
    """Commits on every keystroke, so the table is checked while the user types."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit):
            editor.textEdited.connect(lambda _text, e=editor: self.commitData.emit(e))
        return editor

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        # The view echoes each commit back; rewriting the same text would move the cursor.
        if isinstance(editor, QLineEdit) and editor.text() == str(index.data() or ""):
            return
        super().setEditorData(editor, index)


class ManualStartEditor(QWidget):
    """Edit the starting mixture by hand; ``sig_validity_changed(bool)`` reports when the table
    turns valid or invalid. The message under the table names the first problem, or says OK."""

    sig_validity_changed = Signal(bool)
    sig_edited = Signal()  # any value changed by the user

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._names: list[str] = [""]
        self._headers: list[str] = []  # the table's column keys (English), built by set_shape
        self._column: dict[str, int] = {}  # key -> column
        self._displays: dict[str, str] = {}  # key -> header as shown (translated)
        self._too_many = False  # more than MAX_FEATURES features: no table
        self._ref_quantiles: np.ndarray | None = None
        self._ref_sd: np.ndarray | None = None
        self._problems: list[_Problem] = []
        self._valid = False
        self._filling = False
        self._variance_mode = False  # var/cov columns instead of sd/corr
        self._typed = False  # values typed or set: kept; else they follow the data
        self._exact: MixtureParams | None = None  # set_params' mixture, until a cell changes

        self._table = QTableWidget(0, 0)
        self._table.setItemDelegate(_LiveDelegate(self._table))
        self._table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self._table.horizontalHeader().setDefaultSectionSize(80)
        self._table.horizontalHeader().setMinimumSectionSize(60)
        self._table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._table.setToolTip(
            self.tr(
                "Starting values for EM, one row per component. Weights are the share of the\n"
                "data in each component and add up to 1; sd is the spread; corr is the\n"
                "correlation between two columns within the component (between -1 and 1)."
            )
        )
        self._message = QLabel(self.tr(OK_TEXT))
        self._message.setWordWrap(True)
        self._normalise = QPushButton(self.tr("Normalise weights"))
        self._normalise.setToolTip(
            self.tr("Divide every weight by their total so that they add up to 1.")
        )
        self._normalise.setEnabled(False)
        self.variance_checkbox = QCheckBox(self.tr("Enter variances and covariances"))
        self.variance_checkbox.setToolTip(
            self.tr(
                "Type each component's variances and covariances instead of its standard\n"
                "deviations and correlations; the values shown are converted."
            )
        )
        self.variance_checkbox.toggled.connect(self.set_variance_mode)

        bottom = QHBoxLayout()
        bottom.addWidget(self._message, 1)
        bottom.addWidget(self.variance_checkbox, 0, Qt.AlignmentFlag.AlignTop)
        bottom.addWidget(self._normalise, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._table, 1)
        layout.addLayout(bottom)

        self._table.itemChanged.connect(self._on_table_item_changed)
        self._normalise.clicked.connect(self._on_normalise_clicked)
        self.set_shape(2, [""])

    # -- public API ------------------------------------------------------------------------------
    def feature_names(self) -> list[str]:
        return list(self._names)

    def n_components(self) -> int:
        return self._table.rowCount()

    def set_shape(self, n_components: int, feature_names: Sequence[str]) -> None:
        """Resize to K rows and these features, keeping values whose column still exists.

        Weights are rescaled so that they still add up to 1. New cells get correlation 0 and,
        with reference data (``set_reference_data``), means spread over the data's quantiles and
        sds of the data's sd / K; without it, a mean two sds beyond the component above. Until a
        value is typed or set, every cell is such a new cell.
        With more than MAX_FEATURES features no column is built: the message says why.
        Time and memory are linear in the cells: the headers are made once.
        """
        names = [str(n) for n in feature_names] or [""]
        k = max(int(n_components), 1)
        self._exact = None
        if self._typed:
            old = self._values_by_header()
            old_k, old_names = self._table.rowCount(), self._names
        else:  # nothing typed yet: every value follows the data (or the plain defaults)
            old, old_k, old_names = [], 0, names
        self._names = names
        self._too_many = len(names) > MAX_FEATURES
        headers, displays = ([], []) if self._too_many else self._header_texts()
        self._headers = headers
        self._column = {header: j for j, header in enumerate(headers)}
        self._displays = dict(zip(headers, displays, strict=True))
        self._filling = True
        blocked = self._table.blockSignals(True)  # filling is not editing
        try:
            self._table.clear()
            self._table.setRowCount(k)
            self._table.setColumnCount(len(headers))
            for j, (header, display) in enumerate(zip(headers, displays, strict=True)):
                header_item = QTableWidgetItem(display)
                header_item.setToolTip(self._header_tip(header))
                self._table.setHorizontalHeaderItem(j, header_item)
            self._set_row_headers(k)
            values = self._reshaped_values(old, old_k, old_names, k) if headers else []
            for r, row in enumerate(values):
                for c, header in enumerate(headers):
                    item = QTableWidgetItem(row[header])
                    item.setTextAlignment(_NUMBER_ALIGNMENT)
                    self._table.setItem(r, c, item)
        finally:
            self._table.blockSignals(blocked)
            self._filling = False
        self._fit_columns()
        self._validate()

    def set_params(self, params: MixtureParams) -> None:
        """Show ``params``; keeps the feature names if the dimension matches."""
        d = params.n_features
        names = self._names if len(self._names) == d else [f"x{j + 1}" for j in range(d)]
        if d == 1 and len(self._names) == 1:
            names = self._names
        self._typed = True
        self.set_shape(params.n_components, names)
        if self._too_many:  # no table to show them in; the message says why
            return
        sd = params.standard_deviations
        corr = params.correlations
        cov = params.covariances
        self._filling = True
        try:
            for r in range(params.n_components):
                self._write(r, "weight", params.weights[r])
                for j in range(d):
                    self._write(r, self._mean_header(j), params.means[r, j])
                    spread = cov[r, j, j] if self._variance_mode else sd[r, j]
                    self._write(r, self._sd_header(j), spread)
                for a, b in itertools.combinations(range(d), 2):
                    pair = cov[r, a, b] if self._variance_mode else corr[r, a, b]
                    self._write(r, self._corr_header(a, b), pair)
        finally:
            self._filling = False
        self._validate()
        if len(names) == d:
            self._exact = params  # the cells show it to 6 digits; params() returns it whole

    def variance_mode(self) -> bool:
        """True while the table shows variances and covariances (not sds and correlations)."""
        return self._variance_mode

    def set_variance_mode(self, on: bool) -> None:
        """Show variances and covariances (True) or sds and correlations, converting every
        value that is a number (a row's pairs need its sds or variances too)."""
        on = bool(on)
        if on == self._variance_mode:
            return
        exact = self._exact
        if exact is not None and self.is_valid():  # convert the values themselves, not their text
            self._variance_mode = on
            self.variance_checkbox.blockSignals(True)
            self.variance_checkbox.setChecked(on)
            self.variance_checkbox.blockSignals(False)
            self.set_params(exact)
            return
        rows = self._values_by_header()
        d, k = len(self._names), self._table.rowCount()
        spreads = [self._sd_header(j) for j in range(d)]
        pairs = list(itertools.combinations(range(d), 2))
        pair_keys = [self._corr_header(a, b) for a, b in pairs]
        self._variance_mode = on
        self.variance_checkbox.blockSignals(True)
        self.variance_checkbox.setChecked(on)
        self.variance_checkbox.blockSignals(False)
        typed = self._typed
        self._typed = True  # keep the means and weights
        self.set_shape(k, self._names)
        self._typed = typed
        if self._too_many:
            return
        self._filling = True
        try:
            for r, row in enumerate(rows):
                spread = [parse_number(row.get(key, "")) for key in spreads]
                pair = [parse_number(row.get(key, "")) for key in pair_keys]
                new_spread, new_pair = convert_row(spread, pair, pairs, to_variance=on)
                for j, text in enumerate(new_spread):
                    self._cell(r, self.column_of(self._sd_header(j))).setText(text)
                for (a, b), text in zip(pairs, new_pair, strict=True):
                    self._cell(r, self.column_of(self._corr_header(a, b))).setText(text)
        finally:
            self._filling = False
        self._fit_columns()
        self._validate()

    def params(self) -> MixtureParams:
        """The typed mixture (the one ``set_params`` showed, unrounded, until a cell changes);
        raises UserError naming the first problem."""
        problem = self.problem()
        if problem is not None:
            raise UserError(problem)
        if self._exact is not None:
            return self._exact
        k, d = self._table.rowCount(), len(self._names)
        weights = np.array([self._number(r, "weight") for r in range(k)])
        means = np.array(
            [[self._number(r, self._mean_header(j)) for j in range(d)] for r in range(k)]
        )
        covariances = np.stack([self._covariance(r) for r in range(k)])
        return MixtureParams.from_user(weights, means, covariances=covariances)

    def is_valid(self) -> bool:
        return self._valid

    def problem(self) -> str | None:
        """The first problem in plain words, or None."""
        return self._problems[0].message if self._problems else None

    def message_text(self) -> str:
        """The message shown under the table."""
        return self._message.text()

    def table_widget(self) -> QTableWidget:
        """The table itself (for the panel's layout and for tests)."""
        return self._table

    def normalise_button(self) -> QPushButton:
        return self._normalise

    def column_headers(self) -> list[str]:
        """The table's column keys: weight, mean and sd per feature, corr per pair."""
        return list(self._headers)

    def column_of(self, header: str) -> int:
        """Index of the column with this header (-1 if absent)."""
        return self._column.get(header, -1)

    def set_cell(self, row: int, header: str, text: str) -> None:
        """Type ``text`` into a cell as a user would (validates and emits)."""
        self._cell(row, self.column_of(header)).setText(text)

    # -- headers ---------------------------------------------------------------------------------
    def _mean_header(self, j: int) -> str:
        return f"mean {self._names[j]}".strip()

    def _sd_header(self, j: int) -> str:
        return f"{'var' if self._variance_mode else 'sd'} {self._names[j]}".strip()

    def _corr_header(self, a: int, b: int) -> str:
        return f"{'cov' if self._variance_mode else 'corr'} {self._names[a]},{self._names[b]}"

    def _header_texts(self) -> tuple[list[str], list[str]]:
        """The column keys (English) and the headers as shown (translated), in one pass."""
        names, d = self._names, len(self._names)
        pairs = list(itertools.combinations(range(d), 2))
        mean, sd, corr = self.tr("mean {column}"), self.tr("sd {column}"), self.tr("corr {a},{b}")
        if self._variance_mode:
            sd, corr = self.tr("var {column}"), self.tr("cov {a},{b}")
        headers = ["weight"]
        headers += [self._mean_header(j) for j in range(d)]
        headers += [self._sd_header(j) for j in range(d)]
        headers += [self._corr_header(a, b) for a, b in pairs]
        displays = [self.tr("weight")]
        displays += [mean.format(column=name).strip() for name in names]
        displays += [sd.format(column=name).strip() for name in names]
        displays += [corr.format(a=names[a], b=names[b]) for a, b in pairs]
        return headers, displays

    def _display(self, header: str) -> str:
        """The header as shown (translated); ``header`` itself stays the English key."""
        return self._displays.get(header, header)

    def _header_tip(self, header: str) -> str:
        if header == "weight":
            return self.tr(
                "Share of the data in this component (between 0 and 1; all add up to 1)."
            )
        if header.startswith("mean"):
            return self.tr("Centre of this component.")
        if header.startswith("sd"):
            return self.tr("Standard deviation (spread) of this component; must be more than 0.")
        if header.startswith("var"):
            return self.tr("Variance (the sd squared) of this component; must be more than 0.")
        if header.startswith("cov"):
            return self.tr(
                "Covariance within this component (correlation × both sds); the variances and "
                "covariances together must be possible for real data."
            )
        return self.tr("Correlation within this component, strictly between -1 and 1.")

    def _set_row_headers(self, k: int) -> None:
        for r in range(k):
            tip = self.tr("Component {k}").format(k=r + 1)
            self._table.setVerticalHeaderItem(r, component_header(r, tip, size=10))

    def _fit_columns(self) -> None:
        """Columns wide enough for their header; the table as tall as its rows (up to 8)."""
        self._table.resizeColumnsToContents()
        header = self._table.horizontalHeader()
        for c in range(self._table.columnCount()):
            header.resizeSection(c, max(header.sectionSize(c) + 12, 72))
        rows = self._table.rowCount()
        height = header.sizeHint().height() + 2 * self._table.frameWidth()
        height += self._table.verticalHeader().defaultSectionSize() * min(
            rows, _ROWS_WITHOUT_SCROLLING
        )
        height += self._table.horizontalScrollBar().sizeHint().height()  # room if it appears
        self._table.setFixedHeight(height)

    # -- values ----------------------------------------------------------------------------------
    def _values_by_header(self) -> list[dict[str, str]]:
        headers = self._headers
        rows = []
        for r in range(self._table.rowCount()):
            rows.append({h: self._cell(r, c).text() for c, h in enumerate(headers)})
        return rows

    def set_reference_data(self, X: np.ndarray | None) -> None:
        """Data (n, d) whose quantiles and spread fill new rows and columns; None forgets it.

        They are taken from at most ``REFERENCE_ROWS`` evenly spaced rows.
        """
        self._ref_quantiles = None
        self._ref_sd = None
        if X is None:
            return
        data = np.asarray(X, dtype=float)
        data = data[:, None] if data.ndim == 1 else data
        stride = -(-data.shape[0] // REFERENCE_ROWS)
        data = data[::stride] if stride > 1 else data
        data = data[np.all(np.isfinite(data), axis=1)]
        if data.ndim != 2 or data.shape[0] == 0:
            return
        self._ref_quantiles = np.quantile(data, _QUANTILE_GRID, axis=0)  # (grid, d)
        self._ref_sd = data.std(axis=0)
        if not self._typed and self._headers and len(self._names) == data.shape[1]:
            self.set_shape(self._table.rowCount(), self._names)  # nothing typed: follow the data

    def _reshaped_values(
        self, old: list[dict[str, str]], old_k: int, old_names: list[str], k: int
    ) -> list[dict[str, str]]:
        """Old values where the column survives; sensible values elsewhere."""
        renamed = self._rename_map(old_names)
        rows: list[dict[str, str]] = []
        for r in range(k):
            source = old[r] if r < old_k else {}
            row = {"weight": source.get("weight", "")}
            previous = rows[-1] if rows else {}
            for j in range(len(self._names)):
                for header in (self._mean_header(j), self._sd_header(j)):
                    text = source.get(renamed.get(header, header), "")
                    row[header] = text or self._default_value(header, j, r, k, previous)
            for a, b in itertools.combinations(range(len(self._names)), 2):
                header = self._corr_header(a, b)
                row[header] = source.get(header, "") or "0"
            rows.append(row)
        self._rescale_weights(rows, old_k)
        return rows

    def _rename_map(self, old_names: list[str]) -> dict[str, str]:
        """With one unnamed feature replaced by one named one, keep its values."""
        if len(old_names) == 1 and len(self._names) == 1 and old_names != self._names:
            old = old_names[0]
            spread = "var" if self._variance_mode else "sd"
            return {
                self._mean_header(0): f"mean {old}".strip(),
                self._sd_header(0): f"{spread} {old}".strip(),
            }
        return {}

    def _default_value(self, header: str, j: int, r: int, k: int, previous: dict[str, str]) -> str:
        """A start for a new cell: spread over the data's quantiles when the data is known,
        else a step of two sds beyond the component above."""
        is_mean = header == self._mean_header(j)
        quantiles, ref_sd = self._ref_quantiles, self._ref_sd
        if quantiles is not None and ref_sd is not None and j < quantiles.shape[1]:
            if is_mean:
                q = round((r + 0.5) / k * (len(_QUANTILE_GRID) - 1))
                return format_value(float(quantiles[q, j]))
            sd = float(ref_sd[j]) / max(k, 1)
            sd = sd if sd > 0 else 1.0
            return format_value(sd * sd if self._variance_mode else sd)
        prev_mean = parse_number(previous.get(self._mean_header(j), ""))
        prev_spread = parse_number(previous.get(self._sd_header(j), ""))
        spread = prev_spread if prev_spread is not None and prev_spread > 0 else 1.0
        if not is_mean:
            return format_value(spread)
        sd = math.sqrt(spread) if self._variance_mode else spread
        return format_value(prev_mean + 2 * sd if prev_mean is not None else 0.0)

    @staticmethod
    def _rescale_weights(rows: list[dict[str, str]], old_k: int) -> None:
        k = len(rows)
        kept = [parse_number(row["weight"]) for row in rows[: min(old_k, k)]]
        if kept and all(w is not None and w > 0 for w in kept):
            total = sum(w for w in kept if w is not None)
            share_old = min(old_k, k) / k
            for row, w in zip(rows, kept, strict=False):
                assert w is not None
                row["weight"] = format_value(w / total * share_old)
        else:
            for row in rows[: min(old_k, k)]:
                row["weight"] = format_value(1.0 / k)
        for row in rows[min(old_k, k) :]:
            row["weight"] = format_value(1.0 / k)

    def _cell(self, row: int, column: int) -> QTableWidgetItem:
        item = self._table.item(row, column)
        if item is None:  # every cell is created in set_shape; this keeps it that way
            item = QTableWidgetItem("")
            self._table.setItem(row, column, item)
        return item

    def _write(self, row: int, header: str, value: float) -> None:
        self._cell(row, self.column_of(header)).setText(format_value(float(value)))

    def _number(self, row: int, header: str) -> float:
        value = parse_number(self._cell(row, self.column_of(header)).text())
        if value is None:
            raise UserError(
                self.tr("component {k}'s {column} is not a number").format(
                    k=row + 1, column=self._display(header)
                )
            )
        return value

    def _covariance(self, row: int) -> np.ndarray:
        d = len(self._names)
        spread = np.array([self._number(row, self._sd_header(j)) for j in range(d)])
        pairs = np.eye(d)
        for a, b in itertools.combinations(range(d), 2):
            pairs[a, b] = pairs[b, a] = self._number(row, self._corr_header(a, b))
        if self._variance_mode:  # typed as they are: no rounding through sds
            np.fill_diagonal(pairs, spread)
            return pairs
        return to_variances(spread, pairs)

    # -- validation ------------------------------------------------------------------------------
    def _validate(self) -> None:
        previous = self.problem()
        self._problems = self._find_problems()
        bad: dict[tuple[int, int], str] = {}
        for problem in reversed(self._problems):  # the first problem's tip wins
            for cell in problem.cells:
                bad[cell] = problem.message
        self._paint(bad)
        first = self.problem()
        self._message.setText(
            self.tr(OK_TEXT) if first is None else first[0].upper() + first[1:] + "."
        )
        self._message.setStyleSheet("" if first is None else f"color: {error_color(self)};")
        self._normalise.setEnabled(self._weights_need_normalising())
        if first is not None and first != previous and self._problems[0].cells:
            r, c = self._problems[0].cells[-1]  # wide tables: bring the bad cells into view
            self._table.scrollToItem(self._cell(r, c))
        valid = first is None
        if valid != self._valid:
            self._valid = valid
            self.sig_validity_changed.emit(valid)

    def _find_problems(self) -> list[_Problem]:
        if self._too_many:
            message = self.tr(
                "starting values can be typed for at most {max} columns, and {n} are chosen; "
                "choose fewer columns or another start method"
            ).format(max=MAX_FEATURES, n=len(self._names))
            return [_Problem(message)]
        problems: list[_Problem] = []
        k, headers = self._table.rowCount(), self.column_headers()
        numbers: dict[tuple[int, int], float] = {}
        for r in range(k):
            for c, header in enumerate(headers):
                text = self._cell(r, c).text()
                value = parse_number(text)
                if value is None:
                    what = (
                        self.tr("component {k}'s {column} is empty")
                        if not text.strip()
                        else self.tr("component {k}'s {column} '{text}' is not a number")
                    ).format(k=r + 1, column=self._display(header), text=text.strip())
                    problems.append(_Problem(what, [(r, c)]))
                else:
                    numbers[(r, c)] = value
        for r in range(k):
            for c, header in enumerate(headers):
                value = numbers.get((r, c))
                if value is None:
                    continue
                if header == "weight" and value <= 0:
                    problems.append(
                        _Problem(
                            self.tr("component {k}'s weight must be more than 0").format(k=r + 1),
                            [(r, c)],
                        )
                    )
                elif header.startswith(("sd", "var")) and value <= 0:
                    problems.append(
                        _Problem(
                            self.tr("component {k}'s {column} must be more than 0").format(
                                k=r + 1, column=self._display(header)
                            ),
                            [(r, c)],
                        )
                    )
                elif header.startswith("sd") and not math.isfinite(value * value):
                    problems.append(  # its square, the variance, would overflow
                        _Problem(
                            self.tr("component {k}'s {column} is too large").format(
                                k=r + 1, column=self._display(header)
                            ),
                            [(r, c)],
                        )
                    )
                elif header.startswith("corr") and abs(value) >= 1:
                    problems.append(
                        _Problem(
                            self.tr("component {k}'s {column} must be between -1 and 1").format(
                                k=r + 1, column=self._display(header)
                            ),
                            [(r, c)],
                        )
                    )
        weights = [numbers.get((r, 0)) for r in range(k)]
        if all(w is not None and w > 0 for w in weights):
            total = sum(w for w in weights if w is not None)
            if abs(total - 1.0) > WEIGHT_TOLERANCE:
                problems.append(
                    _Problem(
                        self.tr("the weights add up to {total}; they must add up to 1").format(
                            total=f"{total:.6g}"
                        ),
                        [(r, 0) for r in range(k)],
                    )
                )
        problems += self._correlation_problems(numbers)
        return problems

    def _correlation_problems(self, numbers: dict[tuple[int, int], float]) -> list[_Problem]:
        d = len(self._names)
        if d < 2:
            return []
        corr_cols = [
            self.column_of(self._corr_header(a, b)) for a, b in itertools.combinations(range(d), 2)
        ]
        if self._variance_mode:
            return self._covariance_problems(numbers, corr_cols)
        problems = []
        for r in range(self._table.rowCount()):
            values = [numbers.get((r, c), math.nan) for c in corr_cols]
            if not all(abs(v) < 1 for v in values):  # also skips NaN: reported already
                continue
            corr = np.eye(d)
            for (a, b), v in zip(itertools.combinations(range(d), 2), values, strict=True):
                corr[a, b] = corr[b, a] = v
            if np.linalg.eigvalsh(corr)[0] <= 1e-10:
                problems.append(
                    _Problem(
                        self.tr(
                            "component {k}'s correlations are impossible together "
                            "(no real data can have them all); make them smaller"
                        ).format(k=r + 1),
                        [(r, c) for c in corr_cols],
                    )
                )
        return problems

    def _covariance_problems(
        self, numbers: dict[tuple[int, int], float], cov_cols: list[int]
    ) -> list[_Problem]:
        """Rows whose variances and covariances no real data can have (not positive definite)."""
        d = len(self._names)
        var_cols = [self.column_of(self._sd_header(j)) for j in range(d)]
        problems = []
        for r in range(self._table.rowCount()):
            variances = [numbers.get((r, c), math.nan) for c in var_cols]
            values = [numbers.get((r, c), math.nan) for c in cov_cols]
            if not all(v > 0 for v in variances) or not all(math.isfinite(v) for v in values):
                continue  # reported already
            sd = np.sqrt(variances)
            corr = np.eye(d)
            for (a, b), v in zip(itertools.combinations(range(d), 2), values, strict=True):
                corr[a, b] = corr[b, a] = v / (sd[a] * sd[b])
            if not np.all(np.isfinite(corr)) or np.linalg.eigvalsh(corr)[0] <= 1e-10:
                problems.append(
                    _Problem(
                        self.tr(
                            "component {k}'s variances and covariances are impossible together "
                            "(no real data can have them); make the covariances smaller"
                        ).format(k=r + 1),
                        [(r, c) for c in cov_cols],
                    )
                )
        return problems

    def _weights_need_normalising(self) -> bool:
        if not self._headers:
            return False
        weights = [parse_number(self._cell(r, 0).text()) for r in range(self._table.rowCount())]
        if not weights or any(w is None or w <= 0 for w in weights):
            return False
        return abs(sum(w for w in weights if w is not None) - 1.0) > 1e-12

    def _paint(self, bad: dict[tuple[int, int], str]) -> None:
        blocked = self._table.blockSignals(True)  # colours are not edits
        try:
            brush = QBrush(INVALID_COLOR)
            for r in range(self._table.rowCount()):
                for c in range(self._table.columnCount()):
                    item = self._cell(r, c)
                    message = bad.get((r, c))
                    item.setBackground(brush if message else QBrush())
                    item.setForeground(QBrush(QColor("black")) if message else QBrush())
                    item.setToolTip(message[0].upper() + message[1:] + "." if message else "")
        finally:
            self._table.blockSignals(blocked)

    # -- handlers --------------------------------------------------------------------------------
    def _on_table_item_changed(self, _item: QTableWidgetItem) -> None:
        if self._filling:
            return
        self._typed = True
        self._exact = None
        self._validate()
        self.sig_edited.emit()

    def _on_normalise_clicked(self) -> None:
        k = self._table.rowCount()
        weights = [parse_number(self._cell(r, 0).text()) for r in range(k)]
        if any(w is None or w <= 0 for w in weights):
            return
        total = sum(w for w in weights if w is not None)
        self._exact = None
        self._filling = True
        try:
            for r, w in enumerate(weights):
                assert w is not None
                self._cell(r, 0).setText(format_value(w / total))
        finally:
            self._filling = False
        self._validate()
        self.sig_edited.emit()


def _preview() -> None:  # pragma: no cover - manual preview
    """The editor with the homework's start (python -m gmm_desktop.qt.manual_start)."""
    import sys

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv)
    editor = ManualStartEditor()
    editor.set_shape(2, ["height"])
    editor.set_params(MixtureParams.from_user([0.7, 0.3], [180, 165], standard_deviations=[5, 5]))
    editor.resize(500, 200)
    editor.show()
    app.exec()


if __name__ == "__main__":  # pragma: no cover
    _preview()
