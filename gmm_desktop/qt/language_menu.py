"""View > Language (System language / English / 简体中文): stored in QSettings, used at the
next start (``i18n.install_translator``)."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from .i18n import LANGUAGES, SETTINGS_KEY, saved_language


class LanguageMenu(QMenu):
    """One checkable action per language (its data the code, "" for the system's);
    ``sig_chosen(message)`` after a choice is stored, with a sentence to tell the user."""

    sig_chosen = Signal(str)

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("&Language"))
        self.settings = settings
        group = QActionGroup(self)
        chosen = saved_language(settings)
        system = self.addAction(self.tr("System language"))
        system.setCheckable(True)
        system.setChecked(chosen is None)
        system.setData("")
        group.addAction(system)
        for code, name in LANGUAGES.items():
            act = self.addAction(name)  # each language in its own words
            act.setCheckable(True)
            act.setChecked(code == chosen)
            act.setData(code)
            group.addAction(act)
        group.triggered.connect(self._on_group_triggered)

    def _on_group_triggered(self, action: QAction) -> None:
        code = str(action.data() or "")
        if code:
            self.settings.setValue(SETTINGS_KEY, code)
        else:
            self.settings.remove(SETTINGS_KEY)
        self.settings.sync()
        self.sig_chosen.emit(self.tr("The language changes the next time GMM Desktop starts."))
