"""A statement's plan: when each language version goes out, on its own account.

One slot per language audience (or ``posts_per_audience`` of them), each the next slot of
its audience (see :func:`service.pipeline.schedule.next_slot`), never in the past, and at
least the gap away from every other post on the same account - those of this plan and
those already scheduled (``busy``, e.g. read back from an earlier plan's JSON).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from service.audiences import Audience
from service.errors import DataError, InputError
from service.languages import ALL_LANGUAGES
from service.models import Finding, Observance, Plan, Severity, Slot, utc_text
from service.schedule.slots import DEFAULT_OPTIONS, SearchOptions, next_slot, parse_instant

CHECK_PLAN_FROM_NOW = "plan_from_now"


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
            "define tables with those ids in the audiences file"
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
    if not 1 <= posts_per_audience <= 24:
        raise InputError(f"{posts_per_audience} posts per audience: use 1 to 24")
    if min_gap_minutes is not None and min_gap_minutes < 0:
        raise InputError("the gap between posts cannot be negative")
    start = max(after, now)
    findings: list[Finding] = []
    if after < now:
        findings.append(
            Finding(
                check=CHECK_PLAN_FROM_NOW,
                severity=Severity.INFO,
                message=f"{utc_text(after)} is in the past: planned from now ({utc_text(now)})",
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


def busy_posts_from_json(value: object, source: str) -> list[BusyPost]:
    """Posts already scheduled, from a plan's JSON (``{"slots": [...]}``), one slot's JSON,
    or a list of ``{"audience_id": ..., "slot_utc": ...}``."""
    if isinstance(value, dict) and "slots" in value:
        value = value["slots"]
    items = value if isinstance(value, list) else [value]
    posts: list[BusyPost] = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise InputError(
                f"{source}: item {number} must be an object with audience_id, slot_utc"
            )
        audience_id, slot_text = item.get("audience_id"), item.get("slot_utc")
        if not isinstance(audience_id, str) or not isinstance(slot_text, str):
            raise InputError(f"{source}: item {number} needs audience_id and slot_utc strings")
        posts.append(BusyPost(audience_id, parse_instant(slot_text, f"{source}: item {number}")))
    return posts
