"""Statements and their lines: submit, read, list, and the adaptation job's three writes.

The adaptation job (``service.workflow.statements.run_adapt_job``) calls
:meth:`StatementRepository.start_adaptation`, then stores everything it made with
:meth:`StatementRepository.store_adaptation` in ONE transaction, or records the failure.
A redelivered job finds the statement ready and stores nothing; a job that died half-way
left nothing behind, and any rows it might have left are deleted before the new ones go in.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import Select, delete, exists, func, insert, select
from sqlalchemy.orm import Session

from service.languages import Language
from service.review import ReviewState
from service.store.audit import append
from service.store.records import (
    AdaptationDraft,
    AuditAction,
    AuditDraft,
    LineDraft,
    LineRecord,
    StatementDraft,
    StatementError,
    StatementRecord,
    StatementStatus,
    not_found,
)
from service.store.renditions import new_rendition_rows
from service.store.repository import TransactionFactory
from service.store.tables import LineRow, RenditionRow, StatementRow

_Query = TypeVar("_Query", bound=Select[Any])
_READY = StatementStatus.READY.value


@dataclass(frozen=True)
class StatementFilter:
    """Which statements to list; ``language`` and ``review_state`` look at the renditions
    (a statement with at least one rendition in that language, and in that state)."""

    status: StatementStatus | None = None
    language: Language | None = None
    review_state: ReviewState | None = None
    limit: int = 50
    offset: int = 0


def _record(row: StatementRow) -> StatementRecord:
    record = StatementRecord.model_validate(row, from_attributes=True)
    if row.error_code is None:
        return record
    error = StatementError(code=row.error_code, message=row.error_message or "")
    return record.model_copy(update={"error": error})


def _new_row(draft: StatementDraft, now: datetime) -> StatementRow:
    return StatementRow(
        **draft.model_dump(mode="json"),
        status=StatementStatus.QUEUED.value,
        created_at_utc=now,
        updated_at_utc=now,
    )


def _locked(session: Session, statement_id: int) -> StatementRow:
    return _locked_rows(session, [statement_id])[statement_id]


def _locked_rows(session: Session, statement_ids: Sequence[int]) -> dict[int, StatementRow]:
    """The statements' rows by id, locked until the transaction ends (FOR UPDATE on
    PostgreSQL, in id order so that two writers cannot deadlock; on SQLite the write
    transaction already holds the database's write lock). ``not_found`` if one is missing."""
    query = (
        select(StatementRow)
        .where(StatementRow.id.in_(list(statement_ids)))
        .order_by(StatementRow.id)
        .with_for_update()
    )
    rows = {row.id: row for row in session.scalars(query)}
    for statement_id in statement_ids:
        if statement_id not in rows:
            raise not_found("statement", statement_id)
    return rows


def _filtered(query: _Query, where: StatementFilter) -> _Query:
    if where.status is not None:
        query = query.where(StatementRow.status == where.status.value)
    if where.language is not None or where.review_state is not None:
        rendition = (
            select(RenditionRow.id)
            .join(LineRow, LineRow.id == RenditionRow.line_id)
            .where(LineRow.statement_id == StatementRow.id)
        )
        if where.language is not None:
            rendition = rendition.where(RenditionRow.language == where.language.value)
        if where.review_state is not None:
            rendition = rendition.where(RenditionRow.review_state == where.review_state.value)
        query = query.where(exists(rendition))
    return query


