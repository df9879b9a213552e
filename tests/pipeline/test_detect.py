"""Language detection: UDHR paragraphs, short post-like lines, hints from locales/, und."""

import csv
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from service.errors import DataError
from service.languages import ALL_LANGUAGES, Language
from service.locales import DetectionHints, LocaleConventions, load_locales
from service.models import Detection
from service.pipeline.detect import LanguageDetector
from service.settings import REPOSITORY_ROOT

UDHR = REPOSITORY_ROOT / "tests" / "data" / "udhr"
LOCALES = load_locales(REPOSITORY_ROOT / "locales")
DETECTOR = LanguageDetector(LOCALES)
detect_language = DETECTOR.detect


def _udhr_units() -> list[tuple[str, Language, str]]:
    """(unit id, language, text) for every non-empty cell of aligned.tsv."""
    with (UDHR / "aligned.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [
        (row["id"], language, row[language.value])
        for row in rows
        for language in ALL_LANGUAGES
        if row[language.value].strip()
    ]


def _digitless(text: str) -> str:
    return re.sub(r"\d+", "", text).strip()


UNITS = _udhr_units()
PARAGRAPHS = [unit for unit in UNITS if not unit[0].endswith(".title")]
HEADINGS = [unit for unit in UNITS if unit[0].endswith(".title")]
# A heading whose words are the same in two languages once the number is gone: "Article 2"
# is both the English and the French heading of Article 2. No detector can get both right.
_HEADING_LANGUAGES: dict[str, set[Language]] = {}
for _, _language, _text in HEADINGS:
    _HEADING_LANGUAGES.setdefault(_digitless(_text), set()).add(_language)
AMBIGUOUS_HEADINGS = [unit for unit in HEADINGS if len(_HEADING_LANGUAGES[_digitless(unit[2])]) > 1]
CLEAR_HEADINGS = [unit for unit in HEADINGS if unit not in AMBIGUOUS_HEADINGS]


def test_udhr_files_agree_with_aligned_table() -> None:
    """The .txt files are what the aligned table says, so testing one tests the other."""
    for language in ALL_LANGUAGES:
        lines = (UDHR / f"{language.value}.txt").read_text(encoding="utf-8").splitlines()
        texts = [text for _, unit_language, text in UNITS if unit_language is language]
        assert [line for line in lines if line.strip()] == texts


@pytest.mark.parametrize(("unit", "language", "text"), PARAGRAPHS)
def test_every_udhr_paragraph(unit: str, language: Language, text: str) -> None:
    detection = detect_language(text)
    assert detection.language is language, unit
    assert detection.confidence >= 0.9


@pytest.mark.parametrize(("unit", "language", "text"), CLEAR_HEADINGS)
def test_udhr_headings_that_can_be_told(unit: str, language: Language, text: str) -> None:
    assert detect_language(text).language is language, unit


def test_ambiguous_headings_are_only_article_n_in_english_and_french() -> None:
    assert {(language, _digitless(text)) for _, language, text in AMBIGUOUS_HEADINGS} == {
        (Language.EN, "Article"),
        (Language.FR, "Article"),
    }
    # 11 headings in 6 languages; "Article 1" to "Article 10" in English, 2 to 10 in French.
    assert (len(HEADINGS), len(AMBIGUOUS_HEADINGS), len(CLEAR_HEADINGS)) == (66, 19, 47)


@pytest.mark.parametrize(("unit", "language", "text"), AMBIGUOUS_HEADINGS)
def test_ambiguous_headings_say_they_are_unsure(unit: str, language: Language, text: str) -> None:
    detection = detect_language(text)
    assert detection.language in {Language.EN, Language.FR}, unit
    assert detection.confidence < 0.6


