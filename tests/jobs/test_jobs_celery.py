"""The Celery backend without a worker process: its settings, its task, and the queue."""

from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from celery.exceptions import Retry
from support.job_worker import TEST_HANDLERS
from support.redis_broker import broker_settings

from service.errors import ErrorCode
from service.jobs.base import JobPayload, JobState
from service.jobs.celery_app import DEFAULT_QUEUE, TASK_NAME, celery_config, create_celery_app
from service.jobs.celery_app import ping_worker as ping
from service.jobs.celery_queue import CeleryQueue, JobQueueUnavailable, broker_answers
from service.jobs.store import SqlJobStore
from service.settings import Settings
from service.store import Store


@pytest.fixture
def settings(tmp_path: Path) -> Iterator[Settings]:
    yield from broker_settings(tmp_path)


@pytest.fixture
def database(settings: Settings) -> Iterator[Store]:
    with Store.open(settings.resolved_database_url) as store:
        yield store


@pytest.fixture
def jobs(database: Store) -> SqlJobStore:
    return SqlJobStore(database.transaction)


def _queue(settings: Settings, jobs: SqlJobStore) -> CeleryQueue:
    return CeleryQueue(settings, create_celery_app(settings, TEST_HANDLERS), jobs, TEST_HANDLERS)


def _waiting(settings: Settings) -> int:
    """Messages waiting in the default queue (Kombu keeps a queue as a Redis list)."""
    client = redis.Redis.from_url(settings.broker_url)
    try:
        return int(client.llen(f"{settings.broker_key_prefix}{DEFAULT_QUEUE}"))
    finally:
        client.close()


def _digest(tmp_path: Path, rounds: int = 10) -> JobPayload:
    return {"rounds": rounds, "started": str(tmp_path / "started"), "output": str(tmp_path / "out")}


def test_the_worker_settings_make_a_killed_workers_job_come_back() -> None:
    config = celery_config(Settings(broker_url="redis://h:6379/1", broker_visibility_timeout_s=30))
    assert config["task_acks_late"] and config["task_reject_on_worker_lost"]
    assert config["worker_prefetch_multiplier"] == 1
    transport = config["broker_transport_options"]
    assert transport["visibility_timeout"] == 30
    assert transport["unacked_restore_interval"] * transport["unacked_restore_throttle"] <= 15
    assert "global_keyprefix" not in transport


def test_the_task_runs_a_queued_job_and_drops_a_settled_or_unknown_one(
    tmp_path: Path, settings: Settings, jobs: SqlJobStore
) -> None:
    task = create_celery_app(settings, TEST_HANDLERS).tasks[TASK_NAME]
    job = jobs.add("digest", _digest(tmp_path))
    task(job.id)
    task(job.id)  # delivered again after the work: nothing runs twice
    task(job.id + 1000)  # a job this database does not know
    settled = jobs.get(job.id)
    assert settled is not None and (settled.state, settled.attempts) == (JobState.DONE, 1)
    assert len((tmp_path / "out").read_text().splitlines()) == 1


def test_the_task_postpones_a_job_a_live_worker_runs(
    tmp_path: Path, settings: Settings, jobs: SqlJobStore
) -> None:
    task = create_celery_app(settings, TEST_HANDLERS).tasks[TASK_NAME]
    job = jobs.add("digest", _digest(tmp_path))
    assert jobs.claim("alive@host/1", stale_before=job.created_at_utc, job_id=job.id)
    with pytest.raises(Retry):
        task(job.id)
    running = jobs.get(job.id)
    assert running is not None and (running.worker, running.attempts) == ("alive@host/1", 1)
    assert not (tmp_path / "started").exists()


def test_submit_stores_the_job_and_sends_its_id(settings: Settings, jobs: SqlJobStore) -> None:
    queue = _queue(settings, jobs)
    try:
        job_id = queue.submit("digest", {"rounds": 1})
        assert queue.health()
    finally:
        queue.stop()
    stored = jobs.get(job_id)
    assert stored is not None and stored.state == JobState.QUEUED
    assert _waiting(settings) == 1


def test_with_the_broker_down_the_job_waits_and_is_sent_on_start(
    settings: Settings, jobs: SqlJobStore
) -> None:
    down = settings.model_copy(update={"broker_url": "redis://127.0.0.1:1/0"})
    queue = _queue(down, jobs)
    with pytest.raises(JobQueueUnavailable) as raised:
        queue.submit("digest", {"rounds": 1})
    assert raised.value.code == ErrorCode.JOB_QUEUE_UNAVAILABLE
    assert not queue.health()
    queue.stop()
    [waiting] = jobs.unfinished()
    assert waiting.state == JobState.QUEUED and raised.value.fields["job_id"] == waiting.id
    restarted = _queue(settings, jobs)
    restarted.start()
    restarted.stop()
    assert _waiting(settings) == 1


def test_health_and_ping_say_when_nothing_answers(settings: Settings) -> None:
    assert broker_answers(settings.broker_url)
    assert not broker_answers("redis://127.0.0.1:1/0", timeout_s=0.5)
    app = create_celery_app(settings, TEST_HANDLERS)
    try:
        assert not ping(app, "nobody", timeout_s=0.3)
    finally:
        app.close()


def test_with_the_database_away_the_message_is_kept_for_later(settings: Settings) -> None:
    away = settings.model_copy(update={"database_url": "postgresql+psycopg://u@127.0.0.1:1/x"})
    task = create_celery_app(away, TEST_HANDLERS).tasks[TASK_NAME]
    with pytest.raises(Retry):  # not acknowledged as done: the job is still to run
        task(1)
