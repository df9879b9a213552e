"""Line extraction: ranking, cuts, duplicates, room for the link and hashtags, left-out lines."""

from pathlib import Path

import pytest

from service.glossary import TermMatch
from service.languages import Language
from service.locales import LocaleConventions, load_locales
from service.models import Sentence
from service.pipeline.extract.features import similarity
from service.pipeline.extract.lines import extract_lines, post_suffix
from service.statement import LeftOutReason, LineExtraction, Statement
from service.text.length import weighted_length

LOCALES = load_locales(Path(__file__).resolve().parents[2] / "locales")


def _sentences(*texts: str) -> list[Sentence]:
    sentences, offset = [], 0
    for text in texts:
        sentences.append(Sentence(text=text, start=offset, end=offset + len(text)))
        offset += len(text) + 1
    return sentences


def _who(text: str) -> list[TermMatch]:
    """A stand-in for the glossary: every "WHO" in the text."""
    found, start = [], text.find("WHO")
    while start != -1:
        found.append(
            TermMatch(
                concept_id="who", surface="WHO", start_char=start, end_char=start + 3, form="name"
            )
        )
        start = text.find("WHO", start + 3)
    return found


def _conventions(code: str) -> LocaleConventions:
    return LOCALES[Language(code)]


def _extract(
    statement: Statement, *texts: str, code: str = "en", max_lines: int = 10
) -> LineExtraction:
    conventions = _conventions(code)
    return extract_lines(statement, _sentences(*texts), conventions, "x", _who, max_lines)


def test_similarity_is_symmetric_and_bounded() -> None:
    assert similarity("a b c", "a b c") == 1.0
    assert similarity("a b", "c d") == 0.0
    assert similarity("世界卫生日", "世界卫生日快乐") == similarity("世界卫生日快乐", "世界卫生日")


def test_lead_with_facts_ranks_first_and_a_dangling_opener_is_left_out() -> None:
    statement = Statement(body="", link="https://www.who.int/x", hashtags=["#WorldHealthDay"])
    lead = "WHO Director-General said all countries must protect 4.5 billion people without care."
    result = _extract(
        statement,
        lead,
        "This is more than half of the world's population, and it keeps growing.",
        "Governments can act now to change it for the better, starting today.",
    )
    lines = result.lines
    assert lines[0].text.startswith("WHO Director-General")
    assert "lead sentence" in lines[0].reasons
    assert any("carries 1 number" in reason for reason in lines[0].reasons)
    assert not any(line.text.startswith("This") for line in lines)
    (left_out,) = result.left_out
    assert left_out.reason is LeftOutReason.DANGLING_OPENER
    assert left_out.detail == "opens with 'This', which needs an antecedent"
    assert (left_out.start, left_out.end) == (len(lead) + 1, len(lead) + 1 + len(left_out.text))
    assert [line.score for line in lines] == sorted((line.score for line in lines), reverse=True)
    assert all(0.0 <= line.score <= 1.0 for line in lines)
    assert result.link == statement.link and result.hashtags == statement.hashtags


def test_a_pronoun_takes_the_name_of_the_subject_before_as_a_marked_edit() -> None:
    statement = Statement(body="", link="https://www.who.int/x")
    lead = "WHO calls on every country to protect the health of every person, everywhere."
    second = "It urges governments to invest in primary health care, which saves lives."
    result = _extract(statement, lead, second)
    edited = next(line for line in result.lines if line.edits)
    assert (
        edited.text == "WHO urges governments to invest in primary health care, which saves lives."
    )
    (edit,) = edited.edits
    assert (edit.kind, edit.before, edit.after) == ("opener_replaced", "It", "WHO")
    start = len(lead) + 1
    assert (edit.start, edit.end) == (start, start + 2)
    assert (edited.start, edited.end) == (start, start + len(second))
    assert any("'It' replaced by 'WHO'" in reason for reason in edited.reasons)
    assert edited.score < result.lines[0].score


@pytest.mark.parametrize(
    "second",
    [
        "It is time for every government to invest in primary health care now.",  # impersonal
        "It urges governments to invest in primary health care, which saves lives.",
    ],
)
def test_a_pronoun_without_a_named_subject_before_is_left_out(second: str) -> None:
    first = "WHO Director-General Dr Tedros said health is a human right for everyone."
    if second.startswith("It is"):
        first = "WHO calls on every country to protect the health of every person."
    result = _extract(Statement(body=""), first, second)
    if second.startswith("It is time"):  # "It is time" is a resolved opener: it stands alone
        assert len(result.lines) == 2
        return
    assert [line.text for line in result.lines] == [first]
    assert result.left_out[0].reason is LeftOutReason.DANGLING_OPENER


def test_an_edited_line_that_is_too_long_is_cut_with_offsets_into_the_source() -> None:
    first = "WHO calls on every country to protect the health of every person, everywhere."
    second = "It warns that " + "extreme heat, floods and air pollution harm health, " * 8 + "now."
    result = _extract(Statement(body=""), first, second)
    cut = next(line for line in result.lines if line.is_cut)
    assert cut.text.startswith("WHO warns that") and cut.text.endswith("…")
    assert cut.start == len(first) + 1 and cut.end is not None
    assert second[: cut.end - cut.start] == "It" + cut.text[3:-1]


