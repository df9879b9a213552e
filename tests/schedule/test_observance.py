"""Observance days: a post about World Health Day goes out while it is 7 April everywhere."""

from datetime import UTC, date, datetime

import pytest
from support.audiences import make_audience

from service.glossary import load_glossary
from service.languages import Language
from service.locales import load_audiences
from service.models import Observance
from service.schedule.observance import next_occurrence, observance_from_concept
from service.schedule.slots import SearchOptions, best_slot, evaluate_slot, next_slot
from service.schedule.timeline import from_seconds, to_seconds
from service.settings import REPOSITORY_ROOT

AUDIENCES = load_audiences(REPOSITORY_ROOT / "locales")
WORLD_HEALTH_DAY = Observance(
    concept_id="world-health-day",
    month=4,
    day=7,
    names={Language.EN: "World Health Day", Language.FR: "Journée mondiale de la santé"},
)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def test_glossary_observance_is_the_same_day() -> None:
    glossary = load_glossary(REPOSITORY_ROOT / "glossaries")
    observance = observance_from_concept(glossary.observance("world-health-day"))
    assert (observance.month, observance.day) == (4, 7)
    assert observance.name_in(Language.FR) == "Journée mondiale de la santé"


def test_shanghai_is_already_on_the_next_day() -> None:
    slot = evaluate_slot(AUDIENCES["zh"], utc("2026-04-07T20:00"), observance=WORLD_HEALTH_DAY)
    (shanghai,) = slot.zones
    assert not shanghai.local_date_ok and shanghai.local_time == "2026-04-08T04:00:00+08:00"
    (finding,) = [f for f in slot.findings if f.check == "observance_date"]
    assert finding.severity.value == "warning"
    assert finding.message == (
        "20:00 UTC on 7 April 2026 is already 8 April in Asia/Shanghai, "
        "not World Health Day (7 April)"
    )


def test_zones_still_on_the_day_before_are_flagged() -> None:
    slot = evaluate_slot(AUDIENCES["es"], utc("2026-04-07T03:00"), observance=WORLD_HEALTH_DAY)
    flagged = [f.message for f in slot.findings if f.check == "observance_date"]
    # 03:00 UTC: 21:00 on the 6th in Mexico City, 22:00 in Bogota; 00:00 on the 7th in Buenos
    # Aires, 05:00 in Madrid.
    assert [m.split(" in ")[1].split(",")[0] for m in flagged] == [
        "America/Mexico_City",
        "America/Bogota",
    ]
    assert all("is still 6 April" in message for message in flagged)
    assert [zone.local_date_ok for zone in slot.zones] == [False, False, True, True]


def test_next_slot_keeps_to_the_day_in_every_zone() -> None:
    # Russia, UTC+3 to UTC+10: 7 April begins in Vladivostok at 14:00 UTC on the 6th and ends
    # in Moscow at 21:00 UTC on the 7th; it holds everywhere from 21:00 UTC on the 6th (Moscow's
    # midnight) to 14:00 UTC on the 7th (Vladivostok's next midnight).
    first, last = next_occurrence(AUDIENCES["ru"], WORLD_HEALTH_DAY, to_seconds(utc("2026-04-01")))
    assert (from_seconds(first), from_seconds(last)) == (
        utc("2026-04-06T14:00"),
        utc("2026-04-07T21:00"),
    )
    slot = next_slot(AUDIENCES["ru"], utc("2026-04-07T00:00"), observance=WORLD_HEALTH_DAY)
    # 05:00 UTC: Moscow 08:00, Novosibirsk and Krasnoyarsk 12:00, Irkutsk 13:00 = 9 of 12.
    assert slot.slot_utc == utc("2026-04-07T05:00") and slot.coverage == 0.75
    assert all(zone.local_date_ok for zone in slot.zones)
    assert slot.observance_id == "world-health-day"


def test_next_slot_before_the_day_waits_for_it() -> None:
    slot = next_slot(AUDIENCES["zh"], utc("2026-04-01T00:00"), observance=WORLD_HEALTH_DAY)
    assert slot.slot_utc == utc("2026-04-07T00:00")  # Tuesday 08:00 in Shanghai
    plain = next_slot(AUDIENCES["zh"], utc("2026-04-01T00:00"))
    assert plain.slot_utc == utc("2026-04-01T00:00")


