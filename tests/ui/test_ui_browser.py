"""The review UI in a real browser (Debian chromium) over a real ``adapt serve``.

Skipped, with the reason, where ``/usr/bin/chromium`` is missing (``.ci/run`` installs
it). Screenshots of the statement page in Arabic and in Chinese and of the queue go to
``tests/artifacts/`` (git-ignored).
"""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from support.api_client import bearer, renditions_of, wait_until_adapted
from support.review_ui import UI_TARGETS, XSS_TITLE, add_ui_people
from support.served import Served, adapt_serve

from service.models import PlatformLength
from service.settings import REPOSITORY_ROOT, Settings
from service.workflow import Workspace
from service.workflow.text import measure

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPOSITORY_ROOT / "tests" / "artifacts"
STATEMENT_TEXT = (
    "The World Health Organization calls on every country to protect 4.5 billion people "
    "<img src=x onerror=alert(1)>. Vaccines prevent millions of deaths from measles every year."
)
ARABIC_TEXT = "تدعو منظمة الصحة العالمية كل البلدان إلى حماية 4.5 مليار شخص، الآن؟"
CHINESE_TEXT = "世界卫生组织呼吁各国保护45亿人。</textarea><script>alert(3)</script>"

if not CHROMIUM.exists():
    pytest.skip(
        f"no chromium at {CHROMIUM}: run `apt-get install -y chromium` (.ci/run does) "
        "to run the review UI's browser tests",
        allow_module_level=True,
    )

from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, argos_packages_dir: Path) -> Iterator[Served]:
    with adapt_serve(tmp_path_factory.mktemp("served"), argos_packages_dir) as served:
        yield served


@pytest.fixture(scope="module")
def tokens(server: Served) -> dict[str, str]:
    with Workspace(Settings(data_dir=server.data_dir)) as workspace:
        return add_ui_people(workspace)


@pytest.fixture(scope="module")
def statement(server: Served, tokens: dict[str, str]) -> dict[str, Any]:
    """Submitted over the API by the editor and adapted by the server's job thread."""
    body = {
        "text": STATEMENT_TEXT,
        "approval_ref": "UI/2026/1",
        "title": XSS_TITLE,
        "language": "en",
        "targets": [language.value for language in UI_TARGETS],
    }
    with httpx.Client(base_url=server.base_url) as client:
        answer = client.post("/v1/statements", json=body, headers=bearer(tokens["ed"]))
        assert answer.status_code == 202, answer.text
        ready = wait_until_adapted(client, answer.headers["location"], tokens["ed"])
    assert ready["status"] == "ready", ready
    return ready


@pytest.fixture(scope="module")
def browser(server: Served) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM))
        yield launched
        launched.close()


class Visitor:
    """One person's browser context, signed in; dialogs and CSP errors are recorded."""

    def __init__(self, browser: Browser, server: Served, token: str, width: int = 1280) -> None:
        self.context = browser.new_context(
            base_url=server.base_url, viewport={"width": width, "height": 900}
        )
        self.page: Page = self.context.new_page()
        self.dialogs: list[str] = []
        self.console_errors: list[str] = []
        self.page.on("dialog", self._dialog)
        self.page.on("console", self._console)
        self.page.goto("/review/sign-in")
        self.page.get_by_label("Token").fill(token)
        self.page.get_by_role("button", name="Sign in").click()
        self.page.wait_for_url("**/review/queue")

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.console_errors.append(message.text)

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visitors(browser: Browser, server: Served, tokens: dict[str, str]) -> Iterator[Any]:
    opened: list[Visitor] = []

    def visit(name: str, width: int = 1280) -> Visitor:
        opened.append(Visitor(browser, server, tokens[name], width))
        return opened[-1]

    yield visit
    for visitor in opened:
        visitor.close()


def _first(statement: dict[str, Any], language: str) -> int:
    rendition_id: int = renditions_of(statement, language)[0]["id"]
    return rendition_id


def _server_length(server: Served, token: str, text: str) -> int:
    """The length ``POST /v1/length`` of the running server gives, and the use case's."""
    body = {"text": text, "platform": "x"}
    with httpx.Client(base_url=server.base_url) as client:
        answer = client.post("/v1/length", json=body, headers=bearer(token))
    assert answer.status_code == 200, answer.text
    length: int = answer.json()["length"]
    measured = measure(text, "x")
    assert isinstance(measured, PlatformLength) and measured.length == length
    return length


