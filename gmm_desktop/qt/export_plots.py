"""Write every plot of the current fit as PNG: density, ellipses, 3-D, likelihood, parameters.

The work is ``PlotArea.export_all``; this takes anything with a ``plots`` area (the window)
and does not import the window, so there is no import cycle."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from .plot_area import PlotArea


class HasPlots(Protocol):
    @property
    def plots(self) -> PlotArea: ...


def export_all_plots(window: HasPlots, folder: str | Path, width: int = 1600) -> list[Path]:
    """Export the views that apply to the current data; return the files written."""
    return window.plots.export_all(folder, width=width)
