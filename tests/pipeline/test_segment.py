"""Sentence segmentation: per-language rule tables, offset invariants, UDHR paragraphs."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from service.errors import DataError
from service.languages import ALL_LANGUAGES, Language
from service.locales import SegmentationRules, load_locales, parse_locale
from service.models import Segmentation
from service.pipeline.segment.sentences import segment
from service.settings import REPOSITORY_ROOT

LOCALES = load_locales(REPOSITORY_ROOT / "locales")
UDHR = REPOSITORY_ROOT / "tests" / "data" / "udhr"


def _sentences(language: Language, text: str) -> list[str]:
    return [sentence.text for sentence in segment(text, language, LOCALES[language]).sentences]


CASES: list[tuple[Language, str, list[str]]] = [
    # English: titles, initials, decimals, a.m./etc., URLs, ellipses, quotes, paragraphs.
    (Language.EN, "Mr. Smith arrived. He spoke.", ["Mr. Smith arrived.", "He spoke."]),
    (
        Language.EN,
        "Dr. Tedros met J. K. Rowling today. It went well.",
        ["Dr. Tedros met J. K. Rowling today.", "It went well."],
    ),
    (
        Language.EN,
        "Prices rose 7.1 percent. Then fell.",
        ["Prices rose 7.1 percent.", "Then fell."],
    ),
    (Language.EN, "Use soap, e.g. bar soap. Rinse.", ["Use soap, e.g. bar soap.", "Rinse."]),
    (
        Language.EN,
        "We open at 9 a.m. and close at 5 p.m. Come early.",
        ["We open at 9 a.m. and close at 5 p.m.", "Come early."],
    ),
    (Language.EN, "Bring soap, water, etc. Then wash.", ["Bring soap, water, etc.", "Then wash."]),
    (Language.EN, "Bring soap, water, etc. and wash.", ["Bring soap, water, etc. and wash."]),
    (
        Language.EN,
        "Read https://www.who.int/news/item/a.b. Share it.",
        ["Read https://www.who.int/news/item/a.b.", "Share it."],
    ),
    (Language.EN, "Visit who.int/a.b today. Thanks.", ["Visit who.int/a.b today.", "Thanks."]),
    (Language.EN, "Wait... what happened? Nothing.", ["Wait... what happened?", "Nothing."]),
    (Language.EN, "We waited… Then it came.", ["We waited…", "Then it came."]),
    (Language.EN, 'He said "Stop. Now." Then he left.', ['He said "Stop. Now."', "Then he left."]),
    (Language.EN, "She asked “Why?” and left.", ["She asked “Why?” and left."]),
    (Language.EN, "It’s done. Don’t wait.", ["It’s done.", "Don’t wait."]),
    (Language.EN, "Hello.World is a name.", ["Hello.World is a name."]),
    (Language.EN, "(See Art. 5.) Then act.", ["(See Art. 5.)", "Then act."]),
    (Language.EN, "Really?! Yes.", ["Really?!", "Yes."]),
    # Links, hashtags, mentions and emoji after the last sentence stay with it.
    (
        Language.EN,
        "Wash your hands for 20 seconds! #safeHANDS @WHO 🙌",
        ["Wash your hands for 20 seconds! #safeHANDS @WHO 🙌"],
    ),
    (
        Language.EN,
        "Read the report. https://un.org/report",
        ["Read the report. https://un.org/report"],
    ),
    (Language.EN, "Thanks! @WHO is great.", ["Thanks!", "@WHO is great."]),
    (Language.EN, "Done. https://x.org has more.", ["Done.", "https://x.org has more."]),
    (
        Language.EN,
        "# Clean hands\n\nSoap works. Water helps\n- wash often\n- dry well\n",
        ["# Clean hands", "Soap works.", "Water helps", "- wash often", "- dry well"],
    ),
    # French: M., guillemets, 7,1 %, etc., ellipsis before a lower-case word.
    (Language.FR, "M. Dupont est arrivé. Il a parlé.", ["M. Dupont est arrivé.", "Il a parlé."]),
    (
        Language.FR,
        "Il a dit : « Je viens. Tu viens ? » Puis il est parti.",
        ["Il a dit : « Je viens. Tu viens ? »", "Puis il est parti."],
    ),
    (Language.FR, "« Bonjour ! » Elle sourit.", ["« Bonjour ! »", "Elle sourit."]),
    (Language.FR, "Fin. « Début. »", ["Fin.", "« Début. »"]),
    (
        Language.FR,
        "Elle a crié « Au secours ! » et s’est enfuie.",
        ["Elle a crié « Au secours ! » et s’est enfuie."],
    ),
    (
        Language.FR,
        "La croissance a été de 7,1 %. C’est bien.",
        ["La croissance a été de 7,1 %.", "C’est bien."],
    ),
    (Language.FR, "Il attendait… puis il est parti.", ["Il attendait… puis il est parti."]),
    (
        Language.FR,
        "Du savon, de l’eau, etc. Puis lavez-vous.",
        ["Du savon, de l’eau, etc.", "Puis lavez-vous."],
    ),
    (Language.FR, "Voir l’art. 5 du traité. Merci.", ["Voir l’art. 5 du traité.", "Merci."]),
    # Spanish: ¿…? and ¡…! stay whole, p. m. and EE. UU., 7,1 and 7.1.
    (Language.ES, "Hola. ¿Cómo estás? ¡Qué bien!", ["Hola.", "¿Cómo estás?", "¡Qué bien!"]),
    (Language.ES, "Dijo: ¿vienes? Sí.", ["Dijo: ¿vienes?", "Sí."]),
    (Language.ES, "¿Vienes?, preguntó Ana. Sí.", ["¿Vienes?, preguntó Ana.", "Sí."]),
    (Language.ES, "«¿Vienes?», preguntó.", ["«¿Vienes?», preguntó."]),
    (
        Language.ES,
        "El Sr. García llegó a las 7 p. m. y habló. Bien.",
        ["El Sr. García llegó a las 7 p. m. y habló.", "Bien."],
    ),
    (
        Language.ES,
        "La inflación fue del 7,1 %. Subió a 7.1 en mayo. Fin.",
        ["La inflación fue del 7,1 %.", "Subió a 7.1 en mayo.", "Fin."],
    ),
    (Language.ES, "Lo dijo EE. UU. Luego, todos.", ["Lo dijo EE. UU.", "Luego, todos."]),
    (Language.ES, "EE. UU. respondió. Bien.", ["EE. UU. respondió.", "Bien."]),
    (Language.ES, "¡Hola!¿Qué tal?", ["¡Hola!¿Qué tal?"]),
    # Russian: initials, г. and т. д. (which may end a sentence), decimals, «».
    (
        Language.RU,
        "Поэт А. С. Пушкин родился в Москве. Это известно.",
        ["Поэт А. С. Пушкин родился в Москве.", "Это известно."],
    ),
    (
        Language.RU,
        "Он родился в 1799 г. в Москве. Всё.",
        ["Он родился в 1799 г. в Москве.", "Всё."],
    ),
    (Language.RU, "Это было в 1799 г. Потом он уехал.", ["Это было в 1799 г.", "Потом он уехал."]),
    (Language.RU, "Книги, журналы и т. д. Всё это.", ["Книги, журналы и т. д.", "Всё это."]),
    (Language.RU, "Рост составил 7,1 %. Это много.", ["Рост составил 7,1 %.", "Это много."]),
    (
        Language.RU,
        "Он сказал: «Иду. Жди». Потом ушёл.",
        ["Он сказал: «Иду. Жди».", "Потом ушёл."],
    ),
    (Language.RU, "См. п. 5. Далее.", ["См. п. 5.", "Далее."]),
    # Arabic: ؟, د. (Dr), decimals, «».
    (Language.AR, "هل أنت بخير؟ نعم، شكرا.", ["هل أنت بخير؟", "نعم، شكرا."]),
    (Language.AR, "قال د. أحمد إن الوضع جيد. ثم غادر.", ["قال د. أحمد إن الوضع جيد.", "ثم غادر."]),
    (Language.AR, "زاد بنسبة 7.1 في المئة. هذا جيد.", ["زاد بنسبة 7.1 في المئة.", "هذا جيد."]),
    (Language.AR, "قال: «نحن هنا. لن نغادر». ثم صمت.", ["قال: «نحن هنا. لن نغادر».", "ثم صمت."]),
    # Chinese: 。！？ with no space, decimals and domains, quotes, …….
    (Language.ZH, "世界卫生日。你好！好吗？", ["世界卫生日。", "你好！", "好吗？"]),
    (Language.ZH, "增长了7.1%。这很好。", ["增长了7.1%。", "这很好。"]),
    (Language.ZH, "他说：“你好。”然后走了。", ["他说：“你好。”", "然后走了。"]),
    (Language.ZH, "他说：“我来了。你呢？”", ["他说：“我来了。你呢？”"]),
    (Language.ZH, "访问who.int了解更多。谢谢！", ["访问who.int了解更多。", "谢谢！"]),
    (Language.ZH, "他犹豫了……然后走了。", ["他犹豫了……然后走了。"]),
    (
        Language.ZH,
        "《报告》发布了。请阅读！\n第二段。",
        ["《报告》发布了。", "请阅读！", "第二段。"],
    ),
]


@pytest.mark.parametrize(("language", "text", "expected"), CASES)
def test_rules(language: Language, text: str, expected: list[str]) -> None:
    assert _sentences(language, text) == expected


def test_spanish_opening_marks_would_be_misplaced_without_the_rules() -> None:
    """The base: spaCy's sentencizer alone puts "¿" at the end of the previous sentence."""
    import spacy

    nlp = spacy.blank("es")
    nlp.add_pipe("sentencizer")
    assert [span.text for span in nlp("Hola. ¿Cómo estás?").sents] == ["Hola. ¿", "Cómo estás?"]
    assert _sentences(Language.ES, "Hola. ¿Cómo estás?") == ["Hola.", "¿Cómo estás?"]


