"""Provenance of a rendition: one consistent record of where its text came from."""

from typing import Any

import pytest
from pydantic import ValidationError

from service.models import (
    EngineReference,
    GlossaryRepair,
    MatchKind,
    MemoryReference,
    Provenance,
    RenditionOrigin,
)

MEMORY = MemoryReference(unit_id=7, kind=MatchKind.FUZZY, score=0.91)
ENGINE = EngineReference(engine="argos", package_version="1.9")
REPAIR = GlossaryRepair(concept_id="who", before="Organisation de la santé", after="OMS")


@pytest.mark.parametrize(
    "fields",
    [
        {"origin": RenditionOrigin.MEMORY, "memory": MEMORY},
        {"origin": RenditionOrigin.MT, "engine": ENGINE, "glossary_repairs": [REPAIR]},
        {"origin": RenditionOrigin.SOURCE},
        {"origin": RenditionOrigin.NONE},
    ],
)
def test_consistent_provenance_round_trips_as_json(fields: dict[str, Any]) -> None:
    provenance = Provenance(**fields)
    assert Provenance.model_validate_json(provenance.model_dump_json()) == provenance


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"origin": RenditionOrigin.MEMORY}, "memory is given exactly"),
        ({"origin": RenditionOrigin.MT, "memory": MEMORY, "engine": ENGINE}, "memory is given"),
        ({"origin": RenditionOrigin.MT}, "engine is given exactly"),
        ({"origin": RenditionOrigin.SOURCE, "engine": ENGINE}, "engine is given exactly"),
        ({"origin": RenditionOrigin.NONE, "glossary_repairs": [REPAIR]}, "no text to repair"),
        ({"origin": "cache"}, "origin"),
    ],
)
def test_inconsistent_provenance_is_refused(fields: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Provenance(**fields)


def test_a_memory_score_is_a_fraction() -> None:
    with pytest.raises(ValidationError):
        MemoryReference(unit_id=1, kind=MatchKind.EXACT, score=1.5)