POSTS: dict[Language, list[str]] = {
    Language.EN: [
        "Thanks",
        "Clean hands save lives 🙌 #WorldHandHygieneDay",
        "Today is #WorldHealthDay. Health for all! https://who.int/campaigns",
        "@antonioguterres: peace is the only path forward 🕊️",
        "Over 2 billion people still lack safe drinking water. #WaterAction",
        "Join us at 10:00 EST for the live briefing 👉 https://un.org/live",
        "Every child has the right to learn 📚 #EducationForAll",
        "Climate action cannot wait. Read the report: bit.ly/3xYz",
        "Vaccines work. Get vaccinated and protect your community 💉",
        "We stand with refugees 💙 #WithRefugees @Refugees",
        "Women's rights are human rights",
        "Breaking: the General Assembly adopts resolution 78/123",
    ],
    Language.FR: [
        "Merci",
        "L'hygiène des mains sauve des vies #mainspropres http://t.co/x",
        "Aujourd'hui, c'est la #JournéeMondialeDeLaSanté 🌍",
        "La paix est le seul chemin 🕊️ @antonioguterres",
        "Plus de 2 milliards de personnes n'ont pas accès à l'eau potable.",
        "Rejoignez-nous à 10 h pour le point de presse 👉 https://un.org/fr/live",
        "Chaque enfant a le droit d'apprendre 📚 #ÉducationPourTous",
        "L'action climatique ne peut pas attendre. Lisez le rapport : bit.ly/3xYz",
        "Les vaccins fonctionnent. Faites-vous vacciner 💉",
        "Nous sommes aux côtés des réfugiés 💙 #AvecLesRéfugiés",
        "Les droits des femmes sont des droits humains",
        "Bonne journée à toutes et à tous !",
        "Santé pour tous !",
    ],
    Language.ES: [
        "Gracias",
        "La higiene de manos salva vidas #manoslimpias http://t.co/x",
        "¡Hoy es el #DíaMundialDeLaSalud! 🌍",
        "La paz es el único camino 🕊️ @antonioguterres",
        "Más de 2.000 millones de personas carecen de agua potable.",
        "Únete a nosotros a las 10:00 para la rueda de prensa 👉 https://un.org/es/live",
        "Todo niño tiene derecho a aprender 📚 #EducaciónParaTodos",
        "La acción climática no puede esperar. Lee el informe: bit.ly/3xYz",
        "Las vacunas funcionan. Vacúnate y protege a tu comunidad 💉",
        "Estamos con los refugiados 💙 #ConLosRefugiados",
        "Los derechos de las mujeres son derechos humanos",
        "¿Sabías que el 70 % del planeta es agua?",
        "Salud para todos",
    ],
    Language.RU: [
        "Спасибо",
        "Гигиена рук спасает жизни #чистыеруки http://t.co/x",
        "Сегодня #ВсемирныйДеньЗдоровья 🌍",
        "Мир — единственный путь 🕊️ @antonioguterres",
        "Более 2 млрд человек не имеют доступа к питьевой воде.",
        "Присоединяйтесь к брифингу в 10:00 👉 https://un.org/ru/live",
        "Каждый ребенок имеет право на образование 📚",
        "Климатические меры не могут ждать. Читайте доклад: bit.ly/3xYz",
        "Вакцины работают 💉 #COVID19",
        "Мы с беженцами 💙 #СБеженцами @Refugees",
        "Права женщин — это права человека",
    ],
    Language.AR: [
        "شكرا",
        "نظافة اليدين تنقذ الأرواح #أيدي_نظيفة http://t.co/x",
        "اليوم هو #اليوم_العالمي_للصحة 🌍",
        "السلام هو الطريق الوحيد 🕊️ @antonioguterres",
        "أكثر من 2 مليار شخص يفتقرون إلى مياه الشرب المأمونة.",
        "انضموا إلينا في الساعة 10:00 👉 https://un.org/ar/live",
        "لكل طفل الحق في التعلم 📚",
        "العمل المناخي لا يمكن أن ينتظر. اقرأوا التقرير: bit.ly/3xYz",
        "اللقاحات فعالة 💉 #COVID19",
        "نقف مع اللاجئين 💙 @Refugees",
        "حقوق المرأة هي حقوق الإنسان",
    ],
    Language.ZH: [
        "谢谢",
        "手部卫生拯救生命 #洁净双手 http://t.co/x",
        "今天是 #世界卫生日 🌍",
        "和平是唯一的道路 🕊️ @antonioguterres",
        "超过20亿人仍然无法获得安全饮用水。",
        "欢迎10:00观看新闻发布会 👉 https://un.org/zh/live",
        "每个儿童都有受教育的权利 📚",
        "气候行动刻不容缓。阅读报告：bit.ly/3xYz",
        "疫苗有效 💉 #COVID19",
        "WHO 世界卫生日",
        "妇女权利就是人权",
    ],
}
POST_CASES = [(language, text) for language, texts in POSTS.items() for text in texts]


