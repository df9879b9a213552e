"""Errors as RFC 7807 ``application/problem+json``: one status per :class:`ErrorCode`.

The core raises :class:`AdaptError` with a stable code; this module is the API's one place
that maps a code to an HTTP status and words the body: ``type`` (a stable URN per code),
``title``, ``status``, ``detail``, ``code`` and the error's own fields. Request validation
errors are ``422 invalid_input``; anything else is a bug, logged in full and answered
``500 internal_error`` without a traceback.
"""

import logging
from collections.abc import Mapping
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from service.errors import AdaptError, ErrorCode

logger = logging.getLogger(__name__)

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_TYPE_PREFIX = "urn:adapt:problem:"

_BAD = HTTPStatus.BAD_REQUEST
_UNPROCESSABLE = HTTPStatus.UNPROCESSABLE_ENTITY
_CONFLICT = HTTPStatus.CONFLICT
_UNAVAILABLE = HTTPStatus.SERVICE_UNAVAILABLE

STATUS_OF_CODE: dict[ErrorCode, HTTPStatus] = {
    # Input text and files: the request is well-formed JSON but its content is refused
    ErrorCode.INVALID_INPUT: _UNPROCESSABLE,
    ErrorCode.EMPTY_INPUT: _UNPROCESSABLE,
    ErrorCode.INPUT_TOO_LARGE: HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
    ErrorCode.INVALID_ENCODING: _UNPROCESSABLE,
    ErrorCode.CONTROL_CHARACTERS: _UNPROCESSABLE,
    ErrorCode.FILE_NOT_FOUND: _UNPROCESSABLE,
    ErrorCode.IS_A_DIRECTORY: _UNPROCESSABLE,
    ErrorCode.UNREADABLE_FILE: _UNPROCESSABLE,
    ErrorCode.UNWRITABLE_FILE: HTTPStatus.INTERNAL_SERVER_ERROR,
    ErrorCode.INVALID_FRONT_MATTER: _UNPROCESSABLE,
    ErrorCode.INVALID_JSON: _BAD,
    ErrorCode.OUT_OF_RANGE: _UNPROCESSABLE,
    ErrorCode.CONFLICTING_OPTIONS: _UNPROCESSABLE,
    ErrorCode.UNCHANGED_TEXT: _UNPROCESSABLE,
    # Languages
    ErrorCode.UNKNOWN_LANGUAGE: _UNPROCESSABLE,
    ErrorCode.LANGUAGE_UNDETERMINED: _UNPROCESSABLE,
    ErrorCode.LANGUAGE_MISMATCH: _UNPROCESSABLE,
    # Names of things adapt knows
    ErrorCode.UNKNOWN_PLATFORM: _UNPROCESSABLE,
    ErrorCode.UNKNOWN_CHECK: _UNPROCESSABLE,
    ErrorCode.UNKNOWN_AUDIENCE: _UNPROCESSABLE,
    ErrorCode.UNKNOWN_CONCEPT: _UNPROCESSABLE,
    ErrorCode.UNKNOWN_ENGINE: HTTPStatus.INTERNAL_SERVER_ERROR,
    ErrorCode.UNKNOWN_FORMAT: _UNPROCESSABLE,
    ErrorCode.UNKNOWN_TIMEZONE: _UNPROCESSABLE,
    # Scheduling
    ErrorCode.INVALID_INSTANT: _UNPROCESSABLE,
    ErrorCode.INVALID_DATE: _UNPROCESSABLE,
    ErrorCode.INVALID_AUDIENCE: _UNPROCESSABLE,
    ErrorCode.NO_SLOT: _UNPROCESSABLE,
    ErrorCode.MISSING_MESSAGE: _UNPROCESSABLE,
    ErrorCode.INVALID_EXPORT: _UNPROCESSABLE,
    # Translation models and memory: the server lacks what the request needs
    ErrorCode.NO_ROUTE: _UNPROCESSABLE,
    ErrorCode.INVALID_PACKAGE: _UNPROCESSABLE,
    ErrorCode.BROKEN_PACKAGE: _UNAVAILABLE,
    ErrorCode.MODELS_OFFLINE: _UNAVAILABLE,
    ErrorCode.MODEL_INDEX_UNAVAILABLE: _UNAVAILABLE,
    ErrorCode.INVALID_TMX: _UNPROCESSABLE,
    ErrorCode.INVALID_TBX: _UNPROCESSABLE,
    ErrorCode.INVALID_XLIFF: _UNPROCESSABLE,
    # Configuration and data files: the server's set-up, not the request
    ErrorCode.INVALID_DATA: HTTPStatus.INTERNAL_SERVER_ERROR,
    ErrorCode.INVALID_SETTING: HTTPStatus.INTERNAL_SERVER_ERROR,
    ErrorCode.DATABASE_UNAVAILABLE: _UNAVAILABLE,
    # Who may do what, and the review rule
    ErrorCode.UNAUTHORIZED: HTTPStatus.UNAUTHORIZED,
    ErrorCode.FORBIDDEN_ROLE: HTTPStatus.FORBIDDEN,
    ErrorCode.CSRF_FAILED: HTTPStatus.FORBIDDEN,
    ErrorCode.NOT_FOUND: HTTPStatus.NOT_FOUND,
    ErrorCode.SELF_APPROVAL: HTTPStatus.FORBIDDEN,
    ErrorCode.ALREADY_APPROVED: _CONFLICT,
    ErrorCode.ALREADY_REVIEWED: _CONFLICT,
    ErrorCode.STALE_VERSION: _CONFLICT,
    ErrorCode.NOT_APPROVED: _CONFLICT,
    ErrorCode.NOT_READY: _CONFLICT,
    ErrorCode.CONFLICT: _CONFLICT,
    # Jobs
    ErrorCode.UNKNOWN_JOB_KIND: HTTPStatus.INTERNAL_SERVER_ERROR,
    ErrorCode.JOB_QUEUE_UNAVAILABLE: _UNAVAILABLE,
    ErrorCode.JOB_ATTEMPTS_EXHAUSTED: HTTPStatus.INTERNAL_SERVER_ERROR,
    ErrorCode.INTERNAL_ERROR: HTTPStatus.INTERNAL_SERVER_ERROR,
}
"""The HTTP status of every error code; a test checks that no code is missing."""

