"""Finding termbase terms in a text: spaCy's PhraseMatcher over a blank tokenizer.

One :class:`TermMatcher` per language, built from :meth:`Glossary.terms_for`. Matching is
on whole tokens of ``spacy.blank(<language>)`` (no model is loaded):

* Names match whatever their case ("world health organization", "WORLD HEALTH DAY").
* Short forms written in capitals (WHO, ВОЗ, ONU) match only in capitals, so the English
  pronoun "who" or the Russian noun "воз" is not taken for an organization. Other short
  forms ("SDGs", "UN-Women", 世卫组织) match in any case.
* Typographic apostrophes, no-break spaces and no-break hyphens match their plain forms
  (l’OMS finds OMS), without changing the character offsets.
* Where matches overlap, the longest wins (世界卫生大会 is the World Health Assembly, not
  大会), then the earliest.

Known limits, inherent to matching surface forms on blank pipelines: Chinese is split
into single characters, so a term matches anywhere in a run of characters; Arabic
clitics are not split, so "ومنظمة الصحة العالمية" (wa- "and" + the name) does not match;
inflected forms (Russian cases, Arabic case endings, plural vs singular) match only if
the termbase spells them.
"""

import functools
from collections.abc import Sequence
from typing import Any

from service.glossary.models import TermEntry, TermMatch
from service.languages import Language
from service.pipeline.segment.pipelines import blank_pipeline

_REMEMBERED_CHARS = 4_000
"""Texts up to this long (posts and lines, not whole statements) have their terms remembered."""

# One code point to one code point, so offsets in the normalized text are offsets in the text.
_SAME_LENGTH = str.maketrans(
    {
        "\u2019": "'",  # right single quotation mark, the usual typographic apostrophe
        "\u02bc": "'",  # modifier letter apostrophe
        "\u00a0": " ",  # no-break space (French « », before : ; ! ?)
        "\u202f": " ",  # narrow no-break space
        "\u2007": " ",  # figure space
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # no-break hyphen
    }
)


def _is_capitalized_acronym(entry: TermEntry) -> bool:
    """A short form with two or more capitals and no lower-case letter (WHO, ONU, ВОЗ)."""
    surface = entry.surface
    return (
        entry.form == "short_form"
        and sum(char.isupper() for char in surface) >= 2
        and not any(char.islower() for char in surface)
    )


def _blank_pipeline(language: Language) -> Any:
    """A tokenizer-only spaCy pipeline; Chinese uses spaCy's default character segmenter."""
    return blank_pipeline(language.value)


class TermMatcher:
    """Finds the surface forms of one language's terms in a text, with character offsets."""

    def __init__(self, entries: Sequence[TermEntry], language: Language) -> None:
        from spacy.matcher import PhraseMatcher

        self.language = language
        self._nlp = _blank_pipeline(language)
        self._exact = PhraseMatcher(self._nlp.vocab, attr="ORTH")
        self._caseless = PhraseMatcher(self._nlp.vocab, attr="LOWER")
        self._entries: dict[int, TermEntry] = {}
        for index, entry in enumerate(entries):
            if entry.language is not language:
                raise ValueError(f"term {entry.surface!r} is {entry.language}, not {language}")
            key = f"term-{index}"
            self._entries[self._nlp.vocab.strings.add(key)] = entry
            matcher = self._exact if _is_capitalized_acronym(entry) else self._caseless
            matcher.add(key, [self._nlp.make_doc(entry.surface.translate(_SAME_LENGTH))])
        self._remembered = functools.lru_cache(maxsize=2048)(self._find)

    def find_terms(self, text: str) -> list[TermMatch]:
        """Every term in ``text``, in text order; ``text[m.start_char:m.end_char] == m.surface``.

        The terms of a short text (a post) are remembered: the glossary's repair, its
        check and line extraction each ask about the same texts, and matches are frozen.
        """
        if not self._entries or not text:
            return []
        if len(text) <= _REMEMBERED_CHARS:
            return list(self._remembered(text))
        return list(self._find(text))

    def _find(self, text: str) -> tuple[TermMatch, ...]:
        doc = self._nlp.make_doc(text.translate(_SAME_LENGTH))
        candidates = [
            TermMatch(
                concept_id=self._entries[match_id].concept_id,
                surface=text[span.start_char : span.end_char],
                start_char=span.start_char,
                end_char=span.end_char,
                form=self._entries[match_id].form,
                status=self._entries[match_id].status,
            )
            for matcher in (self._exact, self._caseless)
            for match_id, start, end in matcher(doc)
            for span in (doc[start:end],)
        ]
        return tuple(_longest_first(candidates, len(text)))


def _longest_first(candidates: list[TermMatch], text_length: int) -> list[TermMatch]:
    """Keep the longest of overlapping matches (then the earliest), returned in text order."""
    covered = bytearray(text_length)
    kept: list[TermMatch] = []
    for match in sorted(candidates, key=lambda m: (m.start_char - m.end_char, m.start_char)):
        if not any(covered[match.start_char : match.end_char]):
            covered[match.start_char : match.end_char] = b"\x01" * (
                match.end_char - match.start_char
            )
            kept.append(match)
    return sorted(kept, key=lambda m: m.start_char)
