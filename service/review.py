"""Who may do what, and the two-person rule: pure functions over plain data, no I/O.

The rule UN social teams live by: nothing is scheduled or exported until two different
people have seen its current text. The people who have *seen* a rendition's current
version are its last editor, if a person edited it, and everyone who approved that
version. It is **approved** when that set holds at least ``required`` people (two by
default, configurable upwards only) and some approver is not the last editor, so machine
or memory output, which no person edited, needs two approvers. An edit makes a new
version and clears the approvals, which were of the old text. Approving your own version
is always refused (it would add no one), and so is approving the same version twice.

The store and the use cases call :func:`check_edit`, :func:`check_review` and
:func:`review_status` inside the transaction that writes the change, so the rule is the
same for every edge; :class:`ReviewLedger` replays a whole sequence in memory (the
property tests use it).

>>> ledger = ReviewLedger().review("ana", ReviewDecision.APPROVE, 1)
>>> ledger.status.state.value, ledger.status.approvals
('pending', ['ana'])
>>> ledger.review("ben", ReviewDecision.APPROVE, 1).status.state.value
'approved'
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from enum import StrEnum

from pydantic import Field

from service.errors import AdaptError, ConflictError, ErrorCode, ForbiddenError
from service.languages import Language
from service.models import Model, UtcInstant

DEFAULT_REQUIRED_APPROVALS = 2
SYSTEM_ACTOR = "system"
"""The actor of changes no person made: the adaptation job, the command-line operator."""


class Role(StrEnum):
    """What a user does: submit statements, translate, publish, or run the service."""

    EDITOR = "editor"
    TRANSLATOR = "translator"
    PUBLISHER = "publisher"
    ADMIN = "admin"


class Action(StrEnum):
    """Everything the permission table decides."""

    READ = "read"
    SUBMIT = "submit"
    EDIT = "edit"
    REVIEW = "review"
    PLAN = "plan"
    EXPORT = "export"
    MANAGE_USERS = "manage_users"


PERMISSIONS: dict[Role, frozenset[Action]] = {
    Role.EDITOR: frozenset({Action.READ, Action.SUBMIT, Action.EDIT, Action.REVIEW}),
    Role.TRANSLATOR: frozenset({Action.READ, Action.EDIT, Action.REVIEW}),
    Role.PUBLISHER: frozenset({Action.READ, Action.PLAN, Action.EXPORT}),
    Role.ADMIN: frozenset(Action),
}
"""The one permission table: the actions each role may take."""

LANGUAGE_BOUND_ROLES = frozenset({Role.TRANSLATOR})
"""Roles that edit and review only the languages they are given."""


class User(Model):
    """A person with a token; ``languages`` are a translator's own (empty for other roles)."""

    id: int
    name: str
    role: Role
    languages: list[Language] = Field(default_factory=list)
    created_at_utc: UtcInstant
    revoked_at_utc: UtcInstant | None = None

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at_utc is not None


def authorize(user: User, action: Action, language: Language | None = None) -> None:
    """Raise ``forbidden_role`` unless ``user`` may take ``action`` (on ``language``)."""
    if action not in PERMISSIONS[user.role]:
        raise ForbiddenError(
            f"a {user.role.value} may not {action.value.replace('_', ' ')}",
            code=ErrorCode.FORBIDDEN_ROLE,
            user=user.name,
            role=user.role.value,
            action=action.value,
        )
    bound = user.role in LANGUAGE_BOUND_ROLES
    if language is not None and bound and language not in user.languages:
        raise ForbiddenError(
            f"{user.name} translates {', '.join(user.languages) or 'no language'}, "
            f"not {language.value}",
            code=ErrorCode.FORBIDDEN_ROLE,
            user=user.name,
            role=user.role.value,
            action=action.value,
            language=language.value,
        )


# Reviews --------------------------------------------------------------------------------


class ReviewDecision(StrEnum):
    APPROVE = "approve"
    REQUEST_CHANGES = "request_changes"


class ReviewState(StrEnum):
    PENDING = "pending"
    CHANGES_REQUESTED = "changes_requested"
    APPROVED = "approved"


class Review(Model):
    """One reviewer's decision on one version of a rendition."""

    reviewer: str
    decision: ReviewDecision
    version: int = Field(ge=1)
    comment: str | None = None
    created_at_utc: UtcInstant


class ReviewStatus(Model):
    """The review state of a rendition's current version, as every edge shows it."""

    state: ReviewState
    approvals: list[str] = Field(description="Who approved the current version, in order.")
    required: int = Field(ge=DEFAULT_REQUIRED_APPROVALS)
    changes_requested_by: list[str] = Field(default_factory=list)


def _latest_decisions(reviews: Iterable[Review], version: int) -> dict[str, ReviewDecision]:
    """Each reviewer's latest decision on ``version``, in the order they first reviewed it."""
    latest: dict[str, ReviewDecision] = {}
    for review in reviews:
        if review.version == version:
            latest[review.reviewer] = review.decision
    return latest


