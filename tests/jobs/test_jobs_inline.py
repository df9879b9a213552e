"""The in-process backend: a worker thread, jobs in the database, resumed after a restart."""

import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from support.waiting import wait_for

from service.errors import ErrorCode, InputError
from service.jobs.base import Job, JobHandler, JobPayload, JobState
from service.jobs.inline import InlineQueue
from service.jobs.store import SqlJobStore
from service.settings import Settings
from service.store import Store
from service.workflow.workspace import Workspace


class Ledger:
    """A handler that records each payload's ``n``; ``crash`` fails, ``hold`` waits."""

    def __init__(self) -> None:
        self.done: list[int] = []
        self.release = threading.Event()

    def handlers(self) -> dict[str, JobHandler]:
        return {"note": self.note, "crash": self.crash, "hold": self.hold}

    def note(self, workspace: Workspace, payload: JobPayload) -> None:
        number = payload["n"]
        assert isinstance(number, int)
        self.done.append(number)

    def crash(self, workspace: Workspace, payload: JobPayload) -> None:
        raise RuntimeError("boom")

    def hold(self, workspace: Workspace, payload: JobPayload) -> None:
        assert self.release.wait(30), "the test never released the job"


@pytest.fixture
def jobs(store: Store) -> SqlJobStore:
    return SqlJobStore(store.transaction)


def _queue(tmp_path: Path, store: Store, ledger: Ledger, *, lease_s: float = 60.0) -> InlineQueue:
    settings = Settings(data_dir=tmp_path, job_lease_s=lease_s)
    workspace = Workspace(settings, store=store)
    return InlineQueue(
        workspace, SqlJobStore(store.transaction), ledger.handlers(), poll_interval_s=0.05
    )


@pytest.fixture
def ledger() -> Iterator[Ledger]:
    ledger = Ledger()
    yield ledger
    ledger.release.set()


def _settled(jobs: SqlJobStore, job_id: int) -> Job | None:
    job = jobs.get(job_id)
    return job if job is not None and job.state in (JobState.DONE, JobState.FAILED) else None


def _wait_settled(jobs: SqlJobStore, job_id: int) -> Job:
    return wait_for(lambda: _settled(jobs, job_id), f"job {job_id} to settle")


def test_a_submitted_job_runs_on_the_worker_thread(
    tmp_path: Path, store: Store, jobs: SqlJobStore, ledger: Ledger
) -> None:
    queue = _queue(tmp_path, store, ledger)
    assert not queue.health()
    queue.start()
    try:
        assert queue.health()
        crashed = queue.submit("crash", {})
        noted = queue.submit("note", {"n": 1})
        job = _wait_settled(jobs, noted)
    finally:
        queue.stop()
    assert not queue.health()
    assert (job.state, job.worker, ledger.done) == (JobState.DONE, queue.worker, [1])
    failed = jobs.get(crashed)
    assert failed is not None and failed.state == JobState.FAILED  # and the thread went on


def test_an_unknown_kind_is_refused_and_nothing_is_stored(
    tmp_path: Path, store: Store, jobs: SqlJobStore, ledger: Ledger
) -> None:
    with pytest.raises(InputError) as raised:
        _queue(tmp_path, store, ledger).submit("adapt_everything", {})
    assert raised.value.code == ErrorCode.UNKNOWN_JOB_KIND
    assert raised.value.fields["known"] == ["crash", "hold", "note"]
    assert jobs.unfinished() == []


def test_a_restart_resumes_the_queued_and_the_interrupted_jobs(
    tmp_path: Path, store: Store, jobs: SqlJobStore, ledger: Ledger
) -> None:
    before = _queue(tmp_path, store, ledger)  # a process that stored jobs, then died
    queued = before.submit("note", {"n": 1})
    interrupted = before.submit("note", {"n": 2})
    assert jobs.claim("inline@gone/1", stale_before=datetime.now(UTC), job_id=interrupted)

    after = _queue(tmp_path, store, ledger, lease_s=0.2)  # the restarted process
    after.start()
    try:
        resumed = [_wait_settled(jobs, job_id) for job_id in (queued, interrupted)]
    finally:
        after.stop()
    assert sorted(ledger.done) == [1, 2]
    assert [(job.state, job.worker) for job in resumed] == [(JobState.DONE, after.worker)] * 2
    assert [job.attempts for job in resumed] == [1, 2]


def test_a_running_job_of_a_live_worker_is_not_taken(
    tmp_path: Path, store: Store, jobs: SqlJobStore, ledger: Ledger
) -> None:
    first, second = _queue(tmp_path, store, ledger), _queue(tmp_path, store, ledger)
    first.start()
    second.start()
    try:
        held = first.submit("hold", {})
        wait_for(lambda: (job := jobs.get(held)) and job.state == JobState.RUNNING, "the hold")
        noted = second.submit("note", {"n": 1})
        _wait_settled(jobs, noted)
        ledger.release.set()
        job = _wait_settled(jobs, held)
    finally:
        first.stop()
        second.stop()
    assert job.attempts == 1 and job.state == JobState.DONE


def test_jobs_stored_by_another_process_are_picked_up(
    tmp_path: Path, store: Store, jobs: SqlJobStore, ledger: Ledger
) -> None:
    queue = _queue(tmp_path, store, ledger)
    queue.start()
    try:
        job_id = jobs.add("note", {"n": 5}).id  # no wake-up: found by polling
        _wait_settled(jobs, job_id)
    finally:
        queue.stop()
    assert ledger.done == [5]
