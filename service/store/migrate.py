"""Schema migrations, run in code: no alembic.ini, the Config is built here.

``migrate(engine)`` brings any adapt database to the head revision; it is idempotent and
runs every time a :class:`~service.store.database.Store` is opened, so a new or older
database is always ready on first use.

A database already at :data:`HEAD_REVISION` is recognized from Alembic's version table
with one query, without importing Alembic (about a tenth of a second of every command's
start-up); Alembic is imported only to report a revision or to upgrade.
"""

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
MIGRATION_LOCK_KEY = 0x61646170  # "adap": the PostgreSQL advisory lock of the migrations
# The newest revision in migrations/versions (tests check that it is Alembic's head).
HEAD_REVISION = "0003"
_VERSION_TABLE = "alembic_version"  # Alembic's default, which env.py keeps


def _config() -> "Config":
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str | None:
    """The newest revision the code knows, as Alembic reads it from the migration scripts."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or ``None`` for an empty database."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _is_at_head(engine: Engine) -> bool:
    """Whether the version table holds exactly :data:`HEAD_REVISION` (one row, one head)."""
    with engine.connect() as connection:
        if not inspect(connection).has_table(_VERSION_TABLE):
            return False
        rows = connection.execute(text(f"SELECT version_num FROM {_VERSION_TABLE}")).all()
    return [tuple(row) for row in rows] == [(HEAD_REVISION,)]


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
    if _is_at_head(engine):
        return
    from alembic import command

    config = _config()
    with engine.begin() as connection:
        _lock_migrations(connection)
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
