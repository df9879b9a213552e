"""Jobs: what a job is, what runs one, and the two small interfaces behind the backends.

A job is a unit of background work of one *kind* (``"adapt_statement"``; batch chunks
later) with a JSON payload. Whatever the backend, the job's row in the database is its
truth: a job runs only once it is *claimed* there (queued, or running under a worker whose
heartbeat stopped), so a message delivered twice never runs a finished job again.

- :class:`JobQueue`: where an edge submits jobs (the API's lifespan starts and stops it).
- :class:`JobStore`: the job rows (``service/jobs/store.py`` over SQLAlchemy).
- :data:`JobHandler`: the function that does a kind's work. It must be idempotent: a job
  whose worker died mid-way is run again from the start.
"""

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

from pydantic import JsonValue, field_serializer

from service.errors import AdaptError, ErrorCode, InputError
from service.models import Model, utc_text

if TYPE_CHECKING:  # the workspace pulls in the pipeline; the job model does not need it
    from service.workflow.workspace import Workspace

JobPayload = dict[str, JsonValue]
JobHandler = Callable[["Workspace", JobPayload], None]


class JobState(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


SETTLED_STATES = frozenset({JobState.DONE, JobState.FAILED})


class JobError(Model):
    """Why a job failed: a stable :class:`~service.errors.ErrorCode` value and a message."""

    code: ErrorCode
    message: str

    @classmethod
    def of(cls, error: AdaptError) -> "JobError":
        return cls(code=error.code, message=error.message)


class Job(Model):
    """A job as stored; ``worker`` names the process that holds (or last held) it."""

    id: int
    kind: str
    payload: JobPayload
    statement_id: int | None
    state: JobState
    attempts: int
    worker: str | None
    error: JobError | None
    created_at_utc: datetime
    started_at_utc: datetime | None
    heartbeat_at_utc: datetime | None
    finished_at_utc: datetime | None

    @field_serializer("created_at_utc", "started_at_utc", "heartbeat_at_utc", "finished_at_utc")
    def _utc(self, instant: datetime | None) -> str | None:
        return utc_text(instant) if instant is not None else None


def unknown_kind(kind: str, handlers: Mapping[str, JobHandler]) -> InputError:
    """The error for submitting a job of a kind no handler serves."""
    return InputError(
        f"unknown job kind {kind!r}",
        code=ErrorCode.UNKNOWN_JOB_KIND,
        kind=kind,
        known=sorted(handlers),
    )


class JobQueue(Protocol):
    """Where jobs are submitted and run; one per process edge (the API, a batch run)."""

    def submit(self, kind: str, payload: JobPayload) -> int:
        """Store the job (queued) and hand it to the workers; return its id.

        An unknown kind is an InputError (``unknown_job_kind``). If the workers cannot be
        reached the job stays stored, queued, and is handed over on the next start.
        """
        ...

    def start(self) -> None:
        """Start serving: the worker thread, or the broker connection. Idempotent."""
        ...

    def stop(self) -> None:
        """Stop serving; a job still running is left to be resumed after its lease."""
        ...

    def health(self) -> bool:
        """Whether jobs can run now: the worker thread is alive, or the broker answers."""
        ...


class JobStore(Protocol):
    """The job rows. Every method is one transaction; claims are atomic across processes.

    ``stale_before``: a running job whose heartbeat is older than this instant belongs to
    a worker that died, and may be claimed again.
    """

    def add(self, kind: str, payload: JobPayload) -> Job:
        """Store a new queued job."""
        ...

    def get(self, job_id: int) -> Job | None: ...

    def claim(
        self, worker: str, *, stale_before: datetime, job_id: int | None = None
    ) -> Job | None:
        """Make ``worker`` run the job (the oldest claimable one if ``job_id`` is None):
        running, one more attempt, fresh heartbeat. ``None`` when it is not claimable."""
        ...

    def heartbeat(self, job_id: int, worker: str) -> bool:
        """Refresh the heartbeat; False if ``worker`` no longer holds the job."""
        ...

    def finish(self, job_id: int, worker: str, error: JobError | None = None) -> bool:
        """Settle the job: done, or failed with ``error``. False (and nothing changed) if
        ``worker`` no longer holds it, because another worker took it over."""
        ...

    def unfinished(self) -> Sequence[Job]:
        """The queued and running jobs, oldest first."""
        ...
