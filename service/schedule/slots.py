"""Posting slots for one audience: evaluate an instant, find the next or the best, or go now.

An instant's *coverage* is the weighted share of the audience's zones whose local wall
time is in a posting window then. Slots are searched on a grid of UTC instants (every
``grid_minutes``, aligned on the hour), exactly: time is cut at every window boundary,
observance-date boundary and blocked stretch (see :mod:`service.schedule.timeline`), so
the search visits one grid instant per stretch of constant state instead of every minute.

* :func:`evaluate_slot` - a given instant: each zone's local time, window, date, sleep.
* :func:`next_slot`     - the earliest grid instant at or after ``after`` whose coverage
  meets the threshold, within ``horizon_days``.
* :func:`best_slot`     - the grid instant of a local day with the highest coverage
  (ties: the earliest).
* :func:`urgent_slot`   - now, windows skipped; zones in quiet hours are named.

With an observance, next and best slots keep to the instants at which the most weight
(all of it, when it can be had) is on the observance's date, and the slot names every
zone where it is not. Datetimes in and out are timezone-aware; slots are in UTC.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from service.audiences import Audience, ZoneWeight, parse_timezone
from service.checks.stage import BELOW_THRESHOLD, OBSERVANCE_AHEAD, QUIET_HOURS
from service.errors import ErrorCode, InputError
from service.languages import Language
from service.models import Finding, Observance, Severity, Slot, SlotMode, ZoneTime, utc_text
from service.schedule.instants import require_aware
from service.schedule.local_time import local_iso, render_local_time
from service.schedule.observance import (
    date_finding,
    date_sets,
    describe_day,
    is_observance_date,
    next_occurrence,
)
from service.schedule.timeline import (
    SECONDS_PER_DAY,
    Interval,
    IntervalSet,
    Piece,
    day_intervals,
    earliest_best,
    first_grid_instant,
    from_seconds,
    pieces,
    window_intervals,
)

GRID_MINUTES_CHOICES = (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60)
"""Divisors of an hour, so the grid is the same in every zone with a whole-quarter offset."""
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_SAME_SHARE = 1e-12


@dataclass(frozen=True)
class SearchOptions:
    """How slots are searched: the coverage to reach, the grid and how far to look."""

    threshold: float = 0.5
    grid_minutes: int = 5
    horizon_days: int = 14

    def __post_init__(self) -> None:
        if not 0.0 <= self.threshold <= 1.0:
            raise _out_of_range(
                f"threshold {self.threshold} must be between 0 and 1", "threshold", self.threshold
            )
        if self.grid_minutes not in GRID_MINUTES_CHOICES:
            choices = ", ".join(map(str, GRID_MINUTES_CHOICES))
            raise _out_of_range(
                f"grid of {self.grid_minutes} minutes: use one of {choices}",
                "grid_minutes",
                self.grid_minutes,
            )
        if not 1 <= self.horizon_days <= 366:
            raise _out_of_range(
                f"horizon of {self.horizon_days} days: use 1 to 366",
                "horizon_days",
                self.horizon_days,
            )


def _out_of_range(message: str, option: str, value: float) -> InputError:
    return InputError(message, code=ErrorCode.OUT_OF_RANGE, option=option, value=value)


DEFAULT_OPTIONS = SearchOptions()


def coverage_of(audience: Audience, flags: Sequence[bool]) -> float:
    """Weighted share of the zones whose flag is set, summed in zone order (one float for
    one set of zones, whichever function asks)."""
    chosen = sum(zone.weight for zone, flag in zip(audience.zones, flags, strict=True) if flag)
    return chosen / audience.total_weight


def evaluate_slot(
    audience: Audience,
    instant: datetime,
    *,
    observance: Observance | None = None,
    threshold: float = 0.5,
    mode: SlotMode = SlotMode.AT,
    findings: Sequence[Finding] = (),
) -> Slot:
    """Everything about posting to ``audience`` at ``instant``, with findings."""
    instant = require_aware(instant).astimezone(UTC)
    zones = [_zone_time(audience, zone, instant, observance) for zone in audience.zones]
    coverage = coverage_of(audience, [zone.in_window for zone in zones])
    all_findings = list(findings)
    if observance is not None:
        all_findings += [
            date_finding(instant, zone.zone, observance)
            for zone, report in zip(audience.zones, zones, strict=True)
            if not report.local_date_ok
        ]
    quiet_severity = Severity.WARNING if mode is SlotMode.URGENT else Severity.INFO
    all_findings += [
        _quiet_finding(audience, report, quiet_severity) for report in zones if report.asleep
    ]
    if mode is not SlotMode.URGENT and coverage < threshold:
        all_findings.append(_below_threshold(coverage, threshold))
    return Slot(
        audience_id=audience.id,
        language=audience.language,
        mode=mode,
        slot_utc=instant,
        coverage=coverage,
        threshold=threshold,
        observance_id=observance.concept_id if observance else None,
        zones=zones,
        findings=all_findings,
    )


def next_slot(
    audience: Audience,
    after: datetime,
    *,
    options: SearchOptions = DEFAULT_OPTIONS,
    observance: Observance | None = None,
    busy: Sequence[datetime] = (),
    min_gap_minutes: int = 0,
) -> Slot:
    """The earliest grid instant at or after ``after`` whose coverage meets the threshold,
    at least ``min_gap_minutes`` from every ``busy`` post on the account.

    Without an observance, no such instant within the horizon is an :class:`InputError`.
    With one, the search keeps to the observance's next occurrence; if no instant there
    meets the threshold, the best one is returned with a ``below_threshold`` finding.
    """
    start = ceil_seconds(after)
    notes: list[Finding] = []
    if observance is None:
        span = (start, start + options.horizon_days * SECONDS_PER_DAY)
    else:
        # An occurrence that ends before the first grid instant is over.
        grid_seconds = options.grid_minutes * 60
        first_on_grid = -(-start // grid_seconds) * grid_seconds
        first, last = next_occurrence(audience, observance, first_on_grid)
        span = (max(start, first), last)
        if first > start + options.horizon_days * SECONDS_PER_DAY:
            notes.append(_observance_ahead(audience, observance, first, after))
    candidates = _candidates(audience, span, options, observance, _blocked(busy, min_gap_minutes))
    for instant, piece in candidates:
        if coverage_of(audience, piece.in_window) >= options.threshold:
            return _slot(audience, instant, observance, options, SlotMode.NEXT, notes)
    best = earliest_best(candidates, lambda piece: coverage_of(audience, piece.in_window))
    if best is None or observance is None:
        raise _no_slot(audience, after, options, min_gap_minutes, best)
    return _slot(audience, best[0], observance, options, SlotMode.NEXT, notes)


def _no_slot(
    audience: Audience,
    after: datetime,
    options: SearchOptions,
    min_gap_minutes: int,
    best: tuple[int, Piece] | None,
) -> InputError:
    """Why :func:`next_slot` found nothing: every instant blocked, or none good enough."""
    if best is None:
        return InputError(
            f"no free time for audience {audience.id} after {utc_text(after)}: "
            f"every instant is within {min_gap_minutes} minutes of another post",
            code=ErrorCode.NO_SLOT,
            audience=audience.id,
            after=utc_text(after),
        )
    highest = coverage_of(audience, best[1].in_window)
    return InputError(
        f"no time in the {options.horizon_days} days from {utc_text(after)} reaches "
        f"coverage {options.threshold} for audience {audience.id}; the highest is "
        f"{highest:.2f} at {utc_text(from_seconds(best[0]))}"
        ": lower the threshold or widen the windows",
        code=ErrorCode.NO_SLOT,
        audience=audience.id,
        after=utc_text(after),
        threshold=options.threshold,
        highest_coverage=round(highest, 4),
    )


def best_slot(
    audience: Audience,
    day: date,
    *,
    day_zone: str | None = None,
    options: SearchOptions = DEFAULT_OPTIONS,
    observance: Observance | None = None,
    busy: Sequence[datetime] = (),
    min_gap_minutes: int = 0,
) -> Slot:
    """The grid instant of ``day`` with the highest coverage (the earliest on a tie).

    The day is local to ``day_zone`` (an IANA name), by default the audience's heaviest zone.
    """
    zone = (
        ZoneInfo(parse_timezone(day_zone, "day_zone")) if day_zone else audience.primary_zone.zone
    )
    bounds = day_intervals(zone, [day]).intervals
    span = (bounds[0][0], bounds[-1][1])
    candidates = _candidates(audience, span, options, observance, _blocked(busy, min_gap_minutes))
    best = earliest_best(candidates, lambda piece: coverage_of(audience, piece.in_window))
    if best is None:
        raise InputError(
            f"no free time on {day.isoformat()} for audience {audience.id}",
            code=ErrorCode.NO_SLOT,
            audience=audience.id,
            day=day.isoformat(),
        )
    return _slot(audience, best[0], observance, options, SlotMode.BEST, [])


def urgent_slot(audience: Audience, now: datetime, *, observance: Observance | None = None) -> Slot:
    """Post at ``now``, whatever the windows; the slot names the zones that are asleep."""
    return evaluate_slot(audience, now, observance=observance, mode=SlotMode.URGENT)


def ceil_seconds(instant: datetime) -> int:
    """Seconds since the epoch, rounded up: the first whole second not before ``instant``."""
    delta = require_aware(instant) - _EPOCH
    return delta.days * SECONDS_PER_DAY + delta.seconds + (1 if delta.microseconds else 0)


def _blocked(busy: Sequence[datetime], min_gap_minutes: int) -> IntervalSet:
    """Whole seconds closer than the gap to a busy post: ``|t - b| < gap``."""
    gap = min_gap_minutes * 60
    spans: list[Interval] = []
    for post in busy:
        up = ceil_seconds(post)
        down = up - 1 if post.microsecond else up
        spans.append((down - gap + 1, up + gap))
    return IntervalSet(spans)


def _candidates(
    audience: Audience,
    span: Interval,
    options: SearchOptions,
    observance: Observance | None,
    blocked: IntervalSet,
) -> list[tuple[int, Piece]]:
    """One grid instant per free piece of ``span``, kept to the pieces at which the most
    weight is on the observance's date (every piece when there is no observance)."""
    start, end = span
    if start >= end:
        return []
    windows = [window_intervals(zone.zone, audience.windows, start, end) for zone in audience.zones]
    dates = date_sets(audience, observance, start, end) if observance else None
    found: list[tuple[int, Piece]] = []
    for piece in pieces(start, end, windows, dates, blocked):
        instant = first_grid_instant(piece, start, options.grid_minutes * 60)
        if instant is not None and not piece.blocked:
            found.append((instant, piece))
    if not found:
        return found
    top = max(coverage_of(audience, piece.on_date) for _instant, piece in found)
    return [
        (instant, piece)
        for instant, piece in found
        if coverage_of(audience, piece.on_date) >= top - _SAME_SHARE
    ]


