"""Use cases of the job workers: serve jobs (``adapt worker``) and check a worker is alive.

The API's lifespan uses :func:`open_job_queue` to build the queue its routes submit to.
"""

from collections.abc import Sequence

from service.errors import ErrorCode, InputError
from service.jobs.base import JobQueue
from service.jobs.handlers import JOB_HANDLERS
from service.jobs.registry import open_job_queue, require_broker
from service.models import Model
from service.settings import Settings
from service.workflow.workspace import Workspace

__all__ = ["JobQueue", "WorkerPing", "open_job_queue", "ping_worker", "serve_jobs"]


class WorkerPing(Model):
    """Whether the worker named ``worker`` answered through the broker."""

    worker: str
    answered: bool


def serve_jobs(settings: Settings, *, name: str, concurrency: int, queues: Sequence[str]) -> int:
    """Run a Celery worker for the job kinds of this version until it is stopped.

    The database is opened (and migrated) first, so a wrong URL stops here with a clear
    error instead of in every job; the pool's processes open their own connections.
    Returns the worker's exit code.
    """
    require_broker(settings)
    if concurrency < 1:
        raise InputError(
            f"a worker needs at least one process, not {concurrency}",
            code=ErrorCode.INVALID_INPUT,
            concurrency=concurrency,
        )
    if not queues:
        raise InputError("a worker needs at least one queue", code=ErrorCode.INVALID_INPUT)
    with Workspace(settings) as workspace:
        _ = workspace.store
    from service.jobs.celery_app import create_celery_app, start_worker

    app = create_celery_app(settings, JOB_HANDLERS)
    return start_worker(app, name=name, concurrency=concurrency, queues=queues)


def ping_worker(settings: Settings, *, name: str, timeout_s: float = 5.0) -> WorkerPing:
    """Ask the worker named ``name`` (``name@this-host`` without a host) to answer."""
    require_broker(settings)
    from service.jobs.celery_app import create_celery_app, node_name
    from service.jobs.celery_app import ping_worker as ping

    app = create_celery_app(settings, JOB_HANDLERS)
    try:
        return WorkerPing(worker=node_name(name), answered=ping(app, name, timeout_s))
    finally:
        app.close()
