"""Audiences: who reads one account, where they live and when they read.

An audience is the readership of one language account: weighted IANA time zones (how much
of the readership lives there), weekly posting windows in local wall time, quiet hours
(when people are asleep) and the least gap between two posts on the account.

The bundled audiences are data in ``locales/audiences.toml``, read (with a user file merged
over them) by :func:`service.locales.load_audiences`. This module holds the models and the
parsers of the compact specs used in that file and on the command line:

``mon-fri@09:00-11:00``            a weekly window (several ranges: ``sat@10:00-12:00,20:00-22:00``)
``22:00-02:00``                    a range that crosses midnight (bare ranges mean every day)
``Europe/Paris=2``                 a zone and its weight

A window belongs to the day it starts on: ``fri@22:00-02:00`` runs from Friday 22:00 to
Saturday 02:00, local time. ``24:00`` may end a range (``00:00-24:00`` is a whole day).
"""

import difflib
import math
import re
from collections.abc import Iterable, Sequence
from enum import StrEnum
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones

from babel import Locale, UnknownLocaleError
from pydantic import Field, field_validator, model_validator

from service.errors import InputError
from service.languages import Language
from service.models import Model

MINUTES_PER_DAY = 24 * 60
MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY


class Weekday(StrEnum):
    """Days of the week in ``datetime.weekday()`` order (Monday is 0)."""

    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"

    @property
    def number(self) -> int:
        """0 for Monday, as ``date.weekday()``."""
        return _WEEKDAY_ORDER.index(self)


_WEEKDAY_ORDER: tuple[Weekday, ...] = tuple(Weekday)
_TIME = re.compile(r"^([01]\d|2[0-4]):([0-5]\d)$")


class TimeRange(Model):
    """A local wall-time range in minutes after midnight, ``[start, end)``.

    ``end <= start`` means the range crosses midnight and ends on the next day.
    """

    start_minute: int = Field(ge=0, lt=MINUTES_PER_DAY)
    end_minute: int = Field(ge=0, le=MINUTES_PER_DAY)

    @model_validator(mode="after")
    def _not_empty(self) -> "TimeRange":
        if self.start_minute == self.end_minute:
            raise ValueError(
                f"range {self.spec} is empty or ambiguous: use 00:00-24:00 for a whole day"
            )
        return self

    @property
    def crosses_midnight(self) -> bool:
        return self.end_minute <= self.start_minute

    @property
    def length_minutes(self) -> int:
        return (self.end_minute - self.start_minute) % MINUTES_PER_DAY or MINUTES_PER_DAY

    @property
    def spec(self) -> str:
        return f"{_format_minute(self.start_minute)}-{_format_minute(self.end_minute)}"

    def contains(self, weekday: int, second_of_day: int, days: Iterable[int]) -> bool:
        """Whether a wall time (weekday index, seconds after midnight) falls in the range
        as it recurs on ``days`` (the weekday indexes it starts on)."""
        starts_on = set(days)
        start, end = self.start_minute * 60, self.end_minute * 60
        if not self.crosses_midnight:
            return weekday in starts_on and start <= second_of_day < end
        if weekday in starts_on and second_of_day >= start:
            return True
        return (weekday - 1) % 7 in starts_on and second_of_day < end


class Window(Model):
    """A weekly posting window: a local time range on the days it starts."""

    days: tuple[Weekday, ...] = Field(min_length=1)
    hours: TimeRange

    @property
    def day_indexes(self) -> tuple[int, ...]:
        return tuple(day.number for day in self.days)

    @property
    def spec(self) -> str:
        return f"{_format_days(self.day_indexes)}@{self.hours.spec}"

    def contains(self, weekday: int, second_of_day: int) -> bool:
        return self.hours.contains(weekday, second_of_day, self.day_indexes)

    def week_intervals(self) -> list[tuple[int, int]]:
        """Minutes after Monday 00:00 covered in one week; a range past Sunday wraps."""
        result: list[tuple[int, int]] = []
        for day in self.day_indexes:
            start = day * MINUTES_PER_DAY + self.hours.start_minute
            end = start + self.hours.length_minutes
            result.append((start, min(end, MINUTES_PER_WEEK)))
            if end > MINUTES_PER_WEEK:  # Sunday night into Monday
                result.append((0, end - MINUTES_PER_WEEK))
        return result


class ZoneWeight(Model):
    """One IANA time zone of an audience and its share of the readership (any positive unit)."""

    timezone: str
    weight: float = Field(gt=0)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        return _check_timezone(value)

    @field_validator("weight")
    @classmethod
    def _finite(cls, value: float) -> float:
        if not math.isfinite(value):
            raise ValueError("weight must be a finite number")
        return value

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


