"""Regenerate the user guide's screenshots from the real window (run under Xvfb):

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python packaging/screenshots.py [NAME ...]

Each shot opens a demo set, fits it, shows one view (a plot tab, a tab of each dock) and
grabs the whole window at a student laptop's size, 1366 x 740 (1366 x 768 less a title bar).
A comparison shot fits the demo again with other settings and draws the *Compare* dialog of
those runs over the window, centred, as it opens. With names, only those shots are taken.
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QApplication

OUT = Path(__file__).resolve().parent.parent / "resources" / "screenshots"
SIZE = (1366, 740)


@dataclass(frozen=True)
class Shot:
    """One picture: ``demo`` fitted with ``k`` components, then ``plot`` (a PlotArea
    attribute) shown with the left dock on tab ``left`` and the right dock on tab ``right``."""

    name: str
    demo: str
    k: int
    plot: str
    left: int = 0
    right: int = 0
    columns: tuple[str, ...] | None = None
    refits: tuple[dict[str, object], ...] = ()  # settings of further fits (Runs list)
    compare: bool = False  # draw the comparison of every run over the window


SHOTS = [
    Shot("window-1d.png", "heights", 2, "density", columns=("height",)),
    Shot("window-2d.png", "faithful", 2, "ellipses", left=1),
    Shot("window-3d.png", "clusters_3d", 4, "scatter3d"),
    Shot("window-likelihood.png", "clusters_2d", 2, "likelihood", right=1),
    Shot("window-history.png", "heights", 2, "parameters", right=2, columns=("height",)),
    Shot("window-iterations.png", "heights", 2, "iterations", right=1, columns=("height",)),
    Shot("window-profile.png", "iris", 3, "profile"),
    Shot("window-choose-k.png", "faithful", 2, "choose_k", left=1),
    Shot("window-teach.png", "clusters_2d", 2, "teach"),
    Shot(
        "window-runs.png",
        "iris",
        2,
        "profile",
        right=1,
        refits=({"n_components": 4}, {"n_components": 8}),
    ),
    Shot(
        "window-compare.png",
        "heights",
        2,
        "likelihood",
        right=1,
        columns=("height",),
        refits=(
            {"init": "random-from-data", "seed": 3},
            {"init": "kmeans++", "seed": 2, "n_components": 3},
        ),
        compare=True,
    ),
]


def main(names: list[str]) -> int:
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication(sys.argv[:1])
    from gmm_desktop.io.demo import demo_path
    from gmm_desktop.qt.export_plots import window_picture
    from gmm_desktop.qt.main_window import MainWindow
    from gmm_desktop.qt.style import configure_pyqtgraph

    configure_pyqtgraph()
    OUT.mkdir(parents=True, exist_ok=True)
    settings_dir = tempfile.mkdtemp()
    queue = [shot for shot in SHOTS if not names or shot.name in names]
    window = MainWindow(QSettings(f"{settings_dir}/s.ini", QSettings.Format.IniFormat))
    window.setProperty("scripted", True)
    window.resize(*SIZE)
    window.show()
    current: list[Shot] = []
    refits: list[dict[str, object]] = []  # of the current shot, still to run

    def next_shot() -> None:
        if not queue:
            app.quit()
            return
        current[:] = [queue.pop(0)]
        shot = current[0]
        refits[:] = list(shot.refits)
        columns = list(shot.columns) if shot.columns else None
        window.open_file(demo_path(shot.demo), columns=columns, remember=False)

    def on_loaded() -> None:
        panel = window.parameter_panel
        panel.set_config(panel.config().with_changes(n_components=current[0].k, seed=1))
        window.start_fit()

    def on_finished(_result: object) -> None:
        shot = current[0]
        if refits:  # another run for the Runs list first
            panel = window.parameter_panel
            panel.set_config(panel.config().with_changes(**refits.pop(0)))
            QTimer.singleShot(0, window.start_fit)
            return
        window.plots.setCurrentWidget(_view(window, shot.plot))
        window.left_tabs.setCurrentIndex(shot.left)
        window.right_tabs.setCurrentIndex(shot.right)
        if shot.plot == "choose_k":
            window.choose_k.sig_sweep_finished.connect(lambda *_: QTimer.singleShot(700, grab))
            window.choose_k.start()
        elif shot.compare:
            runs = [run_id for run_id, _ in window.runs_panel.runs()]
            window.runs_panel.select_runs(runs)
            window.runs_panel.compare(*runs)
            QTimer.singleShot(700, grab)
        else:
            QTimer.singleShot(700, grab)

    def grab() -> None:
        path = OUT / current[0].name
        picture = window_picture(window)  # the 3-D view's axis labels included
        dialog = window.runs_panel.compare_dialog
        if current[0].compare and dialog is not None:
            painter = QPainter(picture)
            shot = dialog.grab()
            left = (picture.width() - shot.width()) // 2
            top = (picture.height() - shot.height()) // 2
            painter.drawPixmap(left, top, shot)
            painter.setPen(QColor(90, 90, 90))  # the dialog's edge (Xvfb has no frames)
            painter.drawRect(left - 1, top - 1, shot.width() + 1, shot.height() + 1)
            painter.end()
            dialog.close()
        picture.save(str(path))
        print(f"wrote {path}")
        next_shot()

    window.sig_data_loaded.connect(on_loaded)
    window.sig_fit_finished.connect(on_finished)
    QTimer.singleShot(0, next_shot)
    app.exec()
    window.shutdown()
    return 0


def _view(window, name: str):  # a MainWindow; one of its plot tabs
    if name in ("choose_k", "teach"):
        return getattr(window, name)
    return getattr(window.plots, name)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
