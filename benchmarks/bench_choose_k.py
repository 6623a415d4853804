"""The window's Choose K on large data: wall time of the sweep as the window runs it.

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python benchmarks/bench_choose_k.py
    ... bench_choose_k.py --rows 20000 --k-to 3     # a quick look

A ChooseKView (the window's own widget, its background task and engine calls) sweeps K = 1..8
x {full, diag} with 10 restarts on 200,000 x 2 rows from four clusters, after the compiled
engine has warmed up. Printed: the sweep's wall time, the models finished, the longest wait
of the GUI thread's event loop during the sweep (it must stay responsive), and the model BIC
picks. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--k-to", type=int, default=8)
    parser.add_argument("--restarts", type=int, default=10)
    args = parser.parse_args()

    from PySide6.QtCore import QCoreApplication, QElapsedTimer, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication([])
    from gmm_desktop.engine import backend
    from gmm_desktop.engine.selection import best_model
    from gmm_desktop.qt.choose_k_view import ChooseKView

    engine = backend.warm_up()
    rng = np.random.default_rng(0)
    centres = rng.normal(scale=4.0, size=(4, 2))
    X = centres[rng.integers(4, size=args.rows)] + rng.normal(size=(args.rows, 2))
    view = ChooseKView()
    view.resize(1000, 600)
    view.show()
    view.set_data(X, ["x1", "x2"])
    view.k_from.setValue(1)
    view.k_to.setValue(args.k_to)
    view.restarts.setValue(args.restarts)
    for ct, box in view.type_boxes.items():
        box.setChecked(ct in ("full", "diag"))
    worst = 0.0
    beat = QElapsedTimer()
    ticker = QTimer()
    ticker.setInterval(10)

    def tick() -> None:
        nonlocal worst
        worst = max(worst, beat.restart() / 1000.0)

    ticker.timeout.connect(tick)
    result: list = []
    view.sig_sweep_finished.connect(lambda scores: (result.append(scores), app.quit()))
    t0 = time.perf_counter()
    beat.start()
    ticker.start()
    if not view.start():
        print("the sweep did not start")
        return
    app.exec()
    elapsed = time.perf_counter() - t0
    scores = result[0] if result else []
    best = best_model(scores)
    print(
        f"backend {engine.name}; {args.rows:,} x 2 rows, K 1-{args.k_to} x {{full, diag}}, "
        f"{args.restarts} restarts"
    )
    print(
        f"Choose K: {len(scores)} models in {elapsed:.1f} s; longest GUI-thread wait "
        f"{worst * 1000:.0f} ms; BIC picks "
        + (f"K={best.n_components} {best.covariance_type}" if best else "nothing")
    )
    view.shutdown()


if __name__ == "__main__":
    main()
