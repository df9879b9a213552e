"""The job repository over SQLAlchemy: job models in and out, rows stay inside.

Claims are single conditional UPDATEs (``... WHERE id = :id AND (state = 'queued' OR the
heartbeat is stale)``), so two workers racing for one job on PostgreSQL or SQLite never
both get it: the loser's UPDATE matches no row. Every write transaction starts with its
write, so SQLite never has to upgrade a read lock (which fails at once instead of waiting).
"""

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import ColumnElement, CursorResult, Result, and_, func, or_, select, update
from sqlalchemy.orm import Session

from service.jobs.base import Job, JobError, JobPayload, JobState
from service.store.jobs_table import JobRow
from service.store.repository import TransactionFactory

# Candidates read per claim_next round; each is then claimed in its own transaction.
_CANDIDATES = 8


def _to_job(row: JobRow) -> Job:
    return Job(
        id=row.id,
        kind=row.kind,
        payload=json.loads(row.payload),
        statement_id=row.statement_id,
        state=JobState(row.state),
        attempts=row.attempts,
        worker=row.worker,
        error=JobError.model_validate_json(row.error) if row.error else None,
        created_at_utc=row.created_at_utc,
        started_at_utc=row.started_at_utc,
        heartbeat_at_utc=row.heartbeat_at_utc,
        finished_at_utc=row.finished_at_utc,
    )


def _rowcount(result: Result[Any]) -> int:
    """Rows an UPDATE matched (an UPDATE's result is always a CursorResult)."""
    return cast(CursorResult[Any], result).rowcount


def _claimable(stale_before: datetime) -> ColumnElement[bool]:
    return or_(
        JobRow.state == JobState.QUEUED.value,
        and_(JobRow.state == JobState.RUNNING.value, JobRow.heartbeat_at_utc < stale_before),
    )


def _held_by(job_id: int, worker: str) -> ColumnElement[bool]:
    return and_(
        JobRow.id == job_id, JobRow.worker == worker, JobRow.state == JobState.RUNNING.value
    )


class SqlJobStore:
    """The :class:`~service.jobs.base.JobStore` of the service's database."""

    def __init__(self, transaction: TransactionFactory) -> None:
        self._transaction = transaction

    def add(self, kind: str, payload: JobPayload) -> Job:
        statement_id = payload.get("statement_id")
        row = JobRow(
            kind=kind,
            payload=json.dumps(payload, ensure_ascii=False, sort_keys=True),
            statement_id=statement_id if isinstance(statement_id, int) else None,
            state=JobState.QUEUED.value,
            attempts=0,
            created_at_utc=datetime.now(UTC),
        )
        with self._transaction() as session:
            session.add(row)
            session.flush()
            return _to_job(row)

    def get(self, job_id: int) -> Job | None:
        with self._transaction() as session:
            row = session.get(JobRow, job_id)
            return _to_job(row) if row is not None else None

    def claim(
        self, worker: str, *, stale_before: datetime, job_id: int | None = None
    ) -> Job | None:
        if job_id is not None:
            return self._claim_one(job_id, worker, stale_before)
        query = (
            select(JobRow.id).where(_claimable(stale_before)).order_by(JobRow.id).limit(_CANDIDATES)
        )
        while True:
            with self._transaction() as session:
                candidates = list(session.scalars(query))
            if not candidates:
                return None
            for candidate in candidates:
                if (job := self._claim_one(candidate, worker, stale_before)) is not None:
                    return job
            # Every candidate was taken by another worker meanwhile: look again.

    def _claim_one(self, job_id: int, worker: str, stale_before: datetime) -> Job | None:
        now = datetime.now(UTC)
        claim = (
            update(JobRow)
            .where(JobRow.id == job_id, _claimable(stale_before))
            .values(
                state=JobState.RUNNING.value,
                attempts=JobRow.attempts + 1,
                worker=worker,
                started_at_utc=now,
                heartbeat_at_utc=now,
            )
        )
        with self._transaction() as session:
            if _rowcount(session.execute(claim)) != 1:
                return None
            return self._read(session, job_id)

    def heartbeat(self, job_id: int, worker: str) -> bool:
        beat = (
            update(JobRow)
            .where(_held_by(job_id, worker))
            .values(heartbeat_at_utc=datetime.now(UTC))
        )
        with self._transaction() as session:
            return _rowcount(session.execute(beat)) == 1

    def finish(self, job_id: int, worker: str, error: JobError | None = None) -> bool:
        state = JobState.DONE if error is None else JobState.FAILED
        settle = (
            update(JobRow)
            .where(_held_by(job_id, worker))
            .values(
                state=state.value,
                error=error.model_dump_json() if error is not None else None,
                finished_at_utc=datetime.now(UTC),
            )
        )
        with self._transaction() as session:
            return _rowcount(session.execute(settle)) == 1

    def unfinished(self) -> Sequence[Job]:
        query = (
            select(JobRow)
            .where(JobRow.state.in_([JobState.QUEUED.value, JobState.RUNNING.value]))
            .order_by(JobRow.id)
        )
        with self._transaction() as session:
            return [_to_job(row) for row in session.scalars(query)]

    def counts(self) -> dict[JobState, int]:
        """How many jobs are in each state (every state, zero included)."""
        query = select(JobRow.state, func.count()).group_by(JobRow.state)
        with self._transaction() as session:
            found = {JobState(state): count for state, count in session.execute(query)}
        return {state: found.get(state, 0) for state in JobState}

    @staticmethod
    def _read(session: Session, job_id: int) -> Job:
        query = select(JobRow).where(JobRow.id == job_id).execution_options(populate_existing=True)
        return _to_job(session.scalars(query).one())
