"""Exporting a ready statement's approved renditions (a publisher's action).

Only approved renditions are ever written, in every format: the posts come from the plan
(:func:`service.workflow.publishing.make_plan`), which gives slots to approved renditions
only, and XLIFF reads the same approved set. Formats:

* ``json`` - the planned posts with their slots, indented.
* ``ics`` - one iCalendar event per planned post, the post's text in its description.
* ``hootsuite`` - Hootsuite's bulk-upload CSV (see :mod:`service.schedule.export`), which
  is one file per social profile: the selection must come down to one audience and one
  platform.
* ``xliff`` - XLIFF 2.0 (translate-toolkit's ``xliff2``), which holds one target
  language: one unit per approved rendition, the line as source, state ``reviewed``.
"""

from collections.abc import Sequence
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from icalendar import Calendar, Event
from pydantic import AwareDatetime, Field
from translate.storage.xliff2 import Xliff2File

from service.errors import ConflictError, ErrorCode, InputError
from service.languages import Language
from service.models import Model
from service.review import Action, User, authorize
from service.schedule.export import slots_to_hootsuite_csv, to_json_text
from service.store.records import AuditAction, AuditDraft, RenditionRecord
from service.workflow.publishing import (
    PlannedPost,
    PlanRequest,
    StatementPlan,
    is_approved,
    make_plan,
    ready_statement,
    reviewed_renditions,
)
from service.workflow.workspace import Workspace

_PRODUCT_ID = "-//adapt//approved posts//EN"


class StatementExportFormat(StrEnum):
    JSON = "json"
    ICS = "ics"
    HOOTSUITE = "hootsuite"
    XLIFF = "xliff"


MEDIA_TYPES = {
    StatementExportFormat.JSON: "application/json",
    StatementExportFormat.ICS: "text/calendar",
    StatementExportFormat.HOOTSUITE: "text/csv",
    StatementExportFormat.XLIFF: "application/xliff+xml",
}
EXTENSIONS = {
    StatementExportFormat.JSON: "json",
    StatementExportFormat.ICS: "ics",
    StatementExportFormat.HOOTSUITE: "csv",
    StatementExportFormat.XLIFF: "xlf",
}


class StatementExportRequest(Model):
    """``GET /v1/statements/{id}/export``: the format, what to keep, and plan options."""

    format: StatementExportFormat = StatementExportFormat.JSON
    language: Language | None = None
    audience: str | None = None
    platform: str | None = None
    after: AwareDatetime | None = Field(default=None, description="Plan from then (now).")
    csv_timezone: str = Field(default="UTC", description="The Hootsuite user's time zone.")


class StatementExport(Model):
    """The exported file, and the renditions it holds (every one of them approved)."""

    statement_id: int
    format: StatementExportFormat
    media_type: str
    filename: str
    content: str
    rendition_ids: list[int]


def _keep(post: PlannedPost, request: StatementExportRequest) -> bool:
    return (
        (request.language is None or post.language is request.language)
        and (request.audience is None or post.slot.audience_id == request.audience)
        and (request.platform is None or post.platform == request.platform)
    )


def _nothing_approved(statement_id: int) -> ConflictError:
    return ConflictError(
        f"statement {statement_id} has no approved rendition to export in this selection",
        code=ErrorCode.NOT_APPROVED,
        statement=statement_id,
    )


def _one(values: set[str], what: str, option: str) -> None:
    if len(values) > 1:
        raise InputError(
            f"this format holds one {what}; the selection has {', '.join(sorted(values))}: "
            f"choose one",
            code=ErrorCode.INVALID_EXPORT,
            option=option,
            choices=sorted(values),
        )


def posts_json(plan: StatementPlan, posts: Sequence[PlannedPost]) -> str:
    data = plan.model_dump(mode="json", include={"statement_id", "urgent", "after_utc"})
    data["posts"] = [post.model_dump(mode="json") for post in posts]
    return to_json_text(data)


