"""Statements in the service: submit one, adapt it as a job, read and list them.

``submit_statement`` checks everything a person can get wrong (text, languages, platforms,
audiences, observance; the language is detected and checked now) and stores the statement
``queued``: its text as a statement file (the fields given separately become its front
matter) with the title, link, hashtags and observance that file declares. The caller then
submits ``(ADAPT_JOB_KIND, adapt_job_payload(id))`` to its job queue. The job handler
:func:`run_adapt_job` does the heavy part with
:func:`service.workflow.adapt.adapt_statements` and stores the result in one transaction;
it is idempotent, so a redelivered job never stores anything twice.
"""

from collections.abc import Mapping, Sequence

from pydantic import Field

from service.errors import AdaptError, ErrorCode, InputError
from service.inputs import validate_text
from service.languages import ALL_LANGUAGES, Language
from service.models import MAX_ROW_ID, Model
from service.review import SYSTEM_ACTOR, Action, ReviewState, User, authorize
from service.statement import StatementAdaptation, StatementFormat
from service.store.records import (
    LineDraft,
    RenditionDraft,
    StatementDraft,
    StatementError,
    StatementStatus,
)
from service.store.statements import StatementFilter
from service.text.length import platform_rules
from service.workflow.adapt import adapt_statements
from service.workflow.lines import AdaptRequest, read_statement
from service.workflow.statement_views import (
    StatementList,
    StatementView,
    statement_summary,
    statement_view,
    statement_views,
)
from service.workflow.workspace import Workspace

ADAPT_JOB_KIND = "adapt_statement"
MAX_LINES = 20
MAX_PAGE = 500
_FRONT_MATTER_FENCE = "---"


class StatementRequest(Model):
    """A statement to adapt: ``POST /v1/statements``'s body."""

    text: str = Field(description="The statement, optionally with a front matter block.")
    format: StatementFormat = Field(
        default=StatementFormat.TEXT, description="How its body is written: text or markdown."
    )
    approval_ref: str = Field(description="The reference of the statement's approval.")
    language: Language | None = Field(default=None, description="Declared source language.")
    title: str | None = None
    link: str | None = Field(default=None, description="Carried by every post.")
    hashtags: list[str] = Field(default_factory=list, description="Carried by every post.")
    targets: list[Language] = Field(default_factory=lambda: list(ALL_LANGUAGES))
    platforms: list[str] = Field(default_factory=lambda: ["x"])
    audiences: list[str] = Field(
        default_factory=list, description="Audience ids; none means the language accounts."
    )
    observance: str | None = Field(default=None, description="Glossary observance id.")
    urgent: bool = Field(default=False, description="Skip the posting windows, never review.")
    max_lines: int = Field(default=5, ge=1, le=MAX_LINES)


class QueuedStatement(Model):
    """``202``'s body: the new statement's id and status."""

    id: int
    status: StatementStatus


class StatementQuery(Model):
    """Filters and page of ``GET /v1/statements``."""

    status: StatementStatus | None = None
    language: Language | None = None
    review_state: ReviewState | None = None
    limit: int = Field(default=50, ge=1, le=MAX_PAGE)
    offset: int = Field(default=0, ge=0, le=MAX_ROW_ID)


def adapt_job_payload(statement_id: int) -> dict[str, int]:
    """The payload of the adaptation job of ``statement_id``."""
    return {"statement_id": statement_id}


def _one_line(value: str, field: str) -> str:
    value = validate_text(value, field).strip()
    if "\n" in value or "\r" in value:
        raise InputError(f"{field} must be one line", code=ErrorCode.INVALID_INPUT, field=field)
    return value


def statement_file(
    text: str,
    title: str | None,
    link: str | None,
    hashtags: list[str],
    observance: str | None = None,
) -> str:
    """The statement as a file: the fields given separately become its front matter.

    The same fields cannot come both ways: a text with its own front matter and separate
    fields is refused rather than merged.
    """
    pairs = {
        "title": title,
        "link": link,
        "hashtags": " ".join(hashtags) or None,
        "observance": observance,
    }
    given = {key: _one_line(value, key) for key, value in pairs.items() if value}
    if not given:
        return text
    if text.lstrip("\ufeff").splitlines()[0].strip() == _FRONT_MATTER_FENCE:
        raise InputError(
            "the text has a front matter block: give the title, link, hashtags and "
            "observance there or as fields, not both",
            code=ErrorCode.INVALID_FRONT_MATTER,
            fields=sorted(given),
        )
    block = "".join(f"{key}: {value}\n" for key, value in given.items())
    return f"{_FRONT_MATTER_FENCE}\n{block}{_FRONT_MATTER_FENCE}\n{text}"


def _platforms(platforms: Sequence[str]) -> list[str]:
    if not platforms:
        raise InputError("give at least one platform", code=ErrorCode.UNKNOWN_PLATFORM)
    return list(dict.fromkeys(platform_rules(platform).platform for platform in platforms))


def _check_audiences(workspace: Workspace, ids: Sequence[str], targets: list[Language]) -> None:
    known = workspace.audiences
    for audience_id in ids:
        audience = known.get(audience_id)
        if audience is None:
            raise InputError(
                f"unknown audience {audience_id!r}",
                code=ErrorCode.UNKNOWN_AUDIENCE,
                audience=audience_id,
                known=sorted(known),
            )
        if audience.language not in targets:
            raise InputError(
                f"audience {audience_id!r} reads {audience.language.value}, which is not a target",
                code=ErrorCode.INVALID_AUDIENCE,
                audience=audience_id,
                language=audience.language.value,
            )


