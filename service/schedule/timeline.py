"""Exact UTC intervals for local wall-time ranges, and the step function they make.

A posting window is written in local wall time; whether an instant is in it depends on the
wall time the instant has in the zone. Between two offset transitions a zone's wall time is
``utc + offset``, so a wall range ``[local_start, local_end)`` holds exactly the instants
``[local_start - offset, local_end - offset)`` of each constant-offset stretch. Summed over
the stretches this is exact across daylight saving:

* a wall time that does not exist (spring forward, 02:30 in New York on 8 March 2026) is
  never reached, so a window starting then starts at the first instant that does exist;
* a wall time that occurs twice (fall back) is in the window both times it occurs.

Everything here counts integer seconds since the Unix epoch, in UTC: intervals are
half-open ``[start, end)``, and windows, observance days and blocked times all become
interval sets whose boundaries cut time into :class:`Piece` s of constant state.
"""

from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

from service.schedule.weekly import Window

Interval = tuple[int, int]
SECONDS_PER_DAY = 86_400
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_PROBE_SECONDS = 3_600
"""Offsets are probed hourly, then a change is bisected to the second. tzdata has no two
transitions less than an hour apart in the years adapt schedules for."""
_PAD_SECONDS = 2 * SECONDS_PER_DAY
"""Wall time is never more than 26 hours from UTC, so two days of padding map every wall
range that can touch the requested span."""


def to_seconds(instant: datetime) -> int:
    """Whole seconds since the epoch (an aware datetime; sub-seconds are dropped)."""
    return int(instant.timestamp() // 1)


def from_seconds(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, tz=UTC)


def utc_offset_seconds(zone: ZoneInfo, instant: int) -> int:
    offset = datetime.fromtimestamp(instant, tz=zone).utcoffset()
    return int(offset.total_seconds()) if offset is not None else 0


def local_seconds(day: date, minute: int = 0) -> int:
    """A wall time (day and minute after midnight) counted like a UTC instant."""
    return (day.toordinal() - _EPOCH_ORDINAL) * SECONDS_PER_DAY + minute * 60


@dataclass(frozen=True)
class OffsetSegment:
    """A stretch ``[start, end)`` of UTC seconds over which a zone's offset is constant."""

    start: int
    end: int
    offset: int


def offset_segments(zone: ZoneInfo, start: int, end: int) -> list[OffsetSegment]:
    """The constant-offset stretches of ``zone`` that cover ``[start, end)``."""
    segments: list[OffsetSegment] = []
    segment_start, offset, probe = start, utc_offset_seconds(zone, start), start
    while probe < end:
        following = min(probe + _PROBE_SECONDS, end)
        if utc_offset_seconds(zone, following) == offset:
            probe = following
            continue
        transition = _first_change(zone, probe, following, offset)
        segments.append(OffsetSegment(segment_start, transition, offset))
        segment_start, offset, probe = transition, utc_offset_seconds(zone, transition), transition
    segments.append(OffsetSegment(segment_start, end, offset))
    return segments


def _first_change(zone: ZoneInfo, low: int, high: int, offset: int) -> int:
    """The first second in ``(low, high]`` whose offset is not ``offset`` (it is at ``high``)."""
    while high - low > 1:
        middle = (low + high) // 2
        if utc_offset_seconds(zone, middle) == offset:
            low = middle
        else:
            high = middle
    return high


def wall_to_utc(
    segments: Sequence[OffsetSegment], local_start: int, local_end: int
) -> list[Interval]:
    """The instants whose wall time is in ``[local_start, local_end)`` (see the module doc)."""
    result: list[Interval] = []
    for segment in segments:
        start = max(local_start - segment.offset, segment.start)
        end = min(local_end - segment.offset, segment.end)
        if start < end:
            result.append((start, end))
    return result


class IntervalSet:
    """A union of disjoint, sorted half-open intervals with membership in O(log n)."""

    def __init__(self, intervals: Iterable[Interval]) -> None:
        merged: list[Interval] = []
        for start, end in sorted(intervals):
            if start >= end:
                continue
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        self.intervals: tuple[Interval, ...] = tuple(merged)
        self._starts = [start for start, _end in merged]

    def __contains__(self, instant: int) -> bool:
        index = bisect_right(self._starts, instant) - 1
        return index >= 0 and instant < self.intervals[index][1]

    def boundaries(self) -> set[int]:
        return {edge for interval in self.intervals for edge in interval}


def _local_days(zone: ZoneInfo, start: int, end: int) -> list[date]:
    first = datetime.fromtimestamp(start, tz=zone).date() - timedelta(days=1)
    last = datetime.fromtimestamp(end, tz=zone).date() + timedelta(days=1)
    return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]


