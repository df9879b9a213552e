"""``adapt batch --queue``: chunks on two real ``adapt worker`` processes on the local Redis,
one of them killed mid-chunk; the output is complete and holds each statement once."""

import json
import os
import signal
import subprocess
import threading
from collections import Counter
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
from support.batch_corpus import write_corpus
from support.cli import ADAPT
from support.redis_broker import broker_settings, environment
from support.waiting import wait_for

from service.jobs.base import Job, JobState
from service.jobs.celery_app import create_celery_app, ping_worker
from service.jobs.handlers import JOB_HANDLERS
from service.jobs.store import SqlJobStore
from service.settings import Settings
from service.store import Store
from service.workflow import Workspace
from service.workflow.batch import BatchRequest, BatchSummary, run_batch
from service.workflow.batch_jobs import BATCH_JOB_KIND

Workers = dict[str, "subprocess.Popen[bytes]"]


@pytest.fixture
def settings(tmp_path: Path, argos_packages_dir: Path) -> Iterator[Settings]:
    yield from broker_settings(tmp_path, packages_dir=argos_packages_dir)


@pytest.fixture
def workers(settings: Settings, tmp_path: Path) -> Iterator[Workers]:
    Store.open(settings.resolved_database_url).close()  # migrated once, before both start
    variables = environment(settings) | {"ADAPT_PACKAGES_DIR": str(settings.packages_dir)}
    started: Workers = {}
    for name in ("w1", "w2"):
        with (tmp_path / f"{name}.log").open("wb") as log:
            started[name] = subprocess.Popen(
                [str(ADAPT), "worker", "--name", name, "--concurrency", "1"],
                env=variables,
                cwd=tmp_path,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
    app = create_celery_app(settings, JOB_HANDLERS)
    try:
        for name in started:
            wait_for(partial(ping_worker, app, name, timeout_s=1.0), f"{name} to answer", 60)
        yield started
    finally:
        app.close()
        for process in started.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)


def _running_job(settings: Settings) -> Job | None:
    with Store.open(settings.resolved_database_url) as store:
        jobs = SqlJobStore(store.transaction).unfinished()
    running = [job for job in jobs if job.state == JobState.RUNNING and job.kind == BATCH_JOB_KIND]
    return running[0] if running else None


@pytest.mark.slow
def test_a_worker_killed_mid_chunk_leaves_the_output_complete_without_duplicates(
    settings: Settings, workers: Workers, tmp_path: Path
) -> None:
    inputs, out = tmp_path / "inputs", tmp_path / "out"
    good = write_corpus(inputs, corrupt=False, per_language=3)
    request = BatchRequest(inputs=[inputs], out_dir=out, queue=settings.broker_url, chunk_size=5)
    results: list[BatchSummary] = []

    def drive() -> None:
        with Workspace(settings) as workspace:
            results.append(run_batch(workspace, request))

    driver = threading.Thread(target=drive)
    driver.start()
    victim_job = wait_for(lambda: _running_job(settings), "a chunk to start", timeout_s=120)
    assert victim_job.worker is not None
    victim = victim_job.worker.split("@")[0]
    os.killpg(workers[victim].pid, signal.SIGKILL)
    driver.join(180)
    assert not driver.is_alive() and results, "the batch did not finish"

    summary = results[0]
    assert (summary.statements, summary.failed) == (good, 0)
    lines = (out / "batch.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == good
    assert max(Counter((r["file"], r["line"]) for r in records).values()) == 1
    with Store.open(settings.resolved_database_url) as store:
        redone = SqlJobStore(store.transaction).get(victim_job.id)
    assert redone is not None and redone.state == JobState.DONE and redone.attempts == 2
    assert redone.worker is not None and not redone.worker.startswith(f"{victim}@")
