"""Fitting a rendition to the platform: short forms, optional hashtags, a numbered thread."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.glossary import Glossary, load_glossary
from service.languages import ALL_LANGUAGES, Language
from service.locales import load_locales
from service.models import ChangeKind
from service.pipeline.fit import Fitter, trailing_hashtags
from service.settings import REPOSITORY_ROOT
from service.text.entities import EntityKind, extract_entities
from service.text.length import weighted_length

AR, ZH, EN, FR, RU, ES = ALL_LANGUAGES
LOCALES = load_locales(REPOSITORY_ROOT / "locales")
NUMBERING = re.compile(r" (\d+)/(\d+)$")


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(REPOSITORY_ROOT / "glossaries")


def fitter(glossary: Glossary, language: Language, platform: str = "x") -> Fitter:
    return Fitter(language, platform, glossary, LOCALES[language])


def test_a_text_that_fits_is_left_alone(glossary: Glossary) -> None:
    text = "L'Organisation mondiale de la Santé appelle à agir #Santé"
    result = fitter(glossary, FR).fit(text)
    assert (result.text, result.changes, result.thread) == (text, [], [])
    assert result.length.fits


def test_short_forms_come_first(glossary: Glossary) -> None:
    name = "Organisation mondiale de la Santé"
    text = (
        f"L'{name} rappelle que la santé est un droit. L'{name} appelle les pays à investir "
        f"dans les soins de santé primaires. Avec l'{name}, agissons pour la santé de tous, "
        "partout et maintenant, car personne ne doit être laissé de côté. #Santé #ODD"
    )
    assert not weighted_length(text, "x").fits
    result = fitter(glossary, FR).fit(text)
    assert name not in result.text
    assert result.text.count("l'OMS") + result.text.count("L'OMS") == 3
    assert result.length.fits
    assert [(c.kind, c.before, c.after) for c in result.changes] == [
        (ChangeKind.SHORT_FORM, name, "OMS")
    ]
    assert "#ODD" in result.text  # no hashtag dropped: the short form was enough


def test_name_followed_by_its_short_form_becomes_the_short_form(glossary: Glossary) -> None:
    filler = "Les agents de santé sauvent des vies chaque jour dans le monde entier. " * 4
    text = f"L'Organisation mondiale de la Santé (OMS) le dit. {filler}".strip()
    result = fitter(glossary, FR).fit(text)
    assert result.text.startswith("L'OMS le dit.")


def test_optional_trailing_hashtags_are_dropped_last_first(glossary: Glossary) -> None:
    body = "Health workers save lives every day, everywhere. " * 5
    text = f"Join us on #WorldHealthDay. {body.strip()} #Health #WorldHealthDay #SDGs #HealthForAll"
    assert not weighted_length(text, "x").fits
    result = fitter(glossary, EN).fit(text, required_hashtags=["#worldhealthday"])
    dropped = [c.before for c in result.changes if c.kind is ChangeKind.HASHTAG_REMOVED]
    assert dropped[:2] == ["#HealthForAll", "#SDGs"]
    assert "#WorldHealthDay." in result.text  # inside the first sentence: kept
    assert result.text.endswith("#WorldHealthDay") or result.text.endswith("#Health")
    assert result.length.fits == (not result.thread)


def test_a_thread_is_numbered_and_every_part_fits(glossary: Glossary) -> None:
    sentences = [
        "The World Health Organization calls on every country to invest in primary care.",
        "Health workers are the backbone of every health system, and they need support.",
        "Millions of people still cannot get the care they need when they need it.",
        "Universal health coverage is within reach if we act together, starting today.",
        "Read the full report and join the conversation online with us this week.",
    ]
    text = " ".join(sentences) + " https://who.int/report #WorldHealthDay"
    result = fitter(glossary, EN).fit(text)
    assert not result.length.fits
    assert len(result.thread) >= 2
    total = len(result.thread)
    for index, part in enumerate(result.thread, start=1):
        assert weighted_length(part, "x").fits
        found = NUMBERING.search(part)
        assert found is not None and found.groups() == (str(index), str(total))
    joined = " ".join(NUMBERING.sub("", part) for part in result.thread)
    assert result.text.startswith("The WHO calls")
    assert joined.split() == result.text.split()  # nothing lost, nothing cut inside a word
    assert all(NUMBERING.sub("", part).endswith(".") for part in result.thread[:-1])  # sentences
    assert [c.kind for c in result.changes] == [
        ChangeKind.SHORT_FORM,  # World Health Organization -> WHO
        ChangeKind.SHORT_FORM,  # universal health coverage -> UHC
        ChangeKind.HASHTAG_REMOVED,  # #WorldHealthDay is optional here
        ChangeKind.THREAD_SPLIT,
    ]


def test_a_long_sentence_is_cut_at_clause_boundaries(glossary: Glossary) -> None:
    clauses = [f"clause number {n} of a very long sentence that goes on" for n in range(12)]
    text = ", ".join(clauses) + "."
    result = fitter(glossary, EN).fit(text)
    for part in result.thread:
        body = NUMBERING.sub("", part)
        assert body.endswith((",", "."))  # every cut is after a comma
        assert weighted_length(part, "x").fits


def test_chinese_is_cut_after_sentences_and_never_inside_a_link(glossary: Glossary) -> None:
    sentence = "世界卫生组织呼吁各国投资于初级卫生保健，保护每一个人的健康。"
    text = sentence * 8 + "https://who.int/zh/news/item/2024"
    result = fitter(glossary, ZH).fit(text)
    assert len(result.thread) >= 2
    for part in result.thread:
        assert weighted_length(part, "x").fits
    assert any("https://who.int/zh/news/item/2024" in part for part in result.thread)
    assert result.text.startswith("世卫组织呼吁")  # the short form came first
    assert "".join(NUMBERING.sub("", part) for part in result.thread) == result.text


def test_chinese_without_punctuation_may_be_cut_between_characters(glossary: Glossary) -> None:
    text = "人人享有健康" * 40
    result = fitter(glossary, ZH).fit(text)
    assert len(result.thread) >= 2
    assert all(weighted_length(part, "x").fits for part in result.thread)
    assert "".join(NUMBERING.sub("", part) for part in result.thread) == text


def test_a_word_longer_than_the_limit_stays_whole(glossary: Glossary) -> None:
    text = "a" * 400
    result = fitter(glossary, EN).fit(text)
    assert result.thread == []
    assert not result.length.fits


@pytest.mark.parametrize(
    ("text", "hashtags"),
    [
        ("Join us #WorldHealthDay", ["#WorldHealthDay"]),
        ("Join #WorldHealthDay today.", []),
        ("Act now. #Health #SDGs https://who.int 💙", ["#Health", "#SDGs"]),
        ("#Health is a right. #HealthForAll", ["#HealthForAll"]),
        ("¡Únete! #Salud @ONU_es #ODS", ["#Salud", "#ODS"]),
        ("", []),
    ],
)
def test_trailing_hashtags(text: str, hashtags: list[str]) -> None:
    assert [text[start:end] for start, end in trailing_hashtags(text)] == hashtags


WORDS = ["health", "for", "all", "care,", "today.", "now!", "#Health", "https://who.int/x", "1,000"]


@settings(max_examples=40, deadline=None)
@given(words=st.lists(st.sampled_from(WORDS), min_size=60, max_size=120))
def test_thread_parts_fit_and_keep_every_word_and_entity(words: list[str]) -> None:
    glossary = load_glossary(REPOSITORY_ROOT / "glossaries")
    text = " ".join(words)
    parts = fitter(glossary, EN, "bluesky").split_thread(text)
    bodies = [NUMBERING.sub("", part) for part in parts]
    assert " ".join(bodies).split() == text.split()
    assert all(weighted_length(part, "bluesky").fits for part in parts)
    entities = [e.text for e in extract_entities(text) if e.kind is not EntityKind.NUMBER]
    assert [
        e.text for body in bodies for e in extract_entities(body) if e.kind is not EntityKind.NUMBER
    ] == entities
