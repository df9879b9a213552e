"""What the review UI shows: the queue of waiting statements and the statement page."""

from support.people import ES, FR, People, ready_statement, renditions

from service.errors import ErrorCode
from service.review import ReviewDecision, ReviewState
from service.workflow import Workspace
from service.workflow.review import EditRequest, ReviewRequest, edit_rendition, review_rendition
from service.workflow.review_page import RenditionPanel, review_page
from service.workflow.review_queue import QueueQuery, review_queue


def _panel(
    workspace: Workspace, people: People, name: str, statement_id: int, rendition_id: int
) -> RenditionPanel:
    page = review_page(workspace, people[name], statement_id)
    return next(
        panel
        for line in page.lines
        for panel in line.renditions
        if panel.rendition.id == rendition_id
    )


def _refusal(panel: RenditionPanel, decision: ReviewDecision) -> ErrorCode | None:
    return next(option.refusal_code for option in panel.options if option.decision is decision)


def test_the_page_shows_what_the_core_would_refuse(
    service_workspace: Workspace, people: People
) -> None:
    view = ready_statement(service_workspace, people["ed"])
    french, spanish = renditions(view, FR)[0], renditions(view, ES)[0]
    panel = _panel(service_workspace, people, "fr1", view.id, french.id)
    assert _refusal(panel, ReviewDecision.APPROVE) is None
    assert panel.approvals_needed == 2 and panel.edit_refusal is None
    assert panel.language.name == "Français" and panel.language.direction == "ltr"
    other = _panel(service_workspace, people, "fr1", view.id, spanish.id)
    assert _refusal(other, ReviewDecision.APPROVE) is ErrorCode.FORBIDDEN_ROLE
    assert other.edit_refusal is not None and "not es" in other.edit_refusal
    edit_rendition(
        service_workspace, people["fr1"], french.id, EditRequest(text="Texte revu.", version=1)
    )
    own = _panel(service_workspace, people, "fr1", view.id, french.id)
    assert _refusal(own, ReviewDecision.APPROVE) is ErrorCode.SELF_APPROVAL
    assert _refusal(own, ReviewDecision.REQUEST_CHANGES) is None
    assert own.approvals_needed == 1
    assert [revision.author for revision in own.history.revisions] == [None, "fr1"]
    review_rendition(
        service_workspace,
        people["fr2"],
        french.id,
        ReviewRequest(decision=ReviewDecision.APPROVE, version=2),
    )
    seen = _panel(service_workspace, people, "fr2", view.id, french.id)
    assert seen.approvals_needed == 0
    assert _refusal(seen, ReviewDecision.APPROVE) is ErrorCode.ALREADY_APPROVED


def test_the_source_marks_the_lines_and_the_glossary_terms(
    service_workspace: Workspace, people: People
) -> None:
    view = ready_statement(service_workspace, people["ed"])
    page = review_page(service_workspace, people["fr1"], view.id)
    marked = {segment.mark for segment in page.source if segment.mark}
    assert marked == {str(line.position) for line in view.lines}
    assert "".join(segment.text for segment in page.source) in view.text
    first = page.lines[0]
    assert [s.text for s in first.source if s.mark] == ["World Health Organization"]
    term = first.renditions[0].terms[0]
    assert term.concept_id == "who" and term.source_surface == "World Health Organization"
    french = next(panel for panel in first.renditions if panel.rendition.language is FR)
    assert french.terms[0].official_name == "Organisation mondiale de la Santé"


def test_the_queue_holds_what_waits_for_the_viewer(
    service_workspace: Workspace, people: People
) -> None:
    older = ready_statement(service_workspace, people["ed"])
    urgent = ready_statement(service_workspace, people["ed"], urgent=True)
    queue = review_queue(service_workspace, people["fr1"], QueueQuery())
    assert [item.statement_id for item in queue.items] == [urgent.id, older.id]
    assert all(item.languages == [FR] for item in queue.items)
    only_normal = review_queue(service_workspace, people["fr1"], QueueQuery(urgent=False))
    assert [item.statement_id for item in only_normal.items] == [older.id]
    assert review_queue(service_workspace, people["pub"], QueueQuery()).items == []
    for rendition in renditions(urgent, FR):
        request = ReviewRequest(decision=ReviewDecision.APPROVE, version=rendition.version)
        review_rendition(service_workspace, people["fr1"], rendition.id, request)
    after = review_queue(service_workspace, people["fr1"], QueueQuery())
    assert [item.statement_id for item in after.items] == [older.id]
    for_fr2 = review_queue(
        service_workspace, people["fr2"], QueueQuery(review_state=ReviewState.PENDING)
    )
    assert {item.statement_id for item in for_fr2.items} == {older.id, urgent.id}
    spanish = review_queue(service_workspace, people["fr2"], QueueQuery(language=ES))
    assert spanish.items == []
