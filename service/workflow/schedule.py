"""Scheduling use cases: when each post goes out, for every edge (CLI, API, workers).

* :func:`list_audiences` - the audiences and their zones, windows and quiet hours.
* :func:`schedule_slot`  - the slot of one audience, named or ad hoc: the next one, the
  best of a day, a given instant, or now (urgent); on an observance's date if asked.
* :func:`plan_posts`     - a statement's plan: slots for several audiences, spaced, never
  in the past, away from posts already scheduled.

Exports of a slot or a plan are in :mod:`service.workflow.schedule_export`.

Requests hold what people write (instants such as ``2026-04-07T06:00Z``, specs such as
``Europe/Paris=2``), under the names of the command-line options, and are read here with
one rule for every edge. An error's ``option`` field names the request field at fault.
"""

from datetime import UTC, datetime

from pydantic import Field, JsonValue

from service.audiences import Audience, audience_from_specs
from service.errors import ErrorCode, InputError
from service.languages import parse_language
from service.models import Model, Observance, Plan, Slot
from service.schedule.instants import parse_day, parse_instant
from service.schedule.observance import find_observance
from service.schedule.plan import busy_posts_from_json, language_audiences, plan_statement
from service.schedule.slots import (
    SearchOptions,
    best_slot,
    evaluate_slot,
    next_slot,
    urgent_slot,
)
from service.workflow.workspace import Workspace


class SearchRequest(Model):
    """How slots are searched: the coverage to reach, the grid, how far ahead, the day."""

    observance: str | None = Field(default=None, description="Glossary observance id.")
    threshold: float = Field(default=0.5, description="Least weighted share of zones.")
    grid_minutes: int = Field(default=5, description="Slots every N minutes (divides 60).")
    horizon_days: int = Field(default=14, description="How many days ahead to search.")


class AdHocAudience(Model):
    """An audience given by its zones and windows instead of by name."""

    timezone: list[str] = Field(default_factory=list, description="ZONE[=WEIGHT] each.")
    window: list[str] = Field(default_factory=list, description="DAYS@HH:MM-HH:MM each.")
    quiet: list[str] = Field(default_factory=list, description="Quiet hours, HH:MM-HH:MM each.")
    language: str = Field(default="en", description="Language local times are written in.")


class SlotRequest(Model):
    """One audience's slot. At most one of ``at``, ``day`` and ``urgent``; else the next."""

    audience: str | None = Field(default=None, description="Audience id.")
    ad_hoc: AdHocAudience | None = None
    after: str | None = Field(default=None, description="Earliest instant; default now.")
    at: str | None = Field(default=None, description="Evaluate this instant.")
    day: str | None = Field(default=None, description="Best slot of this day, YYYY-MM-DD.")
    day_zone: str | None = Field(default=None, description="Zone of the day; default heaviest.")
    urgent: bool = Field(default=False, description="Now (or after), whatever the windows.")
    search: SearchRequest = Field(default_factory=SearchRequest)


class PlanRequest(Model):
    """A statement's plan: a slot (or ``posts``) per audience, the six accounts by default."""

    audience: list[str] = Field(default_factory=list, description="Audience ids.")
    after: str | None = Field(default=None, description="Earliest instant; default now.")
    now: str | None = Field(default=None, description="The present, for tests and replays.")
    min_gap_minutes: int | None = Field(default=None, description="Overrides each gap.")
    posts: int = Field(default=1, description="Posts per audience.")
    busy: JsonValue = Field(default=None, description="Posts already scheduled (plan JSON).")
    search: SearchRequest = Field(default_factory=SearchRequest)


class AudienceList(Model):
    """Every audience, the bundled ones first, then those of the user's file."""

    audiences: list[Audience]


def list_audiences(workspace: Workspace) -> AudienceList:
    return AudienceList(audiences=list(workspace.audiences.values()))


