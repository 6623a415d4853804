"""Translations: the interface language (system locale or the user's choice) and Qt's own.

Every user-visible text in ``gmm_desktop.qt`` goes through ``self.tr(...)`` (QObject
subclasses) or ``translate(context, text)`` below, so ``pyside6-lupdate`` finds it (see
``packaging/update_translations.sh``). Messages from the engine and io layers are English;
those they mark with ``QT_TRANSLATE_NOOP("Errors", ...)`` are translated by ``error_text``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

# The languages offered in View > Language: code -> name in that language.
LANGUAGES: dict[str, str] = {"en": "English", "zh_CN": "简体中文"}
SETTINGS_KEY = "ui/language"
_installed: list[QTranslator] = []


def translate(context: str, text: str) -> str:
    """``QCoreApplication.translate`` for module-level code (lupdate reads the literal)."""
    return QCoreApplication.translate(context, text)


def error_text(error: BaseException) -> str:
    """An error's message in the interface language.

    A ``UserError.said`` message is looked up in the "Errors" context and filled with its
    values, themselves translated when they are ``Phrase``s or ``said`` errors; anything else
    (or a translation whose fields do not match) is ``str(error)``.
    """
    return _translated(error)


def message_text(message: str) -> str:
    """A message from the engine or io (a ``Phrase``, such as a fit warning, or plain text)
    in the interface language."""
    return _translated(message)


def _translated(message: object) -> str:
    """``message`` (an error or a ``Phrase``) in the interface language, as ``error_text``."""
    template = getattr(message, "template", None)
    if not template:
        return str(message)
    values = {
        name: _translated(value) if getattr(value, "template", None) else value
        for name, value in getattr(message, "values", {}).items()
    }
    translated = QCoreApplication.translate("Errors", template)
    try:
        return translated.format(**values)
    except (KeyError, IndexError, ValueError):
        return str(message)


def translations_dir() -> Path:
    from ..io.demo import resources_dir

    return resources_dir() / "translations"


def system_language() -> str:
    """'zh_CN' for any Chinese system locale, else 'en'."""
    locale = QLocale.system()
    if locale.language() == QLocale.Language.Chinese:
        return "zh_CN"
    return "en"


def saved_language(settings: QSettings | None = None) -> str | None:
    """The language chosen in View > Language, or None to follow the system."""
    value = (settings or QSettings()).value(SETTINGS_KEY)
    return str(value) if value in LANGUAGES else None


def remove_translators(app: QCoreApplication) -> None:
    while _installed:
        app.removeTranslator(_installed.pop())


def install_translator(app: QCoreApplication, language: str | None) -> str:
    """Install GMM Desktop's (and Qt's) translators for ``language``; None follows the system.

    Returns the language used ('en' when no translation file is found).
    """
    remove_translators(app)
    lang = language if language in LANGUAGES else system_language()
    if lang == "en":
        return "en"
    ours = QTranslator(app)
    if not ours.load(str(translations_dir() / f"gmm_desktop_{lang}.qm")):
        return "en"
    app.installTranslator(ours)
    _installed.append(ours)
    # Qt's standard dialogs and buttons (QFileDialog, QMessageBox's Yes/No, ...).
    qt_dirs = [QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)]
    try:
        import PySide6

        qt_dirs.append(str(Path(PySide6.__file__).parent / "Qt" / "translations"))
    except ImportError:  # pragma: no cover
        pass
    for folder in qt_dirs:
        qt = QTranslator(app)
        if qt.load(f"qtbase_{lang}", folder):
            app.installTranslator(qt)
            _installed.append(qt)
            break
    return lang


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for translation in ``context`` without translating it now (typed as str,
    unlike PySide6's); translate it where it is shown with ``translate`` or ``self.tr``."""
    return text


def report_language() -> str:
    """The language of reports made in the window: "zh" while the Chinese translation is
    installed, else "en"."""
    return "zh" if _installed else "en"
