"""The two-person rule and the permission table: tables of cases, and a property test."""

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.errors import AdaptError, ConflictError, ErrorCode, ForbiddenError
from service.languages import Language
from service.review import (
    Action,
    Review,
    ReviewDecision,
    ReviewLedger,
    ReviewState,
    Role,
    User,
    approvals_needed,
    authorize,
    check_review,
    permission_refusal,
    review_refusal,
    review_status,
)

APPROVE, CHANGES = ReviewDecision.APPROVE, ReviewDecision.REQUEST_CHANGES
FR, ES, AR = Language.FR, Language.ES, Language.AR


def _user(role: Role, languages: tuple[Language, ...] = ()) -> User:
    return User(
        id=1, name="u", role=role, languages=list(languages), created_at_utc=datetime.now(UTC)
    )


def _review(reviewer: str, decision: ReviewDecision = APPROVE, version: int = 1) -> Review:
    return Review(
        reviewer=reviewer, decision=decision, version=version, created_at_utc=datetime.now(UTC)
    )


@pytest.mark.parametrize(
    ("role", "languages", "action", "language", "allowed"),
    [
        (Role.EDITOR, (), Action.SUBMIT, None, True),
        (Role.EDITOR, (), Action.EDIT, AR, True),
        (Role.EDITOR, (), Action.REVIEW, AR, True),
        (Role.EDITOR, (), Action.PLAN, None, False),
        (Role.EDITOR, (), Action.MANAGE_USERS, None, False),
        (Role.TRANSLATOR, (FR, ES), Action.EDIT, FR, True),
        (Role.TRANSLATOR, (FR, ES), Action.REVIEW, ES, True),
        (Role.TRANSLATOR, (FR, ES), Action.EDIT, AR, False),
        (Role.TRANSLATOR, (FR, ES), Action.REVIEW, AR, False),
        (Role.TRANSLATOR, (FR,), Action.SUBMIT, None, False),
        (Role.TRANSLATOR, (FR,), Action.EXPORT, None, False),
        (Role.PUBLISHER, (), Action.PLAN, None, True),
        (Role.PUBLISHER, (), Action.EXPORT, None, True),
        (Role.PUBLISHER, (), Action.REVIEW, FR, False),
        (Role.PUBLISHER, (), Action.EDIT, FR, False),
        (Role.PUBLISHER, (), Action.READ, None, True),
        (Role.ADMIN, (), Action.MANAGE_USERS, None, True),
        (Role.ADMIN, (), Action.REVIEW, AR, True),
    ],
)
def test_the_permission_table(
    role: Role,
    languages: tuple[Language, ...],
    action: Action,
    language: Language | None,
    allowed: bool,
) -> None:
    user = _user(role, languages)
    if allowed:
        authorize(user, action, language)
        return
    with pytest.raises(ForbiddenError) as raised:
        authorize(user, action, language)
    assert raised.value.code is ErrorCode.FORBIDDEN_ROLE


@pytest.mark.parametrize(
    ("last_editor", "reviews", "required", "state", "approvals"),
    [
        (None, [], 2, ReviewState.PENDING, []),
        (None, [_review("ana")], 2, ReviewState.PENDING, ["ana"]),  # MT needs two approvers
        (None, [_review("ana"), _review("ben")], 2, ReviewState.APPROVED, ["ana", "ben"]),
        ("eve", [_review("ana")], 2, ReviewState.APPROVED, ["ana"]),  # editor + one approver
        ("eve", [], 2, ReviewState.PENDING, []),
        ("eve", [_review("ana")], 3, ReviewState.PENDING, ["ana"]),
        ("eve", [_review("ana"), _review("ben")], 3, ReviewState.APPROVED, ["ana", "ben"]),
        (None, [_review("ana"), _review("ana", version=2)], 2, ReviewState.PENDING, ["ana"]),
        (None, [_review("ana", version=2), _review("ben", version=2)], 2, ReviewState.PENDING, []),
        (
            None,
            [_review("ana"), _review("ben"), _review("cy", CHANGES)],
            2,
            ReviewState.CHANGES_REQUESTED,
            ["ana", "ben"],
        ),
        (None, [_review("ana"), _review("ana", CHANGES)], 2, ReviewState.CHANGES_REQUESTED, []),
        (
            None,
            [_review("ana", CHANGES), _review("ana"), _review("ben")],
            2,
            ReviewState.APPROVED,
            ["ana", "ben"],
        ),
    ],
)
def test_review_status(
    last_editor: str | None,
    reviews: list[Review],
    required: int,
    state: ReviewState,
    approvals: list[str],
) -> None:
    version = 1
    status = review_status(version, last_editor, reviews, required)
    assert (status.state, status.approvals, status.required) == (state, approvals, required)


