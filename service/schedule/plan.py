"""A statement's plan: when each language version goes out, on its own account.

One slot per language audience (or ``posts_per_audience`` of them), each the next slot of
its audience (see :func:`service.schedule.slots.next_slot`), never in the past, and at
least the gap away from every other post on the same account - those of this plan and
those already scheduled (``busy``, e.g. read back from an earlier plan's JSON).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from service.audiences import Audience
from service.checks.stage import PLAN_FROM_NOW
from service.errors import DataError, ErrorCode, InputError
from service.languages import ALL_LANGUAGES
from service.models import Finding, Observance, Plan, Slot, utc_text
from service.schedule.instants import parse_instant
from service.schedule.slots import DEFAULT_OPTIONS, SearchOptions, next_slot

MAX_POSTS_PER_AUDIENCE = 24


@dataclass(frozen=True)
class BusyPost:
    """A post already scheduled on an account, which new posts keep their distance from."""

    audience_id: str
    slot_utc: datetime


def language_audiences(audiences: Mapping[str, Audience]) -> list[Audience]:
    """The six language accounts, in UN order: the audience whose id is the language code."""
    missing = [language.value for language in ALL_LANGUAGES if language.value not in audiences]
    if missing:
        raise DataError(
            f"no audience for the language account(s) {', '.join(missing)}: "
            "define tables with those ids in the audiences file",
            code=ErrorCode.UNKNOWN_AUDIENCE,
            missing=missing,
        )
    return [audiences[language.value] for language in ALL_LANGUAGES]


def plan_statement(
    audiences: Sequence[Audience],
    *,
    after: datetime,
    now: datetime,
    options: SearchOptions = DEFAULT_OPTIONS,
    observance: Observance | None = None,
    min_gap_minutes: int | None = None,
    posts_per_audience: int = 1,
    busy: Sequence[BusyPost] = (),
) -> Plan:
    """Slots for every audience; ``min_gap_minutes`` overrides each audience's own gap."""
    _check_counts(posts_per_audience, min_gap_minutes)
    start = max(after, now)
    findings: list[Finding] = []
    if after < now:
        findings.append(
            PLAN_FROM_NOW.finding(
                f"{utc_text(after)} is in the past: planned from now ({utc_text(now)})"
            )
        )
    slots: list[Slot] = []
    for audience in audiences:
        gap = audience.min_gap_minutes if min_gap_minutes is None else min_gap_minutes
        taken = [post.slot_utc for post in busy if post.audience_id == audience.id]
        for _index in range(posts_per_audience):
            slot = next_slot(
                audience,
                start,
                options=options,
                observance=observance,
                busy=taken,
                min_gap_minutes=gap,
            )
            taken.append(slot.slot_utc)
            slots.append(slot)
    return Plan(after_utc=after, now_utc=now, slots=slots, findings=findings)


def _check_counts(posts_per_audience: int, min_gap_minutes: int | None) -> None:
    if not 1 <= posts_per_audience <= MAX_POSTS_PER_AUDIENCE:
        raise InputError(
            f"{posts_per_audience} posts per audience: use 1 to {MAX_POSTS_PER_AUDIENCE}",
            code=ErrorCode.OUT_OF_RANGE,
            option="posts",
            value=posts_per_audience,
        )
    if min_gap_minutes is not None and min_gap_minutes < 0:
        raise InputError(
            "the gap between posts cannot be negative",
            code=ErrorCode.OUT_OF_RANGE,
            option="min_gap_minutes",
            value=min_gap_minutes,
        )


def busy_posts_from_json(value: object, option: str = "busy") -> list[BusyPost]:
    """Posts already scheduled, from a plan's JSON (``{"slots": [...]}``), one slot's JSON,
    or a list of ``{"audience_id": ..., "slot_utc": ...}``; errors name the item."""
    if isinstance(value, dict) and "slots" in value:
        value = value["slots"]
    items = value if isinstance(value, list) else [value]
    return [_busy_post(item, number, option) for number, item in enumerate(items, start=1)]


def _busy_post(item: object, number: int, option: str) -> BusyPost:
    if not isinstance(item, dict):
        raise _bad_busy(
            f"busy post {number} must be an object with audience_id, slot_utc", option, number
        )
    audience_id, slot_text = item.get("audience_id"), item.get("slot_utc")
    if not isinstance(audience_id, str) or not isinstance(slot_text, str):
        raise _bad_busy(
            f"busy post {number} needs audience_id and slot_utc strings", option, number
        )
    try:
        return BusyPost(audience_id, parse_instant(slot_text, option))
    except InputError as error:
        raise InputError(
            f"busy post {number}: {error.message}", code=error.code, **error.fields, item=number
        ) from None


def _bad_busy(message: str, option: str, number: int) -> InputError:
    return InputError(message, code=ErrorCode.INVALID_JSON, option=option, item=number)
