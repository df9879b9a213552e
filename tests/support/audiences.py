"""Audiences built in code for scheduling tests, and an independent coverage oracle."""

from collections.abc import Sequence
from datetime import datetime

from service.audiences import Audience, audience_from_specs
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
    return audience_from_specs(
        zones,
        windows,
        quiet=quiet,
        language=language,
        babel_locale=BABEL_LOCALES[language],
        audience_id=audience_id,
        name=f"{audience_id} audience",
        min_gap_minutes=min_gap_minutes,
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