@pytest.mark.parametrize(("language", "text"), POST_CASES)
def test_short_posts(language: Language, text: str) -> None:
    assert detect_language(text).language is language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # Raw langdetect (all 55 profiles) says "ko" and "da" for these two.
        ("世界卫生日", Language.ZH),
        ("Hand hygiene saves lives #safeHANDS http://t.co/x", Language.EN),
        # Five-character lines.
        ("Merci", Language.FR),
        ("Gracias", Language.ES),
        ("Thanks", Language.EN),
        ("Спасибо", Language.RU),
        ("شكرا", Language.AR),
        # Only hashtags: their words decide.
        ("#WorldHealthDay", Language.EN),
        ("#DíaMundialDeLaSalud 🌍", Language.ES),
        ("#世界卫生日 https://who.int", Language.ZH),
    ],
)
def test_measured_failures_and_single_words(text: str, language: Language) -> None:
    assert detect_language(text).language is language


@pytest.mark.parametrize(
    "text",
    [
        "🙂🙂🙂",
        "https://who.int/news 2024",
        "@WHO @UN #2024",
        "12 345,6 %",
        "日本語を勉強します",  # Japanese: kana
        "東京都知事選挙の結果",  # Japanese: Han with one kana is not Chinese
        "안녕하세요",  # Korean
        "Γεια σου κόσμε",  # Greek
        "שלום עולם",  # Hebrew
    ],
)
def test_undetermined(text: str) -> None:
    detection = detect_language(text)
    assert detection == Detection(language=None, confidence=0.0)
    assert detection.model_dump(mode="json") == {"language": "und", "confidence": 0.0}


def test_confidence_reflects_mixed_scripts_and_short_text() -> None:
    mixed = detect_language("WHO 世界卫生日")
    assert mixed.language is Language.ZH
    assert 0.5 < mixed.confidence < 0.9
    assert detect_language("Merci").confidence < detect_language("Merci beaucoup à tous").confidence


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=80))
def test_any_text_gives_a_valid_repeatable_detection(text: str) -> None:
    first = detect_language(text)
    assert 0.0 <= first.confidence <= 1.0
    assert (first.language is None) == (first.confidence == 0.0)
    assert detect_language(text) == first


def _with_hints(language: Language, **changes: object) -> dict[Language, LocaleConventions]:
    locales = dict(LOCALES)
    hints = locales[language].detection.model_copy(update=changes)
    locales[language] = locales[language].model_copy(update={"detection": hints})
    return locales


def test_hints_come_from_the_locale_files() -> None:
    """Take "merci" from French and give it to Spanish: "Merci" now reads as Spanish."""
    french = [word for word in LOCALES[Language.FR].detection.common_words if word != "merci"]
    locales = _with_hints(Language.FR, common_words=french)
    spanish = [*LOCALES[Language.ES].detection.common_words, "merci"]
    locales = locales | _with_hints(Language.ES, common_words=spanish)
    assert LanguageDetector(locales).detect("Merci").language is Language.ES
    assert detect_language("Merci").language is Language.FR


def test_a_missing_langdetect_profile_is_a_data_error() -> None:
    detector = LanguageDetector(_with_hints(Language.FR, langdetect_profile="no-such-profile"))
    assert detector.detect("Спасибо").language is Language.RU  # no profile needed
    with pytest.raises(DataError, match="no-such-profile"):
        detector.detect("Bonjour tout le monde")


@pytest.mark.parametrize(
    "hints",
    [
        {"common_words": ["Merci"]},
        {"common_words": ["two words"]},
        {"hint_characters": "É"},
        {"excluded_scripts": ["Klingon"]},
    ],
)
def test_bad_detection_hints_are_rejected(hints: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        DetectionHints.model_validate(hints)


def test_nothing_is_loaded_at_import() -> None:
    code = (
        "import sys, service.pipeline.detect, service.pipeline.segment.sentences;"
        "print('langdetect' in sys.modules, 'spacy' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(REPOSITORY_ROOT),
    )
    assert result.stdout.split() == ["False", "False"]


@pytest.mark.parametrize(
    "text",
    [
        "zzzzzzzzzzzz",
        "a" * 50_000,
        "zzz zzzz zzzzz",
        "Brrr hmm pfff",
        "好" * 50_000,
        "xxxxxxxxx 2026",
    ],
)
def test_text_with_no_word_of_the_six_languages_is_und(text: str) -> None:
    detection = detect_language(text)
    assert detection.language is None
    assert detection.confidence == 0.0


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Gracias", Language.ES),
        ("Merci", Language.FR),
        ("好好学习", Language.ZH),
        ("ВОЗ", Language.RU),
    ],
)
def test_short_real_words_still_count(text: str, language: Language) -> None:
    assert detect_language(text).language is language
