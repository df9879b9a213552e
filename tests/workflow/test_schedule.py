"""Scheduling use cases: what the CLI calls today and the API will call next, with the JSON
both print and the errors both word."""

import csv
import io
import json
from datetime import UTC, datetime

import pytest
from icalendar import Calendar
from support.audiences import make_audience

from service.audiences import Audience
from service.errors import AdaptError, ErrorCode
from service.models import Plan, Slot
from service.settings import Settings
from service.workflow import Workspace
from service.workflow.schedule import (
    AdHocAudience,
    PlanRequest,
    SearchRequest,
    SlotRequest,
    find_audience,
    list_audiences,
    plan_posts,
    schedule_slot,
)
from service.workflow.schedule_export import (
    ExportFormat,
    ExportRequest,
    export_schedule,
    slot_accounts,
)

AFTER = "2026-04-07T06:00Z"
NOW = datetime(2026, 4, 1, tzinfo=UTC)
HEALTH = SearchRequest(observance="world-health-day")
PARIS_DAKAR = AdHocAudience(
    timezone=["Europe/Paris=2", "Africa/Dakar=1"],
    window=["mon-fri@09:00-11:00", "sat@10:00-12:00"],
)


@pytest.fixture(scope="module")
def workspace() -> Workspace:
    """The bundled data only (no user audiences file, whatever the environment says)."""
    return Workspace(Settings(audiences_file=None))


def _error(call: object) -> AdaptError:
    assert callable(call)
    with pytest.raises(AdaptError) as raised:
        call()
    return raised.value


def test_slot_json_is_the_cli_json(workspace: Workspace) -> None:
    slot = schedule_slot(
        workspace, SlotRequest(audience="fr", after="2026-04-07T08:00+02:00", search=HEALTH)
    )
    data = slot.model_dump(mode="json")
    assert data["slot_utc"] == "2026-04-07T06:00:00Z"  # UTC with a Z, whatever came in
    assert data["coverage"] == 0.5 and data["mode"] == "next"
    assert data["observance_id"] == "world-health-day"
    assert slot.model_dump()["slot_utc"] == datetime(2026, 4, 7, 6, tzinfo=UTC)  # python: as is
    assert Slot.model_validate_json(slot.model_dump_json()).model_dump(mode="json") == data


def test_ad_hoc_coverage_is_rounded_in_json(workspace: Workspace) -> None:
    slot = schedule_slot(workspace, SlotRequest(ad_hoc=PARIS_DAKAR, after=AFTER))
    assert slot.audience_id == "ad-hoc" and slot.coverage == 2 / 3
    assert slot.model_dump(mode="json")["coverage"] == 0.6667
    assert [zone.timezone for zone in slot.zones] == ["Europe/Paris", "Africa/Dakar"]


def test_ad_hoc_local_times_in_its_language(workspace: Workspace) -> None:
    french = PARIS_DAKAR.model_copy(update={"language": "fr-FR"})
    slot = schedule_slot(workspace, SlotRequest(ad_hoc=french, at="2026-04-07T07:00Z"))
    assert slot.zones[0].local_time_display.startswith("mardi 7 avril 2026")


@pytest.mark.parametrize(
    ("request_fields", "mode", "slot_utc"),
    [
        ({"at": "2026-04-07T20:00Z"}, "at", "2026-04-07T20:00:00Z"),
        ({"day": "2026-04-07"}, "best", "2026-04-07T05:00:00Z"),
        ({"urgent": True, "after": "2026-04-07T20:03Z"}, "urgent", "2026-04-07T20:03:00Z"),
        ({"urgent": True}, "urgent", "2026-04-01T00:00:00Z"),  # now, as given
        ({"after": AFTER}, "next", "2026-04-07T06:00:00Z"),
    ],
)
def test_modes(
    workspace: Workspace, request_fields: dict[str, object], mode: str, slot_utc: str
) -> None:
    request = SlotRequest.model_validate({"audience": "ru", **request_fields})
    slot = schedule_slot(workspace, request, now=NOW).model_dump(mode="json")
    assert (slot["mode"], slot["slot_utc"]) == (mode, slot_utc)


