"""The words of a text as checks compare them: prose only, case-folded, with offsets.

Links, mentions, hashtags, emoji and numbers are not words here, and the glossary's
do-not-translate names become one ``barrier`` word each, so that they neither count as
prose nor join two runs of words into one.
"""

from collections.abc import Iterable
from dataclasses import dataclass

import regex

from service.checks.spans import blank_out
from service.text.entities import extract_entities

# A Han character is a word of its own; other scripts' words are runs of letters and marks.
_WORD = regex.compile(r"\p{Script=Han}|(?:(?!\p{Script=Han})[\p{L}\p{M}])+")


@dataclass(frozen=True)
class Word:
    """A word (``key`` is case-folded) at ``text[start:end]``."""

    key: str
    start: int
    end: int


def words(text: str, do_not_translate: Iterable[str], barrier: str) -> list[Word]:
    """Case-folded words of ``text`` without entities; a do-not-translate name is ``barrier``.

    >>> [w.key for w in words("Join UNICEF at https://un.org!", ["unicef"], "|")]
    ['join', '|', 'at']
    """
    spans = sorted((entity.start, entity.end) for entity in extract_entities(text))
    masked = blank_out(text, _merge(spans))
    names = sorted(
        (name.strip() for name in do_not_translate if name.strip()), key=len, reverse=True
    )
    found: list[Word] = []
    if names:
        pattern = "|".join(regex.escape(name) for name in names)
        for match in regex.finditer(rf"(?<!\w)(?:{pattern})(?!\w)", masked, regex.IGNORECASE):
            found.append(Word(barrier, match.start(), match.end()))
        masked = blank_out(masked, [(word.start, word.end) for word in found])
    found.extend(
        Word(match.group().casefold(), match.start(), match.end())
        for match in _WORD.finditer(masked)
    )
    return sorted(found, key=lambda word: word.start)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
