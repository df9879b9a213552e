"""Statements: submit one (adapted by a job), read it, list them, plan and export it."""

from typing import Annotated

from fastapi import APIRouter, Body, Query, Request, Response
from pydantic import JsonValue

from service.api.deps import JobQueueDep, PathId, UserDep, WorkspaceDep
from service.api.problems import problem_responses
from service.workflow.exports import (
    MEDIA_TYPES,
    StatementExportRequest,
    export_statement,
)
from service.workflow.publishing import PlanRequest, StatementPlan, plan_statement
from service.workflow.statement_views import StatementList, StatementView
from service.workflow.statements import (
    ADAPT_JOB_KIND,
    QueuedStatement,
    StatementQuery,
    StatementRequest,
    adapt_job_payload,
    get_statement,
    list_statements,
    submit_statement,
)

router = APIRouter(prefix="/v1/statements", tags=["statements"], responses=problem_responses())


@router.post("", status_code=202, summary="Submit a statement (editor)")
def submit(
    body: StatementRequest,
    request: Request,
    response: Response,
    workspace: WorkspaceDep,
    jobs: JobQueueDep,
    user: UserDep,
) -> QueuedStatement:
    """Check and store the statement, queue its adaptation; poll its ``Location``."""
    queued = submit_statement(workspace, user, body)
    payload: dict[str, JsonValue] = {**adapt_job_payload(queued.id)}
    jobs.submit(ADAPT_JOB_KIND, payload)
    response.headers["Location"] = str(request.url_for("read", statement_id=queued.id))
    return queued


@router.get("", summary="List statements")
def list_all(
    query: Annotated[StatementQuery, Query()], workspace: WorkspaceDep, user: UserDep
) -> StatementList:
    """Newest first; filter by status, a target language and a review state."""
    return list_statements(workspace, user, query)


@router.get("/{statement_id}", summary="A statement, its lines and renditions")
def read(statement_id: PathId, workspace: WorkspaceDep, user: UserDep) -> StatementView:
    return get_statement(workspace, user, statement_id)


@router.post("/{statement_id}/plan", summary="Plan the approved renditions (publisher)")
def plan(
    statement_id: PathId,
    workspace: WorkspaceDep,
    user: UserDep,
    body: Annotated[PlanRequest | None, Body()] = None,
) -> StatementPlan:
    """Slots for the approved renditions per audience; the others are listed as blocked."""
    return plan_statement(workspace, user, statement_id, body or PlanRequest())


_EXPORT_CONTENT: dict[int | str, dict[str, object]] = {
    200: {
        "description": "The file: approved renditions only.",
        "content": {media_type: {} for media_type in dict.fromkeys(MEDIA_TYPES.values())},
    }
}


@router.get(
    "/{statement_id}/export",
    summary="Export the approved renditions (publisher)",
    response_class=Response,
    responses=_EXPORT_CONTENT,
)
def export(
    statement_id: PathId,
    query: Annotated[StatementExportRequest, Query()],
    workspace: WorkspaceDep,
    user: UserDep,
) -> Response:
    """JSON, an iCalendar, a Hootsuite CSV or XLIFF 2.0; nothing that is not approved."""
    exported = export_statement(workspace, user, statement_id, query)
    disposition = f'attachment; filename="{exported.filename}"'
    return Response(
        exported.content,
        media_type=exported.media_type,
        headers={"Content-Disposition": disposition},
    )
