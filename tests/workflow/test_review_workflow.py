"""Editing and reviewing renditions through the use cases, and under contention."""

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial

import pytest
from pydantic import ValidationError
from support.people import (
    EN,
    ES,
    FR,
    People,
    add_person,
    empty_rendition,
    ready_statement,
    renditions,
    statement_draft,
)

from service.errors import AdaptError, ErrorCode, ForbiddenError
from service.models import RenditionOrigin
from service.review import ReviewDecision, ReviewState, Role, User
from service.settings import Settings
from service.store.records import AuditAction, LineDraft, RenditionDraft
from service.workflow import Workspace
from service.workflow.history import DiffOp, rendition_history
from service.workflow.review import EditRequest, ReviewRequest, edit_rendition, review_rendition
from service.workflow.statement_views import RenditionView, load_rendition_view

APPROVE, CHANGES = ReviewDecision.APPROVE, ReviewDecision.REQUEST_CHANGES


@pytest.fixture
def french(service_workspace: Workspace, people: People) -> RenditionView:
    """The first French rendition of a ready statement."""
    return renditions(ready_statement(service_workspace, people["ed"]), FR)[0]


def _approve(
    service_workspace: Workspace, user: User, rendition: RenditionView, version: int = 0
) -> RenditionView:
    request = ReviewRequest(decision=APPROVE, version=version or rendition.version)
    return review_rendition(service_workspace, user, rendition.id, request)


def _edit(
    service_workspace: Workspace, user: User, rendition: RenditionView, text: str
) -> RenditionView:
    return edit_rendition(
        service_workspace, user, rendition.id, EditRequest(text=text, version=rendition.version)
    )


def test_machine_text_needs_two_approvers(
    service_workspace: Workspace, people: People, french: RenditionView
) -> None:
    once = _approve(service_workspace, people["fr1"], french)
    assert (once.review.state, once.review.approvals) == (ReviewState.PENDING, ["fr1"])
    twice = _approve(service_workspace, people["ed"], once)
    assert (twice.review.state, twice.review.approvals) == (ReviewState.APPROVED, ["fr1", "ed"])
    with pytest.raises(AdaptError) as raised:
        _approve(service_workspace, people["fr1"], twice)
    assert raised.value.code is ErrorCode.ALREADY_APPROVED


def test_an_edit_makes_a_version_reruns_the_checks_and_clears_approvals(
    service_workspace: Workspace, people: People, french: RenditionView
) -> None:
    approved = _approve(service_workspace, people["fr1"], french)
    text = "L’OMS appelle chaque pays à protéger 4,5 milliards de personnes  !"
    edited = _edit(service_workspace, people["fr2"], approved, text)
    assert (edited.version, edited.origin, edited.last_editor) == (2, RenditionOrigin.EDITED, "fr2")
    assert (edited.text, edited.review.approvals) == (text, [])
    assert edited.review.state is ReviewState.PENDING
    assert edited.length == len(text) and edited.fits
    assert {finding.check for finding in edited.findings} >= {"double_space", "typography"}
    assert edited.findings != french.findings
    with pytest.raises(ForbiddenError) as raised:  # approving your own edit adds no one
        _approve(service_workspace, people["fr2"], edited)
    assert raised.value.code is ErrorCode.SELF_APPROVAL
    final = _approve(service_workspace, people["fr1"], edited)  # fr1 again, of the new version
    assert (final.review.state, final.review.approvals) == (ReviewState.APPROVED, ["fr1"])
    actions = [entry.action for entry in service_workspace.store.audit.entries(french.statement_id)]
    assert actions[-3:] == [
        AuditAction.RENDITION_APPROVED,
        AuditAction.RENDITION_EDITED,
        AuditAction.RENDITION_APPROVED,
    ]


@pytest.mark.parametrize(
    ("version", "text", "code"),
    [
        (2, "Un autre texte.", ErrorCode.STALE_VERSION),
        (1, None, ErrorCode.UNCHANGED_TEXT),
        (1, " ", ErrorCode.EMPTY_INPUT),
        (1, "Texte\x07 avec contrôle", ErrorCode.CONTROL_CHARACTERS),
    ],
)
def test_bad_edits_are_refused(
    service_workspace: Workspace,
    people: People,
    french: RenditionView,
    version: int,
    text: str | None,
    code: ErrorCode,
) -> None:
    request = EditRequest(text=french.text if text is None else text, version=version)
    with pytest.raises(AdaptError) as raised:
        edit_rendition(service_workspace, people["fr1"], french.id, request)
    assert raised.value.code is code
    assert load_rendition_view(service_workspace, french.id) == french


@pytest.mark.parametrize(
    ("name", "action"), [("es1", "edit"), ("es1", "review"), ("pub", "edit"), ("pub", "review")]
)
def test_translators_work_only_in_their_languages(
    service_workspace: Workspace, people: People, french: RenditionView, name: str, action: str
) -> None:
    with pytest.raises(ForbiddenError) as raised:
        if action == "edit":
            _edit(service_workspace, people[name], french, "Autre chose.")
        else:
            _approve(service_workspace, people[name], french)
    assert raised.value.code is ErrorCode.FORBIDDEN_ROLE


def test_requested_changes_block_until_a_new_version(
    service_workspace: Workspace, people: People, french: RenditionView
) -> None:
    _approve(service_workspace, people["fr1"], french)
    _approve(service_workspace, people["ed"], french)
    request = ReviewRequest(decision=CHANGES, version=1, comment="Wrong figure.")
    blocked = review_rendition(service_workspace, people["fr2"], french.id, request)
    assert (blocked.review.state, blocked.review.changes_requested_by) == (
        ReviewState.CHANGES_REQUESTED,
        ["fr2"],
    )
    edited = _edit(service_workspace, people["fr2"], blocked, "Texte corrigé.")
    assert edited.review.state is ReviewState.PENDING


