"""What makes a line a good post, measured: facts, calls to action, size, similarity.

Kept apart from ranking (lines.py) so each feature can be tested on its own.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import regex

from service.glossary import TermMatch
from service.locales import LocaleConventions
from service.text.entities import EntityKind, extract_entities
from service.text.length import weighted_length

_WORD = regex.compile(r"\w+")
_HAN = regex.compile(r"\p{Han}")
_IDEAL_SHARE = (0.35, 0.9)
"""A line that uses between 35% and 90% of the room left is the right size for a post."""


@dataclass(frozen=True)
class LineFeatures:
    numbers: int
    terms: tuple[str, ...]
    calls_to_action: int
    entities: int
    post_length: int
    budget: int
    limit: int
    platform: str
    size_fitness: float
    too_short: bool


def _count_calls_to_action(text: str, conventions: LocaleConventions) -> int:
    folded = f" {' '.join(_WORD.findall(text.casefold()))} "
    return sum(
        1
        for phrase in conventions.lines.calls_to_action
        if f" {' '.join(_WORD.findall(phrase.casefold()))} " in folded
        or (not conventions.segmentation.spaces_between_sentences and phrase in text)
    )


def _size_fitness(length: int, budget: int) -> float:
    share = length / budget if budget > 0 else 1.0
    low, high = _IDEAL_SHARE
    if share < low:
        return share / low
    if share > high:
        return max(0.0, 1.0 - (share - high) / (1.0 - high + 1e-9))
    return 1.0


def measure(
    text: str,
    suffix: str,
    platform: str,
    budget: int,
    conventions: LocaleConventions,
    find_terms: Callable[[str], Sequence[TermMatch]],
) -> LineFeatures:
    """Measure one candidate line; ``budget`` is the room left after the suffix."""
    entities = extract_entities(text)
    line_length = weighted_length(text, platform).length
    return LineFeatures(
        numbers=sum(1 for entity in entities if entity.kind is EntityKind.NUMBER),
        terms=tuple(dict.fromkeys(match.concept_id for match in find_terms(text))),
        calls_to_action=_count_calls_to_action(text, conventions),
        entities=sum(1 for e in entities if e.kind in (EntityKind.MENTION, EntityKind.HASHTAG)),
        post_length=weighted_length(text + suffix, platform).length,
        budget=budget,
        limit=weighted_length("", platform).limit,
        platform=platform,
        size_fitness=_size_fitness(line_length, budget),
        too_short=len(text.strip()) < conventions.lines.min_line_chars,
    )


def describe(
    features: LineFeatures, position: int, is_cut: bool, is_title: bool, notes: Sequence[str] = ()
) -> list[str]:
    """Reasons a reviewer can read, positive first, then what was done to the sentence."""
    reasons: list[str] = []
    if is_title:
        reasons.append("the statement's title")
    elif position == 0:
        reasons.append("lead sentence")
    else:
        reasons.append(f"sentence {position + 1} of the statement")
    if features.numbers:
        reasons.append(f"carries {features.numbers} number(s)")
    if features.terms:
        reasons.append("names " + ", ".join(features.terms))
    if features.calls_to_action:
        reasons.append("has a call to action")
    reasons.append(
        f"fits {features.platform} with link and hashtags: {features.post_length}/{features.limit}"
    )
    reasons.extend(notes)
    if is_cut:
        reasons.append("cut at a clause boundary: the whole sentence does not fit")
    return reasons


def _tokens(text: str) -> set[str]:
    tokens: set[str] = set()
    for word in _WORD.findall(text.casefold()):
        if _HAN.search(word):
            tokens.update(word[index : index + 2] for index in range(max(1, len(word) - 1)))
        else:
            tokens.add(word)
    return tokens


def similarity(first: str, second: str) -> float:
    """Jaccard similarity of word sets (character bigrams for Chinese), in [0, 1].

    >>> similarity("WHO calls for action", "WHO calls for action now")
    0.8
    """
    a, b = _tokens(first), _tokens(second)
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)