def find_audience(workspace: Workspace, audience_id: str) -> Audience:
    """The audience with this id; an error lists the known ones."""
    audiences = workspace.audiences
    if audience_id not in audiences:
        raise InputError(
            f"unknown audience {audience_id!r}: use one of {', '.join(audiences)}",
            code=ErrorCode.UNKNOWN_AUDIENCE,
            audience=audience_id,
            known=list(audiences),
        )
    return audiences[audience_id]


def schedule_slot(
    workspace: Workspace, request: SlotRequest, *, now: datetime | None = None
) -> Slot:
    """The slot of one audience, with the proof: every zone's local time and findings."""
    _check_one_mode(request)
    audience = _slot_audience(workspace, request)
    options = _search_options(request.search)
    observance = _observance(workspace, request.search)
    start = _instant_or_now(request.after, "after", now)
    if request.at is not None:
        instant = parse_instant(request.at, "at")
        return evaluate_slot(audience, instant, observance=observance, threshold=options.threshold)
    if request.urgent:
        return urgent_slot(audience, start, observance=observance)
    if request.day is not None:
        day = parse_day(request.day, "day")
        return best_slot(
            audience, day, day_zone=request.day_zone, options=options, observance=observance
        )
    return next_slot(audience, start, options=options, observance=observance)


def plan_posts(workspace: Workspace, request: PlanRequest, *, now: datetime | None = None) -> Plan:
    """Slots for every audience of the request, each the gap away from the account's posts."""
    present = _instant_or_now(request.now, "now", now)
    audiences = (
        [find_audience(workspace, audience_id) for audience_id in dict.fromkeys(request.audience)]
        if request.audience
        else language_audiences(workspace.audiences)
    )
    return plan_statement(
        audiences,
        after=_instant_or_now(request.after, "after", present),
        now=present,
        options=_search_options(request.search),
        observance=_observance(workspace, request.search),
        min_gap_minutes=request.min_gap_minutes,
        posts_per_audience=request.posts,
        busy=busy_posts_from_json(request.busy, "busy") if request.busy is not None else (),
    )


def _check_one_mode(request: SlotRequest) -> None:
    modes = {"at": request.at is not None, "day": request.day is not None, "urgent": request.urgent}
    if sum(modes.values()) > 1:
        raise InputError(
            "ask for one kind of slot: at an instant, the best of a day, or urgent",
            code=ErrorCode.CONFLICTING_OPTIONS,
            options=list(modes),
        )


def _slot_audience(workspace: Workspace, request: SlotRequest) -> Audience:
    """The named audience, or the ad-hoc one built from its specs (exactly one of them)."""
    ad_hoc = request.ad_hoc
    if request.audience is not None and ad_hoc is not None:
        raise _which_audience("give a named audience or an ad-hoc one, not both")
    if request.audience is not None:
        return find_audience(workspace, request.audience)
    if ad_hoc is None:
        raise _which_audience("no audience given")
    if not ad_hoc.timezone or not ad_hoc.window:
        raise _which_audience("an ad-hoc audience needs time zones and posting windows")
    language = parse_language(ad_hoc.language)
    return audience_from_specs(
        ad_hoc.timezone,
        ad_hoc.window,
        quiet=ad_hoc.quiet,
        language=language,
        babel_locale=workspace.locales[language].language.babel_locale,
    )


def _which_audience(message: str) -> InputError:
    return InputError(message, code=ErrorCode.INVALID_AUDIENCE, option="audience")


def _search_options(search: SearchRequest) -> SearchOptions:
    return SearchOptions(
        threshold=search.threshold,
        grid_minutes=search.grid_minutes,
        horizon_days=search.horizon_days,
    )


def _observance(workspace: Workspace, search: SearchRequest) -> Observance | None:
    if search.observance is None:
        return None
    return find_observance(workspace.glossary, search.observance)


def _instant_or_now(text: str | None, option: str, now: datetime | None) -> datetime:
    if text is not None:
        return parse_instant(text, option)
    return now if now is not None else datetime.now(UTC)