def test_when_only_some_zones_are_left_on_the_day_the_slot_is_flagged() -> None:
    # 20:00 UTC: only Moscow (23:00) is still on 7 April; everywhere else it is the 8th.
    slot = next_slot(AUDIENCES["ru"], utc("2026-04-07T20:00"), observance=WORLD_HEALTH_DAY)
    assert slot.slot_utc == utc("2026-04-07T20:00")
    assert [zone.local_date_ok for zone in slot.zones] == [True] + [False] * 5
    checks = [finding.check for finding in slot.findings]
    assert checks.count("observance_date") == 5 and "below_threshold" in checks


def test_no_slot_meeting_the_threshold_on_the_day_gives_the_best_one_flagged() -> None:
    strict = SearchOptions(threshold=0.9)
    slot = next_slot(
        AUDIENCES["ru"], utc("2026-04-07T00:00"), options=strict, observance=WORLD_HEALTH_DAY
    )
    assert slot.slot_utc == utc("2026-04-07T05:00") and slot.coverage == 0.75
    assert [finding.check for finding in slot.findings] == ["below_threshold"]


def test_audience_spanning_more_than_a_day_is_flagged() -> None:
    # Kiritimati is UTC+14, Pago Pago UTC-11: never on the same date at once.
    audience = make_audience(["Pacific/Kiritimati", "Pacific/Pago_Pago=2"], ["daily@08:00-20:00"])
    slot = next_slot(audience, utc("2026-04-06T00:00"), observance=WORLD_HEALTH_DAY)
    pago, kiritimati = slot.zones[1], slot.zones[0]
    assert pago.local_date_ok and not kiritimati.local_date_ok  # the heavier zone wins
    assert pago.in_window and slot.slot_utc == utc("2026-04-07T19:00")  # 08:00 in Pago Pago


def test_observance_that_is_over_goes_to_next_year() -> None:
    slot = next_slot(AUDIENCES["zh"], utc("2026-04-09T00:00"), observance=WORLD_HEALTH_DAY)
    assert slot.slot_utc == utc("2027-04-07T00:00")  # Wednesday 08:00 in Shanghai
    assert [finding.check for finding in slot.findings] == ["observance_ahead"]


def test_leap_day_observance() -> None:
    leap = Observance(concept_id="leap", month=2, day=29, names={Language.EN: "Leap Day"})
    slot = next_slot(AUDIENCES["zh"], utc("2026-04-01T00:00"), observance=leap)
    assert slot.slot_utc.date() == date(2028, 2, 29)


def test_best_slot_with_an_observance() -> None:
    slot = best_slot(AUDIENCES["ru"], date(2026, 4, 7), observance=WORLD_HEALTH_DAY)
    assert slot.slot_utc == utc("2026-04-07T05:00") and slot.findings == []
    elsewhere = best_slot(AUDIENCES["ru"], date(2026, 4, 9), observance=WORLD_HEALTH_DAY)
    assert sum(f.check == "observance_date" for f in elsewhere.findings) == 6


@pytest.mark.parametrize(("month", "day"), [(2, 30), (4, 31), (13, 1)])
def test_observance_dates_must_exist(month: int, day: int) -> None:
    with pytest.raises(ValueError):
        Observance(concept_id="x", month=month, day=day)


def test_occurrence_ending_between_grid_instants_is_over() -> None:
    # 7 April ends in Moscow at 21:00 UTC; at 20:58 only 21:00 is on the grid, which is the 8th.
    slot = next_slot(AUDIENCES["ru"], utc("2026-04-07T20:58"), observance=WORLD_HEALTH_DAY)
    assert slot.slot_utc.year == 2027
    last_minute = next_slot(
        AUDIENCES["ru"],
        utc("2026-04-07T20:58"),
        observance=WORLD_HEALTH_DAY,
        options=SearchOptions(grid_minutes=1),
    )
    assert last_minute.slot_utc == utc("2026-04-07T20:58") and last_minute.zones[0].local_date_ok
