"""3-D view: an OpenGL point cloud of three columns coloured by component, with the means.

The data are scaled into the unit cube for display; axis texts show the real values.
Needs a real OpenGL surface (X11/Xvfb, not QT_QPA_PLATFORM=offscreen) and
AA_ShareOpenGLContexts set before the QApplication exists.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pyqtgraph.opengl as gl
from OpenGL import GL
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QMatrix4x4, QPalette, QVector3D
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from ...engine import MixtureParams
from ..i18n import translate
from ..style import COMPONENT_COLORS, DATA_COLOR, LABEL_COLORS
from .base import (
    LabelGroups,
    PlotPanel,
    as_data,
    column_names,
    fill_combo,
    finite_ranges,
    label_option,
    subsample_indices,
    usable_assignments,
    usable_model,
)
from .export import grab_gl, with_caption, write_png
from .truth import dashed_segments, principal_sections, truth_checkbox, truth_colour_indices
from .truth import usable_truth as _usable_truth

# Rows drawn at most (a fixed random sample; the fit uses every row). In software OpenGL
# (llvmpipe, as under Xvfb) a frame costs about 1 ms per 1,400 points with the other core busy
# fitting: 40,000 keep a live fit's frames and a rotation near 30 ms (benchmarks/bench_window.py).
MAX_DRAWN_POINTS = 40_000
POINT_ALPHA = 0.55
_CENTRE = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter
_ON_TOP = {
    GL.GL_DEPTH_TEST: False,
    GL.GL_BLEND: True,
    "glBlendFunc": (GL.GL_SRC_ALPHA, GL.GL_ONE_MINUS_SRC_ALPHA),
}
LEGEND_MARGIN = 8  # px between the legend and the view's edges
CAMERA = {"distance": 2.6, "elevation": 22.0, "azimuth": -55.0}


def _rgba(hex_colour: str, alpha: float) -> tuple[float, float, float, float]:
    c = QColor(hex_colour)
    return (c.redF(), c.greenF(), c.blueF(), alpha)


def colour_table(colours: Sequence[str], alpha: float) -> np.ndarray:
    """RGBA rows (len(colours), 4) in [0, 1], indexed by component or group code."""
    return np.array([_rgba(c, alpha) for c in colours], dtype=np.float32)


def format_value(value: float) -> str:
    return f"{value:.4g}"


class Scatter3DPlot(PlotPanel):
    """Rotatable 3-D scatter of three columns, coloured by component or label group.

    Attributes for tests and callers: ``view`` (the GLViewWidget), ``scatter_item``
    (GLScatterPlotItem, ``pos`` (m, 3) in the unit cube, at most ``MAX_DRAWN_POINTS`` rows),
    ``means_item`` (``pos`` (K, 3)), ``axis_texts`` (GLTextItems), ``combos`` (three column
    choosers, visible when d > 3), ``legend_label`` and ``reset_button``; with true
    parameters (``set_truth``) ``truth_item`` (dashed principal sections of each true 2-sd
    ellipsoid, as GL line segments) and ``truth_checkbox``.
    """

    export_file_name = "scatter3d.png"
    vector_export = False  # an OpenGL picture: pixels only

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combos: list[QComboBox] = []
        self._combo_labels: list[QLabel] = []
        for axis in ("X", "Y", "Z"):
            label, combo = self._labelled_combo(f"{axis}:")
            combo.currentIndexChanged.connect(self._on_axis_combo_changed)
            self.combos.append(combo)
            self._combo_labels.append(label)
        self.controls.addStretch(1)
        # a second row, so the three axis boxes keep their room in a narrow window
        second_row = QHBoxLayout()
        second_row.setContentsMargins(4, 0, 4, 0)
        self._main_layout.insertLayout(1, second_row)
        self.colour_checkbox = QCheckBox(translate("Plots", "colour by label"))
        self.colour_checkbox.toggled.connect(self._on_colour_checkbox_toggled)
        second_row.addWidget(self.colour_checkbox)
        self.truth_checkbox = truth_checkbox()
        self.truth_checkbox.toggled.connect(self._on_truth_checkbox_toggled)
        second_row.addWidget(self.truth_checkbox)
        second_row.addStretch(1)
        self.note = QLabel("")
        self.note.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # dimmed, any theme
        second_row.addWidget(self.note)
        self.reset_button = QPushButton(translate("Plots", "Reset view"))
        self.reset_button.setToolTip(
            translate("Plots", "Drag to rotate, scroll to zoom, middle-drag to move.")
        )
        self.reset_button.clicked.connect(self.reset_view)
        second_row.addWidget(self.reset_button)

        self.view = gl.GLViewWidget()
        self.view.setBackgroundColor("w")
        self.view.setMinimumSize(200, 200)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.addAction(self.export_action)
        self._set_plot_widget(self.view)
        self.legend_label = QLabel(self.view)
        self.legend_label.setStyleSheet(
            "color: black; background: rgba(255, 255, 255, 215); border: 1px solid #cccccc; "
            "padding: 4px;"
        )
        self.legend_label.move(LEGEND_MARGIN, LEGEND_MARGIN)
        self.view.installEventFilter(self)

        self._add_frame()
        self.scatter_item = gl.GLScatterPlotItem(
            pos=np.zeros((0, 3)), size=4.0, pxMode=True, glOptions="translucent"
        )
        self.view.addItem(self.scatter_item)
        # The means are drawn last and without depth test, so the cloud never hides them;
        # a larger black dot underneath gives each a dark outline.
        self.means_outline_item = gl.GLScatterPlotItem(
            pos=np.zeros((0, 3)), size=22.0, pxMode=True, color=(0, 0, 0, 1), glOptions=_ON_TOP
        )
        self.means_outline_item.setDepthValue(10)
        self.view.addItem(self.means_outline_item)
        self.means_item = gl.GLScatterPlotItem(
            pos=np.zeros((0, 3)), size=16.0, pxMode=True, glOptions=_ON_TOP
        )
        self.means_item.setDepthValue(11)
        self.view.addItem(self.means_item)
        self.truth_item = gl.GLLinePlotItem(
            pos=np.zeros((0, 3)), mode="lines", width=2.0, antialias=True, glOptions=_ON_TOP
        )
        self.truth_item.setDepthValue(9)
        self.view.addItem(self.truth_item)
        self._truth: MixtureParams | None = None

        self._X = np.empty((0, 3))
        self._columns: list[str] = []
        self._rows: np.ndarray | None = None
        self._lo = np.zeros(3)
        self._span = np.ones(3)
        self._groups: LabelGroups | None = None
        self._label_name: str | None = None
        self._params: MixtureParams | None = None
        self._assignments: np.ndarray | None = None  # of the drawn rows
        self._component_rgba = colour_table(COMPONENT_COLORS, POINT_ALPHA)
        self._label_rgba = colour_table(LABEL_COLORS, POINT_ALPHA)
        self._plain_rgba = _rgba(QColor(DATA_COLOR).darker(140).name(), POINT_ALPHA)
        self.reset_view()
        self.set_data(np.empty((0, 3)), [])

    def _plain_colours(self, n: int) -> np.ndarray:
        """One plain colour per point, as an array: pyqtgraph keeps its per-point colour mode
        after an (n, 4) array, and a tuple then breaks every later paint."""
        return np.tile(np.asarray(self._plain_rgba, dtype=np.float32), (max(n, 1), 1))

    # -- frame -------------------------------------------------------------------------------

    def _add_frame(self) -> None:
        """Unit-cube outline, a floor grid and texts for axis names and value ticks."""
        grid = gl.GLGridItem(color=(0, 0, 0, 40))
        grid.setSize(1, 1)
        grid.setSpacing(0.1, 0.1)
        grid.translate(0.5, 0.5, 0)
        self.view.addItem(grid)
        edges = []
        for a in (0.0, 1.0):
            for b in (0.0, 1.0):
                edges += [[(0, a, b), (1, a, b)], [(a, 0, b), (a, 1, b)], [(a, b, 0), (a, b, 1)]]
        box = gl.GLLinePlotItem(
            pos=np.array(edges, dtype=float).reshape(-1, 3),
            mode="lines",
            color=(0.45, 0.45, 0.45, 1.0),
            width=1.0,
            antialias=True,
            glOptions="translucent",
        )
        self.view.addItem(box)
        font = QFont()
        font.setPointSize(11)
        small = QFont()
        small.setPointSize(8)
        self.axis_texts: list[gl.GLTextItem] = []
        self._tick_texts: list[list[gl.GLTextItem]] = []
        for _axis in range(3):
            title = gl.GLTextItem(color=(0, 0, 0, 255), font=font, alignment=_CENTRE)
            self.view.addItem(title)
            self.axis_texts.append(title)
            ticks = []
            for _ in range(3):
                tick = gl.GLTextItem(color=(90, 90, 90, 255), font=small, alignment=_CENTRE)
                self.view.addItem(tick)
                ticks.append(tick)
            self._tick_texts.append(ticks)

    def _update_frame_texts(self) -> None:
        """Value ticks along the three cube edges that face the default camera, names beyond.

        x runs along the front floor edge (y = 0), y along the right floor edge (x = 1),
        z up the front-left vertical edge; the z and y ticks at 0 are left out (they would
        overlap x's first and last value at the front corners).
        """
        chosen = self.axes if self._X.shape[1] >= 3 else (0, 1, 2)
        has = self._X.shape[1] >= 3
        title_pos = ((0.5, -0.2, 0.0), (1.2, 0.5, 0.0), (-0.06, -0.06, 1.14))
        for axis in range(3):
            self.axis_texts[axis].setData(
                pos=np.array(title_pos[axis]), text=self._columns[chosen[axis]] if has else ""
            )
            for t, frac in enumerate((0.0, 0.5, 1.0)):
                pos = {
                    0: (frac, -0.07, 0.0),
                    1: (1.07, frac, 0.0),
                    2: (-0.05, -0.05, frac),
                }[axis]
                value = self._lo[axis] + frac * self._span[axis]
                text = format_value(value) if has and not (axis > 0 and t == 0) else ""
                self._tick_texts[axis][t].setData(pos=np.array(pos), text=text)
        self._place_legend()

    # -- public API --------------------------------------------------------------------------

    @property
    def axes(self) -> tuple[int, int, int]:
        """Column indices on the x, y and z axes."""
        return (
            max(self.combos[0].currentIndex(), 0),
            max(self.combos[1].currentIndex(), 0),
            max(self.combos[2].currentIndex(), 0),
        )

    def reset_view(self) -> None:
        """Look at the cube's centre from the default angle."""
        self.view.setCameraPosition(pos=QVector3D(0.5, 0.5, 0.45), **CAMERA)
        self._place_legend()

    def set_data(
        self,
        X: np.ndarray,
        columns: Sequence[str],
        labels: np.ndarray | None = None,
        label_name: str | None = None,
    ) -> None:
        """New data X (n, d); nothing is drawn with d < 3. Clears the model."""
        self._X = as_data(X)
        n, d = self._X.shape
        self._columns = column_names(columns, d)
        self._rows = subsample_indices(n, MAX_DRAWN_POINTS)
        self._groups = LabelGroups.from_labels(labels, n)
        self._label_name = label_name
        for axis, combo in enumerate(self.combos):
            fill_combo(combo, self._columns, axis)
            combo.setVisible(d > 3)
            self._combo_labels[axis].setVisible(d > 3)
        label_option(
            self.colour_checkbox,
            translate("Plots", "colour by {label}"),
            label_name,
            self._groups is not None,
        )
        drawn = n if self._rows is None else len(self._rows)
        self.note.setText(
            translate("Plots", "showing {shown} of {n} points").format(
                shown=f"{drawn:,}", n=f"{n:,}"
            )
            if self._rows is not None
            else ""
        )
        self._params = None
        self._assignments = None
        self._truth = None  # new data: no truth until set_truth tells it
        self.truth_checkbox.setVisible(False)
        self._load_positions()
        self.show_model(None)

    def show_model(
        self, params: MixtureParams | None, assignments: np.ndarray | None = None
    ) -> None:
        """Colour the points by ``assignments`` (n,) and place the means of ``params``.

        Cheap: a colour-table lookup for the drawn rows (at most ``MAX_DRAWN_POINTS``) and K means.
        """
        n, d = self._X.shape
        params = usable_model(params, d) if d >= 3 else None
        self._params = params
        a = usable_assignments(assignments, n)
        if a is not None and self._rows is not None:
            a = a[self._rows]
        if params is None or a is None or (a.size and a.max() >= params.n_components):
            a = None
        elif a.size and a.min() < 0:
            a = None
        self._assignments = a
        self._update_colours()
        self._place_means()
        self._update_legend()

    def render_image(self, width: int = 1600, white_background: bool = True) -> QImage:
        """Grab the 3-D view (it must be on screen) with its legend, scaled to ``width``, and
        the caption under it."""
        del white_background  # the view's background is always white
        image = grab_gl(self.view, width, overlay=self.legend_label)
        return with_caption(image, self.caption)

    def set_truth(self, truth: MixtureParams | None) -> None:
        """True parameters to draw dashed (None: none known); ticks the check box."""
        d = self._X.shape[1]
        self._truth = _usable_truth(truth, d) if d >= 3 else None
        self.truth_checkbox.setVisible(self._truth is not None)
        self.truth_checkbox.setChecked(self._truth is not None)
        self._draw_truth()
        self._update_legend()

    def truth_shown(self) -> bool:
        """Whether the true ellipsoids are drawn now."""
        return self._truth is not None and self.truth_checkbox.isChecked()

    def export_png(
        self, path: str | Path, width: int = 1600, white_background: bool = True
    ) -> None:
        """Write ``render_image`` as a PNG (atomically)."""
        write_png(self.render_image(width, white_background), path)

    # -- internals ---------------------------------------------------------------------------

    def _load_positions(self) -> None:
        n, d = self._X.shape
        if d < 3 or n == 0:
            self.scatter_item.setData(pos=np.zeros((0, 3)), color=self._plain_colours(1))
            self._update_frame_texts()
            return
        cols = list(self.axes)
        rows = self._X if self._rows is None else self._X[self._rows]
        xyz = rows[:, cols]
        # finite extremes (a row fitted with an empty cell, missing="model", is not drawn)
        lo, hi = finite_ranges(self._X)  # prepared in the loader's thread
        self._lo = lo[cols]
        self._span = np.where((span := hi[cols] - self._lo) > 0, span, 1.0)
        self.scatter_item.setData(pos=(xyz - self._lo) / self._span)
        self._update_frame_texts()

    def _update_colours(self) -> None:
        n_drawn = len(self.scatter_item.pos) if self.scatter_item.pos is not None else 0
        if self.colour_checkbox.isChecked() and self._groups is not None and n_drawn:
            codes = self._groups.codes if self._rows is None else self._groups.codes[self._rows]
            colour = self._label_rgba[codes % len(self._label_rgba)]
            self.scatter_item.setData(color=colour)
        elif self._assignments is not None and n_drawn:
            table = self._component_rgba
            self.scatter_item.setData(color=table[self._assignments % len(table)])
        else:
            self.scatter_item.setData(color=self._plain_colours(len(self.scatter_item.pos)))

    def _update_legend(self) -> None:
        lines = []
        if self.colour_checkbox.isChecked() and self._groups is not None:
            name = self._label_name or translate("Plots", "label")
            lines += [
                _swatch_line(LABEL_COLORS[g % len(LABEL_COLORS)], f"{name} = {value}")
                for g, value in enumerate(self._groups.names)
            ]
        if self._params is not None:
            lines += [
                _swatch_line(
                    COMPONENT_COLORS[k % len(COMPONENT_COLORS)],
                    translate("Plots", "component {k} (w={w})").format(k=k + 1, w=f"{w:.2f}"),
                )
                for k, w in enumerate(self._params.weights)
            ]
            lines.append(translate("Plots", "large dots: component means"))
        if self.truth_shown():
            lines.append(translate("Plots", "dashed rings: true 2 sd ellipsoids"))
        elif self._X.shape[0] and self._X.shape[1] >= 3:
            lines.append(
                _swatch_line(QColor(DATA_COLOR).darker(140).name(), translate("Plots", "data"))
            )
        text = "<br>".join(lines)
        if text != self.legend_label.text():
            self.legend_label.setText(text)
            self.legend_label.adjustSize()
        self.legend_label.setVisible(bool(lines))
        self._place_legend()

    def frame_text_rects(self) -> list[QRectF]:
        """Where the axis names and values are painted, in the view's pixels."""
        view = self.view
        size = (0, 0, max(view.width(), 1), max(view.height(), 1))
        to_pixels = QMatrix4x4()  # as GLTextItem paints, with the camera of now (not of the
        to_pixels.viewport(0, size[3], size[2], -size[3])  # last paint: it may be hidden)
        to_pixels = to_pixels * view.projectionMatrix(size, size) * view.viewMatrix()
        rects = []
        for item in [*self.axis_texts, *(tick for ticks in self._tick_texts for tick in ticks)]:
            if not item.text:
                continue
            where = to_pixels.map(QVector3D(*item.pos)).toPointF()
            box = QFontMetricsF(item.font).tightBoundingRect(item.text)
            rects.append(box.translated(item.align_text(where)))
        return rects

    def _place_legend(self) -> None:
        """Put the legend in the corner of the view (top left unless another one hides
        fewer axis names and values): over the top left it hid the vertical axis's name."""
        label, view = self.legend_label, self.view
        if not label.isVisible() and not label.text():
            return
        size, margin = label.sizeHint(), LEGEND_MARGIN
        right = max(view.width() - size.width() - margin, margin)
        bottom = max(view.height() - size.height() - margin, margin)
        corners = [QPoint(margin, margin), QPoint(right, margin)]
        corners += [QPoint(margin, bottom), QPoint(right, bottom)]
        texts = self.frame_text_rects()

        def hidden(corner: QPoint) -> int:
            box = QRectF(QRect(corner, size)).adjusted(-2, -2, 2, 2)
            return sum(box.intersects(rect) for rect in texts)

        best = min(corners, key=hidden)  # the first of equals: top left, then top right
        if label.pos() != best:
            label.move(best)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.Resize:
            self._place_legend()
        return super().eventFilter(watched, event)

    def _place_means(self) -> None:
        params = self._params
        if params is None:
            self.means_item.setData(pos=np.zeros((0, 3)))
            self.means_outline_item.setData(pos=np.zeros((0, 3)))
            self._draw_truth()
            return
        k = params.n_components
        colours = colour_table([COMPONENT_COLORS[j % len(COMPONENT_COLORS)] for j in range(k)], 1.0)
        means = (params.means[:, list(self.axes)] - self._lo) / self._span
        self.means_item.setData(pos=means, color=colours)
        self.means_outline_item.setData(pos=means)
        self._draw_truth()

    def _draw_truth(self) -> None:
        """Dashed principal sections of each true 2-sd ellipsoid, in the unit cube."""
        truth = self._truth if self.truth_checkbox.isChecked() else None
        if truth is None or self._X.shape[1] < 3:
            self.truth_item.setData(pos=np.zeros((0, 3)))
            return
        cols = np.array(self.axes)
        colours = truth_colour_indices(truth, self._params)
        points, rgba = [], []
        for c in range(truth.n_components):
            mean = truth.means[c, cols]
            cov = truth.covariances[c][cols[:, None], cols[None, :]]
            colour = QColor(COMPONENT_COLORS[colours[c] % len(COMPONENT_COLORS)]).darker(170)
            for outline in principal_sections(mean, cov, 2.0):
                segments = dashed_segments((outline - self._lo) / self._span)
                points.append(segments)
                rgba.append(np.tile(_rgba(colour.name(), 1.0), (len(segments), 1)))
        self.truth_item.setData(
            pos=np.concatenate(points), color=np.concatenate(rgba).astype(np.float32)
        )

    def _on_axis_combo_changed(self, _index: int) -> None:
        self._load_positions()
        self._update_colours()
        self._place_means()

    def _on_colour_checkbox_toggled(self, _checked: bool) -> None:
        self._update_colours()
        self._update_legend()

    def _on_truth_checkbox_toggled(self, _checked: bool) -> None:
        self._draw_truth()
        self._update_legend()


def _swatch_line(colour: str, text: str) -> str:
    return f'<span style="color:{colour}; font-size:14pt;">&#9679;</span>&nbsp;{text}'


if __name__ == "__main__":
    import sys

    from .preview import demo, preview_app, run_preview

    app = preview_app()
    data = demo(d=4, n=5000, k=3)
    view = Scatter3DPlot()
    view.set_data(data.X, data.columns, data.labels, data.label_name)
    view.show_model(data.result.params, data.result.labels)
    sys.exit(run_preview(app, view, "Scatter3DPlot preview", 900, 700))
