"""Start the window: ``gmm-desktop [FILE] [--columns LIST] [--label COL] [-k K] [--stopping RULE]
[--tol T] [--run] ...``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from .. import __version__
from ..cli.options import add_names_option, add_row_options
from ..engine.stopping import STOPPING_RULES

if TYPE_CHECKING:
    from .main_window import MainWindow
    from .scripted import ScriptedRun


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="gmm-desktop",
        description="GMM Desktop: fit Gaussian mixtures by EM and watch them converge. "
        "Commands: 'gmm-desktop fit|generate|select --help' for the command line.",
    )
    p.add_argument("file", nargs="?", metavar="FILE", help="data file to open (default: demo)")
    p.add_argument(
        "--columns",
        metavar="LIST",
        help="feature columns, by name or 1-based number, comma separated",
    )
    p.add_argument(
        "--label", metavar="COLUMN", help="column of known groups, by name or 1-based number"
    )
    add_row_options(p, missing_default=None)
    header = p.add_mutually_exclusive_group()
    header.add_argument(
        "--header", dest="header", action="store_const", const=True, help="first row is names"
    )
    header.add_argument(
        "--no-header", dest="header", action="store_const", const=False, help="first row is data"
    )
    add_names_option(p)
    p.add_argument("-k", "--components", type=int, metavar="K", help="number of components")
    p.add_argument(
        "--covariance", choices=("full", "diag", "spherical", "tied"), help="covariance type"
    )
    p.add_argument("--max-iter", type=int, metavar="N", help="iteration limit of each start")
    p.add_argument(
        "--stopping",
        choices=STOPPING_RULES,
        help="when EM stops, as in 'gmm-desktop fit' (default: the saved fit settings); "
        "the rule's usual tolerance unless --tol is given",
    )
    p.add_argument("--tol", type=float, metavar="T", help="tolerance of the stopping rule")
    p.add_argument("--run", action="store_true", help="start the fit at once")
    p.add_argument(
        "--export", metavar="DIR", help="after the fit, write the CSV files and plot PNGs to DIR"
    )
    p.add_argument(
        "--export-iterations",
        metavar="LIST",
        help="with --export: also write the data plots at these iterations, e.g. 1,5,10,15,20 "
        "(ellipses_iter01.png, density_iter01.png, ...)",
    )
    p.add_argument(
        "--export-animation",
        metavar="FILE",
        help="after the fit, write it as an animation, one frame per iteration: FILE.gif "
        "(or FILE.mp4 when ffmpeg is installed)",
    )
    p.add_argument("--quit", action="store_true", help="exit when done (status 0 on success)")
    p.add_argument("--version", action="version", version=f"GMM Desktop {__version__}")
    return p


def run_gui(argv: Sequence[str]) -> int:
    """Create the application and main window; return the exit status."""
    args = build_parser().parse_args(list(argv))
    from PySide6.QtCore import Qt

    # Before the QApplication: every GL view after the first would draw nothing otherwise.
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("GMM Desktop")
    app.setApplicationName("GMM Desktop")
    app.setApplicationVersion(__version__)
    from PySide6.QtGui import QIcon

    from ..io.demo import resources_dir

    QApplication.setWindowIcon(QIcon(str(resources_dir() / "icons" / "gmm-desktop.svg")))
    QApplication.setDesktopFileName("gmm-desktop")

    from .i18n import install_translator, saved_language, translate

    # Before any widget exists: View > Language's choice, else the system locale.
    install_translator(app, saved_language())

    from ..io.recovery import RecoveryStore
    from .errors_dialog import install_exception_hook, log_folder
    from .main_window import MainWindow
    from .scripted import ScriptedRun
    from .style import configure_pyqtgraph

    configure_pyqtgraph()
    recovery = RecoveryStore(log_folder())
    offer = recovery.start()
    window = MainWindow(recovery=recovery)
    install_exception_hook(window)
    script = ScriptedRun(window, args)
    window.show()
    window.start_engine_warm_up()
    if offer is not None and not script.active and args.file is None:
        ask = QMessageBox.question(
            window,
            "GMM Desktop",
            translate(
                "App",
                "GMM Desktop did not close properly last time.\nRestore the last finished fit?",
            ),
        )
        if ask == QMessageBox.StandardButton.Yes and window.open_session(offer):
            return _run(app, window, script)
    try:
        script.begin()
    except Exception as exc:  # a bug, not bad input (begin reports that itself)
        if script.active:  # one line and a clean exit, never an abort on a running thread
            window.shutdown()
            print(f"gmm-desktop: unexpected error: {exc or type(exc).__name__}", file=sys.stderr)
            return 1
        sys.excepthook(type(exc), exc, exc.__traceback__)  # the unexpected-error dialog
    return _run(app, window, script)


def _run(app: QCoreApplication, window: MainWindow, script: ScriptedRun) -> int:
    status = app.exec()
    # Delete the window while Qt is still whole: pyqtgraph items alive at interpreter
    # shutdown can crash it.
    window.shutdown()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    return script.exit_status if script.active else int(status)
