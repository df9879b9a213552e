"""The translation memory: exact lookup (whitespace and entities normalized), fuzzy suggestions."""

from typing import Any

import pytest
from sqlalchemy import event

from service.engines.memory import MemoryMatch, TranslationMemory
from service.engines.memory_keys import make_source_key
from service.errors import InputError
from service.languages import ALL_LANGUAGES, Language
from service.models import MatchKind, Provenance, RenditionOrigin, UnitOrigin, UnitProvenance
from service.store import Store

AR, ZH, EN, FR, RU, ES = ALL_LANGUAGES
MANUAL = UnitProvenance(origin=UnitOrigin.MANUAL, approved_by="editor")

# One approved line per UN language, each translated into another one.
SIX_LANGUAGES: list[tuple[Language, str, Language, str]] = [
    (AR, "نظافة اليدين تنقذ الأرواح.", EN, "Hand hygiene saves lives."),
    (ZH, "手部卫生拯救生命。", EN, "Hand hygiene saves lives."),
    (EN, "Hand hygiene saves lives.", FR, "L’hygiène des mains sauve des vies."),
    (FR, "L’hygiène des mains sauve des vies.", ES, "La higiene de las manos salva vidas."),
    (RU, "Гигиена рук спасает жизни.", AR, "نظافة اليدين تنقذ الأرواح."),
    (ES, "La higiene de las manos salva vidas.", ZH, "手部卫生拯救生命。"),
]


def _exact(match: MemoryMatch | None) -> MemoryMatch:
    assert match is not None
    assert (match.kind, match.score) == (MatchKind.EXACT, 1.0)
    return match


@pytest.mark.parametrize(("source_language", "source", "target_language", "target"), SIX_LANGUAGES)
def test_exact_match_in_six_languages_ignores_whitespace(
    memory: TranslationMemory,
    source_language: Language,
    source: str,
    target_language: Language,
    target: str,
) -> None:
    unit = memory.add(source, target, source_language, target_language, MANUAL)
    spaced = "  " + source.replace(" ", " \u00a0\n ") + "\t"
    match = _exact(memory.lookup(spaced, source_language, target_language))
    assert match.target_text == target
    assert match.unit_id == unit.id
    assert match.provenance == MANUAL
    assert memory.lookup(source, target_language, source_language) is None


@pytest.mark.parametrize(
    ("stored", "query", "matches"),
    [
        ("Café au lait", "Cafe\u0301 au lait", True),  # NFD vs NFC
        ("UN Women", "UN  Women", True),
        ("UN Women", "un women", False),  # case carries meaning
        ("Stop the spread.", "Stop the spread!", False),
        ("Join #WorldHealthDay", "Join #WorldHealthDay2", False),  # hashtags are text
    ],
)
def test_what_counts_as_the_same_text(
    memory: TranslationMemory, stored: str, query: str, matches: bool
) -> None:
    memory.add(stored, "cible", EN, FR, MANUAL)
    assert (memory.lookup(query, EN, FR) is not None) is matches


@pytest.mark.parametrize(
    ("stored_source", "stored_target", "query", "expected"),
    [
        (
            "Read more: https://www.un.org/x",
            "Pour en savoir plus : https://www.un.org/x",
            "Read more:  https://www.who.int/y?lang=en",
            "Pour en savoir plus : https://www.who.int/y?lang=en",
        ),
        (
            "2 million children were vaccinated in 2023.",
            "2 millions d’enfants ont été vaccinés en 2023.",
            "3 million children were vaccinated in 2024.",
            "3 millions d’enfants ont été vaccinés en 2024.",
        ),
        (
            "Thank you @WHO for your support.",
            "Merci à @WHO pour votre soutien.",
            "Thank you @UNICEF for your support.",
            "Merci à @UNICEF pour votre soutien.",
        ),
        (  # entities the target reorders are filled by value, not by position
            "From 2010 to 2020, see https://www.un.org",
            "Voir https://www.un.org : de 2010 à 2020",
            "From 2015 to 2025, see https://www.who.int",
            "Voir https://www.who.int : de 2015 à 2025",
        ),
    ],
)
def test_exact_match_fills_the_new_entities(
    memory: TranslationMemory, stored_source: str, stored_target: str, query: str, expected: str
) -> None:
    memory.add(stored_source, stored_target, EN, FR, MANUAL)
    assert _exact(memory.lookup(query, EN, FR)).target_text == expected


