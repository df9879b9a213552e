"""Evaluating an instant, the next slot, the best slot of a day and urgent posts."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from support.audiences import make_audience

from service.errors import InputError
from service.locales import load_audiences
from service.models import SlotMode
from service.schedule.slots import (
    SearchOptions,
    best_slot,
    ceil_seconds,
    evaluate_slot,
    next_slot,
    urgent_slot,
)
from service.settings import REPOSITORY_ROOT

AUDIENCES = load_audiences(REPOSITORY_ROOT / "locales")
PARIS_DAKAR = make_audience(
    ["Europe/Paris=2", "Africa/Dakar=1"],
    ["mon-fri@09:00-11:00", "sat@10:00-12:00"],
    quiet=["23:00-07:00"],
)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def test_evaluate_reports_each_zone() -> None:
    slot = evaluate_slot(PARIS_DAKAR, utc("2026-04-07T07:30"))  # a Tuesday
    assert slot.mode is SlotMode.AT and slot.coverage == pytest.approx(2 / 3)
    paris, dakar = slot.zones
    assert (paris.timezone, paris.local_time, paris.in_window) == (
        "Europe/Paris",
        "2026-04-07T09:30:00+02:00",
        True,
    )
    assert (dakar.local_time, dakar.in_window, dakar.asleep) == (
        "2026-04-07T07:30:00+00:00",
        False,
        False,
    )
    assert all(zone.local_date_ok for zone in slot.zones)
    assert slot.findings == []


@pytest.mark.parametrize(
    ("after", "threshold", "expected", "coverage"),
    [
        ("2026-04-07T06:00", 0.5, "2026-04-07T07:00", 2 / 3),
        ("2026-04-07T07:01", 0.5, "2026-04-07T07:05", 2 / 3),  # on the 5-minute grid
        ("2026-04-07T09:00", 0.5, "2026-04-08T07:00", 2 / 3),  # Wednesday morning
        ("2026-04-07T09:00", 0.3, "2026-04-07T09:00", 1 / 3),  # Dakar alone is enough
        ("2026-04-10T11:00", 0.5, "2026-04-11T08:00", 2 / 3),  # Saturday, Paris 10:00
        ("2026-04-11T10:00", 0.3, "2026-04-11T10:00", 1 / 3),  # Saturday, Dakar 10:00
    ],
)
def test_next_slot(after: str, threshold: float, expected: str, coverage: float) -> None:
    slot = next_slot(PARIS_DAKAR, utc(after), options=SearchOptions(threshold=threshold))
    assert slot.slot_utc == utc(expected) and slot.coverage == pytest.approx(coverage)
    assert slot.mode is SlotMode.NEXT


def test_next_slot_after_with_seconds_rounds_up() -> None:
    after = datetime(2026, 4, 7, 7, 0, 0, 1, tzinfo=UTC)
    assert next_slot(PARIS_DAKAR, after).slot_utc == utc("2026-04-07T07:05")
    assert ceil_seconds(after) == ceil_seconds(utc("2026-04-07T07:00")) + 1


def test_next_slot_takes_any_offset() -> None:
    after = datetime(2026, 4, 7, 8, 0, tzinfo=timezone(timedelta(hours=2)))  # 06:00 UTC
    assert next_slot(PARIS_DAKAR, after).slot_utc == utc("2026-04-07T07:00")


def test_unreachable_threshold_is_an_input_error() -> None:
    with pytest.raises(InputError, match=r"the highest is 0\.67 at 2026-04-07T07:00:00Z"):
        next_slot(PARIS_DAKAR, utc("2026-04-07T06:00"), options=SearchOptions(threshold=0.8))


def test_grid_of_fifteen_minutes() -> None:
    audience = make_audience(["Asia/Kathmandu"], ["daily@09:00-10:00"])  # UTC+05:45
    slot = next_slot(
        audience, utc("2026-04-07T00:00"), options=SearchOptions(threshold=1.0, grid_minutes=15)
    )
    assert slot.slot_utc == utc("2026-04-07T03:15")  # 09:00 in Kathmandu
    hourly = next_slot(
        audience, utc("2026-04-07T00:00"), options=SearchOptions(threshold=1.0, grid_minutes=60)
    )
    assert hourly.slot_utc == utc("2026-04-07T04:00")  # 09:45 local: the first whole UTC hour


def test_best_slot_prefers_coverage_then_the_earliest() -> None:
    slot = best_slot(PARIS_DAKAR, date(2026, 4, 7))
    assert slot.slot_utc == utc("2026-04-07T07:00") and slot.mode is SlotMode.BEST
    saturday = best_slot(PARIS_DAKAR, date(2026, 4, 11))
    assert saturday.slot_utc == utc("2026-04-11T08:00")
    sunday = best_slot(PARIS_DAKAR, date(2026, 4, 12))  # no window: earliest, flagged
    assert sunday.slot_utc == utc("2026-04-11T22:00") and sunday.coverage == 0.0
    # 00:00 in Paris (asleep), 22:00 in Dakar (awake, outside the windows)
    assert [finding.check for finding in sunday.findings] == ["quiet_hours", "below_threshold"]


def test_best_slot_day_zone() -> None:
    apart = make_audience(["Europe/Paris", "Asia/Tokyo"], ["daily@07:00-09:00"])
    # Paris 07:00-09:00 CEST = 05:00-07:00 UTC; Tokyo 07:00-09:00 JST = 22:00-00:00 UTC.
    in_paris = best_slot(apart, date(2026, 4, 7))  # Paris's 7 April starts 22:00 UTC on the 6th
    assert in_paris.slot_utc == utc("2026-04-06T22:00") and in_paris.coverage == 0.5
    in_new_york = best_slot(apart, date(2026, 4, 7), day_zone="America/New_York")
    assert in_new_york.slot_utc == utc("2026-04-07T05:00")  # New York's day starts 04:00 UTC
    together = make_audience(
        ["Europe/Paris", "Asia/Tokyo"], ["daily@07:00-09:00", "daily@15:00-17:00"]
    )
    assert best_slot(together, date(2026, 4, 7)).slot_utc == utc("2026-04-07T06:00")
    with pytest.raises(InputError, match="unknown time zone"):
        best_slot(apart, date(2026, 4, 7), day_zone="Asia/Tokio")


def test_bundled_audiences_next_slots() -> None:
    after = utc("2026-04-07T06:00")
    expected = {
        "ar": "06:00",
        "zh": "10:00",
        "en": "07:00",
        "fr": "06:00",
        "ru": "06:00",
        "es": "14:00",
    }
    for audience_id, hhmm in expected.items():
        slot = next_slot(AUDIENCES[audience_id], after)
        assert slot.slot_utc == utc(f"2026-04-07T{hhmm}"), audience_id
        assert slot.coverage >= 0.5


def test_urgent_goes_out_now_and_names_sleeping_zones() -> None:
    now = datetime(2026, 4, 7, 20, 3, 27, tzinfo=UTC)
    slot = urgent_slot(AUDIENCES["ru"], now)
    assert slot.slot_utc == now and slot.mode is SlotMode.URGENT
    quiet = [finding for finding in slot.findings if finding.check == "quiet_hours"]
    assert [finding.severity.value for finding in quiet] == ["warning"] * 6
    assert quiet[0].message.startswith("Europe/Moscow: 23:03 local time is in quiet hours")
    assert "below_threshold" not in {finding.check for finding in slot.findings}
    awake = urgent_slot(AUDIENCES["ru"], utc("2026-04-07T06:00"))
    assert [finding.check for finding in awake.findings] == []


def test_evaluate_flags_low_coverage() -> None:
    slot = evaluate_slot(PARIS_DAKAR, utc("2026-04-07T12:00"), threshold=0.5)
    assert [finding.check for finding in slot.findings] == ["below_threshold"]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"threshold": 1.5}, "between 0 and 1"),
        ({"grid_minutes": 7}, "grid of 7 minutes"),
        ({"horizon_days": 0}, "horizon of 0 days"),
    ],
)
def test_bad_search_options(options: dict[str, float], message: str) -> None:
    with pytest.raises(InputError, match=message):
        SearchOptions(**options)  # type: ignore[arg-type]


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(InputError, match="has no time zone"):
        next_slot(PARIS_DAKAR, datetime(2026, 4, 7, 6, 0))
