"""Instants and days as people write them: one rule, and errors that name the option."""

from datetime import UTC, date, datetime

import pytest

from service.errors import ErrorCode, InputError
from service.schedule.instants import parse_day, parse_instant, require_aware


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-04-07T06:00Z", datetime(2026, 4, 7, 6, tzinfo=UTC)),
        ("2026-04-07T08:00+02:00", datetime(2026, 4, 7, 6, tzinfo=UTC)),
        (" 2026-04-07T06:00:00.5Z ", datetime(2026, 4, 7, 6, 0, 0, 500000, tzinfo=UTC)),
    ],
)
def test_parse_instant(text: str, expected: datetime) -> None:
    assert parse_instant(text, "after") == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-04-07T06:00", "no UTC offset"),
        ("2026-04-07", "no UTC offset"),
        ("7 April", "not an ISO 8601 time"),
        ("2026-04-31T06:00Z", "not an ISO 8601 time"),
    ],
)
def test_parse_instant_refuses(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as raised:
        parse_instant(text, "at")
    assert raised.value.code is ErrorCode.INVALID_INSTANT
    assert raised.value.fields == {"option": "at", "value": text}
    assert "--" not in raised.value.message  # the edge names its own option


def test_parse_day() -> None:
    assert parse_day("2026-04-07", "day") == date(2026, 4, 7)
    with pytest.raises(InputError, match="not a date: write it YYYY-MM-DD") as raised:
        parse_day("7/4/2026", "day")
    assert raised.value.code is ErrorCode.INVALID_DATE and raised.value.fields["option"] == "day"


def test_naive_datetime_is_no_instant() -> None:
    aware = datetime(2026, 4, 7, tzinfo=UTC)
    assert require_aware(aware) is aware
    with pytest.raises(InputError, match="has no time zone") as raised:
        require_aware(datetime(2026, 4, 7))
    assert raised.value.code is ErrorCode.INVALID_INSTANT