def test_fewer_than_two_required_is_refused() -> None:
    with pytest.raises(ValueError, match="never under two"):
        review_status(1, None, [], required=1)


@pytest.mark.parametrize(
    ("reviewer", "decision", "version", "last_editor", "reviews", "error", "code"),
    [
        ("eve", APPROVE, 2, "eve", [], ForbiddenError, ErrorCode.SELF_APPROVAL),
        (
            "eve",
            APPROVE,
            2,
            "eve",
            [_review("ana", version=2)],
            ForbiddenError,
            ErrorCode.SELF_APPROVAL,
        ),
        (
            "ana",
            APPROVE,
            2,
            "eve",
            [_review("ana", version=2)],
            ConflictError,
            ErrorCode.ALREADY_APPROVED,
        ),
        (
            "ana",
            CHANGES,
            2,
            "eve",
            [_review("ana", CHANGES, 2)],
            ConflictError,
            ErrorCode.ALREADY_REVIEWED,
        ),
        ("ana", APPROVE, 1, "eve", [], ConflictError, ErrorCode.STALE_VERSION),
        ("ana", APPROVE, 3, "eve", [], ConflictError, ErrorCode.STALE_VERSION),
    ],
)
def test_check_review_refuses(
    reviewer: str,
    decision: ReviewDecision,
    version: int,
    last_editor: str | None,
    reviews: list[Review],
    error: type[AdaptError],
    code: ErrorCode,
) -> None:
    with pytest.raises(error) as raised:
        check_review(
            reviewer,
            decision,
            version,
            current_version=2,
            last_editor=last_editor,
            reviews=reviews,
        )
    assert raised.value.code is code


@pytest.mark.parametrize(
    ("reviewer", "decision", "reviews"),
    [
        ("eve", CHANGES, []),  # the last editor may flag their own text
        ("ana", APPROVE, [_review("ana", version=1)]),  # an approval of an older version
        ("ana", CHANGES, [_review("ana", version=2)]),  # a change of mind
        ("ana", APPROVE, [_review("ana", CHANGES, 2)]),
    ],
)
def test_check_review_accepts(
    reviewer: str, decision: ReviewDecision, reviews: list[Review]
) -> None:
    check_review(reviewer, decision, 2, current_version=2, last_editor="eve", reviews=reviews)


def test_an_edit_clears_the_approvals_and_needs_the_current_version() -> None:
    ledger = ReviewLedger().review("ana", APPROVE).review("ben", APPROVE)
    assert ledger.status.state is ReviewState.APPROVED
    edited = ledger.edit("eve", base_version=1)
    assert (edited.version, edited.last_editor) == (2, "eve")
    assert (edited.status.state, edited.status.approvals) == (ReviewState.PENDING, [])
    with pytest.raises(ConflictError) as raised:
        edited.edit("ana", base_version=1)
    assert raised.value.code is ErrorCode.STALE_VERSION
    assert edited.review("ana", APPROVE).status.state is ReviewState.APPROVED


# The property: no sequence of edits and reviews reaches "approved" with fewer than two
# distinct people, or with only the last editor. ------------------------------------------

PEOPLE = ["ana", "ben", "cy", "dee"]
_edit = st.tuples(st.just("edit"), st.sampled_from(PEOPLE), st.integers(-1, 0))
_decide = st.tuples(
    st.sampled_from(["approve", "request_changes"]), st.sampled_from(PEOPLE), st.integers(-1, 1)
)
STEPS = st.lists(st.one_of(_edit, _decide), max_size=30)


def _apply(ledger: ReviewLedger, step: tuple[str, str, int]) -> ReviewLedger:
    kind, person, offset = step
    try:
        if kind == "edit":
            return ledger.edit(person, base_version=ledger.version + offset)
        return ledger.review(person, ReviewDecision(kind), ledger.version + offset)
    except (ConflictError, ForbiddenError):
        return ledger  # refused: nothing changes