def test_history_shows_versions_diffs_and_reviews(
    service_workspace: Workspace, people: People, french: RenditionView
) -> None:
    _approve(service_workspace, people["fr1"], french)
    approved = _approve(service_workspace, people["fr2"], french)
    second = _edit(service_workspace, people["ed"], approved, "Les vaccins sauvent des vies.")
    _edit(service_workspace, people["fr1"], second, "Les vaccins sauvent tant de vies.")
    history = rendition_history(service_workspace, people["pub"], french.id)
    assert [(r.version, r.author, r.origin) for r in history.revisions] == [
        (1, None, french.origin),
        (2, "ed", RenditionOrigin.EDITED),
        (3, "fr1", RenditionOrigin.EDITED),
    ]
    first, middle, last = history.revisions
    assert (first.approved, middle.approved, last.approved) == (True, False, False)
    assert first.diff_from_previous is None and first.diff_from_approved is None
    assert last.approved_version == 1
    changes = [(chunk.op, chunk.text) for chunk in last.diff_from_previous or []]
    assert changes == [
        (DiffOp.EQUAL, "Les vaccins sauvent "),
        (DiffOp.DELETE, "des"),
        (DiffOp.INSERT, "tant de"),
        (DiffOp.EQUAL, " vies."),
    ]
    assert (
        "".join(c.text for c in last.diff_from_approved or [] if c.op is not DiffOp.DELETE)
        == last.text
    )
    assert [(review.reviewer, review.version) for review in history.reviews] == [
        ("fr1", 1),
        ("fr2", 1),
    ]
    assert history.review.state is ReviewState.PENDING


def _outcomes(calls: list[Callable[[], object]]) -> list[str]:
    """Run the calls at once from as many threads; each one's outcome: "ok" or its code."""
    barrier = threading.Barrier(len(calls))

    def attempt(call: Callable[[], object]) -> str:
        barrier.wait()
        try:
            call()
        except AdaptError as error:
            return error.code.value
        return "ok"

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(attempt, calls))


def test_fifty_editors_and_fifty_reviewers_at_once_end_consistent(
    service_workspace: Workspace, people: People, french: RenditionView
) -> None:
    """Every loser gets a rule's error (never another exception); one edit wins."""
    _ = service_workspace.locales, service_workspace.glossary, service_workspace.detector
    editors = [add_person(service_workspace, f"editor{n}", Role.EDITOR, []) for n in range(50)]
    reviewers = [
        add_person(service_workspace, f"reviewer{n}", Role.TRANSLATOR, [FR, ES]) for n in range(50)
    ]
    texts = {editor.name: f"Version proposée par {editor.name}." for editor in editors}
    calls: list[Callable[[], object]] = [
        partial(_edit, service_workspace, editor, french, texts[editor.name]) for editor in editors
    ]
    calls += [partial(_approve, service_workspace, reviewer, french) for reviewer in reviewers]
    outcomes = _outcomes(calls)
    edits, reviews = outcomes[:50], outcomes[50:]
    assert edits.count("ok") == 1 and edits.count("stale_version") == 49
    assert set(reviews) <= {"ok", "stale_version"}
    final = load_rendition_view(service_workspace, french.id)
    winner = editors[edits.index("ok")].name
    assert (final.version, final.text, final.last_editor) == (2, texts[winner], winner)
    assert final.review.state is ReviewState.PENDING and final.review.approvals == []
    assert len(rendition_history(service_workspace, people["pub"], french.id).revisions) == 2
    one = reviewers[0]
    again = _outcomes([partial(_approve, service_workspace, one, final) for _ in range(20)])
    assert sorted(again) == ["already_approved"] * 19 + ["ok"]
    rest = _outcomes([partial(_approve, service_workspace, user, final) for user in reviewers[1:]])
    assert rest == ["ok"] * 49
    done = load_rendition_view(service_workspace, french.id)
    assert done.review.state is ReviewState.APPROVED
    assert sorted(done.review.approvals) == sorted(reviewer.name for reviewer in reviewers)
    assert service_workspace.store.renditions.get(french.id).review_state is ReviewState.APPROVED


def test_a_rendition_without_text_is_written_before_it_is_approved(
    service_workspace: Workspace, people: People
) -> None:
    store = service_workspace.store
    statement = store.statements.create(statement_draft(created_by="ed"))
    store.statements.start_adaptation(statement.id, "system")
    line = LineDraft("Vaccines save lives.", 0.9, [], [RenditionDraft(FR, "x", empty_rendition())])
    store.statements.store_adaptation(statement.id, EN, [line], "system")
    (empty,) = store.renditions.of_statement(statement.id)
    view = load_rendition_view(service_workspace, empty.id)
    with pytest.raises(AdaptError) as raised:
        _approve(service_workspace, people["fr1"], view)
    assert raised.value.code is ErrorCode.EMPTY_INPUT
    written = _edit(service_workspace, people["fr1"], view, "Les vaccins sauvent des vies.")
    approved = _approve(service_workspace, people["fr2"], written)
    assert approved.review.state is ReviewState.APPROVED


def test_more_approvals_can_be_required_never_fewer(
    service_workspace: Workspace, people: People, french: RenditionView
) -> None:
    with pytest.raises(ValidationError):
        Settings(required_approvals=1)
    strict = Workspace(Settings(required_approvals=3), store=service_workspace.store)
    _approve(strict, people["fr1"], french)
    twice = _approve(strict, people["fr2"], french)
    assert (twice.review.state, twice.review.required) == (ReviewState.PENDING, 3)
    assert _approve(strict, people["ed"], french).review.state is ReviewState.APPROVED
