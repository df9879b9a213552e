"""Slots exported for the tools editors publish with: iCalendar, a Hootsuite CSV, JSON.

* **ICS** (RFC 5545, written with icalendar): one VEVENT per slot, DTSTART in UTC, the
  local times of every zone (in the audience's language) and the findings in DESCRIPTION.
* **Hootsuite bulk upload CSV**, as we read Hootsuite's bulk composer rules: no header
  row; column A the date and time as ``dd/mm/yyyy HH:MM`` (24-hour; pick "day/month/year"
  when uploading), column B the message, column C an optional link; times on 5-minute
  steps; one file per social profile, since the profiles are chosen at upload; times are
  read in the time zone of the Hootsuite user's settings, so pass that zone (UTC by
  default). Hootsuite also refuses times less than 10 minutes ahead, checked at upload.
* **JSON**: the slot or plan as the CLI prints it, indented.
"""

import csv
import io
import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from service.audiences import parse_timezone
from service.errors import ErrorCode, InputError
from service.models import Slot

HOOTSUITE_DATE_FORMAT = "%d/%m/%Y %H:%M"
HOOTSUITE_HEADER = ("Date", "Message", "Link")
HOOTSUITE_STEP_MINUTES = 5
_PRODUCT_ID = "-//adapt//posting schedule//EN"


def slots_to_ics(
    slots: Sequence[Slot],
    *,
    generated_at: datetime,
    audience_names: Mapping[str, str] | None = None,
) -> bytes:
    """An iCalendar file with one event per slot; ``generated_at`` is every DTSTAMP."""
    from icalendar import Calendar, Event  # only an export to iCalendar pays for the import

    calendar = Calendar()
    calendar.add("prodid", _PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "adapt posting schedule")
    names = audience_names or {}
    for index, slot in enumerate(slots, start=1):
        start = slot.slot_utc.astimezone(UTC)
        event = Event()
        event.add("uid", f"{slot.audience_id}-{start:%Y%m%dT%H%M%SZ}-{index}@adapt")
        event.add("dtstamp", generated_at.astimezone(UTC))
        event.add("dtstart", start)
        audience = names.get(slot.audience_id, slot.audience_id)
        about = f" ({slot.observance_id})" if slot.observance_id else ""
        event.add("summary", f"Post to {audience} [{slot.language.value}]{about}")
        event.add("description", _describe(slot))
        event.add("categories", [slot.language.value, slot.mode.value])
        calendar.add_component(event)
    result: bytes = calendar.to_ical()
    return result


def _describe(slot: Slot) -> str:
    lines = [f"Coverage {slot.coverage:.0%} (threshold {slot.threshold:.0%}), {slot.mode.value}"]
    for zone in slot.zones:
        state = "in a window" if zone.in_window else "outside the windows"
        lines.append(f"{zone.timezone}: {zone.local_time_display} ({state})")
    lines.extend(f"{finding.severity.value}: {finding.message}" for finding in slot.findings)
    return "\n".join(lines)


def slots_to_hootsuite_csv(
    slots: Sequence[Slot],
    *,
    messages: Mapping[str, str],
    link: str | None = None,
    timezone: str = "UTC",
    header: bool = False,
) -> str:
    """Rows for Hootsuite's bulk composer (see the module doc), one per slot, in time order.

    ``messages`` maps an audience id to its post text. All slots must be for one account.
    """
    accounts = sorted({slot.audience_id for slot in slots})
    if len(accounts) > 1:
        raise InputError(
            f"a Hootsuite file is for one account; got {', '.join(accounts)}",
            code=ErrorCode.INVALID_EXPORT,
            audiences=accounts,
        )
    zone = ZoneInfo(parse_timezone(timezone, "csv_timezone"))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if header:
        writer.writerow(HOOTSUITE_HEADER)
    seen_times: set[str] = set()
    for slot in sorted(slots, key=lambda item: item.slot_utc):
        when = _hootsuite_time(slot, zone)
        if when in seen_times:
            raise InputError(
                f"two posts at {when} on account {slot.audience_id}: "
                "Hootsuite takes one post per time",
                code=ErrorCode.INVALID_EXPORT,
                audience=slot.audience_id,
            )
        seen_times.add(when)
        writer.writerow((when, _message(messages, slot.audience_id), link or ""))
    return buffer.getvalue()


def _message(messages: Mapping[str, str], account: str) -> str:
    text = messages.get(account)
    if not text:
        raise InputError(
            f"no message for account {account}: Hootsuite needs the text of every post",
            code=ErrorCode.MISSING_MESSAGE,
            audience=account,
        )
    return text


def _hootsuite_time(slot: Slot, zone: ZoneInfo) -> str:
    local = slot.slot_utc.astimezone(zone)
    if local.second or local.microsecond or local.minute % HOOTSUITE_STEP_MINUTES:
        raise InputError(
            f"{local:%H:%M:%S} is not on a {HOOTSUITE_STEP_MINUTES}-minute step, which "
            "Hootsuite requires: search on a 5-minute grid (or a multiple) instead",
            code=ErrorCode.INVALID_EXPORT,
            audience=slot.audience_id,
        )
    return local.strftime(HOOTSUITE_DATE_FORMAT)


def to_json_text(result: Mapping[str, Any]) -> str:
    """Indented UTF-8 JSON, as written to an export file."""
    return json.dumps(result, ensure_ascii=False, indent=2) + "\n"
