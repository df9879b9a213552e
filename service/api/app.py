"""The app factory: ``create_app(settings)`` builds the FastAPI app, nothing heavy at import.

The lifespan builds what the routes share and closes it on shutdown: the
:class:`~service.workflow.Workspace` (its store is opened, and migrated, at start-up;
migrations hold a database lock, so two processes starting at once are safe) and the job
queue (a worker thread in this process by default, Celery when ``ADAPT_BROKER_URL`` is set).
A workspace given to :func:`create_app` (tests) is used as it is and not closed here.
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from service.api.deps import Services
from service.api.limits import BodyLimitMiddleware
from service.api.metrics import Metrics, MetricsMiddleware
from service.api.problems import add_problem_handlers
from service.api.routes import ROUTERS
from service.settings import Settings
from service.ui import mount_ui
from service.workflow import Workspace
from service.workflow.database import upgrade_database
from service.workflow.jobs import open_job_queue

API_TITLE = "adapt"
API_DESCRIPTION = (
    "One approved UN statement to checked, reviewed, scheduled posts in six languages. "
    "Every route under /v1 needs `Authorization: Bearer TOKEN`; errors are "
    "application/problem+json with a stable `code`."
)


def _open(settings: Settings, given: Workspace | None) -> Services:
    """Validate the language data, open (and migrate) the store, start the job queue."""
    workspace = given or Workspace(settings)
    try:
        workspace.validate_data()
        upgrade_database(workspace)
        jobs = open_job_queue(workspace)
        jobs.start()
    except BaseException:
        if given is None:
            workspace.close()
        raise
    return Services(workspace=workspace, jobs=jobs)


def _close(services: Services, owns_workspace: bool) -> None:
    services.jobs.stop()
    if owns_workspace:
        services.workspace.close()


def _workspace_of(app: FastAPI) -> Workspace | None:
    services: Services | None = getattr(app.state, "services", None)
    return services.workspace if services is not None else None


def create_app(settings: Settings | None = None, *, workspace: Workspace | None = None) -> FastAPI:
    """The API over ``settings`` (built from the environment if None) or ``workspace``."""
    settings = workspace.settings if workspace is not None else settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        services = await run_in_threadpool(_open, settings, workspace)
        app.state.services = services
        try:
            yield
        finally:
            await run_in_threadpool(_close, services, workspace is None)

    app = FastAPI(
        title=API_TITLE,
        description=API_DESCRIPTION,
        version="1",
        lifespan=lifespan,
    )
    add_problem_handlers(app)
    app.add_middleware(BodyLimitMiddleware)
    app.state.metrics = Metrics(lambda: _workspace_of(app))
    app.add_middleware(MetricsMiddleware, metrics=app.state.metrics)
    for router in ROUTERS:  # one module per area (service/api/routes/)
        app.include_router(router)
    # --- UI: the review UI helper mounts its pages here (mount_ui(app)). ---
    mount_ui(app)
    # --- end UI ---
    return app
