"""Where a batch's chunks run: here, in local worker processes, or on Celery workers.

Each runner takes ``(index, statement ids)`` chunks and yields the index of each chunk as
it is settled (every statement in it ready or failed in the store), in any order; the
driver then writes that chunk's journal entry. All three call the same handler,
:func:`service.workflow.batch_jobs.run_batch_chunk`.

* :class:`InlineRunner` - one chunk after another in this process, with its engine; the
  next chunks' drafting (MT, and reading the one after) overlaps this one's finishing and
  storing.
* :class:`ProcessRunner` - ``N`` worker processes (spawned, so each starts clean), each
  pinned to one CPU core with a one-thread engine of its own.
* :class:`QueueRunner` - one ``adapt_batch_chunk`` job per chunk on the service's job
  queue (Celery on Redis); ``adapt worker`` processes anywhere run them and store their
  results in the shared database, which this side polls. A worker killed mid-chunk
  leaves its message unacknowledged: it is delivered again, and the idempotent handler
  skips what the dead worker finished.
"""

import functools
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed, wait
from multiprocessing import get_context
from multiprocessing.queues import Queue
from typing import Protocol

from service.errors import ErrorCode
from service.review import SYSTEM_ACTOR
from service.settings import Settings
from service.store.records import StatementError, StatementStatus
from service.workflow.batch_jobs import (
    BATCH_JOB_KIND,
    DraftedChunk,
    batch_job_payload,
    draft_batch_chunk,
    finish_batch_chunk,
    run_batch_chunk,
)
from service.workflow.batch_turns import EngineTurns
from service.workflow.workspace import Workspace

Chunk = tuple[int, list[int]]
POLL_INTERVAL_S = 0.2
DRAFTED_AHEAD = 2  # chunks drafted while one is finished (see InlineRunner)
_SETTLED = (StatementStatus.READY, StatementStatus.FAILED)


class ChunkRunner(Protocol):
    def run(self, chunks: Sequence[Chunk]) -> Iterator[int]:
        """Run the chunks; yield each one's index once it is settled."""
        ...


class InlineRunner:
    """The chunks in turn, here, finished and stored in order. With ``ahead`` chunks
    drafted ahead while one is finished and stored, the engine's cores are not idle
    meanwhile: by default two where this process may use more than one core, the one
    whose MT runs and the next, read and masked meanwhile, its MT waiting its turn
    (:mod:`service.workflow.batch_turns`: two chunks' MT at once would share the cores,
    which costs more CPU time than the idle moments it fills; ``bench/batch_overlap.py``
    measures the depths). On one core overlap gains nothing, and the chunks run one after
    the other (``ahead=0``). An interrupt (Ctrl-C) waits for the drafting under way, at
    most one chunk's MT; the rerun takes those chunks up again."""

    def __init__(self, workspace: Workspace, *, ahead: int | None = None) -> None:
        if ahead is not None and ahead < 0:
            raise ValueError("ahead must be at least 0")
        self._workspace = workspace
        self.ahead = (DRAFTED_AHEAD if len(usable_cores()) > 1 else 0) if ahead is None else ahead

    def run(self, chunks: Sequence[Chunk]) -> Iterator[int]:
        if not self.ahead:
            for index, ids in chunks:
                run_batch_chunk(self._workspace, ids)
                yield index
            return
        following = enumerate(chunks)
        turns = EngineTurns(lambda: self._workspace.engine)
        drafting: deque[tuple[int, Future[DraftedChunk]]] = deque()

        def draft_ahead() -> None:
            while len(drafting) < self.ahead and (chunk := next(following, None)) is not None:
                turn, (index, ids) = chunk
                draft = functools.partial(self._draft, turns, turn, ids)
                drafting.append((index, _in_background(draft)))

        try:
            draft_ahead()
            while drafting:
                index, future = drafting[0]
                drafted = future.result()
                drafting.popleft()
                draft_ahead()
                finish_batch_chunk(self._workspace, drafted)
                yield index
        except BaseException:  # an error, an interrupt, or the caller stopped: the chunks
            turns.cancel()  # waiting for their MT give up, the MT under way ends first, and
            wait([future for _, future in drafting])  # nothing uses the workspace after this
            raise  # returns (those chunks stay started, for a rerun)

    def _draft(self, turns: EngineTurns, turn: int, ids: list[int]) -> DraftedChunk:
        """Draft a chunk, its MT in its turn; the turn ends however the drafting does."""
        try:
            return draft_batch_chunk(self._workspace, ids, turns.engine(turn))
        finally:
            turns.end(turn)


