"""Properties of the slot search, against an oracle that converts every grid instant to
each zone's wall time (no interval arithmetic): the next slot is at or after ``after``,
meets the threshold, and no earlier grid instant does."""

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from support.audiences import direct_coverage, make_audience

from service.audiences import Audience
from service.errors import InputError
from service.schedule.slots import SearchOptions, next_slot
from service.schedule.timeline import from_seconds, to_seconds, window_intervals

ZONES = [
    "America/New_York",
    "Europe/London",
    "Europe/Paris",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Australia/Lord_Howe",
    "America/St_Johns",
    "Pacific/Chatham",
    "Asia/Shanghai",
    "America/Santiago",
    "Africa/Cairo",
    "Pacific/Kiritimati",
    "Pacific/Pago_Pago",
]
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
HORIZON_DAYS = 3
# 2026 and early 2027, with every DST transition of the zones above.
START = datetime(2026, 1, 1, tzinfo=UTC)
SPAN_SECONDS = 450 * 86_400


@st.composite
def window_specs(draw: st.DrawFn) -> str:
    days = draw(st.lists(st.sampled_from(DAYS), min_size=1, max_size=7, unique=True))
    start = draw(st.integers(0, 24 * 60 - 1))
    length = draw(st.integers(1, 12 * 60))
    end = (start + length) % (24 * 60) or 24 * 60
    return f"{','.join(days)}@{start // 60:02d}:{start % 60:02d}-{end // 60:02d}:{end % 60:02d}"


@st.composite
def audiences(draw: st.DrawFn) -> Audience:
    zones = draw(st.lists(st.sampled_from(ZONES), min_size=1, max_size=4, unique=True))
    weights = [draw(st.integers(1, 5)) for _zone in zones]
    windows = draw(st.lists(window_specs(), min_size=1, max_size=3))
    return make_audience(
        [f"{zone}={weight}" for zone, weight in zip(zones, weights, strict=True)], windows
    )


instants = st.integers(0, SPAN_SECONDS).map(lambda s: START + timedelta(seconds=s))


@settings(max_examples=60, deadline=None)
@given(
    audience=audiences(),
    after=instants,
    threshold=st.sampled_from([0.2, 0.5, 0.75, 1.0]),
    grid_minutes=st.sampled_from([5, 15, 30]),
)
def test_next_slot_is_the_earliest_grid_instant_meeting_the_threshold(
    audience: Audience, after: datetime, threshold: float, grid_minutes: int
) -> None:
    options = SearchOptions(
        threshold=threshold, grid_minutes=grid_minutes, horizon_days=HORIZON_DAYS
    )
    grid = grid_minutes * 60
    first = -(-to_seconds(after) // grid) * grid
    if first < after.timestamp():
        first += grid
    try:
        slot = next_slot(audience, after, options=options)
    except InputError:
        end = to_seconds(after) + HORIZON_DAYS * 86_400
        assert all(
            direct_coverage(audience, from_seconds(t)) < threshold for t in range(first, end, grid)
        )
        return
    found = to_seconds(slot.slot_utc)
    assert slot.slot_utc >= after and found % grid == 0
    assert direct_coverage(audience, slot.slot_utc) >= threshold
    assert slot.coverage == direct_coverage(audience, slot.slot_utc)
    assert all(
        direct_coverage(audience, from_seconds(t)) < threshold for t in range(first, found, grid)
    )


@settings(max_examples=60, deadline=None)
@given(
    audience=audiences(),
    start=instants,
    probes=st.lists(st.integers(0, 2 * 86_400), min_size=1, max_size=30),
)
def test_window_intervals_agree_with_wall_time(
    audience: Audience, start: datetime, probes: list[int]
) -> None:
    low = to_seconds(start)
    high = low + 2 * 86_400
    for zone in audience.zones:
        inside = window_intervals(zone.zone, audience.windows, low, high)
        for probe in probes:
            instant = low + probe
            if instant >= high:
                continue
            local = from_seconds(instant).astimezone(zone.zone)
            second = local.hour * 3600 + local.minute * 60 + local.second
            assert (instant in inside) == audience.in_window(local.weekday(), second)
