"""untranslated: the source left as is, whole or in long runs."""

import pytest
from support.checks import run_one

from service.models import Severity

PASSING = [
    ("Hello everyone", "Bonjour à tous", "en>fr"),
    ("Hello everyone", "Hola a todos", "en>es"),
    ("Hello everyone", "Привет всем", "en>ru"),
    ("Hello everyone", "大家好", "en>zh"),
    ("Hello everyone", "مرحبا بالجميع", "en>ar"),
    ("Bonjour à tous", "Hello everyone", "fr>en"),
    ("Hello everyone", "Hello everyone", "en>en"),  # same language: nothing to translate
    ("https://un.org #SDGs 2030", "https://un.org #SDGs 2030", "en>fr"),  # no prose
    (
        "The quick brown fox jumps over the lazy dog",
        "Le renard brun rapide saute par-dessus le chien paresseux",
        "en>fr",
    ),
    ("Four words stay here", "Cuatro palabras: words stay here", "en>es"),  # 3 < 5 words
]

FAILING = [
    ("Hello everyone", "Hello everyone", "en>fr"),
    ("Hello everyone!", "hello   EVERYONE !", "en>es"),
    ("Hello everyone", "Hello everyone", "en>ru"),
    ("Hello everyone", "Hello everyone", "en>zh"),
    ("Hello everyone", "Hello everyone", "en>ar"),
    ("Bonjour à tous", "Bonjour à tous", "fr>en"),
    ("Visit https://un.org now", "Visit https://un.org/fr now", "en>fr"),
]

RUNS = [
    (
        "We say the quick brown fox jumps over the lazy dog today",
        "Nous disons the quick brown fox jumps over the lazy dog aujourd'hui",
        "en>fr",
    ),
    ("Hand washing saves many lives every day", "洗手 saves many lives every day", "en>zh"),
    ("世界卫生组织呼吁各国", "ВОЗ 世界卫生组织呼吁 призывает", "zh>ru"),
    ("Hand washing saves many lives every day", "غسل hand washing saves many lives", "en>ar"),
    (
        "Lavarse las manos salva muchas vidas",
        "Handwashing: lavarse las manos salva muchas",
        "es>en",
    ),
]


@pytest.mark.parametrize(("source", "target", "languages"), PASSING)
def test_translated(source: str, target: str, languages: str) -> None:
    assert run_one("untranslated", source, target, languages) == []


@pytest.mark.parametrize(("source", "target", "languages"), FAILING)
def test_identical_to_the_source(source: str, target: str, languages: str) -> None:
    (finding,) = run_one("untranslated", source, target, languages)
    assert finding.severity == Severity.ERROR
    assert "same as the" in finding.message


@pytest.mark.parametrize(("source", "target", "languages"), RUNS)
def test_long_verbatim_runs(source: str, target: str, languages: str) -> None:
    (finding,) = run_one("untranslated", source, target, languages)
    assert finding.severity == Severity.WARNING
    assert finding.start is not None and finding.end is not None


def test_run_offsets_cover_the_copied_words() -> None:
    target = "Nous disons the quick brown fox jumps over the lazy dog aujourd'hui"
    source = "We say the quick brown fox jumps over the lazy dog today"
    (finding,) = run_one("untranslated", source, target, "en>fr")
    assert target[finding.start : finding.end] == "the quick brown fox jumps over the lazy dog"


def test_a_do_not_translate_name_alone_is_not_untranslated() -> None:
    assert run_one("untranslated", "UNICEF", "UNICEF", "en>es")
    names = frozenset({"unicef"})
    assert run_one("untranslated", "UNICEF", "UNICEF", "en>es", do_not_translate=names) == []


def test_do_not_translate_names_are_not_runs() -> None:
    source = "The United Nations Educational Scientific and Cultural Organization says"
    target = "La United Nations Educational Scientific and Cultural Organization dit"
    assert run_one("untranslated", source, target, "en>fr")
    names = frozenset({"United Nations Educational Scientific and Cultural Organization"})
    assert run_one("untranslated", source, target, "en>fr", do_not_translate=names) == []
