"""Regenerate the README's Teaching mode screenshots from the real window (run under Xvfb):

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python packaging/teach_screenshots.py

Opens the heights lesson (1-D) and the two-clusters lesson (2-D) in a 1366 x 768 window and
grabs it (the Results dock hidden) at the start, after the first E-step and after the first
M-step (once the glide ends).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication

OUT = Path(__file__).resolve().parent.parent / "resources" / "screenshots"
SIZE = (1366, 768)
# (name, lesson, seed, the data row whose E-step formula is shown)
LESSONS = [("1d", "heights", 0, 5), ("2d", "random_points", 4, 190)]


def settle(ms: int) -> None:
    """Let the window draw (and a glide end) for ``ms`` milliseconds."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def save(window: object, path: Path) -> None:
    """Grab the window into ``path`` as a 256-colour PNG (a few tens of KB)."""
    window.grab().save(str(path))  # type: ignore[attr-defined]
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)
    print(f"wrote {path} ({path.stat().st_size // 1024} KB)")


def main() -> int:
    app = QApplication(sys.argv[:1])  # noqa: F841 (kept alive while the window runs)
    from gmm_desktop.qt.main_window import MainWindow
    from gmm_desktop.qt.style import configure_pyqtgraph
    from gmm_desktop.qt.teach_lessons import open_lesson

    configure_pyqtgraph()
    OUT.mkdir(parents=True, exist_ok=True)
    settings = QSettings(f"{tempfile.mkdtemp()}/s.ini", QSettings.Format.IniFormat)
    window = MainWindow(settings)
    window.setProperty("scripted", True)
    window.show()
    window.resize(*SIZE)
    window.dock_results.hide()  # nothing to show before a fit; Teach gets its width
    settle(300)
    for name, key, seed, row in LESSONS:
        open_lesson(window, key, seed=seed)
        window.teach.select_point(row)
        settle(500)
        save(window, OUT / f"teach-{name}-start.png")
        window.teach.step()
        settle(500)
        save(window, OUT / f"teach-{name}-e.png")
        window.teach.step()
        settle(800)  # the glide takes 300 ms
        save(window, OUT / f"teach-{name}-m.png")
    window.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