_STATUS_CODES: dict[int, ErrorCode] = {
    HTTPStatus.UNAUTHORIZED: ErrorCode.UNAUTHORIZED,
    HTTPStatus.FORBIDDEN: ErrorCode.FORBIDDEN_ROLE,
    HTTPStatus.NOT_FOUND: ErrorCode.NOT_FOUND,
    HTTPStatus.REQUEST_ENTITY_TOO_LARGE: ErrorCode.INPUT_TOO_LARGE,
}
"""The code of an error Starlette raises itself (an unknown path, a wrong method...)."""


class Problem(BaseModel):
    """An RFC 7807 problem; the error's own fields (``version``, ``current_version``...)
    follow the standard members."""

    model_config = ConfigDict(extra="allow")

    type: str = Field(description="A stable URN per code: urn:adapt:problem:CODE.")
    title: str = Field(description="The HTTP status phrase.")
    status: int
    detail: str = Field(description="What went wrong, for a person.")
    code: ErrorCode = Field(description="The stable code of the rule or error.")


_DOCUMENTED_STATUSES = (400, 401, 403, 404, 409, 413, 422, 500, 503)


def problem_responses() -> dict[int | str, dict[str, object]]:
    """The OpenAPI ``responses`` of the error statuses, in problem+json."""
    schema = Problem.model_json_schema()
    return {
        status: {
            "description": HTTPStatus(status).phrase,
            "content": {PROBLEM_MEDIA_TYPE: {"schema": schema}},
        }
        for status in _DOCUMENTED_STATUSES
    }


def problem_type(code: ErrorCode) -> str:
    """The stable ``type`` URI of a code's problems."""
    return f"{PROBLEM_TYPE_PREFIX}{code.value}"


def problem_response(
    code: ErrorCode,
    detail: str,
    fields: Mapping[str, object] | None = None,
    *,
    status: int | None = None,
) -> JSONResponse:
    """The problem+json response for ``code``; 401 carries ``WWW-Authenticate: Bearer``."""
    status = status or STATUS_OF_CODE[code]
    extra = {key: value for key, value in (fields or {}).items() if key not in _RESERVED}
    body = {
        "type": problem_type(code),
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "code": code.value,
        **extra,
    }
    headers = {"WWW-Authenticate": "Bearer"} if status == HTTPStatus.UNAUTHORIZED else None
    return JSONResponse(body, status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=headers)


_RESERVED = frozenset({"type", "title", "status", "detail", "code"})


async def _adapt_error(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, AdaptError)
    return problem_response(error.code, error.message, error.fields)


async def _validation_error(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    errors = [
        {"loc": [str(part) for part in problem["loc"]], "msg": str(problem["msg"])}
        for problem in error.errors()
    ]
    detail = "; ".join(f"{'.'.join(each['loc'])}: {each['msg']}" for each in errors)
    return problem_response(ErrorCode.INVALID_INPUT, detail, {"errors": errors})


async def _model_error(_request: Request, error: Exception) -> JSONResponse:
    """A request model built inside a route (from several parameters) refused its values."""
    assert isinstance(error, ValidationError)
    return await _validation_error(_request, RequestValidationError(error.errors()))


async def _http_error(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, StarletteHTTPException)
    code = _STATUS_CODES.get(error.status_code, ErrorCode.INVALID_INPUT)
    detail = str(error.detail) if error.detail else HTTPStatus(error.status_code).phrase
    response = problem_response(code, detail, status=error.status_code)
    response.headers.update(error.headers or {})
    return response


async def _unexpected(request: Request, error: Exception) -> JSONResponse:
    logger.error("%s %s failed", request.method, request.url.path, exc_info=error)
    return problem_response(
        ErrorCode.INTERNAL_ERROR, f"internal error ({type(error).__name__}); it was logged"
    )


def add_problem_handlers(app: FastAPI) -> None:
    """Answer every error of ``app`` in problem+json."""
    app.add_exception_handler(AdaptError, _adapt_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(ValidationError, _model_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
