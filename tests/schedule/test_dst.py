"""Daylight saving, exactly: the 2026 transitions in the US (8 March, 1 November) and the
EU (29 March, 25 October), with wall times that do not exist and wall times that repeat."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from support.audiences import make_audience

from service.errors import InputError
from service.schedule.slots import SearchOptions, best_slot, evaluate_slot, next_slot
from service.schedule.timeline import (
    from_seconds,
    offset_segments,
    to_seconds,
    window_intervals,
)

NEW_YORK, PARIS, LONDON = "America/New_York", "Europe/Paris", "Europe/London"
EXACT = SearchOptions(threshold=1.0, grid_minutes=5)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def intervals(zone: str, window: str, start: str, end: str) -> list[tuple[datetime, datetime]]:
    audience = make_audience([zone], [window])
    found = window_intervals(
        ZoneInfo(zone), audience.windows, to_seconds(utc(start)), to_seconds(utc(end))
    )
    return [(from_seconds(a), from_seconds(b)) for a, b in found.intervals]


@pytest.mark.parametrize(
    ("zone", "start", "transition", "before", "after"),
    [
        (NEW_YORK, "2026-03-07T00:00", "2026-03-08T07:00", -5, -4),
        (NEW_YORK, "2026-10-31T00:00", "2026-11-01T06:00", -4, -5),
        (PARIS, "2026-03-28T00:00", "2026-03-29T01:00", 1, 2),
        (PARIS, "2026-10-24T00:00", "2026-10-25T01:00", 2, 1),
        (LONDON, "2026-03-28T00:00", "2026-03-29T01:00", 0, 1),
    ],
)
def test_transitions_are_found_to_the_second(
    zone: str, start: str, transition: str, before: int, after: int
) -> None:
    first = to_seconds(utc(start))
    segments = offset_segments(ZoneInfo(zone), first, first + 3 * 86_400)
    assert [(s.offset // 3600) for s in segments] == [before, after]
    assert from_seconds(segments[0].end) == utc(transition)


def test_us_spring_forward_window_starts_at_the_first_existing_instant() -> None:
    # 02:30-03:00 does not exist on 8 March 2026: the window opens at 03:00 EDT = 07:00 UTC.
    assert intervals(NEW_YORK, "sun@02:30-04:00", "2026-03-08T00:00", "2026-03-09T00:00") == [
        (utc("2026-03-08T07:00"), utc("2026-03-08T08:00"))
    ]
    # A week earlier the same window is 07:30-09:00 UTC (EST).
    assert intervals(NEW_YORK, "sun@02:30-04:00", "2026-03-01T00:00", "2026-03-02T00:00") == [
        (utc("2026-03-01T07:30"), utc("2026-03-01T09:00"))
    ]
    audience = make_audience([NEW_YORK], ["sun@02:30-04:00"])
    assert next_slot(audience, utc("2026-03-08T00:00"), options=EXACT).slot_utc == utc(
        "2026-03-08T07:00"
    )


def test_us_spring_forward_window_inside_the_gap_does_not_happen() -> None:
    assert intervals(NEW_YORK, "sun@02:00-03:00", "2026-03-08T00:00", "2026-03-09T00:00") == []
    audience = make_audience([NEW_YORK], ["sun@02:00-03:00"])
    slot = next_slot(audience, utc("2026-03-08T00:00"), options=EXACT)
    assert slot.slot_utc == utc("2026-03-15T06:00")  # the next Sunday, 02:00 EDT


def test_us_spring_forward_window_ending_in_the_gap_ends_at_the_transition() -> None:
    assert intervals(NEW_YORK, "sun@01:00-02:30", "2026-03-08T00:00", "2026-03-09T00:00") == [
        (utc("2026-03-08T06:00"), utc("2026-03-08T07:00"))
    ]
    audience = make_audience([NEW_YORK], ["sun@01:00-02:30"])
    assert evaluate_slot(audience, utc("2026-03-08T06:55")).zones[0].in_window
    assert not evaluate_slot(audience, utc("2026-03-08T07:00")).zones[0].in_window


def test_us_fall_back_repeated_hour_counts_once_per_real_instant() -> None:
    # 01:00-02:00 happens twice on 1 November 2026: 05:00-06:00 UTC (EDT), 06:00-07:00 (EST).
    assert intervals(NEW_YORK, "sun@01:00-01:30", "2026-11-01T00:00", "2026-11-02T00:00") == [
        (utc("2026-11-01T05:00"), utc("2026-11-01T05:30")),
        (utc("2026-11-01T06:00"), utc("2026-11-01T06:30")),
    ]
    assert intervals(NEW_YORK, "sun@01:30-02:30", "2026-11-01T00:00", "2026-11-02T00:00") == [
        (utc("2026-11-01T05:30"), utc("2026-11-01T06:00")),
        (utc("2026-11-01T06:30"), utc("2026-11-01T07:30")),
    ]
    audience = make_audience([NEW_YORK], ["sun@01:00-01:30"])
    assert next_slot(audience, utc("2026-11-01T05:30"), options=EXACT).slot_utc == utc(
        "2026-11-01T06:00"
    )
    assert next_slot(audience, utc("2026-11-01T06:30"), options=EXACT).slot_utc == utc(
        "2026-11-08T06:00"
    )
    first, second = (
        evaluate_slot(audience, utc(t)) for t in ("2026-11-01T05:15", "2026-11-01T06:15")
    )
    assert first.zones[0].local_time == "2026-11-01T01:15:00-04:00"
    assert second.zones[0].local_time == "2026-11-01T01:15:00-05:00"
    assert "Daylight" in first.zones[0].local_time_display
    assert "Standard" in second.zones[0].local_time_display


def test_eu_spring_forward() -> None:
    # Paris: 02:00 CET -> 03:00 CEST at 01:00 UTC on 29 March 2026.
    assert intervals(PARIS, "sun@02:30-03:30", "2026-03-29T00:00", "2026-03-30T00:00") == [
        (utc("2026-03-29T01:00"), utc("2026-03-29T01:30"))
    ]
    audience = make_audience([PARIS], ["sun@02:30-03:30"])
    assert next_slot(audience, utc("2026-03-29T00:00"), options=EXACT).slot_utc == utc(
        "2026-03-29T01:00"
    )


def test_eu_fall_back() -> None:
    # Paris: 03:00 CEST -> 02:00 CET at 01:00 UTC on 25 October 2026.
    assert intervals(PARIS, "sun@02:00-02:30", "2026-10-25T00:00", "2026-10-26T00:00") == [
        (utc("2026-10-25T00:00"), utc("2026-10-25T00:30")),
        (utc("2026-10-25T01:00"), utc("2026-10-25T01:30")),
    ]


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        ("2026-03-02T00:00", "2026-03-02T14:00"),  # both on standard time: 5 h apart
        ("2026-03-09T00:00", "2026-03-09T13:00"),  # US on summer time, UK not yet: 4 h
        ("2026-03-30T00:00", "2026-03-30T13:00"),  # both on summer time: 5 h again
    ],
)
def test_new_york_and_london_overlap_moves_between_the_transitions(
    after: str, expected: str
) -> None:
    audience = make_audience([NEW_YORK, LONDON], ["mon-fri@09:00-17:00"])
    slot = next_slot(audience, utc(after), options=EXACT)
    assert slot.slot_utc == utc(expected) and slot.coverage == 1.0


def test_best_slot_on_the_spring_forward_day_of_new_york() -> None:
    audience = make_audience([NEW_YORK, LONDON], ["daily@08:00-12:00"])
    # Sunday 8 March in New York: 08:00-12:00 EDT = 12:00-16:00 UTC; London 08:00-12:00 UTC.
    slot = best_slot(audience, datetime(2026, 3, 8).date(), options=EXACT)
    assert slot.slot_utc == utc("2026-03-08T08:00") and slot.coverage == 0.5
    overlap = make_audience([NEW_YORK, LONDON], ["daily@08:00-13:00"])
    assert best_slot(overlap, datetime(2026, 3, 8).date()).slot_utc == utc("2026-03-08T12:00")


def test_no_slot_in_the_horizon_is_an_input_error() -> None:
    audience = make_audience([NEW_YORK], ["sun@02:00-03:00"])
    with pytest.raises(InputError, match=r"no time in the 3 days .* reaches coverage 1\.0"):
        next_slot(
            audience, utc("2026-03-08T00:00"), options=SearchOptions(threshold=1.0, horizon_days=3)
        )
