"""Observance days: a post about World Health Day goes out while it is 7 April everywhere.

An observance has a month and a day and recurs every year. An audience spread over time
zones is on that date only while every one of its zones is: for the Russian account
(Moscow to Vladivostok, seven hours apart) that is 17 of the 31 hours during which it is
7 April somewhere in Russia. Outside that stretch the slot is flagged, zone by zone.
"""

import difflib
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date

from service.audiences import Audience
from service.checks.stage import OBSERVANCE_DATE
from service.errors import ErrorCode, InputError
from service.glossary import Concept, Glossary
from service.languages import Language
from service.models import Finding, Observance
from service.schedule.timeline import IntervalSet, day_intervals, from_seconds

_FINDINGS_LOCALE = "en"
"""Findings are messages for editors, in the product's language; local times are not."""


def observance_days(observance: Observance, first_year: int, last_year: int) -> list[date]:
    """The observance's dates in the years given (29 February only in leap years)."""
    days: list[date] = []
    for year in range(first_year, last_year + 1):
        try:
            days.append(date(year, observance.month, observance.day))
        except ValueError:
            continue
    return days


def date_sets(
    audience: Audience, observance: Observance, start: int, end: int
) -> list[IntervalSet]:
    """Per zone, the instants at which it is the observance's date, around ``[start, end)``."""
    years = range(from_seconds(start).year - 1, from_seconds(end).year + 2)
    days = observance_days(observance, years.start, years.stop - 1)
    return [day_intervals(zone.zone, days) for zone in audience.zones]


def next_occurrence(audience: Audience, observance: Observance, after: int) -> tuple[int, int]:
    """``[first, last)``: from the first instant the date starts in any zone of the audience
    to the last instant it holds in one, for the first occurrence not over at ``after``."""
    year = from_seconds(after).year - 1
    for day in observance_days(observance, year, year + 9):
        spans = [day_intervals(zone.zone, [day]).intervals for zone in audience.zones]
        starts = [interval[0] for span in spans for interval in span]
        ends = [interval[1] for span in spans for interval in span]
        if starts and max(ends) > after:
            return min(starts), max(ends)
    raise AssertionError("every eight years hold a 29 February")  # pragma: no cover


def is_observance_date(local: datetime, observance: Observance) -> bool:
    return (local.month, local.day) == (observance.month, observance.day)


def date_finding(instant: datetime, zone: ZoneInfo, observance: Observance) -> Finding:
    """'20:00 UTC on 7 April 2026 is already 8 April in Asia/Shanghai, not World Health Day'."""
    instant = instant.astimezone(UTC)
    local_day = instant.astimezone(zone).date()
    nearest = min(
        observance_days(observance, local_day.year - 1, local_day.year + 1),
        key=lambda day: abs((day - local_day).days),
    )
    when = "already" if local_day > nearest else "still"
    utc_text = f"{instant:%H:%M} UTC on {_day_month(instant.date(), with_year=True)}"
    name = observance.name_in(Language.EN)
    message = (
        f"{utc_text} is {when} {_day_month(local_day)} in {zone.key}, not {name} "
        f"({_day_month(nearest)})"
    )
    return OBSERVANCE_DATE.finding(message)


def describe_day(day: date) -> str:
    return _day_month(day, with_year=True)


def _day_month(day: date, *, with_year: bool = False) -> str:
    return format_date(day, format="d MMMM y" if with_year else "d MMMM", locale=_FINDINGS_LOCALE)


def observance_from_concept(concept: Concept) -> Observance:
    """The scheduling view of a glossary observance (:meth:`Glossary.observance`)."""
    if concept.observance_date is None:
        raise InputError(
            f"{concept.id!r} has no date, so it is not an observance",
            code=ErrorCode.UNKNOWN_CONCEPT,
            concept=concept.id,
        )
    month, day = concept.observance_date
    return Observance(concept_id=concept.id, month=month, day=day, names=dict(concept.names))


def find_observance(glossary: Glossary, concept_id: str) -> Observance:
    """The observance ``concept_id`` of the glossary; an error suggests the closest one."""
    by_id = {concept.id: concept for concept in glossary.observances()}
    if concept_id in by_id:
        return observance_from_concept(by_id[concept_id])
    kinds = {concept.id: concept.kind.value for concept in glossary.concepts}
    if concept_id in kinds:
        message = f"{concept_id!r} is not an observance (its kind is {kinds[concept_id]})"
    else:
        close = difflib.get_close_matches(concept_id, list(by_id), n=1)
        suggestion = f" (did you mean {close[0]!r}?)" if close else ""
        message = f"unknown observance {concept_id!r}{suggestion}"
    raise InputError(
        message, code=ErrorCode.UNKNOWN_CONCEPT, concept=concept_id, kind=kinds.get(concept_id)
    )
