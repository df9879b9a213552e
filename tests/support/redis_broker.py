"""Settings for job tests on the local Redis (127.0.0.1:6379), each test in its own keys.

Every key a test's Celery app and workers use carries a fresh prefix (Kombu's
``global_keyprefix``), so tests never see each other's messages or redeliver another
run's; the keys are deleted afterwards. A test is skipped, with the reason, only when
Redis does not answer.
"""

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from service.settings import Settings

REDIS_URL = os.environ.get("ADAPT_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def broker_settings(folder: Path, **overrides: object) -> Iterator[Settings]:
    """Settings with a SQLite database in ``folder`` and a private prefix on the Redis."""
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except (redis.RedisError, OSError) as error:
        pytest.skip(f"Redis at {REDIS_URL} is unreachable: {error}")
    prefix = f"adapt-test-{uuid.uuid4().hex[:12]}:"
    values: dict[str, object] = {
        "data_dir": folder,
        "database_url": f"sqlite:///{folder / 'adapt.sqlite3'}",
        "broker_url": REDIS_URL,
        "broker_key_prefix": prefix,
        "broker_visibility_timeout_s": 2.0,
        "job_lease_s": 3.0,
    }
    try:
        yield Settings.model_validate(values | overrides)
    finally:
        for key in client.scan_iter(match=f"{prefix}*"):
            client.delete(key)
        client.close()


def environment(settings: Settings) -> dict[str, str]:
    """The process environment that gives a subprocess ``settings``."""
    names = (
        "data_dir",
        "database_url",
        "broker_url",
        "broker_key_prefix",
        "broker_visibility_timeout_s",
        "job_lease_s",
    )
    values = {f"ADAPT_{name.upper()}": str(getattr(settings, name)) for name in names}
    return os.environ | values
