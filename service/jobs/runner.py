"""Running one claimed job, the same way for every backend: handler, heartbeat, result.

The in-process worker thread and the Celery task both claim a job in the database and
hand it to :meth:`JobRunner.run`, which looks up the kind's handler, keeps the job's
heartbeat fresh while the handler works, and records the outcome. A job claimed more than
``max_attempts`` times (its workers kept dying on it) is failed instead of run again.
"""

import logging
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from service.errors import AdaptError, ErrorCode
from service.jobs.base import Job, JobError, JobHandler, JobStore

if TYPE_CHECKING:
    from service.workflow.workspace import Workspace

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
# Heartbeats per lease: a worker misses two before it loses the job.
_BEATS_PER_LEASE = 3


def _beat(store: JobStore, job_id: int, worker: str, every_s: float, stop: threading.Event) -> None:
    while not stop.wait(every_s):
        try:
            held = store.heartbeat(job_id, worker)
        except Exception:  # the database may be back at the next beat
            logger.exception("heartbeat of job %s failed", job_id)
            continue
        if not held:
            logger.warning("job %s was taken over by another worker", job_id)
            return


@contextmanager
def heartbeat(store: JobStore, job_id: int, worker: str, every_s: float) -> Iterator[None]:
    """While open, a daemon thread refreshes the job's heartbeat every ``every_s``."""
    stop = threading.Event()
    thread = threading.Thread(
        target=_beat,
        args=(store, job_id, worker, every_s, stop),
        name=f"adapt-heartbeat-{job_id}",
        daemon=True,
    )
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


class JobRunner:
    """Claims jobs for a worker and runs them with the handlers of their kinds."""

    def __init__(
        self,
        store: JobStore,
        handlers: Mapping[str, JobHandler],
        workspace: "Callable[[], Workspace]",
        *,
        lease_s: float,
        max_attempts: int = MAX_ATTEMPTS,
    ) -> None:
        self.store = store
        self.handlers = handlers
        self.lease_s = lease_s
        self._workspace = workspace
        self._max_attempts = max_attempts

    def claim(self, worker: str, job_id: int | None = None) -> Job | None:
        """Claim that job, or the oldest claimable one; ``None`` if there is none."""
        stale_before = datetime.now(UTC) - timedelta(seconds=self.lease_s)
        return self.store.claim(worker, stale_before=stale_before, job_id=job_id)

    def run(self, job: Job, worker: str) -> None:
        """Run a job ``worker`` has claimed and record done or failed; never raises for
        what the handler does (the error is stored with the job)."""
        error = self._refusal(job)
        if error is None:
            interval_s = self.lease_s / _BEATS_PER_LEASE
            with heartbeat(self.store, job.id, worker, interval_s):
                error = self._call(job)
        if not self.store.finish(job.id, worker, error):
            logger.warning(
                "job %s was taken over while %s ran it; its result is theirs", job.id, worker
            )
        elif error is not None:
            logger.warning("job %s (%s) failed: %s", job.id, job.kind, error.message)

    def _refusal(self, job: Job) -> JobError | None:
        """Why the job must not run at all, if so."""
        if job.kind not in self.handlers:
            known = ", ".join(sorted(self.handlers)) or "none"
            return JobError(
                code=ErrorCode.UNKNOWN_JOB_KIND,
                message=f"no handler for job kind {job.kind!r} (known: {known})",
            )
        if job.attempts > self._max_attempts:
            return JobError(
                code=ErrorCode.JOB_ATTEMPTS_EXHAUSTED,
                message=(
                    f"job {job.id} was started {self._max_attempts} times and its worker "
                    "stopped each time before it finished"
                ),
            )
        return None

    def _call(self, job: Job) -> JobError | None:
        logger.info("job %s (%s) started, attempt %s", job.id, job.kind, job.attempts)
        try:
            self.handlers[job.kind](self._workspace(), job.payload)
        except AdaptError as error:
            return JobError.of(error)
        except Exception as error:  # a bug: recorded with the job, and logged in full
            logger.exception("job %s (%s) raised", job.id, job.kind)
            return JobError(
                code=ErrorCode.INTERNAL_ERROR, message=f"{type(error).__name__}: {error}"
            )
        logger.info("job %s (%s) done", job.id, job.kind)
        return None
