"""Translation memory: the translation_units table.

Revision ID: 0001
Revises:
Create Date: 2026-05-09
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "translation_units",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("source_language", sa.String(length=8), nullable=False),
        sa.Column("target_language", sa.String(length=8), nullable=False),
        sa.Column("source_text", sa.Text(), nullable=False),
        sa.Column("target_text", sa.Text(), nullable=False),
        sa.Column("source_key", sa.Text(), nullable=False),
        sa.Column("source_key_hash", sa.String(length=64), nullable=False),
        sa.Column("source_length", sa.Integer(), nullable=False),
        sa.Column("origin", sa.String(length=16), nullable=False),
        sa.Column("approved_by", sa.Text(), nullable=True),
        sa.Column("approved_at_utc", sa.DateTime(timezone=True), nullable=True),
        sa.Column("imported_from", sa.Text(), nullable=True),
        sa.Column("created_at_utc", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at_utc", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "source_language <> target_language",
            name=op.f("ck_translation_units_distinct_languages"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_translation_units")),
        sa.UniqueConstraint(
            "source_language",
            "target_language",
            "source_key_hash",
            name="uq_translation_units_pair_key",
        ),
    )
    op.create_index(
        "ix_translation_units_pair_length",
        "translation_units",
        ["source_language", "target_language", "source_length"],
    )


def downgrade() -> None:
    op.drop_index("ix_translation_units_pair_length", table_name="translation_units")
    op.drop_table("translation_units")
