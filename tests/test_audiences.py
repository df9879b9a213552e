"""The audience models and the specs of windows, ranges and weighted zones."""

import pytest
from support.audiences import make_audience

from service.audiences import (
    parse_time_range,
    parse_timezone,
    parse_window_spec,
    parse_zone_weight,
)
from service.errors import ErrorCode, InputError
from service.schedule.weekly import TimeRange

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("mon-fri@09:00-11:00", ["mon-fri@09:00-11:00"]),
        ("sat@10:00-12:00", ["sat@10:00-12:00"]),
        ("sat-sun@10:00-12:00,20:00-22:00", ["sat-sun@10:00-12:00", "sat-sun@20:00-22:00"]),
        ("fri-mon@22:00-02:00", ["fri-mon@22:00-02:00"]),
        ("sun-thu@08:00-10:00", ["sun-thu@08:00-10:00"]),
        ("mon,wed,fri@07:30-08:00", ["mon,wed,fri@07:30-08:00"]),
        ("22:00-02:00", ["daily@22:00-02:00"]),
        ("daily@00:00-24:00", ["daily@00:00-24:00"]),
        (" MON-FRI@09:00-11:00 ", ["mon-fri@09:00-11:00"]),
    ],
)
def test_window_specs_parse_and_print_back(spec: str, expected: list[str]) -> None:
    assert [window.spec for window in parse_window_spec(spec)] == expected


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("mon-fri@9:00-11:00", "'9:00' is not a time"),
        ("mon-fri@09:00", "must look like 09:00-11:00"),
        ("mon-fri@", "has no time range"),
        ("monday@09:00-10:00", "unknown day 'monday'"),
        ("mon-xyz@09:00-10:00", "unknown day 'xyz'"),
        ("mon@10:00-10:00", "empty or ambiguous"),
        ("mon@24:00-01:00", "cannot start at 24:00"),
        ("mon@23:00-24:30", "past 24:00"),
        ("mon@25:00-26:00", "'25:00' is not a time"),
        ("mon@09:60-10:00", "'09:60' is not a time"),
        ("", "has no time range"),
    ],
)
def test_malformed_windows_are_input_errors(spec: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_window_spec(spec)


@pytest.mark.parametrize(
    ("spec", "weekday", "hhmm", "inside"),
    [
        ("mon-fri@09:00-11:00", MON, "09:00", True),
        ("mon-fri@09:00-11:00", MON, "10:59", True),
        ("mon-fri@09:00-11:00", MON, "11:00", False),
        ("mon-fri@09:00-11:00", SAT, "10:00", False),
        ("fri@22:00-02:00", FRI, "23:30", True),
        ("fri@22:00-02:00", SAT, "01:59", True),
        ("fri@22:00-02:00", SAT, "02:00", False),
        ("fri@22:00-02:00", FRI, "01:00", False),
        ("sun@23:00-01:00", MON, "00:30", True),
        ("daily@00:00-24:00", WED, "23:59", True),
    ],
)
def test_window_membership_follows_the_start_day(
    spec: str, weekday: int, hhmm: str, inside: bool
) -> None:
    (window,) = parse_window_spec(spec)
    hours, minutes = map(int, hhmm.split(":"))
    assert window.contains(weekday, hours * 3600 + minutes * 60) is inside


def test_time_range_crossing_midnight() -> None:
    span = parse_time_range("23:00-07:00")
    assert span == TimeRange(start_minute=23 * 60, end_minute=7 * 60)
    assert span.crosses_midnight and span.length_minutes == 8 * 60
    assert parse_time_range("00:00-24:00").length_minutes == 24 * 60


@pytest.mark.parametrize(
    ("spec", "zone", "weight"),
    [
        ("Europe/Paris=2", "Europe/Paris", 2.0),
        ("Africa/Dakar", "Africa/Dakar", 1.0),
        ("Asia/Kolkata=0.5", "Asia/Kolkata", 0.5),
    ],
)
def test_zone_weights(spec: str, zone: str, weight: float) -> None:
    parsed = parse_zone_weight(spec)
    assert (parsed.timezone, parsed.weight) == (zone, weight)


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("Europe/Pari", "unknown time zone 'Europe/Pari' \\(did you mean Europe/Paris\\?\\)"),
        ("europe/paris", "did you mean Europe/Paris"),
        ("Mars/Olympus", "unknown time zone 'Mars/Olympus'"),
        ("Europe", "unknown time zone 'Europe'"),
        ("../etc/passwd", "unknown time zone"),
        ("Europe/Paris=0", "positive number"),
        ("Europe/Paris=-2", "positive number"),
        ("Europe/Paris=nan", "positive number"),
        ("Europe/Paris=two", "must be a number"),
    ],
)
def test_bad_zones_are_input_errors(spec: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_zone_weight(spec)


def test_parse_timezone_accepts_iana_names() -> None:
    assert parse_timezone("America/Argentina/Buenos_Aires") == "America/Argentina/Buenos_Aires"


def test_audience_rules() -> None:
    audience = make_audience(
        ["Europe/Paris=2", "Africa/Dakar=1", "Africa/Kinshasa=2"],
        ["mon-fri@09:00-11:00"],
        quiet=["23:00-07:00"],
    )
    assert audience.total_weight == 5.0
    assert audience.primary_zone.timezone == "Europe/Paris"  # first of the heaviest
    assert audience.is_quiet(MON, 6 * 3600) and audience.is_quiet(MON, 23 * 3600 + 1)
    assert not audience.is_quiet(MON, 7 * 3600)
    assert audience.model_dump(mode="json")["windows"] == ["mon-fri@09:00-11:00"]


@pytest.mark.parametrize(
    ("zones", "windows", "quiet", "message"),
    [
        (["Europe/Paris", "Europe/Paris=2"], ["mon@09:00-10:00"], [], "listed twice"),
        (["Europe/Paris"], ["mon@22:00-23:30"], ["23:00-07:00"], "overlaps quiet hours"),
        (["Europe/Paris"], ["sun@22:00-01:00"], ["00:30-06:00"], "overlaps quiet hours"),
    ],
)
def test_inconsistent_audiences_are_refused(
    zones: list[str], windows: list[str], quiet: list[str], message: str
) -> None:
    with pytest.raises(InputError, match=f"test audience: .*{message}") as raised:
        make_audience(zones, windows, quiet=quiet)
    assert raised.value.code is ErrorCode.INVALID_AUDIENCE


def test_window_up_to_quiet_hours_is_fine() -> None:
    audience = make_audience(["Europe/Paris"], ["daily@18:00-23:00"], quiet=["23:00-07:00"])
    assert len(audience.windows) == 1
