"""Matching keys for the translation memory, and re-filling entities into a stored target.

Two sources are the *same* segment for the memory when they differ only in whitespace,
Unicode composition, or the values of their volatile entities: URLs, @mentions, cashtags
and numbers. The key is the text in NFC with those entities replaced by typed placeholders
and every run of whitespace collapsed to one space. Case, punctuation, hashtags and emoji
are kept: in an approved UN text they carry meaning (a localized official hashtag, "UN" vs
"un").

When a stored unit matches a new source whose entities differ, the stored target is
re-filled: each entity of the target that equals an entity of the stored source is replaced
by the new source's entity at the same place in the source. If that cannot be done safely
(a changed number the target spells out in words, a URL the target localized), there is no
exact match.
"""

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from service.text.entities import EntityKind, extract_entities

# Entity kinds whose value changes from one post to the next without changing the segment.
PLACEHOLDER_KINDS = frozenset(
    {EntityKind.URL, EntityKind.MENTION, EntityKind.CASHTAG, EntityKind.NUMBER}
)

# Placeholders are framed by two private-use characters; the same characters in the text
# itself are replaced by U+FFFD in the key, so a placeholder never collides with text.
_OPEN, _CLOSE = "\ue000", "\ue001"
_ESCAPE = str.maketrans({_OPEN: "\ufffd", _CLOSE: "\ufffd"})
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class KeyEntity:
    """A volatile entity found in a text: its kind and its text."""

    kind: EntityKind
    text: str


@dataclass(frozen=True)
class SourceKey:
    """The memory's key for a text, and the volatile entities it stands for, in order."""

    key: str
    entities: tuple[KeyEntity, ...]


def volatile_entities(text: str) -> list[tuple[int, int, KeyEntity]]:
    """The URLs, mentions, cashtags and numbers of ``text`` with their offsets, in order."""
    found: list[tuple[int, int, KeyEntity]] = []
    for entity in extract_entities(text):
        if entity.kind in PLACEHOLDER_KINDS:
            found.append((entity.start, entity.end, KeyEntity(entity.kind, entity.text)))
    return found


def normalize_text(text: str) -> str:
    """NFC, each run of whitespace one space, no leading or trailing space.

    >>> normalize_text(" Hand\\u00a0 hygiene\\nsaves lives ")
    'Hand hygiene saves lives'
    """
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def make_source_key(text: str) -> SourceKey:
    """The matching key of ``text``, normalized first so that ``1 000`` and ``1\\u00a0000`` agree.

    >>> make_source_key("  Read\\u00a0more:  https://www.un.org/x ").key
    'Read more: \\ue000url\\ue001'
    """
    normalized = normalize_text(text)
    pieces: list[str] = []
    entities: list[KeyEntity] = []
    position = 0
    for start, end, entity in volatile_entities(normalized):
        pieces.append(normalized[position:start].translate(_ESCAPE))
        pieces.append(f"{_OPEN}{entity.kind.value}{_CLOSE}")
        entities.append(entity)
        position = end
    pieces.append(normalized[position:].translate(_ESCAPE))
    return SourceKey(key="".join(pieces), entities=tuple(entities))


def _value(entity: KeyEntity) -> str:
    """What makes two entities equal: digits for numbers ("1,000" = "1 000"), else text."""
    if entity.kind is not EntityKind.NUMBER:
        return entity.text.casefold() if entity.kind is EntityKind.MENTION else entity.text
    return "".join(str(unicodedata.digit(char)) for char in entity.text if char.isdigit())


def _replacement(
    target_entity: KeyEntity, old: Sequence[KeyEntity], new: Sequence[KeyEntity]
) -> str | None:
    """The text that replaces one entity of the stored target, or None if unsafe."""
    indices = [
        index
        for index, entity in enumerate(old)
        if entity.kind == target_entity.kind and _value(entity) == _value(target_entity)
    ]
    if indices:
        texts = {new[index].text for index in indices}
        if len(texts) == 1:
            text = texts.pop()
            unchanged = all(old[index].text == new[index].text for index in indices)
            return target_entity.text if unchanged else text
        return None
    # An entity only the target has (a localized URL): keep it while its kind is unchanged.
    same_kind_unchanged = all(
        entity.text == new[index].text
        for index, entity in enumerate(old)
        if entity.kind == target_entity.kind
    )
    return target_entity.text if same_kind_unchanged else None


def refill_target(stored: SourceKey, new: SourceKey, stored_target: str) -> str | None:
    """The stored target with the new source's entities, or None if that is not safe.

    ``stored`` and ``new`` must have the same entity kinds in the same order (equal keys).

    >>> old = make_source_key("Read more: https://www.un.org/x")
    >>> new = make_source_key("Read more:  https://www.who.int/y")
    >>> refill_target(old, new, "Pour en savoir plus : https://www.un.org/x")
    'Pour en savoir plus : https://www.who.int/y'
    """
    if [entity.kind for entity in stored.entities] != [entity.kind for entity in new.entities]:
        raise ValueError("refill_target needs two sources with the same entity kinds")
    if stored.entities == new.entities:
        return stored_target
    target = unicodedata.normalize("NFC", stored_target)
    pieces: list[str] = []
    covered: set[int] = set()
    position = 0
    for start, end, entity in volatile_entities(target):
        replacement = _replacement(entity, stored.entities, new.entities)
        if replacement is None:
            return None
        covered.update(
            index
            for index, old in enumerate(stored.entities)
            if old.kind == entity.kind and _value(old) == _value(entity)
        )
        pieces.extend((target[position:start], replacement))
        position = end
    pieces.append(target[position:])
    changed = {
        index
        for index, (old, fresh) in enumerate(zip(stored.entities, new.entities, strict=True))
        if old.text != fresh.text
    }
    return "".join(pieces) if changed <= covered else None
