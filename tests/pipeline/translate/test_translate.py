"""translate_lines end to end, on real CTranslate2 output from offline "copy" Argos packages.

A copy model returns its input, so what comes back shows exactly what the pipeline did:
masking and restoring, localized hashtags and numbers, glossary repairs, typography, fit.
"""

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.engines.argos import ArgosEngine
from service.engines.argos_packages import install_from_files
from service.engines.base import (
    BatchResult,
    EngineOutput,
    LanguagePair,
    PairBatch,
    Route,
    translate_one_by_one,
)
from service.engines.memory import TranslationMemory
from service.errors import InputError
from service.glossary import Glossary, load_glossary
from service.languages import ALL_LANGUAGES, Language
from service.locales import LocaleConventions, load_locales
from service.models import (
    ChangeKind,
    GlossaryRepair,
    LineTranslation,
    MatchKind,
    Rendition,
    RenditionOrigin,
    Severity,
    UnitOrigin,
    UnitProvenance,
)
from service.pipeline import Post, PostGroup, draft_posts, finish_posts, render_posts
from service.pipeline.detect import LanguageDetector
from service.settings import REPOSITORY_ROOT
from service.store import Store

AR, ZH, EN, FR, RU, ES = ALL_LANGUAGES
LOCALES = load_locales(REPOSITORY_ROOT / "locales")
DETECTOR = LanguageDetector(LOCALES)
APPROVED = UnitProvenance(origin=UnitOrigin.REVIEW, approved_by="reviewer")
WHO_LINE = "WHO calls for action #WorldHealthDay https://who.int"


@dataclass(frozen=True)
class Parts:
    """What the translating stages need, given directly (see service.pipeline.Resources)."""

    locales: dict[Language, LocaleConventions]
    glossary: Glossary
    engine: "RecordingEngine | None"
    memory: TranslationMemory | None
    detector: LanguageDetector


class RecordingEngine:
    """The real Argos engine, recording each batch; ``rewrite`` edits its outputs (a weak model)."""

    def __init__(self, inner: ArgosEngine, rewrite: "Rewrite | None" = None) -> None:
        self.inner = inner
        self.rewrite = rewrite
        self.calls: list[tuple[list[str], Language, Language]] = []
        self.batches_calls: list[list[tuple[Language, Language]]] = []

    @property
    def name(self) -> str:
        return self.inner.name

    def route(self, source: Language, target: Language) -> Route:
        return self.inner.route(source, target)

    def supports(self, source: Language, target: Language) -> bool:
        return self.inner.supports(source, target)

    def translate_batch(
        self, texts: Sequence[str], source: Language, target: Language
    ) -> list[EngineOutput]:
        self.calls.append((list(texts), source, target))
        outputs = self.inner.translate_batch(texts, source, target)
        if self.rewrite is None:
            return outputs
        return [
            EngineOutput(self.rewrite(o.text), o.engine, o.package_version, o.pivot)
            for o in outputs
        ]

    def translate_batches(self, batches: Sequence[PairBatch]) -> list[BatchResult]:
        self.batches_calls.append([(batch.source, batch.target) for batch in batches])
        return translate_one_by_one(self, batches)


class Rewrite:
    """Translates "WHO" literally ("Qui") and may drop the first placeholder, like a weak model."""

    def __init__(self, drop_first_placeholder: bool) -> None:
        self.drop_first_placeholder = drop_first_placeholder

    def __call__(self, text: str) -> str:
        text = re.sub(r"\bWHO\b", "Qui", text)
        if self.drop_first_placeholder:
            text = re.sub(r"\s*ZQXA\b", "", text)
        return text


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(REPOSITORY_ROOT / "glossaries")


@pytest.fixture
def engine(argos_packages_dir: Path) -> RecordingEngine:
    return RecordingEngine(ArgosEngine(argos_packages_dir, inter_threads=1))


@pytest.fixture
def memory(tmp_path: Path) -> Iterator[TranslationMemory]:
    with Store.open(f"sqlite:///{tmp_path / 'adapt.sqlite3'}") as store:
        yield TranslationMemory(store.translation_units)


