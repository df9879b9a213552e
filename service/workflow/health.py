"""Whether the service can work now, and what its jobs are doing: for ``/healthz`` and
``/metrics`` (and any other edge that runs a job queue)."""

from service.jobs.base import JobQueue, JobState
from service.jobs.store import SqlJobStore
from service.models import Model
from service.workflow.workspace import Workspace

__all__ = ["JobState", "ServiceHealth", "job_counts", "machine_translated", "service_health"]


class ServiceHealth(Model):
    """``ok`` when the database answers and the job queue can run jobs."""

    ok: bool
    database: bool
    jobs: bool


def service_health(workspace: Workspace, jobs: JobQueue) -> ServiceHealth:
    database = workspace.store.ping()
    running = jobs.health()
    return ServiceHealth(ok=database and running, database=database, jobs=running)


def job_counts(workspace: Workspace) -> dict[JobState, int]:
    """How many jobs are in each state; read-only (on SQLite it takes no write lock)."""
    return SqlJobStore(workspace.store.read).counts()


def machine_translated(workspace: Workspace) -> dict[tuple[str, str], int]:
    """Renditions machine translation wrote, by (source, target) language: the service's
    MT lines (one per line, language and platform) by pair."""
    return workspace.store.renditions.machine_translated()
