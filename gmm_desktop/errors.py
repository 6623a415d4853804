"""The one error type the user sees: a plain sentence, never a traceback.

Messages built with ``UserError.said(QT_TRANSLATE_NOOP("Errors", template), **values)`` are
English in ``str(error)`` (the command line, logs, tests) and translated by the window: it
looks the template up in its translation files (``qt.i18n.error_text``) and fills in the same
values. ``QT_TRANSLATE_NOOP`` here is a plain function, so the engine and io stay Qt-free;
``pyside6-lupdate`` finds the templates by that name.

A value that is itself a ``Phrase`` (a translatable part of a message, e.g. "the tolerance")
or a ``UserError`` made by ``said`` is translated too when the window fills the template.

Rule (``tests/test_messages.py``): engine and io never raise a UserError subclass with a plain
string; every message they can show a user goes through ``said``.
"""

from __future__ import annotations

from typing import Any, Self


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate looks for
    """Mark ``text`` as translatable in ``context``; returns it unchanged."""
    del context
    return text


class UserError(ValueError):
    """Bad input or settings; ``str(error)`` is one plain sentence a user can act on.

    ``template`` and ``values`` are set by ``said``: the untranslated message and what fills
    its ``{fields}``; None and {} for messages that are not translated.
    """

    template: str | None = None
    values: dict[str, Any] = {}  # noqa: RUF012  (replaced per instance by ``said``)

    @classmethod
    def said(cls, template: str, /, **values: Any) -> Self:
        """An error whose message is ``template.format(**values)``, translatable in the window."""
        error = cls(template.format(**values))
        error.template = template
        error.values = dict(values)
        return error


class Phrase(str):
    """A translatable part of a message, used as a value of ``UserError.said``.

    English as a ``str`` (so ``str(error)`` reads normally); ``template`` and ``values`` let
    the window translate it like a whole message, e.g.
    ``Phrase(QT_TRANSLATE_NOOP("Errors", "{what} weights"), what=Phrase(...))``.
    """

    template: str
    values: dict[str, Any]

    def __new__(cls, template: str, /, **values: Any) -> Self:
        phrase = super().__new__(cls, template.format(**values))
        phrase.template = template
        phrase.values = dict(values)
        return phrase
