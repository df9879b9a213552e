"""Glossary constraints: required official terms, repairs in place, and what cannot be repaired."""

import pytest

from service.checks.stage import TERM_UNVERIFIED
from service.engines.argos import ArgosEngine
from service.engines.memory import TranslationMemory
from service.glossary import Glossary, load_glossary
from service.languages import ALL_LANGUAGES, Language
from service.models import (
    GlossaryRepair,
    Rendition,
    RenditionOrigin,
    Severity,
    UnitOrigin,
    UnitProvenance,
)
from service.pipeline import Post, render_posts
from service.pipeline.translate.terms import (
    GlossaryConstraints,
    TermRequirement,
    repair_findings,
)
from service.settings import REPOSITORY_ROOT
from service.workflow import Workspace

AR, ZH, EN, FR, RU, ES = ALL_LANGUAGES


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(REPOSITORY_ROOT / "glossaries")


def constrain(
    glossary: Glossary, source_language: Language, target_language: Language, source: str
) -> tuple[GlossaryConstraints, list[TermRequirement]]:
    """The constraints for one language pair and what they require of ``source``."""
    constraints = GlossaryConstraints(glossary, source_language, target_language)
    return constraints, constraints.requirements(source)


def test_requirements_name_each_concept_once_with_its_official_forms(glossary: Glossary) -> None:
    constraints = GlossaryConstraints(glossary, EN, FR)
    requirements = constraints.requirements(
        "WHO and the Secretary-General: WHO acts. #WHO https://who.int @WHO"
    )
    assert [(r.concept_id, r.source_surface, r.form, len(r.matches)) for r in requirements] == [
        ("who", "WHO", "short_form", 2),  # the hashtag, link and mention are not prose
        ("secretary-general", "Secretary-General", "name", 1),
    ]
    assert requirements[0].preferred == "OMS"
    assert requirements[0].accepted == ("Organisation mondiale de la Santé", "OMS")
    assert requirements[1].preferred == "Secrétaire général"


def test_the_pronoun_who_is_not_the_organization(glossary: Glossary) -> None:
    assert GlossaryConstraints(glossary, EN, FR).requirements("Those who act save lives") == []


def test_a_concept_without_a_target_form_is_not_required(glossary: Glossary) -> None:
    # The termbase has no Arabic name for the UNDP Administrator title.
    assert GlossaryConstraints(glossary, EN, AR).requirements("The Administrator spoke") == []


@pytest.mark.parametrize(
    ("source_language", "target_language", "source", "target"),
    [
        (EN, FR, "WHO calls for action", "L’OMS appelle à agir"),
        (EN, FR, "WHO calls for action", "L'Organisation mondiale de la Santé appelle"),
        (EN, ES, "WHO calls for action", "La OMS pide actuar"),
        (FR, ES, "L'OMS appelle", "l'OMS pide"),  # Spanish does not split l'
        (EN, RU, "WHO calls for action", "ВОЗ призывает к действиям"),
        (EN, ZH, "WHO calls for action", "世卫组织呼吁采取行动"),
        (EN, AR, "WHO calls for action", "تدعو منظمة الصحة العالمية إلى العمل"),
        (ZH, EN, "世卫组织呼吁采取行动", "WHO calls for action"),
        (AR, EN, "تدعو منظمة الصحة العالمية إلى العمل", "The World Health Organization calls"),
        (RU, FR, "ВОЗ призывает", "L'OMS appelle"),
    ],
)
def test_an_official_form_satisfies_the_requirement(
    glossary: Glossary,
    source_language: Language,
    target_language: Language,
    source: str,
    target: str,
) -> None:
    constraints, requirements = constrain(glossary, source_language, target_language, source)
    assert [r.concept_id for r in requirements] == ["who"]
    assert constraints.missing(target, requirements) == []


