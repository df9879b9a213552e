"""The review UI in tests: its people, a statement into Arabic and Chinese, signing in.

Used by the fast TestClient tests and by the browser tests over a real ``adapt serve``.
"""

import re

import httpx

from service.languages import Language
from service.review import Role
from service.workflow import Workspace
from service.workflow.users import NewUserRequest, add_user

AR, ZH, EN, FR = Language.AR, Language.ZH, Language.EN, Language.FR
UI_PEOPLE: dict[str, tuple[Role, list[Language]]] = {
    "ed": (Role.EDITOR, []),
    "ar1": (Role.TRANSLATOR, [AR]),
    "ar2": (Role.TRANSLATOR, [AR]),
    "ar3": (Role.TRANSLATOR, [AR]),
    "zh1": (Role.TRANSLATOR, [ZH]),
    "fr1": (Role.TRANSLATOR, [FR]),
    "pub": (Role.PUBLISHER, []),
}
UI_TARGETS = [AR, ZH, EN, FR]
XSS_TITLE = "<img src=x onerror=alert(1)> and </textarea><script>alert(2)</script>"
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def add_ui_people(workspace: Workspace) -> dict[str, str]:
    """Add :data:`UI_PEOPLE`; their tokens by name."""
    return {
        name: add_user(workspace, NewUserRequest(name=name, role=role, languages=languages)).token
        for name, (role, languages) in UI_PEOPLE.items()
    }


def csrf_of(html: str) -> str:
    """The CSRF token of the first form of a page."""
    found = _CSRF.search(html)
    assert found, "the page has no form with a CSRF token"
    return found.group(1)


def sign_in(client: httpx.Client, token: str) -> str:
    """Sign in through the form; the session's CSRF token (from the queue page)."""
    form = client.get("/review/sign-in")
    answer = client.post(
        "/review/sign-in",
        data={"token": token, "csrf_token": csrf_of(form.text), "next": "/review/queue"},
    )
    assert answer.status_code == 200, answer.text
    return csrf_of(answer.text)
