"""Stores for tests on both databases: SQLite in a folder, PostgreSQL in a fresh schema.

The PostgreSQL server is the local one (127.0.0.1:5432, database ``test``) unless
``ADAPT_TEST_POSTGRES_URL`` names another; a test is skipped, with the reason, only when
it cannot be reached.
"""

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.exc import OperationalError

from service.store import Store

POSTGRES_URL = os.environ.get(
    "ADAPT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
DATABASES = ["sqlite", "postgresql"]


def postgres_url() -> Iterator[str]:
    """The URL of a fresh schema of the local test database, dropped afterwards.

    The schema is the connections' search path (libpq ``options``), so a subprocess given
    the URL works in it too.
    """
    admin = create_engine(POSTGRES_URL, connect_args={"connect_timeout": 3})
    schema = f"adapt_test_{uuid.uuid4().hex[:12]}"
    try:
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    except OperationalError as error:
        admin.dispose()
        pytest.skip(f"PostgreSQL at {POSTGRES_URL} is unreachable: {error.orig}")
    try:
        yield (
            make_url(POSTGRES_URL)
            .update_query_dict({"options": f"-csearch_path={schema}"})
            .render_as_string(hide_password=False)
        )
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def database_url(database: str, folder: Path) -> Iterator[str]:
    """The URL of an empty database on ``database`` (one of :data:`DATABASES`)."""
    if database == "sqlite":
        yield f"sqlite:///{folder / 'adapt.sqlite3'}"
    else:
        yield from postgres_url()


def store_on(database: str, folder: Path) -> Iterator[Store]:
    """A migrated store on ``database`` (one of :data:`DATABASES`), closed afterwards.

    On PostgreSQL the pool holds 30 connections, enough for the concurrency tests' threads.
    """
    options = {} if database == "sqlite" else {"pool_size": 10, "max_overflow": 20}
    for url in database_url(database, folder):
        with Store.open(url, **options) as store:
            yield store
