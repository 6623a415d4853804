"""What every plot shares: the view protocols, the export menu entry and small data helpers."""

from __future__ import annotations

import contextlib
import threading
import weakref
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np
import pandas as pd
import pyqtgraph as pg
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QAction, QImage
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...engine import EMSnapshot, MixtureParams
from ...errors import UserError
from ..i18n import QT_TRANSLATE_NOOP, error_text, translate
from ..style import configure_pyqtgraph
from .export import render_graphics, render_svg, with_dpi, write_png, write_svg

CAPTION_COLOR = "#333333"

EXPORT_ACTION_TEXT = QT_TRANSLATE_NOOP("Plots", "Export as PNG or SVG…")
EXPORT_PNG_ACTION_TEXT = QT_TRANSLATE_NOOP("Plots", "Export as PNG…")  # views of pixels only
MAX_LABEL_GROUPS = 12


class ShrinkableCombo(QComboBox):
    """A combo box as wide as its longest item when there is room, down to a few letters
    when there is not (a narrow window keeps every control of the row in sight)."""

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        few_letters = self.fontMetrics().horizontalAdvance("M" * 5) + 28  # text and arrow
        return QSize(min(hint.width(), few_letters), hint.height())


@runtime_checkable
class DataView(Protocol):
    """A plot of the data table with a model drawn over it."""

    def set_data(
        self,
        X: np.ndarray,
        columns: Sequence[str],
        labels: np.ndarray | None = None,
        label_name: str | None = None,
    ) -> None:
        """New data X (n, d) with d column names and optional labels (n,); clears the model."""

    def show_model(
        self, params: MixtureParams | None, assignments: np.ndarray | None = None
    ) -> None:
        """Draw ``params`` (None = data only), colouring rows by ``assignments`` (n,) 0-based."""

    caption: str  # written under the plot by exports

    def render_image(self, width: int = 1600, white_background: bool = True) -> QImage:
        """The plot with its caption as an image ``width`` pixels wide; UserError if none."""

    def set_truth(self, truth: MixtureParams | None) -> None:
        """True parameters (d features) to draw dashed beside the model; None: unknown."""

    def export_png(
        self, path: str | Path, width: int = 1600, white_background: bool = True
    ) -> None:
        """Write the plot as a PNG ``width`` pixels wide; UserError if it cannot be written."""


@runtime_checkable
class HistoryView(Protocol):
    """A plot of how a fit evolved, one point per EM snapshot."""

    def set_data(
        self,
        X: np.ndarray,
        columns: Sequence[str],
        labels: np.ndarray | None = None,
        label_name: str | None = None,
    ) -> None: ...

    def set_history(self, snapshots: Sequence[EMSnapshot], current: int | None = None) -> None:
        """Draw these snapshots; ``current`` indexes the replayed one (a vertical marker)."""

    caption: str

    def render_image(self, width: int = 1600, white_background: bool = True) -> QImage: ...

    def export_png(
        self, path: str | Path, width: int = 1600, white_background: bool = True
    ) -> None: ...


