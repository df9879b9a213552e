"""Whether a sentence stands alone: openers, datelines, named subjects and link lines."""

import pytest

from service.glossary import load_glossary
from service.languages import Language
from service.locales import LocaleConventions, load_locales
from service.pipeline.extract.standalone import (
    dateline,
    link_line,
    opener,
    opens_with,
    replaceable,
    subject_name,
)
from service.settings import REPOSITORY_ROOT

LOCALES = load_locales(REPOSITORY_ROOT / "locales")
GLOSSARY = load_glossary(REPOSITORY_ROOT / "glossaries")


def _conventions(code: str) -> LocaleConventions:
    return LOCALES[Language(code)]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "This is why we act.", "This"),
        ("en", "Thistles grow everywhere in spring.", None),
        ("en", "It matters.", "It"),
        ("en", "This year, 4.5 billion people lack care.", None),
        ("en", "This yearly report is out.", "This"),
        ("fr", "Cette année, 4,5 milliards de personnes.", None),
        ("en", "Its budget grew.", None),
        ("fr", "Cela change tout.", "Cela"),
        ("fr", "Celebration mondiale de la santé.", None),
        ("fr", "« Cela suffit », dit-elle.", "Cela"),
        ("es", "Esto es urgente.", "Esto"),
        ("es", "Estonia se suma.", None),
        ("es", "Sin embargo, la OMS pide actuar.", "Sin embargo"),
        ("ru", "Это важно для всех.", "Это"),
        ("ru", "Эпидемия отступает.", None),
        ("zh", "这是一个重要的日子。", "这"),
        ("zh", "世界卫生组织呼吁行动。", None),
        ("ar", "هذا يوم مهم للصحة.", "هذا"),
        ("ar", "منظمة الصحة العالمية تدعو إلى العمل.", None),
    ],
)
def test_unresolved_openers_in_six_languages(
    language: str, text: str, expected: str | None
) -> None:
    assert opener(text, _conventions(language)) == expected


def test_opens_with_needs_whole_words_where_words_are_spaced() -> None:
    assert opens_with("L’OMS appelle", "L’")
    assert opens_with("它指出", "它", spaced=False)
    assert not opens_with("Items", "It")
    assert opens_with("IT matters", "It")


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "GENEVA, 7 April 2026 – On World Health Day", "GENEVA, 7 April 2026 – "),
        ("en", "New York, June 5, 2026 — The UN", "New York, June 5, 2026 — "),
        (
            "en",
            "Addis Ababa/Geneva, 7 Apr. 2026 (WHO) - WHO",
            "Addis Ababa/Geneva, 7 Apr. 2026 (WHO) - ",
        ),
        ("en", "Today, 7 April 2026 is a day to act", ""),
        ("en", "On 7 April 2026 – we act", ""),
        ("fr", "Genève, 10 octobre 2026 – L’OMS", "Genève, 10 octobre 2026 – "),
        ("fr", "New York, le 1er juin 2026 – Le PNUD", "New York, le 1er juin 2026 – "),
        ("es", "Nueva York, 5 de junio de 2026 – La OMS", "Nueva York, 5 de junio de 2026 – "),
        (
            "es",
            "Ciudad de México, 1.º de mayo de 2026 – X",
            "Ciudad de México, 1.º de mayo de 2026 – ",
        ),
        ("ru", "Москва, 5 июня 2026 года – ВОЗ", "Москва, 5 июня 2026 года – "),
        ("ru", "Нью-Йорк, 5 июня 2026 г. — ООН", "Нью-Йорк, 5 июня 2026 г. — "),
        ("zh", "2026年6月5日，纽约——世卫组织", "2026年6月5日，纽约——"),
        ("zh", "纽约，2026年6月5日——联合国", "纽约，2026年6月5日——"),
        ("zh", "2026年是关键的一年。", ""),
        ("ar", "نيويورك، 5 حزيران/يونيه 2026 – تدعو", "نيويورك، 5 حزيران/يونيه 2026 – "),
        ("ar", "جنيف، ٧ نيسان/أبريل ٢٠٢٦ - منظمة", "جنيف، ٧ نيسان/أبريل ٢٠٢٦ - "),
        ("ar", "تدعو المنظمة في 5 حزيران/يونيه 2026 إلى العمل", ""),
    ],
)
def test_datelines_in_six_languages(language: str, text: str, expected: str) -> None:
    assert dateline(text, _conventions(language).lines) == expected


