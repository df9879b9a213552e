"""The twitter-text conformance suite, read from its YAML at test time (as upstream asks).

One test per YAML case, named by its description. Covered: every weighted-length and
validity case of validate.yml (``tweets`` with config v1, the legacy 140-character rule;
``WeightedTweetsCounterTest`` with config v2; ``WeightedTweetsWithDiscountedEmojiCounterTest``
and ``UnicodeDirectionalMarkerCounterTest`` with config v3), the URL, mention, hashtag and
cashtag extraction cases of extract.yml, and the 1,574 TLD cases of tlds.yml. Indices are
code points upstream and here; the parse ranges are UTF-16, as twitter-text's.
"""

import dataclasses
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from service.text.entities import (
    Entity,
    extract_cashtags,
    extract_cashtags_with_indices,
    extract_hashtags,
    extract_hashtags_with_indices,
    extract_mentions,
    extract_mentions_or_lists_with_indices,
    extract_mentions_with_indices,
    extract_urls,
    extract_urls_with_indices,
)
from service.text.tweet import TwitterTextConfig, is_valid_tweet, parse_tweet

SUITE_DIR = Path(__file__).resolve().parent.parent / "data" / "twitter-text"
Case = dict[str, Any]


@cache
def _suite(name: str) -> dict[str, list[Case]]:
    tests: dict[str, list[Case]] = yaml.safe_load((SUITE_DIR / name).read_text(encoding="utf-8"))[
        "tests"
    ]
    return tests


def _cases(name: str, *sections: str) -> list[Any]:
    return [
        pytest.param(section, case, id=f"{section}: {case['description']}")
        for section in sections
        for case in _suite(name)[section]
    ]


@cache
def _config(version: str) -> TwitterTextConfig:
    return TwitterTextConfig.from_file(SUITE_DIR / f"config_{version}.json")


_PARSE_KEYS = {
    "weightedLength": "weighted_length",
    "valid": "valid",
    "permillage": "permillage",
    "displayRangeStart": "display_range_start",
    "displayRangeEnd": "display_range_end",
    "validRangeStart": "valid_range_start",
    "validRangeEnd": "valid_range_end",
}
# Which config goes with which section: twitter-text's own runners (rb/test/conformance_test.rb).
_SECTION_CONFIG = {
    "WeightedTweetsCounterTest": "v2",
    "WeightedTweetsWithDiscountedEmojiCounterTest": "v3",
    "UnicodeDirectionalMarkerCounterTest": "v3",
}


@pytest.mark.parametrize(("section", "case"), _cases("validate.yml", *_SECTION_CONFIG))
def test_weighted_length(section: str, case: Case) -> None:
    result = dataclasses.asdict(parse_tweet(case["text"], _config(_SECTION_CONFIG[section])))
    expected = {_PARSE_KEYS[key]: value for key, value in case["expected"].items()}
    assert {key: result[key] for key in expected} == expected


@pytest.mark.parametrize(("section", "case"), _cases("validate.yml", "tweets"))
def test_valid_tweet_legacy(section: str, case: Case) -> None:
    assert is_valid_tweet(case["text"], _config("v1")) is case["expected"]


def _with_indices(entities: list[Entity], key: str) -> list[dict[str, object]]:
    return [{key: entity.text[1:], "indices": [entity.start, entity.end]} for entity in entities]


@pytest.mark.parametrize(("section", "case"), _cases("extract.yml", "urls", "tco_urls_with_params"))
def test_urls(section: str, case: Case) -> None:
    assert extract_urls(case["text"]) == case["expected"]


@pytest.mark.parametrize(
    ("section", "case"),
    _cases("extract.yml", "urls_with_indices", "urls_with_directional_markers"),
)
def test_urls_with_indices(section: str, case: Case) -> None:
    found = extract_urls_with_indices(case["text"])
    assert [{"url": e.text, "indices": [e.start, e.end]} for e in found] == case["expected"]


@pytest.mark.parametrize(("section", "case"), _cases("extract.yml", "mentions"))
def test_mentions(section: str, case: Case) -> None:
    assert extract_mentions(case["text"]) == case["expected"]


@pytest.mark.parametrize(("section", "case"), _cases("extract.yml", "mentions_with_indices"))
def test_mentions_with_indices(section: str, case: Case) -> None:
    found = extract_mentions_with_indices(case["text"])
    assert _with_indices(found, "screen_name") == case["expected"]


@pytest.mark.parametrize(
    ("section", "case"), _cases("extract.yml", "mentions_or_lists_with_indices")
)
def test_mentions_or_lists_with_indices(section: str, case: Case) -> None:
    found = []
    for entity in extract_mentions_or_lists_with_indices(case["text"]):
        screen_name, slash, slug = entity.text[1:].partition("/")
        found.append(
            {
                "screen_name": screen_name,
                "list_slug": slash + slug,
                "indices": [entity.start, entity.end],
            }
        )
    assert found == case["expected"]


@pytest.mark.parametrize(
    ("section", "case"), _cases("extract.yml", "hashtags", "hashtags_from_astral")
)
def test_hashtags(section: str, case: Case) -> None:
    assert extract_hashtags(case["text"]) == case["expected"]


@pytest.mark.parametrize(("section", "case"), _cases("extract.yml", "hashtags_with_indices"))
def test_hashtags_with_indices(section: str, case: Case) -> None:
    found = extract_hashtags_with_indices(case["text"])
    assert _with_indices(found, "hashtag") == case["expected"]


@pytest.mark.parametrize(("section", "case"), _cases("extract.yml", "cashtags"))
def test_cashtags(section: str, case: Case) -> None:
    assert extract_cashtags(case["text"]) == case["expected"]


@pytest.mark.parametrize(("section", "case"), _cases("extract.yml", "cashtags_with_indices"))
def test_cashtags_with_indices(section: str, case: Case) -> None:
    found = extract_cashtags_with_indices(case["text"])
    assert _with_indices(found, "cashtag") == case["expected"]


@pytest.mark.parametrize(("section", "case"), _cases("tlds.yml", "country", "generic"))
def test_every_listed_tld_is_a_url(section: str, case: Case) -> None:
    assert extract_urls(case["text"]) == case["expected"]


def test_the_suite_is_all_there() -> None:
    """Guard against a truncated copy silently shrinking the suite."""
    validate, extract = _suite("validate.yml"), _suite("extract.yml")
    assert [len(validate[section]) for section in ("tweets", *_SECTION_CONFIG)] == [8, 20, 22, 2]
    sizes = {section: len(cases) for section, cases in extract.items()}
    assert sizes["urls"] == 91 and sizes["hashtags"] == 65 and sizes["mentions"] == 23
    assert sum(len(cases) for cases in _suite("tlds.yml").values()) == 1574
