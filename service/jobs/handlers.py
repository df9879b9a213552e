"""The job kinds the service runs: kind -> handler, one explicit dict.

A handler gets the worker's :class:`~service.workflow.workspace.Workspace` and the job's
JSON payload, does the kind's work and returns; an :class:`~service.errors.AdaptError`
it raises is stored as the job's error. A handler must be idempotent: a job whose worker
died mid-way runs again from the start, so the handler either finds its work done or
replaces what the dead run left, in one transaction.

Every backend serves the kinds listed here; a queue or worker can be given another
mapping (tests, a batch run).
"""

from service.jobs.base import JobHandler
from service.workflow.batch_jobs import BATCH_JOB_KIND, handle_batch_chunk
from service.workflow.statements import ADAPT_JOB_KIND, handle_adapt_job

JOB_HANDLERS: dict[str, JobHandler] = {
    ADAPT_JOB_KIND: handle_adapt_job,  # a submitted statement: adapt it and store the result
    BATCH_JOB_KIND: handle_batch_chunk,  # a chunk of `adapt batch`: adapt them together
}
