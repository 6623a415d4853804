"""Window figures for issue 7: start-up to first paint, loading a large CSV, redraw time and the
worst main-thread stall during a live fit. Prints figures; asserts nothing.

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python benchmarks/bench_window.py [--rows N]

Default 1,000,000 rows x 3 columns (4 clusters); --smoke uses 50,000.

``--load-only`` (issue 15 (i)) measures the worst main-thread gap from the moment the loaded
table reaches the GUI thread until the window is idle (no gap over 100 ms for 1.5 s), with a
10 ms heartbeat timer, and stops there (no fit):

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python benchmarks/bench_window.py \
        --rows 2000000 --load-only
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from gmm_desktop.qt.main_window import MainWindow

STARTUP = r"""
import time
t0 = time.perf_counter()
import sys
from PySide6.QtCore import QCoreApplication, Qt, QTimer
QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
from PySide6.QtWidgets import QApplication
app = QApplication([])
from gmm_desktop.qt.main_window import MainWindow
w = MainWindow()
w.show()
def painted():
    print(f"{time.perf_counter() - t0:.3f}")
    heavy = [m for m in ("numba", "OpenGL", "sklearn") if m in sys.modules]
    print(",".join(heavy))
    w.close(); app.quit()
QTimer.singleShot(0, painted)
app.exec()
"""


def startup_seconds() -> tuple[float, str]:
    out = subprocess.run(
        [sys.executable, "-c", STARTUP], capture_output=True, text=True, timeout=120
    ).stdout.split("\n")
    return float(out[0]), out[1]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--iterations", type=int, default=15)
    parser.add_argument("--load-only", action="store_true", help="only the post-load stall")
    parser.add_argument("--csv", type=Path, help="reuse this CSV (else one is generated)")
    args = parser.parse_args()
    rows = 50_000 if args.smoke else args.rows

    if not args.load_only:
        first, heavy = startup_seconds()
        print(f"start-up to first paint: {first:.2f} s (heavy modules loaded: {heavy or 'none'})")

    from PySide6.QtCore import QCoreApplication, QElapsedTimer, QSettings, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication(sys.argv[:1])
    from gmm_desktop.qt.main_window import MainWindow
    from gmm_desktop.qt.style import configure_pyqtgraph

    configure_pyqtgraph()
    folder = Path(tempfile.mkdtemp())
    path = args.csv or folder / "big.csv"
    if not path.exists():
        rng = np.random.default_rng(0)
        centres = np.array([[0, 0, 0], [6, 0, 0], [0, 6, 0], [0, 0, 6]], dtype=float)
        X = centres[rng.integers(0, 4, rows)] + rng.normal(size=(rows, 3))
        np.savetxt(path, X, delimiter=",", header="a,b,c", comments="", fmt="%.5f")

    window = MainWindow(QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
    window.setProperty("scripted", True)
    window.resize(1600, 950)
    window.show()
    window.start_engine_warm_up()
    if args.load_only:
        return post_load_stall(app, window, path)

    gaps: list[float] = []
    clock = QElapsedTimer()
    probe = QTimer()
    probe.setInterval(10)

    def tick() -> None:
        gaps.append(clock.restart() / 1000.0)

    probe.timeout.connect(tick)
    marks: dict[str, float] = {}

    def on_loaded() -> None:
        marks["loaded"] = time.perf_counter()
        panel = window.parameter_panel
        panel.set_config(
            panel.config().with_changes(
                n_components=4, tol=0.0, max_iter=args.iterations, init="random-from-data"
            )
        )
        window._on_parameter_panel_changed()  # what typing K into the form triggers
        QTimer.singleShot(200, start_fit)

    def start_fit() -> None:
        gaps.clear()
        clock.start()
        probe.start()
        marks["fit"] = time.perf_counter()
        window.start_fit()

    def on_finished(_result: object) -> None:
        marks["finished"] = time.perf_counter()
        # keep probing a little: drawing and painting the final result is part of the fit
        QTimer.singleShot(300, stop_probe)

    def stop_probe() -> None:
        probe.stop()
        app.quit()

    window.sig_data_loaded.connect(on_loaded)
    window.sig_fit_finished.connect(on_finished)
    # the engine warms up first, so the fit runs on the fast engine when numba is there
    while window.warm_up.is_running():
        app.processEvents()
    marks["open"] = time.perf_counter()
    window.open_file(path)
    app.exec()

    fast = sys.modules.get("gmm_desktop.engine.fast")
    engine = "fast (numba)" if fast is not None and fast.is_warm() else "reference (numpy)"
    print(f"rows: {rows:,} x 3, K=4, {args.iterations} iterations, engine: {engine}")
    print(f"load in the background: {marks['loaded'] - marks['open']:.2f} s")
    print(f"fit (live, with redraws): {marks['finished'] - marks['fit']:.2f} s")
    # replaying snapshots in each data view: drawing the shown tab and painting it
    for view in window.plots.data_views:
        window.plots.setCurrentWidget(view)
        app.processEvents()
        redraws = []
        for index in range(min(10, len(window.display.history))):
            t0 = time.perf_counter()
            window.display.show_snapshot(index)
            app.processEvents()
            redraws.append(time.perf_counter() - t0)
        name = window.plots.tabText(window.plots.indexOf(view)).replace("&&", "&")
        print(
            f"redraw of one snapshot, {name} tab shown (with its paint): "
            f"median {np.median(redraws) * 1000:.0f} ms, max {max(redraws) * 1000:.0f} ms"
        )
    worst = max(gaps) if gaps else float("nan")
    print(
        f"worst main-thread stall during the fit and its final redraw: {worst * 1000:.0f} ms "
        f"({len(gaps)} probe ticks of 10 ms)"
    )
    window.close()
    return 0


def post_load_stall(app: QApplication, window: MainWindow, path: Path) -> int:
    """Print the worst GUI-thread gap from the loaded table's arrival until the window is idle."""
    from PySide6.QtCore import QElapsedTimer, QTimer

    while window.warm_up.is_running():  # as the user would: the compiled engine is ready
        app.processEvents()
    gaps: list[float] = []
    arrived: list[int] = []  # index into gaps where the table reached the GUI thread
    clock = QElapsedTimer()
    probe = QTimer()
    probe.setInterval(10)
    marks: dict[str, float] = {}
    quiet = 0.0

    def tick() -> None:
        nonlocal quiet
        gap = clock.restart() / 1000.0
        gaps.append(gap)
        if not arrived:
            return
        quiet = 0.0 if gap > 0.1 else quiet + gap
        if quiet >= 1.5 or time.perf_counter() - marks["arrived"] > 60:
            marks["idle"] = time.perf_counter() - quiet
            probe.stop()
            app.quit()

    def on_arrived(*_args: object) -> None:
        marks["arrived"] = time.perf_counter()
        arrived.append(len(gaps))

    probe.timeout.connect(tick)
    # the mark runs before the window's own slot: connected again after it
    window.loader.sig_loaded.disconnect(window.files._on_load_done)
    window.loader.sig_loaded.connect(on_arrived)
    window.loader.sig_loaded.connect(window.files._on_load_done)
    marks["open"] = time.perf_counter()
    clock.start()
    probe.start()
    window.open_file(path)
    app.exec()
    after = gaps[arrived[0] :] if arrived else []
    loading = gaps[: arrived[0]] if arrived else gaps
    n = window.table.n_rows if window.table is not None else 0
    print(f"rows: {n:,}; load in the background: {marks['arrived'] - marks['open']:.2f} s")
    print(f"worst main-thread gap while loading: {max(loading, default=0) * 1000:.0f} ms")
    print(
        f"worst main-thread gap from the end of loading until idle: "
        f"{max(after, default=float('nan')) * 1000:.0f} ms; gaps over 100 ms: "
        f"{[round(g * 1000) for g in after if g > 0.1]}; idle "
        f"{marks.get('idle', float('nan')) - marks['arrived']:.2f} s after the table arrived"
    )
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