def posts_ics(posts: Sequence[PlannedPost], generated_at: datetime) -> str:
    """One VEVENT per post: DTSTART in UTC, the text and who approved it in DESCRIPTION."""
    calendar = Calendar()
    calendar.add("prodid", _PRODUCT_ID)
    calendar.add("version", "2.0")
    for post in posts:
        account = post.slot.audience_id
        event = Event()
        event.add("uid", f"rendition-{post.rendition_id}-v{post.version}-{account}@adapt")
        event.add("dtstamp", generated_at.astimezone(UTC))
        event.add("dtstart", post.slot.slot_utc.astimezone(UTC))
        event.add("summary", f"{post.platform} post {post.position} to {account}")
        approved = f"Version {post.version}, approved by {', '.join(post.approvals)}."
        event.add("description", f"{post.text}\n\n{approved}")
        event.add("categories", [post.language.value, post.platform])
        calendar.add_component(event)
    content: bytes = calendar.to_ical()
    return content.decode("utf-8")


def posts_hootsuite(posts: Sequence[PlannedPost], timezone: str) -> str:
    """Hootsuite rows for one account, in time order; one post per time on the account."""
    _one({post.slot.audience_id for post in posts}, "audience", "audience")
    _one({post.platform for post in posts}, "platform", "platform")
    rows: dict[datetime, str] = {}
    for post in sorted(posts, key=lambda item: item.slot.slot_utc):
        if post.slot.slot_utc in rows:
            raise InputError(
                f"two posts at {post.slot.slot_utc.isoformat()} on one account: Hootsuite "
                "takes one post per time; plan with a gap between posts",
                code=ErrorCode.INVALID_EXPORT,
                option="min_gap_minutes",
            )
        messages = {post.slot.audience_id: post.text}
        rows[post.slot.slot_utc] = slots_to_hootsuite_csv(
            [post.slot], messages=messages, timezone=timezone
        )
    return "".join(rows.values())


def renditions_xliff(source_language: Language, renditions: Sequence[RenditionRecord]) -> str:
    """XLIFF 2.0 for one target language: one reviewed unit per approved rendition."""
    _one({rendition.language.value for rendition in renditions}, "target language", "language")
    store: Any = Xliff2File()  # translate-toolkit is partly typed
    store.setsourcelanguage(source_language.value)
    store.settargetlanguage(renditions[0].language.value)
    for rendition in renditions:
        unit = store.addsourceunit(rendition.source)
        unit.target = rendition.text
        unit.setid(f"rendition-{rendition.id}-{rendition.platform}")
        unit.markapproved()
    content: bytes = bytes(store)
    return content.decode("utf-8")


def _approved_renditions(
    workspace: Workspace, statement_id: int, request: StatementExportRequest
) -> list[RenditionRecord]:
    return [
        record
        for record, status in reviewed_renditions(workspace, statement_id)
        if is_approved(record, status)
        and (request.language is None or record.language is request.language)
        and (request.platform is None or record.platform == request.platform)
    ]


def _content(
    workspace: Workspace, statement_id: int, request: StatementExportRequest, now: datetime
) -> tuple[str, list[int]]:
    if request.format is StatementExportFormat.XLIFF:
        statement = ready_statement(workspace, statement_id)
        renditions = _approved_renditions(workspace, statement_id, request)
        if not renditions:
            raise _nothing_approved(statement_id)
        source = statement.source_language or renditions[0].language
        return renditions_xliff(source, renditions), [item.id for item in renditions]
    plan = make_plan(workspace, statement_id, PlanRequest(after=request.after), now)
    posts = [post for post in plan.posts if _keep(post, request)]
    if not posts:
        raise _nothing_approved(statement_id)
    ids = list(dict.fromkeys(post.rendition_id for post in posts))
    if request.format is StatementExportFormat.ICS:
        return posts_ics(posts, now), ids
    if request.format is StatementExportFormat.HOOTSUITE:
        return posts_hootsuite(posts, request.csv_timezone), ids
    return posts_json(plan, posts), ids


def export_statement(
    workspace: Workspace,
    actor: User,
    statement_id: int,
    request: StatementExportRequest,
    now: datetime | None = None,
) -> StatementExport:
    """The approved renditions of a ready statement as a file; recorded in the audit log."""
    authorize(actor, Action.EXPORT)
    now = now or datetime.now(UTC)
    content, ids = _content(workspace, statement_id, request, now)
    export = StatementExport(
        statement_id=statement_id,
        format=request.format,
        media_type=MEDIA_TYPES[request.format],
        filename=f"statement-{statement_id}.{EXTENSIONS[request.format]}",
        content=content,
        rendition_ids=ids,
    )
    detail: dict[str, object] = {"format": request.format.value, "renditions": ids}
    workspace.store.audit.append(
        AuditDraft(actor.name, AuditAction.EXPORT_CREATED, statement_id, None, detail)
    )
    return export
