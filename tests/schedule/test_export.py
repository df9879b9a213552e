"""Exports parse back: ICS with icalendar, the Hootsuite CSV with csv, JSON with json."""

import csv
import io
import json
from datetime import UTC, datetime

import pytest
from icalendar import Calendar

from service.errors import InputError
from service.locales import load_audiences
from service.models import Observance
from service.schedule.export import (
    slots_to_hootsuite_csv,
    slots_to_ics,
    to_json_text,
)
from service.schedule.plan import language_audiences, plan_statement
from service.schedule.slots import evaluate_slot, urgent_slot
from service.settings import REPOSITORY_ROOT

AUDIENCES = load_audiences(REPOSITORY_ROOT / "locales")
NOW = datetime(2026, 4, 1, 12, 0, tzinfo=UTC)
HEALTH = Observance(concept_id="world-health-day", month=4, day=7)
PLAN = plan_statement(
    language_audiences(AUDIENCES),
    after=datetime(2026, 4, 7, 6, tzinfo=UTC),
    now=NOW,
    observance=HEALTH,
    posts_per_audience=2,
)


def test_ics_has_one_event_per_slot_in_utc() -> None:
    names = {key: audience.name for key, audience in AUDIENCES.items()}
    calendar = Calendar.from_ical(slots_to_ics(PLAN.slots, generated_at=NOW, audience_names=names))
    events = calendar.walk("VEVENT")
    assert len(events) == 12
    assert [event.get("dtstart").dt for event in events] == [slot.slot_utc for slot in PLAN.slots]
    assert all(event.get("dtstart").dt.utcoffset().total_seconds() == 0 for event in events)
    assert len({str(event.get("uid")) for event in events}) == 12
    french = events[6]
    assert str(french.get("summary")) == "Post to French account [fr] (world-health-day)"
    description = str(french.get("description"))
    assert "Europe/Paris: mardi 7 avril 2026 à 08:00 heure d’été d’Europe centrale" in description
    assert events[0].get("dtstamp").dt == NOW


def test_hootsuite_csv_rows() -> None:
    french = [slot for slot in PLAN.slots if slot.audience_id == "fr"]
    text = slots_to_hootsuite_csv(
        french,
        messages={"fr": "Santé pour tous, « partout »."},
        link="https://www.who.int/fr",
        timezone="Europe/Paris",
    )
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [
        ["07/04/2026 08:00", "Santé pour tous, « partout ».", "https://www.who.int/fr"],
        ["07/04/2026 10:00", "Santé pour tous, « partout ».", "https://www.who.int/fr"],
    ]
    with_header = slots_to_hootsuite_csv(french[:1], messages={"fr": "x"}, header=True)
    assert list(csv.reader(io.StringIO(with_header))) == [
        ["Date", "Message", "Link"],
        ["07/04/2026 06:00", "x", ""],
    ]


def test_hootsuite_csv_refusals() -> None:
    french = [slot for slot in PLAN.slots if slot.audience_id == "fr"]
    with pytest.raises(InputError, match="Hootsuite needs the text"):
        slots_to_hootsuite_csv(french, messages={})
    with pytest.raises(InputError, match="a Hootsuite file is for one account"):
        slots_to_hootsuite_csv(PLAN.slots, messages={"fr": "x"})
    odd = urgent_slot(AUDIENCES["fr"], datetime(2026, 4, 7, 6, 3, tzinfo=UTC))
    with pytest.raises(InputError, match="not on a 5-minute step"):
        slots_to_hootsuite_csv([odd], messages={"fr": "x"})
    twice = evaluate_slot(AUDIENCES["fr"], datetime(2026, 4, 7, 6, tzinfo=UTC))
    with pytest.raises(InputError, match="two posts at 07/04/2026 06:00"):
        slots_to_hootsuite_csv([twice, twice], messages={"fr": "x"})
    with pytest.raises(InputError, match="unknown time zone"):
        slots_to_hootsuite_csv([twice], messages={"fr": "x"}, timezone="Paris")


def test_json_round_trip() -> None:
    data = json.loads(to_json_text(PLAN.model_dump(mode="json")))
    assert data == PLAN.model_dump(mode="json")
    assert data["slots"][0]["slot_utc"].endswith("Z")
    assert set(data["slots"][0]["zones"][0]) == {
        "timezone",
        "weight",
        "local_time",
        "local_time_display",
        "in_window",
        "local_date_ok",
        "asleep",
    }
