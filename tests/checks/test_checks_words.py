"""The words checks compare: runs of letters and marks, a Han character a word of its own."""

import regex
from hypothesis import given
from hypothesis import strategies as st

from service.checks.words import words

# Letters of several scripts, combining marks, Han, spaces and punctuation; no digits,
# "#", "@" or emoji, so that no entity is blanked out.
ALPHABET = "abcÉéñ" + "пример" + "مثال" + "\u0301\u064e" + "世界卫生" + " .,;’-!"


def _reference(text: str) -> list[tuple[str, int, int]]:
    """Character by character: each Han character, and each run of other letters or marks."""
    found: list[tuple[str, int, int]] = []
    start: int | None = None
    for index, char in enumerate(text + " "):
        han = regex.match(r"\p{Script=Han}", char) is not None
        letter = regex.match(r"[\p{L}\p{M}]", char) is not None and not han
        if not letter and start is not None:
            found.append((text[start:index].casefold(), start, index))
            start = None
        if letter and start is None:
            start = index
        if han:
            found.append((char, index, index + 1))
    return found


@given(st.text(alphabet=ALPHABET, max_size=40))
def test_words_are_runs_of_letters_and_single_han_characters(text: str) -> None:
    assert [(w.key, w.start, w.end) for w in words(text, [], "|")] == _reference(text)


def test_a_name_is_one_barrier_word_and_the_rest_are_words() -> None:
    found = words("WHO和UNICEF呼吁 Children first", ["UNICEF"], "|")
    assert [w.key for w in found] == ["who", "和", "|", "呼", "吁", "children", "first"]
    assert (found[2].start, found[2].end) == (4, 10)


def test_remembered_words_are_copies() -> None:
    first = words("Protect every child", frozenset({"WHO"}), "|")
    first.clear()
    assert [w.key for w in words("Protect every child", ["WHO"], "|")] == [
        "protect",
        "every",
        "child",
    ]