# The source surface (or the English form, after a pivot) survived: repaired in place.
REPAIRS: list[tuple[Language, Language, str, str, str, GlossaryRepair]] = [
    (
        EN,
        FR,
        "WHO calls",
        "WHO appelle à agir",
        "OMS appelle à agir",
        GlossaryRepair(concept_id="who", before="WHO", after="OMS"),
    ),
    (
        EN,
        RU,
        "WHO calls",
        "WHO призывает",
        "ВОЗ призывает",
        GlossaryRepair(concept_id="who", before="WHO", after="ВОЗ"),
    ),
    (
        EN,
        ZH,
        "WHO calls",
        "WHO呼吁",
        "世卫组织呼吁",
        GlossaryRepair(concept_id="who", before="WHO", after="世卫组织"),
    ),
    (
        EN,
        AR,
        "WHO calls",
        "WHO تدعو",
        "منظمة الصحة العالمية تدعو",  # no Arabic short form
        GlossaryRepair(concept_id="who", before="WHO", after="منظمة الصحة العالمية"),
    ),
    (
        FR,
        ES,
        "L'OMS et le Secrétaire général",
        "La OMS y el Secretary-General",
        "La OMS y el Secretario General",  # the English form left by a pivot
        GlossaryRepair(
            concept_id="secretary-general", before="Secretary-General", after="Secretario General"
        ),
    ),
    (
        EN,
        FR,
        "The World Health Organization calls",
        "The world health organization appelle",
        "The Organisation mondiale de la Santé appelle",
        GlossaryRepair(
            concept_id="who",
            before="world health organization",
            after="Organisation mondiale de la Santé",
        ),
    ),
    (
        ES,
        EN,
        "La OMS pide",
        "OMS asks, and OMS acts",
        "WHO asks, and WHO acts",
        GlossaryRepair(concept_id="who", before="OMS", after="WHO"),
    ),
]


@pytest.mark.parametrize(
    ("source_language", "target_language", "source", "target", "repaired", "repair"), REPAIRS
)
def test_a_surviving_foreign_form_is_repaired(
    glossary: Glossary,
    source_language: Language,
    target_language: Language,
    source: str,
    target: str,
    repaired: str,
    repair: GlossaryRepair,
) -> None:
    constraints, requirements = constrain(glossary, source_language, target_language, source)
    result = constraints.repair(target, requirements)
    assert result.text == repaired
    assert result.repairs == [repair]
    assert result.missing == []


def test_a_foreign_form_in_a_link_or_hashtag_is_not_touched(glossary: Glossary) -> None:
    constraints, requirements = constrain(glossary, EN, FR, "WHO calls")
    result = constraints.repair("Voir https://who.int/WHO #WHO", requirements)
    assert result.text == "Voir https://who.int/WHO #WHO"
    assert result.repairs == []
    assert [r.concept_id for r in result.missing] == ["who"]


@pytest.mark.parametrize(
    ("source_language", "target_language", "source", "target"),
    [
        (EN, FR, "WHO calls for action", "Qui appelle à agir"),  # "who" translated literally
        (FR, EN, "L'OMS appelle", "Those who call"),  # lower case is not the acronym
        (EN, ZH, "The Secretary-General spoke", "秘书发表讲话"),  # not 秘书长
    ],
)
def test_what_cannot_be_located_is_a_finding(
    glossary: Glossary,
    source_language: Language,
    target_language: Language,
    source: str,
    target: str,
) -> None:
    constraints, requirements = constrain(glossary, source_language, target_language, source)
    result = constraints.repair(target, requirements)
    assert result.text == target
    assert result.repairs == []
    [finding] = constraints.missing_findings(result.missing)
    assert finding.check == "glossary_term_missing"
    assert finding.severity is Severity.WARNING
    assert requirements[0].preferred in finding.message


def test_repairs_are_reported_as_info(glossary: Glossary) -> None:
    [finding] = repair_findings([GlossaryRepair(concept_id="who", before="WHO", after="OMS")])
    assert (finding.check, finding.severity) == ("glossary_repaired", Severity.INFO)
    assert "'WHO'" in finding.message and "'OMS'" in finding.message


@pytest.mark.parametrize(
    ("target_language", "source", "target", "repaired"),
    [
        # A foreign acronym in brackets after the official name becomes the target acronym.
        (
            FR,
            "The World Health Organization (WHO) calls",
            "L'Organisation mondiale de la Santé (WHO) appelle",
            "L'Organisation mondiale de la Santé (OMS) appelle",
        ),
        (
            ZH,
            "The World Health Organization (WHO) calls",
            "世界卫生组织（WHO）呼吁",
            "世界卫生组织（世卫组织）呼吁",
        ),
        # No Arabic short form: no "X (X)", the bracket stays for the reviewer.
        (
            AR,
            "The World Health Organization (WHO) calls",
            "منظمة الصحة العالمية (WHO) تدعو",
            "منظمة الصحة العالمية (WHO) تدعو",
        ),
        # Every foreign form is repaired, even where the concept is also named officially.
        (FR, "WHO, WHO!", "L'OMS, WHO !", "L'OMS, OMS !"),
        # The longer form wins: UN inside UN-Women is not the United Nations.
        (FR, "UN-Women and the UN", "UN-Women et l'UN", "ONU-Femmes et l'ONU"),
    ],
)
def test_every_foreign_form_is_repaired_without_doubling(
    glossary: Glossary, target_language: Language, source: str, target: str, repaired: str
) -> None:
    constraints = GlossaryConstraints(glossary, EN, target_language)
    result = constraints.repair(target, constraints.requirements(source))
    assert result.text == repaired
    assert result.missing == []


