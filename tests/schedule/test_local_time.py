"""Local times written in each audience's language with Babel (CLDR)."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from service.schedule.local_time import local_iso, render_local_time

INSTANT = datetime(2026, 4, 7, 7, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("zone", "locale", "join", "expected"),
    [
        (
            "Europe/Paris",
            "fr",
            "{1} 'à' {0}",
            "mardi 7 avril 2026 à 09:00 heure d’été d’Europe centrale",
        ),
        ("Europe/Paris", "fr", None, "mardi 7 avril 2026, 09:00 heure d’été d’Europe centrale"),
        (
            "America/New_York",
            "en",
            "{1} 'at' {0}",
            "Tuesday, April 7, 2026 at 3:00\u202fAM Eastern Daylight Time",
        ),
        ("Asia/Shanghai", "zh_Hans_CN", None, "2026年4月7日星期二 中国标准时间 15:00"),
        ("Asia/Riyadh", "ar", None, "الثلاثاء، 7 أبريل 2026، 10:00 ص التوقيت العربي الرسمي"),
        (
            "Europe/Moscow",
            "ru",
            None,
            "вторник, 7 апреля 2026\u202fг., 10:00 Москва, стандартное время",
        ),
        (
            "Europe/Madrid",
            "es",
            None,
            "martes, 7 de abril de 2026, 9:00 (hora de verano de Europa central)",
        ),
    ],
)
def test_full_date_time_and_zone_name(
    zone: str, locale: str, join: str | None, expected: str
) -> None:
    assert render_local_time(INSTANT, ZoneInfo(zone), locale, join) == expected


def test_repeated_hour_names_the_offset_in_force() -> None:
    new_york = ZoneInfo("America/New_York")
    first = datetime(2026, 11, 1, 5, 30, tzinfo=UTC)
    second = datetime(2026, 11, 1, 6, 30, tzinfo=UTC)
    assert local_iso(first, new_york) == "2026-11-01T01:30:00-04:00"
    assert local_iso(second, new_york) == "2026-11-01T01:30:00-05:00"
    assert render_local_time(first, new_york, "fr").endswith(
        "01:30 heure d’été de l’Est nord-américain"
    )
    assert render_local_time(second, new_york, "fr").endswith(
        "01:30 heure normale de l’Est nord-américain"
    )
