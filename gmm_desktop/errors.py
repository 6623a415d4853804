"""The one error type the user sees: a plain sentence, never a traceback."""


class UserError(ValueError):
    """Bad input or settings; ``str(error)`` is one plain sentence a user can act on."""
