"""Jobs on Celery with Redis: the app, its one task, and the worker that serves it.

A message carries only a job id; the job itself is the database row. The task claims the
row before it runs the handler, so the message may safely arrive more than once:

- ``task_acks_late`` with ``task_reject_on_worker_lost``: a message is acknowledged only
  once its job is settled, so a worker killed mid-job leaves it unacknowledged, and Redis
  hands it to another worker after ``broker_visibility_timeout_s``.
- ``worker_prefetch_multiplier=1``: a worker holds no more messages than it runs.
- A redelivered message whose job is done or failed is dropped. One whose job is running
  under a live worker (its heartbeat is fresh: the job is only longer than the visibility
  timeout) is retried a little later, so if that worker dies the job is still redone.

The worker process starts a pool of processes (prefork); each builds its own workspace
(database engine, MT models) on its first job, after the fork.
"""

import logging
import os
import socket
import threading
from collections.abc import Mapping, Sequence
from typing import Any

from celery import Celery, Task
from sqlalchemy.exc import SQLAlchemyError

from service.errors import AdaptError
from service.jobs.base import SETTLED_STATES, JobHandler
from service.jobs.runner import JobRunner
from service.jobs.store import SqlJobStore
from service.settings import Settings
from service.workflow.workspace import Workspace

logger = logging.getLogger(__name__)

TASK_NAME = "adapt.run_job"
DEFAULT_QUEUE = "adapt"
# Seconds a worker may hold Redis's restore lock; a restore takes milliseconds, and a worker
# killed while holding it must not block redelivery for Kombu's default five minutes.
_RESTORE_LOCK_S = 10


def celery_config(settings: Settings) -> dict[str, Any]:
    """The Celery settings adapt runs with (see the module's docstring for the why)."""
    visibility_s = settings.broker_visibility_timeout_s
    transport: dict[str, Any] = {
        "visibility_timeout": visibility_s,
        # Look for messages of dead workers every few seconds, not Kombu's ~100 s.
        "unacked_restore_interval": max(1, min(10, round(visibility_s / 2))),
        "unacked_restore_throttle": 1,
        "unacked_mutex_expire": _RESTORE_LOCK_S,
        "socket_connect_timeout": 5,
    }
    if settings.broker_key_prefix:
        transport["global_keyprefix"] = settings.broker_key_prefix
    return {
        "broker_url": settings.broker_url,
        "broker_transport_options": transport,
        "broker_connection_retry_on_startup": True,
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        "worker_prefetch_multiplier": 1,
        "worker_cancel_long_running_tasks_on_connection_loss": True,
        "task_default_queue": DEFAULT_QUEUE,
        "task_ignore_result": True,
        "task_serializer": "json",
        "accept_content": ["json"],
        "worker_hijack_root_logger": True,
    }


class _ProcessRunner:
    """One :class:`JobRunner` per process, built on first use after the fork."""

    def __init__(self, settings: Settings, handlers: Mapping[str, JobHandler]) -> None:
        self.settings = settings
        self._handlers = handlers
        self._lock = threading.Lock()
        self._pid: int | None = None
        self._runner: JobRunner | None = None

    def get(self) -> JobRunner:
        with self._lock:
            if self._runner is None or self._pid != os.getpid():
                workspace = Workspace(self.settings)
                store = SqlJobStore(workspace.store.transaction)
                self._runner = JobRunner(
                    store, self._handlers, lambda: workspace, lease_s=self.settings.job_lease_s
                )
                self._pid = os.getpid()
            return self._runner


def _attempt(runner: JobRunner, worker: str, job_id: int) -> bool:
    """Claim job ``job_id`` and run it, or drop a redundant message; False: look again later."""
    job = runner.claim(worker, job_id)
    if job is not None:
        runner.run(job, worker)
        return True
    current = runner.store.get(job_id)
    # Settled (a redelivery after the work) or unknown here: nothing to do. Running under a
    # live worker: look again later, in case that worker dies.
    return current is None or current.state in SETTLED_STATES


def _run_job(runners: _ProcessRunner, task: Task, job_id: int) -> None:
    """The task. Its message is acknowledged when it returns, so it returns only once the
    job is settled here or elsewhere; otherwise it is retried later (the message lives on)."""
    worker = f"{task.request.hostname or node_name('adapt')}/{os.getpid()}"
    try:
        if _attempt(runners.get(), worker, job_id):
            return
    except (SQLAlchemyError, AdaptError) as error:  # the database is away: keep the message
        logger.warning("job %s waits for the database: %s", job_id, error)
    raise task.retry(countdown=runners.settings.job_lease_s / 3, max_retries=None)


def create_celery_app(settings: Settings, handlers: Mapping[str, JobHandler]) -> Celery:
    """A Celery app for ``settings`` whose task runs jobs with ``handlers``."""
    app = Celery("adapt", set_as_current=False)
    app.conf.update(celery_config(settings))
    runners = _ProcessRunner(settings, handlers)

    def run_job(task: Task, job_id: int) -> None:
        _run_job(runners, task, job_id)

    app.task(name=TASK_NAME, bind=True, shared=False)(run_job)
    return app


def node_name(name: str) -> str:
    """A Celery node name: ``name`` as is if it has a host part, else ``name@this-host``."""
    return name if "@" in name else f"{name}@{socket.gethostname()}"


def start_worker(app: Celery, *, name: str, concurrency: int, queues: Sequence[str]) -> int:
    """Run a Celery worker in this process until it is stopped; return its exit code."""
    worker = app.Worker(
        hostname=node_name(name),
        concurrency=concurrency,
        queues=list(queues),
        pool="prefork",
        loglevel="INFO",
    )
    worker.start()
    code = worker.exitcode
    return code if isinstance(code, int) else 0


def ping_worker(app: Celery, name: str, timeout_s: float = 5.0) -> bool:
    """Whether the worker named ``name`` answers a ping through the broker in time."""
    node = node_name(name)
    try:
        replies = app.control.ping(destination=[node], timeout=timeout_s)
    except Exception:  # the broker is away: the worker cannot be reached either
        return False
    return any(node in reply for reply in replies or [])
