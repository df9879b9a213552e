"""Persistence: SQLAlchemy tables, Alembic migrations and repositories.

Nothing outside this package touches a Session. Callers open a :class:`Store` from a
database URL (SQLite by default, PostgreSQL too) and use its repositories, which take and
return domain models from :mod:`service.models`.
"""

from service.store.database import Store, open_store
from service.store.jobs_table import JobRow
from service.store.repository import TranslationUnitRepository, UnitDraft, UpsertCounts

__all__ = [
    "JobRow",
    "Store",
    "TranslationUnitRepository",
    "UnitDraft",
    "UpsertCounts",
    "open_store",
]
