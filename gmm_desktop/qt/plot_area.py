"""The tabbed plot area: which views exist for d features, and feeding them one model."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtWidgets import QTabWidget, QWidget

from ..engine import EMSnapshot, MixtureParams
from .plots import DensityPlot, EllipsePlot, LikelihoodPlot, ParameterHistoryPlot

if TYPE_CHECKING:
    from .plots.scatter3d_plot import Scatter3DPlot


class PlotArea(QTabWidget):
    """Density (1-D), ellipses (2-D), 3-D scatter, log-likelihood and parameter history tabs.

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
        self._n_features = 0
        self._model: tuple[MixtureParams | None, np.ndarray | None] = (None, None)
        self._history: tuple[Sequence[EMSnapshot], int | None] = ((), None)
        self._stale: set[QWidget] = set()
        self.currentChanged.connect(self._on_current_changed)

    @property
    def data_views(self) -> list[QWidget]:
        views: list[QWidget] = [self.density, self.ellipses]
        if self.scatter3d is not None:
            views.append(self.scatter3d)
        return views

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
        self._redraw([self.likelihood, self.parameters], visible_only)

    def _model_views(self) -> list[QWidget]:
        return [v for v in self.data_views if v is not self.ellipses or self._n_features >= 2]

    def _redraw(self, views: Sequence[QWidget], visible_only: bool) -> None:
        for view in views:
            if visible_only and view is not self.currentWidget():
                self._stale.add(view)
            else:
                self._stale.discard(view)
                self._draw(view)

    def _draw(self, view: QWidget) -> None:
        if view is self.likelihood:
            self.likelihood.set_history(*self._history)
        elif view is self.parameters:
            self.parameters.set_history(*self._history)
        else:
            view.show_model(*self._model)  # type: ignore[attr-defined]

    def _on_current_changed(self, _index: int) -> None:
        view = self.currentWidget()
        if view in self._stale:
            self._stale.discard(view)
            self._draw(view)
