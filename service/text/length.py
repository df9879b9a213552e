"""Length of a post as each platform counts it, against that platform's limit.

The rules are data, in ``data/platforms.toml`` (read here and nowhere else): the limit,
the unit (twitter-text weights, grapheme clusters, code points or UTF-16 units), whether
URLs count a fixed length and whether ``@user@domain`` counts as ``@user``. Every count is
of the NFC form of the text, so the same visible text always has the same length.

>>> weighted_length("Clean water is a human right 💧 https://un.org/water", "x")
PlatformLength(platform='x', length=55, limit=280, fits=True)
>>> weighted_length("👨‍👩‍👧‍👦🇺🇳", "bluesky").length
2
>>> weighted_length("Thanks @who@mastodon.social https://www.who.int/news/1", "mastodon").length
35
"""

import tomllib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType
from typing import Any

import regex

from service.errors import DataError, ErrorCode, InputError
from service.models import PlatformLength
from service.text.tags import mastodon_handle_spans
from service.text.tweet import TwitterTextConfig, is_valid_tweet, scaled_weight
from service.text.urls import url_spans

__all__ = [
    "PLATFORMS",
    "Counting",
    "PlatformRules",
    "is_valid_tweet",
    "load_platforms",
    "platform_ids",
    "platform_rules",
    "weighted_length",
]

DATA_DIR = Path(__file__).parent / "data"
PLATFORMS_FILE = DATA_DIR / "platforms.toml"

_GRAPHEME = regex.compile(r"\X")


class Counting(StrEnum):
    TWITTER_TEXT = "twitter-text"
    GRAPHEMES = "graphemes"
    CODE_POINTS = "code-points"
    UTF16 = "utf16"


@dataclass(frozen=True, slots=True)
class PlatformRules:
    """How one platform counts; see ``data/platforms.toml`` for the meaning of each field."""

    platform: str
    name: str
    limit: int
    counting: Counting
    source: str
    twitter_text_config: TwitterTextConfig | None = None
    url_length: int | None = None
    url_requires_protocol: bool = False
    remote_mentions_as_local: bool = False
    max_utf8_bytes: int | None = None


_KEYS = frozenset(
    {
        "name",
        "limit",
        "counting",
        "source",
        "twitter_text_config",
        "url_length",
        "url_requires_protocol",
        "remote_mentions_as_local",
        "max_utf8_bytes",
    }
)


class _Fields:
    """Typed reads of one ``[platform]`` table; each error names the file, table and key."""

    def __init__(self, table: Mapping[str, Any], where: str) -> None:
        self.table = table
        self.where = where

    def fail(self, key: str, message: str) -> DataError:
        return DataError(f"{self.where} {key}: {message}")

    def text(self, key: str) -> str:
        value = self.table.get(key)
        if not isinstance(value, str) or not value:
            raise self.fail(key, f"must be a non-empty string, got {value!r}")
        return value

    def positive(self, key: str) -> int:
        value = self.optional_positive(key)
        if value is None:
            raise self.fail(key, "must be a positive integer, got None")
        return value

    def optional_positive(self, key: str) -> int | None:
        value = self.table.get(key)
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise self.fail(key, f"must be a positive integer, got {value!r}")
        return value

    def flag(self, key: str) -> bool:
        value = self.table.get(key, False)
        if not isinstance(value, bool):
            raise self.fail(key, f"must be true or false, got {value!r}")
        return value


def _twitter_text_config(fields: _Fields, directory: Path, limit: int) -> TwitterTextConfig:
    key = "twitter_text_config"
    try:
        config = TwitterTextConfig.from_file(directory / fields.text(key))
    except DataError as error:
        raise fields.fail(key, error.message) from None
    if config.max_weighted_tweet_length != limit:
        raise fields.fail(
            "limit",
            f"{limit} differs from the twitter-text config's {config.max_weighted_tweet_length}",
        )
    return config


