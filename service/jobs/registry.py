"""The job backends by name, chosen by ``Settings.resolved_job_backend``.

``inline`` (the default): a worker thread in the API process. ``celery``: Celery workers
(``adapt worker``) on Redis, chosen by default when ``ADAPT_BROKER_URL`` is set. Celery is
imported only when that backend is built.
"""

from collections.abc import Callable, Mapping

from service.errors import ErrorCode, InputError
from service.jobs.base import JobHandler, JobQueue
from service.jobs.handlers import JOB_HANDLERS
from service.jobs.inline import InlineQueue
from service.jobs.store import SqlJobStore
from service.settings import Settings
from service.workflow.workspace import Workspace

QueueFactory = Callable[[Workspace, Mapping[str, JobHandler]], JobQueue]


def _inline(workspace: Workspace, handlers: Mapping[str, JobHandler]) -> JobQueue:
    return InlineQueue(workspace, SqlJobStore(workspace.store.transaction), handlers)


def require_broker(settings: Settings) -> None:
    """Celery needs ``broker_url``; without one, say so before anything starts."""
    if not settings.broker_url:
        raise InputError(
            "the job workers need a broker: set ADAPT_BROKER_URL=redis://HOST:PORT/DB",
            code=ErrorCode.INVALID_SETTING,
            setting="broker_url",
        )


def _celery(workspace: Workspace, handlers: Mapping[str, JobHandler]) -> JobQueue:
    require_broker(workspace.settings)
    from service.jobs.celery_app import create_celery_app
    from service.jobs.celery_queue import CeleryQueue

    settings = workspace.settings
    store = SqlJobStore(workspace.store.transaction)
    return CeleryQueue(settings, create_celery_app(settings, handlers), store, handlers)


JOB_QUEUES: dict[str, QueueFactory] = {"inline": _inline, "celery": _celery}


def open_job_queue(
    workspace: Workspace, handlers: Mapping[str, JobHandler] = JOB_HANDLERS
) -> JobQueue:
    """The job queue the settings name, not started yet (the caller starts and stops it)."""
    return JOB_QUEUES[workspace.settings.resolved_job_backend](workspace, handlers)
