"""Local times written for the people who read them, with Babel (CLDR).

A slot is proved to an editor by its local time in every zone of the audience, in the
audience's language: the full date, the time to the minute and the zone's long name, e.g.
"mardi 7 avril 2026 à 09:00 heure d’été d’Europe centrale". The pieces are CLDR's own:
the "full" date pattern, the "full" time pattern without its seconds (a post time is to
the minute), and the "full" date-time join unless the audience gives another one (CLDR's
"atTime" joins such as "{1} 'à' {0}", which Babel does not expose).
"""

import re
from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_time

_SECONDS_FIELD = re.compile(r"[:.]s+")


@lru_cache(maxsize=32)
def _patterns(babel_locale: str) -> tuple[str, str]:
    """(time pattern to the minute with the zone's long name, date-time join)."""
    locale = Locale.parse(babel_locale)
    time_pattern = _SECONDS_FIELD.sub("", locale.time_formats["full"].pattern)
    return time_pattern, str(locale.datetime_formats["full"])


def render_local_time(
    instant: datetime, zone: ZoneInfo, babel_locale: str, datetime_join: str | None = None
) -> str:
    """The wall time of ``instant`` in ``zone``, written in ``babel_locale``.

    >>> from datetime import UTC
    >>> render_local_time(datetime(2026, 4, 7, 7, tzinfo=UTC), ZoneInfo("Europe/Paris"), "fr",
    ...                   "{1} 'à' {0}")
    'mardi 7 avril 2026 à 09:00 heure d’été d’Europe centrale'
    """
    local = instant.astimezone(zone)
    time_pattern, default_join = _patterns(babel_locale)
    date_text = format_date(local.date(), format="full", locale=babel_locale)
    time_text = format_time(local, format=time_pattern, tzinfo=zone, locale=babel_locale)
    join = (datetime_join or default_join).replace("'", "")
    return join.replace("{0}", time_text).replace("{1}", date_text)


def local_iso(instant: datetime, zone: ZoneInfo) -> str:
    """ISO 8601 wall time with the offset in force, e.g. ``2026-04-07T09:00:00+02:00``."""
    return instant.astimezone(zone).isoformat()
