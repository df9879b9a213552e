"""The database tables, as SQLAlchemy 2 typed declarative classes.

Every schema change goes through a new migration in ``migrations/versions``; these classes
describe the head revision. Constraint names follow one convention so that later
migrations can alter them by name on both SQLite (batch mode) and PostgreSQL.
"""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
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


# The review service (migration 0002) ---------------------------------------------------------

NAME = 100  # user names, in every table that records who did something
CASCADE = "CASCADE"


class UserRow(Base):
    """A person with a token; only the SHA-256 of the token is stored."""

    __tablename__ = "users"
    __table_args__ = (
        UniqueConstraint("name", name="uq_users_name"),
        UniqueConstraint("token_hash", name="uq_users_token_hash"),
        CheckConstraint(
            "role IN ('editor', 'translator', 'publisher', 'admin')", name="known_role"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(NAME))
    role: Mapped[str] = mapped_column(String(16))
    languages: Mapped[list[str]] = mapped_column(JSON)
    token_hash: Mapped[str] = mapped_column(String(64))
    created_at_utc: Mapped[datetime] = mapped_column(UtcDateTime())
    revoked_at_utc: Mapped[datetime | None] = mapped_column(UtcDateTime())


class StatementRow(Base):
    """A submitted statement: the request, then the adaptation's status."""

    __tablename__ = "statements"
    __table_args__ = (
        CheckConstraint("status IN ('queued', 'adapting', 'ready', 'failed')", name="known_status"),
        Index("ix_statements_status", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    status: Mapped[str] = mapped_column(String(16))
    error_code: Mapped[str | None] = mapped_column(String(64))
    error_message: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    approval_ref: Mapped[str] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(8))
    source_language: Mapped[str | None] = mapped_column(String(8))
    title: Mapped[str | None] = mapped_column(Text)
    link: Mapped[str | None] = mapped_column(Text)
    hashtags: Mapped[list[str]] = mapped_column(JSON)
    targets: Mapped[list[str]] = mapped_column(JSON)
    platforms: Mapped[list[str]] = mapped_column(JSON)
    audiences: Mapped[list[str]] = mapped_column(JSON)
    observance: Mapped[str | None] = mapped_column(String(NAME))
    urgent: Mapped[bool] = mapped_column(Boolean)
    max_lines: Mapped[int] = mapped_column(Integer)
    format: Mapped[str] = mapped_column(String(16))
    created_by: Mapped[str] = mapped_column(String(NAME))
    created_at_utc: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at_utc: Mapped[datetime] = mapped_column(UtcDateTime())


class LineRow(Base):
    """One extracted line of a statement, as a post (the line, the link, the hashtags)."""

    __tablename__ = "lines"
    __table_args__ = (UniqueConstraint("statement_id", "position", name="uq_lines_position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    statement_id: Mapped[int] = mapped_column(ForeignKey("statements.id", ondelete=CASCADE))
    position: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(Text)
    score: Mapped[float] = mapped_column(Float)
    reasons: Mapped[list[str]] = mapped_column(JSON)


class RenditionRow(Base):
    """A line in one language for one platform: its current text, version and review state.

    ``review_state`` is the rule's verdict on the current version, written in the same
    transaction as every edit and review, so lists filter on it in SQL.
    """

    __tablename__ = "renditions"
    __table_args__ = (
        UniqueConstraint("line_id", "language", "platform", name="uq_renditions_target"),
        CheckConstraint("version >= 1", name="positive_version"),
        Index("ix_renditions_review_state", "review_state"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    line_id: Mapped[int] = mapped_column(ForeignKey("lines.id", ondelete=CASCADE))
    language: Mapped[str] = mapped_column(String(8))
    platform: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer)
    origin: Mapped[str] = mapped_column(String(16))
    provenance: Mapped[dict[str, Any]] = mapped_column(JSON)
    findings: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    length: Mapped[int] = mapped_column(Integer)
    fits: Mapped[bool] = mapped_column(Boolean)
    changes: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    thread: Mapped[list[str]] = mapped_column(JSON)
    suggestions: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    last_editor: Mapped[str | None] = mapped_column(String(NAME))
    review_state: Mapped[str] = mapped_column(String(24))


class RevisionRow(Base):
    """Every version a rendition's text has had; version 1 is the machine's (or memory's)."""

    __tablename__ = "revisions"
    __table_args__ = (UniqueConstraint("rendition_id", "version", name="uq_revisions_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    rendition_id: Mapped[int] = mapped_column(ForeignKey("renditions.id", ondelete=CASCADE))
    version: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    origin: Mapped[str] = mapped_column(String(16))
    author: Mapped[str | None] = mapped_column(String(NAME))
    created_at_utc: Mapped[datetime] = mapped_column(UtcDateTime())
    findings: Mapped[list[dict[str, Any]]] = mapped_column(JSON)


class ReviewRow(Base):
    """One decision on one version; unique, so the same approval is never stored twice."""

    __tablename__ = "reviews"
    __table_args__ = (
        UniqueConstraint(
            "rendition_id", "version", "reviewer", "decision", name="uq_reviews_decision"
        ),
        CheckConstraint("decision IN ('approve', 'request_changes')", name="known_decision"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    rendition_id: Mapped[int] = mapped_column(ForeignKey("renditions.id", ondelete=CASCADE))
    version: Mapped[int] = mapped_column(Integer)
    reviewer: Mapped[str] = mapped_column(String(NAME))
    decision: Mapped[str] = mapped_column(String(24))
    comment: Mapped[str | None] = mapped_column(Text)
    created_at_utc: Mapped[datetime] = mapped_column(UtcDateTime())


class AuditRow(Base):
    """One state change: who, when, what. Append-only (database triggers refuse the rest).

    No foreign keys: the log outlives anything it mentions and never blocks a write.
    """

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_statement", "statement_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at_utc: Mapped[datetime] = mapped_column(UtcDateTime())
    actor: Mapped[str] = mapped_column(String(NAME))
    action: Mapped[str] = mapped_column(String(32))
    statement_id: Mapped[int | None] = mapped_column(Integer)
    rendition_id: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON)
