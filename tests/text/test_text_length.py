"""Weighted length per platform, the platform rules file, and the X parser beyond the suite."""

import doctest
import unicodedata
from pathlib import Path

import hypothesis.strategies as st
import pytest
from hypothesis import given, settings

from service.errors import DataError, InputError
from service.models import PlatformLength
from service.text import length as length_module
from service.text import tweet
from service.text.length import (
    PLATFORMS,
    Counting,
    load_platforms,
    platform_ids,
    platform_rules,
    weighted_length,
)
from service.text.tweet import TwitterTextConfig, config_v3, is_valid_tweet, parse_tweet

FAMILY = "👨‍👩‍👧‍👦"


def test_platforms_and_limits() -> None:
    assert platform_ids() == ["x", "bluesky", "mastodon", "threads", "linkedin"]
    assert {p: PLATFORMS[p].limit for p in PLATFORMS} == {
        "x": 280,
        "bluesky": 300,
        "mastodon": 500,
        "threads": 500,
        "linkedin": 3000,
    }
    assert PLATFORMS["x"].twitter_text_config == config_v3()


@pytest.mark.parametrize(
    ("text", "platform", "expected"),
    [
        # X: Latin, Cyrillic and Arabic weigh 1; CJK and emoji 2; a URL 23.
        ("Clean water is a human right.", "x", 29),
        ("Чистая вода — это право человека.", "x", 33),
        ("المياه النظيفة حق من حقوق الإنسان.", "x", 34),
        ("清洁饮水是一项人权。", "x", 20),
        ("El agua es vida 💧", "x", 18),
        (f"{FAMILY}🇺🇳👍🏽", "x", 6),
        ("Read https://www.un.org/sustainabledevelopment/water-and-sanitation/", "x", 28),
        ("Lire un.org/fr", "x", 28),
        # Bluesky: grapheme clusters; a ZWJ family, a flag, an accent all count 1.
        (f"{FAMILY}🇺🇳", "bluesky", 2),
        ("e\u0301te\u0301", "bluesky", 3),
        ("नमस्ते", "bluesky", 3),
        ("a\r\nb", "bluesky", 3),
        ("Lire https://www.un.org/fr/sections/issues-depth/water", "bluesky", 54),
        # Mastodon: graphemes, every http(s) URL 23, @user@domain as @user.
        ("Merci @who@mastodon.social !", "mastodon", 12),
        ("Lire https://www.un.org/fr/sections/issues-depth/water", "mastodon", 28),
        ("Lire un.org/fr", "mastodon", 14),
        (f"{FAMILY} @UN", "mastodon", 5),
        # Threads and LinkedIn: UTF-16 units, so an emoji counts 2 or more.
        ("Hello 👍", "threads", 8),
        (FAMILY, "linkedin", 11),
        ("Привет", "linkedin", 6),
    ],
)
def test_weighted_length(text: str, platform: str, expected: int) -> None:
    result = weighted_length(text, platform)
    assert isinstance(result, PlatformLength)
    assert (result.platform, result.length) == (platform, expected)
    assert result.fits is (expected <= result.limit)


def test_limits_are_inclusive() -> None:
    assert weighted_length("a" * 280, "x").fits
    assert not weighted_length("a" * 281, "x").fits
    assert weighted_length("水" * 140, "x").fits
    assert not weighted_length("水" * 141, "x").fits
    assert weighted_length("😀" * 300, "bluesky").fits
    assert not weighted_length("a" * 301, "bluesky").fits
    assert weighted_length("a" * 3000, "linkedin").fits
    assert not weighted_length("👍" * 1501, "linkedin").fits


def test_bluesky_byte_limit() -> None:
    """300 families are 300 graphemes but 7,500 UTF-8 bytes, over Bluesky's 3,000."""
    result = weighted_length(FAMILY * 300, "bluesky")
    assert result.length == 300 and not result.fits
    assert weighted_length(FAMILY * 120, "bluesky").fits


def test_platform_ids_are_case_insensitive_and_checked() -> None:
    assert weighted_length("hi", " X ").platform == "x"
    with pytest.raises(InputError, match="unknown platform 'twitter'; choose one of: x, bluesky"):
        weighted_length("hi", "twitter")
    assert platform_rules("Mastodon").counting is Counting.GRAPHEMES


def test_empty_text_measures_zero() -> None:
    for platform in PLATFORMS:
        assert weighted_length("", platform).length == 0


_TEXTS = st.lists(
    st.sampled_from(
        [
            "a",
            "é",
            "e\u0301",
            "水",
            "Ж",
            "ع",
            " ",
            ".",
            "un.org",
            "https://",
            "@a@b.org",
            "👍",
            "🏽",
            "\u200d",
            "🇺",
            "\r",
            "\n",
            "１",
            "\ufb2c",
            "\u0301",
            "ᄀ",
            "ᅡ",
            "\U00020021",
        ]
    ),
    max_size=60,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TEXTS, st.sampled_from(["x", "bluesky", "mastodon", "threads", "linkedin"]))
def test_length_invariants(text: str, platform: str) -> None:
    result = weighted_length(text, platform)
    assert result.length >= 0
    for form in ("NFC", "NFD"):
        assert weighted_length(unicodedata.normalize(form, text), platform) == result
    assert weighted_length(text + " ", platform).length == result.length + 1


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_any_text_has_a_length(text: str) -> None:
    for platform in PLATFORMS:
        assert weighted_length(text, platform).length >= 0


