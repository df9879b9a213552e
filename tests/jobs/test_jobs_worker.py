"""Two real ``adapt worker`` processes on the local Redis: a worker killed mid-job.

The job is the ``digest`` kind of ``tests/support/job_worker.py`` (seconds of hashing),
whose effect is one appended line: not idempotent, so a job run twice would show.
"""

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import redis
from celery import Celery
from support.databases import DATABASES, database_url
from support.job_worker import TEST_HANDLERS
from support.redis_broker import broker_settings, environment
from support.waiting import wait_for

from service.jobs.base import Job, JobPayload, JobState
from service.jobs.celery_app import DEFAULT_QUEUE, create_celery_app, ping_worker
from service.jobs.registry import open_job_queue
from service.jobs.store import SqlJobStore
from service.settings import REPOSITORY_ROOT, Settings
from service.store import Store
from service.workflow.workspace import Workspace

WORKER_SCRIPT = REPOSITORY_ROOT / "tests" / "support" / "job_worker.py"
# About four seconds of hashing here: long enough to kill the worker while it works.
ROUNDS = 4_000_000


@dataclass
class Worker:
    name: str
    process: "subprocess.Popen[bytes]"
    log: Path

    def kill(self) -> None:
        """SIGKILL the worker and its pool processes at once: no goodbye to the broker."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()


def _start(name: str, settings: Settings, folder: Path) -> Worker:
    log = folder / f"{name}.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, str(WORKER_SCRIPT), "worker", "--name", name, "--concurrency", "1"],
            env=environment(settings),
            cwd=folder,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, pool included
        )
    return Worker(name, process, log)


def _wait_until_it_answers(app: Celery, worker: Worker) -> None:
    def answers() -> bool:
        if worker.process.poll() is not None:
            log = worker.log.read_text(errors="replace")[-2000:]
            raise AssertionError(f"worker {worker.name} exited:\n{log}")
        return ping_worker(app, worker.name, timeout_s=1.0)

    wait_for(answers, f"worker {worker.name} to answer", timeout_s=60)


@pytest.fixture(params=DATABASES)
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    for url in database_url(request.param, tmp_path):
        yield from broker_settings(tmp_path, database_url=url)


@pytest.fixture
def workers(settings: Settings, tmp_path: Path) -> Iterator[dict[str, Worker]]:
    Store.open(settings.resolved_database_url).close()  # migrated once, before both start
    started = {name: _start(name, settings, tmp_path) for name in ("w1", "w2")}
    app = create_celery_app(settings, TEST_HANDLERS)
    try:
        for worker in started.values():
            _wait_until_it_answers(app, worker)
        yield started
    finally:
        app.close()
        for worker in started.values():
            worker.stop()


def _broker_drained(settings: Settings) -> bool:
    """No message waits in the queue, and none is delivered but unacknowledged."""
    client = redis.Redis.from_url(settings.broker_url)
    prefix = settings.broker_key_prefix
    try:
        return client.llen(f"{prefix}{DEFAULT_QUEUE}") == 0 and client.hlen(f"{prefix}unacked") == 0
    finally:
        client.close()


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


@pytest.mark.slow
def test_a_job_whose_worker_is_killed_is_redone_by_the_other_once(
    settings: Settings, workers: dict[str, Worker], tmp_path: Path
) -> None:
    started, output = tmp_path / "started", tmp_path / "output"
    payload: JobPayload = {
        "rounds": ROUNDS,
        "seed": "WHO",
        "started": str(started),
        "output": str(output),
    }
    with Workspace(settings) as workspace:
        jobs = SqlJobStore(workspace.store.transaction)
        queue = open_job_queue(workspace, TEST_HANDLERS)
        job_id = queue.submit("digest", payload)
        wait_for(lambda: _lines(started), "the job to start", timeout_s=60)
        running = jobs.get(job_id)
        assert running is not None and running.state == JobState.RUNNING and running.worker
        victim = running.worker.split("@")[0]
        workers[victim].kill()

        def settled() -> Job | None:
            job = jobs.get(job_id)
            return job if job is not None and job.state != JobState.RUNNING else None

        done = wait_for(settled, "the other worker to redo the job", timeout_s=60)
        queue.stop()
    # Redeliveries and postponed copies of the message may still be about: let the
    # survivor see every one of them, then look at the effect.
    wait_for(lambda: _broker_drained(settings), "the broker to hold no message", timeout_s=60)
    survivor = next(name for name in workers if name != victim)
    assert (done.state, done.error, done.attempts) == (JobState.DONE, None, 2)
    assert done.worker is not None and done.worker.startswith(f"{survivor}@")
    assert len(_lines(started)) == 2  # begun by the victim, then by the survivor
    assert len(_lines(output)) == 1  # and stored exactly once
