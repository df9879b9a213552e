"""The typography questions shared by the check and the post-edit, per language."""

import pytest
from support.checks import LOCALES

from service.languages import Language
from service.text.typography import (
    between_digits,
    missing_inner_space,
    missing_space_before,
    native_form,
    starts_emoticon,
)

NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.mark.parametrize(
    ("text", "offset", "expected"),
    [
        ("10:30", 2, True),
        ("7.1", 1, True),
        ("10 :30", 3, False),
        (":1", 0, False),
        ("1:", 1, False),
    ],
)
def test_between_digits(text: str, offset: int, expected: bool) -> None:
    assert between_digits(text, offset) is expected


@pytest.mark.parametrize(
    ("text", "offset", "expected"),
    [
        (":)", 0, True),
        ("ok ;-)", 3, True),
        ("ok =D!", 3, True),
        ("ok:)", 2, False),
        ("ok :", 3, False),
    ],
)
def test_starts_emoticon(text: str, offset: int, expected: bool) -> None:
    assert starts_emoticon(text, offset) is expected


@pytest.mark.parametrize(
    ("language", "text", "offset", "expected"),
    [
        (Language.ZH, "你好, 世界", 2, "，"),
        (Language.ZH, "你好 )", 3, "）"),
        (Language.ZH, "( 你好", 0, "（"),
        (Language.ZH, "(你好", 0, "（"),
        (Language.ZH, "你好)", 2, "）"),
        (Language.ZH, "版本7.1", 3, None),  # between digits
        (Language.ZH, "Hello, 世界", 5, None),  # attaches to Latin text
        (Language.ZH, "你好    ,", 6, None),  # too far from the Chinese text
        (Language.ZH, "你好 ~", 3, None),  # not a mapped mark
        (Language.AR, "مرحبا, كيف", 5, "،"),
        (Language.AR, "ماذا?", 4, "؟"),
        (Language.AR, "Hello?", 5, None),
        (Language.FR, "Bonjour, monde", 7, None),  # French maps nothing
        (Language.EN, "你好,", 2, None),
    ],
)
def test_native_form(language: Language, text: str, offset: int, expected: str | None) -> None:
    assert native_form(text, offset, LOCALES[language]) == expected


@pytest.mark.parametrize(
    ("language", "text", "offset", "expected"),
    [
        (Language.FR, "Pourquoi?", 8, NNBSP),
        (Language.FR, "Pourquoi ?", 9, NNBSP),
        (Language.FR, f"Pourquoi{NNBSP}?", 9, None),
        (Language.FR, f"Pourquoi{NBSP}?", 9, None),  # an accepted space
        (Language.FR, f"Quoi{NNBSP}?!", 6, None),  # only before the first mark
        (Language.FR, f"«{NNBSP}oui{NNBSP}»!", 7, NNBSP),  # a closing quote does not count
        (Language.FR, "(?)", 1, None),
        (Language.FR, "?", 0, None),
        (Language.FR, "ligne\n?", 6, None),
        (Language.FR, "À 10:30", 4, None),
        (Language.FR, "Merci :)", 6, None),
        (Language.FR, "Pourquoi.", 8, None),  # no space wanted before a full stop
        (Language.EN, "Why?", 3, None),
        (Language.ES, "¿Qué?", 4, None),
    ],
)
def test_missing_space_before(
    language: Language, text: str, offset: int, expected: str | None
) -> None:
    assert missing_space_before(text, offset, LOCALES[language].typography) == expected


@pytest.mark.parametrize(
    ("language", "text", "offset", "expected"),
    [
        (Language.FR, "«merci", 0, 1),
        (Language.FR, "« merci", 0, 1),
        (Language.FR, f"«{NNBSP}merci", 0, None),
        (Language.FR, f"«{NBSP}merci", 0, None),
        (Language.FR, "«\nmerci", 0, None),  # a line break after the quote
        (Language.FR, "«", 0, None),  # nothing after the quote
        (Language.FR, "merci»", 5, None),  # space_before governs the closing quote
        (Language.FR, "a « b", 2, 3),
        (Language.FR, "a « b", 1, None),  # not a quote
        (Language.RU, "«Привет»", 0, None),  # Russian wants no inner space
        (Language.EN, "“Hello”", 0, None),
    ],
)
def test_missing_inner_space(
    language: Language, text: str, offset: int, expected: int | None
) -> None:
    assert missing_inner_space(text, offset, LOCALES[language].typography) == expected