def _slot(
    audience: Audience,
    instant: int,
    observance: Observance | None,
    options: SearchOptions,
    mode: SlotMode,
    notes: Sequence[Finding],
) -> Slot:
    return evaluate_slot(
        audience,
        from_seconds(instant),
        observance=observance,
        threshold=options.threshold,
        mode=mode,
        findings=notes,
    )


def _zone_time(
    audience: Audience, zone: ZoneWeight, instant: datetime, observance: Observance | None
) -> ZoneTime:
    local = instant.astimezone(zone.zone)
    weekday = local.weekday()
    second_of_day = local.hour * 3600 + local.minute * 60 + local.second
    return ZoneTime(
        timezone=zone.timezone,
        weight=zone.weight,
        local_time=local_iso(instant, zone.zone),
        local_time_display=render_local_time(
            instant, zone.zone, audience.babel_locale, audience.datetime_join
        ),
        in_window=audience.in_window(weekday, second_of_day),
        local_date_ok=observance is None or is_observance_date(local, observance),
        asleep=audience.is_quiet(weekday, second_of_day),
    )


def _quiet_finding(audience: Audience, report: ZoneTime, severity: Severity) -> Finding:
    quiet = ", ".join(span.spec for span in audience.quiet_hours)
    local = datetime.fromisoformat(report.local_time)
    return QUIET_HOURS.finding(
        f"{report.timezone}: {local:%H:%M} local time is in quiet hours ({quiet}); "
        "people there are likely asleep",
        severity=severity,
    )


def _below_threshold(coverage: float, threshold: float) -> Finding:
    return BELOW_THRESHOLD.finding(
        f"coverage {coverage:.2f} is below the threshold {threshold:.2f}"
    )


def _observance_ahead(
    audience: Audience, observance: Observance, first: int, after: datetime
) -> Finding:
    begins = from_seconds(first)
    return OBSERVANCE_AHEAD.finding(
        f"the next {observance.name_in(Language.EN)} for audience {audience.id} "
        f"begins on {describe_day(begins.date())}, long after {utc_text(after)}"
    )
