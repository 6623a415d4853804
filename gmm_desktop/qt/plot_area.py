"""The tabbed plot area: which views exist for d features, feeding them one model, and
exporting them all. Views are typed by the protocols of ``plots.base`` (DataView, HistoryView):
the window talks to this area only, never to a single plot."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtWidgets import QTabWidget, QWidget

from ..engine import EMSnapshot, MixtureParams
from ..io.atomic import ensure_folder
from .plots import DensityPlot, EllipsePlot, LikelihoodPlot, ParameterHistoryPlot
from .plots.base import DataView, HistoryView
from .plots.profile_plot import ProfilePlot

if TYPE_CHECKING:
    from .plots.scatter3d_plot import Scatter3DPlot


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
        self.density = DensityPlot()
        self.ellipses = EllipsePlot()
        self.scatter3d: Scatter3DPlot | None = None
        self.likelihood = LikelihoodPlot()
        self.parameters = ParameterHistoryPlot()
        self.addTab(self.density, self.tr("Histogram && densities"))
        self.addTab(self.ellipses, self.tr("Scatter && ellipses"))
        self._placeholder3d = QWidget()
        self.addTab(self._placeholder3d, self.tr("3-D scatter"))
        self.addTab(self.likelihood, self.tr("Log-likelihood"))
        self.addTab(self.parameters, self.tr("Parameter history"))
        self.profile = ProfilePlot()
        self.addTab(self.profile, self.tr("Profile && class sizes"))
        self._n_features = 0
        self._model: tuple[MixtureParams | None, np.ndarray | None] = (None, None)
        self._history: tuple[Sequence[EMSnapshot], int | None] = ((), None)
        self._stale: set[DataView | HistoryView] = set()
        self.currentChanged.connect(self._on_current_changed)

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
            self.removeTab(index)
            self.insertTab(index, self.scatter3d, self.tr("3-D scatter"))
        return self.scatter3d

    def set_data(
        self,
        X: np.ndarray,
        columns: Sequence[str],
        labels: np.ndarray | None = None,
        label_name: str | None = None,
    ) -> None:
        """New data (n, d): enable the views that make sense for d columns."""
        d = X.shape[1]
        self._n_features = d
        self._model, self._history, self._stale = (None, None), ((), None), set()
        self.density.set_data(X, columns, labels, label_name)
        self.ellipses.set_data(X, columns, labels, label_name)
        if d >= 3:
            self._ensure_3d().set_data(X, columns, labels, label_name)
        self.likelihood.set_data(X, columns, labels, label_name)
        self.profile.set_data(X, columns, labels, label_name)
        self.parameters.set_data(X, columns, labels, label_name)
        self.setTabEnabled(self.indexOf(self.ellipses), d >= 2)
        self.setTabEnabled(self.indexOf(self.scatter3d or self._placeholder3d), d >= 3)
        tips = {
            self.ellipses: self.tr("This view needs at least 2 columns."),
            self.scatter3d or self._placeholder3d: self.tr("This view needs at least 3 columns."),
        }
        for widget, tip in tips.items():
            index = self.indexOf(widget)
            self.setTabToolTip(index, "" if self.isTabEnabled(index) else tip)
        if not self.isTabEnabled(self.currentIndex()):
            self.setCurrentWidget(self.density)

    def preferred_view(self) -> QWidget:
        """The data view that shows the most for the current number of columns."""
        if self._n_features >= 3 and self.scatter3d is not None:
            return self.scatter3d
        return self.ellipses if self._n_features == 2 else self.density

    def prepare_components(self, k: int) -> None:
        """Build the plot items for k components before a fit (keeps live redraws quick)."""
        self.ellipses.prepare_components(k)

    def export_all(self, folder: str | Path, width: int = 1600) -> list[Path]:
        """Export the views that apply to the current data as PNG; return the files written."""
        out = ensure_folder(folder)
        d = self._n_features
        targets: list[tuple[str, DataView | HistoryView]] = [("density.png", self.density)]
        if d >= 2:
            targets.append(("ellipses.png", self.ellipses))
        if d >= 3 and self.scatter3d is not None:
            targets.append(("scatter3d.png", self.scatter3d))
        targets += [("likelihood.png", self.likelihood), ("parameters.png", self.parameters)]
        written = []
        shown = self.currentWidget()
        for name, view in targets:
            assert isinstance(view, QWidget)
            self.setCurrentWidget(view)  # a GL view must be on screen to be grabbed
            view.export_png(out / name, width=width)
            written.append(out / name)
        self.setCurrentWidget(shown)
        return written

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