def run(
    lines: Sequence[str],
    source: Language,
    targets: Sequence[Language],
    *,
    engine: RecordingEngine | None,
    glossary: Glossary,
    memory: TranslationMemory | None = None,
    platform: str = "x",
    required_hashtags: Sequence[str] = (),
) -> list[LineTranslation]:
    """translate -> postedit -> fit -> qa, as ``service.pipeline.render_posts`` runs them."""
    resources = Parts(LOCALES, glossary, engine, memory, DETECTOR)
    posts = [Post(line, platform, tuple(required_hashtags)) for line in lines]
    rendered = render_posts(posts, source, targets, resources)
    return [
        LineTranslation(source=line, renditions=r) for line, r in zip(lines, rendered, strict=True)
    ]


def checks(rendition: Rendition) -> list[str]:
    return [finding.check for finding in rendition.findings]


def test_the_official_term_comes_back_with_link_and_hashtag_intact(
    engine: RecordingEngine, glossary: Glossary
) -> None:
    [line] = run([WHO_LINE], EN, [FR], engine=engine, glossary=glossary)
    french = line.renditions[FR]
    assert french.text == "OMS calls for action #JournéeMondialeDeLaSanté https://who.int"
    assert french.origin is RenditionOrigin.MT
    assert french.provenance.engine is not None
    assert (french.provenance.engine.engine, french.provenance.engine.package_version) == (
        "argos",
        "1.0",
    )
    assert french.provenance.glossary_repairs == [
        GlossaryRepair(concept_id="who", before="WHO", after="OMS")
    ]
    assert "glossary_repaired" in checks(french)
    assert "entities_preserved" not in checks(french)  # the localized hashtag counts
    assert french.length == 70 and french.fits  # a URL counts 23 on X
    # The engine saw placeholders, never the link or the hashtag.
    [(texts, source, target)] = engine.calls
    assert (source, target) == (EN, FR)
    assert texts == ["WHO calls for action ZQXA ZQXB"]


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        (AR, "منظمة الصحة العالمية calls for action #يوم_الصحة_العالمي https://who.int"),
        (ZH, "世卫组织 calls for action #WorldHealthDay https://who.int"),
        (RU, "ВОЗ calls for action #WorldHealthDay https://who.int"),
        (ES, "OMS calls for action #DíaMundialDeLaSalud https://who.int"),
    ],
)
def test_every_target_language_gets_its_official_forms(
    engine: RecordingEngine, glossary: Glossary, target: Language, expected: str
) -> None:
    [line] = run([WHO_LINE], EN, [target], engine=engine, glossary=glossary)
    assert line.renditions[target].text == expected


def test_pivot_through_english_records_both_packages(
    engine: RecordingEngine, glossary: Glossary
) -> None:
    [line] = run(
        ["L'OMS et le Secrétaire général : 1 000,5 doses !"],
        FR,
        [ES],
        engine=engine,
        glossary=glossary,
    )
    spanish = line.renditions[ES]
    assert spanish.provenance.engine is not None
    assert spanish.provenance.engine.package_version == "1.0 + 1.0"  # fr->en, en->es
    assert "Secretario General" in spanish.text
    assert "1.000,5" in spanish.text  # the number in the Spanish format
    assert spanish.text.startswith("¡")  # Spanish typography after the copy
    assert (
        GlossaryRepair(
            concept_id="secretary-general", before="Secrétaire général", after="Secretario General"
        )
        in spanish.provenance.glossary_repairs
    )


def test_the_quality_checks_run_on_every_rendition(
    engine: RecordingEngine, glossary: Glossary
) -> None:
    [line] = run(
        ["Vaccines save millions of lives every year."],
        EN,
        [FR, ZH],
        engine=engine,
        glossary=glossary,
    )
    assert "untranslated" in checks(line.renditions[FR])  # a copy model copies
    assert "wrong_script" in checks(line.renditions[ZH])