# --- the X parser -------------------------------------------------------------------------


def test_is_valid_tweet() -> None:
    assert is_valid_tweet("Clean water for all")
    assert not is_valid_tweet("")
    assert not is_valid_tweet("a" * 281)
    assert is_valid_tweet("水" * 140)
    assert not is_valid_tweet("Hello\ufffe")
    assert not is_valid_tweet("\ufeffHello")
    assert not is_valid_tweet("Hello\uffff")
    # twitter-text v3 no longer rejects directional formatting characters.
    assert is_valid_tweet("\u202bمرحبا\u202c \u202d\u202e")


def test_parse_ranges_are_utf16() -> None:
    parsed = parse_tweet("😷" * 141)
    assert parsed.weighted_length == 282 and not parsed.valid
    assert parsed.display_range_end == 281
    assert parsed.valid_range_end == 279  # 140 emoji = 280 UTF-16 units, index 279
    assert parse_tweet("").valid_range_end == 0


def _write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "content",
    [
        "{",
        '{"version": 3}',
        '{"version": 3, "maxWeightedTweetLength": 0, "scale": 100, "defaultWeight": 200, '
        '"transformedURLLength": 23}',
        '{"version": 3, "maxWeightedTweetLength": 280, "scale": 100, "defaultWeight": 200, '
        '"transformedURLLength": 23, "ranges": [{"start": 10, "end": 5, "weight": 100}]}',
        '{"version": 3, "maxWeightedTweetLength": 280, "scale": 100, "defaultWeight": 200, '
        '"transformedURLLength": 23, "ranges": [{"start": 0, "end": 5}]}',
        "[]",
    ],
)
def test_broken_twitter_config_is_a_data_error(tmp_path: Path, content: str) -> None:
    path = _write(tmp_path, "config.json", content)
    with pytest.raises(DataError, match="not a valid twitter-text config") as raised:
        TwitterTextConfig.from_file(path)
    assert str(path) in raised.value.message


def test_overlapping_ranges_first_wins(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "config.json",
        '{"version": 9, "maxWeightedTweetLength": 100, "scale": 10, "defaultWeight": 30, '
        '"transformedURLLength": 5, "ranges": [{"start": 97, "end": 99, "weight": 10}, '
        '{"start": 0, "end": 127, "weight": 20}]}',
    )
    config = TwitterTextConfig.from_file(path)
    # a, b, c weigh 1; other ASCII 2; everything else 3; a URL 5.
    assert tweet.tweet_weighted_length("abcd", config) == 5
    assert tweet.tweet_weighted_length("é水", config) == 6
    assert tweet.tweet_weighted_length("x un.org", config) == 9


# --- the platform rules file -------------------------------------------------------------

_GOOD_X = (
    '[x]\nname = "X"\nlimit = 280\ncounting = "twitter-text"\n'
    'twitter_text_config = "twitter-text/config_v3.json"\nsource = "s"\n'
)


def _rules_dir(tmp_path: Path, content: str) -> Path:
    (tmp_path / "twitter-text").mkdir()
    (tmp_path / "twitter-text" / "config_v3.json").write_bytes(tweet.CONFIG_V3_FILE.read_bytes())
    return _write(tmp_path, "platforms.toml", content)


def test_rules_file_loads(tmp_path: Path) -> None:
    path = _rules_dir(
        tmp_path, _GOOD_X + '[b]\nname = "B"\nlimit = 9\ncounting = "code-points"\nsource = "s"\n'
    )
    rules = load_platforms(path)
    assert list(rules) == ["x", "b"] and rules["b"].limit == 9


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[x\n", "platforms.toml"),
        ("", "no platforms defined"),
        ("x = 1\n", "x must be a table"),
        (_GOOD_X.replace("280", "140"), "limit: 140 differs from the twitter-text config's 280"),
        (_GOOD_X.replace('"twitter-text"', '"words"'), "counting: 'words' is not one of"),
        (
            _GOOD_X.replace("limit = 280", 'limit = "280"'),
            r"\[x\] limit: must be a positive integer",
        ),
        (_GOOD_X + "colour = 1\n", r"\[x\]: unknown key\(s\) colour"),
        (_GOOD_X.replace("config_v3", "config_v9"), "not a valid twitter-text config"),
        (
            '[m]\nname = "M"\nlimit = 5\ncounting = "graphemes"\nsource = "s"\nurl_length = 0\n',
            "url_length",
        ),
        (
            '[m]\nname = "M"\nlimit = 5\ncounting = "graphemes"\n',
            "source: must be a non-empty string",
        ),
    ],
)
def test_broken_rules_file_is_a_data_error(tmp_path: Path, content: str, message: str) -> None:
    path = _rules_dir(tmp_path, content)
    with pytest.raises(DataError, match=message) as raised:
        load_platforms(path)
    assert str(path.name) in raised.value.message


def test_missing_rules_file_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="cannot read"):
        load_platforms(tmp_path / "absent.toml")


@pytest.mark.parametrize("module", [length_module, tweet])
def test_doctests(module: object) -> None:
    result = doctest.testmod(module, raise_on_error=False)  # type: ignore[arg-type]
    assert result.failed == 0 and result.attempted > 0
