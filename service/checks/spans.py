"""Parts of a text that checks must not judge as prose: URLs, @mentions, hashtags, emoji.

A ``?`` inside ``https://un.org/?lang=fr`` is not a question mark and a number inside a
URL is not a figure to translate; typography, number and script checks skip these spans.
The spans come from :func:`service.text.entities.extract_entities`, the one place that
knows the twitter-text rules for entities.
"""

from bisect import bisect_right
from collections.abc import Sequence

from service.text.entities import EntityKind, extract_entities

Span = tuple[int, int]

_NON_PROSE_KINDS = frozenset(
    {EntityKind.URL, EntityKind.MENTION, EntityKind.HASHTAG, EntityKind.CASHTAG, EntityKind.EMOJI}
)


def non_prose_spans(text: str) -> list[Span]:
    """Sorted ``(start, end)`` offsets of the URLs, mentions, hashtags and emoji in ``text``."""
    return sorted(
        (entity.start, entity.end)
        for entity in extract_entities(text)
        if entity.kind in _NON_PROSE_KINDS
    )


def is_inside(offset: int, spans: Sequence[Span]) -> bool:
    """Whether ``offset`` falls inside one of the sorted, non-overlapping ``spans``.

    >>> is_inside(3, [(0, 2), (3, 5)]), is_inside(2, [(0, 2), (3, 5)])
    (True, False)
    """
    index = bisect_right([start for start, _ in spans], offset) - 1
    return index >= 0 and spans[index][0] <= offset < spans[index][1]


def overlaps(start: int, end: int, spans: Sequence[Span]) -> bool:
    """Whether ``[start, end)`` shares at least one character with one of ``spans``."""
    return any(span_start < end and start < span_end for span_start, span_end in spans)


def blank_out(text: str, spans: Sequence[Span], fill: str = " ") -> str:
    """``text`` with every span replaced by ``fill`` characters; offsets stay the same.

    >>> blank_out("see https://un.org now", [(4, 18)])
    'see                now'
    """
    pieces: list[str] = []
    position = 0
    for start, end in spans:
        pieces.append(text[position:start])
        pieces.append(fill * (end - start))
        position = end
    pieces.append(text[position:])
    return "".join(pieces)