def window_intervals(
    zone: ZoneInfo, windows: Sequence[Window], start: int, end: int
) -> IntervalSet:
    """The instants in ``[start, end)`` whose wall time in ``zone`` is in a window."""
    segments = offset_segments(zone, start - _PAD_SECONDS, end + _PAD_SECONDS)
    found: list[Interval] = []
    for day in _local_days(zone, start, end):
        for window in windows:
            if day.weekday() not in window.day_indexes:
                continue
            local_start = local_seconds(day, window.hours.start_minute)
            local_end = local_start + window.hours.length_minutes * 60
            found.extend(wall_to_utc(segments, local_start, local_end))
    return IntervalSet(_clip(found, start, end))


def day_intervals(zone: ZoneInfo, days: Iterable[date]) -> IntervalSet:
    """The instants at which the local date in ``zone`` is one of ``days``."""
    found: list[Interval] = []
    for day in days:
        local_start = local_seconds(day)
        segments = offset_segments(
            zone, local_start - _PAD_SECONDS, local_start + SECONDS_PER_DAY + _PAD_SECONDS
        )
        found.extend(wall_to_utc(segments, local_start, local_start + SECONDS_PER_DAY))
    return IntervalSet(found)


def _clip(intervals: Iterable[Interval], start: int, end: int) -> list[Interval]:
    return [(max(a, start), min(b, end)) for a, b in intervals if a < end and b > start]


@dataclass(frozen=True)
class Piece:
    """A stretch of time over which nothing changes: which zones are in a window, which
    are on the observance's date, and whether the account is blocked by another post."""

    start: int
    end: int
    in_window: tuple[bool, ...]
    on_date: tuple[bool, ...]
    blocked: bool


def pieces(
    start: int,
    end: int,
    windows: Sequence[IntervalSet],
    dates: Sequence[IntervalSet] | None,
    blocked: IntervalSet,
) -> list[Piece]:
    """Cut ``[start, end)`` at every boundary; ``dates=None`` means every zone is on date."""
    cuts = {start, end}
    for interval_set in (*windows, *(dates or ()), blocked):
        cuts.update(edge for edge in interval_set.boundaries() if start < edge < end)
    edges = sorted(cuts)
    result: list[Piece] = []
    for piece_start, piece_end in pairwise(edges):
        result.append(
            Piece(
                start=piece_start,
                end=piece_end,
                in_window=tuple(piece_start in zone for zone in windows),
                on_date=tuple(piece_start in zone for zone in dates)
                if dates is not None
                else (True,) * len(windows),
                blocked=piece_start in blocked,
            )
        )
    return result


def first_grid_instant(piece: Piece, not_before: int, grid_seconds: int) -> int | None:
    """The first multiple of ``grid_seconds`` in the piece at or after ``not_before``."""
    low = max(piece.start, not_before)
    instant = -(-low // grid_seconds) * grid_seconds
    return instant if instant < piece.end else None


def earliest_best(
    candidates: Iterable[tuple[int, Piece]], score: Callable[[Piece], float]
) -> tuple[int, Piece] | None:
    """The earliest candidate with the highest score."""
    best: tuple[int, Piece] | None = None
    for instant, piece in candidates:
        if best is None or score(piece) > score(best[1]):
            best = (instant, piece)
    return best
