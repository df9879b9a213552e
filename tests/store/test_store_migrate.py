"""Migrations at start-up: a database at head is recognized without importing Alembic."""

import subprocess
import sys
from pathlib import Path

from sqlalchemy import create_engine

from service.store import Store
from service.store.migrate import HEAD_REVISION, current_revision, head_revision, migrate

_OPEN_AND_LIST = """
import sys
from service.store import Store
Store.open(sys.argv[1]).close()
print("alembic" in sys.modules)
"""


def test_the_head_constant_is_alembics_head() -> None:
    assert head_revision() == HEAD_REVISION


def _opens_with_alembic(url: str) -> bool:
    command = [sys.executable, "-c", _OPEN_AND_LIST, url]
    completed = subprocess.run(command, capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr
    return completed.stdout.strip() == "True"


def test_only_a_database_behind_head_imports_alembic(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'adapt.db'}"
    assert _opens_with_alembic(url)  # a new database: migrated
    assert not _opens_with_alembic(url)  # now at head: one query
    engine = create_engine(url)
    assert current_revision(engine) == HEAD_REVISION
    engine.dispose()


def test_migrating_a_database_at_head_changes_nothing(tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'adapt.db'}")
    migrate(store.engine)
    assert current_revision(store.engine) == HEAD_REVISION
    store.close()
