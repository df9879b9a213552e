"""The Celery job backend as the API sees it: store the job, then send its id to Redis.

The row is written first, so a job is never lost: if Redis cannot be reached the job stays
queued, the caller gets ``job_queue_unavailable``, and :meth:`CeleryQueue.start` sends
every queued job again when the service next starts. A message sent twice is harmless:
the job row decides whether it runs (see :mod:`service.jobs.celery_app`).
"""

import logging
from collections.abc import Mapping

import redis
from celery import Celery
from kombu.exceptions import KombuError

from service.errors import AdaptError, ErrorCode
from service.jobs.base import JobHandler, JobPayload, JobState, JobStore, unknown_kind
from service.jobs.celery_app import DEFAULT_QUEUE, TASK_NAME
from service.settings import Settings

logger = logging.getLogger(__name__)

# Publishing gives up after these retries, so a request never hangs on a dead broker.
_PUBLISH_RETRY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5, "interval_max": 1}


class JobQueueUnavailable(AdaptError):
    """The job is stored but the broker did not take it; it is sent again on restart."""

    default_code = ErrorCode.JOB_QUEUE_UNAVAILABLE


def broker_answers(broker_url: str, timeout_s: float = 2.0) -> bool:
    """Whether the Redis at ``broker_url`` answers a PING within ``timeout_s``."""
    client = redis.Redis.from_url(
        broker_url, socket_connect_timeout=timeout_s, socket_timeout=timeout_s
    )
    try:
        return bool(client.ping())
    except (redis.RedisError, OSError):
        return False
    finally:
        client.close()


class CeleryQueue:
    """A :class:`~service.jobs.base.JobQueue` whose jobs run on ``adapt worker`` processes."""

    def __init__(
        self,
        settings: Settings,
        app: Celery,
        store: JobStore,
        handlers: Mapping[str, JobHandler],
    ) -> None:
        self._settings = settings
        self._app = app
        self._store = store
        self._handlers = handlers

    def submit(self, kind: str, payload: JobPayload) -> int:
        if kind not in self._handlers:
            raise unknown_kind(kind, self._handlers)
        job = self._store.add(kind, payload)
        self._send(job.id)
        return job.id

    def start(self) -> None:
        """Send the jobs still queued (a broker outage, a crash before the send) again."""
        queued = [job for job in self._store.unfinished() if job.state == JobState.QUEUED]
        for job in queued:
            try:
                self._send(job.id)
            except JobQueueUnavailable as error:
                logger.warning("%s; %d queued jobs wait for the broker", error.message, len(queued))
                return
        if queued:
            logger.info("sent %d queued jobs to the workers again", len(queued))

    def stop(self) -> None:
        self._app.close()

    def health(self) -> bool:
        return broker_answers(self._settings.broker_url)

    def _send(self, job_id: int) -> None:
        try:
            self._app.send_task(
                TASK_NAME,
                args=[job_id],
                queue=DEFAULT_QUEUE,
                retry=True,
                retry_policy=_PUBLISH_RETRY,
            )
        except (KombuError, redis.RedisError, OSError) as error:
            raise JobQueueUnavailable(
                f"job {job_id} is stored but the job broker cannot be reached ({error})",
                job_id=job_id,
            ) from None
