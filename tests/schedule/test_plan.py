"""A statement's plan: one slot per language account, spaced, never in the past."""

from datetime import UTC, datetime

import pytest
from support.audiences import make_audience

from service.errors import DataError, InputError
from service.locales import load_audiences
from service.models import Observance
from service.schedule.plan import (
    BusyPost,
    busy_posts_from_json,
    language_audiences,
    plan_statement,
)
from service.settings import REPOSITORY_ROOT

AUDIENCES = load_audiences(REPOSITORY_ROOT / "locales")
# Shanghai, Tuesday 7 April 2026: 08:00-10:00 = 00:00-02:00 UTC, 12:00-13:30 = 04:00-05:30 UTC.
CHINESE = AUDIENCES["zh"]


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def slots_of(plan_slots: list[datetime]) -> list[str]:
    return [f"{slot:%H:%M}" for slot in plan_slots]


def test_six_language_accounts_in_un_order() -> None:
    plan = plan_statement(
        language_audiences(AUDIENCES), after=utc("2026-04-07T06:00"), now=utc("2026-04-07T05:00")
    )
    assert [slot.audience_id for slot in plan.slots] == ["ar", "zh", "en", "fr", "ru", "es"]
    assert slots_of([slot.slot_utc for slot in plan.slots]) == [
        "06:00",
        "10:00",
        "07:00",
        "06:00",
        "06:00",
        "14:00",
    ]
    assert plan.findings == []


@pytest.mark.parametrize(
    ("gap", "expected"),
    [
        (60, ["00:00", "01:00", "04:00"]),
        (45, ["00:00", "00:45", "01:30"]),
        (0, ["00:00", "00:00", "00:00"]),
    ],
)
def test_posts_on_one_account_keep_the_gap(gap: int, expected: list[str]) -> None:
    plan = plan_statement(
        [CHINESE],
        after=utc("2026-04-07T00:00"),
        now=utc("2026-04-06T12:00"),
        min_gap_minutes=gap,
        posts_per_audience=3,
    )
    assert slots_of([slot.slot_utc for slot in plan.slots]) == expected


def test_the_audience_gap_is_the_default() -> None:
    assert CHINESE.min_gap_minutes == 120
    plan = plan_statement(
        [CHINESE], after=utc("2026-04-07T00:00"), now=utc("2026-04-06T12:00"), posts_per_audience=2
    )
    assert slots_of([slot.slot_utc for slot in plan.slots]) == ["00:00", "04:00"]


def test_busy_posts_are_kept_at_a_distance_exactly() -> None:
    busy = [BusyPost("zh", utc("2026-04-07T00:30")), BusyPost("fr", utc("2026-04-07T01:30"))]
    plan = plan_statement(
        [CHINESE],
        after=utc("2026-04-07T00:00"),
        now=utc("2026-04-06T12:00"),
        min_gap_minutes=60,
        posts_per_audience=2,
        busy=busy,
    )
    # 01:30 is exactly 60 minutes after the busy post, so it is allowed; the French post is on
    # another account and does not count.
    assert slots_of([slot.slot_utc for slot in plan.slots]) == ["01:30", "04:00"]


def test_busy_post_with_sub_seconds() -> None:
    busy = [BusyPost("zh", datetime(2026, 4, 7, 0, 30, 0, 500_000, tzinfo=UTC))]
    plan = plan_statement(
        [CHINESE],
        after=utc("2026-04-07T00:00"),
        now=utc("2026-04-06T12:00"),
        min_gap_minutes=60,
        busy=busy,
    )
    assert plan.slots[0].slot_utc == utc("2026-04-07T01:35")  # 01:30 is half a second short


def test_no_slot_in_the_past() -> None:
    plan = plan_statement([CHINESE], after=utc("2026-04-07T00:00"), now=utc("2026-04-07T04:12"))
    assert plan.slots[0].slot_utc == utc("2026-04-07T04:15")
    (finding,) = plan.findings
    assert finding.check == "plan_from_now" and "2026-04-07T00:00:00Z is in the past" in (
        finding.message
    )


def test_plan_on_an_observance() -> None:
    health = Observance(concept_id="world-health-day", month=4, day=7)
    plan = plan_statement(
        language_audiences(AUDIENCES),
        after=utc("2026-04-01T00:00"),
        now=utc("2026-04-01T00:00"),
        observance=health,
    )
    for slot in plan.slots:
        assert all(zone.local_date_ok for zone in slot.zones), slot.audience_id
        assert slot.observance_id == "world-health-day"


def test_account_too_busy_for_the_observance_is_an_error() -> None:
    health = Observance(concept_id="world-health-day", month=4, day=7)
    tiny = make_audience(["Asia/Shanghai"], ["daily@08:00-09:00"], audience_id="zh")
    busy = [BusyPost("zh", utc("2026-04-07T00:00"))]
    with pytest.raises(InputError, match="within 1440 minutes of another post"):
        plan_statement(
            [tiny],
            after=utc("2026-04-06T00:00"),
            now=utc("2026-04-06T00:00"),
            observance=health,
            busy=busy,
            min_gap_minutes=1440,
        )


def test_bad_plan_options() -> None:
    with pytest.raises(InputError, match="posts per audience"):
        plan_statement(
            [CHINESE],
            after=utc("2026-04-07T00:00"),
            now=utc("2026-04-07T00:00"),
            posts_per_audience=0,
        )
    with pytest.raises(InputError, match="cannot be negative"):
        plan_statement(
            [CHINESE],
            after=utc("2026-04-07T00:00"),
            now=utc("2026-04-07T00:00"),
            min_gap_minutes=-1,
        )


def test_language_audiences_need_all_six() -> None:
    partial = {key: value for key, value in AUDIENCES.items() if key != "ru"}
    with pytest.raises(DataError, match="no audience for the language account"):
        language_audiences(partial)


def test_busy_posts_from_a_plan_json() -> None:
    plan = plan_statement([CHINESE], after=utc("2026-04-07T00:00"), now=utc("2026-04-06T12:00"))
    posts = busy_posts_from_json(plan.model_dump(mode="json"))
    assert posts == [BusyPost("zh", utc("2026-04-07T00:00"))]
    single = busy_posts_from_json({"audience_id": "fr", "slot_utc": "2026-04-07T06:00Z"})
    assert single == [BusyPost("fr", utc("2026-04-07T06:00"))]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ([1], "busy post 1 must be an object"),
        ([{"audience_id": "fr"}], "busy post 1 needs audience_id and slot_utc"),
        ([{"audience_id": "fr", "slot_utc": "2026-04-07T06:00"}], "busy post 1: .* no UTC offset"),
        ({"slots": [{"audience_id": "fr", "slot_utc": "soon"}]}, "not an ISO 8601 time"),
    ],
)
def test_bad_busy_posts(value: object, message: str) -> None:
    with pytest.raises(InputError, match=message):
        busy_posts_from_json(value)
