"""Errors a user can act on, as data: a stable code, a message, and the fields behind it.

The core raises an :class:`AdaptError` with an :class:`ErrorCode`; it never words an error
for one edge. Each edge words it: the CLI adds the command to run (``service/cli/errors.py``),
the API maps the code to an HTTP status in an RFC 7807 body. A message therefore never
names a command-line option or an ``adapt`` command; the code and the fields say what went
wrong, and the edge says what to do about it.

Anything that is not an :class:`AdaptError` is a bug and is reported as one, never as a
traceback.

>>> error = InputError("no model serves en->fr", code=ErrorCode.NO_ROUTE, source="en")
>>> error.as_json()
{'code': 'no_route', 'message': 'no model serves en->fr', 'source': 'en'}
"""

from enum import StrEnum
from typing import ClassVar

FieldValue = str | int | float | bool | None | list[str]


class ErrorCode(StrEnum):
    """Every error code adapt raises; a code is stable once released (edges map it)."""

    # Input text and files
    INVALID_INPUT = "invalid_input"
    EMPTY_INPUT = "empty_input"
    INPUT_TOO_LARGE = "input_too_large"
    INVALID_ENCODING = "invalid_encoding"
    CONTROL_CHARACTERS = "control_characters"
    FILE_NOT_FOUND = "file_not_found"
    IS_A_DIRECTORY = "is_a_directory"
    UNREADABLE_FILE = "unreadable_file"
    UNWRITABLE_FILE = "unwritable_file"
    INVALID_FRONT_MATTER = "invalid_front_matter"
    INVALID_JSON = "invalid_json"
    OUT_OF_RANGE = "out_of_range"
    CONFLICTING_OPTIONS = "conflicting_options"
    UNCHANGED_TEXT = "unchanged_text"
    # Languages
    UNKNOWN_LANGUAGE = "unknown_language"
    LANGUAGE_UNDETERMINED = "language_undetermined"
    LANGUAGE_MISMATCH = "language_mismatch"
    # Names of things adapt knows
    UNKNOWN_PLATFORM = "unknown_platform"
    UNKNOWN_CHECK = "unknown_check"
    UNKNOWN_AUDIENCE = "unknown_audience"
    UNKNOWN_CONCEPT = "unknown_concept"
    UNKNOWN_ENGINE = "unknown_engine"
    UNKNOWN_FORMAT = "unknown_format"
    UNKNOWN_TIMEZONE = "unknown_timezone"
    # Scheduling
    INVALID_INSTANT = "invalid_instant"
    INVALID_DATE = "invalid_date"
    INVALID_AUDIENCE = "invalid_audience"
    NO_SLOT = "no_slot"
    MISSING_MESSAGE = "missing_message"
    INVALID_EXPORT = "invalid_export"
    # Translation models and memory
    NO_ROUTE = "no_route"
    INVALID_PACKAGE = "invalid_package"
    BROKEN_PACKAGE = "broken_package"
    MODELS_OFFLINE = "models_offline"
    MODEL_INDEX_UNAVAILABLE = "model_index_unavailable"
    INVALID_TMX = "invalid_tmx"
    INVALID_TBX = "invalid_tbx"
    INVALID_XLIFF = "invalid_xliff"
    # Configuration and data files
    INVALID_DATA = "invalid_data"
    INVALID_SETTING = "invalid_setting"
    DATABASE_UNAVAILABLE = "database_unavailable"
    # Service: who may do what, and the review rule (see service/review.py)
    UNAUTHORIZED = "unauthorized"
    FORBIDDEN_ROLE = "forbidden_role"
    CSRF_FAILED = "csrf_failed"
    NOT_FOUND = "not_found"
    SELF_APPROVAL = "self_approval"
    ALREADY_APPROVED = "already_approved"
    ALREADY_REVIEWED = "already_reviewed"
    STALE_VERSION = "stale_version"
    NOT_APPROVED = "not_approved"
    NOT_READY = "not_ready"
    CONFLICT = "conflict"
    # Jobs
    UNKNOWN_JOB_KIND = "unknown_job_kind"
    JOB_QUEUE_UNAVAILABLE = "job_queue_unavailable"
    JOB_ATTEMPTS_EXHAUSTED = "job_attempts_exhausted"
    # Not the user's: a bug, recorded (a job's error) and reported as one
    INTERNAL_ERROR = "internal_error"


class AdaptError(Exception):
    """A problem with the user's input or set-up: a stable code, a message, its fields.

    Subclasses give the default code of a family; a raise site names a precise one.
    """

    default_code: ClassVar[ErrorCode] = ErrorCode.INVALID_INPUT

    def __init__(
        self, message: str, *, code: ErrorCode | None = None, **fields: FieldValue
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code or self.default_code
        self.fields = fields

    def as_json(self) -> dict[str, FieldValue]:
        """``{"code", "message", **fields}``: the same body for every edge."""
        return {"code": self.code.value, "message": self.message, **self.fields}


class InputError(AdaptError):
    """The input text, file or option is not acceptable."""


class UnauthorizedError(AdaptError):
    """No token, an unknown token, or the token of a revoked user."""

    default_code = ErrorCode.UNAUTHORIZED


class ForbiddenError(AdaptError):
    """The user is known but may not do this (wrong role or language, own approval)."""

    default_code = ErrorCode.FORBIDDEN_ROLE


class NotFoundError(AdaptError):
    """No statement, rendition or user with that id or name."""

    default_code = ErrorCode.NOT_FOUND


class ConflictError(AdaptError):
    """The request lost against the current state: a stale version, a repeated review."""

    default_code = ErrorCode.CONFLICT


class DataError(AdaptError):
    """A data file (locales/, glossaries/) is invalid; the message names the file and line."""

    default_code = ErrorCode.INVALID_DATA
