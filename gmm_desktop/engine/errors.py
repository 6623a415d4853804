"""Errors the engine raises with messages meant for the user."""

from ..errors import UserError


class GMMInputError(UserError):
    """Data or settings the EM engine cannot work with."""
