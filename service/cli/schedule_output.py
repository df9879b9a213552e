"""Output of the scheduling commands: Rich rendering for people, and export files.

Exports go to ``--output FILE`` (``-`` or none: standard output). A Hootsuite CSV is for
one account, so a plan's CSV is written as one file per audience: ``plan.csv`` becomes
``plan.ar.csv``, ``plan.zh.csv`` and so on.
"""

import sys
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from service.cli.io import read_text_file, stderr_console
from service.errors import ErrorCode, InputError
from service.models import Finding, Plan, Slot, utc_text
from service.workflow.schedule import AudienceList
from service.workflow.schedule_export import ScheduleExport


def _mark(value: bool) -> str:
    return "yes" if value else "no"


def render_slot(console: Console, slot: Slot) -> None:
    console.print(
        f"[bold]{slot.audience_id}[/] ({slot.language}, {slot.mode}): "
        f"[bold]{utc_text(slot.slot_utc)}[/]  coverage {slot.coverage:.2f} "
        f"(threshold {slot.threshold:.2f})"
    )
    table = Table("zone", "weight", "local time", "window", "date", "asleep")
    for zone in slot.zones:
        table.add_row(
            zone.timezone,
            f"{zone.weight:g}",
            Text(zone.local_time_display),
            _mark(zone.in_window),
            _mark(zone.local_date_ok),
            _mark(zone.asleep),
        )
    console.print(table)
    _render_findings(console, slot.findings)


def render_plan(console: Console, plan: Plan) -> None:
    table = Table("audience", "slot (UTC)", "coverage", "first zone, local time", "findings")
    for slot in plan.slots:
        first = slot.zones[0]
        table.add_row(
            slot.audience_id,
            utc_text(slot.slot_utc),
            f"{slot.coverage:.2f}",
            Text(f"{first.timezone}: {first.local_time_display}"),
            str(len(slot.findings)),
        )
    console.print(table)
    _render_findings(console, plan.findings)
    for slot in plan.slots:
        if slot.findings:
            console.print(f"[bold]{slot.audience_id}[/] {utc_text(slot.slot_utc)}:")
            _render_findings(console, slot.findings)


def render_audiences(console: Console, listing: AudienceList) -> None:
    for audience in listing.audiences:
        zones = ", ".join(f"{zone.timezone} ({zone.weight:g})" for zone in audience.zones)
        console.print(
            f"[bold]{audience.id}[/]  {escape(audience.name)} ({audience.language}), "
            f"at least {audience.min_gap_minutes} minutes between posts"
        )
        console.print(f"  zones: {zones}", markup=False)
        windows = ", ".join(window.spec for window in audience.windows)
        console.print(f"  windows: {windows}", markup=False)
        quiet = ", ".join(span.spec for span in audience.quiet_hours)
        console.print(f"  quiet hours: {quiet or 'none'}", markup=False)


def _render_findings(console: Console, findings: Sequence[Finding]) -> None:
    for finding in findings:
        console.print(f"  {finding.severity} [{finding.check}] {finding.message}", markup=False)


def read_messages(specs: Sequence[str], audience_ids: Sequence[str]) -> dict[str, str]:
    """``ID=PATH`` (or just ``PATH`` when there is one audience) -> audience id -> post text."""
    messages: dict[str, str] = {}
    for spec in specs:
        audience_id, separator, path = spec.partition("=")
        if not separator:
            if len(audience_ids) != 1:
                raise InputError(
                    f"--message-file {spec}: say which audience, e.g. {audience_ids[0]}={spec}",
                    code=ErrorCode.INVALID_EXPORT,
                    option="message_file",
                )
            audience_id, path = audience_ids[0], spec
        messages[audience_id] = read_text_file(path).strip()
    return messages


def write_export(export: ScheduleExport, output: str | None) -> None:
    """Write the exported files: one to ``output``; one per account next to it."""
    if len(export.files) == 1:
        _write(output, export.files[0].content)
        return
    for file in export.files:
        _write(_per_account(output, file.audience_id or ""), file.content)


def _per_account(output: str | None, account: str) -> str:
    if output is None or output == "-":
        raise InputError(
            "a Hootsuite CSV is for one account: give --output FILE, "
            "and one file per audience is written next to it",
            code=ErrorCode.INVALID_EXPORT,
            option="output",
        )
    path = Path(output)
    return str(path.with_name(f"{path.stem}.{account}{path.suffix or '.csv'}"))


def _write(output: str | None, data: bytes) -> None:
    if output is None or output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    try:
        Path(output).write_bytes(data)
    except OSError as error:
        raise InputError(
            f"{output}: cannot write ({error.strerror})",
            code=ErrorCode.UNWRITABLE_FILE,
            path=output,
        ) from None
    stderr_console.print(f"wrote {output}", markup=False)