def test_an_entity_the_target_does_not_carry_is_no_exact_match(memory: TranslationMemory) -> None:
    memory.add("2 people were helped.", "Deux personnes ont été aidées.", EN, FR, MANUAL)
    assert memory.lookup("3 people were helped.", EN, FR) is None
    (suggestion,) = memory.suggestions("3 people were helped.", EN, FR)
    assert suggestion.kind is MatchKind.FUZZY
    assert suggestion.target_text == "Deux personnes ont été aidées."
    assert suggestion.score == pytest.approx(
        _ratio("2 people were helped.", "3 people were helped.")
    )


def test_unchanged_entities_keep_the_target_as_stored(memory: TranslationMemory) -> None:
    memory.add("We reached 1,000 schools.", "Nous avons atteint 1 000 écoles.", EN, FR, MANUAL)
    match = _exact(memory.lookup("We reached  1,000 schools.", EN, FR))
    assert match.target_text == "Nous avons atteint 1 000 écoles."
    changed = _exact(memory.lookup("We reached 2,000 schools.", EN, FR))
    assert changed.target_text == "Nous avons atteint 2,000 écoles."


STORED = "The Secretary-General welcomes the agreement on climate finance."
CLOSE = "The Secretary-General welcomes the agreement on climate adaptation."
FAR = "The General Assembly adopted a resolution on oceans today."


def _ratio(first: str, second: str) -> float:
    """2·LCS / total length, computed independently of the memory's scorer."""
    previous = [0] * (len(second) + 1)
    for char in first:
        current = [0]
        for index, other in enumerate(second):
            best = previous[index] + 1 if char == other else max(previous[index + 1], current[-1])
            current.append(best)
        previous = current
    return 2 * previous[-1] / (len(first) + len(second))


def test_fuzzy_suggestions_above_the_threshold_with_their_score(memory: TranslationMemory) -> None:
    unit = memory.add(
        STORED, "Le Secrétaire général salue l’accord sur le financement.", EN, FR, MANUAL
    )
    assert memory.lookup(CLOSE, EN, FR) is None
    (suggestion,) = memory.suggestions(CLOSE, EN, FR)
    assert suggestion.kind is MatchKind.FUZZY
    assert suggestion.unit_id == unit.id
    assert suggestion.source_text == STORED
    assert suggestion.score == pytest.approx(_ratio(CLOSE, STORED))
    assert 0.85 <= suggestion.score < 1.0
    assert memory.suggestions(FAR, EN, FR) == []
    assert memory.suggestions(STORED, EN, FR) == []  # the exact match is lookup's


@pytest.mark.parametrize("threshold", [0.6, 0.85, 0.9, 0.95])
def test_the_threshold_is_respected(store: Store, threshold: float) -> None:
    memory = TranslationMemory(store.translation_units, fuzzy_threshold=threshold)
    for source in (
        STORED,
        FAR,
        "The Secretary-General welcomes the agreement.",
        "Climate finance.",
    ):
        memory.add(source, "cible", EN, FR, MANUAL)
    suggestions = memory.suggestions(CLOSE, EN, FR, limit=10)
    expected = sorted(
        (
            score
            for source in (
                STORED,
                FAR,
                "The Secretary-General welcomes the agreement.",
                "Climate finance.",
            )
            if (score := _ratio(CLOSE, source)) >= threshold
        ),
        reverse=True,
    )
    assert [match.score for match in suggestions] == pytest.approx(expected)
    assert all(match.score >= threshold for match in suggestions)


