"""numbers_match and the number reader: values across locale formats and scale words."""

from decimal import Decimal

import pytest
from babel.numbers import format_decimal
from hypothesis import given, settings
from hypothesis import strategies as st
from support.checks import LOCALES, run_one

from service.checks.numbers import match_numbers
from service.checks.numeric import ascii_digits, number_reader
from service.languages import ALL_LANGUAGES, Language

PASSING = [
    ("7.1 million people", "7,1 millions de personnes", "en>fr"),
    ("7.1 million people", "7,1 млн человек", "en>ru"),
    ("7.1 million people", "710万人", "en>zh"),
    ("7.1 million people", "7,1 millones de personas", "en>es"),
    ("7.1 million people", "7.1 مليون شخص", "en>ar"),
    ("7.1 million people", "٧٫١ مليون شخص", "en>ar"),
    ("7,1 millions de personnes", "7.1 million people", "fr>en"),
    ("1 000 participants", "1,000 participants", "fr>en"),
    ("1,000 participants", "1\u202f000 participants", "en>fr"),
    ("1,000 participants", "1\u00a0000 participants", "en>fr"),
    ("1,000 participants", "1 000 участников", "en>ru"),
    ("1,000 participants", "1.000 participantes", "en>es"),
    ("1,000 participants", "1000名参与者", "en>zh"),
    ("1,000 participants", "١٬٠٠٠ مشارك", "en>ar"),
    ("1,000 people", "1,000 personnes", "en>fr"),  # 1 or 1000 in French: either reading
    ("12% of children", "12 % des enfants", "en>fr"),
    ("12% of children", "12 por ciento de los niños", "en>es"),
    ("12% of children", "١٢٪ من الأطفال", "en>ar"),
    ("12% of children", "12％的儿童", "en>zh"),
    ("1.5 billion", "15亿", "en>zh"),
    ("1.5 billion", "1.500 millones", "en>es"),
    ("1.5 billion", "1,5 milliard", "en>fr"),
    ("1.5 billion", "1,5 млрд", "en>ru"),
    ("3.5 degrees", "3,5 градуса", "en>ru"),
    ("5k signatures", "5 000 signatures", "en>fr"),
    ("on 10/12/2023 at 10:30", "le 12/10/2023 à 10 h 30", "en>fr"),
    ("Goal 3 of the 2030 Agenda", "2030年议程的目标3", "en>zh"),
    ("See https://un.org/2030 and 5 facts", "Voir https://un.org/fr/2031 et 5 faits", "en>fr"),
    ("#COVID19 cases", "#COVID19 случаи", "en>ru"),
    ("Hello", "Bonjour", "en>fr"),
    ("مرحبا", "Hola", "ar>es"),
]

FAILING = [
    ("7.1 million people", "7,2 millions de personnes", "en>fr"),
    ("7.1 million people", "71 млн человек", "en>ru"),
    ("7.1 million people", "71万人", "en>zh"),
    ("7.1 million people", "7,1 mil personas", "en>es"),
    ("5 people", "٦ أشخاص", "en>ar"),
    ("1,500 people", "1,5 personne", "en>fr"),
    ("12% of children", "21 % des enfants", "en>fr"),
    ("In 2030", "En 2020", "en>es"),
    ("3 goals", "3 objetivos y 4 metas", "en>es"),
    ("3 goals and 4 targets", "3 objetivos", "en>es"),
    ("1.5 billion", "1,5 billion", "en>fr"),  # a French billion is 10^12
    ("15亿人", "1.5 million people", "zh>en"),
]


@pytest.mark.parametrize(("source", "target", "languages"), PASSING)
def test_numbers_that_match(source: str, target: str, languages: str) -> None:
    assert run_one("numbers_match", source, target, languages) == []


@pytest.mark.parametrize(("source", "target", "languages"), FAILING)
def test_numbers_that_do_not_match(source: str, target: str, languages: str) -> None:
    findings = run_one("numbers_match", source, target, languages)
    assert findings
    assert all(finding.severity == "error" for finding in findings)


def test_findings_name_the_missing_and_the_extra_number() -> None:
    findings = run_one("numbers_match", "7.1 million people", "7,2 millions", "en>fr")
    missing, extra = findings
    assert "'7.1 million'" in missing.message and "7,100,000" in missing.message
    assert missing.start is None
    assert (extra.start, extra.end) == (0, 12)
    assert "7,200,000" in extra.message and "7.1 million" in extra.message


