"""wrong_script and wrong_language."""

import pytest
from support.checks import run_one

from service.checks.script import script_of

SCRIPT_PASSING = [
    ("Hello", "世界卫生组织呼吁各国采取行动", "en>zh"),
    ("WHO and UNICEF call", "WHO和UNICEF呼吁各国行动", "en>zh"),
    ("Hello", "تدعو منظمة الصحة العالمية إلى العمل", "en>ar"),
    ("Hello", "Всемирная организация здравоохранения призывает", "en>ru"),
    ("Hello", "The World Health Organization calls for action", "fr>en"),
    ("Hello", "L'Organisation mondiale de la Santé appelle à agir", "en>fr"),
    ("Hello", "La Organización Mundial de la Salud pide actuar", "en>es"),
    ("OK", "OK", "en>zh"),  # too few words to judge
    ("Hello", "https://un.org @UN #SDGs 2030", "en>ru"),  # no prose
]

SCRIPT_FAILING = [
    ("Hello", "The World Health Organization calls for action", "en>zh"),
    ("Hello", "L'Organisation mondiale de la Santé appelle à agir", "en>ar"),
    ("Hello", "Hello my dear friends", "en>ru"),
    ("Hello", "Всемирная организация здравоохранения", "fr>en"),
    ("Hello", "تدعو منظمة الصحة العالمية", "en>fr"),
    ("Hello", "我们呼吁各国行动", "en>es"),
]

LANGUAGE_PASSING = [
    ("x", "Clean hands save lives in every hospital around the world.", "fr>en"),
    ("x", "Des mains propres sauvent des vies dans tous les hôpitaux du monde.", "en>fr"),
    ("x", "Unas manos limpias salvan vidas en todos los hospitales del mundo.", "en>es"),
    ("x", "Hola amigos", "en>fr"),  # too few letters to be sure
    ("x", "干净的双手在世界各地的每一家医院拯救生命。", "en>zh"),
    ("x", "Чистые руки спасают жизни в каждой больнице мира.", "en>ru"),
    ("x", "الأيدي النظيفة تنقذ الأرواح في كل مستشفى حول العالم.", "en>ar"),
]

LANGUAGE_FAILING = [
    # Only languages that share a script can be confused once the script is right.
    ("x", "Unas manos limpias salvan vidas en todos los hospitales del mundo.", "en>fr"),
    ("x", "Des mains propres sauvent des vies dans tous les hôpitaux du monde.", "en>es"),
    ("x", "Des mains propres sauvent des vies dans tous les hôpitaux du monde.", "fr>en"),
    ("x", "Clean hands save lives in every hospital around the world.", "en>es"),
]


@pytest.mark.parametrize(("source", "target", "languages"), SCRIPT_PASSING)
def test_right_script(source: str, target: str, languages: str) -> None:
    assert run_one("wrong_script", source, target, languages) == []


@pytest.mark.parametrize(("source", "target", "languages"), SCRIPT_FAILING)
def test_wrong_script(source: str, target: str, languages: str) -> None:
    (finding,) = run_one("wrong_script", source, target, languages)
    assert finding.severity == "error"


@pytest.mark.parametrize(("source", "target", "languages"), LANGUAGE_PASSING)
def test_right_language(source: str, target: str, languages: str) -> None:
    assert run_one("wrong_language", source, target, languages) == []


@pytest.mark.parametrize(("source", "target", "languages"), LANGUAGE_FAILING)
def test_wrong_language(source: str, target: str, languages: str) -> None:
    (finding,) = run_one("wrong_language", source, target, languages)
    assert "confidence" in finding.message


def test_the_approved_source_text_is_not_checked_for_its_language() -> None:
    """A French line in an English statement is what was approved: not a translation."""
    text = "Des mains propres sauvent des vies dans tous les hôpitaux du monde."
    assert run_one("wrong_language", text, text, "fr>en")
    assert run_one("wrong_language", text, text, "en>en") == []


def test_wrong_script_is_not_reported_twice() -> None:
    text = "Всемирная организация здравоохранения призывает к действиям"
    assert run_one("wrong_language", "x", text, "fr>en") == []


def test_do_not_translate_names_do_not_count() -> None:
    text = "United Nations Children's Fund 儿童"
    assert run_one("wrong_script", "x", text, "en>zh")
    names = frozenset({"United Nations Children's Fund"})
    assert run_one("wrong_script", "x", text, "en>zh", do_not_translate=names) == []


def test_message_names_both_scripts() -> None:
    (finding,) = run_one("wrong_script", "x", "Hello my dear friends", "en>ru")
    assert "Latin" in finding.message and "Cyrillic" in finding.message


@pytest.mark.parametrize(
    ("word", "script"),
    [
        ("hello", "Latin"),
        ("привет", "Cyrillic"),
        ("مرحبا", "Arabic"),
        ("好", "Han"),
        ("γεια", "Greek"),
        ("नमस्ते", "Devanagari"),
        ("こんにちは", "Hiragana"),
    ],
)
def test_script_of(word: str, script: str) -> None:
    assert script_of(word) == script
