"""``adapt schedule``, ``adapt plan`` and ``adapt audiences``: when each post goes out.

Instants are ISO 8601 with a UTC offset or ``Z`` (``2026-04-07T06:00Z``); a time without
one is refused, because it would mean a different instant in every zone of an audience.
"""

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Annotated, Any

import typer
from pydantic import ValidationError
from rich.console import Console

from service.audiences import (
    Audience,
    parse_time_range,
    parse_window_spec,
    parse_zone_weight,
)
from service.cli.io import JsonOption, emit_mapping, read_text_file
from service.cli.schedule_output import (
    ExportFormat,
    read_messages,
    render_audiences,
    render_plan,
    render_slot,
    write_export,
)
from service.errors import InputError
from service.glossary import load_glossary
from service.languages import parse_language
from service.locales import load_audiences, load_locales
from service.models import Observance, Slot
from service.schedule.observance import observance_from_concept
from service.schedule.plan import (
    busy_posts_from_json,
    language_audiences,
    plan_statement,
)
from service.schedule.slots import (
    SearchOptions,
    best_slot,
    evaluate_slot,
    next_slot,
    parse_instant,
    urgent_slot,
)
from service.settings import Settings

Threshold = Annotated[float, typer.Option(help="Least weighted share of zones in a window.")]
GridMinutes = Annotated[int, typer.Option(help="Search every N minutes (divides 60).")]
HorizonDays = Annotated[int, typer.Option(help="How many days ahead to search.")]
After = Annotated[
    str | None, typer.Option(help="Earliest instant, e.g. 2026-04-07T06:00Z; default now.")
]
ObservanceId = Annotated[
    str | None, typer.Option(help="Glossary observance, e.g. world-health-day.")
]
Format = Annotated[
    ExportFormat | None, typer.Option("--format", help="Export as ics, csv or json.")
]
Output = Annotated[str | None, typer.Option(help="Export file; - or none for standard output.")]
MessageFiles = Annotated[
    list[str] | None,
    typer.Option(
        "--message-file", help="Post text for the CSV: ID=FILE, or FILE for one audience."
    ),
]
Link = Annotated[str | None, typer.Option(help="Link column of the Hootsuite CSV.")]
CsvTimezone = Annotated[str, typer.Option(help="Time zone of your Hootsuite user settings.")]
CsvHeader = Annotated[bool, typer.Option(help="Start the CSV with a Date,Message,Link row.")]


def _audiences(settings: Settings) -> dict[str, Audience]:
    return load_audiences(settings.locales_dir, settings.audiences_file)


def _named_audience(settings: Settings, audience_id: str) -> Audience:
    audiences = _audiences(settings)
    if audience_id not in audiences:
        known = ", ".join(audiences)
        raise InputError(f"unknown audience {audience_id!r}: use one of {known} (adapt audiences)")
    return audiences[audience_id]


def _ad_hoc_audience(
    settings: Settings, zones: list[str], windows: list[str], quiet: list[str], language: str
) -> Audience:
    if not zones or not windows:
        raise InputError(
            "give --audience ID, or an ad-hoc audience: --timezone ZONE[=WEIGHT] "
            "and --window DAYS@HH:MM-HH:MM (each as often as needed)"
        )
    parsed_language = parse_language(language)
    try:
        return Audience(
            id="ad-hoc",
            language=parsed_language,
            name="ad-hoc audience",
            zones=tuple(parse_zone_weight(zone) for zone in zones),
            windows=tuple(window for spec in windows for window in parse_window_spec(spec)),
            quiet_hours=tuple(parse_time_range(span) for span in quiet),
            babel_locale=load_locales(settings.locales_dir)[parsed_language].language.babel_locale,
        )
    except ValidationError as error:
        message = str(error.errors()[0]["msg"]).removeprefix("Value error, ")
        raise InputError(f"ad-hoc audience: {message}") from None


def _observance(settings: Settings, concept_id: str | None) -> Observance | None:
    if concept_id is None:
        return None
    return observance_from_concept(load_glossary(settings.glossaries_dir).observance(concept_id))


def _instant(text: str | None, option: str) -> datetime:
    return parse_instant(text, option) if text is not None else datetime.now(UTC)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"--day {text!r} is not a date: use YYYY-MM-DD") from None


@dataclass(frozen=True)
class _Export:
    """What the export options asked for."""

    export_format: ExportFormat | None
    output: str | None
    message_files: list[str] | None
    link: str | None
    csv_timezone: str
    csv_header: bool


def _finish(
    targets: Sequence[Audience],
    slots: list[Slot],
    result: dict[str, object],
    export: _Export,
    *,
    generated_at: datetime,
    as_json: bool,
    render: Callable[[Console, Mapping[str, Any]], None],
) -> None:
    """Write the export (if asked) and print the result (unless the export took stdout)."""
    if export.export_format is not None:
        ids = list(dict.fromkeys(slot.audience_id for slot in slots))
        write_export(
            export.export_format,
            export.output,
            slots=slots,
            result=result,
            generated_at=generated_at,
            audience_names={target.id: target.name for target in targets},
            messages=read_messages(export.message_files or [], ids),
            link=export.link,
            csv_timezone=export.csv_timezone,
            csv_header=export.csv_header,
        )
        if export.output is None or export.output == "-":
            return
    emit_mapping(result, as_json=as_json, render=render)


