"""Who is visiting: the signed-in user from the session cookie, and posted forms.

Every request re-checks the session against the users table (:func:`session_user`), and
every POST must carry the session's CSRF token (:func:`signed_in_form`); the sign-in
form, posted before there is a session, carries the visitor's own token instead.
"""

from dataclasses import dataclass
from typing import Annotated
from urllib.parse import parse_qs

from fastapi import Depends, Request, Response

from service.errors import ErrorCode, InputError
from service.ui.render import PREFIX, SESSION_COOKIE
from service.workflow import Workspace
from service.workflow.sessions import check_csrf, csrf_token, session_user
from service.workflow.users import User

FORM_MEDIA_TYPE = "application/x-www-form-urlencoded"
MAX_FORM_FIELDS = 20


def workspace_of(request: Request) -> Workspace:
    """The app's workspace, which the API's lifespan built."""
    workspace: Workspace = request.app.state.services.workspace
    return workspace


@dataclass(frozen=True)
class Visit:
    """A signed-in request: the workspace, the user and the session's CSRF token."""

    workspace: Workspace
    user: User
    csrf: str
    nonce: str


def visit(request: Request) -> Visit:
    """The signed-in visit; no, bad or stale sessions are ``unauthorized``."""
    workspace = workspace_of(request)
    user, session = session_user(workspace, request.cookies.get(SESSION_COOKIE))
    return Visit(workspace, user, csrf_token(workspace, session.nonce), session.nonce)


async def read_form(request: Request) -> dict[str, str]:
    """The fields of a URL-encoded form body (the first value of each)."""
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type != FORM_MEDIA_TYPE:
        raise InputError(f"a form is sent as {FORM_MEDIA_TYPE}", code=ErrorCode.INVALID_INPUT)
    try:
        body = (await request.body()).decode("utf-8")
        fields = parse_qs(body, keep_blank_values=True, max_num_fields=MAX_FORM_FIELDS)
    except (UnicodeDecodeError, ValueError):
        raise InputError("the form is not valid UTF-8 form data") from None
    return {name: values[0] for name, values in fields.items()}


@dataclass(frozen=True)
class PostedForm:
    """A signed-in visit's form, its CSRF token checked."""

    visit: Visit
    fields: dict[str, str]

    def get(self, name: str) -> str:
        return self.fields.get(name, "")


async def signed_in_form(request: Request) -> PostedForm:
    """The posted form of a signed-in user; without the session's CSRF token, ``403``."""
    current = visit(request)
    fields = await read_form(request)
    check_csrf(current.workspace, current.nonce, fields.get("csrf_token"))
    return PostedForm(current, fields)


def form_int(form: PostedForm, name: str) -> int:
    """A whole-number field of the form; anything else is ``invalid_input``."""
    value = form.get(name)
    if not value.isascii() or not value.isdigit():
        raise InputError(f"{name} must be a whole number", code=ErrorCode.INVALID_INPUT, field=name)
    return int(value)


def set_cookie(request: Request, response: Response, name: str, value: str, max_age: int) -> None:
    """HttpOnly, SameSite=Strict, under /review, Secure when the request came over HTTPS."""
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path=PREFIX,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )


VisitDep = Annotated[Visit, Depends(visit)]
FormDep = Annotated[PostedForm, Depends(signed_in_form)]
