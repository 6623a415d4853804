"""The tabbed plot area: which views exist for d features, feeding them one model, and
exporting them all. Views are typed by the protocols of ``plots.base`` (DataView, HistoryView):
the window talks to this area only, never to a single plot."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOption, QTabWidget, QWidget

from ..engine import EMSnapshot, MixtureParams
from ..io.atomic import ensure_folder
from .iteration_table import IterationTable
from .plots import DensityPlot, EllipsePlot, LikelihoodPlot, ParameterHistoryPlot
from .plots.base import DataView, HistoryView
from .plots.export import with_dpi, write_png
from .plots.profile_plot import ProfilePlot

if TYPE_CHECKING:
    from .plots.scatter3d_plot import Scatter3DPlot


MINIMUM_WIDTH = 420  # px: the plots keep room for their axes beside both docks at 1280x720


class CompactTabStyle(QProxyStyle):
    """The application's style with half the padding beside each tab's name, so nine plot
    tabs fit a laptop's window whole (names are still elided when even that is too wide)."""

    TAB_PADDING = 12  # px on both sides together; the styles use about 24

    def pixelMetric(
        self,
        metric: QStyle.PixelMetric,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
    ) -> int:
        if metric == QStyle.PixelMetric.PM_TabBarTabHSpace:
            return self.TAB_PADDING
        return super().pixelMetric(metric, option, widget)