class Audience(Model):
    """The readers of one account: where they live, when to post to them, when not to."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=64)
    language: Language
    name: str = Field(min_length=1)
    zones: tuple[ZoneWeight, ...] = Field(min_length=1)
    windows: tuple[Window, ...] = Field(min_length=1)
    quiet_hours: tuple[TimeRange, ...] = ()
    min_gap_minutes: int = Field(default=60, ge=0, le=7 * MINUTES_PER_DAY)
    babel_locale: str = Field(description="Locale local times are written in, e.g. fr.")
    datetime_join: str | None = Field(
        default=None,
        description="CLDR date-time join, {1} the date and {0} the time; Babel's 'full' if unset.",
    )

    @field_validator("zones", mode="before")
    @classmethod
    def _zones_from_table(cls, value: object) -> object:
        if isinstance(value, dict):
            return [{"timezone": zone, "weight": weight} for zone, weight in value.items()]
        return value

    @field_validator("windows", mode="before")
    @classmethod
    def _windows_from_specs(cls, value: object) -> object:
        if isinstance(value, list | tuple) and all(isinstance(item, str) for item in value):
            return [window for spec in value for window in _parse_window_spec(spec)]
        return value

    @field_validator("quiet_hours", mode="before")
    @classmethod
    def _quiet_from_specs(cls, value: object) -> object:
        if isinstance(value, list | tuple) and all(isinstance(item, str) for item in value):
            return [_parse_time_range(item) for item in value]
        return value

    @field_validator("babel_locale")
    @classmethod
    def _babel_knows(cls, value: str) -> str:
        try:
            Locale.parse(value)
        except (UnknownLocaleError, ValueError, TypeError):
            raise ValueError(f"Babel does not know the locale {value!r}") from None
        return value

    @field_validator("datetime_join")
    @classmethod
    def _join_has_both(cls, value: str | None) -> str | None:
        if value is not None and ("{0}" not in value or "{1}" not in value):
            raise ValueError("datetime_join must contain {1} (the date) and {0} (the time)")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> "Audience":
        names = [zone.timezone for zone in self.zones]
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            raise ValueError(f"time zone listed twice: {', '.join(duplicates)}")
        _check_quiet_overlap(self.windows, self.quiet_hours)
        return self

    @property
    def total_weight(self) -> float:
        return sum(zone.weight for zone in self.zones)

    @property
    def primary_zone(self) -> ZoneWeight:
        """The heaviest zone (the first listed on a tie): the one a calendar day is read in."""
        return max(self.zones, key=lambda zone: zone.weight)

    def in_window(self, weekday: int, second_of_day: int) -> bool:
        return any(window.contains(weekday, second_of_day) for window in self.windows)

    def is_quiet(self, weekday: int, second_of_day: int) -> bool:
        every_day = range(7)
        return any(span.contains(weekday, second_of_day, every_day) for span in self.quiet_hours)

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "language": self.language.value,
            "name": self.name,
            "zones": [{"timezone": z.timezone, "weight": z.weight} for z in self.zones],
            "windows": [window.spec for window in self.windows],
            "quiet_hours": [span.spec for span in self.quiet_hours],
            "min_gap_minutes": self.min_gap_minutes,
            "babel_locale": self.babel_locale,
        }


# Parsers: public ones raise InputError (command line); the _private ones raise ValueError so
# pydantic reports them with the field they belong to (data files).


def parse_timezone(name: str) -> str:
    """Return ``name`` if it is a known IANA zone, else an :class:`InputError` with a hint."""
    try:
        return _check_timezone(name)
    except ValueError as error:
        raise InputError(str(error)) from None


def parse_zone_weight(spec: str) -> ZoneWeight:
    """Parse ``Europe/Paris=2`` (a zone and its weight; the weight defaults to 1)."""
    zone, separator, weight_text = spec.partition("=")
    weight = 1.0
    if separator:
        try:
            weight = float(weight_text)
        except ValueError:
            raise InputError(f"{spec!r}: the weight after '=' must be a number") from None
        if not math.isfinite(weight) or weight <= 0:
            raise InputError(f"{spec!r}: the weight must be a positive number")
    return ZoneWeight(timezone=parse_timezone(zone.strip()), weight=weight)


def parse_window_spec(spec: str) -> tuple[Window, ...]:
    """Parse ``mon-fri@09:00-11:00[,HH:MM-HH:MM...]``; days default to every day.

    >>> [w.spec for w in parse_window_spec("sat-sun@10:00-12:00,22:00-02:00")]
    ['sat-sun@10:00-12:00', 'sat-sun@22:00-02:00']
    """
    try:
        return _parse_window_spec(spec)
    except ValueError as error:
        raise InputError(str(error)) from None


def parse_time_range(spec: str) -> TimeRange:
    """Parse ``23:00-07:00`` (crossing midnight is allowed)."""
    try:
        return _parse_time_range(spec)
    except ValueError as error:
        raise InputError(str(error)) from None


@lru_cache(maxsize=1)
def _known_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def _check_timezone(name: str) -> str:
    known = _known_zones()
    if name in known:
        return name
    by_lower = {zone.lower(): zone for zone in known}
    hint = by_lower.get(name.lower()) or next(
        iter(difflib.get_close_matches(name, sorted(known), n=1)), None
    )
    suggestion = f" (did you mean {hint}?)" if hint else ""
    raise ValueError(
        f"unknown time zone {name!r}{suggestion}: use an IANA name such as Europe/Paris"
    )


def _parse_window_spec(spec: str) -> tuple[Window, ...]:
    days_text, separator, ranges_text = spec.strip().partition("@")
    if not separator:
        days_text, ranges_text = "daily", days_text
    if not ranges_text.strip():
        raise ValueError(f"window {spec!r} has no time range: write e.g. mon-fri@09:00-11:00")
    try:
        days = _parse_days(days_text)
        ranges = [_parse_time_range(part) for part in ranges_text.split(",")]
    except ValueError as error:
        raise ValueError(f"window {spec!r}: {error}") from None
    return tuple(Window(days=days, hours=hours) for hours in ranges)


def _parse_days(text: str) -> tuple[Weekday, ...]:
    text = text.strip().lower()
    if text in ("daily", "*"):
        return _WEEKDAY_ORDER
    indexes: set[int] = set()
    for part in text.split(","):
        first, dash, last = part.strip().partition("-")
        start = _day_index(first)
        end = _day_index(last) if dash else start
        indexes.update((start + offset) % 7 for offset in range((end - start) % 7 + 1))
    return tuple(_WEEKDAY_ORDER[index] for index in sorted(indexes))


def _day_index(name: str) -> int:
    cleaned = name.strip().lower()
    try:
        return Weekday(cleaned).number
    except ValueError:
        days = ", ".join(_WEEKDAY_ORDER)
        raise ValueError(f"unknown day {cleaned!r}: use {days} or daily") from None


def _parse_time_range(spec: str) -> TimeRange:
    start_text, dash, end_text = spec.strip().partition("-")
    if not dash:
        raise ValueError(f"time range {spec.strip()!r} must look like 09:00-11:00")
    start = _parse_minute(start_text)
    if start == MINUTES_PER_DAY:
        raise ValueError(f"time range {spec.strip()!r} cannot start at 24:00")
    end = _parse_minute(end_text)
    if start == end:
        raise ValueError(
            f"time range {spec.strip()!r} is empty or ambiguous: use 00:00-24:00 for a whole day"
        )
    return TimeRange(start_minute=start, end_minute=end)


def _parse_minute(text: str) -> int:
    match = _TIME.match(text.strip())
    if not match:
        raise ValueError(f"{text.strip()!r} is not a time: use 24-hour HH:MM, e.g. 09:30")
    hours, minutes = int(match.group(1)), int(match.group(2))
    if hours == 24 and minutes:
        raise ValueError(f"{text.strip()!r} is past 24:00")
    return hours * 60 + minutes


def _format_minute(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def _format_days(indexes: Sequence[int]) -> str:
    if len(indexes) == 7:
        return "daily"
    runs: list[list[int]] = []
    for index in sorted(indexes):
        if runs and index == runs[-1][-1] + 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    if len(runs) > 1 and runs[0][0] == 0 and runs[-1][-1] == 6:
        runs[0] = runs.pop() + runs[0]
    names = [_WEEKDAY_ORDER[run[0]].value for run in runs]
    for position, run in enumerate(runs):
        if len(run) > 1:
            names[position] += f"-{_WEEKDAY_ORDER[run[-1]].value}"
    return ",".join(names)


def _check_quiet_overlap(windows: Sequence[Window], quiet_hours: Sequence[TimeRange]) -> None:
    """A posting window inside quiet hours contradicts itself: refuse it."""
    every_day = tuple(_WEEKDAY_ORDER)
    for span in quiet_hours:
        quiet = Window(days=every_day, hours=span).week_intervals()
        for window in windows:
            for start, end in window.week_intervals():
                if any(start < q_end and q_start < end for q_start, q_end in quiet):
                    raise ValueError(f"window {window.spec} overlaps quiet hours {span.spec}")
