"""Stores for tests: SQLite in the test's folder, or a fresh schema of the local PostgreSQL.

PostgreSQL is at ``ADAPT_TEST_POSTGRES_URL`` (default: user postgres at 127.0.0.1:5432,
database ``test``); each store gets its own schema, dropped afterwards. When the server
cannot be reached the test is skipped with the reason (CI's ``.ci/run`` checks it is up).
"""

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from service.store import Store

POSTGRES_URL = os.environ.get(
    "ADAPT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
DATABASES = ("sqlite", "postgresql")


def postgres_store() -> Iterator[Store]:
    """A store in a fresh schema of the local test database, dropped afterwards."""
    admin = create_engine(POSTGRES_URL, connect_args={"connect_timeout": 3})
    schema = f"adapt_test_{uuid.uuid4().hex[:12]}"
    try:
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    except OperationalError as error:
        admin.dispose()
        pytest.skip(f"PostgreSQL at {POSTGRES_URL} is unreachable: {error.orig}")
    store = Store.open(
        POSTGRES_URL,
        connect_args={"options": f"-csearch_path={schema}"},
        pool_size=10,
        max_overflow=20,
    )
    try:
        yield store
    finally:
        store.close()
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def open_test_store(database: str, folder: Path) -> Iterator[Store]:
    """A migrated store of the given kind (one of :data:`DATABASES`), closed afterwards."""
    if database == "sqlite":
        with Store.open(f"sqlite:///{folder / 'adapt.sqlite3'}") as store:
            yield store
    else:
        yield from postgres_store()
