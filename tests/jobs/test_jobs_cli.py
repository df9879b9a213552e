"""``adapt worker``: a clear error without a broker, and ``--ping`` for healthchecks."""

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.redis_broker import broker_settings, environment

from service.cli import run
from service.settings import Settings


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Settings]:
    for settings in broker_settings(tmp_path):
        for name, value in environment(settings).items():
            monkeypatch.setenv(name, value)
        yield settings


def test_a_worker_needs_a_broker(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ADAPT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("ADAPT_BROKER_URL", raising=False)
    assert run(["worker"]) == 2
    assert run(["worker", "--ping"]) == 2
    err = capsys.readouterr().err
    assert err.count("the job workers need a broker: set ADAPT_BROKER_URL=redis://") == 2
    assert not (tmp_path / "adapt.sqlite3").exists()  # refused before any work


def test_a_broker_that_is_not_redis_is_an_invalid_setting(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ADAPT_BROKER_URL", "amqp://guest@127.0.0.1//")
    assert run(["worker"]) == 2
    assert "invalid setting: broker_url" in capsys.readouterr().err


def test_ping_exits_1_when_no_such_worker_answers(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["worker", "--ping", "-n", "nobody@nowhere", "--timeout", "0.3", "--json"]) == 1
    assert json.loads(capsys.readouterr().out) == {"worker": "nobody@nowhere", "answered": False}


def test_a_worker_with_no_queue_or_process_is_refused(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["worker", "--queues", " , "]) == 2
    assert run(["worker", "--concurrency", "0"]) == 2
    assert "a worker needs at least one queue" in capsys.readouterr().err