def test_length_counts_the_link_and_hashtags() -> None:
    statement = Statement(
        body="", link="https://www.who.int/very/long/path", hashtags=["#HealthForAll"]
    )
    sentence = "WHO urges every government to invest in primary health care for all."
    lines = _extract(statement, sentence).lines
    suffix = post_suffix(sentence, statement.link, ["#HealthForAll"])
    expected = weighted_length(sentence + suffix, "x")
    assert lines[0].length == expected.length == len(sentence) + 1 + 23 + 1 + len("#HealthForAll")


@pytest.mark.parametrize(
    ("line", "suffix"),
    [
        ("Act now.", " https://who.int/a #Health #UN"),
        ("Act now at https://who.int/a #health", " #UN"),
        ("Act now at who.int/a/ and www.who.int #HEALTH #un", ""),
        ("Act now at https://who.int/b", " https://who.int/a #Health #UN"),
    ],
)
def test_each_link_and_hashtag_once_per_post(line: str, suffix: str) -> None:
    assert post_suffix(line, "https://who.int/a", ["#Health", "#UN", "#health"]) == suffix


def test_too_long_sentence_is_cut_at_a_clause_boundary_that_fits() -> None:
    statement = Statement(body="", link="https://who.int", hashtags=["#WorldHealthDay"])
    long_sentence = (
        "Extreme heat, floods and air pollution already cause seven million deaths every year, "
        + "and the burden falls hardest on the poorest communities in every region of the world "
        + "who have contributed least to the crisis and have the fewest resources to adapt to it"
    )
    lines = _extract(statement, long_sentence).lines
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


def test_a_cut_never_falls_inside_a_url() -> None:
    sentence = "Health for all, everywhere and now, at https://un.org/a,b," + " word" * 60
    (line,) = _extract(Statement(body=""), sentence).lines
    assert line.text == "Health for all, everywhere and now, at https://un.org/a,b…"


def test_chinese_cut_uses_full_width_clause_marks() -> None:
    sentence = (
        "世界卫生组织呼吁各国保护每一个人的健康，"
        + "我们必须立即采取行动保护最脆弱的人群" * 10
        + "。"
    )
    lines = _extract(Statement(body=""), sentence, code="zh").lines
    assert lines and lines[0].text == "世界卫生组织呼吁各国保护每一个人的健康…"


def test_near_duplicates_and_short_lines_are_left_out_with_reasons() -> None:
    sentences = (
        "WHO calls on all countries to protect the health of every person.",
        "WHO calls on all countries to protect the health of every person now.",
        "Thank you.",
    )
    result = _extract(Statement(body=""), *sentences)
    assert [line.text for line in result.lines] == [sentences[0]]
    assert [(item.text, item.reason) for item in result.left_out] == [
        (sentences[1], LeftOutReason.DUPLICATE),
        (sentences[2], LeftOutReason.TOO_SHORT),
    ]
    assert result.left_out[0].detail == "repeats line 1, which ranks higher"
    assert result.no_lines_reason is None


def test_title_is_a_candidate_and_max_lines_is_respected() -> None:
    statement = Statement(body="", title="World Health Day 2026: together for health")
    sentences = (
        "Vaccines prevent millions of deaths from measles every single year.",
        "Clean water and sanitation keep whole communities free of cholera.",
        "Nurses and midwives are the backbone of primary health care everywhere.",
        "Air pollution kills quietly in cities, homes and workplaces worldwide.",
        "Mental health deserves the same attention as physical health does.",
    )
    assert len(_extract(statement, *sentences, max_lines=3).lines) == 3
    all_lines = _extract(statement, *sentences).lines
    assert any("the statement's title" in line.reasons for line in all_lines)


@pytest.mark.parametrize(
    ("sentences", "reason"),
    [
        (("Thank you.", "See you soon."), "no line can be offered for x: 2 too short to stand"),
        (("a" * 50_000,), "no line can be offered for x: 1 too long, with nowhere to cut"),
        (("This matters to every single one of us, everywhere.",), "1 opening on a word"),
    ],
)
def test_when_no_line_can_be_offered_the_result_says_why(
    sentences: tuple[str, ...], reason: str
) -> None:
    result = _extract(Statement(body=""), *sentences)
    assert result.lines == []
    assert result.no_lines_reason is not None and reason in result.no_lines_reason
    assert len(result.left_out) == len(sentences)


def test_a_link_line_gives_the_posts_their_link_and_hashtags() -> None:
    lead = "WHO calls on every country to protect the health of every person, everywhere."
    closing = "Learn more at https://www.who.int/campaigns #WorldHealthDay #HealthForAll"
    result = _extract(Statement(body=""), lead, closing)
    assert [line.text for line in result.lines] == [lead]
    assert result.link == "https://www.who.int/campaigns"
    assert result.hashtags == ["#WorldHealthDay", "#HealthForAll"]
    assert result.left_out[0].reason is LeftOutReason.LINK_LINE
    assert (
        result.lines[0].length
        == weighted_length(
            lead + " https://www.who.int/campaigns #WorldHealthDay #HealthForAll", "x"
        ).length
    )
    given = Statement(body="", link="https://who.int/front", hashtags=["#Health"])
    carried = _extract(given, lead, closing)
    assert carried.link == "https://who.int/front" and carried.hashtags == ["#Health"]
    assert "https://who.int/front" in carried.left_out[0].detail
