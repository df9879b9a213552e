"""Servers starting at once on a new database: the migrations run under a lock, so every
one of them starts (on PostgreSQL, unlocked concurrent migrations fail on duplicate
tables), and the schema ends at the head revision."""

import subprocess
from pathlib import Path

import pytest
from support.cli import ADAPT
from support.databases import DATABASES, database_url

from service.settings import REPOSITORY_ROOT
from service.store.database import create_store_engine
from service.store.migrate import current_revision, head_revision

PROCESSES = 4


@pytest.mark.slow
@pytest.mark.parametrize("database", DATABASES)
def test_processes_migrating_a_new_database_at_once_all_succeed(
    database: str, tmp_path: Path
) -> None:
    for url in database_url(database, tmp_path):
        environment = {"ADAPT_DATA_DIR": str(tmp_path), "ADAPT_DATABASE_URL": url, "PATH": ""}
        started = [
            subprocess.Popen(
                [str(ADAPT), "db", "upgrade", "--json"],
                cwd=REPOSITORY_ROOT,
                env=environment,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(PROCESSES)
        ]
        outcomes = [(process.wait(120), *process.communicate()) for process in started]
        assert [code for code, _, _ in outcomes] == [0] * PROCESSES, outcomes
        engine = create_store_engine(url)
        try:
            assert current_revision(engine) == head_revision()
        finally:
            engine.dispose()