def test_all_lines_of_a_pair_go_in_one_batch(engine: RecordingEngine, glossary: Glossary) -> None:
    lines = ["Health for all.", "Vaccines save lives.", "Health for all.", "#WorldHealthDay"]
    results = run(lines, EN, [FR, ES, ZH, EN], engine=engine, glossary=glossary)
    assert [(source, target) for _, source, target in engine.calls] == [
        (EN, FR),
        (EN, ES),
        (EN, ZH),
    ]
    for texts, _, _ in engine.calls:
        assert texts == ["Health for all.", "Vaccines save lives."]  # once each, no hashtag line
    assert results[3].renditions[FR].text == "#JournéeMondialeDeLaSanté"
    assert results[3].renditions[FR].origin is RenditionOrigin.SOURCE
    assert results[2].renditions[ZH].text == results[0].renditions[ZH].text


def test_groups_in_several_source_languages_share_one_engine_call(
    engine: RecordingEngine, glossary: Glossary
) -> None:
    english = ["Vaccines save lives.", "Health for all."]
    french = ["Les vaccins sauvent des vies."]
    resources = Parts(LOCALES, glossary, engine, None, DETECTOR)
    groups = [
        PostGroup([Post(line, "x") for line in english], EN),
        PostGroup([Post(line, "x") for line in french], FR),
    ]
    drafted = draft_posts(groups, [FR, ES], resources)
    # One call for every pair of both groups (no glossary retry was needed).
    assert engine.batches_calls == [[(EN, FR), (EN, ES), (FR, ES)]]
    assert [len(group.drafts) for group in drafted] == [2, 1]
    assert drafted[1].drafts[0][FR].origin is RenditionOrigin.SOURCE
    # Each group finishes as it would have alone.
    alone = run(english, EN, [FR, ES], engine=engine, glossary=glossary)
    finished = finish_posts(drafted[0], resources)
    assert finished == [line.renditions for line in alone]


def test_a_blank_post_in_any_group_is_an_input_error(glossary: Glossary) -> None:
    resources = Parts(LOCALES, glossary, None, None, DETECTOR)
    groups = [PostGroup([Post("Health for all.", "x")], EN), PostGroup([Post(" ", "x")], FR)]
    with pytest.raises(InputError, match="line 1 is empty"):
        draft_posts(groups, [ES], resources)


def test_the_approved_source_is_kept_exactly_and_its_typography_only_suggested(
    engine: RecordingEngine, glossary: Glossary
) -> None:
    approved = 'Il a dit "merci" à l\'OMS!'
    [line] = run([approved], FR, [FR], engine=engine, glossary=glossary)
    french = line.renditions[FR]
    assert french.origin is RenditionOrigin.SOURCE
    assert french.provenance.engine is None and french.provenance.memory is None
    assert french.text == approved
    assert french.changes == []
    [advice] = [f for f in french.findings if f.check == "typography_suggestion"]
    assert advice.severity is Severity.INFO
    assert advice.suggestion == "Il a dit «\u202fmerci\u202f» à l'OMS\u202f!"
    assert "typography" in checks(french)  # the check still says where
    assert engine.calls == []


def test_machine_translation_is_post_edited(engine: RecordingEngine, glossary: Glossary) -> None:
    [line] = run(['Il a dit "merci" à l\'OMS!'], FR, [ES], engine=engine, glossary=glossary)
    spanish = line.renditions[ES]
    assert spanish.origin is RenditionOrigin.MT
    assert ChangeKind.TYPOGRAPHY in {change.kind for change in spanish.changes}
    assert "typography_suggestion" not in checks(spanish)


def test_memory_comes_first_with_its_provenance(
    engine: RecordingEngine, glossary: Glossary, memory: TranslationMemory
) -> None:
    unit = memory.add(
        "WHO calls for action https://who.int/a",
        "L’OMS appelle à agir https://who.int/a",
        EN,
        FR,
        APPROVED,
    )
    lines = ["WHO calls for action https://who.int/b", "Health for all."]
    results = run(lines, EN, [FR], engine=engine, glossary=glossary, memory=memory)
    french = results[0].renditions[FR]
    assert french.origin is RenditionOrigin.MEMORY
    assert french.text == "L’OMS appelle à agir https://who.int/b"  # the new link filled in
    assert french.provenance.memory is not None
    assert french.provenance.memory.unit_id == unit.id
    assert (french.provenance.memory.kind, french.provenance.memory.score) == (MatchKind.EXACT, 1.0)
    assert french.provenance.engine is None
    assert [texts for texts, _, _ in engine.calls] == [["Health for all."]]
    assert results[1].renditions[FR].origin is RenditionOrigin.MT


