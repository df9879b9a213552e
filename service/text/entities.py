"""Entities of a post: URLs, @mentions, #hashtags, $cashtags, emoji and numbers.

:func:`extract_entities` is what the pipeline calls: every entity once, sorted by
``start``, never overlapping. Where two candidates overlap, the kind earlier in
:data:`PRIORITY` wins (a URL over the ``#anchor`` or ``2024`` inside it, a hashtag over
its digits, a keycap emoji over its digit).

Offsets are Python ``str`` indices, i.e. Unicode code points (the same unit as
twitter-text's indices), ``end`` exclusive: always ``text[entity.start:entity.end] ==
entity.text``. A UTF-16 based consumer (JavaScript) must convert.

The per-kind functions below follow twitter-text exactly (its conformance suite runs
against them) and exist for that suite and for debugging; the rules themselves live in
:mod:`service.text.urls`, :mod:`service.text.tags`, :mod:`service.text.emoji` and
:mod:`service.text.numerals`.

>>> [(e.kind.value, e.text) for e in extract_entities("#SDG3 at un.org: 1 000 lives 💙")]
[('hashtag', '#SDG3'), ('url', 'un.org'), ('number', '1 000'), ('emoji', '💙')]
"""

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from service.text import emoji, numerals, tags, urls


class EntityKind(StrEnum):
    URL = "url"
    MENTION = "mention"
    HASHTAG = "hashtag"
    CASHTAG = "cashtag"
    EMOJI = "emoji"
    NUMBER = "number"


PRIORITY: tuple[EntityKind, ...] = tuple(EntityKind)
"""Overlap resolution order: earlier kinds win."""


@dataclass(frozen=True, slots=True)
class Entity:
    """One entity; ``text == source[start:end]`` (code-point offsets, end exclusive).

    A plain frozen dataclass rather than a pydantic model: posts are scanned in bulk and
    entities are values that never cross an edge unconverted.
    """

    kind: EntityKind
    text: str
    start: int
    end: int

    def as_json(self) -> dict[str, object]:
        return {"kind": self.kind.value, "text": self.text, "start": self.start, "end": self.end}


def _entities(kind: EntityKind, text: str, spans: Sequence[tuple[int, int]]) -> list[Entity]:
    return [Entity(kind, text[start:end], start, end) for start, end in spans]


def extract_urls_with_indices(text: str, *, without_protocol: bool = True) -> list[Entity]:
    """URLs (twitter-text ``extractUrlsWithIndices``); bare domains only if ``without_protocol``."""
    return _entities(EntityKind.URL, text, urls.url_spans(text, without_protocol=without_protocol))


def extract_urls(text: str) -> list[str]:
    return [entity.text for entity in extract_urls_with_indices(text)]


def extract_mentions_or_lists_with_indices(text: str) -> list[Entity]:
    """``@user`` and ``@user/list`` mentions; the entity text includes the ``@``."""
    return _entities(EntityKind.MENTION, text, tags.mention_or_list_spans(text))


def extract_mentions_with_indices(text: str) -> list[Entity]:
    """``@user`` mentions without lists (twitter-text ``extractMentionsWithIndices``)."""
    return _entities(EntityKind.MENTION, text, tags.mention_spans(text))


def extract_mentions(text: str) -> list[str]:
    """Screen names, without the ``@``."""
    return [entity.text[1:] for entity in extract_mentions_with_indices(text)]


def extract_hashtags_with_indices(text: str) -> list[Entity]:
    """Hashtags outside URLs (twitter-text ``extractHashtagsWithIndices``)."""
    url_spans = urls.url_spans(text) if "." in text else []
    return _entities(EntityKind.HASHTAG, text, tags.hashtag_spans(text, url_spans))


def extract_hashtags(text: str) -> list[str]:
    """Hashtags, without the ``#``."""
    return [entity.text[1:] for entity in extract_hashtags_with_indices(text)]


def extract_cashtags_with_indices(text: str) -> list[Entity]:
    return _entities(EntityKind.CASHTAG, text, tags.cashtag_spans(text))


def extract_cashtags(text: str) -> list[str]:
    """Cashtags, without the ``$``."""
    return [entity.text[1:] for entity in extract_cashtags_with_indices(text)]


def extract_emoji_with_indices(text: str) -> list[Entity]:
    return _entities(EntityKind.EMOJI, text, emoji.emoji_spans(text))


def extract_numbers_with_indices(text: str) -> list[Entity]:
    return _entities(EntityKind.NUMBER, text, numerals.number_spans(text))


def _candidates(text: str) -> dict[EntityKind, list[tuple[int, int]]]:
    url_spans = urls.url_spans(text)
    mention_spans = tags.mastodon_handle_spans(text) + tags.mention_or_list_spans(text)
    return {
        EntityKind.URL: url_spans,
        EntityKind.MENTION: sorted(mention_spans),
        EntityKind.HASHTAG: tags.hashtag_spans(text),
        EntityKind.CASHTAG: tags.cashtag_spans(text),
        EntityKind.EMOJI: emoji.emoji_spans(text),
        EntityKind.NUMBER: numerals.number_spans(text),
    }


_REMEMBERED_CHARS = 4_000
"""Texts up to this long (posts, lines; not whole statements) have their entities
remembered: the checks, post-editing and masking of one post each ask about the same texts,
about 30 times a rendition, and entities are immutable values."""


def extract_entities(text: str) -> list[Entity]:
    """Every entity of ``text``, sorted by ``start``, non-overlapping (see :data:`PRIORITY`)."""
    return list(_remembered(text) if len(text) <= _REMEMBERED_CHARS else _extracted(text))


@lru_cache(maxsize=4096)
def _remembered(text: str) -> tuple[Entity, ...]:
    return _extracted(text)


def _extracted(text: str) -> tuple[Entity, ...]:
    candidates = _candidates(text)
    starts: list[int] = []
    kept: list[Entity] = []
    for kind in PRIORITY:
        for start, end in candidates[kind]:
            index = bisect_left(starts, start)
            if index > 0 and kept[index - 1].end > start:
                continue
            if index < len(kept) and kept[index].start < end:
                continue
            starts.insert(index, start)
            kept.insert(index, Entity(kind, text[start:end], start, end))
    return tuple(kept)
