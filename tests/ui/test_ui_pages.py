"""The review UI's pages over TestClient: sessions, CSRF, headers, escaping, the rule shown."""

import re

import pytest
from fastapi.testclient import TestClient
from support.people import renditions
from support.review_ui import AR, FR, XSS_TITLE, ZH, csrf_of, sign_in

from service.models import PlatformLength
from service.workflow import Workspace
from service.workflow.statement_views import StatementView
from service.workflow.text import measure
from service.workflow.users import revoke_user


def _article(html: str, rendition_id: int) -> str:
    """The HTML of one rendition's panel on the statement page."""
    start = html.index(f'id="rendition-{rendition_id}"')
    return html[start : html.index("</article>", start)]


def _button(article: str, decision: str) -> str:
    found = re.search(rf'<button type="submit" name="decision" value="{decision}"[^>]*>', article)
    assert found, f"no {decision} button"
    return found.group(0)


def test_the_statement_page_shows_every_language_in_its_direction(
    ui_client: TestClient, ui_tokens: dict[str, str], statement: StatementView
) -> None:
    sign_in(ui_client, ui_tokens["ar1"])
    page = ui_client.get(f"/review/statements/{statement.id}")
    assert page.status_code == 200
    arabic = _article(page.text, renditions(statement, AR)[0].id)
    assert re.search(r'<textarea [^>]*lang="ar" dir="rtl"', arabic)
    assert '<label for="text-' in arabic and ">العربية</label>" in arabic
    chinese = _article(page.text, renditions(statement, ZH)[0].id)
    assert re.search(r'<textarea [^>]*lang="zh" dir="ltr"', chinese)
    assert 'class="line-mark"' in page.text  # the extracted lines, marked in the source


def test_buttons_are_disabled_with_the_cores_reason(
    ui_client: TestClient, ui_tokens: dict[str, str], statement: StatementView
) -> None:
    csrf = sign_in(ui_client, ui_tokens["ar1"])
    arabic, french = renditions(statement, AR)[0], renditions(statement, FR)[0]
    page = ui_client.get(f"/review/statements/{statement.id}").text
    assert "disabled" not in _button(_article(page, arabic.id), "approve")
    assert "disabled" in _button(_article(page, french.id), "approve")
    assert "ar1 translates ar, not fr" in _article(page, french.id)
    edited = ui_client.post(
        f"/review/renditions/{arabic.id}/edit",
        data={"csrf_token": csrf, "version": str(arabic.version), "text": "نص جديد"},
    )
    own = _article(edited.text, arabic.id)
    assert "disabled" in _button(own, "approve")
    assert "another person must approve it" in own
    assert "1 more approval needed" in own


def test_two_approvals_show_as_approved(
    ui_client: TestClient, ui_tokens: dict[str, str], statement: StatementView
) -> None:
    arabic = renditions(statement, AR)[0]
    for name in ("ar1", "ar2"):
        ui_client.cookies.clear()
        csrf = sign_in(ui_client, ui_tokens[name])
        answer = ui_client.post(
            f"/review/renditions/{arabic.id}/review",
            data={"csrf_token": csrf, "version": str(arabic.version), "decision": "approve"},
        )
        assert answer.status_code == 200
    article = _article(answer.text, arabic.id)
    assert "Approved by: ar1, ar2." in article and "<strong>Approved.</strong>" in article
    assert "ar2 already approved version 1" in article


def test_a_form_without_the_csrf_token_is_refused(
    ui_client: TestClient, ui_tokens: dict[str, str], statement: StatementView
) -> None:
    sign_in(ui_client, ui_tokens["ar1"])
    arabic = renditions(statement, AR)[0]
    for token in ({}, {"csrf_token": "forged"}):
        answer = ui_client.post(
            f"/review/renditions/{arabic.id}/edit",
            data={"version": str(arabic.version), "text": "مزور", **token},
        )
        assert answer.status_code == 403
    page = ui_client.get(f"/review/statements/{statement.id}").text
    assert "مزور" not in page
    assert ui_client.post("/review/sign-in", data={"token": ui_tokens["ar1"]}).status_code == 403


def test_the_length_fragment_is_the_servers_count(
    ui_client: TestClient, ui_tokens: dict[str, str]
) -> None:
    csrf = sign_in(ui_client, ui_tokens["ar1"])
    text = "مرحبا بالعالم https://un.org/ar " * 12
    answer = ui_client.post(
        "/review/length", data={"csrf_token": csrf, "text": text, "platform": "x"}
    )
    measured = measure(text, "x")
    assert isinstance(measured, PlatformLength)
    assert f'data-length="{measured.length}"' in answer.text
    assert "too long" in answer.text
    assert ui_client.post("/review/length", data={"text": text, "platform": "x"}).status_code == 403


def test_security_headers_and_cookie_flags(
    ui_client: TestClient, ui_tokens: dict[str, str]
) -> None:
    page = ui_client.get("/review/sign-in")
    policy = page.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["referrer-policy"] == "same-origin"
    static = ui_client.get("/review/static/review.js")
    assert static.status_code == 200 and static.headers["x-frame-options"] == "DENY"
    assert "content-security-policy" not in ui_client.get("/openapi.json").headers
    answer = ui_client.post(
        "/review/sign-in",
        data={"token": ui_tokens["ar1"], "csrf_token": csrf_of(page.text)},
        follow_redirects=False,
    )
    cookie = answer.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "path=/review" in cookie
    assert "secure" not in cookie  # plain HTTP here