def test_close_memory_matches_are_offered_as_suggestions(
    engine: RecordingEngine, glossary: Glossary, memory: TranslationMemory
) -> None:
    memory.add(
        "Vaccines save millions of lives.",
        "Les vaccins sauvent des millions de vies.",
        EN,
        FR,
        APPROVED,
    )
    [line] = run(
        ["Vaccines save millions of lives!"],
        EN,
        [FR],
        engine=engine,
        glossary=glossary,
        memory=memory,
    )
    french = line.renditions[FR]
    assert french.origin is RenditionOrigin.MT
    [suggestion] = french.suggestions
    assert suggestion.target_text == "Les vaccins sauvent des millions de vies."
    assert 0.85 <= suggestion.score < 1.0


def test_an_approved_translation_without_the_official_term_is_flagged_not_changed(
    engine: RecordingEngine, glossary: Glossary, memory: TranslationMemory
) -> None:
    memory.add("WHO calls for action", "L'Organisation appelle à agir", EN, FR, APPROVED)
    [line] = run(
        ["WHO calls for action"], EN, [FR], engine=engine, glossary=glossary, memory=memory
    )
    french = line.renditions[FR]
    assert french.origin is RenditionOrigin.MEMORY
    assert french.text == "L'Organisation appelle à agir"
    assert french.provenance.glossary_repairs == []
    [finding] = [f for f in french.findings if f.check == "glossary_term_missing"]
    assert "'OMS'" in finding.message


def run_weak_model(
    packages_dir: Path, glossary: Glossary, *, drop_first_placeholder: bool
) -> tuple[RecordingEngine, Rendition]:
    """A WHO line with a link into French, by an engine that translates "WHO" literally."""
    engine = RecordingEngine(
        ArgosEngine(packages_dir, inter_threads=1), Rewrite(drop_first_placeholder)
    )
    [line] = run(
        ["WHO calls for action https://who.int"], EN, [FR], engine=engine, glossary=glossary
    )
    return engine, line.renditions[FR]


def test_a_term_the_engine_mistranslates_is_held_by_a_second_masked_pass(
    argos_packages_dir: Path, glossary: Glossary
) -> None:
    engine, french = run_weak_model(argos_packages_dir, glossary, drop_first_placeholder=False)
    assert french.text == "OMS calls for action https://who.int"
    assert french.provenance.glossary_repairs == [
        GlossaryRepair(concept_id="who", before="WHO", after="OMS")
    ]
    assert [texts for texts, _, _ in engine.calls] == [
        ["WHO calls for action ZQXA"],
        ["ZQXA calls for action ZQXB"],  # the term masked this time
    ]
    assert "glossary_term_missing" not in checks(french)


def test_glossary_term_missing_when_nothing_can_be_located(
    argos_packages_dir: Path, glossary: Glossary
) -> None:
    _, french = run_weak_model(argos_packages_dir, glossary, drop_first_placeholder=True)
    assert french.text == "Qui calls for action https://who.int"  # the link is never lost
    assert french.provenance.glossary_repairs == []
    found = {(f.check, f.severity) for f in french.findings}
    assert ("glossary_term_missing", Severity.WARNING) in found
    assert ("entity_restored", Severity.WARNING) in found


def test_a_missing_pair_gives_no_translation_and_the_others_succeed(
    tmp_path: Path, argos_package_files: dict[LanguagePair, Path], glossary: Glossary
) -> None:
    install_from_files([argos_package_files[(EN, FR)]], tmp_path / "packages")
    engine = RecordingEngine(ArgosEngine(tmp_path / "packages", inter_threads=1))
    [line] = run([WHO_LINE], EN, [FR, RU], engine=engine, glossary=glossary)
    assert line.renditions[FR].origin is RenditionOrigin.MT
    russian = line.renditions[RU]
    assert (russian.origin, russian.text, russian.length, russian.fits) == (
        RenditionOrigin.NONE,
        "",
        0,
        False,
    )
    [finding] = russian.findings
    assert (finding.check, finding.severity) == ("no_translation_available", Severity.ERROR)
    assert "needs the en->ru package" in finding.message
    assert "adapt " not in finding.message  # stored findings carry no CLI syntax
    assert [(s, t) for _, s, t in engine.calls] == [(EN, FR)]


