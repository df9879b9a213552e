"""The job repository on SQLite and PostgreSQL: claims are atomic, ownership is enforced."""

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from support.databases import DATABASES, store_on

from service.errors import ErrorCode
from service.jobs.base import Job, JobError, JobPayload, JobState
from service.jobs.store import SqlJobStore
from service.store import Store


@pytest.fixture(params=DATABASES)
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    yield from store_on(request.param, tmp_path)


@pytest.fixture
def jobs(database: Store) -> SqlJobStore:
    return SqlJobStore(database.transaction)


def _now() -> datetime:
    return datetime.now(UTC)


def _claim(jobs: SqlJobStore, worker: str, job_id: int | None = None) -> Job | None:
    """Claim with a one-minute lease: only heartbeats older than that are stale."""
    return jobs.claim(worker, stale_before=_now() - timedelta(minutes=1), job_id=job_id)


def test_a_job_is_stored_queued_with_its_payload(jobs: SqlJobStore) -> None:
    payload: JobPayload = {
        "statement_id": 7,
        "note": "Día mundial — 世界卫生日",
        "targets": ["fr", "zh"],
    }
    job = jobs.add("adapt_statement", payload)
    assert job == jobs.get(job.id)
    assert (job.kind, job.payload, job.statement_id) == ("adapt_statement", payload, 7)
    assert (job.state, job.attempts, job.worker, job.error) == (JobState.QUEUED, 0, None, None)
    assert job.created_at_utc.tzinfo is not None
    assert job.started_at_utc is job.finished_at_utc is None
    assert jobs.get(job.id + 1000) is None


def test_statement_id_is_taken_only_from_a_number(jobs: SqlJobStore) -> None:
    assert jobs.add("k", {"statement_id": "7"}).statement_id is None
    assert jobs.add("k", {}).statement_id is None


def test_claim_runs_the_oldest_queued_job_once(jobs: SqlJobStore) -> None:
    first, second = jobs.add("k", {"n": 1}), jobs.add("k", {"n": 2})
    claimed = _claim(jobs, "w1")
    assert claimed is not None and claimed.id == first.id
    assert (claimed.state, claimed.attempts, claimed.worker) == (JobState.RUNNING, 1, "w1")
    assert claimed.started_at_utc is not None and claimed.heartbeat_at_utc is not None
    assert _claim(jobs, "w2", first.id) is None  # held, heartbeat fresh
    next_one = _claim(jobs, "w2")
    assert next_one is not None and next_one.id == second.id
    assert _claim(jobs, "w3") is None


def test_a_running_job_with_a_stale_heartbeat_is_taken_over(jobs: SqlJobStore) -> None:
    job = jobs.add("k", {})
    assert _claim(jobs, "dead") is not None
    later = _now() + timedelta(seconds=1)  # as if the lease ran out a second ago
    taken = jobs.claim("alive", stale_before=later, job_id=job.id)
    assert taken is not None and (taken.worker, taken.attempts) == ("alive", 2)
    assert not jobs.heartbeat(job.id, "dead")
    assert not jobs.finish(job.id, "dead")  # the dead worker's late result is refused
    assert jobs.heartbeat(job.id, "alive")
    assert jobs.finish(job.id, "alive")
    stored = jobs.get(job.id)
    assert stored is not None and (stored.state, stored.worker) == (JobState.DONE, "alive")


def test_finish_records_done_or_the_error(jobs: SqlJobStore) -> None:
    done, failed = jobs.add("k", {}), jobs.add("k", {})
    for job in (done, failed):
        assert _claim(jobs, "w", job.id) is not None
    error = JobError(code=ErrorCode.EMPTY_INPUT, message="the statement is empty")
    assert jobs.finish(done.id, "w") and jobs.finish(failed.id, "w", error)
    stored_done, stored_failed = jobs.get(done.id), jobs.get(failed.id)
    assert stored_done is not None and stored_failed is not None
    assert (stored_done.state, stored_done.error) == (JobState.DONE, None)
    assert (stored_failed.state, stored_failed.error) == (JobState.FAILED, error)
    assert stored_failed.finished_at_utc is not None
    assert not jobs.finish(done.id, "w")  # settled once
    far_future = _now() + timedelta(days=1)
    assert jobs.claim("w", stale_before=far_future, job_id=done.id) is None  # never rerun


def test_unfinished_lists_queued_and_running_jobs(jobs: SqlJobStore) -> None:
    queued, running, done = (jobs.add("k", {"n": n}) for n in range(3))
    assert _claim(jobs, "w", running.id) is not None
    assert _claim(jobs, "w", done.id) is not None and jobs.finish(done.id, "w")
    assert [job.id for job in jobs.unfinished()] == [queued.id, running.id]


def test_racing_workers_claim_each_job_exactly_once(jobs: SqlJobStore) -> None:
    added = {jobs.add("k", {"n": n}).id for n in range(12)}

    def drain(worker: str) -> list[int]:
        claimed = []
        while (job := _claim(jobs, worker)) is not None:
            claimed.append(job.id)
        return claimed

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(drain, [f"w{n}" for n in range(4)]))
    every = [job_id for claimed in results for job_id in claimed]
    assert sorted(every) == sorted(added)  # each once: none twice, none lost
