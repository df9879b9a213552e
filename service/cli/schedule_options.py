"""The options of ``adapt schedule`` and ``adapt plan``, and the groups they share.

Each option is named as the request field it fills (``--grid-minutes`` fills
``grid_minutes``), so an error's ``option`` field is also the option to point at.
"""

from dataclasses import dataclass
from typing import Annotated

import typer

from service.workflow.schedule import AdHocAudience, SearchRequest
from service.workflow.schedule_export import ExportFormat

After = Annotated[
    str | None, typer.Option(help="Earliest instant, e.g. 2026-04-07T06:00Z; default now.")
]
AudienceId = Annotated[str | None, typer.Option(help="Audience id (adapt audiences).")]
At = Annotated[str | None, typer.Option(help="Evaluate this instant instead.")]
Day = Annotated[str | None, typer.Option(help="Best slot of this day, YYYY-MM-DD.")]
DayZone = Annotated[str | None, typer.Option(help="Zone of --day; default heaviest.")]
Urgent = Annotated[bool, typer.Option(help="Now (or --after), whatever the windows.")]
Now = Annotated[str | None, typer.Option(help="The present, for tests and replays.")]
AudienceIds = Annotated[
    list[str] | None, typer.Option("--audience", help="Audience ids; default the six.")
]
MinGapMinutes = Annotated[
    int | None, typer.Option(help="Least minutes between posts on an account.")
]
Posts = Annotated[int, typer.Option(help="Posts per audience.")]
Busy = Annotated[str | None, typer.Option(help="JSON of posts already scheduled.")]


@dataclass(frozen=True)
class AdHocGroup:
    """An audience given by its zones and windows (``--timezone``, ``--window``, ...)."""

    timezone: Annotated[
        list[str] | None, typer.Option("--timezone", help="Ad hoc: ZONE[=WEIGHT].")
    ] = None
    window: Annotated[
        list[str] | None, typer.Option("--window", help="Ad hoc: DAYS@HH:MM-HH:MM.")
    ] = None
    quiet: Annotated[list[str] | None, typer.Option("--quiet", help="Ad hoc: HH:MM-HH:MM.")] = None
    language: Annotated[str, typer.Option(help="Ad hoc: language of local times.")] = "en"

    def request(self) -> AdHocAudience | None:
        """The ad-hoc audience, or None when no zone, window or quiet hours were given."""
        if not (self.timezone or self.window or self.quiet):
            return None
        return AdHocAudience(
            timezone=self.timezone or [],
            window=self.window or [],
            quiet=self.quiet or [],
            language=self.language,
        )


@dataclass(frozen=True)
class SearchGroup:
    """How slots are searched, for ``schedule`` and ``plan`` alike."""

    observance: Annotated[
        str | None, typer.Option(help="Glossary observance, e.g. world-health-day.")
    ] = None
    threshold: Annotated[float, typer.Option(help="Least weighted share of zones in a window.")] = (
        0.5
    )
    grid_minutes: Annotated[int, typer.Option(help="Search every N minutes (divides 60).")] = 5
    horizon_days: Annotated[int, typer.Option(help="How many days ahead to search.")] = 14

    def request(self) -> SearchRequest:
        return SearchRequest(
            observance=self.observance,
            threshold=self.threshold,
            grid_minutes=self.grid_minutes,
            horizon_days=self.horizon_days,
        )


@dataclass(frozen=True)
class ExportGroup:
    """Where and how to export the result, for ``schedule`` and ``plan`` alike."""

    export_format: Annotated[
        ExportFormat | None, typer.Option("--format", help="Export as ics, csv or json.")
    ] = None
    output: Annotated[
        str | None, typer.Option(help="Export file; - or none for standard output.")
    ] = None
    message_file: Annotated[
        list[str] | None,
        typer.Option(
            "--message-file", help="Post text for the CSV: ID=FILE, or FILE for one audience."
        ),
    ] = None
    link: Annotated[str | None, typer.Option(help="Link column of the Hootsuite CSV.")] = None
    csv_timezone: Annotated[
        str, typer.Option(help="Time zone of your Hootsuite user settings.")
    ] = "UTC"
    csv_header: Annotated[
        bool, typer.Option(help="Start the CSV with a Date,Message,Link row.")
    ] = False