def register(app: typer.Typer) -> None:
    @app.command()
    def schedule(
        context: typer.Context,
        audience: Annotated[str | None, typer.Option(help="Audience id (adapt audiences).")] = None,
        timezone: Annotated[
            list[str] | None, typer.Option("--timezone", help="Ad hoc: ZONE[=WEIGHT].")
        ] = None,
        window: Annotated[
            list[str] | None, typer.Option("--window", help="Ad hoc: DAYS@HH:MM-HH:MM.")
        ] = None,
        quiet: Annotated[
            list[str] | None, typer.Option("--quiet", help="Ad hoc: HH:MM-HH:MM.")
        ] = None,
        language: Annotated[str, typer.Option(help="Ad hoc: language of local times.")] = "en",
        after: After = None,
        at: Annotated[str | None, typer.Option(help="Evaluate this instant instead.")] = None,
        day: Annotated[str | None, typer.Option(help="Best slot of this day, YYYY-MM-DD.")] = None,
        day_zone: Annotated[
            str | None, typer.Option(help="Zone of --day; default heaviest.")
        ] = None,
        urgent: Annotated[
            bool, typer.Option(help="Now (or --after), whatever the windows.")
        ] = False,
        observance: ObservanceId = None,
        threshold: Threshold = 0.5,
        grid_minutes: GridMinutes = 5,
        horizon_days: HorizonDays = 14,
        export_format: Format = None,
        output: Output = None,
        message_file: MessageFiles = None,
        link: Link = None,
        csv_timezone: CsvTimezone = "UTC",
        csv_header: CsvHeader = False,
        as_json: JsonOption = False,
    ) -> None:
        """The next posting slot of an audience (or --at, --day, --urgent), with proof."""
        settings: Settings = context.obj
        if sum(bool(mode) for mode in (at, day, urgent)) > 1:
            raise InputError("choose one of --at, --day and --urgent")
        if audience is not None and (timezone or window or quiet):
            raise InputError(
                "give --audience or an ad-hoc audience (--timezone, --window), not both"
            )
        target = (
            _named_audience(settings, audience)
            if audience is not None
            else _ad_hoc_audience(settings, timezone or [], window or [], quiet or [], language)
        )
        search = SearchOptions(
            threshold=threshold, grid_minutes=grid_minutes, horizon_days=horizon_days
        )
        day_observed = _observance(settings, observance)
        start = _instant(after, "--after")
        if at is not None:
            slot = evaluate_slot(
                target, parse_instant(at, "--at"), observance=day_observed, threshold=threshold
            )
        elif urgent:
            slot = urgent_slot(target, start, observance=day_observed)
        elif day is not None:
            slot = best_slot(
                target, _day(day), day_zone=day_zone, options=search, observance=day_observed
            )
        else:
            slot = next_slot(target, start, options=search, observance=day_observed)
        export = _Export(export_format, output, message_file, link, csv_timezone, csv_header)
        _finish(
            [target],
            [slot],
            slot.as_json(),
            export,
            generated_at=datetime.now(UTC),
            as_json=as_json,
            render=render_slot,
        )

    @app.command()
    def plan(
        context: typer.Context,
        after: After = None,
        now: Annotated[str | None, typer.Option(help="The present, for tests and replays.")] = None,
        audience: Annotated[
            list[str] | None, typer.Option("--audience", help="Audience ids; default the six.")
        ] = None,
        min_gap_minutes: Annotated[
            int | None, typer.Option(help="Least minutes between posts on an account.")
        ] = None,
        posts: Annotated[int, typer.Option(help="Posts per audience.")] = 1,
        busy: Annotated[str | None, typer.Option(help="JSON of posts already scheduled.")] = None,
        observance: ObservanceId = None,
        threshold: Threshold = 0.5,
        grid_minutes: GridMinutes = 5,
        horizon_days: HorizonDays = 14,
        export_format: Format = None,
        output: Output = None,
        message_file: MessageFiles = None,
        link: Link = None,
        csv_timezone: CsvTimezone = "UTC",
        csv_header: CsvHeader = False,
        as_json: JsonOption = False,
    ) -> None:
        """A statement's plan: a slot per language account, spaced, never in the past."""
        settings: Settings = context.obj
        present = _instant(now, "--now")
        targets = (
            [_named_audience(settings, audience_id) for audience_id in dict.fromkeys(audience)]
            if audience
            else language_audiences(_audiences(settings))
        )
        result = plan_statement(
            targets,
            after=_instant(after, "--after") if after is not None else present,
            now=present,
            options=SearchOptions(
                threshold=threshold, grid_minutes=grid_minutes, horizon_days=horizon_days
            ),
            observance=_observance(settings, observance),
            min_gap_minutes=min_gap_minutes,
            posts_per_audience=posts,
            busy=busy_posts_from_json(_read_json(busy), busy) if busy else (),
        )
        export = _Export(export_format, output, message_file, link, csv_timezone, csv_header)
        _finish(
            targets,
            result.slots,
            result.as_json(),
            export,
            generated_at=present,
            as_json=as_json,
            render=render_plan,
        )

    @app.command()
    def audiences(context: typer.Context, as_json: JsonOption = False) -> None:
        """The audiences: zones and weights, posting windows, quiet hours, gap."""
        found = _audiences(context.obj)
        emit_mapping(
            {"audiences": [item.as_json() for item in found.values()]},
            as_json=as_json,
            render=render_audiences,
        )


def _read_json(path: str) -> object:
    try:
        return json.loads(read_text_file(path))
    except json.JSONDecodeError as error:
        raise InputError(f"{path}: not JSON ({error.msg}, line {error.lineno})") from None