def test_without_an_engine_only_memory_and_source_render(glossary: Glossary) -> None:
    [line] = run(
        ["Health for all", "#WorldHealthDay"], EN, [EN, FR], engine=None, glossary=glossary
    )[:1]
    assert line.renditions[EN].origin is RenditionOrigin.SOURCE
    assert line.renditions[FR].origin is RenditionOrigin.NONE
    assert "no machine-translation engine" in line.renditions[FR].findings[0].message


def test_an_over_long_rendition_gets_short_forms_hashtag_drops_and_a_thread(
    engine: RecordingEngine, glossary: Glossary
) -> None:
    sentence = (
        "The World Health Organization calls on every country to invest in primary health "
        "care for all."
    )
    line = " ".join([sentence] * 4) + " #HealthForAll #WorldHealthDay"
    [result] = run(
        [line], EN, [FR], engine=engine, glossary=glossary, required_hashtags=["#WorldHealthDay"]
    )
    french = result.renditions[FR]
    kinds = [change.kind for change in french.changes]
    assert ChangeKind.SHORT_FORM in kinds
    assert ChangeKind.HASHTAG_REMOVED in kinds
    assert "#HealthForAll" not in french.text
    assert "#JournéeMondialeDeLaSanté" in french.text  # required, in its localized form
    assert kinds[-1] is ChangeKind.THREAD_SPLIT
    assert len(french.thread) >= 2
    assert all(
        part.endswith(f" {n}/{len(french.thread)}") for n, part in enumerate(french.thread, start=1)
    )
    assert not french.fits
    assert "length_limit" in checks(french)
    assert "entities_preserved" not in checks(french)  # the dropped hashtag was optional


def test_json_shape(engine: RecordingEngine, glossary: Glossary) -> None:
    [line] = run([WHO_LINE], EN, [FR], engine=engine, glossary=glossary)
    data = line.model_dump(mode="json")
    french = data["renditions"]["fr"]
    assert {"text", "length", "fits", "origin", "findings", "provenance"} <= set(french)
    assert french["origin"] == "mt"
    assert french["provenance"]["glossary_repairs"] == [
        {"concept_id": "who", "before": "WHO", "after": "OMS"}
    ]


@pytest.mark.parametrize(
    ("lines", "platform", "message"),
    [
        (["ok", "  "], "x", "line 2 is empty"),
        (["ok"], "myspace", "unknown platform"),
    ],
)
def test_bad_input_is_an_input_error(
    glossary: Glossary, lines: list[str], platform: str, message: str
) -> None:
    with pytest.raises(InputError, match=message):
        run(lines, EN, [FR], engine=None, glossary=glossary, platform=platform)


LINE_PIECES = [
    "Health",
    "for",
    "all",
    "WHO",
    "calls",
    "https://who.int/a_b?x=1",
    "un.org",
    "@WHO",
    "#WorldHealthDay",
    "#صغر_الرأس",
    "$UN",
    "💙",
    "1,000.5",
    "COVAX",
    "!",
    "?",
    ",",
]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(pieces=st.lists(st.sampled_from(LINE_PIECES), min_size=1, max_size=15))
def test_links_and_mentions_are_never_lost(
    engine: RecordingEngine, glossary: Glossary, pieces: list[str]
) -> None:
    line = " ".join(pieces)
    if not line.strip(" !?,"):
        return
    [result] = run([line], EN, [FR, AR], engine=engine, glossary=glossary, platform="linkedin")
    for language in (FR, AR):
        rendition = result.renditions[language]
        assert "entities_preserved" not in checks(rendition), rendition.findings
        for url in re.findall(r"https://\S+|un\.org", line):
            assert url.rstrip("!?,") in rendition.text