def test_suggestions_are_best_first_and_limited(memory: TranslationMemory) -> None:
    sources = [CLOSE[:-1] + "!", STORED, CLOSE.replace("The", "A")]
    for source in sources:
        memory.add(source, f"cible {source}", EN, FR, MANUAL)
    suggestions = memory.suggestions(CLOSE, EN, FR, limit=2)
    assert len(suggestions) == 2
    assert suggestions[0].score >= suggestions[1].score
    assert suggestions[0].source_text == CLOSE[:-1] + "!"
    assert memory.suggestions(CLOSE, EN, FR, limit=0) == []


def test_fuzzy_scan_is_capped_nearest_length_first(store: Store) -> None:
    unrelated = "x" * len(CLOSE)  # the nearest length, far below the threshold
    for max_candidates, expected in [(1, []), (2, [STORED])]:
        memory = TranslationMemory(store.translation_units, max_candidates=max_candidates)
        memory.add(unrelated, "a", EN, FR, MANUAL)
        memory.add(STORED, "b", EN, FR, MANUAL)
        assert [match.source_text for match in memory.suggestions(CLOSE, EN, FR)] == expected


def _count_selects(store: Store) -> list[str]:
    statements: list[str] = []

    def record(*args: Any) -> None:
        if str(args[2]).lstrip().upper().startswith("SELECT"):
            statements.append(str(args[2]))

    event.listen(store.engine, "before_cursor_execute", record)
    return statements


def test_lookup_many_uses_one_query_and_keeps_order(
    store: Store, memory: TranslationMemory
) -> None:
    memory.add("One", "Un", EN, FR, MANUAL)
    memory.add("Two, see https://www.un.org", "Deux, voir https://www.un.org", EN, FR, MANUAL)
    selects = _count_selects(store)
    queries = ["Two, see https://www.who.int", "Missing", " One ", "One"]
    matches = memory.lookup_many(queries, EN, FR)
    assert [match.target_text if match else None for match in matches] == [
        "Deux, voir https://www.who.int",
        None,
        "Un",
        "Un",
    ]
    assert len(selects) == 1


def test_adding_the_same_key_updates_the_unit(store: Store, memory: TranslationMemory) -> None:
    first = memory.add("Hello  world", "Bonjour le monde", EN, FR, MANUAL)
    reviewed = UnitProvenance(origin=UnitOrigin.REVIEW, approved_by="second reviewer")
    second = memory.add("Hello world", "Bonjour à tous", EN, FR, reviewed)
    assert second.id == first.id
    assert store.translation_units.count() == 1
    match = _exact(memory.lookup("Hello world", EN, FR))
    assert (match.target_text, match.provenance) == ("Bonjour à tous", reviewed)


@pytest.mark.parametrize(
    ("source", "target", "source_language", "target_language", "message"),
    [
        ("Hello", "Bonjour", FR, FR, "both fr"),
        ("Hello", "   ", EN, FR, "non-empty"),
        ("", "Bonjour", EN, FR, "non-empty"),
    ],
)
def test_bad_entries_are_refused(
    memory: TranslationMemory,
    source: str,
    target: str,
    source_language: Language,
    target_language: Language,
    message: str,
) -> None:
    with pytest.raises(InputError, match=message):
        memory.add(source, target, source_language, target_language, MANUAL)


def test_a_match_records_its_provenance(memory: TranslationMemory) -> None:
    memory.add(STORED, "cible", EN, FR, MANUAL)
    match = _exact(memory.lookup(STORED, EN, FR))
    provenance = Provenance(origin=RenditionOrigin.MEMORY, memory=match.reference())
    assert provenance.memory is not None
    assert (provenance.memory.kind, provenance.memory.score) == (MatchKind.EXACT, 1.0)


def test_keys_do_not_collide_with_placeholder_characters() -> None:
    assert (
        make_source_key("see \ue000url\ue001").key != make_source_key("see https://www.un.org").key
    )