class StatementRepository:
    def __init__(self, transaction: TransactionFactory, read: TransactionFactory) -> None:
        self._transaction = transaction
        self._read = read

    def create(self, draft: StatementDraft) -> StatementRecord:
        """Store a submitted statement as ``queued``, with its audit entry."""
        return self.create_many([draft])[0]

    def create_many(self, drafts: Sequence[StatementDraft]) -> list[StatementRecord]:
        """Store several submitted statements ``queued`` in one transaction (a batch's),
        each with its audit entry; all of them or none."""
        with self._transaction() as session:
            now = datetime.now(UTC)
            rows = [_new_row(draft, now) for draft in drafts]
            session.add_all(rows)
            session.flush()
            for row, draft in zip(rows, drafts, strict=True):
                detail = {"approval_ref": draft.approval_ref, "targets": row.targets}
                action = AuditAction.STATEMENT_SUBMITTED
                append(session, AuditDraft(draft.created_by, action, row.id, None, detail))
            return [_record(row) for row in rows]

    def get(self, statement_id: int) -> StatementRecord:
        with self._read() as session:
            row = session.get(StatementRow, statement_id)
            if row is None:
                raise not_found("statement", statement_id)
            return _record(row)

    def get_many(self, statement_ids: Sequence[int]) -> dict[int, StatementRecord]:
        """The statements with these ids, read together; ``not_found`` if one is missing."""
        query = select(StatementRow).where(StatementRow.id.in_(list(statement_ids)))
        with self._read() as session:
            found = {row.id: _record(row) for row in session.scalars(query)}
        for statement_id in statement_ids:
            if statement_id not in found:
                raise not_found("statement", statement_id)
        return found

    def ids_by_approval_ref(self, prefix: str) -> dict[str, int]:
        """The statements whose approval reference starts with ``prefix``: ref -> id."""
        query = select(StatementRow.approval_ref, StatementRow.id).where(
            StatementRow.approval_ref.startswith(prefix, autoescape=True)
        )
        with self._read() as session:
            return {ref: statement_id for ref, statement_id in session.execute(query)}

    def list_statements(self, where: StatementFilter) -> tuple[list[StatementRecord], int]:
        """One page of the statements that match, newest first, and how many match in all."""
        query = _filtered(select(StatementRow), where)
        counted = _filtered(select(func.count()).select_from(StatementRow), where)
        page = query.order_by(StatementRow.id.desc()).limit(where.limit).offset(where.offset)
        with self._read() as session:
            total = session.scalar(counted) or 0
            return [_record(row) for row in session.scalars(page)], total

    def review_counts(self, statement_ids: Sequence[int]) -> dict[int, dict[ReviewState, int]]:
        """How many renditions of each statement are in each review state."""
        query = (
            select(LineRow.statement_id, RenditionRow.review_state, func.count())
            .join(RenditionRow, RenditionRow.line_id == LineRow.id)
            .where(LineRow.statement_id.in_(list(statement_ids)))
            .group_by(LineRow.statement_id, RenditionRow.review_state)
        )
        counts: dict[int, dict[ReviewState, int]] = {item: {} for item in statement_ids}
        with self._read() as session:
            for statement_id, state, count in session.execute(query):
                counts[statement_id][ReviewState(state)] = count
        return counts

    def lines(self, statement_id: int) -> list[LineRecord]:
        return self.lines_of([statement_id])[statement_id]

    def lines_of(self, statement_ids: Sequence[int]) -> dict[int, list[LineRecord]]:
        """The lines of each statement, by position, read together."""
        query = (
            select(LineRow)
            .where(LineRow.statement_id.in_(list(statement_ids)))
            .order_by(LineRow.statement_id, LineRow.position)
        )
        found: dict[int, list[LineRecord]] = {item: [] for item in statement_ids}
        with self._read() as session:
            for row in session.scalars(query):
                found[row.statement_id].append(LineRecord.model_validate(row, from_attributes=True))
        return found

    def start_adaptation(self, statement_id: int, actor: str) -> StatementRecord | None:
        """Mark the statement ``adapting`` and return it; ``None`` when it is already ready."""
        return self.start_adaptations([statement_id], actor)[0]

    def start_adaptations(
        self, statement_ids: Sequence[int], actor: str
    ) -> list[StatementRecord | None]:
        """:meth:`start_adaptation` for several statements (a batch chunk), in one
        transaction; the rows are locked in id order, so two chunks cannot deadlock."""
        with self._transaction() as session:
            rows = _locked_rows(session, statement_ids)
            now = datetime.now(UTC)
            started: list[StatementRecord | None] = []
            for statement_id in statement_ids:
                row = rows[statement_id]
                if row.status == _READY:
                    started.append(None)
                    continue
                row.status = StatementStatus.ADAPTING.value
                row.error_code = row.error_message = None
                row.updated_at_utc = now
                append(session, AuditDraft(actor, AuditAction.ADAPTATION_STARTED, statement_id))
                started.append(_record(row))
            return started

    def store_adaptation(
        self, statement_id: int, source_language: Language, lines: Sequence[LineDraft], actor: str
    ) -> bool:
        """Store lines, renditions and first revisions, and mark the statement ``ready``.

        One transaction. Returns ``False`` and stores nothing when the statement is already
        ready (another delivery of the same job finished first).
        """
        draft = AdaptationDraft(statement_id, source_language, lines)
        return self.store_adaptations([draft], actor)[0]

    def store_adaptations(self, drafts: Sequence[AdaptationDraft], actor: str) -> list[bool]:
        """:meth:`store_adaptation` for several statements (a batch chunk) in one
        transaction, each table written with one multi-row statement; the rows are locked
        in id order."""
        with self._transaction() as session:
            rows = _locked_rows(session, [draft.statement_id for draft in drafts])
            stored: list[bool] = []  # a statement given twice is stored the first time
            todo: list[AdaptationDraft] = []
            seen: set[int] = set()
            for draft in drafts:
                fresh = draft.statement_id not in seen and rows[draft.statement_id].status != _READY
                seen.add(draft.statement_id)
                stored.append(fresh)
                if fresh:
                    todo.append(draft)
            if todo:
                ids = [draft.statement_id for draft in todo]
                session.execute(delete(LineRow).where(LineRow.statement_id.in_(ids)))
                _add_lines(session, todo)
            now = datetime.now(UTC)
            for draft in todo:
                row = rows[draft.statement_id]
                row.status = _READY
                row.source_language = draft.source_language.value
                row.error_code = row.error_message = None
                row.updated_at_utc = now
                renditions = sum(len(line.renditions) for line in draft.lines)
                detail = {"lines": len(draft.lines), "renditions": renditions}
                action = AuditAction.ADAPTATION_READY
                append(session, AuditDraft(actor, action, draft.statement_id, None, detail))
            return stored

    def fail_adaptation(self, statement_id: int, error: StatementError, actor: str) -> None:
        """Mark the statement ``failed`` with the error (unless it is ready after all)."""
        with self._transaction() as session:
            row = _locked(session, statement_id)
            if row.status == _READY:
                return
            row.status = StatementStatus.FAILED.value
            row.error_code, row.error_message = error.code, error.message
            row.updated_at_utc = datetime.now(UTC)
            detail = error.model_dump(mode="json")
            append(
                session,
                AuditDraft(actor, AuditAction.ADAPTATION_FAILED, statement_id, None, detail),
            )


def _add_lines(session: Session, drafts: Sequence[AdaptationDraft]) -> None:
    """Insert the statements' lines, then their renditions and first revisions."""
    lines = [line for draft in drafts for line in draft.lines]
    if not lines:
        return
    inserted = insert(LineRow).returning(LineRow.id, sort_by_parameter_order=True)
    values = [
        {
            "statement_id": draft.statement_id,
            "position": position,
            "source": line.source,
            "score": line.score,
            "reasons": line.reasons,
        }
        for draft in drafts
        for position, line in enumerate(draft.lines, start=1)
    ]
    line_ids = session.scalars(inserted, values).all()
    renditions = [
        (line_id, rendition)
        for line_id, line in zip(line_ids, lines, strict=True)
        for rendition in line.renditions
    ]
    new_rendition_rows(session, renditions)