def test_edit_live_length_and_the_two_person_rule(
    visitors: Any, statement: dict[str, Any], server: Served, tokens: dict[str, str]
) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    rendition_id = _first(statement, "ar")
    author = visitors("ar1")
    page = author.page
    page.goto(f"/review/statements/{statement['id']}")
    article = page.locator(f"#rendition-{rendition_id}")
    counter = article.locator("[data-length]")
    before = counter.get_attribute("data-length")
    box = article.get_by_label("العربية", exact=True)
    expect(box).to_have_attribute("dir", "rtl")
    expect(box).to_have_attribute("lang", "ar")
    box.fill(ARABIC_TEXT)
    expected = _server_length(server, tokens["ar1"], ARABIC_TEXT)
    assert str(expected) != before
    expect(counter).to_have_attribute("data-length", str(expected))
    article.scroll_into_view_if_needed()
    page.screenshot(path=ARTIFACTS / "statement-ar.png")
    article.get_by_role("button", name="Save edit").click()
    page.wait_for_load_state()
    approve = article.get_by_role("button", name="Approve", exact=True)
    expect(approve).to_be_disabled()
    expect(article).to_contain_text("another person must approve it")
    for name in ("ar2", "ar3"):
        reviewer = visitors(name)
        reviewer.page.goto(f"/review/statements/{statement['id']}")
        panel = reviewer.page.locator(f"#rendition-{rendition_id}")
        panel.get_by_role("button", name="Approve", exact=True).click()
        reviewer.page.wait_for_load_state()
        expect(panel.locator(".badge.state-approved")).to_be_visible()
    expect(panel).to_contain_text("Approved by: ar2, ar3.")
    assert author.console_errors == [] and author.dialogs == []


def test_chinese_text_and_xss_payloads_stay_text(
    visitors: Any, statement: dict[str, Any], server: Served, tokens: dict[str, str]
) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    rendition_id = _first(statement, "zh")
    translator = visitors("zh1")
    page = translator.page
    page.goto(f"/review/statements/{statement['id']}")
    expect(page.locator("h1")).to_have_text(XSS_TITLE)
    article = page.locator(f"#rendition-{rendition_id}")
    box = article.get_by_label("中文", exact=True)
    expect(box).to_have_attribute("lang", "zh")
    box.fill(CHINESE_TEXT)
    expect(article.locator("[data-length]")).to_have_attribute(
        "data-length", str(_server_length(server, tokens["zh1"], CHINESE_TEXT))
    )
    article.get_by_role("button", name="Save edit").click()
    page.wait_for_load_state()
    expect(box).to_have_value(CHINESE_TEXT)
    assert page.locator("img").count() == 0
    assert page.locator("script:not([src])").count() == 0
    article.scroll_into_view_if_needed()
    page.screenshot(path=ARTIFACTS / "statement-zh.png")
    assert translator.dialogs == [] and translator.console_errors == []


def test_a_form_without_its_csrf_token_is_refused(visitors: Any, statement: dict[str, Any]) -> None:
    rendition_id = _first(statement, "fr")
    page = visitors("fr1").page
    page.goto(f"/review/statements/{statement['id']}")
    article = page.locator(f"#rendition-{rendition_id}")
    article.locator("form.edit input[name=csrf_token]").evaluate("input => input.remove()")
    article.get_by_label("Français", exact=True).fill("Un texte sans jeton.")
    with page.expect_response(lambda answer: answer.url.endswith("/edit")) as answered:
        article.get_by_role("button", name="Save edit").click()
    assert answered.value.status == 403
    expect(page.locator("h1")).to_have_text("Forbidden")


def test_the_pages_fit_320_pixels(visitors: Any, statement: dict[str, Any]) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    narrow = visitors("ar2", width=320)
    page = narrow.page
    page.goto("/review/queue")
    page.screenshot(path=ARTIFACTS / "queue-320.png", full_page=True)
    for path in ("/review/queue", f"/review/statements/{statement['id']}"):
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{path} is {width} px wide at 320 px"
    wide = visitors("fr1")
    wide.page.goto("/review/queue")
    expect(wide.page.locator(".queue-item").first).to_be_visible()
    wide.page.screenshot(path=ARTIFACTS / "queue.png", full_page=True)


def test_keyboard_shortcuts_move_and_open(visitors: Any, statement: dict[str, Any]) -> None:
    page = visitors("fr1").page
    expect(page.locator("aside.shortcuts")).to_contain_text("Approve the current rendition")
    page.locator("body").press("n")
    expect(page.locator(".queue-item").first).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/review/statements/{statement['id']}")
    page.locator("body").press("n")
    focused = page.evaluate("document.activeElement.id")
    assert focused.startswith("rendition-")
    page.keyboard.press("n")
    assert page.evaluate("document.activeElement.id") != focused
