"""The review service: users, statements, lines, renditions, revisions, reviews, audit log.

The audit log is append-only in the database too: triggers refuse UPDATE and DELETE on it,
on SQLite and on PostgreSQL, so no code path (nor a hand-written query) can rewrite it.

Revision ID: 0002
Revises: 0001
Create Date: 2026-05-20
"""

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None

_AUDIT_MESSAGE = "audit_log is append-only"
_SQLITE_TRIGGERS = [
    f"CREATE TRIGGER audit_log_no_{event.lower()} BEFORE {event} ON audit_log "
    f"BEGIN SELECT RAISE(ABORT, '{_AUDIT_MESSAGE}'); END"
    for event in ("UPDATE", "DELETE")
]
_POSTGRES_TRIGGERS = [
    "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS "
    f"$$ BEGIN RAISE EXCEPTION '{_AUDIT_MESSAGE}'; END $$",
    "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
    "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
]


def _when(column: str) -> sa.Column[Any]:
    return sa.Column(column, sa.DateTime(timezone=True), nullable=False)


def _name(column: str, nullable: bool = False) -> sa.Column[Any]:
    return sa.Column(column, sa.String(length=100), nullable=nullable)


def _json(column: str) -> sa.Column[Any]:
    return sa.Column(column, sa.JSON(), nullable=False)


def _id() -> sa.Column[Any]:
    return sa.Column("id", sa.Integer(), autoincrement=True, nullable=False)


def _parent(column: str, table: str, child: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column],
        [f"{table}.id"],
        name=op.f(f"fk_{child}_{column}_{table}"),
        ondelete="CASCADE",
    )


def _users() -> None:
    op.create_table(
        "users",
        _id(),
        _name("name"),
        sa.Column("role", sa.String(length=16), nullable=False),
        _json("languages"),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        _when("created_at_utc"),
        sa.Column("revoked_at_utc", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "role IN ('editor', 'translator', 'publisher', 'admin')",
            name=op.f("ck_users_known_role"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("name", name="uq_users_name"),
        sa.UniqueConstraint("token_hash", name="uq_users_token_hash"),
    )


def _statements() -> None:
    op.create_table(
        "statements",
        _id(),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("error_code", sa.String(length=64), nullable=True),
        sa.Column("error_message", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("approval_ref", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=True),
        sa.Column("source_language", sa.String(length=8), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("link", sa.Text(), nullable=True),
        _json("hashtags"),
        _json("targets"),
        _json("platforms"),
        _json("audiences"),
        _name("observance", nullable=True),
        sa.Column("urgent", sa.Boolean(), nullable=False),
        sa.Column("max_lines", sa.Integer(), nullable=False),
        sa.Column("format", sa.String(length=16), nullable=False),
        _name("created_by"),
        _when("created_at_utc"),
        _when("updated_at_utc"),
        sa.CheckConstraint(
            "status IN ('queued', 'adapting', 'ready', 'failed')",
            name=op.f("ck_statements_known_status"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statements")),
    )
    op.create_index("ix_statements_status", "statements", ["status"])
    op.create_table(
        "lines",
        _id(),
        sa.Column("statement_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        _json("reasons"),
        _parent("statement_id", "statements", "lines"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lines")),
        sa.UniqueConstraint("statement_id", "position", name="uq_lines_position"),
    )


def _renditions() -> None:
    op.create_table(
        "renditions",
        _id(),
        sa.Column("line_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("platform", sa.String(length=32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("origin", sa.String(length=16), nullable=False),
        _json("provenance"),
        _json("findings"),
        sa.Column("length", sa.Integer(), nullable=False),
        sa.Column("fits", sa.Boolean(), nullable=False),
        _json("changes"),
        _json("thread"),
        _json("suggestions"),
        _name("last_editor", nullable=True),
        sa.Column("review_state", sa.String(length=24), nullable=False),
        sa.CheckConstraint("version >= 1", name=op.f("ck_renditions_positive_version")),
        _parent("line_id", "lines", "renditions"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_renditions")),
        sa.UniqueConstraint("line_id", "language", "platform", name="uq_renditions_target"),
    )
    op.create_index("ix_renditions_review_state", "renditions", ["review_state"])


def _history() -> None:
    op.create_table(
        "revisions",
        _id(),
        sa.Column("rendition_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("origin", sa.String(length=16), nullable=False),
        _name("author", nullable=True),
        _when("created_at_utc"),
        _json("findings"),
        _parent("rendition_id", "renditions", "revisions"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_revisions")),
        sa.UniqueConstraint("rendition_id", "version", name="uq_revisions_version"),
    )
    op.create_table(
        "reviews",
        _id(),
        sa.Column("rendition_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        _name("reviewer"),
        sa.Column("decision", sa.String(length=24), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        _when("created_at_utc"),
        sa.CheckConstraint(
            "decision IN ('approve', 'request_changes')", name=op.f("ck_reviews_known_decision")
        ),
        _parent("rendition_id", "renditions", "reviews"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reviews")),
        sa.UniqueConstraint(
            "rendition_id", "version", "reviewer", "decision", name="uq_reviews_decision"
        ),
    )


def _audit() -> None:
    op.create_table(
        "audit_log",
        _id(),
        _when("at_utc"),
        _name("actor"),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("statement_id", sa.Integer(), nullable=True),
        sa.Column("rendition_id", sa.Integer(), nullable=True),
        _json("detail"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    op.create_index("ix_audit_log_statement", "audit_log", ["statement_id", "id"])
    triggers = {"postgresql": _POSTGRES_TRIGGERS, "sqlite": _SQLITE_TRIGGERS}
    for statement in triggers.get(op.get_bind().dialect.name, []):
        op.execute(statement)


def upgrade() -> None:
    _users()
    _statements()
    _renditions()
    _history()
    _audit()


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER audit_log_append_only ON audit_log")
        op.execute("DROP FUNCTION audit_log_append_only()")
    op.drop_index("ix_audit_log_statement", table_name="audit_log")
    op.drop_table("audit_log")
    op.drop_table("reviews")
    op.drop_table("revisions")
    op.drop_index("ix_renditions_review_state", table_name="renditions")
    op.drop_table("renditions")
    op.drop_table("lines")
    op.drop_index("ix_statements_status", table_name="statements")
    op.drop_table("statements")
    op.drop_table("users")
