"""A reviewer's queue: the ready statements with renditions waiting for this person.

A rendition waits for the viewer when it is not approved and the core would accept the
viewer's approval of its current version now (:func:`service.review.review_refusal`), or
when it has no text yet and the viewer may write it. Urgent statements come first, then the
oldest; the filters are a language, a review state and urgency.
"""

from pydantic import Field

from service.languages import Language
from service.models import Model, UtcInstant
from service.review import (
    Action,
    Review,
    ReviewDecision,
    ReviewState,
    User,
    authorize,
    permission_refusal,
    review_refusal,
    review_status,
)
from service.store.records import RenditionRecord, StatementRecord, StatementStatus
from service.store.statements import StatementFilter
from service.workflow.review_page import LanguageLabel, language_labels
from service.workflow.workspace import Workspace

MAX_SCANNED = 500
"""The newest ready statements the queue looks through."""


class QueueQuery(Model):
    language: Language | None = None
    review_state: ReviewState | None = None
    urgent: bool | None = Field(default=None, description="Only urgent (or only not urgent).")
    limit: int = Field(default=100, ge=1, le=MAX_SCANNED)


class QueueItem(Model):
    statement_id: int
    title: str | None
    approval_ref: str
    source_language: Language | None
    urgent: bool
    created_at_utc: UtcInstant
    waiting: int = Field(description="Renditions waiting for the viewer.")
    languages: list[Language] = Field(description="Their languages, in UN order.")
    states: dict[ReviewState, int] = Field(description="The waiting renditions by state.")


class ReviewQueue(Model):
    viewer: str
    query: QueueQuery
    items: list[QueueItem]
    languages: list[LanguageLabel] = Field(description="The six languages, to filter by.")


def _waits(
    viewer: User, record: RenditionRecord, reviews: list[Review], required: int
) -> ReviewState | None:
    """The rendition's state when it waits for ``viewer``; None when it does not."""
    state = review_status(record.version, record.last_editor, reviews, required).state
    if state is ReviewState.APPROVED:
        return None
    if not record.text.strip():
        return None if permission_refusal(viewer, Action.EDIT, record.language) else state
    refusal = review_refusal(
        viewer,
        ReviewDecision.APPROVE,
        record.language,
        record.version,
        current_version=record.version,
        last_editor=record.last_editor,
        reviews=reviews,
    )
    return state if refusal is None else None


def _item(
    workspace: Workspace, viewer: User, record: StatementRecord, query: QueueQuery
) -> QueueItem:
    renditions = workspace.store.renditions
    records = renditions.of_statement(record.id)
    if query.language is not None:
        records = [item for item in records if item.language is query.language]
    reviews = renditions.reviews([item.id for item in records])
    required = workspace.settings.required_approvals
    waiting = [(item, _waits(viewer, item, reviews[item.id], required)) for item in records]
    states: dict[ReviewState, int] = {}
    languages: set[Language] = set()
    for item, state in waiting:
        if state is not None and query.review_state in (None, state):
            states[state] = states.get(state, 0) + 1
            languages.add(item.language)
    return QueueItem(
        statement_id=record.id,
        title=record.title,
        approval_ref=record.approval_ref,
        source_language=record.source_language,
        urgent=record.urgent,
        created_at_utc=record.created_at_utc,
        waiting=sum(states.values()),
        languages=[language for language in Language if language in languages],
        states=states,
    )


def review_queue(workspace: Workspace, viewer: User, query: QueueQuery) -> ReviewQueue:
    """The statements with renditions waiting for ``viewer``: urgent first, then oldest."""
    authorize(viewer, Action.READ)
    where = StatementFilter(
        status=StatementStatus.READY,
        language=query.language,
        review_state=query.review_state,
        limit=MAX_SCANNED,
    )
    records, _ = workspace.store.statements.list_statements(where)
    if query.urgent is not None:
        records = [record for record in records if record.urgent is query.urgent]
    items = [_item(workspace, viewer, record, query) for record in records]
    waiting = [item for item in items if item.waiting]
    waiting.sort(key=lambda item: (not item.urgent, item.created_at_utc, item.statement_id))
    return ReviewQueue(
        viewer=viewer.name,
        query=query,
        items=waiting[: query.limit],
        languages=language_labels(workspace),
    )
