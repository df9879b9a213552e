"""Lines that stand alone, in six languages: datelines, dangling openers and link lines.

Each statement in tests/data/statements/ opens with a dateline, has a pronoun standing for
the lead's named subject, a sentence opening on a demonstrative and a closing link line.
"""

from dataclasses import dataclass
from pathlib import Path

import pytest

from service.languages import Language
from service.settings import Settings
from service.statement import LeftOutReason, LineExtraction, StatementFormat
from service.workflow import Workspace, statement_lines, statement_sentences

STATEMENTS = Path(__file__).resolve().parents[1] / "data" / "statements"


@dataclass(frozen=True)
class Case:
    dateline: str
    pronoun: str | None
    name: str | None
    demonstrative: str
    hashtag: str


CASES = {
    Language.EN: Case(
        "GENEVA, 7 April 2026 –", "It", "The World Health Organization", "This", "#HealthForAll"
    ),
    Language.FR: Case(
        "Genève, 10 octobre 2026 –",
        "Elle",
        "L’Organisation mondiale de la Santé",
        "Cela",
        "#SantéMentale",
    ),
    Language.ES: Case(
        "Nueva York, 5 de junio de 2026 –",
        "Ella",
        "La Organización Mundial de la Salud",
        "Esto",
        "#DíaMundialDeLaSalud",
    ),
    Language.RU: Case(
        "Москва, 5 июня 2026 года –",
        "Она",
        "Всемирная организация здравоохранения",
        "Это",
        "#ВсемирныйДеньЗдоровья",
    ),
    Language.ZH: Case("2026年6月5日，纽约——", "它", "世界卫生组织", "这", "#世界卫生日"),
    Language.AR: Case("نيويورك، 5 حزيران/يونيه 2026 –", None, None, "هذا", "#اليوم_العالمي_للصحة"),
}


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    return Workspace(Settings(data_dir=tmp_path_factory.mktemp("data")))


def _without_markup(source: str) -> str:
    """The statements' only markup is emphasis (kept as it is in plain text)."""
    return source.replace("*", "")


def _check_offsets(text: str, extraction: LineExtraction) -> None:
    for line in extraction.lines:
        assert line.start is not None and line.end is not None
        source = _without_markup(text[line.start : line.end])
        for edit in line.edits:
            assert text[edit.start : edit.end] == edit.before
            source = source.replace(edit.before, edit.after, 1)
        assert source == _without_markup(line.text)
    for item in extraction.left_out:
        assert item.start is not None and item.end is not None
        assert _without_markup(text[item.start : item.end]) == _without_markup(item.text)


@pytest.mark.parametrize("format", list(StatementFormat))
@pytest.mark.parametrize("language", list(CASES))
def test_a_statement_in_each_language(
    workspace: Workspace, language: Language, format: StatementFormat
) -> None:
    case = CASES[language]
    text = (STATEMENTS / f"{language.value}.md").read_text(encoding="utf-8")
    extraction = statement_lines(workspace, text, "x", format=format)
    assert extraction.source_language is language
    lead = next(line for line in extraction.lines if "lead sentence" in line.reasons)
    assert f"dateline {case.dateline!r} dropped" in lead.reasons
    assert not any(case.dateline in line.text for line in extraction.lines)
    assert extraction.link is not None and extraction.link.startswith("https://www.who.int/")
    assert case.hashtag in extraction.hashtags
    reasons = {item.reason: item for item in extraction.left_out}
    assert reasons[LeftOutReason.LINK_LINE].text.startswith(
        ("Read", "Pour", "Más", "Подробнее", "了解", "لمزيد")
    )
    dangling = reasons[LeftOutReason.DANGLING_OPENER]
    assert dangling.text.startswith(case.demonstrative)
    assert not any(line.text.startswith(case.demonstrative) for line in extraction.lines)
    edited = [line for line in extraction.lines if line.edits]
    if case.pronoun is None:
        assert edited == [] and len(extraction.left_out) == 2
    else:
        (line,) = edited
        assert line.text.startswith(case.name or "")
        assert (line.edits[0].before, line.edits[0].after) == (case.pronoun, case.name)
    _check_offsets(text, extraction)


def test_segment_reads_the_statement_as_lines_does(workspace: Workspace) -> None:
    text = (STATEMENTS / "fr.md").read_text(encoding="utf-8")
    sentences = statement_sentences(workspace, text, format=StatementFormat.MARKDOWN).sentences
    assert [sentence.text[:4] for sentence in sentences] == ["Genè", "Elle", "Cela", "Pour"]
    assert "*santé mentale*" in text[sentences[0].start : sentences[0].end]
    assert "*" not in sentences[0].text
