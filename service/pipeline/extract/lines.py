"""Line extraction: which sentences of a statement stand alone as a post, ranked, with reasons.

A good line (UN social media practice, as the issue states it):
- fits the platform with room for the link and hashtags every post carries;
- does not open on a word that needs an antecedent ("This", "Cela", "Esto", "Это", "这", "هذا");
- carries the key facts: numbers, named UN entities and glossary terms, calls to action;
- prefers the lead (journalism's inverted pyramid: the first sentences carry the news);
- does not repeat another line.

Where a sentence does not fit, a cut at a clause boundary is offered instead (never
mid-word), marked ``is_cut`` and ranked below whole sentences of the same merit.
Every language fact used here comes from ``locales/<code>.toml`` ``[lines]``.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from service.locales import LocaleConventions
from service.models import Line, Sentence, Statement
from service.pipeline.extract.features import (
    LineFeatures,
    describe,
    measure,
    similarity,
)
from service.text.length import weighted_length

TermFinder = Callable[[str], Sequence[str]]
"""Returns the glossary concept ids found in a text (see service.glossary)."""

_DUPLICATE_SIMILARITY = 0.6
_CUT_PENALTY = 0.85
_WEIGHTS = {"lead": 0.25, "facts": 0.35, "standalone": 0.2, "size": 0.2}


@dataclass(frozen=True)
class _Candidate:
    text: str
    start: int | None
    end: int | None
    position: int
    is_cut: bool
    is_title: bool = False


def post_suffix(statement: Statement) -> str:
    """What every post carries after its line: the link, then the hashtags."""
    parts = ([statement.link] if statement.link else []) + statement.hashtags
    return (" " + " ".join(parts)) if parts else ""


def _clause_cut(
    text: str, budget: int, platform: str, conventions: LocaleConventions
) -> str | None:
    """The longest prefix ending at a clause boundary (or, failing that, a word boundary) that fits.

    The returned line is the prefix plus the locale's cut marker (an ellipsis).
    """
    rules = conventions.lines
    marker = rules.cut_marker

    def fits(prefix: str) -> bool:
        return weighted_length(prefix + marker, platform).length <= budget

    ends = sorted(
        {index for boundary in rules.clause_boundaries for index in _occurrences(text, boundary)},
        reverse=True,
    )
    for end in ends:
        prefix = text[:end].rstrip()
        if len(prefix) >= rules.min_line_chars and fits(prefix):
            return prefix + marker
    if conventions.segmentation.spaces_between_sentences:
        words = [index for index, char in enumerate(text) if char.isspace()]
        for end in reversed(words):
            prefix = text[:end].rstrip(" ,;:–—")
            if len(prefix) >= rules.min_line_chars and fits(prefix):
                return prefix + marker
    return None


def _occurrences(text: str, boundary: str) -> list[int]:
    """Offsets where a cut before ``boundary`` may happen (the boundary itself is dropped)."""
    found: list[int] = []
    start = text.find(boundary)
    while start != -1:
        found.append(start)
        start = text.find(boundary, start + 1)
    return found


def _candidates(
    statement: Statement,
    sentences: Sequence[Sentence],
    budget: int,
    platform: str,
    conventions: LocaleConventions,
) -> list[_Candidate]:
    candidates: list[_Candidate] = []
    if statement.title:
        candidates.append(_Candidate(statement.title, None, None, 0, False, is_title=True))
    for position, sentence in enumerate(sentences):
        if weighted_length(sentence.text, platform).length <= budget:
            candidates.append(
                _Candidate(sentence.text, sentence.start, sentence.end, position, False)
            )
            continue
        cut = _clause_cut(sentence.text, budget, platform, conventions)
        if cut is not None:
            prefix_length = len(cut) - len(conventions.lines.cut_marker)
            end = sentence.start + prefix_length
            candidates.append(_Candidate(cut, sentence.start, end, position, True))
    return candidates


def _score(features: LineFeatures, candidate: _Candidate, total: int) -> float:
    lead = 1.0 - candidate.position / max(total, 1)
    facts = min(1.0, (features.numbers + len(features.terms) + features.calls_to_action) / 2.0)
    facts = min(1.0, facts + 0.25 * features.entities)
    standalone = 0.0 if features.unresolved_opener else 1.0
    if candidate.is_title:
        lead *= 0.8  # a headline rarely says enough alone; it must earn its rank with facts
    score = (
        _WEIGHTS["lead"] * lead
        + _WEIGHTS["facts"] * facts
        + _WEIGHTS["standalone"] * standalone
        + _WEIGHTS["size"] * features.size_fitness
    )
    return score * (_CUT_PENALTY if candidate.is_cut else 1.0)


def extract_lines(
    statement: Statement,
    sentences: Sequence[Sentence],
    conventions: LocaleConventions,
    platform: str,
    find_terms: TermFinder,
    max_lines: int = 10,
) -> list[Line]:
    """Rank the lines of a segmented statement for ``platform``, best first, without repeats."""
    suffix = post_suffix(statement)
    limit = weighted_length("", platform).limit
    budget = limit - weighted_length(suffix, platform).length if suffix else limit
    scored: list[tuple[float, _Candidate, LineFeatures]] = []
    for candidate in _candidates(statement, sentences, budget, platform, conventions):
        features = measure(candidate.text, suffix, platform, budget, conventions, find_terms)
        if features.too_short:
            continue
        scored.append((_score(features, candidate, len(sentences)), candidate, features))
    scored.sort(key=lambda item: (-item[0], item[1].position, item[1].is_cut))
    lines: list[Line] = []
    for score, candidate, features in scored:
        if any(similarity(candidate.text, line.text) > _DUPLICATE_SIMILARITY for line in lines):
            continue
        lines.append(
            Line(
                text=candidate.text,
                length=features.post_length,
                score=round(min(1.0, max(0.0, score)), 3),
                reasons=describe(
                    features, candidate.position, candidate.is_cut, candidate.is_title
                ),
                start=candidate.start,
                end=candidate.end,
                is_cut=candidate.is_cut,
            )
        )
        if len(lines) == max_lines:
            break
    return lines
