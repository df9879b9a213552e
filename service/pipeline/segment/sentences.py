"""Sentence segmentation with character offsets into the original text.

spaCy's blank pipeline for the language plus its rule-based ``sentencizer`` (configured with
the language's terminators from ``locales/``) proposes the boundaries; the rules in
:mod:`service.pipeline.segment.rules` correct them (Spanish ¿…?, abbreviations, initials,
decimals, URLs, ellipses, quotations). A line break always ends a sentence, so Markdown
headings and list items are sentences of their own.

Tokenizers come from :mod:`service.pipeline.segment.pipelines` (built once per language, fast
from a cached copy) and sentencizers are built once per set of terminators; segmenting one
post then takes about a millisecond.

>>> from service.locales import load_locales
>>> from service.settings import REPOSITORY_ROOT
>>> spanish = load_locales(REPOSITORY_ROOT / "locales")[Language.ES]
>>> result = segment("Hola. ¿Cómo estás? El Dr. Ruiz llega.", Language.ES, spanish)
>>> [sentence.text for sentence in result.sentences]
['Hola.', '¿Cómo estás?', 'El Dr. Ruiz llega.']
"""

import threading
from collections.abc import Iterator
from itertools import pairwise
from typing import Any

from service.languages import Language
from service.locales import LocaleConventions
from service.models import Segmentation, Sentence
from service.pipeline.segment.pipelines import blank_pipeline
from service.pipeline.segment.rules import BoundaryRules
from service.text.entities import EntityKind, extract_entities

_PROTECTED_KINDS = frozenset(EntityKind)  # every kind of entity
_sentencizers: dict[tuple[str, ...], Any] = {}
_rules: dict[str, BoundaryRules] = {}
_lock = threading.Lock()


def _sentencizer(punct_chars: tuple[str, ...]) -> Any:
    """spaCy's rule-based sentencizer for these terminators, built once per set.

    With a blank pipeline's tokenizer it needs no model download and no extra package:
    Chinese uses spaCy's default character segmenter (no jieba), Russian and Arabic no
    pymorphy or lookups.
    """
    with _lock:
        sentencizer = _sentencizers.get(punct_chars)
        if sentencizer is None:
            from spacy.pipeline import Sentencizer

            sentencizer = Sentencizer(punct_chars=list(punct_chars))
            _sentencizers[punct_chars] = sentencizer
        return sentencizer


def _boundary_rules(conventions: LocaleConventions) -> BoundaryRules:
    key = conventions.segmentation.model_dump_json()
    with _lock:
        rules = _rules.get(key)
        if rules is None:
            rules = BoundaryRules.from_locale(conventions.segmentation)
            _rules[key] = rules
        return rules


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """Each line that has something on it, with its offset; every line break counts."""
    offset = 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            yield offset, line
        offset += len(line)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _segment_line(
    line: str, nlp: Any, sentencizer: Any, rules: BoundaryRules
) -> list[tuple[int, int]]:
    """(start, end) of each sentence of one line, stripped of surrounding whitespace."""
    protected = [
        (entity.start, entity.end)
        for entity in extract_entities(line)
        if entity.kind in _PROTECTED_KINDS
    ]
    facts = rules.facts(line, protected)
    candidates = {sentence.start_char for sentence in sentencizer(nlp.make_doc(line)).sents}
    candidates.update(rules.spaced_candidates(line))
    starts = [0]
    for candidate in sorted(candidates):
        end, start = rules.gap(line, candidate)
        if start > starts[-1] and end > starts[-1] and rules.is_boundary(facts, end, start):
            starts.append(start)
    starts.append(len(line))
    sentences: list[tuple[int, int]] = []
    for start, end in (_strip(line, start, end) for start, end in pairwise(starts)):
        if sentences and not facts.has_prose(start, end):
            # A trailing link, hashtag or emoji belongs to the sentence before it.
            sentences[-1] = (sentences[-1][0], end)
        elif start < end:
            sentences.append((start, end))
    return sentences


def segment(text: str, language: Language, conventions: LocaleConventions) -> Segmentation:
    """Split ``text`` into sentences; ``text[s.start:s.end] == s.text`` for every sentence.

    Sentences come in order, do not overlap and carry no surrounding whitespace; blank text
    gives none. ``conventions`` must be ``language``'s.
    """
    if conventions.language.code != language:
        raise ValueError(f"conventions for {conventions.language.code} given for {language}")
    rules = _boundary_rules(conventions)
    nlp = blank_pipeline(conventions.language.spacy_language)
    sentencizer = _sentencizer(rules.punct_chars)
    sentences: list[Sentence] = []
    for offset, line in _lines(text):
        for start, end in _segment_line(line, nlp, sentencizer, rules):
            sentences.append(Sentence(text=line[start:end], start=offset + start, end=offset + end))
    return Segmentation(language=language, sentences=sentences)
