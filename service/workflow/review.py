"""Editing and reviewing renditions under the two-person rule (``service/review.py``).

* :func:`edit_rendition` - a translator of the language, an editor or an admin writes a
  new text for the current version: the checks run again on it (the same qa stage as the
  pipeline, against the line's source), a new version and revision are stored and the
  approvals start again. A stale version is ``stale_version``.
* :func:`review_rendition` - a reviewer approves or requests changes to the version
  given; the rule's errors are ``self_approval``, ``already_approved``,
  ``already_reviewed`` and ``stale_version``.
"""

from datetime import UTC, datetime

from pydantic import Field

from service.errors import ErrorCode, InputError
from service.inputs import validate_text
from service.models import ChangeKind, Finding, Model
from service.pipeline.finish import Target, check_draft
from service.review import Action, Review, ReviewDecision, User, authorize, check_current
from service.store.records import EditDraft, RenditionRecord
from service.text.length import weighted_length
from service.workflow.statement_views import RenditionView, load_rendition_view
from service.workflow.workspace import Workspace

MAX_COMMENT_CHARS = 2000


class EditRequest(Model):
    """``PUT /v1/renditions/{id}``: the new text and the version it was written from."""

    text: str
    version: int = Field(ge=1)


class ReviewRequest(Model):
    """``POST /v1/renditions/{id}/reviews``: a decision on the version given."""

    decision: ReviewDecision
    version: int = Field(ge=1)
    comment: str | None = Field(default=None, max_length=MAX_COMMENT_CHARS)


def _checks(workspace: Workspace, rendition: RenditionRecord, text: str) -> list[Finding]:
    """The pipeline's qa stage on a person's text, against the line's source."""
    statement = workspace.store.statements.get(rendition.statement_id)
    source_language = statement.source_language or rendition.language
    target = Target.of(
        workspace, (source_language, rendition.language), rendition.platform, statement.hashtags
    )
    # Hashtags the fit stage dropped to make room stay optional in a person's text too.
    dropped = [
        change.before or ""
        for change in rendition.changes
        if change.kind is ChangeKind.HASHTAG_REMOVED
    ]
    return check_draft(rendition.source, text, target, dropped)


def get_rendition(workspace: Workspace, actor: User, rendition_id: int) -> RenditionView:
    """The rendition's current version and review status (``GET /v1/renditions/{id}``)."""
    authorize(actor, Action.READ)
    return load_rendition_view(workspace, rendition_id)


def edit_rendition(
    workspace: Workspace, actor: User, rendition_id: int, request: EditRequest
) -> RenditionView:
    """Store ``request.text`` as the next version of the rendition; see the module doc."""
    current = workspace.store.renditions.get(rendition_id)
    authorize(actor, Action.EDIT, current.language)
    check_current(request.version, current.version, f"rendition {rendition_id}")
    text = validate_text(request.text, "text")
    if text == current.text:
        raise InputError(
            f"the text is the same as version {current.version}: nothing to change",
            code=ErrorCode.UNCHANGED_TEXT,
            version=current.version,
        )
    findings = _checks(workspace, current, text)
    length = weighted_length(text, current.platform)
    workspace.store.renditions.edit(
        EditDraft(
            rendition_id=rendition_id,
            base_version=request.version,
            text=text,
            editor=actor.name,
            findings=findings,
            length=length.length,
            fits=length.fits,
        )
    )
    return load_rendition_view(workspace, rendition_id)


def review_rendition(
    workspace: Workspace, actor: User, rendition_id: int, request: ReviewRequest
) -> RenditionView:
    """Record ``actor``'s decision on ``request.version``; returns the new review status."""
    current = workspace.store.renditions.get(rendition_id)
    authorize(actor, Action.REVIEW, current.language)
    comment = validate_text(request.comment, "comment").strip() if request.comment else None
    if request.decision is ReviewDecision.APPROVE and not current.text.strip():
        raise InputError(
            f"rendition {rendition_id} has no text to approve: write it first",
            code=ErrorCode.EMPTY_INPUT,
            rendition=rendition_id,
        )
    review = Review(
        reviewer=actor.name,
        decision=request.decision,
        version=request.version,
        comment=comment,
        created_at_utc=datetime.now(UTC),
    )
    workspace.store.renditions.review(rendition_id, review, workspace.settings.required_approvals)
    return load_rendition_view(workspace, rendition_id)
