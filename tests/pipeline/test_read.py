"""Reading statement files: front matter, plain text and Markdown, offsets into the input."""

from collections import Counter

import pytest

from service.errors import ErrorCode, InputError
from service.languages import Language
from service.pipeline.read import parse_statement
from service.statement import Statement, StatementFormat, statement_format
from service.text.entities import EntityKind, extract_entities

MARKDOWN, TEXT = StatementFormat.MARKDOWN, StatementFormat.TEXT


def _source(text: str, statement: Statement, start: int, end: int) -> str:
    """The input text behind ``statement.body[start:end]``."""
    input_start, input_end = statement.source_map.span(start, end)
    return text[input_start:input_end]


def test_front_matter_and_markdown() -> None:
    text = (
        "---\n"
        "title: World Health Day: together\n"
        "link: https://www.who.int/x\n"
        "hashtags: #WorldHealthDay, #HealthForAll\n"
        "language: fr-FR\n"
        "---\n"
        "# Another heading\n\n"
        "- **L'OMS** appelle à agir, voir [le site](https://who.int).\n"
    )
    statement = parse_statement(text, MARKDOWN)
    assert statement.title == "World Health Day: together"
    assert statement.title_span is not None
    assert text[slice(*statement.title_span)] == statement.title
    assert statement.link == "https://www.who.int/x"
    assert statement.hashtags == ["#WorldHealthDay", "#HealthForAll"]
    assert statement.declared_language is Language.FR
    assert statement.body == "Another heading\nL'OMS appelle à agir, voir le site."
    # Character for character: markup inside the span is in its source, not markup around it.
    assert _source(text, statement, 16, len(statement.body)) == (
        "L'OMS** appelle à agir, voir [le site](https://who.int)."
    )


def test_first_heading_becomes_title_without_front_matter() -> None:
    text = "# Día Mundial de la Salud\n\nLa OMS pide actuar."
    statement = parse_statement(text, MARKDOWN)
    assert statement.title == "Día Mundial de la Salud"
    assert statement.title_span == (2, 25)
    assert statement.body == "La OMS pide actuar."
    assert statement.link is None and statement.hashtags == []


def test_plain_text_is_not_markdown() -> None:
    text = "---\nlanguage: en\n---\n# Not a heading\n\nWash *your* hands [here](https://who.int)\n"
    statement = parse_statement(text, TEXT)
    assert statement.title is None
    assert statement.body == "# Not a heading\n\nWash *your* hands [here](https://who.int)"
    assert _source(text, statement, 0, len(statement.body)) == statement.body


@pytest.mark.parametrize("format", list(StatementFormat))
@pytest.mark.parametrize(
    "entity",
    [
        "#Peace_Day",
        "#اليوم_العالمي_للصحة",
        "#气候行动",
        "#ЦУР_2030",
        "https://un.org/a_b_c",
        "https://un.org/_a_/*b*/~c~",
        "www.who.int/a_b*c*",
        "@who_int_",
        "$UN_X",
    ],
)
def test_entities_pass_through_reading_untouched(format: StatementFormat, entity: str) -> None:
    text = f"_Emphasis_ before {entity} and *after* {entity}_ x, then **{entity}** ends.\n"
    statement = parse_statement(text, format)
    assert statement.body.count(entity) == 3
    # Every entity of the file (as twitter-text reads it) is in the body; markup around an
    # entity may hide it from twitter-text in the file ("**@who**"), never in the body.
    assert not Counter(_entities(text)) - Counter(_entities(statement.body))
    for found in extract_entities(statement.body):
        assert _source(text, statement, found.start, found.end) == found.text


def _entities(text: str) -> list[str]:
    return [e.text for e in extract_entities(text) if e.kind not in (EntityKind.NUMBER,)]


def test_markdown_reading_follows_commonmark() -> None:
    text = (
        "Escapes \\*kept\\* &amp; references, `code *span*`, <https://un.org/a_b>, <b>html</b>,\n"
        "a soft break, ![an image](i.png) gone, [](https://who.int/empty_text).\r\n\r\n"
        "> Quoted #Peace_Day\n\n    indented code _x_\n"
    )
    statement = parse_statement(text, MARKDOWN)
    assert statement.body == (
        "Escapes *kept* & references, code *span*, https://un.org/a_b, html, a soft break,  "
        "gone, https://who.int/empty_text.\nQuoted #Peace_Day\nindented code _x_"
    )
    body = statement.body
    for piece in ("&", "code *span*", "https://un.org/a_b", "https://who.int/empty_text"):
        start = body.index(piece)
        source = _source(text, statement, start, start + len(piece))
        assert source == {"&": "&amp;"}.get(piece, piece)
    assert _source(text, statement, body.index("*kept"), body.index("kept*") + 5) == "\\*kept\\*"


def test_crlf_line_endings_keep_offsets() -> None:
    text = "---\r\ntitle: Día\r\n---\r\nLa OMS pide actuar.\r\nY la ONU también.\r\n"
    for format in StatementFormat:
        statement = parse_statement(text, format)
        assert statement.title == "Día" and statement.title_span is not None
        assert text[slice(*statement.title_span)] == "Día"
        start = statement.body.index("Y la ONU")
        assert _source(text, statement, start, start + 17) == "Y la ONU también."


def test_format_from_name_or_file_name() -> None:
    assert statement_format(None, "statement.md") is MARKDOWN
    assert statement_format(None, "notes.Markdown") is MARKDOWN
    assert statement_format(None, "statement.txt") is TEXT
    assert statement_format(None, "-") is TEXT
    assert statement_format(None) is TEXT
    assert statement_format(" Markdown ", "statement.txt") is MARKDOWN
    with pytest.raises(InputError, match="unknown statement format 'rst'") as error:
        statement_format("rst")
    assert error.value.code is ErrorCode.UNKNOWN_FORMAT


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
        ("<!-- only a comment -->\n", "no body"),
    ],
)
def test_bad_statements_are_clear_errors(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_statement(text, MARKDOWN)
