"""``/healthz`` and ``/metrics``: for load balancers and Prometheus, without a token."""

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from service.api.deps import JobQueueDep, WorkspaceDep
from service.workflow.health import ServiceHealth, service_health

router = APIRouter(tags=["operations"])


@router.get(
    "/healthz",
    summary="Whether the database answers and jobs can run",
    response_model=ServiceHealth,
    responses={503: {"model": ServiceHealth, "description": "Something is down."}},
)
def healthz(workspace: WorkspaceDep, jobs: JobQueueDep) -> JSONResponse:
    health = service_health(workspace, jobs)
    return JSONResponse(health.model_dump(mode="json"), status_code=200 if health.ok else 503)


@router.get(
    "/metrics",
    summary="Prometheus metrics",
    response_class=Response,
    responses={200: {"content": {CONTENT_TYPE_LATEST.split(";")[0]: {}}}},
)
def metrics(request: Request) -> Response:
    registry = request.app.state.metrics.registry
    return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)
