"""Planning a ready statement (a publisher's action): slots for its approved renditions only.

Each audience (the statement's own, or the language accounts of its targets) gets one
slot per approved line in its language, best line first, spaced by the audience's gap; the
renditions of one line on several platforms share its slot. Every rendition that is not
approved is listed as blocked, with the reason, and never gets a slot. An urgent statement
skips the posting windows (its posts go out from now), never the review.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from pydantic import AwareDatetime, Field

from service.audiences import Audience
from service.errors import ConflictError, ErrorCode, InputError
from service.languages import Language
from service.models import Finding, Model, Observance, Slot, UtcInstant
from service.review import Action, ReviewState, ReviewStatus, User, authorize, review_status
from service.schedule.observance import observance_from_concept
from service.schedule.plan import language_audiences
from service.schedule.plan import plan_statement as plan_slots
from service.schedule.slots import SearchOptions, urgent_slot
from service.store.records import (
    AuditAction,
    AuditDraft,
    RenditionRecord,
    StatementRecord,
    StatementStatus,
)
from service.workflow.workspace import Workspace


class PlanRequest(Model):
    """``POST /v1/statements/{id}/plan``: from when, and how slots are searched."""

    after: AwareDatetime | None = Field(default=None, description="Plan from then (now).")
    min_gap_minutes: int | None = Field(
        default=None, ge=0, description="Least gap between posts; each audience's own if unset."
    )
    threshold: float = Field(default=0.5, ge=0.0, le=1.0)
    grid_minutes: int = Field(default=5)


class PlannedPost(Model):
    """One approved rendition at its slot on one audience's account."""

    rendition_id: int
    line_id: int
    position: int
    language: Language
    platform: str
    version: int
    text: str
    approvals: list[str]
    slot: Slot


class BlockedRendition(Model):
    """A rendition that gets no slot, and why."""

    rendition_id: int
    language: Language
    platform: str
    version: int
    state: ReviewState
    reason: str


class StatementPlan(Model):
    statement_id: int
    urgent: bool
    after_utc: UtcInstant
    now_utc: UtcInstant
    posts: list[PlannedPost]
    blocked: list[BlockedRendition]
    findings: list[Finding]


def ready_statement(workspace: Workspace, statement_id: int) -> StatementRecord:
    """The statement, which must be ready (adapted) to be planned or exported."""
    statement = workspace.store.statements.get(statement_id)
    if statement.status is not StatementStatus.READY:
        raise ConflictError(
            f"statement {statement_id} is {statement.status.value}: it has no renditions yet",
            code=ErrorCode.NOT_READY,
            statement=statement_id,
            status=statement.status.value,
        )
    return statement


def reviewed_renditions(
    workspace: Workspace, statement_id: int
) -> list[tuple[RenditionRecord, ReviewStatus]]:
    """Every rendition of the statement with the rule's verdict on its current version."""
    renditions = workspace.store.renditions
    records = renditions.of_statement(statement_id)
    reviews = renditions.reviews([record.id for record in records])
    required = workspace.settings.required_approvals
    return [
        (record, review_status(record.version, record.last_editor, reviews[record.id], required))
        for record in records
    ]


def _audiences(workspace: Workspace, statement: StatementRecord) -> list[Audience]:
    known = workspace.audiences
    if not statement.audiences:
        return [item for item in language_audiences(known) if item.language in statement.targets]
    missing = [audience_id for audience_id in statement.audiences if audience_id not in known]
    if missing:
        raise InputError(
            f"the audiences file no longer has {', '.join(missing)}",
            code=ErrorCode.UNKNOWN_AUDIENCE,
            missing=missing,
        )
    return [known[audience_id] for audience_id in statement.audiences]


def _reason(record: RenditionRecord, status: ReviewStatus) -> str:
    if not record.text:
        return "no text to post: write it, then two people review it"
    if status.state is ReviewState.CHANGES_REQUESTED:
        return f"changes requested by {', '.join(status.changes_requested_by)}"
    seen = set(status.approvals) | ({record.last_editor} if record.last_editor else set())
    return (
        f"pending: {len(seen)} of the {status.required} people it needs have seen "
        f"version {record.version}"
    )