class PlotArea(QTabWidget):
    """Density (1-D), ellipses (2-D), 3-D scatter, log-likelihood, parameter history and
    profile (class means and sizes) tabs.

    The 3-D view is created on first need: an OpenGL widget costs start-up time. The window
    redraws only the shown tab (``visible_only``: live iterations, replay, the final result);
    the others are marked stale and drawn from the newest model when they are next shown, as
    napari draws only what is on screen (exporting every plot shows each tab in turn).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tab_style = CompactTabStyle()  # kept: Qt does not own a widget's style
        self.tabBar().setStyle(self._tab_style)
        self.density = DensityPlot()
        self.ellipses = EllipsePlot()
        self.scatter3d: Scatter3DPlot | None = None
        self.likelihood = LikelihoodPlot()
        self.parameters = ParameterHistoryPlot()
        self._placeholder3d = QWidget()
        for widget, (name, tip) in zip(
            (self.density, self.ellipses, self._placeholder3d, self.likelihood, self.parameters),
            self._tab_names(),
            strict=True,
        ):
            self.addTab(widget, name)
            self.setTabToolTip(self.count() - 1, tip)
        self.profile = ProfilePlot()
        self.add_view(
            self.profile,
            self.tr("Profile"),
            self.tr("Class means per column (the profile) and class sizes"),
        )
        self.iterations = IterationTable()
        self.add_view(
            self.iterations,
            self.tr("Iterations"),
            self.tr("Every iteration in a table: the log-likelihood, its change, every parameter"),
        )
        self._iterations_stale = False
        # every tab stays in sight on a laptop: short names, elided rather than scrolled away
        self.setUsesScrollButtons(False)
        self.setElideMode(Qt.TextElideMode.ElideRight)
        self.setMinimumWidth(MINIMUM_WIDTH)
        self._n_features = 0
        self._model: tuple[MixtureParams | None, np.ndarray | None] = (None, None)
        self._history: tuple[Sequence[EMSnapshot], int | None] = ((), None)
        self._stale: set[DataView | HistoryView] = set()
        self._truth: MixtureParams | None = None
        self.currentChanged.connect(self._on_current_changed)

    def _tab_names(self) -> list[tuple[str, str]]:
        """(tab name, tooltip) of the five plot tabs, in order."""
        return [
            (self.tr("Histogram"), self.tr("Histogram and fitted densities of one column")),
            (self.tr("Scatter"), self.tr("Scatter plot of two columns with the fitted ellipses")),
            (self.tr("3-D"), self.tr("Rotatable 3-D scatter of three columns")),
            (self.tr("Log-likelihood"), self.tr("The log-likelihood after each iteration")),
            (self.tr("History"), self.tr("Weights, means and spreads at each iteration")),
        ]

    def add_view(self, widget: QWidget, name: str, tip: str) -> None:
        """Add a further tab (Choose K, Teach) with its tooltip."""
        self.addTab(widget, name)
        self.setTabToolTip(self.count() - 1, tip)

    @property
    def data_views(self) -> list[DataView]:
        views: list[DataView] = [self.density, self.ellipses]
        if self.scatter3d is not None:
            views.append(self.scatter3d)
        views.append(self.profile)
        return views

    @property
    def history_views(self) -> list[HistoryView]:
        return [self.likelihood, self.parameters]

    def _ensure_3d(self) -> Scatter3DPlot:
        if self.scatter3d is None:
            from .plots.scatter3d_plot import Scatter3DPlot  # OpenGL: only when first needed

            index = self.indexOf(self._placeholder3d)
            self.scatter3d = Scatter3DPlot()
            name, tip = self._tab_names()[2]
            self.removeTab(index)
            self.insertTab(index, self.scatter3d, name)
            self.setTabToolTip(index, tip)
        return self.scatter3d

    def set_data(
        self,
        X: np.ndarray,
        columns: Sequence[str],
        labels: np.ndarray | None = None,
        label_name: str | None = None,
        weights: np.ndarray | None = None,
        weight_name: str | None = None,
    ) -> None:
        """New data (n, d): enable the views that make sense for d columns. Row weights (n,)
        of column ``weight_name`` weigh the histogram's counts, as they weigh the fit."""
        d = X.shape[1]
        self._n_features = d
        self._model, self._history, self._stale = (None, None), ((), None), set()
        self._truth = None  # new data: the window tells its truth with set_truth
        self.density.set_data(X, columns, labels, label_name, weights, weight_name)
        self.ellipses.set_data(X, columns, labels, label_name)
        if d >= 3:
            self._ensure_3d().set_data(X, columns, labels, label_name)
        self.likelihood.set_data(X, columns, labels, label_name)
        self.profile.set_data(X, columns, labels, label_name)
        self.parameters.set_data(X, columns, labels, label_name)
        self.iterations.set_columns(columns)
        self._iterations_stale = False
        # a view that needs more columns is hidden (and disabled), so the others keep their room
        for widget, needed in ((self.ellipses, 2), (self.scatter3d or self._placeholder3d, 3)):
            index = self.indexOf(widget)
            self.setTabEnabled(index, d >= needed)
            self.setTabVisible(index, d >= needed)
        if not self.isTabEnabled(self.currentIndex()):
            self.setCurrentWidget(self.density)

    def set_truth(self, truth: MixtureParams | None) -> None:
        """True parameters of the data's columns (None: unknown), drawn dashed by every data
        view that has a "true values" check box ticked."""
        self._truth = truth
        for view in self.data_views:
            view.set_truth(truth)

    @property
    def truth(self) -> MixtureParams | None:
        return self._truth

    def preferred_view(self) -> QWidget:
        """The data view that shows the most for the current number of columns."""
        if self._n_features >= 3 and self.scatter3d is not None:
            return self.scatter3d
        return self.ellipses if self._n_features == 2 else self.density

    def preferred_data_view(self) -> DataView:
        """``preferred_view`` as a data view (what an animation of the fit shows)."""
        d = self._n_features
        if d >= 3 and self.scatter3d is not None:
            return self.scatter3d
        return self.ellipses if d == 2 else self.density

    def prepare_components(self, k: int) -> None:
        """Build the plot items for k components before a fit (keeps live redraws quick)."""
        self.ellipses.prepare_components(k)

    def set_caption(self, caption: str) -> None:
        """What every exported plot says under it (data file, K, covariance, iteration,
        log-likelihood of the shown model)."""
        views: list[DataView | HistoryView] = [*self.data_views, *self.history_views]
        for view in views:
            view.caption = caption

    def export_targets(
        self, *, data_only: bool = False
    ) -> list[tuple[str, DataView | HistoryView]]:
        """(file stem, view) of the views that apply to the current data, e.g. ("density",
        DensityPlot); ``data_only`` (pictures at iterations) leaves out the profile and the
        history views."""
        d = self._n_features
        targets: list[tuple[str, DataView | HistoryView]] = [("density", self.density)]
        if d >= 2:
            targets.append(("ellipses", self.ellipses))
        if d >= 3 and self.scatter3d is not None:
            targets.append(("scatter3d", self.scatter3d))
        if not data_only:  # the profile too: a tab of its own, once left out of the export
            targets.append(("profile", self.profile))
            targets += [("likelihood", self.likelihood), ("parameters", self.parameters)]
        return targets

    def render_view(self, view: DataView | HistoryView, width: int = 1600) -> QImage:
        """``view`` drawn with the newest model and its caption, ``width`` pixels wide.

        The view is made the shown tab while it is drawn (a GL view must be on screen to be
        grabbed; a stale view is redrawn when shown), and a view never shown gets the tab
        area's size first (``PlotPanel._lay_out``)."""
        assert isinstance(view, QWidget)
        shown = self.currentWidget()
        self.setCurrentWidget(view)
        try:
            return view.render_image(width)
        finally:
            self.setCurrentWidget(shown)

    def render_all(
        self, width: int = 1600, *, data_only: bool = False, suffix: str = ""
    ) -> list[tuple[str, QImage]]:
        """(file name, image) of every view that applies, e.g. ("density_iter05.png", ...)."""
        return [
            (f"{stem}{suffix}.png", self.render_view(view, width))
            for stem, view in self.export_targets(data_only=data_only)
        ]

    def export_all(
        self, folder: str | Path, width: int = 1600, dpi: float | None = None
    ) -> list[Path]:
        """Export the views that apply to the current data as PNG; return the files written.

        Every picture is drawn before the first is written, so a drawing that fails leaves
        no file; each file is written atomically."""
        out = ensure_folder(folder)
        images = self.render_all(width)
        return [write_png(with_dpi(image, dpi), out / name) for name, image in images]

    def show_model(
        self,
        params: MixtureParams | None,
        assignments: np.ndarray | None,
        *,
        visible_only: bool = False,
    ) -> None:
        """Draw a model (or none) in the data views: all of them, or with ``visible_only`` the
        shown one now and the others when they are shown."""
        self._model = (params, assignments)
        self._redraw(self._model_views(), visible_only)

    def show_history(
        self, history: Sequence[EMSnapshot], current: int | None, *, visible_only: bool = False
    ) -> None:
        """Draw the log-likelihood and parameter histories (``current``: the marked snapshot)."""
        self._history = (history, current)
        self._redraw(self.history_views, visible_only)
        self._iterations_stale = visible_only and self.currentWidget() is not self.iterations
        if not self._iterations_stale:
            self.iterations.set_history(*self._history)

    def _model_views(self) -> list[DataView]:
        return [v for v in self.data_views if v is not self.ellipses or self._n_features >= 2]

    def _redraw(self, views: Sequence[DataView | HistoryView], visible_only: bool) -> None:
        for view in views:
            if visible_only and view is not self.currentWidget():
                self._stale.add(view)
            else:
                self._stale.discard(view)
                self._draw(view)

    def _draw(self, view: DataView | HistoryView) -> None:
        if isinstance(view, HistoryView):
            view.set_history(*self._history)
        else:
            view.show_model(*self._model)

    def _on_current_changed(self, _index: int) -> None:
        current = self.currentWidget()
        for view in [v for v in self._stale if v is current]:
            self._stale.discard(view)
            self._draw(view)
        if current is self.iterations and self._iterations_stale:
            self._iterations_stale = False
            self.iterations.set_history(*self._history)