def test_a_dateline_alone_is_not_dropped() -> None:
    assert dateline("GENEVA, 7 April 2026 – ", _conventions("en").lines) == ""


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "WHO calls on every country to act.", "WHO"),
        (
            "en",
            "The World Health Organization (WHO) today launched a plan.",
            "The World Health Organization",
        ),
        ("en", "WHO Director-General Dr Tedros said health is a right.", None),
        ("en", "On World Health Day, WHO calls for action.", None),
        (
            "fr",
            "L’Organisation mondiale de la Santé (OMS) appelle à agir.",
            "L’Organisation mondiale de la Santé",
        ),
        ("es", "La OMS pide a todos los países actuar.", "La OMS"),
        ("ru", "ВОЗ призывает все страны действовать.", "ВОЗ"),
        ("ru", "ВОЗ Европы призывает все страны действовать.", None),
        ("zh", "世界卫生组织（世卫组织）今天呼吁各国行动。", "世界卫生组织"),
        ("zh", "世卫组织总干事谭德塞说，健康是一项人权。", None),
        ("ar", "منظمة الصحة العالمية (المنظمة) تدعو إلى العمل.", "منظمة الصحة العالمية"),
    ],
)
def test_the_named_subject_of_a_sentence(language: str, text: str, expected: str | None) -> None:
    matches = GLOSSARY.matcher(Language(language)).find_terms(text)
    assert subject_name(text, matches, _conventions(language)) == expected


@pytest.mark.parametrize(
    ("language", "word", "text", "expected"),
    [
        ("en", "It", "It urges governments to act.", True),
        ("en", "It", "It is urgent that governments act.", False),
        ("en", "This", "This urges governments to act.", False),
        ("fr", "Il", "Il faut agir maintenant.", False),
        ("fr", "Elle", "Elle appelle les gouvernements à agir.", True),
        ("ar", "هي", "هي تدعو الحكومات إلى العمل.", False),
    ],
)
def test_which_pronouns_may_take_a_name(
    language: str, word: str, text: str, expected: bool
) -> None:
    assert replaceable(word, text, _conventions(language)) is expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (
            "en",
            "Read more at https://who.int/a_b #Health_Day",
            ("https://who.int/a_b", ["#Health_Day"]),
        ),
        (
            "en",
            "👉 Learn more: https://who.int and share #HealthForAll.",
            ("https://who.int", ["#HealthForAll"]),
        ),
        ("en", "https://who.int #WorldHealthDay", ("https://who.int", ["#WorldHealthDay"])),
        ("en", "Read more about why health matters to all of us.", None),
        ("en", "WHO published its report at https://who.int today.", None),
        ("fr", "Pour en savoir plus : https://who.int/fr", ("https://who.int/fr", [])),
        ("es", "Más información: https://who.int/es #Salud", ("https://who.int/es", ["#Salud"])),
        ("ru", "Подробнее: https://who.int/ru", ("https://who.int/ru", [])),
        ("zh", "了解更多：https://who.int/zh #世界卫生日", ("https://who.int/zh", ["#世界卫生日"])),
        ("ar", "لمزيد من المعلومات: https://who.int/ar", ("https://who.int/ar", [])),
    ],
)
def test_link_lines_in_six_languages(
    language: str, text: str, expected: tuple[str, list[str]] | None
) -> None:
    assert link_line(text, _conventions(language)) == expected