def _platform_rules(platform: str, table: Mapping[str, Any], path: Path) -> PlatformRules:
    fields = _Fields(table, f"{path}: [{platform}]")
    unknown = set(table) - _KEYS
    if unknown:
        raise DataError(f"{fields.where}: unknown key(s) {', '.join(sorted(unknown))}")
    counting_name = fields.text("counting")
    try:
        counting = Counting(counting_name)
    except ValueError:
        choices = ", ".join(c.value for c in Counting)
        raise fields.fail("counting", f"{counting_name!r} is not one of {choices}") from None
    limit = fields.positive("limit")
    config = None
    if counting is Counting.TWITTER_TEXT:
        config = _twitter_text_config(fields, path.parent, limit)
    return PlatformRules(
        platform=platform,
        name=fields.text("name"),
        limit=limit,
        counting=counting,
        source=fields.text("source"),
        twitter_text_config=config,
        url_length=fields.optional_positive("url_length"),
        url_requires_protocol=fields.flag("url_requires_protocol"),
        remote_mentions_as_local=fields.flag("remote_mentions_as_local"),
        max_utf8_bytes=fields.optional_positive("max_utf8_bytes"),
    )


def load_platforms(path: Path = PLATFORMS_FILE) -> dict[str, PlatformRules]:
    """Read and validate the platform rules; any problem is a :class:`DataError` naming ``path``."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise DataError(f"{path}: cannot read ({error.strerror})") from None
    except tomllib.TOMLDecodeError as error:
        raise DataError(f"{path}: {error}") from None
    if not data:
        raise DataError(f"{path}: no platforms defined")
    rules = {}
    for platform, table in data.items():
        if not isinstance(table, dict):
            raise DataError(f"{path}: {platform} must be a table ([{platform}])")
        rules[platform] = _platform_rules(platform, table, path)
    return rules


PLATFORMS: Mapping[str, PlatformRules] = MappingProxyType(load_platforms())


def platform_ids() -> list[str]:
    """Platform ids in the order of ``platforms.toml``."""
    return list(PLATFORMS)


def platform_rules(platform: str) -> PlatformRules:
    """The rules of ``platform`` (case-insensitive id), or :class:`InputError` listing the ids."""
    rules = PLATFORMS.get(platform.strip().lower())
    if rules is None:
        raise InputError(
            f"unknown platform {platform!r}; choose one of: {', '.join(PLATFORMS)}",
            code=ErrorCode.UNKNOWN_PLATFORM,
            platform=platform,
            known=list(PLATFORMS),
        )
    return rules


def _countable_text(text: str, rules: PlatformRules) -> str:
    """``text`` with each URL as ``url_length`` characters and remote mentions as local."""
    replacements: list[tuple[int, int, str]] = []
    if rules.url_length is not None:
        spans = url_spans(text, without_protocol=not rules.url_requires_protocol)
        replacements += [(start, end, "x" * rules.url_length) for start, end in spans]
    if rules.remote_mentions_as_local:
        for start, end in mastodon_handle_spans(text):
            local_end = next(i for i in range(start + 1, end) if text[i] in "@\uff20")
            replacements.append((start, end, text[start:local_end]))
    if not replacements:
        return text
    pieces: list[str] = []
    position = 0
    for start, end, replacement in sorted(replacements):
        if start >= position:
            pieces += [text[position:start], replacement]
            position = end
    pieces.append(text[position:])
    return "".join(pieces)


def _count(text: str, counting: Counting) -> int:
    if counting is Counting.CODE_POINTS:
        return len(text)
    if counting is Counting.UTF16:
        return len(text) if text.isascii() else len(text.encode("utf-16-le")) // 2
    if text.isascii():  # graphemes: in ASCII only CR LF joins two code points
        return len(text) - text.count("\r\n")
    return len(_GRAPHEME.findall(text))


def weighted_length(text: str, platform: str) -> PlatformLength:
    """The length of ``text`` on ``platform`` and whether it fits the limit.

    Raises :class:`InputError` for an unknown platform (the message lists the valid ids).
    """
    rules = platform_rules(platform)
    normalized = unicodedata.normalize("NFC", text)
    if rules.twitter_text_config is not None:
        config = rules.twitter_text_config
        length = scaled_weight(normalized, config) // config.scale
    else:
        length = _count(_countable_text(normalized, rules), rules.counting)
    fits = length <= rules.limit
    if fits and rules.max_utf8_bytes is not None:
        fits = len(normalized.encode("utf-8")) <= rules.max_utf8_bytes
    # Computed values, valid by construction: skip pydantic validation (a third of the cost).
    return PlatformLength.model_construct(
        platform=rules.platform, length=length, limit=rules.limit, fits=fits
    )
