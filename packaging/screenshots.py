"""Regenerate the README screenshots from the real window (run under Xvfb):

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python packaging/screenshots.py

Each state opens a demo set, fits it, shows one view and grabs the whole window.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication

OUT = Path(__file__).resolve().parent.parent / "resources" / "screenshots"
# (file name, demo set, columns, K, view attribute of PlotArea)
STATES = [
    ("window-1d.png", "heights", ["height"], 2, "density"),
    ("window-2d.png", "faithful", None, 2, "ellipses"),
    ("window-3d.png", "clusters_3d", None, 4, "scatter3d"),
    ("window-likelihood.png", "clusters_2d", None, 2, "likelihood"),
    ("window-history.png", "heights", ["height"], 2, "parameters"),
]


def main() -> int:
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication(sys.argv[:1])
    from gmm_desktop.io.demo import demo_path
    from gmm_desktop.qt.main_window import MainWindow
    from gmm_desktop.qt.style import configure_pyqtgraph

    configure_pyqtgraph()
    OUT.mkdir(parents=True, exist_ok=True)
    settings_dir = tempfile.mkdtemp()
    queue = list(STATES)
    window = MainWindow(QSettings(f"{settings_dir}/s.ini", QSettings.Format.IniFormat))
    window.setProperty("scripted", True)
    window.resize(1600, 940)
    window.show()
    current: dict[str, object] = {}

    def next_state() -> None:
        if not queue:
            app.quit()
            return
        name, demo, columns, k, view = queue.pop(0)
        current.update(name=name, k=k, view=view)
        window.open_file(demo_path(demo), columns=columns, remember=False)

    def on_loaded() -> None:
        panel = window.parameter_panel
        panel.set_config(panel.config().with_changes(n_components=current["k"], seed=1))
        window.start_fit()

    def on_finished(_result: object) -> None:
        window.plots.setCurrentWidget(getattr(window.plots, str(current["view"])))
        QTimer.singleShot(700, grab)

    def grab() -> None:
        path = OUT / str(current["name"])
        window.grab().save(str(path))
        print(f"wrote {path}")
        next_state()

    window.sig_data_loaded.connect(on_loaded)
    window.sig_fit_finished.connect(on_finished)
    QTimer.singleShot(0, next_state)
    app.exec()
    window.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
