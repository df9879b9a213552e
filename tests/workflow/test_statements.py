"""Statements in the service: submit, the adaptation job (idempotent), read and list."""

import threading
from collections.abc import Sequence

import pytest
from support.people import EN, ES, FR, STATEMENT, People, ready_statement, renditions

from service.engines.argos import ArgosEngine
from service.engines.base import BatchResult, PairBatch
from service.errors import ErrorCode, ForbiddenError, InputError
from service.languages import Language
from service.models import RenditionOrigin
from service.review import ReviewState
from service.store.records import AuditAction, StatementStatus
from service.workflow import Workspace
from service.workflow.audit import AuditQuery, audit_log
from service.workflow.statements import (
    StatementQuery,
    StatementRequest,
    get_statement,
    handle_adapt_job,
    list_statements,
    run_adapt_job,
    statement_file,
    submit_statement,
)


def _request(**fields: object) -> StatementRequest:
    values: dict[str, object] = {"text": STATEMENT, "approval_ref": "WHO/2026/7", **fields}
    return StatementRequest.model_validate(values)


def test_a_submitted_statement_is_queued_with_its_language(
    service_workspace: Workspace, people: People
) -> None:
    queued = submit_statement(service_workspace, people["ed"], _request())
    assert queued.model_dump(mode="json") == {"id": queued.id, "status": "queued"}
    view = get_statement(service_workspace, people["fr1"], queued.id)
    assert (view.status, view.source_language, view.lines) == (StatementStatus.QUEUED, EN, [])
    assert view.targets == list(Language)
    (entry,) = service_workspace.store.audit.entries(queued.id)
    assert (entry.actor, entry.action) == ("ed", AuditAction.STATEMENT_SUBMITTED)


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"text": ""}, ErrorCode.EMPTY_INPUT),
        ({"text": "Vaccines\x00save lives."}, ErrorCode.CONTROL_CHARACTERS),
        ({"approval_ref": " "}, ErrorCode.EMPTY_INPUT),
        ({"platforms": ["myspace"]}, ErrorCode.UNKNOWN_PLATFORM),
        ({"platforms": []}, ErrorCode.UNKNOWN_PLATFORM),
        ({"targets": []}, ErrorCode.UNKNOWN_LANGUAGE),
        ({"audiences": ["nowhere"]}, ErrorCode.UNKNOWN_AUDIENCE),
        ({"audiences": ["ar"], "targets": ["fr"]}, ErrorCode.INVALID_AUDIENCE),
        ({"language": "fr"}, ErrorCode.LANGUAGE_MISMATCH),
        ({"title": "Two\nlines"}, ErrorCode.INVALID_INPUT),
        (
            {"text": "---\ntitle: T\n---\n" + STATEMENT, "link": "https://who.int"},
            ErrorCode.INVALID_FRONT_MATTER,
        ),
    ],
)
def test_bad_statements_are_refused_before_anything_is_stored(
    service_workspace: Workspace, people: People, fields: dict[str, object], code: ErrorCode
) -> None:
    with pytest.raises(InputError) as raised:
        submit_statement(service_workspace, people["ed"], _request(**fields))
    assert raised.value.code is code
    assert list_statements(service_workspace, people["ed"], StatementQuery()).total == 0


def test_an_unknown_observance_is_refused(service_workspace: Workspace, people: People) -> None:
    with pytest.raises(InputError, match="no-such-day"):
        submit_statement(service_workspace, people["ed"], _request(observance="no-such-day"))


@pytest.mark.parametrize("name", ["fr1", "pub"])
def test_only_editors_submit(service_workspace: Workspace, people: People, name: str) -> None:
    with pytest.raises(ForbiddenError) as raised:
        submit_statement(service_workspace, people[name], _request())
    assert raised.value.code is ErrorCode.FORBIDDEN_ROLE


