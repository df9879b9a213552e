"""Cell statuses: the bundled status file, the review's corrections, and the loader's rules."""

import collections
from pathlib import Path

import pytest
from pydantic import ValidationError
from support.glossary_files import concept_row, csv_text, observance_row, write_glossary

from service.errors import DataError
from service.glossary import (
    CellField,
    CellStatus,
    Concept,
    Glossary,
    SourceTier,
    Verification,
    load_glossary,
)
from service.glossary.exchange import concepts_to_csv
from service.glossary.sources import SOURCE_COLUMNS, statuses_to_csv
from service.languages import ALL_LANGUAGES, Language
from service.settings import Settings

BUNDLED = Settings().glossaries_dir
AR, ZH, EN, FR, RU, ES = ALL_LANGUAGES
OFFICIAL, SECONDARY = SourceTier.OFFICIAL, SourceTier.SECONDARY


@pytest.fixture(scope="module")
def bundled() -> Glossary:
    return load_glossary(BUNDLED)


def test_the_bundled_files_round_trip_with_a_row_for_every_filled_cell(bundled: Glossary) -> None:
    concepts = list(bundled.concepts)
    assert concepts_to_csv(concepts) == (BUNDLED / "un-terms.csv").read_text(encoding="utf-8")
    # The writer writes one row per filled cell, so equality means none is missing.
    status_file = (BUNDLED / "un-terms.sources.csv").read_text(encoding="utf-8")
    assert statuses_to_csv(concepts) == status_file
    filled = sum(len(concept.filled_cells()) for concept in concepts)
    assert status_file.count("\n") == filled + 1


def test_the_bundled_counts_are_the_ones_the_readme_gives(bundled: Glossary) -> None:
    counts: collections.Counter[tuple[Verification, SourceTier | None]] = collections.Counter()
    for concept in bundled.concepts:
        for column, _ in concept.filled_cells():
            status = concept.statuses.get(column, CellStatus())
            counts[status.status, status.tier] += 1
    assert counts == {
        (Verification.VERIFIED, OFFICIAL): 162,
        (Verification.VERIFIED, SECONDARY): 236,
        (Verification.UNVERIFIED, None): 564,
    }
    hashtags = [
        concept.status(CellField.HASHTAG, language)
        for concept in bundled.concepts
        for language in concept.hashtags
    ]
    assert hashtags and not any(status and status.verified for status in hashtags)


