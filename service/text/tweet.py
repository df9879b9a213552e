"""X (Twitter) weighted length and validity, as twitter-text v3 ``parseTweet`` computes it.

The rules are data: a twitter-text configuration (``data/twitter-text/config_v3.json``,
copied from twitter-text) gives code-point ranges with weights, the default weight for
everything else, the scale, the URL length and the limit. The text is NFC-normalised first;
each URL then weighs ``transformedURLLength`` (23) whatever its length, each emoji sequence
(with ``emojiParsingEnabled``) the default weight (2 units), every other code point the
weight of its range. Latin, Greek, Cyrillic, Arabic, Hebrew and the common punctuation
weigh 1; Chinese, Japanese, Korean and emoji weigh 2.

A text is valid when it is non-empty, within the limit and free of U+FFFE, U+FEFF and
U+FFFF. (twitter-text v3 no longer rejects the directional formatting characters
U+202A-U+202E; its conformance suite has a case that says so.)

>>> parse_tweet("Clean water is a human right 💧 https://un.org/water").weighted_length
55
>>> parse_tweet("水是生命之源").weighted_length
12
"""

import json
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from service.errors import DataError
from service.text.emoji import emoji_spans
from service.text.urls import url_spans

CONFIG_V3_FILE = Path(__file__).parent / "data" / "twitter-text" / "config_v3.json"
INVALID_CHARACTERS = ("\ufffe", "\ufeff", "\uffff")
_MAX_CODE_POINT = 0x10FFFF


@dataclass(frozen=True, slots=True)
class WeightRange:
    start: int
    end: int
    weight: int


@dataclass(frozen=True, slots=True)
class TwitterTextConfig:
    """A twitter-text parser configuration (the JSON files of twitter-text's ``config/``)."""

    version: int
    max_weighted_tweet_length: int
    scale: int
    default_weight: int
    transformed_url_length: int
    ranges: tuple[WeightRange, ...]
    emoji_parsing_enabled: bool = False

    @classmethod
    def from_file(cls, path: Path) -> "TwitterTextConfig":
        """Load a config file; a missing or malformed one is a :class:`DataError`."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            config = cls(
                version=_int(data, "version"),
                max_weighted_tweet_length=_int(data, "maxWeightedTweetLength", minimum=1),
                scale=_int(data, "scale", minimum=1),
                default_weight=_int(data, "defaultWeight"),
                transformed_url_length=_int(data, "transformedURLLength"),
                ranges=tuple(_weight_range(item) for item in data.get("ranges", [])),
                emoji_parsing_enabled=data.get("emojiParsingEnabled", False) is True,
            )
        except (OSError, ValueError, TypeError, AttributeError) as error:
            raise DataError(f"{path}: not a valid twitter-text config ({error})") from None
        return config


def _int(data: dict[str, object], key: str, minimum: int = 0) -> int:
    value = data.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise ValueError(f"{key!r} must be an integer >= {minimum}")
    return value


def _weight_range(item: dict[str, object]) -> WeightRange:
    start, end, weight = _int(item, "start"), _int(item, "end"), _int(item, "weight")
    if start > end or end > _MAX_CODE_POINT:
        raise ValueError(f"bad range {start}-{end}")
    return WeightRange(start, end, weight)


@cache
def config_v3() -> TwitterTextConfig:
    """The configuration X uses today (twitter-text ``config/v3.json``)."""
    return TwitterTextConfig.from_file(CONFIG_V3_FILE)


@dataclass(frozen=True, slots=True)
class TweetParse:
    """twitter-text's ``ParseResults``; range ends are inclusive UTF-16 indices, as upstream."""

    weighted_length: int
    valid: bool
    permillage: int
    valid_range_start: int
    valid_range_end: int
    display_range_start: int
    display_range_end: int


class _Weigher:
    """Per-code-point weights of a config, resolved once into disjoint intervals.

    ``weigh`` sums a whole string in C: one regular expression per non-default weight
    removes the characters of that weight, and the length difference counts them.
    """

    def __init__(self, config: TwitterTextConfig) -> None:
        self.default_weight = config.default_weight
        self._starts, self._weights = _intervals(config)
        ascii_end = bisect_right(self._starts, 0x7F)
        self.ascii_weight = self._weights[0] if ascii_end == 1 else None
        self._classes = [
            (
                weight - config.default_weight,
                re.compile(_char_class(self._starts, self._weights, weight)),
            )
            for weight in sorted(set(self._weights) - {config.default_weight})
        ]

    def char_weight(self, char: str) -> int:
        return self._weights[bisect_right(self._starts, ord(char)) - 1]

    def weigh(self, text: str) -> int:
        if self.ascii_weight is not None and text.isascii():
            return len(text) * self.ascii_weight
        total = len(text) * self.default_weight
        for extra, pattern in self._classes:
            total += extra * (len(text) - len(pattern.sub("", text)))
        return total


