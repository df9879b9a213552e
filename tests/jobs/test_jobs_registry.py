"""Choosing the job backend from the settings."""

from pathlib import Path

import pytest

from service.errors import ErrorCode, InputError
from service.jobs import JOB_HANDLERS, JOB_QUEUES, open_job_queue
from service.jobs.celery_queue import CeleryQueue
from service.jobs.inline import InlineQueue
from service.settings import Settings
from service.store import Store
from service.workflow.workspace import Workspace


@pytest.mark.parametrize(
    ("values", "backend"),
    [
        ({}, "inline"),
        ({"broker_url": "redis://127.0.0.1:6379/0"}, "celery"),
        ({"broker_url": "redis://127.0.0.1:6379/0", "job_backend": "inline"}, "inline"),
        ({"job_backend": "celery"}, "celery"),
    ],
)
def test_the_backend_is_celery_when_a_broker_is_set(values: dict[str, str], backend: str) -> None:
    assert Settings.model_validate(values).resolved_job_backend == backend
    assert backend in JOB_QUEUES


def test_the_queue_of_each_backend(tmp_path: Path, store: Store) -> None:
    inline = Workspace(Settings(data_dir=tmp_path), store=store)
    assert isinstance(open_job_queue(inline), InlineQueue)
    broker = Settings(data_dir=tmp_path, broker_url="redis://127.0.0.1:6379/0")
    celery = open_job_queue(Workspace(broker, store=store), JOB_HANDLERS)
    assert isinstance(celery, CeleryQueue)
    celery.stop()


def test_celery_without_a_broker_is_an_invalid_setting(tmp_path: Path, store: Store) -> None:
    settings = Settings(data_dir=tmp_path, job_backend="celery")
    with pytest.raises(InputError) as raised:
        open_job_queue(Workspace(settings, store=store))
    assert raised.value.code == ErrorCode.INVALID_SETTING
    assert raised.value.fields == {"setting": "broker_url"}


def test_a_broker_must_be_redis() -> None:
    with pytest.raises(ValueError, match="the broker must be Redis"):
        Settings(broker_url="amqp://guest@127.0.0.1//")
