"""Rendering pages: the Jinja2 environment (autoescaped), responses, and error pages.

Every page route uses :class:`PageRoute`, which turns an :class:`AdaptError` into a page
(never a traceback or problem+json): not signed in is a redirect to the sign-in page, and
the other errors are a page with the core's message, under the status of their family.
"""

from collections.abc import Callable, Coroutine
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.routing import APIRoute
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from pydantic import ValidationError

from service.errors import (
    AdaptError,
    ConflictError,
    ForbiddenError,
    InputError,
    NotFoundError,
    UnauthorizedError,
)

PREFIX = "/review"
SESSION_COOKIE = "adapt_session"
SIGN_IN_COOKIE = "adapt_sign_in"
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"

environment = Environment(
    loader=FileSystemLoader(TEMPLATES_DIR),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)

_STATUS_OF_FAMILY: tuple[tuple[type[AdaptError], HTTPStatus], ...] = (
    (UnauthorizedError, HTTPStatus.UNAUTHORIZED),
    (ForbiddenError, HTTPStatus.FORBIDDEN),
    (NotFoundError, HTTPStatus.NOT_FOUND),
    (ConflictError, HTTPStatus.CONFLICT),
)


def render(template: str, status: int = HTTPStatus.OK, **context: object) -> HTMLResponse:
    """``template`` rendered with ``context``; every value is escaped by the template."""
    html = environment.get_template(template).render(**context)
    return HTMLResponse(html, status_code=status)


def redirect(location: str) -> RedirectResponse:
    """A 303 (see other): the browser follows it with a GET."""
    return RedirectResponse(location, status_code=HTTPStatus.SEE_OTHER)


def status_of(error: AdaptError) -> HTTPStatus:
    for family, status in _STATUS_OF_FAMILY:
        if isinstance(error, family):
            return status
    return HTTPStatus.UNPROCESSABLE_ENTITY


def error_page(request: Request, error: AdaptError) -> Response:
    """The page for ``error``: a GET without a valid session goes to the sign-in page."""
    if isinstance(error, UnauthorizedError) and request.method == "GET":
        target = quote(request.url.path, safe="/")
        response: Response = redirect(f"{PREFIX}/sign-in?next={target}")
    else:
        status = status_of(error)
        response = render(
            "error.html", status, error=error, http_status=status, viewer=None, csrf=""
        )
    if isinstance(error, UnauthorizedError):
        response.delete_cookie(SESSION_COOKIE, path=PREFIX)
    return response


Endpoint = Callable[[Request], Coroutine[Any, Any, Response]]


class PageRoute(APIRoute):
    """A route whose :class:`AdaptError` (in a dependency or the page) becomes a page."""

    def get_route_handler(self) -> Endpoint:
        handler = super().get_route_handler()

        async def page_handler(request: Request) -> Response:
            try:
                return await handler(request)
            except AdaptError as error:
                return error_page(request, error)
            except ValidationError as error:
                problem = error.errors()[0]
                field = ".".join(map(str, problem["loc"])) or "form"
                invalid = InputError(f"{field}: {problem['msg']}", field=field)
                return error_page(request, invalid)

        return page_handler