def _people_who_saw(ledger: ReviewLedger) -> set[str]:
    """Recomputed from the raw reviews: each reviewer's last word on the current version."""
    last_word: dict[str, ReviewDecision] = {}
    for review in ledger.reviews:
        if review.version == ledger.version:
            last_word[review.reviewer] = review.decision
    seen = {name for name, decision in last_word.items() if decision is APPROVE}
    return seen | ({ledger.last_editor} if ledger.last_editor else set())


@settings(max_examples=400, deadline=None)
@given(steps=STEPS, required=st.sampled_from([2, 3]))
def test_no_sequence_is_approved_without_two_people(
    steps: list[tuple[str, str, int]], required: int
) -> None:
    ledger = ReviewLedger(required=required)
    authors: dict[int, str | None] = {1: None}
    for step in steps:
        before = ledger
        ledger = _apply(ledger, step)
        seen = _people_who_saw(ledger)
        if ledger.status.state is ReviewState.APPROVED:
            assert len(seen) >= required >= 2
            assert seen - {ledger.last_editor}, "approved by the last editor alone"
        if ledger.version != before.version:  # an edit: the approvals start again
            authors[ledger.version] = ledger.last_editor
            assert ledger.status.approvals == []
            assert ledger.status.state is ReviewState.PENDING
    for review in ledger.reviews:  # nobody's approval of their own version was recorded
        if review.decision is APPROVE:
            assert review.reviewer != authors[review.version]


@pytest.mark.parametrize(
    ("version", "last_editor", "reviews", "needed"),
    [
        (1, None, [], 2),
        (1, None, [_review("ana")], 1),
        (1, None, [_review("ana"), _review("ben")], 0),
        (2, "ana", [], 1),
        (2, "ana", [_review("ben", version=2)], 0),
        (2, "ana", [_review("ben", version=1)], 1),
        (1, None, [_review("ana"), _review("ben", CHANGES)], 1),
    ],
)
def test_approvals_needed_agrees_with_the_rule(
    version: int, last_editor: str | None, reviews: list[Review], needed: int
) -> None:
    status = review_status(version, last_editor, reviews, 2)
    assert approvals_needed(status, last_editor) == needed
    assert (needed == 0) == (status.state is ReviewState.APPROVED)


def test_approvals_needed_counts_up_to_the_required_number() -> None:
    status = review_status(3, "ana", [_review("ben", version=3)], required=4)
    assert approvals_needed(status, "ana") == 2


@pytest.mark.parametrize(
    ("user", "decision", "last_editor", "reviews", "code"),
    [
        (_user(Role.TRANSLATOR, (FR,)), APPROVE, "u", [], ErrorCode.SELF_APPROVAL),
        (_user(Role.TRANSLATOR, (FR,)), APPROVE, None, [_review("u")], ErrorCode.ALREADY_APPROVED),
        (_user(Role.TRANSLATOR, (ES,)), APPROVE, None, [], ErrorCode.FORBIDDEN_ROLE),
        (_user(Role.PUBLISHER), CHANGES, None, [], ErrorCode.FORBIDDEN_ROLE),
        (
            _user(Role.EDITOR),
            CHANGES,
            None,
            [_review("u", CHANGES)],
            ErrorCode.ALREADY_REVIEWED,
        ),
        (_user(Role.TRANSLATOR, (FR,)), CHANGES, "u", [], None),
        (_user(Role.TRANSLATOR, (FR,)), APPROVE, "ana", [_review("ben")], None),
    ],
)
def test_review_refusal_is_the_error_recording_would_raise(
    user: User,
    decision: ReviewDecision,
    last_editor: str | None,
    reviews: list[Review],
    code: ErrorCode | None,
) -> None:
    refusal = review_refusal(
        user, decision, FR, 1, current_version=1, last_editor=last_editor, reviews=reviews
    )
    assert (refusal.code if refusal else None) == code


def test_review_refusal_of_a_stale_version() -> None:
    refusal = review_refusal(
        _user(Role.EDITOR), APPROVE, FR, 1, current_version=2, last_editor=None, reviews=[]
    )
    assert refusal is not None and refusal.code is ErrorCode.STALE_VERSION


def test_permission_refusal_is_what_authorize_raises() -> None:
    translator = _user(Role.TRANSLATOR, (FR,))
    assert permission_refusal(translator, Action.EDIT, FR) is None
    refused = permission_refusal(translator, Action.EDIT, ES)
    assert refused is not None and refused.code is ErrorCode.FORBIDDEN_ROLE
    assert permission_refusal(_user(Role.PUBLISHER), Action.REVIEW) is not None