def test_the_job_stores_one_rendition_per_line_language_and_platform(
    service_workspace: Workspace, people: People
) -> None:
    view = ready_statement(
        service_workspace,
        people["ed"],
        platforms=["x", "bluesky"],
        link="https://www.who.int/x",
        hashtags=["#WorldHealthDay"],
    )
    assert view.status is StatementStatus.READY
    assert 1 <= len(view.lines) <= 5
    for line in view.lines:
        assert line.source.endswith("https://www.who.int/x #WorldHealthDay")
        pairs = [(rendition.language, rendition.platform) for rendition in line.renditions]
        assert pairs == [(lang, platform) for lang in (EN, FR, ES) for platform in ("x", "bluesky")]
    for rendition in renditions(view):
        assert (rendition.version, rendition.last_editor) == (1, None)
        assert rendition.review.state is ReviewState.PENDING
        assert rendition.review.required == 2
        assert rendition.origin in (
            RenditionOrigin.SOURCE,
            RenditionOrigin.MT,
            RenditionOrigin.MEMORY,
        )
    actions = [entry.action for entry in service_workspace.store.audit.entries(view.id)]
    assert actions[-2:] == [AuditAction.ADAPTATION_STARTED, AuditAction.ADAPTATION_READY]


def test_a_redelivered_job_stores_nothing_twice(
    service_workspace: Workspace, people: People
) -> None:
    queued = submit_statement(service_workspace, people["ed"], _request(targets=["fr"]))
    threads = [
        threading.Thread(target=run_adapt_job, args=(service_workspace, queued.id))
        for _ in range(3)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    first = get_statement(service_workspace, people["ed"], queued.id)
    assert run_adapt_job(service_workspace, queued.id) is StatementStatus.READY
    handle_adapt_job(service_workspace, {"statement_id": queued.id})
    again = get_statement(service_workspace, people["ed"], queued.id)
    assert again == first
    positions = [line.position for line in again.lines]
    assert positions == list(range(1, len(positions) + 1))
    readies = [
        entry
        for entry in service_workspace.store.audit.entries(queued.id)
        if entry.action is AuditAction.ADAPTATION_READY
    ]
    assert len(readies) == 1


class FailingEngine:
    """The copy engine, except that every batch fails with ``error``."""

    def __init__(self, engine: ArgosEngine, error: Exception) -> None:
        self.engine, self.error = engine, error
        self.name = engine.name
        self.route, self.supports = engine.route, engine.supports

    def translate_batch(
        self, texts: Sequence[str], source: Language, target: Language
    ) -> list[object]:
        raise self.error

    def translate_batches(self, batches: Sequence[PairBatch]) -> list[BatchResult]:
        raise self.error


def test_an_adaptation_error_fails_the_statement(
    service_workspace: Workspace, people: People, argos_engine: ArgosEngine
) -> None:
    queued = submit_statement(service_workspace, people["ed"], _request(targets=["fr"]))
    error = InputError("the engine refused", code=ErrorCode.NO_ROUTE)
    failing = Workspace(
        service_workspace.settings,
        engine=FailingEngine(argos_engine, error),  # type: ignore[arg-type]
        store=service_workspace.store,
    )
    assert run_adapt_job(failing, queued.id) is StatementStatus.FAILED
    view = get_statement(service_workspace, people["ed"], queued.id)
    assert view.error is not None and (view.error.code, view.error.message) == (
        "no_route",
        "the engine refused",
    )
    assert run_adapt_job(service_workspace, queued.id) is StatementStatus.READY  # a retry recovers
    assert get_statement(service_workspace, people["ed"], queued.id).error is None


def test_a_bug_fails_the_statement_and_is_raised_for_a_retry(
    service_workspace: Workspace, people: People, argos_engine: ArgosEngine
) -> None:
    queued = submit_statement(service_workspace, people["ed"], _request(targets=["fr"]))
    broken = Workspace(
        service_workspace.settings,
        engine=FailingEngine(argos_engine, RuntimeError("x")),  # type: ignore[arg-type]
        store=service_workspace.store,
    )
    with pytest.raises(RuntimeError):
        run_adapt_job(broken, queued.id)
    view = get_statement(service_workspace, people["ed"], queued.id)
    assert (view.status, view.error and view.error.code) == (
        StatementStatus.FAILED,
        "internal_error",
    )


@pytest.mark.parametrize("payload", [{}, {"statement_id": "1"}, {"statement_id": True}])
def test_a_bad_job_payload_is_an_input_error(
    service_workspace: Workspace, payload: dict[str, object]
) -> None:
    with pytest.raises(InputError, match="statement_id"):
        handle_adapt_job(service_workspace, payload)


def test_lists_filter_and_count_review_states(service_workspace: Workspace, people: People) -> None:
    ready = ready_statement(service_workspace, people["ed"], targets=["fr"])
    queued = submit_statement(service_workspace, people["ed"], _request())
    everything = list_statements(service_workspace, people["pub"], StatementQuery())
    assert [item.id for item in everything.statements] == [queued.id, ready.id]
    assert everything.total == 2
    (summary,) = list_statements(
        service_workspace, people["pub"], StatementQuery(language=FR)
    ).statements
    assert summary.renditions[ReviewState.PENDING] == len(renditions(ready))
    only = StatementQuery(status=StatementStatus.QUEUED)
    assert [
        item.id for item in list_statements(service_workspace, people["pub"], only).statements
    ] == [queued.id]
    approved = StatementQuery(review_state=ReviewState.APPROVED)
    assert list_statements(service_workspace, people["pub"], approved).statements == []


def test_fields_become_front_matter_only_when_given() -> None:
    assert statement_file("Body.", None, None, []) == "Body."
    assert statement_file("Body.", "T", "https://x.org", ["#A", "#B"]) == (
        "---\ntitle: T\nlink: https://x.org\nhashtags: #A #B\n---\nBody."
    )


def test_the_audit_log_reads_back_in_order_a_page_at_a_time(
    service_workspace: Workspace, people: People
) -> None:
    ready = ready_statement(service_workspace, people["ed"], targets=["fr"])
    log = audit_log(service_workspace, people["pub"], AuditQuery(statement_id=ready.id))
    assert [(entry.actor, entry.action) for entry in log.entries] == [
        ("ed", AuditAction.STATEMENT_SUBMITTED),
        ("system", AuditAction.ADAPTATION_STARTED),
        ("system", AuditAction.ADAPTATION_READY),
    ]
    assert log.model_dump(mode="json")["entries"][0]["at_utc"].endswith("Z")
    first, *rest = log.entries
    after = AuditQuery(statement_id=ready.id, after_id=first.id, limit=1)
    assert audit_log(service_workspace, people["pub"], after).entries == rest[:1]
    everything = audit_log(service_workspace, people["pub"], AuditQuery(limit=1000)).entries
    assert [entry.action for entry in everything][:6] == [AuditAction.USER_ADDED] * 6


def test_the_stored_statement_is_the_file_adapted_with_what_it_declares(
    service_workspace: Workspace, people: People
) -> None:
    text = "---\nobservance: world-health-day\n---\n# World Health Day\n\n" + STATEMENT
    request = _request(text=text, format="markdown", targets=["fr"])
    queued = submit_statement(service_workspace, people["ed"], request)
    view = get_statement(service_workspace, people["ed"], queued.id)
    assert (view.title, view.observance, view.format) == (
        "World Health Day",
        "world-health-day",
        "markdown",
    )
    fields = _request(link="https://www.who.int/x", hashtags=["#WorldHealthDay"])
    stored = get_statement(
        service_workspace,
        people["ed"],
        submit_statement(service_workspace, people["ed"], fields).id,
    )
    assert stored.text.startswith(
        "---\nlink: https://www.who.int/x\nhashtags: #WorldHealthDay\n---\n"
    )
    assert (stored.link, stored.hashtags) == ("https://www.who.int/x", ["#WorldHealthDay"])
