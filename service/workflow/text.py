"""Text use cases: the entities of a post, and its length as each platform counts it."""

from service.models import Model, PlatformLength
from service.text.entities import EntityKind, extract_entities
from service.text.length import PLATFORMS, platform_rules, weighted_length

ALL_PLATFORMS = "all"


class EntityFound(Model):
    """One entity; ``text == source[start:end]`` (code-point offsets, end exclusive)."""

    kind: EntityKind
    text: str
    start: int
    end: int


class Entities(Model):
    entities: list[EntityFound]


class PlatformLengths(Model):
    """A post's length on every platform, in the order of ``platforms.toml``."""

    lengths: list[PlatformLength]


class PlatformInfo(Model):
    id: str
    name: str
    limit: int


def find_entities(text: str) -> Entities:
    """The URLs, mentions, hashtags, cashtags, emoji and numbers of ``text``, in order."""
    return Entities(
        entities=[
            EntityFound(kind=entity.kind, text=entity.text, start=entity.start, end=entity.end)
            for entity in extract_entities(text)
        ]
    )


def check_platform(platform: str) -> str:
    """The platform id (or ``all``), or an :class:`InputError` naming the known ones."""
    if platform.strip().lower() == ALL_PLATFORMS:
        return ALL_PLATFORMS
    return platform_rules(platform).platform


def measure(text: str, platform: str) -> PlatformLength | PlatformLengths:
    """``text``'s length on ``platform`` against its limit, or on every platform (``all``)."""
    if check_platform(platform) == ALL_PLATFORMS:
        return PlatformLengths(lengths=[weighted_length(text, each) for each in PLATFORMS])
    return weighted_length(text, platform)


def platforms() -> list[PlatformInfo]:
    """Every platform adapt counts for: id, display name and limit."""
    return [
        PlatformInfo(id=key, name=rules.name, limit=rules.limit) for key, rules in PLATFORMS.items()
    ]


def platform_name(platform: str) -> str:
    """The display name of a platform id (``x`` -> ``X``)."""
    return platform_rules(platform).name


def platform_limit(platform: str) -> int:
    """How long a post may be on a platform, as it counts."""
    return platform_rules(platform).limit
