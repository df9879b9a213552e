"""Loading glossaries/: the bundled termbase is valid, and every broken file names its line."""

import datetime
from pathlib import Path

import pytest
from support.glossary_files import (
    concept_row,
    csv_text,
    minimal_row,
    observance_row,
    write_glossary,
)

from service.errors import DataError
from service.glossary import ConceptKind, Glossary, MonthDay, load_glossary
from service.glossary.columns import CONCEPT_COLUMNS
from service.languages import ALL_LANGUAGES, Language
from service.settings import Settings

BUNDLED = Settings().glossaries_dir


@pytest.fixture(scope="module")
def bundled() -> Glossary:
    return load_glossary(BUNDLED)


def test_bundled_termbase_loads_and_is_cached(bundled: Glossary) -> None:
    assert load_glossary(BUNDLED) is bundled
    assert [path.name for path in bundled.files] == [
        "un-terms.csv",
        "un-terms.sources.csv",
        "do-not-translate.csv",
    ]
    assert len(bundled.concepts) >= 100


def test_every_bundled_concept_has_an_english_name(bundled: Glossary) -> None:
    assert all(concept.names.get(Language.EN) for concept in bundled.concepts)


def test_bundled_observance_dates_are_real_days(bundled: Glossary) -> None:
    observances = bundled.observances()
    assert observances, "the bundled termbase lists international days"
    for concept in observances:
        assert concept.kind is ConceptKind.OBSERVANCE and concept.observance_date is not None
        month, day = concept.observance_date
        datetime.date(2000, month, day)  # raises for a day that does not exist
    dates = [concept.observance_date or (0, 0) for concept in observances]
    assert dates == sorted(dates), "observances() is in calendar order"


@pytest.mark.parametrize(
    ("concept_id", "month_day", "hashtag_en"),
    [
        ("world-health-day", (4, 7), "#WorldHealthDay"),
        ("world-mental-health-day", (10, 10), "#WorldMentalHealthDay"),
        ("world-toilet-day", (11, 19), "#WorldToiletDay"),
        ("world-hand-hygiene-day", (5, 5), None),
        ("international-jazz-day", (4, 30), "#JazzDay"),
        ("international-day-of-peace", (9, 21), "#PeaceDay"),
        ("human-rights-day", (12, 10), "#HumanRightsDay"),
        ("international-womens-day", (3, 8), "#InternationalWomensDay"),
        ("world-water-day", (3, 22), "#WorldWaterDay"),
        ("world-environment-day", (6, 5), "#WorldEnvironmentDay"),
        ("world-refugee-day", (6, 20), "#WorldRefugeeDay"),
        ("international-day-of-yoga", (6, 21), "#YogaDay"),
        ("world-aids-day", (12, 1), "#WorldAIDSDay"),
        ("world-food-day", (10, 16), "#WorldFoodDay"),
        ("united-nations-day", (10, 24), "#UNDay"),
        ("international-mother-language-day", (2, 21), "#MotherLanguageDay"),
        ("world-humanitarian-day", (8, 19), "#WorldHumanitarianDay"),
        ("international-youth-day", (8, 12), "#YouthDay"),
        ("world-childrens-day", (11, 20), "#WorldChildrensDay"),
        ("nelson-mandela-international-day", (7, 18), "#MandelaDay"),
    ],
)
def test_bundled_observances(
    bundled: Glossary, concept_id: str, month_day: tuple[int, int], hashtag_en: str | None
) -> None:
    concept = bundled.observance(concept_id)
    assert concept.observance_date == month_day
    if hashtag_en:
        assert hashtag_en in concept.hashtags[Language.EN]


def test_bundled_world_health_day_in_six_languages(bundled: Glossary) -> None:
    names = bundled.observance("world-health-day").names
    assert names == {
        Language.AR: "يوم الصحة العالمي",
        Language.ZH: "世界卫生日",
        Language.EN: "World Health Day",
        Language.FR: "Journée mondiale de la santé",
        Language.RU: "Всемирный день здоровья",
        Language.ES: "Día Mundial de la Salud",
    }


@pytest.mark.parametrize(
    "concept_id",
    [
        "un",
        "who",
        "unicef",
        "undp",
        "unhcr",
        "unesco",
        "wfp",
        "unfpa",
        "ocha",
        "un-women",
        "unep",
        "ilo",
        "fao",
        "iom",
        "unaids",
        "unrwa",
        "ohchr",
        "itu",
        "wmo",
        "iaea",
        "un-habitat",
        "unctad",
        "unido",
        "ifad",
        "general-assembly",
        "security-council",
        "economic-and-social-council",
        "human-rights-council",
        "international-court-of-justice",
        "secretariat",
        "secretary-general",
        "deputy-secretary-general",
        "director-general",
        "executive-director",
        "high-commissioner",
        "president-of-the-general-assembly",
        "sustainable-development-goals",
        "pheic",
        "human-rights",
        "climate-change",
        "refugees",
        "universal-health-coverage",
        "peacekeeping",
        "gender-equality",
    ],
)
def test_bundled_covers_the_un_system(bundled: Glossary, concept_id: str) -> None:
    assert Language.EN in bundled.get(concept_id).names