# (concept, field, language, the form now, verified tier or None, a text the note holds)
REVIEWED = [
    # The three wrong cells, corrected.
    ("unodc", CellField.SHORT, RU, "УНП ООН", OFFICIAL, "ЮНОДК"),
    (
        "holocaust-remembrance-day",
        CellField.NAME,
        ZH,
        "缅怀大屠杀受难者国际纪念日",
        SECONDARY,
        "纪念大屠杀受害者国际日",
    ),
    ("world-toilet-day", CellField.NAME, AR, "اليوم العالمي لدورات المياه", SECONDARY, "للمراحيض"),
    # The seven empty cells with a sourced form.
    ("unhcr", CellField.SHORT, AR, "المفوضية", OFFICIAL, ""),
    ("fao", CellField.SHORT, AR, "فاو", OFFICIAL, "الفاو"),
    ("world-tuberculosis-day", CellField.NAME, AR, "اليوم العالمي للسل", SECONDARY, ""),
    (
        "world-tuberculosis-day",
        CellField.NAME,
        FR,
        "Journée mondiale de la lutte contre la tuberculose",
        SECONDARY,
        "",
    ),
    ("world-oceans-day", CellField.NAME, FR, "Journée mondiale de l'océan", SECONDARY, ""),
    ("world-childrens-day", CellField.NAME, ES, "Día Mundial de la Infancia", SECONDARY, ""),
    (
        "international-day-of-persons-with-disabilities",
        CellField.NAME,
        RU,
        "Международный день инвалидов",
        SECONDARY,
        "newer title",
    ),
    # The sixteen conflicts: the stronger source's form, the other one in the note.
    ("itu", CellField.SHORT, ZH, "国际电联", OFFICIAL, "电信联盟"),
    ("ifad", CellField.SHORT, AR, "إيفاد", SECONDARY, "'-'"),
    ("universal-health-coverage", CellField.NAME, ZH, "全民健康覆盖", OFFICIAL, "全民健康保障"),
    (
        "international-day-of-education",
        CellField.NAME,
        RU,
        "Международный день образования",
        OFFICIAL,
        "просвещения",
    ),
    (
        "holocaust-remembrance-day",
        CellField.NAME,
        AR,
        "اليوم الدولي لإحياء ذكرى ضحايا محرقة اليهود",
        SECONDARY,
        "ضحايا المحرقة",
    ),
    (
        "world-tuberculosis-day",
        CellField.NAME,
        RU,
        "Всемирный день борьбы с туберкулезом",
        OFFICIAL,
        "против",
    ),
    (
        "international-day-for-biological-diversity",
        CellField.NAME,
        ZH,
        "国际生物多样性日",
        None,
        "生物多样性国际日",
    ),
    (
        "world-no-tobacco-day",
        CellField.NAME,
        AR,
        "اليوم العالمي للامتناع عن التبغ",
        None,
        "تعاطي التبغ",
    ),
    (
        "world-blood-donor-day",
        CellField.NAME,
        FR,
        "Journée mondiale du donneur de sang",
        SECONDARY,
        "du don de sang",
    ),
    (
        "international-youth-day",
        CellField.NAME,
        AR,
        "يوم الشباب الدولي",
        SECONDARY,
        "اليوم الدولي للشباب",
    ),
    (
        "international-day-of-older-persons",
        CellField.NAME,
        AR,
        "اليوم الدولي للمسنين",
        SECONDARY,
        "لكبار السن",
    ),
    (
        "international-day-of-older-persons",
        CellField.NAME,
        FR,
        "Journée internationale pour les personnes âgées",
        SECONDARY,
        "des personnes âgées",
    ),
    ("world-teachers-day", CellField.NAME, RU, "Всемирный день учителя", SECONDARY, "учителей"),
    (
        "international-day-for-the-elimination-of-violence-against-women",
        CellField.NAME,
        ZH,
        "消除对妇女的暴力国际日",
        SECONDARY,
        "制止暴力侵害妇女行为国际日",
    ),
    ("international-migrants-day", CellField.NAME, ZH, "国际移民日", OFFICIAL, "国际移徙者日"),
    (
        "international-migrants-day",
        CellField.NAME,
        RU,
        "Международный день мигранта",
        SECONDARY,
        "мигрантов",
    ),
]


@pytest.mark.parametrize(("concept_id", "field", "language", "form", "tier", "noted"), REVIEWED)
def test_the_reviewed_cells(
    bundled: Glossary,
    concept_id: str,
    field: CellField,
    language: Language,
    form: str,
    tier: SourceTier | None,
    noted: str,
) -> None:
    concept = bundled.get(concept_id)
    values = concept.names if field is CellField.NAME else concept.short_forms
    assert values[language] == form
    status = concept.status(field, language)
    assert status is not None and status.tier is tier
    assert status.verified is (tier is not None) and (status.source != "") is status.verified
    assert noted in status.note


def test_ifad_has_an_arabic_acronym_now(bundled: Glossary) -> None:
    assert AR not in bundled.get("ifad").no_short_form


def test_a_status_row_is_tied_to_the_value_it_checked(tmp_path: Path) -> None:
    directory = _glossary_with_statuses(
        tmp_path, [["who", "short", "en", "WHO", "verified", "official", "un.org", ""]]
    )
    assert load_glossary(directory).get("who").status(CellField.SHORT, EN) == CellStatus(
        status=Verification.VERIFIED, tier=OFFICIAL, source="un.org"
    )
    (directory / "un-terms.csv").write_text(
        csv_text([concept_row(short_en="W.H.O.")]), encoding="utf-8"
    )
    load_glossary.cache_clear()
    with pytest.raises(DataError) as raised:
        load_glossary(directory)
    assert str(raised.value).startswith(f"{directory / 'un-terms.sources.csv'}:2: ")
    assert "the status is for 'WHO', but" in str(raised.value)
    assert "un-terms.csv:2 now has 'W.H.O.' in short_en" in str(raised.value)
    assert raised.value.fields == {
        "file": str(directory / "un-terms.sources.csv"),
        "line": 2,
    }


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (["unknown", "name", "en", "x", "unverified", "", "", ""], "unknown concept 'unknown'"),
        (["who", "acronym", "en", "WHO", "unverified", "", "", ""], "field 'acronym' must be"),
        (["who", "name", "de", "x", "unverified", "", "", ""], "language 'de' must be one of"),
        (["who", "short", "", "WHO", "unverified", "", "", ""], "language '' must be one of"),
        (["who", "short", "ar", "x", "unverified", "", "", ""], "has no short_ar for 'who'"),
        (["who", "short", "en", "WHO", "checked", "", "", ""], "status: unknown value 'checked'"),
        (["who", "short", "en", "WHO", "verified", "", "un.org", ""], "needs its tier"),
        (["who", "short", "en", "WHO", "verified", "official", "", ""], "needs its tier"),
        (["who", "short", "en", "WHO", "unverified", "secondary", "", ""], "has no tier or source"),
        (["who", "short", "en", "WHO", "verified", "best", "x", ""], "tier: unknown value 'best'"),
        (["who", "short", "en", "WHO", "unverified", "", "", " x"], "note has leading"),
    ],
)
def test_status_rows_are_validated(tmp_path: Path, row: list[str], message: str) -> None:
    directory = _glossary_with_statuses(tmp_path, [row])
    with pytest.raises(DataError, match=r"un-terms\.sources\.csv:2: ") as raised:
        load_glossary(directory)
    assert message in str(raised.value)