def review_status(
    version: int,
    last_editor: str | None,
    reviews: Iterable[Review],
    required: int = DEFAULT_REQUIRED_APPROVALS,
) -> ReviewStatus:
    """The state of ``version``: changes requested, approved by the rule, or pending.

    ``reviews`` may hold reviews of any version, in the order they were made.
    """
    if required < DEFAULT_REQUIRED_APPROVALS:
        raise ValueError(f"required approvals is {required}; it is never under two")
    latest = _latest_decisions(reviews, version)
    approvers = [name for name, decision in latest.items() if decision is ReviewDecision.APPROVE]
    objectors = [
        name for name, decision in latest.items() if decision is not ReviewDecision.APPROVE
    ]
    seen_by = set(approvers) | ({last_editor} if last_editor else set())
    if objectors:
        state = ReviewState.CHANGES_REQUESTED
    elif len(seen_by) >= required and any(name != last_editor for name in approvers):
        state = ReviewState.APPROVED
    else:
        state = ReviewState.PENDING
    return ReviewStatus(
        state=state, approvals=approvers, required=required, changes_requested_by=objectors
    )


def approvals_needed(status: ReviewStatus, last_editor: str | None) -> int:
    """How many more people must approve the current version before it is approved.

    The count that :func:`review_status` implies: the people still missing from the set
    that has seen the text, and at least one approver who is not the last editor.

    >>> approvals_needed(review_status(2, "ana", []), "ana")
    1
    >>> approvals_needed(review_status(1, None, []), None)
    2
    """
    if status.state is ReviewState.APPROVED:
        return 0
    seen = set(status.approvals) | ({last_editor} if last_editor else set())
    missing = max(status.required - len(seen), 0)
    if not any(name != last_editor for name in status.approvals):
        missing = max(missing, 1)
    return missing


def permission_refusal(
    user: User, action: Action, language: Language | None = None
) -> AdaptError | None:
    """The error :func:`authorize` would raise, or None when ``user`` may do it."""
    try:
        authorize(user, action, language)
    except AdaptError as error:
        return error
    return None


def review_refusal(
    user: User,
    decision: ReviewDecision,
    language: Language,
    version: int,
    *,
    current_version: int,
    last_editor: str | None,
    reviews: Sequence[Review],
) -> AdaptError | None:
    """The error the core would raise if ``user`` made this review now, or None.

    The same checks as recording it (:func:`authorize`, then :func:`check_review`), so an
    edge can disable a button and say why without a second copy of the rule.
    """
    refused = permission_refusal(user, Action.REVIEW, language)
    if refused is not None:
        return refused
    try:
        check_review(
            user.name,
            decision,
            version,
            current_version=current_version,
            last_editor=last_editor,
            reviews=reviews,
        )
    except AdaptError as error:
        return error
    return None


def check_current(version: int, current_version: int, rendition: str = "the rendition") -> None:
    """Raise ``stale_version`` unless ``version`` is the current one."""
    if version != current_version:
        raise ConflictError(
            f"version {version} of {rendition} is not current: it is at version "
            f"{current_version}; reload it and try again",
            code=ErrorCode.STALE_VERSION,
            version=version,
            current_version=current_version,
        )


def check_edit(base_version: int, current_version: int) -> None:
    """An edit must be of the current version (optimistic concurrency)."""
    check_current(base_version, current_version)


def check_review(
    reviewer: str,
    decision: ReviewDecision,
    version: int,
    *,
    current_version: int,
    last_editor: str | None,
    reviews: Sequence[Review],
) -> None:
    """Raise the rule's error for this review, or nothing when it may be recorded.

    Errors: ``stale_version`` (not the current version), ``self_approval`` (the last editor
    approving their own text), ``already_approved`` / ``already_reviewed`` (the same
    reviewer, version and decision again).
    """
    check_current(version, current_version)
    if decision is ReviewDecision.APPROVE and reviewer == last_editor:
        raise ForbiddenError(
            f"{reviewer} wrote version {version}: another person must approve it",
            code=ErrorCode.SELF_APPROVAL,
            reviewer=reviewer,
            version=version,
        )
    repeated = any(
        review.reviewer == reviewer and review.version == version and review.decision is decision
        for review in reviews
    )
    if repeated:
        raise repeated_review(reviewer, decision, version)


def repeated_review(reviewer: str, decision: ReviewDecision, version: int) -> ConflictError:
    """The error for a review that was already recorded (also raised on a unique violation)."""
    if decision is ReviewDecision.APPROVE:
        return ConflictError(
            f"{reviewer} already approved version {version}",
            code=ErrorCode.ALREADY_APPROVED,
            reviewer=reviewer,
            version=version,
        )
    return ConflictError(
        f"{reviewer} already requested changes to version {version}",
        code=ErrorCode.ALREADY_REVIEWED,
        reviewer=reviewer,
        version=version,
    )


@dataclass(frozen=True)
class ReviewLedger:
    """A rendition's review history in memory: apply edits and reviews, read the status."""

    version: int = 1
    last_editor: str | None = None
    reviews: tuple[Review, ...] = ()
    required: int = DEFAULT_REQUIRED_APPROVALS

    @property
    def status(self) -> ReviewStatus:
        return review_status(self.version, self.last_editor, self.reviews, self.required)

    def edit(self, editor: str, base_version: int | None = None) -> "ReviewLedger":
        """A new version by ``editor``; its approvals start empty."""
        check_edit(self.version if base_version is None else base_version, self.version)
        return replace(self, version=self.version + 1, last_editor=editor)

    def review(
        self, reviewer: str, decision: ReviewDecision, version: int | None = None
    ) -> "ReviewLedger":
        """Record a review of ``version`` (the current one by default) if the rule allows it."""
        version = self.version if version is None else version
        check_review(
            reviewer,
            decision,
            version,
            current_version=self.version,
            last_editor=self.last_editor,
            reviews=self.reviews,
        )
        review = Review(
            reviewer=reviewer, decision=decision, version=version, created_at_utc=datetime.now(UTC)
        )
        return replace(self, reviews=(*self.reviews, review))
