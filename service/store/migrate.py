"""Schema migrations, run in code: no alembic.ini, the Config is built here.

``migrate(engine)`` brings any adapt database to the head revision; it is idempotent and
runs every time a :class:`~service.store.database.Store` is opened, so a new or older
database is always ready on first use.
"""

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
MIGRATION_LOCK_KEY = 0x61646170  # "adap": the PostgreSQL advisory lock of the migrations


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str | None:
    """The newest revision the code knows."""
    return ScriptDirectory.from_config(_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or ``None`` for an empty database."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _lock_migrations(connection: Connection) -> None:
    """Hold the database's migration lock until the transaction ends.

    Two processes starting at once (two API replicas, an API and a worker) then migrate
    one after the other; the second finds the schema at head and changes nothing. SQLite
    needs nothing here: its write transactions begin with ``BEGIN IMMEDIATE`` (see
    ``service/store/database.py``), which already takes the one write lock.
    """
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})


def migrate(engine: Engine) -> None:
    """Upgrade the database behind ``engine`` to the head revision, in one transaction
    under the migration lock, so concurrent start-ups are safe."""
    if current_revision(engine) == head_revision():
        return
    config = _config()
    with engine.begin() as connection:
        _lock_migrations(connection)
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