def test_bundled_who_forms(bundled: Glossary) -> None:
    who = bundled.get("who")
    assert who.short_forms == {
        Language.ZH: "世卫组织",
        Language.EN: "WHO",
        Language.FR: "OMS",
        Language.RU: "ВОЗ",
        Language.ES: "OMS",
    }
    assert who.no_short_form == {Language.AR}, "WHO has no Arabic acronym: checked, not unknown"


def _write(directory: Path, text: str, name: str = "un-terms.csv") -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / name).write_text(text, encoding="utf-8", newline="")
    return directory


HEADER = ",".join(CONCEPT_COLUMNS)
GOOD = csv_text([concept_row()]).splitlines()[1]

BROKEN_ROWS: list[tuple[str, list[dict[str, str]], int, str]] = [
    (
        "unknown kind",
        [concept_row(), minimal_row("x", "X", kind="agency")],
        3,
        "kind: unknown value 'agency'",
    ),
    (
        "duplicate id",
        [concept_row(), observance_row(), minimal_row("who", "Other")],
        4,
        "duplicate id 'who'",
    ),
    ("impossible date", [observance_row(date="02-30")], 2, "date: date 02-30 is not a real day"),
    ("month 13", [observance_row(date="13-01")], 2, "date: date 13-01 is not a real day"),
    ("date not MM-DD", [observance_row(date="4/7")], 2, "date: date '4/7' must be MM-DD"),
    ("one-digit day", [observance_row(date="04-7")], 2, "must be MM-DD"),
    ("observance without date", [observance_row(date="")], 2, "an observance needs a date"),
    ("date on a non-observance", [concept_row(date="04-07")], 2, "only an observance has one"),
    (
        "hashtag without #",
        [observance_row(hashtag_en="WorldHealthDay")],
        2,
        "hashtag_en: hashtag 'WorldHealthDay' must start with '#'",
    ),
    ("hashtag with hyphen", [observance_row(hashtag_fr="#Journée-Santé")], 2, "hashtag_fr:"),
    ("digits-only hashtag", [observance_row(hashtag_es="#2030")], 2, "hashtag_es:"),
    (
        "hashtag repeated",
        [observance_row(hashtag_en="#WorldHealthDay #worldhealthday")],
        2,
        "listed twice",
    ),
    (
        "do_not_translate yes",
        [concept_row(do_not_translate="yes")],
        2,
        "do_not_translate: 'yes' must be true or false",
    ),
    (
        "do_not_translate empty",
        [concept_row(do_not_translate="")],
        2,
        "do_not_translate: '' must be true or false",
    ),
    (
        "no English name",
        [concept_row(name_en="")],
        2,
        "name_en: every concept needs an English name",
    ),
    ("bad id", [concept_row("World Health")], 2, "id: 'World Health' must be a lower-case slug"),
    (
        "leading space",
        [concept_row(name_fr=" OMS")],
        2,
        "name_fr: ' OMS' has leading or trailing spaces",
    ),
    (
        "dash as a name",
        [concept_row(name_ru="-")],
        2,
        "name_ru: '-' must contain a letter or a digit",
    ),
    ("not NFC", [concept_row(name_fr="Organisation mondiale de la Sante\u0301")], 2, "name_fr:"),
    (
        "same surface, two concepts",
        [concept_row(short_fr="OMS"), minimal_row("other", "Other", short_fr="OMS")],
        3,
        "'OMS' (fr) already used by 'who'",
    ),
    (
        "same name ignoring case",
        [concept_row(), minimal_row("other", "world health organization")],
        3,
        "already used by 'who' at",
    ),
    (
        "same hashtag, two concepts",
        [observance_row(), minimal_row("other", "Other", hashtag_en="#worldhealthday")],
        3,
        "hashtag '#worldhealthday' already used",
    ),
    (
        "do_not_translate, names differ",
        [minimal_row("covax", "COVAX", name_fr="COVAX", do_not_translate="true")],
        2,
        "same name in all six languages",
    ),
]


@pytest.mark.parametrize(
    ("rows", "line", "message"),
    [case[1:] for case in BROKEN_ROWS],
    ids=[case[0] for case in BROKEN_ROWS],
)
def test_broken_rows_name_file_and_line(
    tmp_path: Path, rows: list[dict[str, str]], line: int, message: str
) -> None:
    directory = write_glossary(tmp_path / "glossaries", rows)
    with pytest.raises(DataError) as raised:
        load_glossary(directory)
    assert f"un-terms.csv:{line}: " in raised.value.message
    assert message in raised.value.message


