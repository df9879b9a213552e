"""Masking protected spans before machine translation and restoring them after."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.engines.argos import ArgosEngine
from service.glossary import Glossary, load_glossary
from service.languages import ALL_LANGUAGES, Language
from service.locales import load_locales
from service.models import Severity
from service.pipeline.translate.protect import (
    MaskKind,
    ProtectedSpan,
    SpanRenderer,
    mask,
    placeholder_prefix,
    restore,
)
from service.settings import REPOSITORY_ROOT
from service.text.entities import EntityKind, extract_entities

AR, ZH, EN, FR, RU, ES = ALL_LANGUAGES
LOCALES = load_locales(REPOSITORY_ROOT / "locales")
NAMES = ["COVAX", "Gavi"]


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(REPOSITORY_ROOT / "glossaries")


def identity(span: ProtectedSpan) -> str:
    return span.text


# One line per language with every kind of entity, and the kinds expected in order.
SIX_LANGUAGE_LINES: list[tuple[Language, str, list[MaskKind]]] = [
    (
        AR,
        "ادعموا #صغر_الرأس مع @WHO و $UN 💙 بنسبة 7.5% عبر https://who.int/ar و Gavi",
        [
            MaskKind.HASHTAG,
            MaskKind.MENTION,
            MaskKind.CASHTAG,
            MaskKind.EMOJI,
            MaskKind.NUMBER,
            MaskKind.URL,
            MaskKind.NAME,
        ],
    ),
    (
        ZH,
        "世卫组织@WHO呼吁 #世界卫生日 行动💉，1,000名卫生工作者 https://who.int/zh COVAX",
        [
            MaskKind.MENTION,
            MaskKind.HASHTAG,
            MaskKind.EMOJI,
            MaskKind.NUMBER,
            MaskKind.URL,
            MaskKind.NAME,
        ],
    ),
    (
        EN,
        "WHO and @UNICEF back #World_Health_Day: 1,000.5 doses 💉 for $GAVI, via Gavi https://un.org/x?a=1_2",
        [
            MaskKind.MENTION,
            MaskKind.HASHTAG,
            MaskKind.NUMBER,
            MaskKind.EMOJI,
            MaskKind.CASHTAG,
            MaskKind.NAME,
            MaskKind.URL,
        ],
    ),
    (
        FR,
        "L’OMS et @ONU_fr : 1 000 000 personnes 🌍 #JournéeMondialeDeLaSanté "
        "https://www.who.int/fr COVAX",
        [
            MaskKind.MENTION,
            MaskKind.NUMBER,
            MaskKind.EMOJI,
            MaskKind.HASHTAG,
            MaskKind.URL,
            MaskKind.NAME,
        ],
    ),
    (
        RU,
        "ВОЗ и @WHO_ru: 7,1 млн доз 💉 #ВсемирныйДеньЗдоровья $UN https://who.int/ru Gavi",
        [
            MaskKind.MENTION,
            MaskKind.NUMBER,
            MaskKind.EMOJI,
            MaskKind.HASHTAG,
            MaskKind.CASHTAG,
            MaskKind.URL,
            MaskKind.NAME,
        ],
    ),
    (
        ES,
        "¿La OMS y @ONU_es? 12,5 % más 🙌 #DíaMundialDeLaSalud https://who.int/es COVAX",
        [
            MaskKind.MENTION,
            MaskKind.NUMBER,
            MaskKind.EMOJI,
            MaskKind.HASHTAG,
            MaskKind.URL,
            MaskKind.NAME,
        ],
    ),
]


@pytest.mark.parametrize(("language", "line", "kinds"), SIX_LANGUAGE_LINES)
def test_every_entity_kind_is_masked_and_restored_in_six_languages(
    language: Language, line: str, kinds: list[MaskKind]
) -> None:
    masked = mask(line, NAMES)
    assert [span.kind for span in masked.spans] == kinds
    for span in masked.spans:
        assert line[span.start : span.end] == span.text
        assert span.text not in masked.masked
        assert masked.masked.count(span.placeholder) == 1
    assert "_" not in masked.masked
    assert restore(masked.masked, masked, identity).text == line


@pytest.mark.parametrize(("language", "line", "kinds"), SIX_LANGUAGE_LINES)
def test_placeholders_survive_real_ctranslate2(
    argos_packages_dir: Path, language: Language, line: str, kinds: list[MaskKind]
) -> None:
    """A copy model returns its input: every placeholder comes back and restores in place."""
    engine = ArgosEngine(argos_packages_dir, inter_threads=1)
    source, target = (language, EN) if language is not EN else (EN, FR)
    masked = mask(line, NAMES)
    [output] = engine.translate_batch([masked.masked], source, target)
    restored = restore(output.text, masked, identity)
    assert restored.text == line
    assert restored.findings == []


def test_masked_text_hides_underscores_of_an_arabic_hashtag() -> None:
    masked = mask("#صغر_الرأس يهم الجميع")
    assert masked.masked == "ZQXA يهم الجميع"
    assert restore("ZQXA matters to everyone", masked, identity).text == (
        "#صغر_الرأس matters to everyone"
    )


@pytest.mark.parametrize(
    ("translated", "expected"),
    [
        ("ZQXA appelle ZQXB", "#WHO appelle https://who.int"),
        ("zqxa appelle Zqxb", "#WHO appelle https://who.int"),  # re-cased
        ("ZQX A appelle ZQ XB", "#WHO appelle https://who.int"),  # split by a space
        ("ZQXA世卫 ZQXB", "#WHO世卫 https://who.int"),  # Chinese: no space around it
        ("«ZQXA» appelle (ZQXB).", "«#WHO» appelle (https://who.int)."),
    ],
)
def test_restore_finds_placeholders_the_engine_reshaped(translated: str, expected: str) -> None:
    masked = mask("#WHO calls https://who.int")
    restored = restore(translated, masked, identity)
    assert restored.text == expected
    assert restored.findings == []


def test_a_placeholder_glued_to_a_word_is_not_a_placeholder() -> None:
    masked = mask("#WHO calls")
    restored = restore("ZQXAB calls", masked, identity)
    assert "#WHO" in restored.text  # appended, since the engine lost the real placeholder
    assert [f.check for f in restored.findings] == ["entity_restored"]


def test_a_dropped_link_is_appended_and_reported() -> None:
    masked = mask("Read more at https://who.int and join #WorldHealthDay")
    restored = restore("Lisez plus et rejoignez", masked, identity)
    assert restored.text == "Lisez plus et rejoignez https://who.int #WorldHealthDay"
    assert [(f.check, f.severity) for f in restored.findings] == [
        ("entity_restored", Severity.WARNING),
        ("entity_restored", Severity.WARNING),
    ]
    assert "https://who.int" in restored.findings[0].message


def test_a_repeated_placeholder_is_kept_once() -> None:
    masked = mask("Visit https://who.int today")
    restored = restore("Visitez ZQXA ZQXA aujourd'hui ZQXA", masked, identity)
    assert restored.text == "Visitez https://who.int aujourd'hui"
    assert [(f.check, f.severity) for f in restored.findings] == [
        ("entity_restored", Severity.INFO)
    ]


def test_a_dropped_number_or_name_is_an_error_not_a_guess() -> None:
    masked = mask("COVAX sent 1,000 doses", NAMES)
    restored = restore("a envoyé des doses", masked, identity)
    assert restored.text == "a envoyé des doses"
    assert [(f.check, f.severity) for f in restored.findings] == [
        ("entity_lost", Severity.ERROR),
        ("entity_lost", Severity.ERROR),
    ]


def test_a_dropped_term_goes_back_to_the_glossary_stage(glossary: Glossary) -> None:
    terms = glossary.matcher(EN).find_terms("WHO calls for action")
    masked = mask("WHO calls for action", terms=terms)
    assert [(s.kind, s.concept_id, s.form) for s in masked.spans] == [
        (MaskKind.TERM, "who", "short_form")
    ]
    restored = restore("appelle à agir", masked, identity)
    assert [span.concept_id for span in restored.lost_terms] == ["who"]
    assert restored.findings == []


def test_a_term_wins_over_the_number_inside_it(glossary: Glossary) -> None:
    text = "The 2030 Agenda for Sustainable Development in 2025"
    masked = mask(text, terms=glossary.matcher(EN).find_terms(text))
    assert [(span.kind, span.text) for span in masked.spans] == [
        (MaskKind.TERM, "2030 Agenda for Sustainable Development"),
        (MaskKind.NUMBER, "2025"),
    ]


def test_names_match_whole_words_and_case() -> None:
    masked = mask("Gavi, not Gavin or gavi, and COVAX疫苗", NAMES)
    assert [span.text for span in masked.spans] == ["Gavi", "COVAX"]


@pytest.mark.parametrize(
    ("text", "prefix"),
    [("plain text", "ZQX"), ("has zqx inside", "QXZ"), ("ZQX QXZ XZQ JQZ QJX ZJQ", "ZQXJ")],
)
def test_the_placeholder_prefix_never_occurs_in_the_text(text: str, prefix: str) -> None:
    assert placeholder_prefix(text) == prefix
    masked = mask(text + " https://un.org")
    assert masked.spans[0].placeholder.startswith(prefix)


def test_many_spans_get_distinct_placeholders() -> None:
    text = " ".join(f"#tag{i}x" for i in range(60))
    masked = mask(text)
    placeholders = [span.placeholder for span in masked.spans]
    assert len(set(placeholders)) == 60
    assert restore(masked.masked, masked, identity).text == text


@pytest.mark.parametrize(
    ("line", "needs"),
    [
        ("#WorldHealthDay https://who.int 💙", False),
        ("1,000 — 2,000 !", False),
        ("Join us #WorldHealthDay", True),
        ("世界卫生日 #WHO", True),
    ],
)
def test_needs_translation(line: str, needs: bool) -> None:
    assert mask(line).needs_translation() is needs


# Rendering for a language pair ------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        (FR, "#JournéeMondialeDeLaSanté 1\u202f000,5 COVAX"),
        (ES, "#DíaMundialDeLaSalud 1.000,5 COVAX"),
        (AR, "#يوم_الصحة_العالمي 1,000.5 COVAX"),
        (RU, "#WorldHealthDay 1\u00a0000,5 COVAX"),  # no Russian hashtag in the glossary
        (ZH, "#WorldHealthDay 1,000.5 COVAX"),
    ],
)
def test_renderer_localizes_hashtags_and_numbers(
    glossary: Glossary, target: Language, expected: str
) -> None:
    masked = mask("#WorldHealthDay 1,000.5 COVAX", NAMES)
    renderer = SpanRenderer(glossary, LOCALES, EN, target)
    assert restore(masked.masked, masked, renderer).text == expected


def test_renderer_gives_the_official_target_form_of_a_term(glossary: Glossary) -> None:
    text = "WHO and the World Health Organization"
    masked = mask(text, terms=glossary.matcher(EN).find_terms(text))
    for target, expected in [
        (FR, "OMS and the Organisation mondiale de la Santé"),
        (AR, "منظمة الصحة العالمية and the منظمة الصحة العالمية"),  # no Arabic short form
        (ZH, "世卫组织 and the 世界卫生组织"),
    ]:
        renderer = SpanRenderer(glossary, LOCALES, EN, target)
        assert restore(masked.masked, masked, renderer).text == expected


# Property: any mix of words and entities round-trips --------------------------------------

WORDS = {
    AR: ["الصحة", "للجميع", "اليوم", "ادعموا"],
    ZH: ["健康", "人人享有", "今天", "支持"],
    EN: ["health", "for", "all", "today", "WHO"],
    FR: ["santé", "pour", "tous", "l’OMS", "aujourd’hui"],
    RU: ["здоровье", "для", "всех", "сегодня"],
    ES: ["salud", "para", "todos", "¿hoy?"],
}
ENTITIES = [
    "https://who.int/news/item/1_2",
    "un.org",
    "@WHO",
    "@ONU_fr",
    "#صغر_الرأس",
    "#世界卫生日",
    "#WorldHealthDay",
    "$UN",
    "💙",
    "👩🏽‍⚕️",
    "🇺🇳",
    "1,000",
    "7,5 %",
    "1 000 000",
    "٣٫٥",
    "COVAX",
    "Gavi",
]


@settings(max_examples=150, deadline=None)
@given(
    language=st.sampled_from(list(WORDS)),
    data=st.data(),
)
def test_mask_then_restore_gives_the_text_back(language: Language, data: st.DataObject) -> None:
    pieces = data.draw(
        st.lists(st.sampled_from(WORDS[language] + ENTITIES), min_size=1, max_size=12)
    )
    separator = data.draw(st.sampled_from([" ", "  ", ", ", " : "]))
    text = separator.join(pieces)
    masked = mask(text, NAMES)
    assert restore(masked.masked, masked, identity).text == text
    leftover = {e.kind for e in extract_entities(masked.masked)} - {EntityKind.NUMBER}
    assert leftover == set()
    assert all(masked.masked.count(span.placeholder) == 1 for span in masked.spans)


@pytest.mark.parametrize(
    ("text", "masked_text"),
    [
        ("COVID-19 cases", "COVID-19 cases"),
        ("the G20 and H5N1", "the G20 and H5N1"),
        ("3rd time, 5G", "3rd time, 5G"),
        ("in 2024, 5% more", "in ZQXA, ZQXB more"),
        ("pages 10-12", "pages ZQXA-ZQXB"),
    ],
)
def test_digits_inside_a_name_stay_with_it(text: str, masked_text: str) -> None:
    assert mask(text).masked == masked_text
