"""Write every plot of the current fit as PNG: density, ellipses, 3-D, likelihood, parameters."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from ..io.atomic import ensure_folder
from .main_window import MainWindow


def export_all_plots(window: MainWindow, folder: str | Path, width: int = 1600) -> list[Path]:
    """Export the views that apply to the current data; return the files written."""
    out = ensure_folder(folder)
    plots = window.plots
    d = window.features.n_features if window.features is not None else 0
    targets: list[tuple[str, QWidget]] = [("density.png", plots.density)]
    if d >= 2:
        targets.append(("ellipses.png", plots.ellipses))
    if d >= 3 and plots.scatter3d is not None:
        targets.append(("scatter3d.png", plots.scatter3d))
    targets += [("likelihood.png", plots.likelihood), ("parameters.png", plots.parameters)]
    written = []
    shown = plots.currentWidget()
    for name, view in targets:
        plots.setCurrentWidget(view)  # a GL view must be on screen to be grabbed
        view.export_png(out / name, width=width)  # type: ignore[attr-defined]
        written.append(out / name)
    plots.setCurrentWidget(shown)
    return written
