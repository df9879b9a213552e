"""Opening the database: engine, migrations, sessions and the repositories over them.

One :class:`Store` per process edge (a CLI command, the API's lifespan). It owns the
engine and hands sessions only to the repositories of this package.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from service.errors import InputError
from service.settings import Settings
from service.store.migrate import migrate
from service.store.repository import TranslationUnitRepository


def _enable_sqlite_foreign_keys(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def create_store_engine(url: str, **options: Any) -> Engine:
    """Create an engine for ``url``; for a SQLite file, create its folder first.

    A malformed URL or a missing driver is the user's set-up problem: InputError.
    """
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise InputError(
            f"invalid database URL {url!r}: use sqlite:///PATH or "
            "postgresql+psycopg://USER@HOST/DATABASE"
        ) from None
    is_sqlite = parsed.get_backend_name() == "sqlite"
    if is_sqlite and parsed.database not in (None, "", ":memory:"):
        folder = Path(parsed.database).expanduser().parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise InputError(
                f"cannot create the database folder {folder} ({error.strerror})"
            ) from None
    try:
        engine = create_engine(parsed, **options)
    except (NoSuchModuleError, ModuleNotFoundError) as error:
        raise InputError(
            f"no driver for database URL {parsed.render_as_string()}: {error}"
        ) from None
    if is_sqlite:
        event.listen(engine, "connect", _enable_sqlite_foreign_keys)
    return engine


class Store:
    """The database: an engine migrated to the head revision, and its repositories."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self.translation_units = TranslationUnitRepository(self.transaction)

    @classmethod
    def open(cls, url: str, **engine_options: Any) -> "Store":
        """Connect to ``url`` and migrate it; an unreachable database is an InputError."""
        engine = create_store_engine(url, **engine_options)
        try:
            migrate(engine)
        except OperationalError as error:
            engine.dispose()
            reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
            raise InputError(
                f"cannot open the database {engine.url.render_as_string()}: {reason}"
            ) from None
        return cls(engine)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session in one transaction, committed on success, rolled back on error.

        For the repositories of this package only: nothing else touches a Session.
        """
        with self._sessions.begin() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def open_store(settings: Settings) -> Store:
    """Open the store named by the settings (SQLite under the data dir by default)."""
    return Store.open(settings.resolved_database_url)