def test_the_session_cookie_is_secure_over_https(
    ui_client: TestClient, ui_tokens: dict[str, str]
) -> None:
    ui_client.base_url = ui_client.base_url.copy_with(scheme="https")
    page = ui_client.get("/review/sign-in")
    answer = ui_client.post(
        "/review/sign-in",
        data={"token": ui_tokens["ar1"], "csrf_token": csrf_of(page.text)},
        follow_redirects=False,
    )
    assert "secure" in answer.headers["set-cookie"].lower()


def test_untrusted_text_is_escaped(
    ui_client: TestClient, ui_tokens: dict[str, str], statement: StatementView
) -> None:
    csrf = sign_in(ui_client, ui_tokens["ar1"])
    arabic = renditions(statement, AR)[0]
    ui_client.post(
        f"/review/renditions/{arabic.id}/edit",
        data={"csrf_token": csrf, "version": str(arabic.version), "text": XSS_TITLE},
    )
    page = ui_client.get(f"/review/statements/{statement.id}").text
    assert "<img src=x" not in page and "<script>alert" not in page
    assert "&lt;/textarea&gt;&lt;script&gt;alert(2)&lt;/script&gt;" in page


def test_signing_out_and_revoking_end_the_session(
    ui_client: TestClient, ui_tokens: dict[str, str], ui_workspace: Workspace
) -> None:
    csrf = sign_in(ui_client, ui_tokens["ar1"])
    signed_out = ui_client.post("/review/sign-out", data={"csrf_token": csrf})
    assert signed_out.url.path == "/review/sign-in"
    assert ui_client.get("/review/queue").url.path == "/review/sign-in"
    sign_in(ui_client, ui_tokens["ar2"])
    assert ui_client.get("/review/queue").url.path == "/review/queue"
    revoke_user(ui_workspace, "ar2")
    assert ui_client.get("/review/queue").url.path == "/review/sign-in"


@pytest.mark.parametrize("token", ["", "not-a-token"])
def test_a_bad_token_is_refused(ui_client: TestClient, token: str) -> None:
    page = ui_client.get("/review/sign-in")
    answer = ui_client.post(
        "/review/sign-in", data={"token": token, "csrf_token": csrf_of(page.text)}
    )
    assert answer.status_code == 401
    assert "Sign in" in answer.text and "Traceback" not in answer.text


def test_a_tampered_session_is_signed_out(ui_client: TestClient, ui_tokens: dict[str, str]) -> None:
    sign_in(ui_client, ui_tokens["ar1"])
    cookie = ui_client.cookies["adapt_session"]
    ui_client.cookies.set("adapt_session", cookie[:-2] + "xx", path="/review")
    assert ui_client.get("/review/queue").url.path == "/review/sign-in"


def test_the_posting_plan_marks_blocked_renditions(
    ui_client: TestClient, ui_tokens: dict[str, str], statement: StatementView
) -> None:
    arabic = renditions(statement, AR)[0]
    for name in ("ar1", "ar2"):
        ui_client.cookies.clear()
        csrf = sign_in(ui_client, ui_tokens[name])
        ui_client.post(
            f"/review/renditions/{arabic.id}/review",
            data={"csrf_token": csrf, "version": "1", "decision": "approve"},
        )
    ui_client.cookies.clear()
    csrf = sign_in(ui_client, ui_tokens["pub"])
    plan = ui_client.post(f"/review/statements/{statement.id}/plan", data={"csrf_token": csrf})
    assert plan.status_code == 200, plan.text
    assert plan.text.count('class="post"') == 1  # the one approved rendition
    assert re.search(r'<span lang="ar" dir="auto">[^<]*\d', plan.text)  # its local time
    assert "<strong>Blocked</strong>" in plan.text and "pending: 0 of the 2 people" in plan.text
    assert "UTC</time>" in plan.text
    assert '<span lang="ar" dir="rtl">العربية</span> (ar)' in plan.text  # headed by its name


def test_a_translator_may_not_plan_and_a_missing_statement_is_404(
    ui_client: TestClient, ui_tokens: dict[str, str], statement: StatementView
) -> None:
    csrf = sign_in(ui_client, ui_tokens["ar1"])
    refused = ui_client.post(f"/review/statements/{statement.id}/plan", data={"csrf_token": csrf})
    assert refused.status_code == 403 and "forbidden_role" in refused.text
    missing = ui_client.get("/review/statements/999999")
    assert missing.status_code == 404 and "Traceback" not in missing.text


def test_a_change_request_shows_with_its_comment_and_the_diff_after_an_edit(
    ui_client: TestClient, ui_tokens: dict[str, str], statement: StatementView
) -> None:
    arabic = renditions(statement, AR)[0]
    csrf = sign_in(ui_client, ui_tokens["ar1"])
    for name in ("ar1", "ar2"):
        ui_client.cookies.clear()
        csrf = sign_in(ui_client, ui_tokens[name])
        ui_client.post(
            f"/review/renditions/{arabic.id}/review",
            data={"csrf_token": csrf, "version": "1", "decision": "approve"},
        )
    edited = ui_client.post(
        f"/review/renditions/{arabic.id}/edit",
        data={"csrf_token": csrf, "version": "1", "text": "نص <b>جديد</b>"},
    )
    ui_client.cookies.clear()
    csrf = sign_in(ui_client, ui_tokens["ar3"])
    answer = ui_client.post(
        f"/review/renditions/{arabic.id}/review",
        data={
            "csrf_token": csrf,
            "version": "2",
            "decision": "request_changes",
            "comment": "Use the <official> name",
        },
    )
    article = _article(answer.text, arabic.id)
    assert edited.status_code == 200 and "badge state-changes_requested" in article
    assert "Changes requested by ar3." in article
    assert "<q>Use the &lt;official&gt; name</q>" in article
    assert "Changes since approved version 1:" in article
    assert "<ins>" in article and "<del>" in article and "&lt;b&gt;" in article
