"""Audiences built in code for scheduling tests, and an independent coverage oracle."""

from collections.abc import Sequence
from datetime import datetime

from service.audiences import Audience, parse_time_range, parse_window_spec, parse_zone_weight
from service.languages import Language

BABEL_LOCALES = {
    Language.AR: "ar",
    Language.ZH: "zh_Hans_CN",
    Language.EN: "en",
    Language.FR: "fr",
    Language.RU: "ru",
    Language.ES: "es",
}


def make_audience(
    zones: Sequence[str],
    windows: Sequence[str],
    *,
    quiet: Sequence[str] = (),
    language: Language = Language.EN,
    audience_id: str = "test",
    min_gap_minutes: int = 60,
) -> Audience:
    """An audience from command-line style specs: ``Europe/Paris=2``, ``mon@09:00-10:00``."""
    return Audience(
        id=audience_id,
        language=language,
        name=f"{audience_id} audience",
        zones=tuple(parse_zone_weight(zone) for zone in zones),
        windows=tuple(window for spec in windows for window in parse_window_spec(spec)),
        quiet_hours=tuple(parse_time_range(span) for span in quiet),
        min_gap_minutes=min_gap_minutes,
        babel_locale=BABEL_LOCALES[language],
    )


def direct_coverage(audience: Audience, instant: datetime) -> float:
    """Coverage by converting the instant to each zone's wall time: the oracle the interval
    arithmetic of the scheduler is checked against."""
    chosen = 0.0
    for zone in audience.zones:
        local = instant.astimezone(zone.zone)
        second = local.hour * 3600 + local.minute * 60 + local.second
        if audience.in_window(local.weekday(), second):
            chosen += zone.weight
    return chosen / audience.total_weight