def test_a_request_is_the_json_an_api_would_post(workspace: Workspace) -> None:
    body = (
        '{"audience": "zh", "at": "2026-04-07T20:00Z", '
        '"search": {"observance": "world-health-day"}}'
    )
    slot = schedule_slot(workspace, SlotRequest.model_validate_json(body))
    assert slot.zones[0].local_date_ok is False
    assert "already 8 April in Asia/Shanghai" in slot.findings[0].message


def _slot_error(workspace: Workspace, **fields: object) -> AdaptError:
    request = SlotRequest.model_validate(fields)
    return _error(lambda: schedule_slot(workspace, request, now=NOW))


@pytest.mark.parametrize(
    ("fields", "code", "expected"),
    [
        ({"audience": "klingon"}, ErrorCode.UNKNOWN_AUDIENCE, {"audience": "klingon"}),
        ({}, ErrorCode.INVALID_AUDIENCE, {"option": "audience"}),
        ({"ad_hoc": {"timezone": ["Europe/Paris"]}}, ErrorCode.INVALID_AUDIENCE, {}),
        (
            {"audience": "fr", "ad_hoc": PARIS_DAKAR.model_dump()},
            ErrorCode.INVALID_AUDIENCE,
            {"option": "audience"},
        ),
        (
            {"audience": "fr", "at": AFTER, "urgent": True},
            ErrorCode.CONFLICTING_OPTIONS,
            {"options": ["at", "day", "urgent"]},
        ),
        ({"audience": "fr", "after": "tomorrow"}, ErrorCode.INVALID_INSTANT, {"option": "after"}),
        ({"audience": "fr", "at": "2026-04-07T06:00"}, ErrorCode.INVALID_INSTANT, {"option": "at"}),
        ({"audience": "fr", "day": "7/4/2026"}, ErrorCode.INVALID_DATE, {"option": "day"}),
        (
            {"audience": "fr", "day": "2026-04-07", "day_zone": "Pariss"},
            ErrorCode.UNKNOWN_TIMEZONE,
            {"option": "day_zone", "timezone": "Pariss"},
        ),
        (
            {"ad_hoc": {"timezone": ["Europe/Pariss"], "window": ["mon@09:00-10:00"]}},
            ErrorCode.UNKNOWN_TIMEZONE,
            {"option": "timezone"},
        ),
        (
            {"ad_hoc": {"timezone": ["Europe/Paris=x"], "window": ["mon@09:00-10:00"]}},
            ErrorCode.INVALID_AUDIENCE,
            {"option": "timezone"},
        ),
        (
            {"ad_hoc": {"timezone": ["Europe/Paris"], "window": ["mon@9-10"]}},
            ErrorCode.INVALID_AUDIENCE,
            {"option": "window"},
        ),
        (
            {"ad_hoc": {**PARIS_DAKAR.model_dump(), "quiet": ["10:00-12:00"]}},
            ErrorCode.INVALID_AUDIENCE,
            {},
        ),
        (
            {"audience": "fr", "search": {"threshold": 2}},
            ErrorCode.OUT_OF_RANGE,
            {"option": "threshold"},
        ),
        (
            {"audience": "fr", "search": {"grid_minutes": 7}},
            ErrorCode.OUT_OF_RANGE,
            {"option": "grid_minutes"},
        ),
        (
            {"audience": "fr", "search": {"horizon_days": 400}},
            ErrorCode.OUT_OF_RANGE,
            {"option": "horizon_days"},
        ),
        (
            {"ad_hoc": PARIS_DAKAR.model_dump(), "after": AFTER, "search": {"threshold": 0.8}},
            ErrorCode.NO_SLOT,
            {"audience": "ad-hoc", "highest_coverage": 0.6667},
        ),
        (
            {"audience": "fr", "search": {"observance": "world-helth-day"}},
            ErrorCode.UNKNOWN_CONCEPT,
            {"concept": "world-helth-day", "kind": None},
        ),
        (
            {"audience": "fr", "search": {"observance": "who"}},
            ErrorCode.UNKNOWN_CONCEPT,
            {"concept": "who", "kind": "organization"},
        ),
    ],
)
def test_errors_are_data_without_cli_words(
    workspace: Workspace, fields: dict[str, object], code: ErrorCode, expected: dict[str, object]
) -> None:
    error = _slot_error(workspace, **fields)
    assert error.code is code
    assert expected.items() <= error.fields.items()
    assert "--" not in error.message and "adapt " not in error.message


