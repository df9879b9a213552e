"""Opening the database: engine, migrations, sessions and the repositories over them.

One :class:`Store` per process edge (a CLI command, the API's lifespan). It owns the
engine and hands sessions only to the repositories of this package.

SQLite runs in WAL mode (readers never wait for the writer) with foreign keys on and a
30 s busy timeout, and every write transaction starts with ``BEGIN IMMEDIATE``: it takes
the write lock at once, so concurrent writers queue up instead of failing when one of them
upgrades a read lock (SQLAlchemy's pysqlite recipe: the driver's own transaction handling
is turned off and SQLAlchemy emits BEGIN). Read-only transactions use a plain ``BEGIN``.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from service.closing import Closing
from service.errors import AdaptError, ErrorCode, InputError
from service.settings import Settings
from service.store.audit import AuditRepository
from service.store.migrate import migrate
from service.store.renditions import RenditionRepository
from service.store.repository import TranslationUnitRepository
from service.store.statements import StatementRepository
from service.store.users import UserRepository

SQLITE_BUSY_TIMEOUT_MS = 30_000
_BEGIN_OPTION = "adapt_sqlite_begin"


def _configure_sqlite_connection(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN (see _begin_sqlite)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def _begin_sqlite(connection: Connection) -> None:
    """``BEGIN IMMEDIATE`` unless the connection was asked for a read-only transaction."""
    mode = connection.get_execution_options().get(_BEGIN_OPTION, "IMMEDIATE")
    connection.exec_driver_sql(f"BEGIN {mode}")


def _reason(error: OperationalError) -> str:
    return str(error.orig).strip().splitlines()[0] if error.orig else str(error)


def _unavailable(engine: Engine, error: OperationalError) -> AdaptError:
    return AdaptError(
        f"the database {engine.url.render_as_string()} is unavailable: {_reason(error)}",
        code=ErrorCode.DATABASE_UNAVAILABLE,
        reason=_reason(error),
    )


def create_store_engine(url: str, **options: Any) -> Engine:
    """Create an engine for ``url``; for a SQLite file, create its folder first.

    A malformed URL or a missing driver is the user's set-up problem: InputError.
    """
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise InputError(
            f"invalid database URL {url!r}: use sqlite:///PATH or "
            "postgresql+psycopg://USER@HOST/DATABASE",
            code=ErrorCode.INVALID_SETTING,
            setting="database_url",
        ) from None
    is_sqlite = parsed.get_backend_name() == "sqlite"
    if is_sqlite and parsed.database not in (None, "", ":memory:"):
        folder = Path(parsed.database).expanduser().parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise InputError(
                f"cannot create the database folder {folder} ({error.strerror})",
                code=ErrorCode.DATABASE_UNAVAILABLE,
            ) from None
    try:
        engine = create_engine(parsed, **options)
    except (NoSuchModuleError, ModuleNotFoundError) as error:
        raise InputError(
            f"no driver for database URL {parsed.render_as_string()}: {error}",
            code=ErrorCode.INVALID_SETTING,
            setting="database_url",
        ) from None
    if is_sqlite:
        event.listen(engine, "connect", _configure_sqlite_connection)
        event.listen(engine, "begin", _begin_sqlite)
    return engine


class Store(Closing):
    """The database: an engine migrated to the head revision, and its repositories."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._shared: ContextVar[Session | None] = ContextVar(f"store-{id(self)}", default=None)
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        reader = engine.execution_options(**{_BEGIN_OPTION: "DEFERRED"})
        self._read_sessions = sessionmaker(reader, expire_on_commit=False)
        self.translation_units = TranslationUnitRepository(self.transaction, self.read)
        self.statements = StatementRepository(self.transaction, self.read)
        self.renditions = RenditionRepository(self.transaction, self.read)
        self.users = UserRepository(self.transaction, self.read)
        self.audit = AuditRepository(self.transaction, self.read)

    @classmethod
    def open(cls, url: str, **engine_options: Any) -> "Store":
        """Connect to ``url`` and migrate it; an unreachable database is an InputError."""
        engine = create_store_engine(url, **engine_options)
        try:
            migrate(engine)
        except OperationalError as error:
            engine.dispose()
            raise InputError(
                f"cannot open the database {engine.url.render_as_string()}: {_reason(error)}",
                code=ErrorCode.DATABASE_UNAVAILABLE,
                reason=_reason(error),
            ) from None
        return cls(engine)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session in one write transaction, committed on success, rolled back on error.

        For the repositories of this package only: nothing else touches a Session. A lost
        connection or a lock held past the busy timeout is ``database_unavailable``.
        Inside :meth:`unit_of_work` it is that unit's session (committed with it).
        """
        shared = self._shared.get()
        if shared is not None:
            yield shared
            return
        try:
            with self._sessions.begin() as session:
                yield session
        except OperationalError as error:
            raise _unavailable(self.engine, error) from None

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session in one read-only transaction (on SQLite it takes no write lock); inside
        :meth:`unit_of_work`, that unit's session, so reads see its writes."""
        shared = self._shared.get()
        if shared is not None:
            yield shared
            return
        try:
            with self._read_sessions.begin() as session:
                yield session
        except OperationalError as error:
            raise _unavailable(self.engine, error) from None

    def ping(self) -> bool:
        """Whether the database answers a trivial query now (health checks)."""
        try:
            with self.engine.connect() as connection:
                connection.exec_driver_sql("SELECT 1")
        except OperationalError:
            return False
        return True

    @contextmanager
    def unit_of_work(self) -> Iterator[None]:
        """One write transaction that every repository call inside joins, in this thread or
        task: all of them are committed together, or none (an import of many edits)."""
        if self._shared.get() is not None:
            yield
            return
        with self.transaction() as session:
            token = self._shared.set(session)
            try:
                yield
            finally:
                self._shared.reset(token)

    def close(self) -> None:
        self.engine.dispose()


def open_store(settings: Settings) -> Store:
    """Open the store named by the settings (SQLite under the data dir by default)."""
    return Store.open(settings.resolved_database_url)