def test_offsets_point_into_the_original_text() -> None:
    text = "  Hola.   ¿Qué tal?\r\n\r\n¡Bien!  "
    result = segment(text, Language.ES, LOCALES[Language.ES])
    assert [(s.start, s.end) for s in result.sentences] == [(2, 7), (10, 19), (23, 29)]
    assert all(text[s.start : s.end] == s.text for s in result.sentences)
    assert result.language is Language.ES


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t\n"])
def test_blank_text_has_no_sentences(text: str) -> None:
    assert segment(text, Language.EN, LOCALES[Language.EN]).sentences == []


def test_conventions_must_match_the_language() -> None:
    with pytest.raises(ValueError, match="conventions for fr"):
        segment("Bonjour.", Language.EN, LOCALES[Language.FR])


# fmt: off
_FRAGMENTS = [
    "Hello", "world", "Mr.", "Dr.", "etc.", "e.g.", "p. m.", "EE. UU.", "А.", "С.", "т. д.",
    "7.1", "7,1", "https://who.int/a.b", "who.int", "@WHO", "#Day", "🙂", "...", "…", "……",
    ".", "!", "?", "?!", "¿", "¡", "«", "»", "“", "”", '"', "'", "’", "(", ")", "。", "！", "？",
    "؟", "世界", "مرحبا", "Привет", " ", "\u00a0", "  ", "\n", "\n\n", "\r\n", "\u202f", "a", "B",
]
# fmt: on


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(ALL_LANGUAGES),
    st.one_of(
        st.lists(st.sampled_from(_FRAGMENTS), max_size=30).map("".join), st.text(max_size=60)
    ),
)
def test_sentences_are_ordered_disjoint_exact_and_lose_nothing(
    language: Language, text: str
) -> None:
    result = segment(text, language, LOCALES[language])
    previous_end = 0
    for sentence in result.sentences:
        assert previous_end <= sentence.start < sentence.end
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()
        previous_end = sentence.end
    covered = "".join(sentence.text for sentence in result.sentences)
    assert "".join(covered.split()) == "".join(text.split())
    assert not any("\n" in sentence.text or "\r" in sentence.text for sentence in result.sentences)