def test_repeated_numbers_count_as_a_multiset() -> None:
    findings = run_one("numbers_match", "5 and 5", "5 y 6", "en>es")
    assert len(findings) == 2
    assert run_one("numbers_match", "5 and 5", "5 y 5", "en>es") == []


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (Language.EN, "1,000", {Decimal(1000)}),
        (Language.EN, "1.000", {Decimal(1), Decimal(1000)}),
        (Language.FR, "1,000", {Decimal(1), Decimal(1000)}),
        (Language.FR, "1,5", {Decimal("1.5")}),
        (Language.EN, "1,5", {Decimal("1.5")}),
        (Language.ES, "1.500", {Decimal(1500)}),
        (Language.RU, "1 000,5", {Decimal("1000.5")}),
        (Language.EN, "1,000.5", {Decimal("1000.5")}),
        (Language.FR, "1.000,5", {Decimal("1000.5")}),
        (Language.EN, "0,500", {Decimal("0.5")}),
        (Language.ZH, "3千万", {Decimal(30_000_000)}),
        (Language.ES, "2 mil millones", {Decimal(2_000_000_000)}),
        (Language.RU, "3 тыс.", {Decimal(3000)}),
        (Language.AR, "٣ ملايين", {Decimal(3_000_000)}),
        (Language.EN, "$5.2bn", {Decimal(5_200_000_000)}),
    ],
)
def test_readings(language: Language, text: str, expected: set[Decimal]) -> None:
    (mention,) = number_reader(LOCALES[language]).read(text)
    assert mention.values == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (Language.EN, "in 2020 100 people", [{2020}, {100}]),
        (Language.EN, "section 1.2.3", [{1}, {2}, {3}]),
        (Language.FR, "à 10:30", [{10}, {30}]),
        (Language.EN, "5 km and 5 miles", [{5}, {5}]),  # "k" needs a word boundary
        (Language.EN, "COVID-19 and H1N1", [{19}, {1}, {1}]),
    ],
)
def test_tokens_that_are_several_numbers(
    language: Language, text: str, expected: list[set[int]]
) -> None:
    mentions = number_reader(LOCALES[language]).read(text)
    assert [mention.values for mention in mentions] == [
        {Decimal(value) for value in values} for values in expected
    ]


def test_numbers_inside_skipped_spans_are_ignored() -> None:
    reader = number_reader(LOCALES[Language.EN])
    assert [m.text for m in reader.read("see un.org/2030 in 2030", skip=[(4, 15)])] == ["2030"]


def test_matching_tries_every_reading() -> None:
    one, thousand = Decimal(1), Decimal(1000)
    # The greedy pairing of the ambiguous mention with 1000 would leave "1" unpaired.
    pairs = match_numbers(
        [frozenset({one, thousand}), frozenset({thousand})],
        [frozenset({thousand}), frozenset({one})],
    )
    assert pairs == {0: 1, 1: 0}
    assert match_numbers([frozenset({one})], [frozenset({thousand})]) == {}


def test_ascii_digits_keeps_offsets() -> None:
    text = "٢٠٣٠ و۱۲ و３"
    assert ascii_digits(text) == "2030 و12 و3"
    assert len(ascii_digits(text)) == len(text)


@settings(max_examples=60, deadline=None)
@given(
    value=st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False),
    language=st.sampled_from(ALL_LANGUAGES),
)
def test_babel_formatted_numbers_read_back(value: Decimal, language: Language) -> None:
    conventions = LOCALES[language]
    text = format_decimal(value, locale=conventions.language.babel_locale)
    (mention,) = number_reader(conventions).read(text)
    assert value in mention.values


@settings(max_examples=60, deadline=None)
@given(
    text=st.one_of(
        st.text(min_size=1, max_size=60),
        st.text(alphabet="0123456789٣۲３,.٫٬' \u00a0\u202f%k万млн millones-:", min_size=1),
    ),
    language=st.sampled_from(ALL_LANGUAGES),
)
def test_a_text_always_matches_itself(text: str, language: Language) -> None:
    pair = f"{language}>{language}"
    assert run_one("numbers_match", text, text, pair) == []
