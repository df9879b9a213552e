"""Output of the scheduling commands: Rich rendering for people, and export files.

Exports go to ``--output FILE`` (``-`` or none: standard output). A Hootsuite CSV is for
one account, so a plan's CSV is written as one file per audience: ``plan.csv`` becomes
``plan.ar.csv``, ``plan.zh.csv`` and so on.
"""

import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from service.cli.io import read_text_file, stderr_console
from service.errors import ErrorCode, InputError
from service.workflow.schedule_export import ScheduleExport


def _mark(value: bool) -> str:
    return "yes" if value else "no"


def render_slot(console: Console, result: Mapping[str, Any]) -> None:
    console.print(
        f"[bold]{result['audience_id']}[/] ({result['language']}, {result['mode']}): "
        f"[bold]{result['slot_utc']}[/]  coverage {result['coverage']:.2f} "
        f"(threshold {result['threshold']:.2f})"
    )
    table = Table("zone", "weight", "local time", "window", "date", "asleep")
    for zone in result["zones"]:
        table.add_row(
            zone["timezone"],
            f"{zone['weight']:g}",
            Text(zone["local_time_display"]),
            _mark(zone["in_window"]),
            _mark(zone["local_date_ok"]),
            _mark(zone["asleep"]),
        )
    console.print(table)
    _render_findings(console, result["findings"])


def render_plan(console: Console, result: Mapping[str, Any]) -> None:
    table = Table("audience", "slot (UTC)", "coverage", "first zone, local time", "findings")
    for slot in result["slots"]:
        first = slot["zones"][0]
        table.add_row(
            slot["audience_id"],
            slot["slot_utc"],
            f"{slot['coverage']:.2f}",
            Text(f"{first['timezone']}: {first['local_time_display']}"),
            str(len(slot["findings"])),
        )
    console.print(table)
    _render_findings(console, result["findings"])
    for slot in result["slots"]:
        if slot["findings"]:
            console.print(f"[bold]{slot['audience_id']}[/] {slot['slot_utc']}:")
            _render_findings(console, slot["findings"])


def render_audiences(console: Console, result: Mapping[str, Any]) -> None:
    for audience in result["audiences"]:
        zones = ", ".join(f"{z['timezone']} ({z['weight']:g})" for z in audience["zones"])
        console.print(
            f"[bold]{audience['id']}[/]  {escape(audience['name'])} ({audience['language']}), "
            f"at least {audience['min_gap_minutes']} minutes between posts"
        )
        console.print(f"  zones: {zones}", markup=False)
        console.print(f"  windows: {', '.join(audience['windows'])}", markup=False)
        console.print(
            f"  quiet hours: {', '.join(audience['quiet_hours']) or 'none'}", markup=False
        )


def _render_findings(console: Console, findings: Sequence[Mapping[str, Any]]) -> None:
    for finding in findings:
        console.print(
            f"  {finding['severity']} [{finding['check']}] {finding['message']}", markup=False
        )


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
