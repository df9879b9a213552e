"""A rendition's history: every revision with who, when, where from, and what changed.

Each revision carries a word diff from the previous revision and from the last approved
one before it (the version a reviewer last signed off), so a reviewer sees exactly what
they are asked to approve again. Whether a past version was approved is decided by the
same rule as today's, from that version's author and reviews.
"""

import difflib
from collections.abc import Sequence
from enum import StrEnum

import regex

from service.languages import Language
from service.models import Finding, Model, RenditionOrigin, UtcInstant
from service.review import Action, Review, ReviewState, ReviewStatus, User, authorize, review_status
from service.store.records import RevisionRecord
from service.workflow.workspace import Workspace

# A word, a run of spaces, or one character: Han characters one by one, since Chinese
# writes no spaces between words.
_TOKEN = regex.compile(r"\p{Han}|\w+|\s+|\X")


class DiffOp(StrEnum):
    EQUAL = "equal"
    DELETE = "delete"
    INSERT = "insert"


class DiffChunk(Model):
    op: DiffOp
    text: str


class RevisionView(Model):
    version: int
    text: str
    origin: RenditionOrigin
    author: str | None
    created_at_utc: UtcInstant
    findings: list[Finding]
    approved: bool
    diff_from_previous: list[DiffChunk] | None
    approved_version: int | None
    diff_from_approved: list[DiffChunk] | None


class RenditionHistory(Model):
    rendition_id: int
    statement_id: int
    language: Language
    platform: str
    version: int
    review: ReviewStatus
    revisions: list[RevisionView]
    reviews: list[Review]


def word_diff(before: str, after: str) -> list[DiffChunk]:
    """The changes from ``before`` to ``after``, word by word.

    >>> [(chunk.op.value, chunk.text) for chunk in word_diff("Save lives now", "Save many lives")]
    [('equal', 'Save '), ('insert', 'many '), ('equal', 'lives'), ('delete', ' now')]
    """
    old, new = _TOKEN.findall(before), _TOKEN.findall(after)
    chunks: list[DiffChunk] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if tag in ("delete", "replace"):
            chunks.append(DiffChunk(op=DiffOp.DELETE, text="".join(old[old_start:old_end])))
        if tag in ("insert", "replace"):
            chunks.append(DiffChunk(op=DiffOp.INSERT, text="".join(new[new_start:new_end])))
        if tag == "equal":
            chunks.append(DiffChunk(op=DiffOp.EQUAL, text="".join(old[old_start:old_end])))
    return chunks


def _views(
    revisions: Sequence[RevisionRecord], reviews: Sequence[Review], required: int
) -> list[RevisionView]:
    views: list[RevisionView] = []
    previous: RevisionRecord | None = None
    approved: RevisionRecord | None = None
    for revision in revisions:
        state = review_status(revision.version, revision.author, reviews, required).state
        views.append(
            RevisionView(
                **revision.model_dump(exclude={"rendition_id"}),
                approved=state is ReviewState.APPROVED,
                diff_from_previous=word_diff(previous.text, revision.text) if previous else None,
                approved_version=approved.version if approved else None,
                diff_from_approved=word_diff(approved.text, revision.text) if approved else None,
            )
        )
        previous = revision
        if state is ReviewState.APPROVED:
            approved = revision
    return views


def rendition_history(workspace: Workspace, actor: User, rendition_id: int) -> RenditionHistory:
    """Every revision of the rendition, oldest first, and every review of any version."""
    authorize(actor, Action.READ)
    renditions = workspace.store.renditions
    current = renditions.get(rendition_id)
    reviews = renditions.reviews([rendition_id])[rendition_id]
    required = workspace.settings.required_approvals
    return RenditionHistory(
        rendition_id=rendition_id,
        statement_id=current.statement_id,
        language=current.language,
        platform=current.platform,
        version=current.version,
        review=review_status(current.version, current.last_editor, reviews, required),
        revisions=_views(renditions.revisions(rendition_id), reviews, required),
        reviews=reviews,
    )
