"""File > Open recent: the files opened last, newest first, kept in QSettings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QMenu

MAX_RECENT = 8
SETTINGS_KEY = "files/recent"


class RecentFiles(QObject):
    """Keeps the recent files in ``settings`` and lists them in ``menu``; ``sig_open(path)``
    when one is chosen."""

    sig_open = Signal(str)

    def __init__(self, settings: QSettings, menu: QMenu, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.menu = menu
        self._rebuild_menu()

    def files(self) -> list[str]:
        """The recent files, newest first."""
        value = self.settings.value(SETTINGS_KEY, [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in value] if isinstance(value, list) else []

    def remember(self, path: Path) -> None:
        """Put ``path`` first (once), keeping at most MAX_RECENT."""
        files = [str(path)] + [f for f in self.files() if f != str(path)]
        self.settings.setValue(SETTINGS_KEY, files[:MAX_RECENT])
        self._rebuild_menu()

    def _rebuild_menu(self) -> None:
        self.menu.clear()
        files = self.files()
        for name in files:
            act = self.menu.addAction(name)
            act.triggered.connect(lambda _=False, p=name: self.sig_open.emit(p))
        self.menu.setEnabled(bool(files))