BROKEN_FILES: list[tuple[str, str, int, str]] = [
    ("too few fields", f"{HEADER}\n{GOOD}\nx,term,,,X\n", 3, "expected 23 fields, found 5"),
    ("too many fields", f"{HEADER}\n{GOOD},extra\n", 2, "expected 23 fields, found 24"),
    ("missing column", HEADER.replace(",note", "") + "\n", 1, "missing column(s) note"),
    ("unknown column", f"{HEADER},colour\n", 1, "unknown column(s) 'colour'"),
    ("repeated column", f"{HEADER},id\n", 1, "repeated column(s) id"),
    ("empty file", "", 1, "empty file"),
    ("unterminated quote", f'{HEADER}\n{GOOD}\n"who,organization\nmore\n', 3, "malformed CSV"),
    (
        "after a multi-line note",
        f'{HEADER}\n{GOOD}"two\nlines"\n\nx,agency{GOOD[len("who,organization") :]}\n',
        5,
        "kind: unknown value 'agency'",
    ),
]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [case[1:] for case in BROKEN_FILES],
    ids=[case[0] for case in BROKEN_FILES],
)
def test_broken_files_name_file_and_line(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    with pytest.raises(DataError) as raised:
        load_glossary(_write(tmp_path / "glossaries", text))
    assert f"un-terms.csv:{line}: " in raised.value.message
    assert message in raised.value.message


def test_invalid_utf8_names_the_line(tmp_path: Path) -> None:
    directory = tmp_path / "glossaries"
    directory.mkdir()
    data = f"{HEADER}\n{GOOD}\n".encode() + b"x,term,\xff\xfe\n"
    (directory / "un-terms.csv").write_bytes(data)
    with pytest.raises(DataError, match=r"un-terms\.csv:3: not valid UTF-8"):
        load_glossary(directory)


def test_leap_day_byte_order_mark_blank_lines_and_quoting_are_accepted(tmp_path: Path) -> None:
    rows = [observance_row(date="02-29", note='A note, with a comma and "quotes"\nand a line')]
    text = "\ufeff" + csv_text(rows).replace("\n", "\n\n", 1)
    glossary = load_glossary(_write(tmp_path / "glossaries", text))
    concept = glossary.observance("world-health-day")
    assert concept.observance_date == MonthDay(2, 29)
    assert concept.note == 'A note, with a comma and "quotes"\nand a line'


def test_every_csv_file_is_read_and_ids_are_unique_across_files(tmp_path: Path) -> None:
    directory = write_glossary(tmp_path / "glossaries", [concept_row()])
    (directory / "more.csv").write_text(csv_text([observance_row()]), encoding="utf-8")
    assert {c.id for c in load_glossary(directory).concepts} == {"who", "world-health-day"}
    (directory / "zz-again.csv").write_text(csv_text([concept_row()]), encoding="utf-8")
    load_glossary.cache_clear()  # the loader is cached per directory
    with pytest.raises(
        DataError, match=r"zz-again\.csv:2: duplicate id 'who' \(first at .*un-terms\.csv:2\)"
    ):
        load_glossary(directory)


def test_missing_directory_and_no_concept_file(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="glossary directory not found"):
        load_glossary(tmp_path / "nowhere")
    (tmp_path / "empty").mkdir()
    with pytest.raises(DataError, match="no concept file"):
        load_glossary(tmp_path / "empty")


BROKEN_PROTECTED: list[tuple[str, list[tuple[str, str, str]], int, str]] = [
    ("unknown kind", [("Gavi", "brand", "")], 2, "kind: unknown value 'brand'"),
    (
        "hashtag kind without #",
        [("Gavi", "name", ""), ("COVID19", "hashtag", "")],
        3,
        "must start with '#'",
    ),
    ("name kind with #", [("#COVID19", "name", "")], 2, "give it kind 'hashtag'"),
    (
        "repeated entry",
        [("Gavi", "name", ""), ("GAVI", "name", "")],
        3,
        "'GAVI' repeated (first at line 2)",
    ),
    ("blank text", [("", "name", "")], 2, "text:"),
]


@pytest.mark.parametrize(
    ("entries", "line", "message"),
    [case[1:] for case in BROKEN_PROTECTED],
    ids=[case[0] for case in BROKEN_PROTECTED],
)
def test_broken_do_not_translate_file(
    tmp_path: Path, entries: list[tuple[str, str, str]], line: int, message: str
) -> None:
    directory = write_glossary(tmp_path / "glossaries", [concept_row()], entries)
    with pytest.raises(DataError) as raised:
        load_glossary(directory)
    assert f"do-not-translate.csv:{line}: " in raised.value.message
    assert message in raised.value.message


def test_absent_marker_is_not_a_gap_but_unknown_is(tmp_path: Path) -> None:
    rows = [concept_row(short_ar="-", short_fr="OMS", hashtag_en="#WHO", hashtag_zh="-")]
    glossary = load_glossary(write_glossary(tmp_path / "glossaries", rows))
    concept = glossary.get("who")
    assert concept.no_short_form == {Language.AR} and concept.no_hashtag == {Language.ZH}
    gaps = glossary.gaps()
    assert "who: short form missing for ru" in gaps
    assert "who: short form missing for ar" not in gaps
    assert "who: hashtag missing for fr" in gaps
    assert "who: hashtag missing for zh" not in gaps
    assert not any("name missing" in gap for gap in gaps)


def test_six_languages_are_the_columns() -> None:
    for prefix in ("name", "short", "hashtag"):
        assert [c for c in CONCEPT_COLUMNS if c.startswith(f"{prefix}_")] == [
            f"{prefix}_{language}" for language in ALL_LANGUAGES
        ]
