"""Instants and days as people write them, read with one rule for every edge.

An instant needs a UTC offset or ``Z``: a wall time without one would mean a different
instant in every zone of an audience. Errors carry ``option``, the name of the request
field (and command-line option) that held the text, so each edge can point at it.
"""

from datetime import date, datetime

from service.errors import ErrorCode, InputError


def parse_instant(text: str, option: str) -> datetime:
    """An ISO 8601 instant with an offset or ``Z``.

    >>> parse_instant("2026-04-07T08:00+02:00", "after").isoformat()
    '2026-04-07T08:00:00+02:00'
    """
    try:
        instant = datetime.fromisoformat(text.strip())
    except ValueError:
        raise InputError(
            f"{text!r} is not an ISO 8601 time, e.g. 2026-04-07T06:00Z",
            code=ErrorCode.INVALID_INSTANT,
            option=option,
            value=text,
        ) from None
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise InputError(
            f"{text!r} has no UTC offset: add Z or +HH:MM, e.g. 2026-04-07T06:00Z",
            code=ErrorCode.INVALID_INSTANT,
            option=option,
            value=text,
        )
    return instant


def parse_day(text: str, option: str) -> date:
    """A calendar day written ``YYYY-MM-DD``.

    >>> parse_day(" 2026-04-07 ", "day")
    datetime.date(2026, 4, 7)
    """
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(
            f"{text!r} is not a date: write it YYYY-MM-DD, e.g. 2026-04-07",
            code=ErrorCode.INVALID_DATE,
            option=option,
            value=text,
        ) from None


def require_aware(instant: datetime) -> datetime:
    """``instant`` itself if it has a time zone; a naive datetime is no instant."""
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise InputError(
            f"{instant.isoformat()} has no time zone: give a UTC offset or Z",
            code=ErrorCode.INVALID_INSTANT,
            value=instant.isoformat(),
        )
    return instant
