"""What a stored statement looks like to every edge: ``GET /v1/statements/{id}`` and lists.

Each rendition carries its review status, computed by the two-person rule from the reviews
of its current version (:func:`service.review.review_status`).
"""

import itertools
from collections.abc import Mapping, Sequence

from pydantic import Field

from service.languages import Language
from service.models import (
    Model,
    UtcInstant,
)
from service.review import Review, ReviewState, ReviewStatus, review_status
from service.store.records import (
    LineRecord,
    RenditionFields,
    RenditionRecord,
    StatementError,
    StatementRecord,
    StatementStatus,
)
from service.workflow.workspace import Workspace


class RenditionView(RenditionFields):
    """One rendition with its current version and review status."""

    review: ReviewStatus


class LineView(Model):
    id: int
    position: int
    source: str = Field(description="The post: the line, the link and the hashtags.")
    score: float
    reasons: list[str]
    renditions: list[RenditionView]


class StatementView(StatementRecord):
    """A statement, its adaptation status and, once ready, its lines and renditions."""

    lines: list[LineView]


class StatementSummary(Model):
    """A statement in a list: no lines, but how many renditions are in each review state."""

    id: int
    status: StatementStatus
    error: StatementError | None
    source_language: Language | None
    title: str | None
    approval_ref: str
    created_by: str
    created_at_utc: UtcInstant
    updated_at_utc: UtcInstant
    renditions: dict[ReviewState, int]


class StatementList(Model):
    statements: list[StatementSummary]
    total: int = Field(description="How many statements match, on every page.")
    limit: int
    offset: int


def rendition_view(
    record: RenditionRecord, reviews: Sequence[Review], required: int
) -> RenditionView:
    status = review_status(record.version, record.last_editor, reviews, required)
    data = record.model_dump(exclude={"source", "review_state"})
    return RenditionView(**data, review=status)


def load_rendition_view(workspace: Workspace, rendition_id: int) -> RenditionView:
    """The rendition as it is now, with its review status."""
    renditions = workspace.store.renditions
    record = renditions.get(rendition_id)
    reviews = renditions.reviews([rendition_id])[rendition_id]
    return rendition_view(record, reviews, workspace.settings.required_approvals)


def statement_view(
    workspace: Workspace,
    record: StatementRecord,
    lines: Sequence[LineRecord],
    renditions: Sequence[RenditionRecord],
) -> StatementView:
    """The statement with its lines, each with its renditions in target and platform order."""
    reviews = workspace.store.renditions.reviews([rendition.id for rendition in renditions])
    return _view(workspace.settings.required_approvals, record, lines, renditions, reviews)


def statement_views(
    workspace: Workspace, records: Sequence[StatementRecord]
) -> dict[int, StatementView]:
    """:func:`statement_view` of several stored statements by id, their lines, renditions
    and reviews read together: three queries in all rather than three for each."""
    ids = [record.id for record in records]
    store = workspace.store
    lines = store.statements.lines_of(ids)
    renditions = store.renditions.of_statements(ids)
    reviews = store.renditions.reviews([item.id for found in renditions.values() for item in found])
    required = workspace.settings.required_approvals
    return {
        record.id: _view(required, record, lines[record.id], renditions[record.id], reviews)
        for record in records
    }


def _view(
    required: int,
    record: StatementRecord,
    lines: Sequence[LineRecord],
    renditions: Sequence[RenditionRecord],
    reviews: Mapping[int, Sequence[Review]],
) -> StatementView:
    by_line: dict[int, list[RenditionView]] = {line.id: [] for line in lines}
    pairs = itertools.product(record.targets, record.platforms)
    order = {pair: index for index, pair in enumerate(pairs)}
    ranked = sorted(renditions, key=lambda item: order.get((item.language, item.platform), 0))
    for rendition in ranked:
        by_line[rendition.line_id].append(
            rendition_view(rendition, reviews[rendition.id], required)
        )
    return StatementView(
        **record.model_dump(),
        lines=[
            LineView(**line.model_dump(exclude={"statement_id"}), renditions=by_line[line.id])
            for line in lines
        ],
    )


def statement_summary(record: StatementRecord, counts: dict[ReviewState, int]) -> StatementSummary:
    return StatementSummary(
        **record.model_dump(
            include={
                "id",
                "status",
                "error",
                "source_language",
                "title",
                "approval_ref",
                "created_by",
                "created_at_utc",
                "updated_at_utc",
            }
        ),
        renditions={state: counts.get(state, 0) for state in ReviewState},
    )
