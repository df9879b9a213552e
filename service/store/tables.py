"""The database tables, as SQLAlchemy 2 typed declarative classes.

Every schema change goes through a new migration in ``migrations/versions``; these classes
describe the head revision. Constraint names follow one convention so that later
migrations can alter them by name on both SQLite (batch mode) and PostgreSQL.
"""

from datetime import UTC, datetime

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    Dialect,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware datetime stored in UTC.

    SQLite has no time zones and hands back naive values; PostgreSQL hands back the session
    zone. Both come back as aware UTC datetimes, and a naive value is refused on the way in.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: adapt stores timezone-aware datetimes only")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class TranslationUnitRow(Base):
    """An approved translation in the translation memory, unique per language pair and key.

    ``source_key`` is the normalized source the memory matches on (see
    :mod:`service.engines.memory`); exact lookups go through ``source_key_hash`` (SHA-256 of
    the key) because a B-tree index on long text fails on PostgreSQL (entries over about
    2.7 kB). ``source_length`` is the key's length in code points, for the fuzzy prefilter.
    """

    __tablename__ = "translation_units"
    __table_args__ = (
        UniqueConstraint(
            "source_language",
            "target_language",
            "source_key_hash",
            name="uq_translation_units_pair_key",
        ),
        Index(
            "ix_translation_units_pair_length",
            "source_language",
            "target_language",
            "source_length",
        ),
        CheckConstraint("source_language <> target_language", name="distinct_languages"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source_language: Mapped[str] = mapped_column(String(8))
    target_language: Mapped[str] = mapped_column(String(8))
    source_text: Mapped[str] = mapped_column(Text)
    target_text: Mapped[str] = mapped_column(Text)
    source_key: Mapped[str] = mapped_column(Text)
    source_key_hash: Mapped[str] = mapped_column(String(64))
    source_length: Mapped[int] = mapped_column(Integer)
    origin: Mapped[str] = mapped_column(String(16))
    approved_by: Mapped[str | None] = mapped_column(Text)
    approved_at_utc: Mapped[datetime | None] = mapped_column(UtcDateTime())
    imported_from: Mapped[str | None] = mapped_column(Text)
    created_at_utc: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at_utc: Mapped[datetime] = mapped_column(UtcDateTime())
