"""Fitting a rendition to the platform: short forms, then optional hashtags, then a thread.

A translation is often longer than its source (French and Spanish run 15-25 % longer than
English; X counts a Chinese character as two). When a rendition does not fit, this stage
tries, in order, the changes that lose the least:

1. **Short forms.** Each official name with a glossary short form in the language
   (``Organisation mondiale de la Santé`` -> ``OMS``) is replaced, the biggest saving
   first, until the text fits; ``Name (SHORT)`` becomes ``SHORT``.
2. **Optional hashtags.** Hashtags in the trailing block of the post (after the last
   sentence) that are not required (the statement's campaign hashtags) are dropped, the
   last first. A hashtag inside a sentence is part of its grammar and stays.
3. **A thread.** The text is split into numbered parts (``1/3``, the locale's ``[thread]
   numbering``) at sentence boundaries (:func:`service.pipeline.segment.segment`), then at
   the language's clause boundaries, then between words; a script written without spaces
   (Chinese) may be cut between characters. Never inside a link, hashtag, mention or number.
   The thread is a proposal: the rendition's text stays whole.

Every change is returned as a :class:`~service.models.RenditionChange`.
"""

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

import regex

from service.glossary import Glossary, TermMatch
from service.languages import Language
from service.locales import LocaleConventions
from service.models import ChangeKind, PlatformLength, RenditionChange
from service.pipeline.segment.sentences import segment
from service.text.entities import EntityKind, extract_entities
from service.text.length import weighted_length

_GRAPHEME = regex.compile(r"\X")
_TRAILING_KINDS = frozenset(
    {EntityKind.URL, EntityKind.HASHTAG, EntityKind.MENTION, EntityKind.EMOJI, EntityKind.CASHTAG}
)
_SPACES = re.compile(r"[ \t]{2,}")


@dataclass(frozen=True)
class FitResult:
    """The (possibly shortened) text, its length, the changes made and a proposed thread."""

    text: str
    length: PlatformLength
    changes: list[RenditionChange] = field(default_factory=list)
    thread: list[str] = field(default_factory=list)


class Fitter:
    """Fits texts of one language to one platform."""

    def __init__(
        self,
        language: Language,
        platform: str,
        glossary: Glossary,
        conventions: LocaleConventions,
    ) -> None:
        self.language = language
        self.platform = platform
        self.glossary = glossary
        self.conventions = conventions

    def measure(self, text: str) -> PlatformLength:
        return weighted_length(text, self.platform)

    def fit(
        self, text: str, required_hashtags: Collection[str] = (), *, edit: bool = True
    ) -> FitResult:
        """Apply the steps of the module docstring until ``text`` fits; record each change.

        With ``edit`` false (approved text: the source, a memory match) the text is never
        changed: a text too long is only proposed as a thread.
        """
        changes: list[RenditionChange] = []
        length = self.measure(text)
        if length.fits:
            return FitResult(text, length)
        if edit:
            text = self._short_forms(text, changes)
        if edit and not self.measure(text).fits:
            text = self._drop_hashtags(text, required_hashtags, changes)
        length = self.measure(text)
        if length.fits:
            return FitResult(text, length, changes)
        thread = self.split_thread(text)
        if len(thread) > 1:
            changes.append(
                RenditionChange(
                    kind=ChangeKind.THREAD_SPLIT,
                    detail=f"Too long for {length.platform} ({length.length}/{length.limit}): "
                    f"proposed as a thread of {len(thread)} posts.",
                )
            )
        return FitResult(text, length, changes, thread if len(thread) > 1 else [])

    # 1. Short forms ---------------------------------------------------------------------

    def _short_forms(self, text: str, changes: list[RenditionChange]) -> str:
        for concept_id, short in self._replaceable_concepts(text):
            if self.measure(text).fits:
                break
            matches = [m for m in self._name_matches(text) if m.concept_id == concept_id]
            if not matches:
                continue
            pieces: list[str] = []
            position = 0
            for match in matches:
                end = _after_parenthetical(text, match.end_char, short)
                pieces += [text[position : match.start_char], short]
                position = end
            pieces.append(text[position:])
            text = "".join(pieces)
            changes.append(
                RenditionChange(
                    kind=ChangeKind.SHORT_FORM,
                    detail=f"Used the official short form of {concept_id} to save space.",
                    before=matches[0].surface,
                    after=short,
                )
            )
        return text

    def _name_matches(self, text: str) -> list[TermMatch]:
        """Official names in the prose of ``text`` (not in links or hashtags)."""
        spans = _entity_spans(text)
        return [
            match
            for match in self.glossary.matcher(self.language).find_terms(text)
            if match.form == "name" and not _overlaps(match.start_char, match.end_char, spans)
        ]

    def _replaceable_concepts(self, text: str) -> list[tuple[str, str]]:
        """(concept id, short form) of the names in ``text``, the biggest saving first."""
        savings: dict[str, tuple[int, str]] = {}
        for match in self._name_matches(text):
            short = self.glossary.get(match.concept_id).short_forms.get(self.language)
            if short and len(short) < len(match.surface):
                saved, _ = savings.get(match.concept_id, (0, short))
                savings[match.concept_id] = (saved + len(match.surface) - len(short), short)
        ranked = sorted(savings.items(), key=lambda item: -item[1][0])
        return [(concept_id, short) for concept_id, (_, short) in ranked]

    # 2. Optional hashtags ---------------------------------------------------------------

    def _drop_hashtags(
        self, text: str, required: Collection[str], changes: list[RenditionChange]
    ) -> str:
        required_keys = {tag.lstrip("#＃").casefold() for tag in required}
        while not self.measure(text).fits:
            optional = [
                (start, end)
                for start, end in trailing_hashtags(text)
                if text[start:end].lstrip("#＃").casefold() not in required_keys
            ]
            if not optional:
                break
            start, end = optional[-1]
            hashtag = text[start:end]
            text = _SPACES.sub(" ", text[:start] + text[end:]).strip()
            changes.append(
                RenditionChange(
                    kind=ChangeKind.HASHTAG_REMOVED,
                    detail="Dropped an optional hashtag to save space.",
                    before=hashtag,
                )
            )
        return text

    # 3. Thread --------------------------------------------------------------------------

    def split_thread(self, text: str) -> list[str]:
        """Numbered parts that each fit, cut at the best boundaries; one part if impossible."""
        numbering = self.conventions.thread.numbering
        for widest in (9, 99, 999):
            suffix = " " + numbering.format(index=widest, total=widest)
            pieces = self._pieces(text, suffix)
            parts = _pack(pieces, suffix, self._fits)
            if len(parts) <= widest:
                total = len(parts)
                return (
                    [
                        f"{part} {numbering.format(index=index, total=total)}"
                        for index, part in enumerate(parts, start=1)
                    ]
                    if total > 1
                    else parts
                )
        return [text]

    def _fits(self, text: str) -> bool:
        return self.measure(text).fits

    def _pieces(self, text: str, suffix: str) -> list[str]:
        """``text`` cut into pieces that each fit with ``suffix``, as coarse as possible."""
        levels: list[Callable[[str], list[int]]] = [
            self._sentence_cuts,
            self._clause_cuts,
            _word_cuts,
        ]
        if not self.conventions.segmentation.spaces_between_sentences:
            levels.append(_grapheme_cuts)
        pieces = [text]
        for cuts in levels:
            refined: list[str] = []
            for piece in pieces:
                if self._fits(piece.strip() + suffix):
                    refined.append(piece)
                else:
                    refined.extend(_cut(piece, cuts(piece)))
            pieces = refined
        return pieces

    def _sentence_cuts(self, text: str) -> list[int]:
        sentences = segment(text, self.language, self.conventions).sentences
        return [sentence.start for sentence in sentences[1:]]

    def _clause_cuts(self, text: str) -> list[int]:
        cuts: list[int] = []
        for boundary in self.conventions.lines.clause_boundaries:
            start = 0
            while (found := text.find(boundary, start)) >= 0:
                end = found + len(boundary)
                # " –": cut before the dash, which opens the next part; ",": cut after it
                cuts.append(found + 1 if boundary[0].isspace() else end)
                start = end
        return cuts


