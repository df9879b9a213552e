"""Sign-in, sign-out and the queue of statements waiting for the signed-in user."""

from fastapi import APIRouter, Request, Response
from pydantic import ValidationError

from service.errors import ErrorCode, InputError
from service.ui.render import PREFIX, SESSION_COOKIE, SIGN_IN_COOKIE, PageRoute, redirect, render
from service.ui.visit import FormDep, VisitDep, read_form, set_cookie, workspace_of
from service.workflow.review_queue import QueueQuery, review_queue
from service.workflow.sessions import check_csrf, csrf_token, new_nonce, sign_in

router = APIRouter(prefix=PREFIX, route_class=PageRoute)
SIGN_IN_MAX_AGE_S = 3600
REVIEW_STATES = ("pending", "changes_requested", "approved")


def _next_page(target: str | None) -> str:
    """Where to go after signing in: a review page, never another site."""
    if target and target.startswith(f"{PREFIX}/") and not target.startswith("//"):
        return target
    return f"{PREFIX}/queue"


@router.get("")
def index(request: Request) -> Response:
    signed_in = SESSION_COOKIE in request.cookies
    return redirect(f"{PREFIX}/queue" if signed_in else f"{PREFIX}/sign-in")


@router.get("/sign-in")
def sign_in_page(request: Request, next: str | None = None) -> Response:
    """The sign-in form; the visitor's nonce (a cookie) seeds its CSRF token."""
    workspace = workspace_of(request)
    nonce = request.cookies.get(SIGN_IN_COOKIE) or new_nonce()
    response = render(
        "sign_in.html",
        viewer=None,
        csrf=csrf_token(workspace, nonce),
        next_page=_next_page(next),
        error=None,
    )
    set_cookie(request, response, SIGN_IN_COOKIE, nonce, SIGN_IN_MAX_AGE_S)
    return response


@router.post("/sign-in")
async def sign_in_post(request: Request) -> Response:
    """Check the form's CSRF token, authenticate the token, start a session."""
    workspace = workspace_of(request)
    fields = await read_form(request)
    check_csrf(workspace, request.cookies.get(SIGN_IN_COOKIE), fields.get("csrf_token"))
    signed_in = sign_in(workspace, fields.get("token", ""))
    response = redirect(_next_page(fields.get("next")))
    set_cookie(request, response, SESSION_COOKIE, signed_in.cookie, signed_in.max_age_s)
    response.delete_cookie(SIGN_IN_COOKIE, path=PREFIX)
    return response


@router.post("/sign-out")
def sign_out(form: FormDep) -> Response:
    response = redirect(f"{PREFIX}/sign-in")
    response.delete_cookie(SESSION_COOKIE, path=PREFIX)
    return response


def _queue_query(language: str, review_state: str, urgency: str) -> QueueQuery:
    """The queue's filters from the query string; an empty field means any."""
    values = {
        "language": language or None,
        "review_state": review_state or None,
        "urgent": {"urgent": True, "normal": False}.get(urgency),
    }
    try:
        return QueueQuery.model_validate(values)
    except ValidationError as error:
        field = ".".join(map(str, error.errors()[0]["loc"]))
        raise InputError(f"unknown {field} filter", code=ErrorCode.INVALID_INPUT) from None


@router.get("/queue")
def queue(
    current: VisitDep, language: str = "", review_state: str = "", urgency: str = ""
) -> Response:
    """Statements with renditions waiting for the user: urgent on top, then oldest."""
    query = _queue_query(language, review_state, urgency)
    result = review_queue(current.workspace, current.user, query)
    return render(
        "queue.html",
        viewer=current.user,
        csrf=current.csrf,
        queue=result,
        review_states=REVIEW_STATES,
        urgency=urgency,
    )
