"""Renditions, their revisions and their reviews: the writes the two-person rule guards.

* An edit is one conditional UPDATE (``WHERE id = :id AND version = :base``): of many
  concurrent edits of one version exactly one matches; the others get ``stale_version``.
* A review locks the rendition's row (``SELECT ... FOR UPDATE`` on PostgreSQL; a SQLite
  write transaction holds the write lock from its ``BEGIN IMMEDIATE``), checks the rule
  against the reviews of the current version, inserts the review and stores the new
  review state. The unique (rendition, version, reviewer, decision) constraint backs the
  rule up: a violation is ``already_approved``, never a server error.

Each write appends its audit entry in the same transaction.
"""

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from service.models import (
    Finding,
    MemorySuggestion,
    RenditionChange,
    RenditionOrigin,
)
from service.review import (
    Review,
    ReviewDecision,
    ReviewState,
    ReviewStatus,
    check_current,
    check_review,
    repeated_review,
    review_status,
)
from service.store.audit import append
from service.store.records import (
    AuditAction,
    AuditDraft,
    EditDraft,
    RenditionDraft,
    RenditionRecord,
    RevisionRecord,
    not_found,
)
from service.store.repository import TransactionFactory
from service.store.tables import LineRow, RenditionRow, ReviewRow, RevisionRow, StatementRow

_COLUMNS = [name for name in RenditionRecord.model_fields if name in RenditionRow.__table__.c]
_DECISION_ACTIONS = {
    ReviewDecision.APPROVE: AuditAction.RENDITION_APPROVED,
    ReviewDecision.REQUEST_CHANGES: AuditAction.CHANGES_REQUESTED,
}


def _dump(items: Iterable[Finding | RenditionChange | MemorySuggestion]) -> list[dict[str, object]]:
    return [item.model_dump(mode="json") for item in items]


def new_rendition_rows(session: Session, drafts: Sequence[tuple[int, RenditionDraft]]) -> int:
    """Insert renditions ``(line id, draft)`` at version 1 with their first revisions, in
    two multi-row INSERTs; return how many."""
    if not drafts:
        return 0
    now = datetime.now(UTC)
    values = [
        {
            **draft.rendition.model_dump(mode="json"),
            "line_id": line_id,
            "language": draft.language.value,
            "platform": draft.platform,
            "version": 1,
            "last_editor": None,
            "review_state": ReviewState.PENDING.value,
        }
        for line_id, draft in drafts
    ]
    inserted = insert(RenditionRow).returning(RenditionRow.id, sort_by_parameter_order=True)
    ids = session.scalars(inserted, values).all()
    session.execute(
        insert(RevisionRow),
        [
            {
                "rendition_id": rendition_id,
                "version": 1,
                "text": value["text"],
                "origin": value["origin"],
                "author": None,
                "created_at_utc": now,
                "findings": value["findings"],
            }
            for rendition_id, value in zip(ids, values, strict=True)
        ],
    )
    return len(ids)


def _record(row: RenditionRow, line: LineRow) -> RenditionRecord:
    columns = {name: getattr(row, name) for name in _COLUMNS}
    return RenditionRecord.model_validate(
        {**columns, "statement_id": line.statement_id, "source": line.source}
    )


def _review(row: ReviewRow) -> Review:
    return Review.model_validate(row, from_attributes=True)


def _get(session: Session, rendition_id: int, *, lock: bool = False) -> RenditionRecord:
    """The rendition with its line; locked until the transaction ends when ``lock``."""
    query = (
        select(RenditionRow, LineRow)
        .join(LineRow, LineRow.id == RenditionRow.line_id)
        .where(RenditionRow.id == rendition_id)
    )
    if lock:
        query = query.with_for_update(of=RenditionRow)
    found = session.execute(query).one_or_none()
    if found is None:
        raise not_found("rendition", rendition_id)
    return _record(*found)


def _reviews_of(session: Session, rendition_id: int, version: int | None = None) -> list[Review]:
    query = select(ReviewRow).where(ReviewRow.rendition_id == rendition_id).order_by(ReviewRow.id)
    if version is not None:
        query = query.where(ReviewRow.version == version)
    return [_review(row) for row in session.scalars(query)]


