"""Audiences: who reads one account, where they live and when they read.

An audience is the readership of one language account: weighted IANA time zones (how much
of the readership lives there), weekly posting windows in local wall time, quiet hours
(when people are asleep) and the least gap between two posts on the account.

The bundled audiences are data in ``locales/audiences.toml``, read (with a user file merged
over them) by :func:`service.locales.load_audiences`. This module holds the models and the
parsers of the compact specs that requests (the command line, the API) give:

``Europe/Paris=2``                 a zone and its weight
``mon-fri@09:00-11:00``            a weekly window (see :mod:`service.schedule.weekly`)
``23:00-07:00``                    quiet hours, every day
"""

import difflib
import math
from collections.abc import Sequence
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones

from babel import Locale, UnknownLocaleError
from pydantic import Field, ValidationError, field_serializer, field_validator, model_validator

from service.errors import ErrorCode, InputError
from service.languages import Language
from service.models import Model
from service.schedule.weekly import (
    MINUTES_PER_DAY,
    TimeRange,
    Window,
    check_quiet_overlap,
    time_range_spec,
    window_specs,
)


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
        exclude=True,  # how local times are written, not who the readers are: not in the JSON
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
            return [window for spec in value for window in window_specs(spec)]
        return value

    @field_validator("quiet_hours", mode="before")
    @classmethod
    def _quiet_from_specs(cls, value: object) -> object:
        if isinstance(value, list | tuple) and all(isinstance(item, str) for item in value):
            return [time_range_spec(item) for item in value]
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
        check_quiet_overlap(self.windows, self.quiet_hours)
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

    @field_serializer("windows", "quiet_hours", when_used="json")
    def _as_specs(self, value: tuple[Window | TimeRange, ...]) -> list[str]:
        """Windows and quiet hours in JSON are the specs they are written as."""
        return [item.spec for item in value]


AD_HOC_ID = "ad-hoc"
AD_HOC_NAME = "ad-hoc audience"
"""The id and name of an audience given by its zones and windows rather than by name."""


def audience_from_specs(
    zones: Sequence[str],
    windows: Sequence[str],
    *,
    language: Language,
    babel_locale: str,
    quiet: Sequence[str] = (),
    audience_id: str = AD_HOC_ID,
    name: str = AD_HOC_NAME,
    min_gap_minutes: int = 60,
) -> Audience:
    """An audience from the compact specs (``Europe/Paris=2``, ``mon-fri@09:00-11:00``,
    ``23:00-07:00``); an :class:`InputError` says which spec or rule is wrong."""
    try:
        return Audience(
            id=audience_id,
            language=language,
            name=name,
            zones=tuple(parse_zone_weight(zone) for zone in zones),
            windows=tuple(window for spec in windows for window in parse_window_spec(spec)),
            quiet_hours=tuple(parse_time_range(span) for span in quiet),
            min_gap_minutes=min_gap_minutes,
            babel_locale=babel_locale,
        )
    except ValidationError as error:
        message = str(error.errors()[0]["msg"]).removeprefix("Value error, ")
        raise InputError(f"{name}: {message}", code=ErrorCode.INVALID_AUDIENCE) from None


# Parsers: public ones raise InputError (requests: command line, API); the _private ones raise
# ValueError so pydantic reports them with the field they belong to (data files). ``option``
# is the request field the spec came from, carried by the error for the edge to point at.


def parse_timezone(name: str, option: str = "timezone") -> str:
    """Return ``name`` if it is a known IANA zone, else an :class:`InputError` with a hint."""
    try:
        return _check_timezone(name)
    except ValueError as error:
        raise InputError(
            str(error), code=ErrorCode.UNKNOWN_TIMEZONE, option=option, timezone=name
        ) from None


def parse_zone_weight(spec: str, option: str = "timezone") -> ZoneWeight:
    """Parse ``Europe/Paris=2`` (a zone and its weight; the weight defaults to 1)."""
    zone, separator, weight_text = spec.partition("=")
    weight = 1.0
    if separator:
        try:
            weight = float(weight_text)
        except ValueError:
            raise _invalid(f"{spec!r}: the weight after '=' must be a number", option) from None
        if not math.isfinite(weight) or weight <= 0:
            raise _invalid(f"{spec!r}: the weight must be a positive number", option)
    return ZoneWeight(timezone=parse_timezone(zone.strip(), option), weight=weight)


def parse_window_spec(spec: str, option: str = "window") -> tuple[Window, ...]:
    """Parse ``mon-fri@09:00-11:00[,HH:MM-HH:MM...]``; days default to every day.

    >>> [w.spec for w in parse_window_spec("sat-sun@10:00-12:00,22:00-02:00")]
    ['sat-sun@10:00-12:00', 'sat-sun@22:00-02:00']
    """
    try:
        return window_specs(spec)
    except ValueError as error:
        raise _invalid(str(error), option) from None


def parse_time_range(spec: str, option: str = "quiet") -> TimeRange:
    """Parse ``23:00-07:00`` (crossing midnight is allowed)."""
    try:
        return time_range_spec(spec)
    except ValueError as error:
        raise _invalid(str(error), option) from None


def _invalid(message: str, option: str) -> InputError:
    return InputError(message, code=ErrorCode.INVALID_AUDIENCE, option=option)


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
