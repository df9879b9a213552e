"""Entities in the six UN languages, Mastodon handles, numbers, emoji, and invariants."""

import doctest
from itertools import pairwise

import hypothesis.strategies as st
import pytest
import regex
from hypothesis import given, settings

from service.text import emoji, entities, numerals, tags, urls
from service.text.emoji import emoji_spans
from service.text.entities import Entity, EntityKind, extract_entities


def _found(text: str, kind: EntityKind | None = None) -> list[str]:
    return [e.text for e in extract_entities(text) if kind is None or e.kind is kind]


@pytest.mark.parametrize(
    ("text", "hashtags"),
    [
        ("يوم المياه العالمي #اليوم_العالمي_للمياه #المياه", ["#اليوم_العالمي_للمياه", "#المياه"]),
        ("世界水日 #世界水日 #气候行动。", ["#世界水日", "#气候行动"]),
        ("World Water Day #WorldWaterDay #SDG6!", ["#WorldWaterDay", "#SDG6"]),
        ("Journée mondiale de l'eau #JournéeMondialeDeLEau", ["#JournéeMondialeDeLEau"]),
        ("Всемирный день воды #ВсемирныйДеньВоды, #ЦУР6", ["#ВсемирныйДеньВоды", "#ЦУР6"]),
        ("Día Mundial del Agua #DíaMundialDelAgua #ODS_6", ["#DíaMundialDelAgua", "#ODS_6"]),
        ("Full-width ＃ｈａｓｈｔａｇ works", ["＃ｈａｓｈｔａｇ"]),
    ],
)
def test_hashtags_in_six_languages(text: str, hashtags: list[str]) -> None:
    assert _found(text, EntityKind.HASHTAG) == hashtags


@pytest.mark.parametrize(
    "text",
    ["#2030", "on the #1 list", "C#", "word#tag", "#️⃣ keycap", "&#39; entity", "#_"],
)
def test_not_hashtags(text: str) -> None:
    assert _found(text, EntityKind.HASHTAG) == []


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("Over 1,000,000 children; 43% by 2030.", ["1,000,000", "43%", "2030"]),
        ("Plus de 1 000 000 d'enfants, soit 7,1 %.", ["1 000 000", "7,1 %"]),
        ("Más de 1.000.000 de niños, un 7,1 %.", ["1.000.000", "7,1 %"]),
        ("Более 1\u00a0000\u00a0000 детей, 7,1\u202f%.", ["1\u00a0000\u00a0000", "7,1\u202f%"]),
        ("Le taux est de 12\u202f345,67 €.", ["12\u202f345,67"]),
        ("أكثر من ١٬٠٠٠٬٠٠٠ طفل و٤٣٪ بحلول ٢٠٣٠.", ["١٬٠٠٠٬٠٠٠", "٤٣٪", "٢٠٣٠"]),
        ("بنسبة ٧٫١ في المائة", ["٧٫١"]),
        ("۱۲۳ فارسی", ["۱۲۳"]),
        ("超过1,000,000名儿童，7.1%。", ["1,000,000", "7.1%"]),
        ("全角１２３と５０％", ["１２３", "５０％"]),
        ("In 2024 100 people came", ["2024", "100"]),
        ("Temperatures of -5 and −12.5 degrees", ["-5", "−12.5"]),
        ("the 2020-2021 period", ["2020", "2021"]),
        ("Read it. Then 3.", ["3"]),
    ],
)
def test_numbers_as_written(text: str, numbers: list[str]) -> None:
    assert _found(text, EntityKind.NUMBER) == numbers


@pytest.mark.parametrize(
    ("text", "mentions"),
    [
        ("Thanks @WHO and @who@mastodon.social!", ["@WHO", "@who@mastodon.social"]),
        ("Follow @un_news@social.un.org.", ["@un_news@social.un.org"]),
        ("See @UN/staff-lists", ["@UN/staff-lists"]),
        ("RT @UNICEF: رسالة", ["@UNICEF"]),
        ("write to press@un.org", []),
        ("@user@nodot is not a handle", []),
    ],
)
def test_mentions_and_mastodon_handles(text: str, mentions: list[str]) -> None:
    assert _found(text, EntityKind.MENTION) == mentions


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Plus d'infos : un.org/fr/sdgs.", ["un.org/fr/sdgs"]),
        (
            "Подробнее: https://news.un.org/ru/story/2024/03/1450741",
            ["https://news.un.org/ru/story/2024/03/1450741"],
        ),
        (
            "التفاصيل: https://news.un.org/ar/story/2024/03/1129471 ",
            ["https://news.un.org/ar/story/2024/03/1129471"],
        ),
        ("详情见news.un.org/zh/story。谢谢", ["news.un.org/zh/story"]),
        (
            "site http://foobar.中国/ et http://موقع.عرب/ar",
            ["http://foobar.中国/", "http://موقع.عرب/ar"],
        ),
        ("no url in end. of sentence", []),
    ],
)
def test_urls_in_six_languages(text: str, found: list[str]) -> None:
    assert _found(text, EntityKind.URL) == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("🇺🇳 🇫🇷", ["🇺🇳", "🇫🇷"]),
        ("👨‍👩‍👧‍👦 family", ["👨‍👩‍👧‍👦"]),
        ("👍🏽 👩🏿‍⚕️ 🧑‍💻", ["👍🏽", "👩🏿‍⚕️", "🧑‍💻"]),
        ("1️⃣ 2⃣ #️⃣", ["1️⃣", "2⃣", "#️⃣"]),
        ("🏴󠁧󠁢󠁳󠁣󠁴󠁿 Scotland", ["🏴󠁧󠁢󠁳󠁣󠁴󠁿"]),
        ("❤️ and ❤ and ©", ["❤️", "❤", "©"]),
        ("🇺 lone indicator, 🏻 lone tone, digits 123", []),
    ],
)
def test_emoji_sequences(text: str, found: list[str]) -> None:
    assert [text[start:end] for start, end in emoji_spans(text)] == found


