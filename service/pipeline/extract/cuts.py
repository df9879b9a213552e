"""Cutting a sentence that is too long for a post at a clause boundary, never mid-word.

A cut never falls inside a URL, @mention, hashtag or cashtag, and the cut line ends with
the locale's cut marker (an ellipsis). Every language fact is in ``locales/`` ``[lines]``.
"""

from service.locales import LocaleConventions
from service.text.entities import EntityKind, extract_entities
from service.text.length import weighted_length

_WHOLE_KINDS = frozenset(
    {EntityKind.URL, EntityKind.MENTION, EntityKind.HASHTAG, EntityKind.CASHTAG}
)
_TRAILING = " ,;:–—"


def _occurrences(text: str, boundary: str) -> list[int]:
    """Offsets where a cut before ``boundary`` may happen (the boundary itself is dropped)."""
    found: list[int] = []
    start = text.find(boundary)
    while start != -1:
        found.append(start)
        start = text.find(boundary, start + 1)
    return found


def clause_cut(text: str, budget: int, platform: str, conventions: LocaleConventions) -> str | None:
    """The longest prefix ending at a clause boundary (or, failing that, a word boundary)
    that fits ``budget`` with the cut marker, plus the marker; None if there is none.

    A prefix is at most ``budget`` characters plus the length of its URLs (a URL counts
    less than its length on some platforms), so only ends up to that bound are measured:
    a cut costs a few measurements, however long the sentence.

    >>> from service.locales import load_locales
    >>> from service.settings import REPOSITORY_ROOT
    >>> from service.languages import Language
    >>> english = load_locales(REPOSITORY_ROOT / "locales")[Language.EN]
    >>> text = "Every country must act on health today, so read https://un.org/a,b and act at once"
    >>> clause_cut(text, 75, "x", english)  # not at the comma inside the URL
    'Every country must act on health today…'
    """
    rules = conventions.lines
    marker = rules.cut_marker
    entities = [e for e in extract_entities(text) if e.kind in _WHOLE_KINDS]
    longest = budget + sum(len(e.text) for e in entities if e.kind is EntityKind.URL)

    def allowed(end: int) -> bool:
        return end <= longest and not any(e.start < end < e.end for e in entities)

    def fits(prefix: str) -> bool:
        return len(prefix) >= rules.min_line_chars and (
            weighted_length(prefix + marker, platform).length <= budget
        )

    ends = {index for boundary in rules.clause_boundaries for index in _occurrences(text, boundary)}
    for end in sorted(filter(allowed, ends), reverse=True):
        if fits(prefix := text[:end].rstrip()):
            return prefix + marker
    if conventions.segmentation.spaces_between_sentences:
        words = [index for index, char in enumerate(text) if char.isspace() and allowed(index)]
        for end in reversed(words):
            if fits(prefix := text[:end].rstrip(_TRAILING)):
                return prefix + marker
    return None
