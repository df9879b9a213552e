"""The audit log: every state change with who, when and what."""

from typing import Annotated

from fastapi import APIRouter, Query

from service.api.deps import UserDep, WorkspaceDep
from service.api.problems import problem_responses
from service.workflow.audit import AuditLog, AuditQuery, audit_log

router = APIRouter(prefix="/v1", tags=["audit"], responses=problem_responses())


@router.get("/audit", summary="The append-only audit log")
def audit(
    workspace: WorkspaceDep,
    user: UserDep,
    statement: Annotated[int | None, Query(description="Only this statement's entries.")] = None,
    after_id: Annotated[int | None, Query(description="Entries after this id.")] = None,
    limit: Annotated[int | None, Query(description="At most this many entries.")] = None,
) -> AuditLog:
    """Oldest first; page with ``after_id`` (the last id of the previous page)."""
    given = {"statement_id": statement, "after_id": after_id, "limit": limit}
    query = AuditQuery.model_validate(
        {key: value for key, value in given.items() if value is not None}
    )
    return audit_log(workspace, user, query)