def test_every_emoji_start_is_a_candidate() -> None:
    """The cheap pre-check never hides an emoji (checked against Unicode's Emoji property)."""
    emoji_property = regex.compile(r"\p{Emoji}")
    for code_point in range(0x110000):
        char = chr(code_point)
        if char in "0123456789#*" or not emoji_property.match(char):
            continue
        assert emoji.has_emoji_candidate(char), f"U+{code_point:04X} is not a candidate"


def test_urls_win_over_what_is_inside_them() -> None:
    text = "See https://example.org/2024/#goal-6 and #goal 2024"
    assert [(e.kind, e.text) for e in extract_entities(text)] == [
        (EntityKind.URL, "https://example.org/2024/#goal-6"),
        (EntityKind.HASHTAG, "#goal"),
        (EntityKind.NUMBER, "2024"),
    ]


def test_entity_json_and_order() -> None:
    found = extract_entities("$SPY 👍 @UN")
    assert [e.as_json() for e in found] == [
        {"kind": "cashtag", "text": "$SPY", "start": 0, "end": 4},
        {"kind": "emoji", "text": "👍", "start": 5, "end": 6},
        {"kind": "mention", "text": "@UN", "start": 7, "end": 10},
    ]
    assert isinstance(found[0], Entity)
    with pytest.raises(AttributeError):
        found[0].start = 3  # type: ignore[misc]


def test_long_inputs_stay_linear() -> None:
    """A 200,000-character word or dot run must not make the URL pattern backtrack badly."""
    for text in ("a" * 200_000 + ".", "a." * 100_000, "x " + "." * 200_000, "#" * 100_000):
        assert isinstance(extract_entities(text), list)


_POST_ALPHABET = st.sampled_from(
    [
        *"aZé ,.:/#@$%_-–—'\"()0123456789١٢٣٫٬\u00a0\u202f\u200d\ufe0f\u20e3",
        *["http://", "https://", "un.org", "www.", ".com", "t.co/", "#ЦУР", "@UN", "$SPY"],
        *[
            "水",
            "日本",
            "مرحبا",
            "Привет",
            "👍",
            "🏽",
            "🇺",
            "🇳",
            "👨",
            "👩",
            "❤",
            "🏴",
            "\U000e0067",
        ],
        *["e\u0301", "\U00020021", "\u202a", "\ufffe"],
    ]
)
_POSTS = st.lists(_POST_ALPHABET, max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(_POSTS)
def test_entities_are_sorted_disjoint_and_exact(text: str) -> None:
    found = extract_entities(text)
    for entity in found:
        assert entity.text == text[entity.start : entity.end]
        assert 0 <= entity.start < entity.end <= len(text)
    for before, after in pairwise(found):
        assert before.end <= after.start


@settings(max_examples=300, deadline=None)
@given(_POSTS)
def test_per_kind_spans_are_exact_and_ordered(text: str) -> None:
    for spans in (
        urls.url_spans(text),
        tags.mention_or_list_spans(text),
        tags.hashtag_spans(text),
        tags.cashtag_spans(text),
        emoji_spans(text),
        numerals.number_spans(text),
    ):
        assert spans == sorted(spans)
        assert all(0 <= start < end <= len(text) for start, end in spans)
        assert all(a_end <= b_start for (_, a_end), (b_start, _) in pairwise(spans))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_any_text_is_handled(text: str) -> None:
    for entity in extract_entities(text):
        assert entity.text == text[entity.start : entity.end]


@pytest.mark.parametrize("module", [urls, tags, emoji, numerals, entities])
def test_doctests(module: object) -> None:
    result = doctest.testmod(module, raise_on_error=False)  # type: ignore[arg-type]
    assert result.failed == 0 and result.attempted > 0
