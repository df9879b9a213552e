"""Running a claimed job: the handler's outcome is recorded, whatever it does."""

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from support.waiting import wait_for

from service.errors import ErrorCode, InputError
from service.jobs.base import Job, JobHandler, JobPayload, JobState
from service.jobs.runner import MAX_ATTEMPTS, JobRunner
from service.jobs.store import SqlJobStore
from service.settings import Settings
from service.store import Store
from service.workflow.workspace import Workspace


class Recorder:
    """Handlers that record what they were given, or fail the two ways a handler can."""

    def __init__(self) -> None:
        self.calls: list[tuple[Workspace, JobPayload]] = []

    def record(self, workspace: Workspace, payload: JobPayload) -> None:
        self.calls.append((workspace, payload))

    def handlers(self) -> dict[str, JobHandler]:
        return {"record": self.record, "refuse": _refuse, "crash": _crash}


def _refuse(workspace: Workspace, payload: JobPayload) -> None:
    raise InputError("the statement is empty", code=ErrorCode.EMPTY_INPUT)


def _crash(workspace: Workspace, payload: JobPayload) -> None:
    raise RuntimeError("boom")


@pytest.fixture
def workspace(tmp_path: Path, store: Store) -> Workspace:
    return Workspace(Settings(data_dir=tmp_path), store=store)


@pytest.fixture
def jobs(store: Store) -> SqlJobStore:
    return SqlJobStore(store.transaction)


def _runner(jobs: SqlJobStore, workspace: Workspace, handlers: dict[str, JobHandler]) -> JobRunner:
    return JobRunner(jobs, handlers, lambda: workspace, lease_s=60)


def _run(runner: JobRunner, jobs: SqlJobStore, kind: str, payload: JobPayload) -> Job:
    job_id = jobs.add(kind, payload).id
    claimed = runner.claim("w", job_id)
    assert claimed is not None
    runner.run(claimed, "w")
    settled = jobs.get(job_id)
    assert settled is not None
    return settled


def test_the_handler_gets_the_workspace_and_payload_and_the_job_is_done(
    jobs: SqlJobStore, workspace: Workspace
) -> None:
    recorder = Recorder()
    job = _run(_runner(jobs, workspace, recorder.handlers()), jobs, "record", {"statement_id": 3})
    assert (job.state, job.error, job.attempts) == (JobState.DONE, None, 1)
    assert recorder.calls == [(workspace, {"statement_id": 3})]


@pytest.mark.parametrize(
    ("kind", "code", "message"),
    [
        ("refuse", ErrorCode.EMPTY_INPUT, "the statement is empty"),
        ("crash", ErrorCode.INTERNAL_ERROR, "RuntimeError: boom"),
        ("vanished", ErrorCode.UNKNOWN_JOB_KIND, "no handler for job kind 'vanished'"),
    ],
)
def test_a_failure_is_stored_with_its_code(
    jobs: SqlJobStore, workspace: Workspace, kind: str, code: ErrorCode, message: str
) -> None:
    job = _run(_runner(jobs, workspace, Recorder().handlers()), jobs, kind, {})
    assert job.state == JobState.FAILED and job.error is not None
    assert job.error.code == code and job.error.message.startswith(message)


def test_a_job_whose_workers_keep_dying_is_failed_not_run_again(
    jobs: SqlJobStore, workspace: Workspace
) -> None:
    recorder = Recorder()
    job_id = jobs.add("record", {}).id
    stale = datetime.now(UTC) + timedelta(seconds=1)  # every earlier heartbeat is stale
    for attempt in range(MAX_ATTEMPTS):
        assert jobs.claim(f"died-{attempt}", stale_before=stale, job_id=job_id) is not None
    last = jobs.claim("w", stale_before=stale, job_id=job_id)
    assert last is not None and last.attempts == MAX_ATTEMPTS + 1
    _runner(jobs, workspace, recorder.handlers()).run(last, "w")
    settled = jobs.get(job_id)
    assert settled is not None and settled.error is not None
    assert settled.error.code == ErrorCode.JOB_ATTEMPTS_EXHAUSTED
    assert recorder.calls == []


def test_the_heartbeat_is_refreshed_while_the_handler_works(
    jobs: SqlJobStore, workspace: Workspace
) -> None:
    def until_a_heartbeat(_: Workspace, payload: JobPayload) -> None:
        job_id = payload["job"]
        assert isinstance(job_id, int)

        def beaten() -> bool:
            job = jobs.get(job_id)
            assert job is not None and job.started_at_utc is not None
            return job.heartbeat_at_utc is not None and job.heartbeat_at_utc > job.started_at_utc

        wait_for(beaten, "a heartbeat", timeout_s=10)

    runner = JobRunner(jobs, {"beat": until_a_heartbeat}, lambda: workspace, lease_s=0.15)
    job_id = jobs.add("beat", {}).id
    claimed = runner.claim("w", job_id)
    assert claimed is not None
    runner.run(claimed.model_copy(update={"payload": {"job": job_id}}), "w")
    settled = jobs.get(job_id)
    assert settled is not None and (settled.state, settled.error) == (JobState.DONE, None)


def test_a_run_that_lost_its_job_leaves_the_new_holders_result(
    jobs: SqlJobStore, workspace: Workspace
) -> None:
    taken_over = threading.Event()

    def overtaken(_: Workspace, payload: JobPayload) -> None:
        later = datetime.now(UTC) + timedelta(seconds=1)
        job_id = payload["job"]
        assert isinstance(job_id, int)
        assert jobs.claim("other", stale_before=later, job_id=job_id) is not None
        assert jobs.finish(job_id, "other")
        taken_over.set()

    runner = _runner(jobs, workspace, {"slow": overtaken})
    job_id = jobs.add("slow", {}).id
    claimed = runner.claim("w", job_id)
    assert claimed is not None
    runner.run(claimed.model_copy(update={"payload": {"job": job_id}}), "w")
    settled = jobs.get(job_id)
    assert taken_over.is_set() and settled is not None
    assert (settled.state, settled.worker, settled.attempts) == (JobState.DONE, "other", 2)
