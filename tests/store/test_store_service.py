"""The review service's tables and repositories, on SQLite and on PostgreSQL."""

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError
from support.people import FR, line_drafts, statement_draft

from service.errors import ConflictError, ErrorCode, NotFoundError
from service.review import Review, ReviewDecision, ReviewState, Role
from service.store import Store
from service.store.records import AuditAction, EditDraft, StatementError, StatementStatus
from service.store.statements import StatementFilter

SERVICE_TABLES = {"users", "statements", "lines", "renditions", "revisions", "reviews", "audit_log"}


def _review(
    reviewer: str, version: int = 1, decision: ReviewDecision = ReviewDecision.APPROVE
) -> Review:
    return Review(
        reviewer=reviewer, decision=decision, version=version, created_at_utc=datetime.now(UTC)
    )


def _ready(store: Store, sources: tuple[str, ...] = ("One.", "Two.")) -> int:
    statement = store.statements.create(statement_draft())
    assert store.statements.start_adaptation(statement.id, "system") is not None
    assert store.statements.store_adaptation(statement.id, FR, line_drafts(list(sources)), "system")
    return statement.id


def test_the_service_tables_exist(any_store: Store) -> None:
    assert set(inspect(any_store.engine).get_table_names()) >= SERVICE_TABLES


@pytest.mark.parametrize("statement", ["UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log"])
def test_the_audit_log_is_append_only_in_the_database(any_store: Store, statement: str) -> None:
    any_store.statements.create(statement_draft())
    with pytest.raises(DBAPIError, match="append-only"), any_store.engine.begin() as connection:
        connection.execute(text(statement))
    assert len(any_store.audit.entries()) == 1


def test_sqlite_is_wal_with_foreign_keys_and_a_busy_timeout(store: Store) -> None:
    with store.read() as session:
        connection = session.connection()
        pragmas = [
            connection.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "foreign_keys", "busy_timeout")
        ]
    assert pragmas == ["wal", 1, 30_000]


def test_sqlite_write_transactions_take_the_write_lock_at_begin(
    store: Store, tmp_path: Path
) -> None:
    """The lock is taken by the transaction's first statement, even a read: a writer never
    has to upgrade a read lock, which is what fails under contention."""
    other = sqlite3.connect(tmp_path / "adapt.sqlite3", timeout=0, isolation_level=None)
    try:
        with store.read() as session:
            session.execute(text("SELECT count(*) FROM statements"))
            other.execute("BEGIN IMMEDIATE")  # a reader holds no write lock
            other.execute("ROLLBACK")
        with store.transaction() as session:
            session.execute(text("SELECT count(*) FROM statements"))
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
    finally:
        other.close()


def test_users_are_unique_by_name_and_found_by_token_hash(any_store: Store) -> None:
    users = any_store.users
    ana = users.add("ana", Role.TRANSLATOR, [FR], "a" * 64, "system")
    with pytest.raises(ConflictError) as raised:
        users.add("ana", Role.EDITOR, [], "b" * 64, "system")
    assert raised.value.code is ErrorCode.CONFLICT
    assert users.by_token_hash("a" * 64) == (ana, "a" * 64)
    assert users.by_token_hash("c" * 64) is None
    revoked = users.revoke("ana", "system")
    assert revoked.revoked_at_utc is not None
    assert users.revoke("ana", "system").revoked_at_utc == revoked.revoked_at_utc
    assert [user.name for user in users.list_users()] == ["ana"]
    with pytest.raises(NotFoundError):
        users.revoke("zed", "system")
    actions = [entry.action for entry in any_store.audit.entries()]
    assert actions == [AuditAction.USER_ADDED, AuditAction.USER_REVOKED]


def test_storing_an_adaptation_twice_stores_it_once(any_store: Store) -> None:
    statement_id = _ready(any_store)
    statements = any_store.statements
    assert statements.start_adaptation(statement_id, "system") is None  # ready: nothing to do
    assert not statements.store_adaptation(statement_id, FR, line_drafts(["Other."]), "system")
    assert [line.source for line in statements.lines(statement_id)] == ["One.", "Two."]
    renditions = any_store.renditions.of_statement(statement_id)
    assert len(renditions) == 4
    assert {len(any_store.renditions.revisions(item.id)) for item in renditions} == {1}
    statement = statements.get(statement_id)
    assert (statement.status, statement.source_language) == (StatementStatus.READY, FR)
    actions = [entry.action for entry in any_store.audit.entries(statement_id)]
    assert actions == [
        AuditAction.STATEMENT_SUBMITTED,
        AuditAction.ADAPTATION_STARTED,
        AuditAction.ADAPTATION_READY,
    ]


def test_a_rerun_replaces_rows_left_by_an_unfinished_one(any_store: Store) -> None:
    statement = any_store.statements.create(statement_draft())
    any_store.statements.start_adaptation(statement.id, "system")
    error = StatementError(code="internal_error", message="boom")
    any_store.statements.fail_adaptation(statement.id, error, "system")
    failed = any_store.statements.get(statement.id)
    assert (failed.status, failed.error) == (StatementStatus.FAILED, error)
    assert any_store.statements.start_adaptation(statement.id, "system") is not None
    assert any_store.statements.store_adaptation(statement.id, FR, line_drafts(["A."]), "system")
    assert any_store.statements.get(statement.id).error is None