def test_unknown_observance_suggests_the_closest(workspace: Workspace) -> None:
    error = _slot_error(workspace, audience="fr", search={"observance": "world-helth-day"})
    assert (
        error.message == "unknown observance 'world-helth-day' (did you mean 'world-health-day'?)"
    )


def test_audiences_come_from_the_workspace() -> None:
    sahel = make_audience(
        ["Africa/Bamako", "Africa/Niamey"], ["daily@19:00-21:00"], audience_id="sahel"
    )
    given = Workspace(Settings(), audiences={"sahel": sahel})
    assert find_audience(given, "sahel") is sahel
    assert list_audiences(given).audiences == [sahel]
    slot = schedule_slot(given, SlotRequest(audience="sahel", after=AFTER))
    assert slot.slot_utc == datetime(2026, 4, 7, 18, tzinfo=UTC)  # 19:00 in Niamey
    error = _error(lambda: plan_posts(given, PlanRequest()))  # no six language accounts
    assert error.code is ErrorCode.UNKNOWN_AUDIENCE
    assert error.fields["missing"] == ["ar", "zh", "en", "fr", "ru", "es"]


def test_audience_json_is_the_listing_json(workspace: Workspace) -> None:
    listing = list_audiences(workspace).model_dump(mode="json")
    assert [item["id"] for item in listing["audiences"]] == ["ar", "zh", "en", "fr", "ru", "es"]
    french = listing["audiences"][3]
    assert list(french) == [
        "id",
        "language",
        "name",
        "zones",
        "windows",
        "quiet_hours",
        "min_gap_minutes",
        "babel_locale",
    ]
    assert french["zones"][0] == {"timezone": "Europe/Paris", "weight": 4.0}
    assert all(isinstance(window, str) and "@" in window for window in french["windows"])
    assert french["quiet_hours"] == ["23:00-07:00"]
    # The JSON reads back as the same audience, but for how its local times are joined.
    again = Audience.model_validate(french)
    bundled = workspace.audiences["fr"]
    assert again == bundled.model_copy(update={"datetime_join": None})
    assert bundled.datetime_join == "{1} 'à' {0}"


def test_plan_json_and_present(workspace: Workspace) -> None:
    plan = plan_posts(
        workspace, PlanRequest(after=AFTER, now="2026-04-07T08:02Z", min_gap_minutes=30)
    )
    data = plan.model_dump(mode="json")
    assert (data["after_utc"], data["now_utc"]) == ("2026-04-07T06:00:00Z", "2026-04-07T08:02:00Z")
    assert slot_accounts(plan) == ["ar", "zh", "en", "fr", "ru", "es"]
    assert all(slot["slot_utc"] >= "2026-04-07T08:05:00Z" for slot in data["slots"])
    assert data["findings"][0]["check"] == "plan_from_now"
    # The JSON reads back as a plan with the same JSON (coverage is rounded in it).
    assert Plan.model_validate_json(plan.model_dump_json()).model_dump(mode="json") == data


def test_plan_now_defaults_to_the_clock_given(workspace: Workspace) -> None:
    plan = plan_posts(workspace, PlanRequest(audience=["zh"]), now=NOW)
    assert plan.now_utc == NOW and plan.after_utc == NOW and plan.findings == []


def test_plan_keeps_away_from_busy_posts(workspace: Workspace) -> None:
    request = PlanRequest(audience=["zh", "zh"], after="2026-04-07T00:00Z", now="2026-04-01T00:00Z")
    first = plan_posts(workspace, request)
    assert len(first.slots) == 1  # an audience named twice is planned once
    busy = json.loads(first.model_dump_json())
    second = plan_posts(workspace, request.model_copy(update={"busy": busy}))
    assert first.slots[0].slot_utc == datetime(2026, 4, 7, 0, tzinfo=UTC)
    assert second.slots[0].slot_utc == datetime(2026, 4, 7, 4, tzinfo=UTC)  # the gap is 2 h