def _intervals(config: TwitterTextConfig) -> tuple[list[int], list[int]]:
    """Disjoint (start, weight) intervals over all code points; the first matching range wins."""
    points = {0, _MAX_CODE_POINT + 1}
    for weight_range in config.ranges:
        points.update((weight_range.start, weight_range.end + 1))
    starts: list[int] = []
    weights: list[int] = []
    for start in sorted(points)[:-1]:
        weight = next(
            (r.weight for r in config.ranges if r.start <= start <= r.end), config.default_weight
        )
        if not weights or weights[-1] != weight:
            starts.append(start)
            weights.append(weight)
    return starts, weights


def _char_class(starts: list[int], weights: list[int], weight: int) -> str:
    bounds = [*starts[1:], _MAX_CODE_POINT + 1]
    parts = [
        f"\\U{start:08x}-\\U{end - 1:08x}"
        for start, end, interval_weight in zip(starts, bounds, weights, strict=True)
        if interval_weight == weight
    ]
    return "[" + "".join(parts) + "]+"


@cache
def _weigher(config: TwitterTextConfig) -> _Weigher:
    return _Weigher(config)


def _weighted_entities(text: str, config: TwitterTextConfig) -> list[tuple[int, int, int]]:
    """URL and (if enabled) emoji spans with their weight in scaled units; URLs win overlaps."""
    url_weight = config.transformed_url_length * config.scale
    entities = [(start, end, url_weight) for start, end in url_spans(text)]
    if config.emoji_parsing_enabled:
        taken = iter(entities)
        current = next(taken, None)
        emoji_entities = []
        for start, end in emoji_spans(text):
            while current is not None and current[1] <= start:
                current = next(taken, None)
            if current is None or end <= current[0]:
                emoji_entities.append((start, end, config.default_weight))
        if emoji_entities:
            entities = sorted(entities + emoji_entities)
    return entities


def scaled_weight(text: str, config: TwitterTextConfig) -> int:
    """Sum of weights of NFC ``text`` in scaled units (``weighted_length * scale``)."""
    weigher = _weigher(config)
    total = weigher.weigh(text)
    for start, end, weight in _weighted_entities(text, config):
        total += weight - weigher.weigh(text[start:end])
    return total


def _utf16_length(text: str) -> int:
    return len(text) if text.isascii() else len(text.encode("utf-16-le")) // 2


def _last_valid_utf16_index(text: str, config: TwitterTextConfig) -> int:
    """UTF-16 index of the last character within the limit and before any invalid one."""
    weigher = _weigher(config)
    limit = config.max_weighted_tweet_length * config.scale
    entities = {start: (end, weight) for start, end, weight in _weighted_entities(text, config)}
    total = position = valid_index = index = 0
    while index < len(text):
        end, weight = entities.get(index, (index + 1, -1))
        if weight < 0:
            if text[index] in INVALID_CHARACTERS:
                break
            weight = weigher.char_weight(text[index])
        total += weight
        if total > limit:
            break
        position += _utf16_length(text[index:end])
        valid_index = position - 1
        index = end
    return valid_index


def parse_tweet(text: str, config: TwitterTextConfig | None = None) -> TweetParse:
    """Weighted length, validity and ranges of ``text`` (twitter-text ``parseTweet``)."""
    config = config or config_v3()
    normalized = unicodedata.normalize("NFC", text)
    total = scaled_weight(normalized, config)
    weighted_length = total // config.scale
    has_invalid = any(char in normalized for char in INVALID_CHARACTERS)
    maximum = config.max_weighted_tweet_length
    display_end = _utf16_length(text) - 1 if text else 0
    if has_invalid or total > maximum * config.scale:
        offset = _utf16_length(text) - _utf16_length(normalized)
        valid_end = _last_valid_utf16_index(normalized, config) + offset
    else:
        valid_end = display_end
    return TweetParse(
        weighted_length=weighted_length,
        valid=not has_invalid and 0 < weighted_length <= maximum,
        permillage=weighted_length * 1000 // maximum,
        valid_range_start=0,
        valid_range_end=valid_end,
        display_range_start=0,
        display_range_end=display_end,
    )


def tweet_weighted_length(text: str, config: TwitterTextConfig | None = None) -> int:
    """Just the weighted length (the fast path of :func:`parse_tweet`)."""
    config = config or config_v3()
    return scaled_weight(unicodedata.normalize("NFC", text), config) // config.scale


def is_valid_tweet(text: str, config: TwitterTextConfig | None = None) -> bool:
    """twitter-text's validity: non-empty, within the limit, no U+FFFE/U+FEFF/U+FFFF."""
    return parse_tweet(text, config).valid