def test_a_date_has_no_language_and_a_cell_one_row(tmp_path: Path) -> None:
    rows = [["world-health-day", "date", "en", "04-07", "unverified", "", "", ""]]
    with pytest.raises(DataError, match="a date has no language"):
        load_glossary(_glossary_with_statuses(tmp_path / "a", rows, [observance_row()]))
    row = ["world-health-day", "date", "", "04-07", "verified", "secondary", "a list", ""]
    with pytest.raises(DataError, match=r":3: world-health-day date repeated \(first at line 2\)"):
        load_glossary(_glossary_with_statuses(tmp_path / "b", [row, row], [observance_row()]))
    glossary = load_glossary(_glossary_with_statuses(tmp_path / "c", [row], [observance_row()]))
    status = glossary.get("world-health-day").status(CellField.DATE)
    assert status is not None and status.tier is SECONDARY


def test_a_status_file_needs_its_concept_file_and_its_header(tmp_path: Path) -> None:
    directory = write_glossary(tmp_path / "a", [concept_row()])
    (directory / "mine.sources.csv").write_text(",".join(SOURCE_COLUMNS) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"a status file without its concept file mine\.csv"):
        load_glossary(directory)
    directory = write_glossary(tmp_path / "b", [concept_row()])
    (directory / "un-terms.sources.csv").write_text("id,field,value\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"un-terms\.sources\.csv:1: header: missing column"):
        load_glossary(directory)


def test_without_a_status_file_every_cell_is_unverified(tmp_path: Path) -> None:
    concept = load_glossary(write_glossary(tmp_path, [concept_row()])).get("who")
    assert concept.statuses == {}
    assert concept.status(CellField.NAME, FR) == CellStatus()
    assert concept.status(CellField.SHORT, FR) is None, "an empty cell has no status"


def test_cell_status_rules() -> None:
    verified = CellStatus(status="verified", tier="secondary", source="a list", note="see")
    assert verified.verified and verified.describe() == "verified (secondary: a list)"
    assert CellStatus().describe() == "unverified" and not CellStatus().verified
    with pytest.raises(ValidationError, match="needs its tier"):
        CellStatus(status="verified", source="x")
    with pytest.raises(ValidationError, match="control character"):
        CellStatus(note="a\x00b")


def test_a_concept_keeps_statuses_only_for_its_filled_cells() -> None:
    names = {EN: "United Nations"}
    verified = CellStatus(status="verified", tier="official", source="the Charter")
    concept = Concept(id="un", kind="organization", names=names, statuses={"name_en": verified})
    assert concept.status(CellField.NAME, EN) == verified
    plain = Concept(id="un", kind="organization", names=names, statuses={"name_en": CellStatus()})
    assert plain == Concept(id="un", kind="organization", names=names), "defaults are dropped"
    with pytest.raises(ValidationError, match="a status is given for name_fr, which holds no"):
        Concept(id="un", kind="organization", names=names, statuses={"name_fr": verified})


def _glossary_with_statuses(
    directory: Path, rows: list[list[str]], concepts: list[dict[str, str]] | None = None
) -> Path:
    write_glossary(directory, concepts or [concept_row()])
    entries = [dict(zip(SOURCE_COLUMNS, row, strict=True)) for row in rows]
    text = csv_text(entries, SOURCE_COLUMNS)
    (directory / "un-terms.sources.csv").write_text(text, encoding="utf-8", newline="")
    load_glossary.cache_clear()
    return directory
