"""Protected spans: what machine translation must never see, masked before and restored after.

URLs, @mentions, #hashtags, $cashtags, emoji and numbers (found by
:func:`service.text.entities.extract_entities`; digits that are part of a name such as
``COVID-19`` or ``G20`` stay with it), the glossary's do-not-translate names
(``Gavi``, ``COVAX``) and, on request, glossary terms are replaced by placeholders before a
line goes to the engine and put back, in place, in the translation. The reasons are
concrete: a model "translates" words inside a link, re-cases a handle, and the Argos
SentencePiece decoder turns every ``_`` into a space, so ``#صغر_الرأس`` would come back
broken.

What goes back may differ from what was masked: a hashtag with a localized official form in
the glossary comes back localized (``#WorldHealthDay`` -> ``#JournéeMondialeDeLaSanté``), a
number comes back in the target's format when that is exact
(:func:`service.text.number_format.convert_number`), and a masked glossary term comes back as
the official target name or short form. The caller decides by passing a renderer.

Placeholder tokens
------------------
A placeholder is a nonsense upper-case ASCII acronym, ``ZQXA``, ``ZQXB``, …: a three-letter
prefix that is not in the line, then a letter for the index. Why this shape:

* NMT models copy unknown acronyms and proper nouns through, letter by letter; this is the
  behaviour placeholder schemes rely on. A word-like token gets translated or inflected.
* ASCII letters are in every Argos SentencePiece vocabulary (Locomotive trains with
  character coverage near 1, and NFKC leaves them alone). Brackets such as ``⟦1⟧`` or
  private-use characters become ``<unk>`` in real vocabularies, and markup-like tokens
  (``###T01###``, ``[[TOKEN_1]]``) are known to come back squeezed or split
  (LibreTranslate issue #944).
* No digits, which a model may rewrite (``1`` -> ``١`` in Arabic, ``one``), and no ``_``.
* The letters are chosen so that no real word or acronym is likely to contain them.

Restoring is forgiving: a placeholder is found whatever its case and with a space inserted
between its letters (``Zqxa``, ``ZQX A``). A placeholder the engine dropped is not lost in
silence: a link, mention, hashtag, cashtag or emoji is appended at the end with an
``entity_restored`` warning; a number or name, which cannot be placed, gives an
``entity_lost`` error; a dropped term is handed back to the glossary stage. A placeholder
the engine repeated is kept once (``entity_restored``, info).
"""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from itertools import count
from typing import Literal

import regex

from service.checks.stage import ENTITY_LOST, ENTITY_RESTORED
from service.glossary import Glossary, TermMatch
from service.languages import Language
from service.locales import LocaleConventions
from service.models import Finding, Severity
from service.text.boundaries import whole_word_pattern
from service.text.entities import EntityKind, extract_entities
from service.text.number_format import convert_number

_PREFIXES = ("ZQX", "QXZ", "XZQ", "JQZ", "QJX", "ZJQ")
_LETTERS = "ABCDEFGHIJKLMNOPRSTUVWY"  # no Q, X, Z: an index never repeats the prefix letters
_MULTIPLE_SPACES = re.compile(r"(?<=\S) {2,}(?=\S)")
_LETTER = regex.compile(r"\p{L}")
_SPACED_LETTER = regex.compile(r"[^\P{L}\p{Han}]")  # a letter of a script written with spaces


class MaskKind(StrEnum):
    """What a protected span is; the entity kinds, plus glossary names and terms."""

    URL = "url"
    MENTION = "mention"
    HASHTAG = "hashtag"
    CASHTAG = "cashtag"
    EMOJI = "emoji"
    NUMBER = "number"
    NAME = "name"
    TERM = "term"


APPENDABLE_KINDS = frozenset(
    {MaskKind.URL, MaskKind.MENTION, MaskKind.HASHTAG, MaskKind.CASHTAG, MaskKind.EMOJI}
)
"""Kinds that still make sense appended at the end of a post when the engine drops them."""

# Earlier kinds win where candidates overlap: a term or name beats a number inside it
# ("2030 Agenda"), but nothing beats a link or a hashtag.
_PRIORITY = (
    MaskKind.URL,
    MaskKind.MENTION,
    MaskKind.HASHTAG,
    MaskKind.CASHTAG,
    MaskKind.EMOJI,
    MaskKind.TERM,
    MaskKind.NAME,
    MaskKind.NUMBER,
)


@dataclass(frozen=True)
class ProtectedSpan:
    """One masked span of the source: ``source[start:end] == text``."""

    placeholder: str
    kind: MaskKind
    text: str
    start: int
    end: int
    concept_id: str | None = None
    form: Literal["name", "short_form"] | None = None