@pytest.mark.parametrize(
    ("fields", "code", "option"),
    [
        ({"posts": 0}, ErrorCode.OUT_OF_RANGE, "posts"),
        ({"min_gap_minutes": -1}, ErrorCode.OUT_OF_RANGE, "min_gap_minutes"),
        ({"now": "soon"}, ErrorCode.INVALID_INSTANT, "now"),
        ({"busy": [{"audience_id": "zh"}]}, ErrorCode.INVALID_JSON, "busy"),
        ({"busy": [{"audience_id": "zh", "slot_utc": "x"}]}, ErrorCode.INVALID_INSTANT, "busy"),
    ],
)
def test_plan_errors(
    workspace: Workspace, fields: dict[str, object], code: ErrorCode, option: str
) -> None:
    request = PlanRequest.model_validate({"audience": ["zh"], **fields})
    error = _error(lambda: plan_posts(workspace, request, now=NOW))
    assert (error.code, error.fields["option"]) == (code, option)
    assert "--" not in error.message


@pytest.fixture(scope="module")
def plan(workspace: Workspace) -> Plan:
    request = PlanRequest(audience=["fr", "es"], after=AFTER, now="2026-04-01T00:00Z")
    return plan_posts(workspace, request)


def test_csv_export_is_one_file_per_account(workspace: Workspace, plan: Plan) -> None:
    request = ExportRequest(
        format=ExportFormat.CSV,
        messages={"fr": "Bonne santé", "es": "Buena salud"},
        link="https://www.who.int",
    )
    export = export_schedule(workspace, plan, request)
    assert [(file.audience_id, file.media_type) for file in export.files] == [
        ("fr", "text/csv"),
        ("es", "text/csv"),
    ]
    rows = list(csv.reader(io.StringIO(export.files[1].content.decode("utf-8"))))
    assert rows == [["07/04/2026 14:00", "Buena salud", "https://www.who.int"]]


def test_ics_and_json_exports(workspace: Workspace, plan: Plan) -> None:
    ics = export_schedule(workspace, plan, ExportRequest(format=ExportFormat.ICS))
    (calendar_file,) = ics.files
    events = Calendar.from_ical(calendar_file.content).walk("VEVENT")
    assert [str(event.get("summary")) for event in events] == [
        "Post to French account [fr]",
        "Post to Spanish account [es]",
    ]
    assert {event.get("dtstamp").dt for event in events} == {plan.now_utc}
    exported = export_schedule(workspace, plan, ExportRequest(format=ExportFormat.JSON))
    assert json.loads(exported.files[0].content) == plan.model_dump(mode="json")


def test_ics_of_an_ad_hoc_slot(workspace: Workspace) -> None:
    slot = schedule_slot(workspace, SlotRequest(ad_hoc=PARIS_DAKAR, after=AFTER))
    export = export_schedule(
        workspace, slot, ExportRequest(format=ExportFormat.ICS), generated_at=NOW
    )
    (event,) = Calendar.from_ical(export.files[0].content).walk("VEVENT")
    assert str(event.get("summary")) == "Post to ad-hoc audience [en]"


@pytest.mark.parametrize(
    ("request_fields", "code"),
    [
        ({"format": "csv", "messages": {"fr": "x"}}, ErrorCode.MISSING_MESSAGE),
        (
            {"format": "csv", "messages": {"fr": "x", "es": "y", "ru": "z"}},
            ErrorCode.INVALID_EXPORT,
        ),
        ({"format": "ics", "messages": {"zh": "x"}}, ErrorCode.INVALID_EXPORT),
        (
            {"format": "csv", "messages": {"fr": "x", "es": "y"}, "csv_timezone": "Pari"},
            ErrorCode.UNKNOWN_TIMEZONE,
        ),
    ],
)
def test_export_errors(
    workspace: Workspace, plan: Plan, request_fields: dict[str, object], code: ErrorCode
) -> None:
    request = ExportRequest.model_validate(request_fields)
    error = _error(lambda: export_schedule(workspace, plan, request))
    assert error.code is code and "--" not in error.message


def test_language_of_an_ad_hoc_audience_is_checked(workspace: Workspace) -> None:
    klingon = PARIS_DAKAR.model_copy(update={"language": "tlh"})
    error = _slot_error(workspace, ad_hoc=klingon.model_dump(), after=AFTER)
    assert "unknown language 'tlh'" in error.message
