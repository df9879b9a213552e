"""Planning and exporting: approved renditions only, in every format; the rest blocked."""

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from icalendar import Calendar
from support.people import EN, ES, FR, People, ready_statement, renditions
from translate.storage.xliff2 import Xliff2File

from service.errors import AdaptError, ErrorCode, ForbiddenError
from service.models import SlotMode
from service.review import ReviewDecision, ReviewState
from service.store.records import AuditAction
from service.workflow import Workspace
from service.workflow.exports import StatementExportFormat as Format
from service.workflow.exports import StatementExportRequest as ExportRequest
from service.workflow.exports import export_statement
from service.workflow.publishing import PlanRequest, plan_statement
from service.workflow.review import EditRequest, ReviewRequest, edit_rendition, review_rendition
from service.workflow.statement_views import RenditionView, StatementView
from service.workflow.statements import StatementRequest, get_statement, submit_statement

_parse_xliff: Callable[[bytes], Any] = Xliff2File.parsestring
NOW = datetime(2030, 4, 6, 23, 0, tzinfo=UTC)
AFTER = datetime(2030, 4, 7, 6, 0, tzinfo=UTC)
APPROVED_TEXT = "Les vaccins sauvent des vies. (approuvé)"


def _edit(
    service_workspace: Workspace, people: People, rendition: RenditionView, text: str
) -> None:
    request = EditRequest(text=text, version=rendition.version)
    edit_rendition(service_workspace, people["ed"], rendition.id, request)


def _approve(
    service_workspace: Workspace, people: People, rendition_id: int, name: str, version: int
) -> None:
    request = ReviewRequest(decision=ReviewDecision.APPROVE, version=version)
    review_rendition(service_workspace, people[name], rendition_id, request)


@pytest.fixture
def statement_id(service_workspace: Workspace, people: People) -> int:
    """A ready statement whose first French rendition alone is approved; every other
    rendition has a text that must never be exported ("UNAPPROVED ...")."""
    view = ready_statement(service_workspace, people["ed"])
    first_fr, *other_fr = renditions(view, FR)
    _edit(service_workspace, people, first_fr, APPROVED_TEXT)
    _approve(service_workspace, people, first_fr.id, "fr1", 2)
    for rendition in [*other_fr, *renditions(view, ES), *renditions(view, EN)]:
        _edit(
            service_workspace, people, rendition, f"UNAPPROVED {rendition.language} {rendition.id}"
        )
    return view.id


def test_the_plan_slots_approved_renditions_and_lists_the_rest(
    service_workspace: Workspace, people: People, statement_id: int
) -> None:
    plan = plan_statement(
        service_workspace, people["pub"], statement_id, PlanRequest(after=AFTER), NOW
    )
    (post,) = plan.posts
    assert (post.language, post.text, post.approvals, post.position) == (
        FR,
        APPROVED_TEXT,
        ["fr1"],
        1,
    )
    assert (post.slot.audience_id, post.slot.mode) == ("fr", SlotMode.NEXT)
    assert post.slot.slot_utc >= AFTER
    blocked = {item.rendition_id: item for item in plan.blocked}
    assert post.rendition_id not in blocked
    total = sum(
        len(line.renditions) for line in _view(service_workspace, people, statement_id).lines
    )
    assert len(blocked) == total - 1
    assert all(item.state is ReviewState.PENDING for item in blocked.values())
    assert any("1 of the 2 people" in item.reason for item in blocked.values())
    data = plan.model_dump(mode="json")
    assert data["after_utc"] == "2030-04-07T06:00:00Z" and "UNAPPROVED" not in json.dumps(data)
    (entry,) = [
        e
        for e in service_workspace.store.audit.entries(statement_id)
        if e.action is AuditAction.PLAN_CREATED
    ]
    assert entry.actor == "pub" and entry.detail["posts"] == [post.rendition_id]


def _view(service_workspace: Workspace, people: People, statement_id: int) -> StatementView:
    return get_statement(service_workspace, people["pub"], statement_id)