class RenditionRepository:
    def __init__(self, transaction: TransactionFactory, read: TransactionFactory) -> None:
        self._transaction = transaction
        self._read = read

    def get(self, rendition_id: int) -> RenditionRecord:
        with self._read() as session:
            return _get(session, rendition_id)

    def machine_translated(self) -> dict[tuple[str, str], int]:
        """How many renditions machine translation wrote (their first revision is ``mt``),
        by the statement's source language and the rendition's language."""
        query = (
            select(StatementRow.source_language, RenditionRow.language, func.count())
            .select_from(RevisionRow)
            .join(RenditionRow, RevisionRow.rendition_id == RenditionRow.id)
            .join(LineRow, RenditionRow.line_id == LineRow.id)
            .join(StatementRow, LineRow.statement_id == StatementRow.id)
            .where(RevisionRow.version == 1, RevisionRow.origin == RenditionOrigin.MT.value)
            .group_by(StatementRow.source_language, RenditionRow.language)
        )
        with self._read() as session:
            return {
                (str(source), str(target)): count
                for source, target, count in session.execute(query)
            }

    def of_statement(self, statement_id: int) -> list[RenditionRecord]:
        """Every rendition of the statement, by line position, in the order stored."""
        return self.of_statements([statement_id])[statement_id]

    def of_statements(self, statement_ids: Sequence[int]) -> dict[int, list[RenditionRecord]]:
        """:meth:`of_statement` for several statements, read together."""
        query = (
            select(RenditionRow, LineRow)
            .join(LineRow, LineRow.id == RenditionRow.line_id)
            .where(LineRow.statement_id.in_(list(statement_ids)))
            .order_by(LineRow.statement_id, LineRow.position, RenditionRow.id)
        )
        found: dict[int, list[RenditionRecord]] = {item: [] for item in statement_ids}
        with self._read() as session:
            for row, line in session.execute(query):
                found[line.statement_id].append(_record(row, line))
        return found

    def reviews(self, rendition_ids: Sequence[int]) -> dict[int, list[Review]]:
        """The reviews of each rendition (every version), oldest first."""
        found: dict[int, list[Review]] = {rendition_id: [] for rendition_id in rendition_ids}
        query = (
            select(ReviewRow)
            .where(ReviewRow.rendition_id.in_(list(rendition_ids)))
            .order_by(ReviewRow.id)
        )
        with self._read() as session:
            for row in session.scalars(query):
                found[row.rendition_id].append(_review(row))
        return found

    def revisions(self, rendition_id: int) -> list[RevisionRecord]:
        """Every version of the rendition's text, oldest first."""
        query = (
            select(RevisionRow)
            .where(RevisionRow.rendition_id == rendition_id)
            .order_by(RevisionRow.version)
        )
        with self._read() as session:
            rows = session.scalars(query)
            return [RevisionRecord.model_validate(row, from_attributes=True) for row in rows]

    def edit(self, draft: EditDraft) -> RenditionRecord:
        """Store a person's new text as the next version, if ``base_version`` is current.

        Raises ``stale_version`` when another edit got there first, ``not_found`` when
        there is no such rendition.
        """
        version = draft.base_version + 1
        values = {
            "text": draft.text,
            "version": version,
            "origin": RenditionOrigin.EDITED.value,
            "findings": _dump(draft.findings),
            "length": draft.length,
            "fits": draft.fits,
            "thread": [],
            "last_editor": draft.editor,
            "review_state": ReviewState.PENDING.value,
        }
        with self._transaction() as session:
            changed = session.execute(
                update(RenditionRow)
                .where(
                    RenditionRow.id == draft.rendition_id,
                    RenditionRow.version == draft.base_version,
                )
                .values(**values)
                .execution_options(synchronize_session=False)
            )
            current = _get(session, draft.rendition_id)
            if changed.rowcount != 1:  # type: ignore[attr-defined]
                check_current(draft.base_version, current.version, f"rendition {current.id}")
            session.add(
                RevisionRow(
                    rendition_id=draft.rendition_id,
                    version=version,
                    text=draft.text,
                    origin=RenditionOrigin.EDITED.value,
                    author=draft.editor,
                    created_at_utc=datetime.now(UTC),
                    findings=values["findings"],
                )
            )
            detail = {"version": version, "previous_version": draft.base_version}
            audit = AuditDraft(
                draft.editor, AuditAction.RENDITION_EDITED, current.statement_id, current.id, detail
            )
            append(session, audit)
            return current

    def review(
        self,
        rendition_id: int,
        review: Review,
        required: int,
    ) -> tuple[RenditionRecord, ReviewStatus]:
        """Record ``review`` of the current version under the rule; return the new status."""
        try:
            with self._transaction() as session:
                return self._review(session, rendition_id, review, required)
        except IntegrityError:
            raise repeated_review(review.reviewer, review.decision, review.version) from None

    @staticmethod
    def _review(
        session: Session, rendition_id: int, review: Review, required: int
    ) -> tuple[RenditionRecord, ReviewStatus]:
        current = _get(session, rendition_id, lock=True)
        earlier = _reviews_of(session, rendition_id, current.version)
        check_review(
            review.reviewer,
            review.decision,
            review.version,
            current_version=current.version,
            last_editor=current.last_editor,
            reviews=earlier,
        )
        session.add(
            ReviewRow(
                rendition_id=rendition_id,
                version=review.version,
                reviewer=review.reviewer,
                decision=review.decision.value,
                comment=review.comment,
                created_at_utc=review.created_at_utc,
            )
        )
        session.flush()
        status = review_status(current.version, current.last_editor, [*earlier, review], required)
        session.execute(
            update(RenditionRow)
            .where(RenditionRow.id == rendition_id)
            .values(review_state=status.state.value)
            .execution_options(synchronize_session=False)
        )
        detail = {"version": review.version, "state": status.state.value}
        if review.comment:
            detail["comment"] = review.comment
        action = _DECISION_ACTIONS[review.decision]
        append(
            session, AuditDraft(review.reviewer, action, current.statement_id, rendition_id, detail)
        )
        return current.model_copy(update={"review_state": status.state}), status
