"""What the review-service repositories take and return: plain models, never rows.

Drafts (dataclasses) go in; records (frozen pydantic models) come out. The use cases in
``service/workflow/`` build their result models from these records.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from pydantic import Field

from service.errors import ErrorCode, NotFoundError
from service.languages import Language
from service.models import (
    Finding,
    MemorySuggestion,
    Model,
    Provenance,
    Rendition,
    RenditionChange,
    RenditionOrigin,
    UtcInstant,
)
from service.review import ReviewState
from service.statement import StatementFormat

JsonDetail = dict[str, Any]


class StatementStatus(StrEnum):
    """Where a statement's adaptation stands: queued, running, done, or stopped by an error."""

    QUEUED = "queued"
    ADAPTING = "adapting"
    READY = "ready"
    FAILED = "failed"


class AuditAction(StrEnum):
    """Every state change the audit log records."""

    STATEMENT_SUBMITTED = "statement_submitted"
    ADAPTATION_STARTED = "adaptation_started"
    ADAPTATION_READY = "adaptation_ready"
    ADAPTATION_FAILED = "adaptation_failed"
    RENDITION_EDITED = "rendition_edited"
    RENDITION_APPROVED = "rendition_approved"
    CHANGES_REQUESTED = "changes_requested"
    PLAN_CREATED = "plan_created"
    EXPORT_CREATED = "export_created"
    USER_ADDED = "user_added"
    USER_REVOKED = "user_revoked"


@dataclass(frozen=True)
class AuditDraft:
    """An audit entry to append; the repository stamps its time."""

    actor: str
    action: AuditAction
    statement_id: int | None = None
    rendition_id: int | None = None
    detail: JsonDetail = field(default_factory=dict)


class AuditEntry(Model):
    id: int
    at_utc: UtcInstant
    actor: str
    action: AuditAction
    statement_id: int | None = None
    rendition_id: int | None = None
    detail: JsonDetail = Field(default_factory=dict)


class StatementDraft(Model):
    """A statement to store, as submitted (validated by the use case first): ``text`` is
    the statement file the job adapts; title, link, hashtags and observance are the ones
    it declares."""

    text: str
    approval_ref: str
    language: Language | None
    source_language: Language
    title: str | None
    link: str | None
    hashtags: list[str]
    targets: list[Language]
    platforms: list[str]
    audiences: list[str]
    observance: str | None
    urgent: bool
    max_lines: int
    created_by: str
    format: StatementFormat = StatementFormat.TEXT


class StatementError(Model):
    """Why an adaptation failed: the error's stable code and its message."""

    code: str
    message: str


class StatementRecord(Model):
    id: int
    status: StatementStatus
    error: StatementError | None = Field(
        default=None, description="Why the adaptation failed, when it did."
    )
    text: str
    approval_ref: str
    language: Language | None = None
    source_language: Language | None = None
    title: str | None = None
    link: str | None = None
    hashtags: list[str]
    targets: list[Language]
    platforms: list[str]
    audiences: list[str]
    observance: str | None = None
    urgent: bool
    max_lines: int
    format: StatementFormat
    created_by: str
    created_at_utc: UtcInstant
    updated_at_utc: UtcInstant


@dataclass(frozen=True)
class RenditionDraft:
    """One finished rendition of a line, for one language and platform."""

    language: Language
    platform: str
    rendition: Rendition


@dataclass(frozen=True)
class LineDraft:
    """One line of an adaptation and its renditions, stored at ``position`` (1 is best)."""

    source: str
    score: float
    reasons: list[str]
    renditions: list[RenditionDraft]


@dataclass(frozen=True)
class AdaptationDraft:
    """What an adaptation job made of one statement: its settled language and its lines."""

    statement_id: int
    source_language: Language
    lines: Sequence[LineDraft]


class LineRecord(Model):
    id: int
    statement_id: int
    position: int
    source: str
    score: float
    reasons: list[str]


class RenditionFields(Model):
    """What every view of a rendition holds: where it belongs, its text and its checks."""

    id: int
    line_id: int
    statement_id: int
    language: Language
    platform: str
    text: str
    version: int
    origin: RenditionOrigin
    provenance: Provenance
    findings: list[Finding]
    length: int
    fits: bool
    changes: list[RenditionChange]
    thread: list[str]
    suggestions: list[MemorySuggestion]
    last_editor: str | None = None


class RenditionRecord(RenditionFields):
    """A rendition as stored, with its line's source and the stored review state."""

    source: str
    review_state: ReviewState


@dataclass(frozen=True)
class EditDraft:
    """A person's new text for a rendition, checked against the version it was made from."""

    rendition_id: int
    base_version: int
    text: str
    editor: str
    findings: list[Finding]
    length: int
    fits: bool


class RevisionRecord(Model):
    rendition_id: int
    version: int
    text: str
    origin: RenditionOrigin
    author: str | None = None
    created_at_utc: UtcInstant
    findings: list[Finding]


def not_found(kind: str, item_id: int) -> NotFoundError:
    """The error for a statement, line or rendition id that does not exist."""
    return NotFoundError(f"no {kind} {item_id}", code=ErrorCode.NOT_FOUND, kind=kind, id=item_id)
