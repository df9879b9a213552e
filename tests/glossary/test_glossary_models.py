"""The concept model's own rules: month-day dates, hashtags, consistency between fields."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from service.glossary import Concept, ConceptKind, MonthDay
from service.glossary.models import is_hashtag
from service.languages import ALL_LANGUAGES, Language


@given(st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2000, 12, 31)))
def test_every_day_of_a_leap_year_round_trips(day: datetime.date) -> None:
    text = day.strftime("%m-%d")
    parsed = MonthDay.parse(text)
    assert (parsed.month, parsed.day) == (day.month, day.day)
    assert str(parsed) == text


@pytest.mark.parametrize("text", ["02-30", "04-31", "00-10", "13-01", "12-00", "4-07", "04/07", ""])
def test_impossible_or_malformed_dates_are_rejected(text: str) -> None:
    with pytest.raises(ValueError, match="date"):
        MonthDay.parse(text)


@pytest.mark.parametrize(
    ("tag", "valid"),
    [
        ("#WorldHealthDay", True),
        ("#JournéeMondialeDeLaSanté", True),
        ("#يوم_الصحة_العالمي", True),
        ("#世界卫生日", True),
        ("#ВсемирныйДеньЗдоровья", True),
        ("#IWD2025", True),
        ("WorldHealthDay", False),
        ("#", False),
        ("#2030", False),
        ("#World Health", False),
        ("#World-Health", False),
        ("##Health", False),
    ],
)
def test_hashtags(tag: str, valid: bool) -> None:
    assert is_hashtag(tag) is valid


def _concept(**fields: object) -> Concept:
    raw: dict[str, object] = {
        "id": "world-health-day",
        "kind": "observance",
        "names": {"en": "World Health Day"},
        "observance_date": MonthDay(4, 7),
    }
    raw.update(fields)
    return Concept.model_validate(raw)


def test_a_concept_built_in_code_is_checked_like_a_row() -> None:
    concept = _concept(hashtags={"en": ["#WorldHealthDay"]})
    assert concept.kind is ConceptKind.OBSERVANCE
    month, day = concept.observance_date or (0, 0)
    assert (month, day) == (4, 7)
    with pytest.raises(ValidationError, match="English name"):
        _concept(names={"fr": "Journée mondiale de la santé"})
    with pytest.raises(ValidationError, match="must start with '#'"):
        _concept(hashtags={"en": ["WorldHealthDay"]})
    with pytest.raises(ValidationError, match="not a real day"):
        _concept(observance_date=MonthDay(2, 30))
    with pytest.raises(ValidationError, match="both given and marked absent"):
        _concept(short_forms={"ar": "x"}, no_short_form={"ar"})


def test_concepts_are_frozen() -> None:
    concept = _concept()
    with pytest.raises(ValidationError):
        concept.id = "other"  # type: ignore[misc]


def test_do_not_translate_needs_one_name_in_all_six_languages() -> None:
    same = dict.fromkeys(ALL_LANGUAGES, "COVAX")
    assert Concept(id="covax", kind=ConceptKind.TERM, names=same, do_not_translate=True)
    with pytest.raises(ValidationError, match="same name in all six"):
        Concept(
            id="covax",
            kind=ConceptKind.TERM,
            names={**same, Language.ZH: "新冠疫苗"},
            do_not_translate=True,
        )
