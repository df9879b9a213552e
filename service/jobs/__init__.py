"""Background jobs: a queue interface, an in-process backend and a Celery backend.

See :mod:`service.jobs.base` for the model and the interfaces, :mod:`service.jobs.handlers`
for the job kinds, and :mod:`service.jobs.registry` for how a backend is chosen.
"""

from service.jobs.base import Job, JobError, JobHandler, JobPayload, JobQueue, JobState
from service.jobs.handlers import JOB_HANDLERS
from service.jobs.registry import JOB_QUEUES, open_job_queue

__all__ = [
    "JOB_HANDLERS",
    "JOB_QUEUES",
    "Job",
    "JobError",
    "JobHandler",
    "JobPayload",
    "JobQueue",
    "JobState",
    "open_job_queue",
]
