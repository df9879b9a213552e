"""Termbase use cases over a workspace given its glossary: counts, terms, export errors."""

from pathlib import Path

import pytest

from service.errors import ErrorCode, InputError
from service.glossary import CellStatus, Concept, ConceptKind, Glossary, MonthDay
from service.languages import Language
from service.workflow import Workspace
from service.workflow.glossary import check_glossary, export_glossary_file, find_terms

VERIFIED = CellStatus(status="verified", tier="official", source="un.org/fr")
DAY = Concept(
    id="world-health-day",
    kind=ConceptKind.OBSERVANCE,
    names={Language.EN: "World Health Day", Language.FR: "Journée mondiale de la santé"},
    hashtags={Language.EN: ["#WorldHealthDay"]},
    no_short_form=frozenset({Language.AR}),
    observance_date=MonthDay(4, 7),
    statuses={
        "name_fr": VERIFIED,
        "date": CellStatus(status="verified", tier="secondary", source="a list"),
    },
)


@pytest.fixture
def workspace() -> Workspace:
    return Workspace(glossary=Glossary([DAY]))


def test_check_counts_every_filled_cell_by_status_and_language(workspace: Workspace) -> None:
    report = check_glossary(workspace).model_dump(mode="json")
    statuses = report["statuses"]
    assert statuses["total"] == {"verified_official": 1, "verified_secondary": 1, "unverified": 3}
    assert statuses["by_language"]["fr"] == {
        "verified_official": 1,
        "verified_secondary": 0,
        "unverified": 0,
    }
    assert statuses["by_language"]["ar"]["unverified"] == 1, "a '-' is a filled cell too"
    assert statuses["by_language"]["en"]["unverified"] == 2  # the name and the hashtag
    assert statuses["dates"]["verified_secondary"] == 1
    assert report["observances"] == [
        {"id": "world-health-day", "date": "04-07", "name": "World Health Day"}
    ]


def test_terms_come_with_the_status_of_their_cell(workspace: Workspace) -> None:
    found = find_terms(workspace, "La Journée mondiale de la santé", Language.FR)
    [term] = found.model_dump(mode="json")["terms"]
    assert term["status"] == {
        "status": "verified",
        "tier": "official",
        "source": "un.org/fr",
        "note": "",
    }


def test_an_unknown_export_format_is_an_input_error_with_its_code(
    workspace: Workspace, tmp_path: Path
) -> None:
    with pytest.raises(InputError, match="unknown export format 'xml'") as raised:
        export_glossary_file(workspace, "xml", tmp_path / "out.xml")
    assert raised.value.code is ErrorCode.UNKNOWN_FORMAT
    assert raised.value.fields["known"] == ["csv", "tbx"]
    assert list(tmp_path.iterdir()) == []
