"""Line extraction: ranking, openers, cuts, duplicates, room for link and hashtags."""

from pathlib import Path

import pytest

from service.languages import Language
from service.locales import LocaleConventions, load_locales
from service.models import Sentence, Statement
from service.pipeline.extract.features import opener, similarity
from service.pipeline.extract.lines import extract_lines, post_suffix
from service.text.length import weighted_length

LOCALES = load_locales(Path(__file__).resolve().parents[2] / "locales")


def _sentences(*texts: str) -> list[Sentence]:
    sentences, offset = [], 0
    for text in texts:
        sentences.append(Sentence(text=text, start=offset, end=offset + len(text)))
        offset += len(text) + 1
    return sentences


def _no_terms(text: str) -> list[str]:
    return ["who"] if "WHO" in text else []


def _conventions(code: str) -> LocaleConventions:
    return LOCALES[Language(code)]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "This is why we act.", "This"),
        ("en", "Thistles grow everywhere in spring.", None),
        ("en", "It matters.", "It"),
        ("en", "This year, 4.5 billion people lack care.", None),
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


def test_similarity_is_symmetric_and_bounded() -> None:
    assert similarity("a b c", "a b c") == 1.0
    assert similarity("a b", "c d") == 0.0
    assert similarity("世界卫生日", "世界卫生日快乐") == similarity("世界卫生日快乐", "世界卫生日")


def test_lead_with_facts_ranks_first_and_opener_is_penalised() -> None:
    statement = Statement(body="", link="https://www.who.int/x", hashtags=["#WorldHealthDay"])
    sentences = _sentences(
        "WHO calls on all countries to protect 4.5 billion people who lack health services.",
        "This is more than half of the world's population, and it keeps growing.",
        "Governments can act now to change it for the better, starting today.",
    )
    lines = extract_lines(statement, sentences, _conventions("en"), "x", _no_terms)
    assert lines[0].text.startswith("WHO calls")
    assert "lead sentence" in lines[0].reasons
    assert any("carries 1 number" in reason for reason in lines[0].reasons)
    this_line = next(line for line in lines if line.text.startswith("This"))
    assert any("'This'" in reason for reason in this_line.reasons)
    assert this_line.score < lines[0].score
    assert [line.score for line in lines] == sorted((line.score for line in lines), reverse=True)
    assert all(0.0 <= line.score <= 1.0 for line in lines)


def test_length_counts_the_link_and_hashtags() -> None:
    statement = Statement(
        body="", link="https://www.who.int/very/long/path", hashtags=["#HealthForAll"]
    )
    sentence = "WHO urges every government to invest in primary health care for all."
    lines = extract_lines(statement, _sentences(sentence), _conventions("en"), "x", _no_terms)
    expected = weighted_length(sentence + post_suffix(statement), "x").length
    assert lines[0].length == expected == len(sentence) + 1 + 23 + 1 + len("#HealthForAll")


def test_too_long_sentence_is_cut_at_a_clause_boundary_that_fits() -> None:
    statement = Statement(body="", link="https://who.int", hashtags=["#WorldHealthDay"])
    long_sentence = (
        "Extreme heat, floods and air pollution already cause seven million deaths every year, "
        + "and the burden falls hardest on the poorest communities in every region of the world "
        + "who have contributed least to the crisis and have the fewest resources to adapt to it"
    )
    lines = extract_lines(statement, _sentences(long_sentence), _conventions("en"), "x", _no_terms)
    assert len(lines) == 1
    line = lines[0]
    assert line.is_cut and line.text.endswith("…")
    assert (
        line.text
        == "Extreme heat, floods and air pollution already cause seven million deaths every year…"
    )
    assert line.length <= 280
    assert line.start == 0 and line.end == len(line.text) - 1
    assert any("clause boundary" in reason for reason in line.reasons)


def test_chinese_cut_uses_full_width_clause_marks() -> None:
    sentence = (
        "世界卫生组织呼吁各国保护每一个人的健康，"
        + "我们必须立即采取行动保护最脆弱的人群" * 10
        + "。"
    )
    lines = extract_lines(
        Statement(body=""), _sentences(sentence), _conventions("zh"), "x", _no_terms
    )
    assert lines and lines[0].text == "世界卫生组织呼吁各国保护每一个人的健康…"


def test_near_duplicates_are_dropped_and_short_lines_skipped() -> None:
    sentences = _sentences(
        "WHO calls on all countries to protect the health of every person.",
        "WHO calls on all countries to protect the health of every person now.",
        "Thank you.",
    )
    lines = extract_lines(Statement(body=""), sentences, _conventions("en"), "x", _no_terms)
    assert [line.text for line in lines] == [sentences[0].text]


def test_title_is_a_candidate_and_max_lines_is_respected() -> None:
    statement = Statement(body="", title="World Health Day 2026: together for health")
    sentences = _sentences(
        "Vaccines prevent millions of deaths from measles every single year.",
        "Clean water and sanitation keep whole communities free of cholera.",
        "Nurses and midwives are the backbone of primary health care everywhere.",
        "Air pollution kills quietly in cities, homes and workplaces worldwide.",
        "Mental health deserves the same attention as physical health does.",
    )
    lines = extract_lines(statement, sentences, _conventions("en"), "x", _no_terms, max_lines=3)
    assert len(lines) == 3
    all_lines = extract_lines(statement, sentences, _conventions("en"), "x", _no_terms)
    assert any("the statement's title" in line.reasons for line in all_lines)