def test_urgent_statements_skip_the_windows_never_the_review(
    service_workspace: Workspace, people: People
) -> None:
    view = ready_statement(service_workspace, people["ed"], urgent=True, targets=["fr"])
    first, *rest = renditions(view, FR)
    _approve(service_workspace, people, first.id, "fr1", 1)
    _approve(service_workspace, people, first.id, "fr2", 1)
    plan = plan_statement(service_workspace, people["pub"], view.id, PlanRequest(), NOW)
    (post,) = plan.posts
    assert post.slot.mode is SlotMode.URGENT
    assert NOW <= post.slot.slot_utc < datetime(2030, 4, 6, 23, 5, tzinfo=UTC)
    assert {item.rendition_id for item in plan.blocked} == {item.id for item in rest}


@pytest.mark.parametrize("name", ["ed", "fr1"])
def test_only_publishers_plan_and_export(
    service_workspace: Workspace, people: People, statement_id: int, name: str
) -> None:
    with pytest.raises(ForbiddenError):
        plan_statement(service_workspace, people[name], statement_id, PlanRequest(), NOW)
    with pytest.raises(ForbiddenError):
        export_statement(service_workspace, people[name], statement_id, ExportRequest(), NOW)


def test_a_statement_that_is_not_ready_cannot_be_planned(
    service_workspace: Workspace, people: People
) -> None:
    request = StatementRequest(text="Vaccines save lives.", approval_ref="R", targets=[FR])
    queued = submit_statement(service_workspace, people["ed"], request)
    with pytest.raises(AdaptError) as raised:
        plan_statement(service_workspace, people["pub"], queued.id, PlanRequest(), NOW)
    assert raised.value.code is ErrorCode.NOT_READY


@pytest.mark.parametrize("export_format", list(Format))
def test_no_export_holds_a_rendition_that_is_not_approved(
    service_workspace: Workspace,
    people: People,
    statement_id: int,
    export_format: Format,
) -> None:
    request = ExportRequest(format=export_format, after=AFTER)
    export = export_statement(service_workspace, people["pub"], statement_id, request, NOW)
    assert APPROVED_TEXT in export.content
    assert "UNAPPROVED" not in export.content
    assert len(export.rendition_ids) == 1
    assert export.filename == f"statement-{statement_id}.{export.filename.rsplit('.', 1)[1]}"
    actions = [entry.action for entry in service_workspace.store.audit.entries(statement_id)]
    assert actions[-1] is AuditAction.EXPORT_CREATED


def test_the_exports_read_back(
    service_workspace: Workspace, people: People, statement_id: int
) -> None:
    def content(export_format: Format) -> str:
        request = ExportRequest(format=export_format, after=AFTER)
        return export_statement(
            service_workspace, people["pub"], statement_id, request, NOW
        ).content

    (event,) = Calendar.from_ical(content(Format.ICS)).walk("VEVENT")
    assert str(event["description"]).startswith(APPROVED_TEXT)
    (unit,) = _parse_xliff(content(Format.XLIFF).encode("utf-8")).units
    assert (unit.target, unit.isapproved()) == (APPROVED_TEXT, True)
    (row,) = content(Format.HOOTSUITE).splitlines()
    assert row.endswith(f",{APPROVED_TEXT},")
    posts = json.loads(content(Format.JSON))["posts"]
    assert [post["text"] for post in posts] == [APPROVED_TEXT]


def test_one_file_formats_need_one_account_or_language(
    service_workspace: Workspace, people: People, statement_id: int
) -> None:
    spanish = renditions(_view(service_workspace, people, statement_id), ES)[0]
    _approve(service_workspace, people, spanish.id, "es1", spanish.version)  # with its editor: two
    for export_format, choice in (
        (Format.HOOTSUITE, "audience"),
        (Format.XLIFF, "language"),
    ):
        with pytest.raises(AdaptError) as raised:
            request = ExportRequest(format=export_format, after=AFTER)
            export_statement(service_workspace, people["pub"], statement_id, request, NOW)
        assert (raised.value.code, raised.value.fields["option"]) == (
            ErrorCode.INVALID_EXPORT,
            choice,
        )
    only_es = ExportRequest(format=Format.HOOTSUITE, audience="es", after=AFTER)
    export = export_statement(service_workspace, people["pub"], statement_id, only_es, NOW)
    assert export.rendition_ids == [spanish.id]
    nothing = ExportRequest(format=Format.XLIFF, language=EN)
    with pytest.raises(AdaptError) as none:
        export_statement(service_workspace, people["pub"], statement_id, nothing, NOW)
    assert none.value.code is ErrorCode.NOT_APPROVED
