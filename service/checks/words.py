"""The words of a text as checks compare them: prose only, case-folded, with offsets.

Links, mentions, hashtags, emoji and numbers are not words here, and the glossary's
do-not-translate names become one ``barrier`` word each, so that they neither count as
prose nor join two runs of words into one.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import regex

from service.checks.spans import blank_out
from service.text.entities import extract_entities

# A Han character is a word of its own; other scripts' words are runs of letters and marks
# (one character class, letters and marks less Han: a lookahead per character is slower).
_WORD = regex.compile(r"\p{Script=Han}|[[\p{L}\p{M}]--\p{Script=Han}]+", regex.VERSION1)
_REMEMBERED = 2048  # texts: each check of a rendition asks for its source's and its words


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
    return list(_words(text, frozenset(do_not_translate), barrier))


@lru_cache(maxsize=_REMEMBERED)
def _words(text: str, do_not_translate: frozenset[str], barrier: str) -> tuple[Word, ...]:
    """:func:`words`, remembered: several checks ask for the same texts' words (the source's
    once for each target language), and words are immutable values."""
    spans = sorted((entity.start, entity.end) for entity in extract_entities(text))
    masked = blank_out(text, _merge(spans))
    found: list[Word] = []
    names = _names_pattern(do_not_translate)
    if names is not None:
        found.extend(Word(barrier, match.start(), match.end()) for match in names.finditer(masked))
        masked = blank_out(masked, [(word.start, word.end) for word in found])
    found.extend(
        Word(match.group().casefold(), match.start(), match.end())
        for match in _WORD.finditer(masked)
    )
    return tuple(sorted(found, key=lambda word: word.start))


@lru_cache(maxsize=64)
def _names_pattern(do_not_translate: frozenset[str]) -> "regex.Pattern[str] | None":
    """One pattern for the names, longest first, as whole words, ignoring case. Chinese
    has no spaces, so a Han character next to a name is a boundary (``和UNICEF呼吁``)."""
    names = sorted(
        (name.strip() for name in do_not_translate if name.strip()), key=len, reverse=True
    )
    if not names:
        return None
    pattern = "|".join(regex.escape(name) for name in names)
    edge = r"[\w--\p{Script=Han}]"
    return regex.compile(rf"(?<!{edge})(?:{pattern})(?!{edge})", regex.IGNORECASE | regex.VERSION1)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
