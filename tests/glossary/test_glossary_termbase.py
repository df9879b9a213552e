"""The Glossary API: lookup, observances, gaps, protected names and hashtags."""

from pathlib import Path

import pytest
from support.glossary_files import concept_row, minimal_row, observance_row, write_glossary

from service.errors import ErrorCode, InputError
from service.glossary import Glossary, load_glossary
from service.languages import Language
from service.settings import Settings


@pytest.fixture(scope="module")
def bundled() -> Glossary:
    return load_glossary(Settings().glossaries_dir)


def test_get_and_unknown_concept(bundled: Glossary) -> None:
    assert bundled.get("unicef").short_forms[Language.RU] == "ЮНИСЕФ"
    with pytest.raises(
        InputError, match=r"unknown concept 'world-helth-day'; did you mean 'world-health-day'\?"
    ) as raised:
        bundled.get("world-helth-day")
    assert raised.value.code is ErrorCode.UNKNOWN_CONCEPT
    assert raised.value.fields["suggestion"] == "world-health-day"
    with pytest.raises(InputError, match=r"unknown concept 'zzz'$"):
        bundled.get("zzz")


def test_observance_for_scheduling(bundled: Glossary) -> None:
    day = bundled.observance("world-health-day")
    assert day.observance_date == (4, 7)
    assert day.observance_date is not None and day.observance_date.month == 4
    assert day.names[Language.ES] == "Día Mundial de la Salud"
    assert day.hashtags[Language.EN] == ["#WorldHealthDay"]
    with pytest.raises(
        InputError, match=r"'who' is not an observance \(its kind is organization\)$"
    ) as raised:
        bundled.observance("who")
    assert raised.value.code is ErrorCode.UNKNOWN_CONCEPT, "the CLI words the hint, not the core"
    with pytest.raises(InputError, match="unknown concept"):
        bundled.observance("no-such-day")


def test_protected_names_and_hashtags(bundled: Glossary) -> None:
    names = bundled.do_not_translate_names()
    assert {"COVAX", "Gavi"} <= set(names)
    assert [len(name) for name in names] == sorted((len(name) for name in names), reverse=True)
    tags = bundled.protected_hashtags()
    assert {"#WorldHealthDay", "#JournéeMondialeDeLaSanté", "#COVID19"} <= tags
    assert all(tag.startswith("#") for tag in tags)


def test_hashtag_swap_lookup(bundled: Glossary) -> None:
    concept = bundled.concept_for_hashtag("#worldhealthday")
    assert concept is not None and concept.id == "world-health-day"
    assert concept.hashtags[Language.FR] == ["#JournéeMondialeDeLaSanté"]
    assert bundled.concept_for_hashtag("#NotATag") is None


def test_gaps_report_unknown_cells(tmp_path: Path) -> None:
    rows = [
        concept_row(name_ar="", short_fr="OMS", short_ar="-"),
        observance_row(hashtag_fr="#JournéeMondialeDeLaSanté"),
        minimal_row("human-rights", "human rights"),
    ]
    gaps = load_glossary(write_glossary(tmp_path / "g", rows)).gaps()
    assert "who: name missing for ar" in gaps
    assert "who: short form missing for zh" in gaps
    assert "who: short form missing for ar" not in gaps  # '-': checked, none
    assert "world-health-day: hashtag missing for es" in gaps
    assert "world-health-day: short form missing for es" not in gaps  # none in any language
    assert "human-rights: name missing for fr" in gaps
    assert not any("human-rights: short form" in gap for gap in gaps)


def test_bundled_gaps_are_readable(bundled: Glossary) -> None:
    gaps = bundled.gaps()
    assert all(gap.split(":", 1)[0] in {c.id for c in bundled.concepts} for gap in gaps)
    assert not any(gap.startswith("who:") for gap in gaps), "WHO is complete"