# Lines (1-based, in tests/data/udhr/<code>.txt) that hold two sentences; all others hold one.
TWO_SENTENCE_LINES = {
    Language.AR: {3, 11, 18},
    Language.ZH: {11, 24},
    Language.EN: {11, 24},
    Language.FR: {11, 24},
    Language.RU: {11, 24},
    Language.ES: {24},
}


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_udhr_paragraphs(language: Language) -> None:
    text = (UDHR / f"{language.value}.txt").read_text(encoding="utf-8")
    whole = segment(text, language, LOCALES[language])
    by_line: list[Segmentation] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        result = segment(line, language, LOCALES[language])
        expected = 2 if number in TWO_SENTENCE_LINES[language] else 1
        assert len(result.sentences) == expected, (number, [s.text for s in result.sentences])
        by_line.append(result)
    assert [s.text for s in whole.sentences] == [s.text for r in by_line for s in r.sentences]
    for sentence in whole.sentences:
        assert sentence.text == text[sentence.start : sentence.end]


def test_bundled_locales_have_segmentation_rules_for_every_language() -> None:
    for language in ALL_LANGUAGES:
        rules = LOCALES[language].segmentation
        assert rules.terminators and rules.ellipses
    assert LOCALES[Language.ES].segmentation.paired_marks == {"¿": "?", "¡": "!"}
    assert LOCALES[Language.ZH].segmentation.spaces_between_sentences is False


@pytest.mark.parametrize(
    "rules",
    [
        {"terminators": []},
        {"terminators": ["..."]},
        {"terminators": ["."], "abbreviations": [" "]},
    ],
)
def test_bad_segmentation_rules_are_rejected(rules: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        SegmentationRules.model_validate(rules)


def test_a_bad_rule_in_a_locale_file_names_file_and_line(tmp_path: Path) -> None:
    source = (REPOSITORY_ROOT / "locales" / "en.toml").read_text(encoding="utf-8")
    broken = source.replace('terminators = [".", "!", "?"]', 'terminators = [".", "?!"]')
    assert broken != source
    path = tmp_path / "en.toml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(DataError, match=r"en\.toml:\d+: segmentation\.terminators"):
        parse_locale(path)
