"""The audit log: append-only, by design of this repository and by database triggers.

Every state change appends one entry in the same transaction as the change itself
(:func:`append`, used by the other repositories of this package), so the log can never
miss a change or record one that was rolled back. There is no update and no delete.
"""

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.store.records import AuditDraft, AuditEntry
from service.store.repository import TransactionFactory
from service.store.tables import AuditRow


def append(session: Session, draft: AuditDraft) -> None:
    """Add one entry to the log inside the caller's transaction."""
    session.add(
        AuditRow(
            at_utc=datetime.now(UTC),
            actor=draft.actor,
            action=draft.action.value,
            statement_id=draft.statement_id,
            rendition_id=draft.rendition_id,
            detail=draft.detail,
        )
    )


class AuditRepository:
    """Appends entries on their own, and reads the log back, oldest first."""

    def __init__(self, transaction: TransactionFactory, read: TransactionFactory) -> None:
        self._transaction = transaction
        self._read = read

    def append(self, draft: AuditDraft) -> None:
        """Append an entry for a change that writes nothing else (a plan, an export)."""
        with self._transaction() as session:
            append(session, draft)

    def entries(
        self, statement_id: int | None = None, *, after_id: int = 0, limit: int = 100
    ) -> list[AuditEntry]:
        """Entries with an id above ``after_id`` (of one statement, if given), oldest first."""
        query = select(AuditRow).where(AuditRow.id > after_id).order_by(AuditRow.id).limit(limit)
        if statement_id is not None:
            query = query.where(AuditRow.statement_id == statement_id)
        with self._read() as session:
            return [
                AuditEntry.model_validate(row, from_attributes=True)
                for row in session.scalars(query)
            ]