def _after_parenthetical(text: str, end: int, short: str) -> int:
    """Past ``(SHORT)`` right after a name (``Name (SHORT)`` becomes ``SHORT``), else ``end``.

    >>> _after_parenthetical("WHO (WHO) x", 3, "WHO"), _after_parenthetical("WHO x", 3, "WHO")
    (9, 3)
    """
    for opening, closing in (("(", ")"), ("（", "）")):
        for gap in (" ", "\u00a0", ""):
            candidate = f"{gap}{opening}{short}{closing}"
            if text.startswith(candidate, end):
                return end + len(candidate)
    return end


def _entity_spans(text: str) -> list[tuple[int, int]]:
    return [(entity.start, entity.end) for entity in extract_entities(text)]


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(span_start < end and start < span_end for span_start, span_end in spans)


def trailing_hashtags(text: str) -> list[tuple[int, int]]:
    """Hashtags in the block of links, hashtags, mentions and emoji that ends the text.

    >>> text = "Join us on #WorldHealthDay. #Health #SDGs https://who.int"
    >>> [text[s:e] for s, e in trailing_hashtags(text)]
    ['#Health', '#SDGs']
    """
    entities = [entity for entity in extract_entities(text) if entity.kind in _TRAILING_KINDS]
    found: list[tuple[int, int]] = []
    end = len(text.rstrip())
    for entity in reversed(entities):
        if entity.end != end and text[entity.end : end].strip():
            break
        if entity.kind is EntityKind.HASHTAG:
            found.append((entity.start, entity.end))
        end = entity.start
        while end > 0 and text[end - 1].isspace():
            end -= 1
    return sorted(found)


def _word_cuts(text: str) -> list[int]:
    return [match.end() for match in re.finditer(r"\s+", text)]


def _grapheme_cuts(text: str) -> list[int]:
    return [match.end() for match in _GRAPHEME.finditer(text)][:-1]


def _cut(text: str, cuts: Sequence[int]) -> list[str]:
    """``text`` cut at ``cuts``, never inside an entity (a link, hashtag, number…)."""
    spans = _entity_spans(text)
    valid = sorted({cut for cut in cuts if 0 < cut < len(text) and not _inside(cut, spans)})
    bounds = [0, *valid, len(text)]
    return [text[start:end] for start, end in pairwise(bounds) if text[start:end]]


def _inside(cut: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start < cut < end for start, end in spans)


def _pack(pieces: Sequence[str], suffix: str, fits: Callable[[str], bool]) -> list[str]:
    """Greedily join consecutive pieces while each part, stripped, fits with ``suffix``."""
    parts: list[str] = []
    current = ""
    for piece in pieces:
        candidate = current + piece
        if current and not fits(candidate.strip() + suffix):
            parts.append(current.strip())
            current = piece
        else:
            current = candidate
    if current.strip():
        parts.append(current.strip())
    return [part for part in parts if part]
