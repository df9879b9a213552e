"""Weekly wall-time ranges: posting windows and quiet hours, and the specs they are written in.

``mon-fri@09:00-11:00``            a weekly window (several ranges: ``sat@10:00-12:00,20:00-22:00``)
``22:00-02:00``                    a range that crosses midnight (bare ranges mean every day)

A window belongs to the day it starts on: ``fri@22:00-02:00`` runs from Friday 22:00 to
Saturday 02:00, local time. ``24:00`` may end a range (``00:00-24:00`` is a whole day).
Parsers here raise ``ValueError``, so that pydantic reports them with the field of the data
file they belong to; :mod:`service.audiences` turns them into input errors for requests.
"""

import re
from collections.abc import Iterable, Sequence
from enum import StrEnum

from pydantic import Field, model_validator

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


def window_specs(spec: str) -> tuple[Window, ...]:
    """The windows of ``mon-fri@09:00-11:00[,HH:MM-HH:MM...]``; days default to every day."""
    days_text, separator, ranges_text = spec.strip().partition("@")
    if not separator:
        days_text, ranges_text = "daily", days_text
    if not ranges_text.strip():
        raise ValueError(f"window {spec!r} has no time range: write e.g. mon-fri@09:00-11:00")
    try:
        days = _parse_days(days_text)
        ranges = [time_range_spec(part) for part in ranges_text.split(",")]
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


def time_range_spec(spec: str) -> TimeRange:
    """The range ``23:00-07:00`` (crossing midnight is allowed)."""
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


def check_quiet_overlap(windows: Sequence[Window], quiet_hours: Sequence[TimeRange]) -> None:
    """A posting window inside quiet hours contradicts itself: refuse it."""
    every_day = tuple(_WEEKDAY_ORDER)
    for span in quiet_hours:
        quiet = Window(days=every_day, hours=span).week_intervals()
        for window in windows:
            for start, end in window.week_intervals():
                if any(start < q_end and q_start < end for q_start, q_end in quiet):
                    raise ValueError(f"window {window.spec} overlaps quiet hours {span.spec}")