def _ceil_to_grid(instant: datetime, grid_minutes: int) -> datetime:
    """The first grid instant (whole ``grid_minutes`` past the hour) at or after ``instant``."""
    grid = timedelta(minutes=grid_minutes)
    since_hour = instant - instant.replace(minute=0, second=0, microsecond=0)
    steps = -(-since_hour // grid)  # ceiling division of timedeltas
    return instant - since_hour + steps * grid


@dataclass(frozen=True)
class _Planning:
    """What every audience's slots are searched with."""

    statement: StatementRecord
    request: PlanRequest
    options: SearchOptions
    after: datetime
    now: datetime
    observance: Observance | None


def _slots(audience: Audience, count: int, planning: _Planning) -> tuple[list[Slot], list[Finding]]:
    request = planning.request
    gap = audience.min_gap_minutes if request.min_gap_minutes is None else request.min_gap_minutes
    if planning.statement.urgent:
        start = _ceil_to_grid(max(planning.after, planning.now), planning.options.grid_minutes)
        instants = [start + timedelta(minutes=gap * index) for index in range(count)]
        return [urgent_slot(audience, at, observance=planning.observance) for at in instants], []
    plan = plan_slots(
        [audience],
        after=planning.after,
        now=planning.now,
        options=planning.options,
        observance=planning.observance,
        min_gap_minutes=gap,
        posts_per_audience=count,
    )
    return plan.slots, plan.findings


def _planning(
    workspace: Workspace, statement: StatementRecord, request: PlanRequest, now: datetime
) -> _Planning:
    concept = statement.observance
    return _Planning(
        statement=statement,
        request=request,
        options=SearchOptions(threshold=request.threshold, grid_minutes=request.grid_minutes),
        after=request.after or now,
        now=now,
        observance=observance_from_concept(workspace.glossary.observance(concept))
        if concept
        else None,
    )


Reviewed = list[tuple[RenditionRecord, ReviewStatus]]


def _audience_posts(
    audience: Audience, approved: Reviewed, positions: dict[int, int], planning: _Planning
) -> tuple[list[PlannedPost], list[Finding]]:
    """One slot per approved line in the audience's language, shared by its platforms."""
    by_position: dict[int, Reviewed] = defaultdict(list)
    for record, status in approved:
        if record.language is audience.language:
            by_position[positions[record.line_id]].append((record, status))
    if not by_position:
        return [], []
    slots, findings = _slots(audience, len(by_position), planning)
    posts = [
        _post(record, status, position, slot)
        for slot, position in zip(slots, sorted(by_position), strict=True)
        for record, status in by_position[position]
    ]
    return posts, findings


def _blocked(reviewed: Reviewed) -> list[BlockedRendition]:
    return [
        BlockedRendition(
            rendition_id=record.id,
            language=record.language,
            platform=record.platform,
            version=record.version,
            state=status.state,
            reason=_reason(record, status),
        )
        for record, status in reviewed
        if not is_approved(record, status)
    ]


def make_plan(
    workspace: Workspace,
    statement_id: int,
    request: PlanRequest,
    now: datetime | None = None,
    only_audience: str | None = None,
) -> StatementPlan:
    """The plan of a ready statement (see the module doc); writes nothing.

    With ``only_audience``, only that audience's account is planned (a batch plans each
    account on its own, statement after statement).
    """
    statement = ready_statement(workspace, statement_id)
    planning = _planning(workspace, statement, request, now or datetime.now(UTC))
    reviewed = reviewed_renditions(workspace, statement_id)
    approved = [(record, status) for record, status in reviewed if is_approved(record, status)]
    positions = {line.id: line.position for line in workspace.store.statements.lines(statement_id)}
    posts: list[PlannedPost] = []
    findings: list[Finding] = []
    for audience in _audiences(workspace, statement):
        if only_audience is not None and audience.id != only_audience:
            continue
        found_posts, found = _audience_posts(audience, approved, positions, planning)
        posts.extend(found_posts)
        findings.extend(item for item in found if item not in findings)
    return StatementPlan(
        statement_id=statement_id,
        urgent=statement.urgent,
        after_utc=planning.after,
        now_utc=planning.now,
        posts=posts,
        blocked=_blocked(reviewed),
        findings=findings,
    )


def is_approved(record: RenditionRecord, status: ReviewStatus) -> bool:
    """Approved by the rule, with text to post (an empty rendition is never scheduled)."""
    return status.state is ReviewState.APPROVED and bool(record.text)


def _post(record: RenditionRecord, status: ReviewStatus, position: int, slot: Slot) -> PlannedPost:
    return PlannedPost(
        rendition_id=record.id,
        line_id=record.line_id,
        position=position,
        language=record.language,
        platform=record.platform,
        version=record.version,
        text=record.text,
        approvals=status.approvals,
        slot=slot,
    )


def plan_statement(
    workspace: Workspace,
    actor: User,
    statement_id: int,
    request: PlanRequest,
    now: datetime | None = None,
) -> StatementPlan:
    """A publisher's plan of a ready statement: approved renditions get slots, the others
    are listed as blocked. Recorded in the audit log."""
    authorize(actor, Action.PLAN)
    plan = make_plan(workspace, statement_id, request, now)
    detail: dict[str, object] = {
        "after_utc": plan.model_dump(mode="json")["after_utc"],
        "posts": [post.rendition_id for post in plan.posts],
        "blocked": [item.rendition_id for item in plan.blocked],
    }
    workspace.store.audit.append(
        AuditDraft(actor.name, AuditAction.PLAN_CREATED, statement_id, None, detail)
    )
    return plan
