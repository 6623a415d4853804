"""Unexpected exceptions: shown in a dialog with 'Copy details', logged, the window lives on."""

from __future__ import annotations

import datetime
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QStandardPaths
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from .i18n import translate


def log_folder() -> Path:
    """The user's application-data folder for GMM Desktop (created when needed)."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    folder = Path(location or Path.home() / ".gmm-desktop")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def write_log(details: str) -> Path | None:
    try:
        path = log_folder() / "errors.log"
        with path.open("a", encoding="utf-8") as handle:
            handle.write(f"--- {datetime.datetime.now().isoformat()}\n{details}\n")
        return path
    except OSError:
        return None


def show_unexpected_error(parent: QWidget | None, summary: str, details: str) -> None:
    log = write_log(details)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(translate("ErrorsDialog", "GMM Desktop: unexpected error"))
    where = (
        "\n\n" + translate("ErrorsDialog", "Details were saved to {path}.").format(path=log)
        if log
        else ""
    )
    box.setText(
        translate(
            "ErrorsDialog", "Something went wrong: {summary}\nYour data and the window are fine."
        ).format(summary=summary)
        + where
    )
    box.setDetailedText(details)
    copy = box.addButton(
        translate("ErrorsDialog", "Copy details"), QMessageBox.ButtonRole.ActionRole
    )
    box.addButton(QMessageBox.StandardButton.Ok)
    copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(details))
    box.open()


def install_exception_hook(parent: QWidget) -> None:
    """Route uncaught exceptions in slots to a dialog instead of killing the program."""

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        details = "".join(traceback.format_exception(kind, value, tb))
        sys.stderr.write(details)
        show_unexpected_error(parent, str(value) or kind.__name__, details)

    sys.excepthook = hook
