"""The audit log, read back: every state change with who, when and what."""

from pydantic import Field

from service.models import MAX_ROW_ID, Model, RowId
from service.review import Action, User, authorize
from service.store.records import AuditEntry
from service.workflow.workspace import Workspace

MAX_ENTRIES = 1000


class AuditQuery(Model):
    """``GET /v1/audit``: one statement's entries (or all), after an id, a page at a time."""

    statement_id: RowId | None = None
    after_id: int = Field(
        default=0, ge=0, le=MAX_ROW_ID, description="Entries after this id (paging)."
    )
    limit: int = Field(default=100, ge=1, le=MAX_ENTRIES)


class AuditLog(Model):
    entries: list[AuditEntry]


def audit_log(workspace: Workspace, actor: User, query: AuditQuery) -> AuditLog:
    """The entries that match, oldest first; the log itself is append-only."""
    authorize(actor, Action.READ)
    entries = workspace.store.audit.entries(
        query.statement_id, after_id=query.after_id, limit=query.limit
    )
    return AuditLog(entries=entries)