@pytest.mark.parametrize(
    ("target_language", "target", "repaired"),
    [
        (
            FR,
            "The World Health Organization (WHO) appelle",
            "The Organisation mondiale de la Santé (OMS) appelle",
        ),
        (
            AR,
            "the World Health Organization (WHO) تدعو",
            "the منظمة الصحة العالمية (WHO) تدعو",
        ),  # not "X (X)"
    ],
)
def test_a_name_and_its_bracketed_acronym_are_repaired_together(
    glossary: Glossary, target_language: Language, target: str, repaired: str
) -> None:
    constraints = GlossaryConstraints(glossary, EN, target_language)
    requirements = constraints.requirements("The World Health Organization (WHO) calls")
    assert constraints.repair(target, requirements).text == repaired


def test_an_unverified_official_form_in_use_is_an_info_finding(glossary: Glossary) -> None:
    constraints, requirements = constrain(glossary, EN, RU, "UNDP supports WHO")
    # ВОЗ (who, short_ru) is verified from an official source; ПРООН (undp) is not.
    [finding] = constraints.unverified_findings("ПРООН поддерживает ВОЗ", requirements)
    assert (finding.check, finding.severity) == ("term_unverified", Severity.INFO)
    assert "'ПРООН'" in finding.message and "undp (short_ru)" in finding.message
    assert constraints.unverified_findings("ВОЗ поддерживает", requirements) == []


def test_the_cell_note_tells_the_reviewer_what_to_check(glossary: Glossary) -> None:
    source = "International Day for Biological Diversity"
    constraints, requirements = constrain(glossary, EN, ZH, source)
    [finding] = constraints.unverified_findings("今天是国际生物多样性日", requirements)
    assert "international-day-for-biological-diversity (name_zh)" in finding.message
    assert "Sources disagree" in finding.message and "生物多样性国际日" in finding.message


def test_a_form_found_only_as_a_whole_word_counts_too(glossary: Glossary) -> None:
    # Spanish does not split l'; the term matcher misses ACNUR there, the word test does not.
    constraints, requirements = constrain(glossary, EN, ES, "UNHCR acts")
    assert constraints.missing("l'ACNUR actúa", requirements) == []
    [finding] = constraints.unverified_findings("l'ACNUR actúa", requirements)
    assert "'ACNUR'" in finding.message and "unhcr (short_es)" in finding.message


APPROVED = UnitProvenance(origin=UnitOrigin.REVIEW, approved_by="reviewer")


def test_renditions_from_memory_and_from_a_repair_are_flagged(
    glossary: Glossary, argos_engine: ArgosEngine, memory: TranslationMemory
) -> None:
    memory.add("UNDP and WHO act.", "Le PNUD et l'OMS agissent.", EN, FR, APPROVED)
    workspace = Workspace(engine=argos_engine, memory=memory, glossary=glossary)
    posts = [Post("UNDP and WHO act.", "x"), Post("UNDP calls for action", "x")]
    remembered, translated = render_posts(posts, EN, [FR, ES], workspace)

    def unverified(rendition: Rendition) -> list[str]:
        return [f.message for f in rendition.findings if f.check == TERM_UNVERIFIED.check_id]

    assert remembered[FR].origin is RenditionOrigin.MEMORY
    [message] = unverified(remembered[FR])
    assert "'PNUD'" in message and "(short_fr)" in message
    # The copy model leaves "UNDP"; the repair puts the official PNUD in its place.
    french = translated[FR]
    assert french.origin is RenditionOrigin.MT and french.text.startswith("PNUD ")
    assert "glossary_repaired" in [finding.check for finding in french.findings]
    assert len(unverified(french)) == 1
    # PNUD is verified for Spanish (undp.org/es), so the Spanish rendition has no such finding.
    assert translated[ES].text.startswith("PNUD ")
    assert unverified(translated[ES]) == []