class PlotPanel(QWidget):
    """A plot widget: a row of controls above the plot, and "Export as PNG or SVG…" on
    right-click (PNG only for views with ``vector_export`` False)."""

    export_file_name = "plot.png"
    # what exports write under the plots (data file, K, covariance, iteration, log-likelihood)
    caption = ""
    vector_export = True  # False for a view that can only be grabbed as pixels (3-D)
    # what the export methods draw: the 2-D views set it; the 3-D view exports by itself
    graphics: pg.GraphicsLayoutWidget

    def __init__(self, parent: QWidget | None = None) -> None:
        configure_pyqtgraph()  # before any GraphicsView exists, so the background is white
        super().__init__(parent)
        text = EXPORT_ACTION_TEXT if self.vector_export else EXPORT_PNG_ACTION_TEXT
        self.export_action = QAction(translate("Plots", text), self)
        self.export_action.triggered.connect(self._on_export_action_triggered)
        self.controls = QHBoxLayout()
        self.controls.setContentsMargins(4, 2, 4, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(self.controls)
        self._main_layout = layout

    def _set_plot_widget(self, widget: QWidget) -> None:
        self._main_layout.addWidget(widget, 1)

    def _install_scene_menu(self, scene: Any) -> None:
        """Offer our export entry in every ViewBox menu of ``scene`` (pyqtgraph's GraphicsScene).

        It replaces pyqtgraph's generic "Export..." dialog, which asks questions a
        non-programmer cannot answer.
        """
        scene.contextMenu = [self.export_action]

    def _labelled_combo(self, text: str) -> tuple[QLabel, QComboBox]:
        label = QLabel(translate("Plots", text))
        combo = ShrinkableCombo()
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.controls.addWidget(label)
        self.controls.addWidget(combo)
        return label, combo

    def render_image(self, width: int = 1600, white_background: bool = True) -> QImage:
        """The plot(s), legend and caption as an image ``width`` pixels wide; UserError if the
        plot has no size."""
        self._lay_out()
        with self._captioned():
            return render_graphics(self.graphics.ci, width, white_background)

    def export_png(
        self, path: str | Path, width: int = 1600, white_background: bool = True
    ) -> None:
        """Write the plot(s), legend and caption as a PNG ``width`` pixels wide (atomically);
        UserError if it cannot be written."""
        write_png(self.render_image(width, white_background), path)

    def export_svg(self, path: str | Path, white_background: bool = True) -> None:
        """Write the plot(s), legend and caption as an SVG drawing of their size on screen
        (atomically); UserError if it cannot be written, or for a view of pixels
        (``vector_export`` False)."""
        if not self.vector_export:
            raise UserError(translate("Plots", "this view can only be exported as PNG"))
        self._lay_out()
        with self._captioned():
            payload = render_svg(self.graphics.ci, self.graphics.logicalDpiX(), white_background)
        write_svg(payload, path)

    @contextlib.contextmanager
    def _captioned(self) -> Iterator[None]:
        """Show ``caption`` in a row under the plots while exporting (not on screen, where the
        status bar says the same and room is short)."""
        if not self.caption:
            yield
            return
        layout = self.graphics.ci
        item = pg.LabelItem(self.caption, color=CAPTION_COLOR, size="9pt", justify="left")
        layout.addItem(
            item, row=layout.layout.rowCount(), col=0, colspan=max(layout.layout.columnCount(), 1)
        )
        layout.layout.activate()
        try:
            yield
        finally:
            layout.removeItem(item)
            layout.layout.activate()

    def _lay_out(self) -> None:
        """Give a plot a real size and lay it out before it is drawn: a plot in a tab never
        opened has the default size of a hidden widget and has not placed its axes and legend
        (exported so, its legend overlapped the axes); one just switched to waits for posted
        layout events."""
        if not self.isVisible():
            shown = self._shown_size()
            if self.width() < shown.width() or self.height() < shown.height():
                self.resize(shown)
        layout = self.layout()
        if layout is not None:
            layout.activate()
        size = self.graphics.size()
        rect = QRectF(0, 0, max(size.width(), 320), max(size.height(), 240))
        if self.graphics.ci.geometry() != rect:
            self.graphics.ci.setGeometry(rect)
        self.graphics.ci.layout.activate()

    def _shown_size(self) -> QSize:
        """The size this plot would have on screen: its tab area's (or a screen-like default)."""
        parent = self.parentWidget()
        if parent is not None and parent.width() > 320 and parent.height() > 240:
            return parent.size()
        return QSize(900, 600)

    def _on_export_action_triggered(self) -> None:
        """Right-click > Export: the picture dialog (file, width in pixels, dpi), then write."""
        from ..export_dialog import PictureDialog, ask_picture

        png = translate("Plots", "PNG image (*.png)")
        svg = translate("Plots", "SVG drawing (*.svg)")
        dialog = PictureDialog(
            self,
            translate("Plots", "Export plot"),
            self.export_file_name,
            file_filter=f"{png};;{svg}" if self.vector_export else png,
        )
        choice = ask_picture(dialog)
        if choice is None:
            return
        path = str(choice.target)
        lower = path.lower()
        as_svg = self.vector_export and lower.endswith(".svg")
        if not as_svg and not lower.endswith(".png"):
            path += ".png"
        try:
            if as_svg:
                self.export_svg(path)
            else:
                write_png(with_dpi(self.render_image(choice.width), choice.dpi), path)
        except UserError as error:
            QMessageBox.warning(self, translate("Plots", "Export failed"), error_text(error))


# ---------------------------------------------------------------------------------------------
# Data helpers


def column_names(columns: Sequence[str], d: int) -> list[str]:
    """The d column names, falling back to "column j" where a name is missing or blank."""
    names = [str(c) for c in columns][:d]
    fallback = translate("Plots", "column {i}")
    names += [fallback.format(i=j + 1) for j in range(len(names), d)]
    return [name if name.strip() else fallback.format(i=j + 1) for j, name in enumerate(names)]


def as_data(X: np.ndarray) -> np.ndarray:
    """X as a float (n, d) array (1-D input becomes one column)."""
    arr = np.asarray(X, dtype=float)
    return arr[:, None] if arr.ndim == 1 else arr


class _ArrayMemo:
    """Results computed from one data array (by identity, while it lives): the loader's thread
    fills it for a fresh table's features (``qt/table_prep.py``), so the plots' set_data on
    the GUI thread need not scan millions of values again."""

    def __init__(self) -> None:
        self._entries: dict[int, tuple[weakref.ref[np.ndarray], dict[object, object]]] = {}
        self._lock = threading.RLock()  # a collection inside a locked part may call _forget

    def get(self, X: np.ndarray, key: object, compute: Callable[[], object]) -> Any:
        with self._lock:
            entry = self._entries.get(id(X))
            if entry is not None and entry[0]() is not X:  # id reused by a newer array
                entry = None
            if entry is not None and key in entry[1]:
                return entry[1][key]
        value = compute()
        with self._lock:
            entry = self._entries.get(id(X))
            if entry is None or entry[0]() is not X:
                entry = (weakref.ref(X, self._forget(id(X))), {})
                self._entries[id(X)] = entry
            entry[1][key] = value
        return value

    def _forget(self, ident: int) -> Callable[[object], None]:
        def forget(ref: object) -> None:
            with self._lock:
                entry = self._entries.get(ident)
                if entry is not None and entry[0] is ref:
                    del self._entries[ident]

        return forget

    def __len__(self) -> int:
        return len(self._entries)


ARRAY_MEMO = _ArrayMemo()


def finite_ranges(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The smallest and largest finite value of each column of X (n, d), as two (d,) arrays
    (NaN for a column without one). Computed once per array (``ARRAY_MEMO``)."""

    def compute() -> tuple[np.ndarray, np.ndarray]:
        d = X.shape[1]
        lo, hi = np.full(d, np.nan), np.full(d, np.nan)
        for j in range(d):
            column = X[:, j]
            a, b = np.nanmin(column, initial=np.inf), np.nanmax(column, initial=-np.inf)
            if not (np.isfinite(a) and np.isfinite(b)):  # infinities: the slow, exact way
                finite = column[np.isfinite(column)]
                a, b = (finite.min(), finite.max()) if finite.size else (np.nan, np.nan)
            lo[j], hi[j] = a, b
        return lo, hi

    if X.ndim != 2 or X.shape[0] == 0:
        return np.full(X.shape[-1], np.nan), np.full(X.shape[-1], np.nan)
    with warnings_off():
        return ARRAY_MEMO.get(X, "finite ranges", compute)


def column_histogram(X: np.ndarray, j: int) -> tuple[np.ndarray, np.ndarray]:
    """Counts and edges of column j of X (n, d) between its finite extremes, bins by numpy's
    'auto' rule (at most 200). Computed once per array and column (``ARRAY_MEMO``)."""

    def compute() -> tuple[np.ndarray, np.ndarray]:
        lo_all, hi_all = finite_ranges(X)
        lo, hi = float(lo_all[j]), float(hi_all[j])
        if hi - lo <= 0:
            lo, hi = lo - 0.5, hi + 0.5
        x = X[:, j]
        bins = np.histogram_bin_edges(x, bins="auto", range=(lo, hi))
        if len(bins) > 201:  # 'auto' can ask for thousands of bins on huge or lumpy data
            bins = np.linspace(lo, hi, 201)
        return np.histogram(x, bins=bins)

    return ARRAY_MEMO.get(X, ("histogram", j), compute)


@contextlib.contextmanager
def warnings_off() -> Iterator[None]:
    """numpy's all-NaN warnings stay quiet (the result says NaN)."""
    import warnings

    with warnings.catch_warnings(), np.errstate(invalid="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        yield


def subsample_indices(n: int, max_points: int, seed: int = 0) -> np.ndarray | None:
    """A fixed, sorted random choice of ``max_points`` rows out of n, or None if n fits."""
    if n <= max_points:
        return None
    rng = np.random.default_rng(seed)
    return np.sort(rng.choice(n, size=max_points, replace=False))


def usable_model(params: MixtureParams | None, d: int) -> MixtureParams | None:
    """``params`` if it describes d features, else None (a stale model after a column change)."""
    if params is None or params.n_features != d or params.n_components == 0:
        return None
    return params


def usable_assignments(assignments: np.ndarray | None, n: int) -> np.ndarray | None:
    """``assignments`` as an int array (n,), or None if missing or of the wrong length."""
    if assignments is None:
        return None
    a = np.asarray(assignments)
    if a.shape != (n,):
        return None
    return a.astype(np.intp, copy=False)


def text_groups(labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct texts of labels (n,), sorted (G,) object array of str, and each row's
    index into them (n,).

    Texts stay Python objects: a fixed-width str array is as wide as its longest label (one
    21,600-character cell in 100,000 rows asked for 8 GB).
    """
    texts = pd.Series(np.asarray(labels, dtype=object).ravel(), dtype=object).astype(str)
    codes, names = pd.factorize(texts, sort=True)
    return np.asarray(names, dtype=object), np.asarray(codes, dtype=np.intp)


@dataclass(frozen=True, eq=False)
class LabelGroups:
    """Rows grouped by a label column: ``names`` (G,) sorted, ``codes`` (n,) in 0..G-1."""

    names: tuple[str, ...]
    codes: np.ndarray

    @classmethod
    def from_labels(cls, labels: np.ndarray | None, n: int) -> LabelGroups | None:
        """Groups of ``labels`` (n,), or None without labels or with too many groups to colour."""
        if labels is None:
            return None
        if np.shape(labels) != (n,):
            return None
        names, codes = text_groups(labels)
        if len(names) > MAX_LABEL_GROUPS:
            return None
        return cls(tuple(str(v) for v in names), codes)

    def __len__(self) -> int:
        return len(self.names)


def label_option(checkbox: QCheckBox, verb: str, label_name: str | None, ok: bool) -> None:
    """Set up a "split by <label>" / "colour by <label>" check box for the current labels.

    ``verb`` is a translated template with ``{label}``, e.g. "split by {label}".
    """
    name = label_name or translate("Plots", "label")
    checkbox.setText(verb.format(label=name))
    checkbox.setEnabled(ok)
    if not ok:
        checkbox.setChecked(False)
        checkbox.setToolTip(
            translate("Plots", "Choose a label column with at most {n} groups to use this.").format(
                n=MAX_LABEL_GROUPS
            )
        )
    else:
        checkbox.setToolTip("")


def fill_combo(combo: QComboBox, names: Sequence[str], index: int) -> None:
    """Replace a combo box's entries without emitting change signals."""
    combo.blockSignals(True)
    combo.clear()
    combo.addItems(list(names))
    combo.setCurrentIndex(min(max(index, 0), len(names) - 1) if names else -1)
    combo.blockSignals(False)


# ---------------------------------------------------------------------------------------------
# Legend helpers


def side_legend(layout: pg.GraphicsLayout, row: int = 0, col: int = 1) -> pg.LegendItem:
    """A legend in its own layout cell beside the plot, so it never hides data."""
    legend = pg.LegendItem(verSpacing=-2, labelTextSize="10pt")
    # A floating legend ignores view transforms; one in a layout cell must scale on export.
    legend.setFlag(legend.GraphicsItemFlag.ItemIgnoresTransformations, False)
    legend.setSizePolicy(QSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed))
    layout.addItem(legend, row=row, col=col)
    layout.layout.setAlignment(legend, Qt.AlignmentFlag.AlignTop)
    return legend


def bottom_legend(layout: pg.GraphicsLayout, row: int, colspan: int) -> pg.LegendItem:
    """A legend in its own row under ``colspan`` plots side by side, its entries in as many
    columns as the width takes (``fit_legend_columns``): beside three plots a laptop's tab
    has no room for a column of names."""
    legend = pg.LegendItem(verSpacing=-2, labelTextSize="10pt")
    legend.setFlag(legend.GraphicsItemFlag.ItemIgnoresTransformations, False)
    legend.setSizePolicy(QSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed))
    layout.addItem(legend, row=row, col=0, colspan=colspan)
    layout.layout.setAlignment(legend, Qt.AlignmentFlag.AlignHCenter)
    return legend


def fit_legend_columns(legend: pg.LegendItem, width: float) -> None:
    """Lay ``legend``'s entries out in the most columns (at most one row of them) that fit
    ``width`` pixels, so every name is shown whole; one column when even that is too wide."""
    count = len(legend.items)
    if count == 0:
        return
    sample_width = max(sample.boundingRect().width() for sample, _ in legend.items)
    label_width = max(label.item.boundingRect().width() for _, label in legend.items)
    entry = sample_width + label_width + 2 * legend.layout.horizontalSpacing() + 6
    columns = int(max(1, min(count, width // max(entry, 1))))
    if legend.columnCount != columns:
        legend.setColumnCount(columns)
    for column in range(columns):  # the names' cells as wide as the widest name
        legend.layout.setColumnMinimumWidth(2 * column + 1, label_width + 2)


def sync_legend(legend: pg.LegendItem, entries: Sequence[tuple[Any, str]]) -> None:
    """Make ``legend`` show exactly ``entries`` (item, text) in order.

    Cheap when nothing changed (the live fit calls this ~30 times a second): only changed
    texts are set, and the legend is rebuilt only when its items change.
    """
    current = [sample.item for sample, _ in legend.items]
    if current != [item for item, _ in entries]:
        legend.clear()
        for item, text in entries:
            legend.addItem(item, text)
        return
    for (_, label), (_, text) in zip(legend.items, entries, strict=True):
        if label.text != text:
            label.setText(text)


def legend_swatch(**opts: Any) -> pg.PlotDataItem:
    """An item that is never drawn, only shown as a legend sample (e.g. "2 sd: dashed")."""
    return pg.PlotDataItem(**opts)


def dashed_pen(color: Any, width: float = 2.0) -> Any:
    return pg.mkPen(color, width=width, style=Qt.PenStyle.DashLine)
