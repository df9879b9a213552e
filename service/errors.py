"""Errors a user can act on.

Every edge (CLI, API, UI) turns an :class:`AdaptError` into a clear message; the CLI exits
with code 2. Anything else is a bug and is reported as one, never as a traceback.
"""


class AdaptError(Exception):
    """A problem with the user's input or set-up, with a message meant for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(AdaptError):
    """The input text, file or option is not acceptable."""


class DataError(AdaptError):
    """A data file (locales/, glossaries/) is invalid; the message names the file and line."""
