"""Alembic environment: runs migrations on the connection handed over in the Config.

adapt has no alembic.ini: :func:`service.store.migrate.migrate` builds the Config in code
and passes an open connection as ``config.attributes["connection"]``. SQLite runs in batch
mode so that later migrations can alter tables (SQLite has no ALTER COLUMN).
"""

from alembic import context
from sqlalchemy.engine import Connection

from service.store.tables import Base


def _run_online(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def _main() -> None:
    try:
        config = context.config
    except AttributeError:  # imported outside an Alembic run, e.g. by doctest collection
        return
    connection = config.attributes.get("connection")
    if not isinstance(connection, Connection):
        raise RuntimeError(
            "run migrations through service.store.migrate, which passes a connection"
        )
    _run_online(connection)


_main()
