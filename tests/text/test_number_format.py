"""Re-writing numbers in the target language's format, only where the reading is exact."""

from decimal import Decimal

import pytest
from babel.numbers import parse_decimal
from hypothesis import given
from hypothesis import strategies as st

from service.text.number_format import convert_number

LOCALES = ["ar", "zh_Hans_CN", "en", "fr", "ru", "es"]


@pytest.mark.parametrize(
    ("text", "source", "target", "expected"),
    [
        ("1,000", "en", "fr", "1\u202f000"),
        ("1,000", "en", "ru", "1\u00a0000"),
        ("1,000", "en", "es", "1.000"),
        ("1,000", "en", "zh_Hans_CN", "1,000"),
        ("1,000", "en", "ar", "1,000"),
        ("1 000", "fr", "en", "1,000"),  # a plain space is a French group separator too
        ("1\u202f000\u202f000", "fr", "es", "1.000.000"),
        ("7,5", "fr", "en", "7.5"),
        ("7,50", "es", "en", "7.50"),  # the number of decimals is kept
        ("-3.5", "en", "ru", "-3,5"),
        ("\u22123.5", "en", "fr", "\u22123,5"),
        ("12.5%", "en", "fr", "12,5%"),
        ("12,5 %", "fr", "en", "12.5 %"),
        ("1.000", "es", "en", "1,000"),
        ("1,000.25", "zh_Hans_CN", "ru", "1\u00a0000,25"),
    ],
)
def test_exact_conversions(text: str, source: str, target: str, expected: str) -> None:
    assert convert_number(text, source, target) == expected


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("2030", "en"),  # no separator: a year reads the same everywhere
        ("193", "fr"),
        ("1.000", "en"),  # a decimal in English, but writers often mean one thousand
        ("1,00", "en"),  # a group of two digits
        ("1.5", "fr"),  # not the French decimal symbol
        ("3.14.15", "en"),  # two decimal symbols: a version or a date
        ("12,345,67", "en"),
        ("٣٫٥", "ar"),  # Arabic-Indic digits: kept as the writer chose
        ("1,000", "fr"),  # a French comma is decimal: one thousand is not 1,000
        ("abc", "en"),
    ],
)
def test_uncertain_numbers_are_kept_as_written(text: str, source: str) -> None:
    assert convert_number(text, source, "fr" if source != "fr" else "en") is None


@given(
    value=st.decimals(min_value=Decimal(1000), max_value=Decimal(10**12), places=2),
    source=st.sampled_from(LOCALES),
    target=st.sampled_from(LOCALES),
)
def test_the_value_never_changes(value: Decimal, source: str, target: str) -> None:
    from babel.numbers import format_decimal

    written = format_decimal(value, format="#,##0.00", locale=source)
    converted = convert_number(written, source, target)
    assert converted is not None
    assert parse_decimal(converted, locale=target, strict=True) == value
