"""``adapt schedule``, ``adapt plan`` and ``adapt audiences``: when each post goes out.

Instants are ISO 8601 with a UTC offset or ``Z`` (``2026-04-07T06:00Z``); a time without
one is refused, because it would mean a different instant in every zone of an audience.
Each command builds its request, calls one use case of :mod:`service.workflow.schedule`,
writes the export it asked for and prints the result.
"""

import json
from typing import TypeVar

import typer
from pydantic import JsonValue

from service.cli.io import JsonOption, Render, emit, read_text_file
from service.cli.option_groups import with_option_groups
from service.cli.schedule_options import (
    AdHocGroup,
    After,
    At,
    AudienceId,
    AudienceIds,
    Busy,
    Day,
    DayZone,
    ExportGroup,
    MinGapMinutes,
    Now,
    Posts,
    SearchGroup,
    Urgent,
)
from service.cli.schedule_output import (
    read_messages,
    render_audiences,
    render_plan,
    render_slot,
    write_export,
)
from service.errors import ErrorCode, InputError
from service.models import Plan, Slot
from service.workflow import Workspace
from service.workflow.schedule import (
    PlanRequest,
    SlotRequest,
    list_audiences,
    plan_posts,
    schedule_slot,
)
from service.workflow.schedule_export import ExportRequest, export_schedule, slot_accounts

Scheduled = TypeVar("Scheduled", Slot, Plan)


@with_option_groups
def schedule(
    context: typer.Context,
    *,
    audience: AudienceId = None,
    ad_hoc: AdHocGroup,
    after: After = None,
    at: At = None,
    day: Day = None,
    day_zone: DayZone = None,
    urgent: Urgent = False,
    search: SearchGroup,
    export: ExportGroup,
    as_json: JsonOption = False,
) -> None:
    """The next posting slot of an audience (or --at, --day, --urgent), with proof."""
    request = SlotRequest(
        audience=audience,
        ad_hoc=ad_hoc.request(),
        after=after,
        at=at,
        day=day,
        day_zone=day_zone,
        urgent=urgent,
        search=search.request(),
    )
    with Workspace(context.obj) as workspace:
        slot = schedule_slot(workspace, request)
        _finish(workspace, slot, export, as_json=as_json, render=render_slot)


@with_option_groups
def plan(
    context: typer.Context,
    *,
    after: After = None,
    now: Now = None,
    audience: AudienceIds = None,
    min_gap_minutes: MinGapMinutes = None,
    posts: Posts = 1,
    busy: Busy = None,
    search: SearchGroup,
    export: ExportGroup,
    as_json: JsonOption = False,
) -> None:
    """A statement's plan: a slot per language account, spaced, never in the past."""
    request = PlanRequest(
        audience=audience or [],
        after=after,
        now=now,
        min_gap_minutes=min_gap_minutes,
        posts=posts,
        busy=_read_json(busy) if busy is not None else None,
        search=search.request(),
    )
    with Workspace(context.obj) as workspace:
        result = plan_posts(workspace, request)
        _finish(workspace, result, export, as_json=as_json, render=render_plan)


def audiences(context: typer.Context, as_json: JsonOption = False) -> None:
    """The audiences: zones and weights, posting windows, quiet hours, gap."""
    with Workspace(context.obj) as workspace:
        listing = list_audiences(workspace)
    emit(listing, as_json=as_json, render=render_audiences)


def register(app: typer.Typer) -> None:
    app.command()(schedule)
    app.command()(plan)
    app.command()(audiences)


def _finish(
    workspace: Workspace,
    result: Scheduled,
    export: ExportGroup,
    *,
    as_json: bool,
    render: Render[Scheduled],
) -> None:
    """Write the export (if asked) and print the result (unless the export took stdout)."""
    if export.export_format is not None:
        request = ExportRequest(
            format=export.export_format,
            messages=read_messages(export.message_file or [], slot_accounts(result)),
            link=export.link,
            csv_timezone=export.csv_timezone,
            csv_header=export.csv_header,
        )
        write_export(export_schedule(workspace, result, request), export.output)
        if export.output is None or export.output == "-":
            return
    emit(result, as_json=as_json, render=render)


def _read_json(path: str) -> JsonValue:
    try:
        value: JsonValue = json.loads(read_text_file(path))
    except json.JSONDecodeError as error:
        raise InputError(
            f"{path}: not JSON ({error.msg}, line {error.lineno})",
            code=ErrorCode.INVALID_JSON,
            option="busy",
            path=path,
        ) from None
    return value
