"""Reading statement files: front matter and Markdown."""

import pytest

from service.errors import InputError
from service.languages import Language
from service.pipeline.read import parse_statement


def test_front_matter_and_markdown() -> None:
    statement = parse_statement(
        "---\n"
        "title: World Health Day: together\n"
        "link: https://www.who.int/x\n"
        "hashtags: #WorldHealthDay, #HealthForAll\n"
        "language: fr-FR\n"
        "---\n"
        "# Ignored heading\n\n"
        "- **L'OMS** appelle à agir, voir [le site](https://who.int).\n"
    )
    assert statement.title == "World Health Day: together"
    assert statement.link == "https://www.who.int/x"
    assert statement.hashtags == ["#WorldHealthDay", "#HealthForAll"]
    assert statement.declared_language is Language.FR
    assert "Ignored heading" in statement.body
    assert statement.body.endswith("L'OMS appelle à agir, voir le site.")


def test_first_heading_becomes_title_without_front_matter() -> None:
    statement = parse_statement("# Día Mundial de la Salud\n\nLa OMS pide actuar.")
    assert statement.title == "Día Mundial de la Salud"
    assert statement.body == "La OMS pide actuar."
    assert statement.link is None and statement.hashtags == []


def test_plain_text_keeps_hash_words_and_bare_links() -> None:
    statement = parse_statement("Wash your hands #SafeHands [https://who.int](https://who.int)")
    assert statement.body == "Wash your hands #SafeHands https://who.int"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("---\nauthor: me\n---\nBody", "key in"),
        ("---\ntitle: a\ntitle: b\n---\nBody", "given twice"),
        ("---\ntitle: a\nBody", "never closed"),
        ("---\nhashtags: World Health\n---\nBody", "not a hashtag"),
        ("---\nlanguage: de\n---\nBody", "unknown language"),
        ("---\ntitle: only a title\n---\n\n", "no body"),
        ("# Title only\n", "no body"),
    ],
)
def test_bad_statements_are_clear_errors(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_statement(text)
