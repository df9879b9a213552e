"""The jobs table: every background job the service ran or will run, and who holds it.

A job row is the truth about a job, whatever the backend: the in-process worker reads its
work from here, and a Celery worker checks here before it starts a delivered message, so a
redelivered or duplicated message never runs a finished job again. Registered on the same
metadata as :mod:`service.store.tables`, so the migrations-match-the-tables test covers it.
"""

from datetime import datetime

from sqlalchemy import CheckConstraint, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from service.store.tables import Base, UtcDateTime


class JobRow(Base):
    """One job: its kind and JSON payload, its state, and the worker that holds it.

    ``heartbeat_at_utc`` is refreshed by the worker while the job runs; a running job whose
    heartbeat is older than the lease belongs to a worker that died, and may be taken over.
    ``attempts`` counts the starts. ``error`` is the JSON ``{"code", "message"}`` of a
    failed job. ``statement_id`` is the statement an adaptation job works on, if any.
    """

    __tablename__ = "jobs"
    __table_args__ = (
        CheckConstraint("state IN ('queued', 'running', 'done', 'failed')", name="known_state"),
        Index("ix_jobs_state_id", "state", "id"),
        Index("ix_jobs_statement_id", "statement_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(Text)
    statement_id: Mapped[int | None] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer)
    worker: Mapped[str | None] = mapped_column(String(200))
    error: Mapped[str | None] = mapped_column(Text)
    created_at_utc: Mapped[datetime] = mapped_column(UtcDateTime())
    started_at_utc: Mapped[datetime | None] = mapped_column(UtcDateTime())
    heartbeat_at_utc: Mapped[datetime | None] = mapped_column(UtcDateTime())
    finished_at_utc: Mapped[datetime | None] = mapped_column(UtcDateTime())