def _in_background(function: Callable[[], DraftedChunk]) -> "Future[DraftedChunk]":
    """``function()`` in a thread of its own, its result or error in the future returned.
    Not a daemon: a process never exits inside its CTranslate2 call."""
    future: Future[DraftedChunk] = Future()

    def run() -> None:
        try:
            future.set_result(function())
        except BaseException as error:  # handed to the thread that waits for the result
            future.set_exception(error)

    threading.Thread(target=run, name="batch-draft").start()
    return future


# Local worker processes ------------------------------------------------------------------

_worker_workspace: Workspace | None = None


def _start_worker(settings_json: str, cores: "Queue[int]") -> None:
    """A pool process: pin it to its core, then build its own workspace (engine, store)."""
    global _worker_workspace
    core = cores.get()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {core})
    _worker_workspace = Workspace(Settings.model_validate_json(settings_json))


def _run_in_worker(ids: list[int]) -> int:
    assert _worker_workspace is not None, "the pool initializer builds the workspace"
    return run_batch_chunk(_worker_workspace, ids)


def usable_cores() -> list[int]:
    """The CPU cores this process may run on, in order."""
    if hasattr(os, "sched_getaffinity"):
        return sorted(os.sched_getaffinity(0))
    return list(range(os.cpu_count() or 1))


class ProcessRunner:
    def __init__(self, settings: Settings, workers: int) -> None:
        # One thread per worker: each has a core of its own.
        self._settings = settings.model_copy(update={"inter_threads": 1})
        self._workers = workers

    def run(self, chunks: Sequence[Chunk]) -> Iterator[int]:
        context = get_context("spawn")
        cores: Queue[int] = context.Queue()
        available = usable_cores()
        for number in range(self._workers):
            cores.put(available[number % len(available)])
        initargs = (self._settings.model_dump_json(), cores)
        with ProcessPoolExecutor(
            self._workers, mp_context=context, initializer=_start_worker, initargs=initargs
        ) as pool:
            futures = {pool.submit(_run_in_worker, ids): index for index, ids in chunks}
            for future in as_completed(futures):
                future.result()
                yield futures[future]


# Celery workers ---------------------------------------------------------------------------


class QueueRunner:
    def __init__(self, workspace: Workspace, broker_url: str) -> None:
        settings = workspace.settings.model_copy(
            update={"broker_url": broker_url, "job_backend": "celery"}
        )
        self._workspace = Workspace(settings, store=workspace.store)

    def run(self, chunks: Sequence[Chunk]) -> Iterator[int]:
        from service.jobs.base import JobState
        from service.jobs.registry import open_job_queue
        from service.jobs.store import SqlJobStore

        queue = open_job_queue(self._workspace)
        queue.start()
        try:
            jobs = {
                index: queue.submit(BATCH_JOB_KIND, batch_job_payload(ids)) for index, ids in chunks
            }
        finally:
            queue.stop()
        job_store = SqlJobStore(self._workspace.store.transaction)
        pending = dict(chunks)
        while pending:
            for index in [index for index, ids in pending.items() if self._settled(ids)]:
                del pending[index]
                yield index
            for index in list(pending):
                job = job_store.get(jobs[index])
                if job is not None and job.state is JobState.FAILED and job.error is not None:
                    self._give_up(pending.pop(index), job.error.code, job.error.message)
                    yield index
            if pending:
                time.sleep(POLL_INTERVAL_S)

    def _settled(self, ids: Sequence[int]) -> bool:
        records = self._workspace.store.statements.get_many(ids)
        return all(records[item].status in _SETTLED for item in ids)

    def _give_up(self, ids: Sequence[int], code: ErrorCode, message: str) -> None:
        """The job failed for good: its unsettled statements fail with its error."""
        statements = self._workspace.store.statements
        failure = StatementError(code=code.value, message=message)
        records = statements.get_many(ids)
        for item in ids:
            if records[item].status not in _SETTLED:
                statements.fail_adaptation(item, failure, SYSTEM_ACTOR)


def chunk_runner(workspace: Workspace, workers: int, broker_url: str | None) -> ChunkRunner:
    """The runner the options ask for; ``--workers 1`` without a queue runs here."""
    if broker_url:
        return QueueRunner(workspace, broker_url)
    if workers > 1:
        return ProcessRunner(workspace.settings, workers)
    return InlineRunner(workspace)
