"""Matching keys of the translation memory and the re-filling of entities."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from service.engines.memory_keys import make_source_key, normalize_text, refill_target

WHITESPACE = st.sampled_from([" ", "  ", "\u00a0", "\u202f", "\n", "\t", " \r\n "])


@given(
    words=st.lists(
        st.text(min_size=1).filter(lambda w: not any(c.isspace() for c in w)),
        min_size=1,
        max_size=8,
    ),
    gaps=st.lists(WHITESPACE, min_size=9, max_size=9),
)
def test_keys_ignore_whitespace(words: list[str], gaps: list[str]) -> None:
    spaced = gaps[0] + "".join(word + gap for word, gap in zip(words, gaps[1:], strict=False))
    assert make_source_key(spaced).key == make_source_key(" ".join(words)).key


@given(text=st.text(max_size=200))
def test_refilling_a_text_with_its_own_entities_changes_nothing(text: str) -> None:
    key = make_source_key(text)
    assert refill_target(key, key, text) == text
    assert make_source_key(normalize_text(text)) == key


@pytest.mark.parametrize(
    ("stored_source", "stored_target", "new_source", "expected"),
    [
        # a URL the target localized stays while the source URL is unchanged
        (
            "See https://www.un.org/en",
            "Voir https://www.un.org/fr",
            "See  https://www.un.org/en",
            "Voir https://www.un.org/fr",
        ),
        # ...but when the source URL changes, the localized one cannot be updated safely
        (
            "See https://www.un.org/en",
            "Voir https://www.un.org/fr",
            "See https://www.who.int/en",
            None,
        ),
        # numbers match by value whatever their separators
        (
            "We reached 1,000 schools",
            "Nous avons atteint 1 000 écoles",
            "We reached 1,500 schools",
            "Nous avons atteint 1,500 écoles",
        ),
        # a number the target spells out cannot be changed
        ("Only 2 left", "Plus que deux", "Only 3 left", None),
        # the same value twice is replaced twice
        ("$UN at 5 and 5", "$UN à 5 et 5", "$UN at 7 and 7", "$UN à 7 et 7"),
        # one value that becomes two different ones is ambiguous
        ("5 and 5", "5 et 5", "6 and 7", None),
        # mentions are case-insensitive handles
        ("Thanks @WHO", "Merci @who", "Thanks @UNICEF", "Merci @UNICEF"),
    ],
)
def test_refill_target(
    stored_source: str, stored_target: str, new_source: str, expected: str | None
) -> None:
    stored, new = make_source_key(stored_source), make_source_key(new_source)
    assert stored.key == new.key
    assert refill_target(stored, new, stored_target) == expected


def test_refill_needs_the_same_entity_kinds() -> None:
    with pytest.raises(ValueError, match="same entity kinds"):
        refill_target(make_source_key("see 5"), make_source_key("see @UN"), "voir 5")