@dataclass(frozen=True)
class MaskedText:
    """A source line, the text the engine sees (``masked``) and the spans behind it."""

    source: str
    masked: str
    spans: tuple[ProtectedSpan, ...]

    def needs_translation(self) -> bool:
        """Whether anything but placeholders and punctuation is left to translate."""
        rest = self.masked
        for span in self.spans:
            rest = rest.replace(span.placeholder, " ")
        return bool(_LETTER.search(rest))


@dataclass(frozen=True)
class Restoration:
    """A translation with its spans put back; ``lost_terms`` are term placeholders it dropped."""

    text: str
    findings: list[Finding] = field(default_factory=list)
    lost_terms: list[ProtectedSpan] = field(default_factory=list)


Renderer = Callable[[ProtectedSpan], str]
"""What a protected span becomes in the target text."""


def placeholder_prefix(text: str) -> str:
    """A prefix for this text's placeholders that the text does not contain (any case).

    >>> placeholder_prefix("Call WHO"), placeholder_prefix("zqx and qxz")
    ('ZQX', 'XZQ')
    """
    folded = text.casefold()
    for attempt in count():
        prefix = _PREFIXES[attempt % len(_PREFIXES)] + "J" * (attempt // len(_PREFIXES))
        if prefix.casefold() not in folded:
            return prefix
    raise AssertionError("unreachable")  # pragma: no cover


def _suffix(index: int) -> str:
    """``A``, ``B``, …, then two letters: a bijective base-23 numeral."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, len(_LETTERS))
        letters = _LETTERS[remainder] + letters
    return letters


@lru_cache(maxsize=512)
def placeholder_pattern(placeholder: str) -> "re.Pattern[str]":
    """The placeholder in any case, with at most one space between letters, as a whole token.

    Only ASCII letters count as neighbours: Chinese puts no space around a Latin token.
    """
    body = r"\s?".join(re.escape(char) for char in placeholder)
    return re.compile(rf"(?<![A-Za-z]){body}(?![A-Za-z])", re.IGNORECASE)


def _word_spans(text: str, name: str) -> list[tuple[int, int]]:
    return [match.span() for match in whole_word_pattern(name).finditer(text)]


def _part_of_a_word(text: str, start: int, end: int) -> bool:
    """Whether digits belong to a name such as ``COVID-19``, ``G20``, ``H5N1`` or ``3rd``.

    Such digits stay with their word for the engine: a placeholder inside a word would be
    glued to it (``GZQXA``) and neither translated nor found again. Chinese writes numbers
    against its characters (``1,000名``): a Han neighbour does not make a word.
    """
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    hyphenated = before in "-\u2010\u2011" and start > 1 and _SPACED_LETTER.match(text[start - 2])
    return bool(_SPACED_LETTER.match(before) or _SPACED_LETTER.match(after) or hyphenated)


def _candidates(
    text: str, names: Sequence[str], terms: Sequence[TermMatch]
) -> list[tuple[MaskKind, int, int, TermMatch | None]]:
    found: list[tuple[MaskKind, int, int, TermMatch | None]] = [
        (MaskKind(entity.kind.value), entity.start, entity.end, None)
        for entity in extract_entities(text)
        if entity.kind is not EntityKind.NUMBER
        or not _part_of_a_word(text, entity.start, entity.end)
    ]
    found += [(MaskKind.TERM, term.start_char, term.end_char, term) for term in terms]
    found += [
        (MaskKind.NAME, start, end, None)
        for name in names
        for start, end in _word_spans(text, name)
    ]
    return found


def mask(text: str, names: Sequence[str] = (), terms: Sequence[TermMatch] = ()) -> MaskedText:
    """Replace every entity of ``text``, each occurrence of ``names`` and ``terms`` by placeholders.

    ``names`` are matched case-sensitively as whole words; ``terms`` come from a
    :class:`~service.glossary.TermMatcher` run on ``text``.

    >>> masked = mask("WHO: 7,5 % #Santé https://who.int", terms=[])
    >>> masked.masked
    'WHO: ZQXA ZQXB ZQXC'
    >>> [span.text for span in masked.spans]
    ['7,5 %', '#Santé', 'https://who.int']
    """
    ranked = sorted(
        _candidates(text, names, terms),
        key=lambda item: (_PRIORITY.index(item[0]), item[1], -item[2]),
    )
    taken: list[tuple[MaskKind, int, int, TermMatch | None]] = []
    for candidate in ranked:
        _, start, end, _ = candidate
        if start < end and all(end <= other[1] or other[2] <= start for other in taken):
            taken.append(candidate)
    taken.sort(key=lambda item: item[1])
    prefix = placeholder_prefix(text)
    spans: list[ProtectedSpan] = []
    pieces: list[str] = []
    position = 0
    for index, (kind, start, end, term) in enumerate(taken):
        placeholder = prefix + _suffix(index)
        spans.append(
            ProtectedSpan(
                placeholder,
                kind,
                text[start:end],
                start,
                end,
                concept_id=term.concept_id if term else None,
                form=term.form if term else None,
            )
        )
        pieces += [text[position:start], placeholder]
        position = end
    pieces.append(text[position:])
    return MaskedText(source=text, masked="".join(pieces), spans=tuple(spans))


def restore(translated: str, masked: MaskedText, render: Renderer) -> Restoration:
    """Put every span of ``masked`` back into ``translated`` (the engine's output).

    Each placeholder's first occurrence becomes ``render(span)``; repeats are removed;
    dropped ones are appended, reported, or returned as ``lost_terms`` (see module docstring).
    """
    replacements: list[tuple[int, int, str]] = []
    findings: list[Finding] = []
    missing: list[ProtectedSpan] = []
    for span in masked.spans:
        matches = list(placeholder_pattern(span.placeholder).finditer(translated))
        if not matches:
            missing.append(span)
            continue
        replacements.append((matches[0].start(), matches[0].end(), render(span)))
        replacements += [(extra.start(), extra.end(), "") for extra in matches[1:]]
        if len(matches) > 1:
            findings.append(
                ENTITY_RESTORED.finding(
                    f"Machine translation repeated {span.text!r}; it is kept once.",
                    severity=Severity.INFO,
                )
            )
    text = _apply(translated, replacements)
    appended = [span for span in missing if span.kind in APPENDABLE_KINDS]
    if appended:
        text = " ".join([text.rstrip(), *(render(span) for span in appended)]).strip()
    for span in appended:
        findings.append(
            ENTITY_RESTORED.finding(
                f"Machine translation dropped the {span.kind.value} {span.text!r}; it was added at "
                "the end of the post: move it where it belongs."
            )
        )
    for span in missing:
        if span.kind in (MaskKind.NUMBER, MaskKind.NAME):
            findings.append(
                ENTITY_LOST.finding(
                    f"Machine translation dropped the {span.kind.value} {span.text!r}: put it back."
                )
            )
    lost_terms = [span for span in missing if span.kind is MaskKind.TERM]
    return Restoration(text=text, findings=findings, lost_terms=lost_terms)


def _apply(text: str, replacements: list[tuple[int, int, str]]) -> str:
    pieces: list[str] = []
    position = 0
    removed = False
    for start, end, replacement in sorted(replacements):
        if start < position:
            continue  # overlapping matches (cannot happen with distinct placeholders)
        pieces += [text[position:start], replacement]
        removed = removed or not replacement
        position = end
    pieces.append(text[position:])
    joined = "".join(pieces)
    return _MULTIPLE_SPACES.sub(" ", joined).strip() if removed else joined


class SpanRenderer:
    """Renders protected spans for one language pair: localized hashtags, numbers and terms."""

    def __init__(
        self,
        glossary: Glossary,
        locales: dict[Language, LocaleConventions],
        source_language: Language,
        target_language: Language,
    ) -> None:
        self.glossary = glossary
        self.source_locale = locales[source_language].language.babel_locale
        self.target_locale = locales[target_language].language.babel_locale
        self.target_language = target_language

    def __call__(self, span: ProtectedSpan) -> str:
        if span.kind is MaskKind.HASHTAG:
            return self.hashtag(span.text)
        if span.kind is MaskKind.NUMBER:
            converted = convert_number(span.text, self.source_locale, self.target_locale)
            return span.text if converted is None else converted
        if span.kind is MaskKind.TERM and span.concept_id is not None:
            return self.term(span.concept_id, span.form, span.text)
        return span.text

    def hashtag(self, hashtag: str) -> str:
        """The glossary's official hashtag in the target language, else ``hashtag`` itself."""
        concept = self.glossary.concept_for_hashtag(hashtag)
        localized = concept.hashtags.get(self.target_language, []) if concept else []
        if not localized or any(tag.casefold() == hashtag.casefold() for tag in localized):
            return hashtag
        return localized[0]

    def term(self, concept_id: str, form: str | None, fallback: str) -> str:
        """The official target form of a concept: the short form for a short form, else the name."""
        concept = self.glossary.get(concept_id)
        language = self.target_language
        if form == "short_form" and language in concept.short_forms:
            return concept.short_forms[language]
        return concept.names.get(language) or concept.short_forms.get(language) or fallback


def source_hashtag_entities(text: str) -> list[str]:
    """The hashtags of ``text`` as written, in order (for checks and fitting)."""
    return [entity.text for entity in extract_entities(text) if entity.kind is EntityKind.HASHTAG]
