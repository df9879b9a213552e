"""The default job backend: one worker thread in the API process, jobs kept in the database.

Nothing to set up. A submitted job is stored (queued) and the thread is woken; the thread
also looks at the table every ``poll_interval_s``, so it picks up jobs other processes
stored and jobs left running by a process that died (once their lease has run out). A
restart therefore resumes the queued and the interrupted jobs: they are all in the table.
"""

import logging
import os
import socket
import threading
import uuid
from collections.abc import Mapping

from service.jobs.base import JobHandler, JobPayload, JobStore, unknown_kind
from service.jobs.runner import JobRunner
from service.workflow.workspace import Workspace

logger = logging.getLogger(__name__)


class InlineQueue:
    """A :class:`~service.jobs.base.JobQueue` served by one thread of this process."""

    def __init__(
        self,
        workspace: Workspace,
        store: JobStore,
        handlers: Mapping[str, JobHandler],
        *,
        poll_interval_s: float = 1.0,
    ) -> None:
        self._store = store
        self._handlers = handlers
        self._runner = JobRunner(
            store, handlers, lambda: workspace, lease_s=workspace.settings.job_lease_s
        )
        self._poll_interval_s = poll_interval_s
        self.worker = f"inline@{socket.gethostname()}/{os.getpid()}/{uuid.uuid4().hex[:8]}"
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._polling = True

    def submit(self, kind: str, payload: JobPayload) -> int:
        if kind not in self._handlers:
            raise unknown_kind(kind, self._handlers)
        job = self._store.add(kind, payload)
        self._wake.set()
        return job.id

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stopping.clear()
        self._thread = threading.Thread(target=self._serve, name="adapt-jobs", daemon=True)
        self._thread.start()

    def stop(self, timeout_s: float = 10.0) -> None:
        """Stop after the job in hand; past ``timeout_s`` the job is left to a restart."""
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout_s)
            if self._thread.is_alive():
                logger.warning("job worker still busy after %s s; its job resumes later", timeout_s)
            self._thread = None

    def health(self) -> bool:
        """The thread is alive and its last look at the jobs table succeeded."""
        thread = self._thread
        return thread is not None and thread.is_alive() and self._polling

    def _serve(self) -> None:
        while not self._stopping.is_set():
            if not self._serve_one() and self._wake.wait(self._poll_interval_s):
                self._wake.clear()

    def _serve_one(self) -> bool:
        """Claim and run one job; False when there was none (or the database is away)."""
        try:
            job = self._runner.claim(self.worker)
            self._polling = True
            if job is not None:
                self._runner.run(job, self.worker)
        except Exception:  # the database is away: say so in health(), try again
            logger.exception("cannot read or write the jobs table")
            self._polling = False
            return False
        return job is not None