def test_an_edit_of_a_stale_version_is_refused(any_store: Store) -> None:
    rendition = any_store.renditions.of_statement(_ready(any_store))[0]
    draft = EditDraft(rendition.id, 1, "Nouveau texte.", "eve", [], 14, True)
    edited = any_store.renditions.edit(draft)
    assert (edited.version, edited.last_editor, edited.text) == (2, "eve", "Nouveau texte.")
    with pytest.raises(ConflictError) as raised:
        any_store.renditions.edit(draft)
    assert raised.value.code is ErrorCode.STALE_VERSION
    assert raised.value.fields["current_version"] == 2
    assert [item.author for item in any_store.renditions.revisions(rendition.id)] == [None, "eve"]
    with pytest.raises(NotFoundError):
        any_store.renditions.edit(EditDraft(9999, 1, "x", "eve", [], 1, True))


def test_reviews_follow_the_rule_and_store_the_state(any_store: Store) -> None:
    renditions = any_store.renditions
    rendition = renditions.of_statement(_ready(any_store))[0]
    _, status = renditions.review(rendition.id, _review("ana"), required=2)
    assert status.state is ReviewState.PENDING
    with pytest.raises(ConflictError) as raised:
        renditions.review(rendition.id, _review("ana"), required=2)
    assert raised.value.code is ErrorCode.ALREADY_APPROVED
    record, status = renditions.review(rendition.id, _review("ben"), required=2)
    assert (status.state, status.approvals) == (ReviewState.APPROVED, ["ana", "ben"])
    assert renditions.get(rendition.id).review_state is ReviewState.APPROVED == record.review_state
    with pytest.raises(ConflictError) as stale:
        renditions.review(rendition.id, _review("cy", version=2), required=2)
    assert stale.value.code is ErrorCode.STALE_VERSION
    assert len(renditions.reviews([rendition.id])[rendition.id]) == 2


def test_lists_filter_by_status_language_and_review_state(any_store: Store) -> None:
    ready_id = _ready(any_store)
    queued = any_store.statements.create(statement_draft())
    rendition = next(
        item for item in any_store.renditions.of_statement(ready_id) if item.language is FR
    )
    any_store.renditions.review(
        rendition.id, _review("ana", decision=ReviewDecision.REQUEST_CHANGES), 2
    )

    def ids(**where: object) -> list[int]:
        records, total = any_store.statements.list_statements(StatementFilter(**where))  # type: ignore[arg-type]
        assert total == len(records) or where.get("limit")
        return [record.id for record in records]

    assert ids() == [queued.id, ready_id]
    assert ids(status=StatementStatus.QUEUED) == [queued.id]
    assert ids(language=FR) == [ready_id]
    assert ids(review_state=ReviewState.CHANGES_REQUESTED) == [ready_id]
    assert ids(review_state=ReviewState.APPROVED) == []
    page, total = any_store.statements.list_statements(StatementFilter(limit=1, offset=1))
    assert ([record.id for record in page], total) == ([ready_id], 2)
    counts = any_store.statements.review_counts([ready_id])[ready_id]
    assert counts == {ReviewState.CHANGES_REQUESTED: 1, ReviewState.PENDING: 3}


def test_a_chunk_is_stored_started_and_read_together(any_store: Store) -> None:
    statements = any_store.statements
    created = statements.create_many(
        [statement_draft(approval_ref=f"batch:1:{n}") for n in range(3)]
    )
    ids = [record.id for record in created]
    assert [record.approval_ref for record in created] == [f"batch:1:{n}" for n in range(3)]
    assert statements.start_adaptation(ids[1], "system") is not None
    assert statements.store_adaptation(ids[1], FR, line_drafts(["One.", "Two."]), "system")
    started = statements.start_adaptations(list(reversed(ids)), "system")
    assert [record.id if record else None for record in started] == [ids[2], None, ids[0]]
    assert {item: record.status for item, record in statements.get_many(ids).items()} == {
        ids[0]: StatementStatus.ADAPTING,
        ids[1]: StatementStatus.READY,
        ids[2]: StatementStatus.ADAPTING,
    }
    lines = statements.lines_of(ids)
    assert [line.source for line in lines[ids[1]]] == ["One.", "Two."]
    assert lines[ids[0]] == lines[ids[2]] == []
    renditions = any_store.renditions.of_statements(ids)
    assert renditions[ids[1]] == any_store.renditions.of_statement(ids[1])
    assert [item.source for item in renditions[ids[1]]] == ["One.", "One.", "Two.", "Two."]
    assert renditions[ids[0]] == []
    actions = [entry.action for entry in any_store.audit.entries(ids[0])]
    assert actions == [AuditAction.STATEMENT_SUBMITTED, AuditAction.ADAPTATION_STARTED]


def test_reading_or_starting_a_chunk_with_an_unknown_statement_is_not_found(
    any_store: Store,
) -> None:
    known = any_store.statements.create(statement_draft()).id
    with pytest.raises(NotFoundError):
        any_store.statements.get_many([known, known + 99])
    with pytest.raises(NotFoundError):
        any_store.statements.start_adaptations([known, known + 99], "system")
    assert any_store.statements.get(known).status is StatementStatus.QUEUED  # rolled back
