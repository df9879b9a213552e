"""Post-editing typography per locale; the typography check is the oracle."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.checks import DETECTOR

from service.checks import CHECKS
from service.checks.base import CheckContext
from service.languages import ALL_LANGUAGES, Language
from service.locales import load_locales
from service.pipeline.postedit import post_edit
from service.settings import REPOSITORY_ROOT

AR, ZH, EN, FR, RU, ES = ALL_LANGUAGES
LOCALES = load_locales(REPOSITORY_ROOT / "locales")
NNBSP = "\u202f"


def typography_findings(text: str, language: Language) -> list[str]:
    context = CheckContext.build(
        source_text="x",
        target_text=text,
        source_language=EN if language is not EN else FR,
        target_language=language,
        locales=LOCALES,
        detector=DETECTOR,
    )
    return [finding.message for finding in CHECKS["typography"].check(context)]


CASES: list[tuple[Language, str, str]] = [
    # French: narrow no-break space before ; : ! ? » and inside « »
    (FR, "Agissons maintenant!", f"Agissons maintenant{NNBSP}!"),
    (FR, "Pourquoi ? Parce que.", f"Pourquoi{NNBSP}? Parce que."),
    (FR, "Deux points : voilà; fin", f"Deux points{NNBSP}: voilà{NNBSP}; fin"),
    (FR, 'Il a dit "merci"', f"Il a dit «{NNBSP}merci{NNBSP}»"),
    (FR, "« merci »", f"«{NNBSP}merci{NNBSP}»"),
    (FR, "Vraiment?!", f"Vraiment{NNBSP}?!"),
    (FR, "Déjà bon\u00a0!", "Déjà bon\u00a0!"),  # an accepted no-break space stays
    (FR, "À 10:30, voir https://un.org/?a=1:2!", f"À 10:30, voir https://un.org/?a=1:2{NNBSP}!"),
    (FR, "Rejoignez #JournéeMondialeDeLaSanté!", f"Rejoignez #JournéeMondialeDeLaSanté{NNBSP}!"),
    (FR, "Super :) merci", "Super :) merci"),
    # Chinese: full-width punctuation next to Han, no space after it
    (ZH, "你好, 世界!", "你好，世界！"),
    (ZH, "世卫组织呼吁: 行动起来. 为什么?", "世卫组织呼吁：行动起来。为什么？"),
    (ZH, "健康 (人人享有)", "健康（人人享有）"),
    (
        ZH,
        "共有1,000.5人; 见 https://who.int/zh?a=1,2.",
        "共有1,000.5人；见 https://who.int/zh?a=1,2.",
    ),
    (ZH, "等等...", "等等..."),  # an ellipsis of dots is not three full stops
    (ZH, "WHO says: hello, world.", "WHO says: hello, world."),  # Latin prose stays ASCII
    # Arabic: ، ؛ ؟ next to Arabic letters
    (AR, "هل أنت مستعد? نعم, الآن; فورا", "هل أنت مستعد؟ نعم، الآن؛ فورا"),
    (AR, "انضموا إلينا https://who.int/ar?x=1,2", "انضموا إلينا https://who.int/ar?x=1,2"),
    (AR, "بلغ العدد 1,000 شخص", "بلغ العدد 1,000 شخص"),
    # Spanish: ¿ and ¡ at the start of the sentence
    (ES, "Qué podemos hacer?", "¿Qué podemos hacer?"),
    (ES, "Actúa ya!", "¡Actúa ya!"),
    (ES, "Hola. Cómo estás? Bien!", "Hola. ¿Cómo estás? ¡Bien!"),
    (ES, "¿Ya está? Sí.", "¿Ya está? Sí."),
    (ES, "Lo dijo el Sr. Pérez?", "¿Lo dijo el Sr. Pérez?"),  # an abbreviation does not end it
    (ES, "De verdad?!", "¡¿De verdad?!"),
    (ES, "Únete: https://un.org/es?x=1", "Únete: https://un.org/es?x=1"),
    (ES, 'Dijo "basta"', "Dijo «basta»"),
    # English and Russian: only quotes change
    (EN, 'She said "thank you"!', "She said “thank you”!"),
    (RU, 'Он сказал "спасибо"!', "Он сказал «спасибо»!"),
    (RU, 'Odd "quote stays', 'Odd "quote stays'),
]


@pytest.mark.parametrize(("language", "text", "expected"), CASES)
def test_post_edit_tables(language: Language, text: str, expected: str) -> None:
    edited = post_edit(text, LOCALES[language])
    assert edited.text == expected
    assert bool(edited.edits) is (text != expected)


@pytest.mark.parametrize(("language", "text", "expected"), CASES)
def test_post_edit_is_idempotent_and_satisfies_the_check(
    language: Language, text: str, expected: str
) -> None:
    once = post_edit(text, LOCALES[language]).text
    twice = post_edit(once, LOCALES[language])
    assert twice.text == once
    assert twice.edits == []
    if text not in ('Odd "quote stays', "等等..."):  # the check reads "..." as full stops
        assert typography_findings(once, language) == []


def test_protected_names_are_left_alone() -> None:
    text = "Merci Yahoo! pour tout"
    assert post_edit(text, LOCALES[FR], protected=["Yahoo!"]).text == text
    assert post_edit(text, LOCALES[FR]).text == f"Merci Yahoo{NNBSP}! pour tout"


def test_edits_are_counted_by_kind() -> None:
    edited = post_edit("Oui! Non? Peut-être!", LOCALES[FR])
    assert edited.edits == ["space before ! (2x)", "space before ? (1x)"]


WORDS = {
    FR: ["Bonjour", "la", "santé", "OMS", "«", "»", '"', "10:30", "#Santé", "https://who.int/?a=b"],
    ZH: ["你好", "世界", "卫生", "WHO", "1,000", "(", ")", "#世界卫生日", "https://who.int/zh"],
    AR: ["الصحة", "للجميع", "WHO", "1,000", "#صغر_الرأس", "https://who.int/ar?x=1"],
    ES: ["Hola", "qué", "tal", "Sr.", "EE. UU.", "#Salud", "https://un.org/es?x=1"],
}
PUNCTUATION = [",", ".", ";", ":", "!", "?", " ", "  ", "\n"]


@settings(max_examples=200, deadline=None)
@given(language=st.sampled_from(list(WORDS)), data=st.data())
def test_post_edited_text_passes_the_typography_check(
    language: Language, data: st.DataObject
) -> None:
    tokens = data.draw(
        st.lists(st.sampled_from(WORDS[language] + PUNCTUATION), min_size=1, max_size=14)
    )
    text = " ".join(tokens).strip() or "x"
    edited = post_edit(text, LOCALES[language]).text
    assert post_edit(edited, LOCALES[language]).text == edited
    problems = typography_findings(edited, language)
    # Straight quotes left unpaired are reported as info by the check; nothing else remains.
    assert [p for p in problems if "Straight quotes" not in p] == []