def _draft(workspace: Workspace, actor: User, request: StatementRequest) -> StatementDraft:
    text = validate_text(request.text, "text")
    approval_ref = _one_line(request.approval_ref, "approval_ref")
    targets = list(dict.fromkeys(request.targets))
    if not targets:
        raise InputError("give at least one target language", code=ErrorCode.UNKNOWN_LANGUAGE)
    platforms = _platforms(request.platforms)
    audiences = list(dict.fromkeys(request.audiences))
    _check_audiences(workspace, audiences, targets)
    adapted = statement_file(
        text, request.title, request.link, request.hashtags, request.observance
    )
    statement, source_language = read_statement(
        workspace, adapted, request.language, request.format
    )
    if statement.observance:
        workspace.glossary.observance(statement.observance)
    return StatementDraft(
        text=adapted,
        approval_ref=approval_ref,
        language=request.language,
        source_language=source_language,
        title=statement.title,
        link=statement.link,
        hashtags=statement.hashtags,
        targets=targets,
        platforms=platforms,
        audiences=audiences,
        observance=statement.observance,
        urgent=request.urgent,
        max_lines=request.max_lines,
        format=request.format,
        created_by=actor.name,
    )


def submit_statement(
    workspace: Workspace, actor: User, request: StatementRequest
) -> QueuedStatement:
    """Check and store a statement as ``queued`` (an editor's action); submit its job next."""
    authorize(actor, Action.SUBMIT)
    record = workspace.store.statements.create(_draft(workspace, actor, request))
    return QueuedStatement(id=record.id, status=record.status)


def get_statement(workspace: Workspace, actor: User, statement_id: int) -> StatementView:
    """The statement, its status and, once ready, its lines and renditions with reviews."""
    authorize(actor, Action.READ)
    record = workspace.store.statements.get(statement_id)
    if record.status is not StatementStatus.READY:
        # The job stores the lines, the renditions and "ready" in one transaction; reading
        # them before it commits could see lines without their renditions, so an unready
        # statement is shown without them.
        return statement_view(workspace, record, [], [])
    return statement_views(workspace, [record])[record.id]


def list_statements(workspace: Workspace, actor: User, query: StatementQuery) -> StatementList:
    """One page of statements, newest first, filtered by status, language and review state."""
    authorize(actor, Action.READ)
    statements = workspace.store.statements
    where = StatementFilter(**query.model_dump())
    records, total = statements.list_statements(where)
    counts = statements.review_counts([record.id for record in records])
    return StatementList(
        statements=[statement_summary(record, counts[record.id]) for record in records],
        total=total,
        limit=query.limit,
        offset=query.offset,
    )


# The adaptation job -------------------------------------------------------------------


def handle_adapt_job(workspace: Workspace, payload: Mapping[str, object]) -> None:
    """The job queue's handler for :data:`ADAPT_JOB_KIND`: ``{"statement_id": N}``."""
    statement_id = payload.get("statement_id")
    if not isinstance(statement_id, int) or isinstance(statement_id, bool):
        raise InputError(
            f"an {ADAPT_JOB_KIND} job needs an integer statement_id, got {statement_id!r}",
            code=ErrorCode.INVALID_INPUT,
            field="statement_id",
        )
    run_adapt_job(workspace, statement_id)


def run_adapt_job(workspace: Workspace, statement_id: int) -> StatementStatus:
    """Adapt a queued (or failed, or interrupted) statement and store the result; idempotent.

    A ready statement is left alone. An :class:`AdaptError` in the statement marks it
    ``failed`` with its code and message. An unavailable database or a bug also marks it
    failed and is raised again, so the job queue can retry it.
    """
    statements = workspace.store.statements
    record = statements.start_adaptation(statement_id, SYSTEM_ACTOR)
    if record is None:
        return StatementStatus.READY
    try:
        requests = [AdaptRequest.stored(record, platform) for platform in record.platforms]
        outcomes = adapt_statements(workspace, requests, record.targets, record.max_lines)
        adaptations = [outcome.unwrap() for outcome in outcomes]
    except AdaptError as error:
        statements.fail_adaptation(statement_id, _error(error), SYSTEM_ACTOR)
        if error.code is ErrorCode.DATABASE_UNAVAILABLE:
            raise
        return StatementStatus.FAILED
    except Exception as error:
        failure = StatementError(
            code=ErrorCode.INTERNAL_ERROR.value,
            message=f"internal error ({type(error).__name__}); the job will be retried",
        )
        statements.fail_adaptation(statement_id, failure, SYSTEM_ACTOR)
        raise
    source_language = adaptations[0].source_language
    statements.store_adaptation(
        statement_id, source_language, line_drafts(adaptations), SYSTEM_ACTOR
    )
    return StatementStatus.READY


def _error(error: AdaptError) -> StatementError:
    return StatementError(code=error.code.value, message=error.message)


def line_drafts(adaptations: Sequence[StatementAdaptation]) -> list[LineDraft]:
    """The lines of every platform's adaptation, merged by post text: the first platform's
    lines in rank order, then any line only a later platform found.

    Each platform extracts its own lines (their length limits differ); a line found for
    several platforms is stored once with one rendition per language and platform.
    """
    merged: dict[str, LineDraft] = {}
    for adaptation in adaptations:
        for line in adaptation.lines:
            draft = merged.setdefault(
                line.source, LineDraft(line.source, line.score, line.reasons, [])
            )
            draft.renditions.extend(
                RenditionDraft(language, adaptation.platform, rendition)
                for language, rendition in line.renditions.items()
            )
    return list(merged.values())
