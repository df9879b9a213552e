"""Exporting a slot or a plan for the tools editors publish with: ICS, Hootsuite CSV, JSON.

The use case returns the files as bytes; where they go (a path, standard output, an HTTP
body) is the edge's business. A Hootsuite CSV is for one social profile, so a plan over
several accounts gives one CSV per account, each tagged with its audience id.
"""

from datetime import UTC, datetime
from enum import StrEnum

from pydantic import Field

from service.audiences import AD_HOC_ID, AD_HOC_NAME
from service.errors import ErrorCode, InputError
from service.models import Model, Plan, Slot
from service.schedule.export import slots_to_hootsuite_csv, slots_to_ics, to_json_text
from service.workflow.workspace import Workspace


class ExportFormat(StrEnum):
    ICS = "ics"
    CSV = "csv"
    JSON = "json"


MEDIA_TYPES = {
    ExportFormat.ICS: "text/calendar",
    ExportFormat.CSV: "text/csv",
    ExportFormat.JSON: "application/json",
}


class ExportRequest(Model):
    """What to export a slot or plan as; ``messages`` maps an audience id to its post text."""

    format: ExportFormat
    messages: dict[str, str] = Field(default_factory=dict, description="For the CSV.")
    link: str | None = Field(default=None, description="Link column of the Hootsuite CSV.")
    csv_timezone: str = Field(default="UTC", description="Zone of the Hootsuite user.")
    csv_header: bool = Field(default=False, description="Start with a Date,Message,Link row.")


class ExportFile(Model):
    """One exported file; ``audience_id`` is set on a file that is for one account only."""

    audience_id: str | None = None
    media_type: str
    content: bytes


class ScheduleExport(Model):
    format: ExportFormat
    files: list[ExportFile]


def slot_accounts(result: Slot | Plan) -> list[str]:
    """The audience ids that a slot or plan posts to, in order, once each."""
    return list(dict.fromkeys(slot.audience_id for slot in _slots(result)))


def export_schedule(
    workspace: Workspace,
    result: Slot | Plan,
    request: ExportRequest,
    *,
    generated_at: datetime | None = None,
) -> ScheduleExport:
    """``result`` in the requested format. ``generated_at`` stamps the ICS events: by
    default the plan's present, or now for a slot."""
    accounts = slot_accounts(result)
    for audience_id in request.messages:
        if audience_id not in accounts:
            raise InputError(
                f"a message for audience {audience_id!r}, which has no slot here "
                f"({', '.join(accounts)})",
                code=ErrorCode.INVALID_EXPORT,
                audience=audience_id,
                audiences=accounts,
            )
    if request.format is ExportFormat.CSV:
        files = [_hootsuite_file(result, account, request) for account in accounts]
    elif request.format is ExportFormat.ICS:
        files = [_ics_file(workspace, result, generated_at)]
    else:
        content = to_json_text(result.model_dump(mode="json")).encode("utf-8")
        files = [ExportFile(media_type=MEDIA_TYPES[request.format], content=content)]
    return ScheduleExport(format=request.format, files=files)


def _slots(result: Slot | Plan) -> list[Slot]:
    return result.slots if isinstance(result, Plan) else [result]


def _hootsuite_file(result: Slot | Plan, account: str, request: ExportRequest) -> ExportFile:
    text = slots_to_hootsuite_csv(
        [slot for slot in _slots(result) if slot.audience_id == account],
        messages=request.messages,
        link=request.link,
        timezone=request.csv_timezone,
        header=request.csv_header,
    )
    media_type = MEDIA_TYPES[ExportFormat.CSV]
    return ExportFile(audience_id=account, media_type=media_type, content=text.encode("utf-8"))


def _ics_file(
    workspace: Workspace, result: Slot | Plan, generated_at: datetime | None
) -> ExportFile:
    if generated_at is None:
        generated_at = result.now_utc if isinstance(result, Plan) else datetime.now(UTC)
    names = {AD_HOC_ID: AD_HOC_NAME}
    names.update((key, audience.name) for key, audience in workspace.audiences.items())
    content = slots_to_ics(_slots(result), generated_at=generated_at, audience_names=names)
    return ExportFile(media_type=MEDIA_TYPES[ExportFormat.ICS], content=content)
