"""TBX and CSV exchange: export, read back with translate-toolkit, import and merge."""

import os
import stat
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from support.glossary_files import concept_row, minimal_row, write_glossary
from translate.storage import tbx

from service.errors import DataError, ErrorCode, InputError
from service.glossary import (
    CellField,
    CellStatus,
    Concept,
    ConceptKind,
    Glossary,
    MonthDay,
    load_glossary,
)
from service.glossary.exchange import (
    ExportFormat,
    export_files,
    export_glossary,
    import_tbx,
    write_files,
)
from service.glossary.status import parse_cell_column
from service.glossary.tbx import concepts_from_tbx, concepts_to_tbx
from service.languages import ALL_LANGUAGES, Language
from service.settings import Settings

BUNDLED = Settings().glossaries_dir


@pytest.fixture(scope="module")
def bundled() -> Glossary:
    return load_glossary(BUNDLED)


def _units(data: bytes) -> dict[str, tbx.tbxunit]:
    store = tbx.tbxfile(BytesIO(data))
    return {unit.getid(): unit for unit in store.units}


def test_tbx_export_reads_back_with_translate_toolkit(bundled: Glossary) -> None:
    units = _units(export_glossary(bundled, ExportFormat.TBX))
    assert set(units) == {concept.id for concept in bundled.concepts}
    who = units["who"]
    for language in ALL_LANGUAGES:
        terms = [term.text for term in who.get_target_terms(language.value)]
        assert terms[0] == bundled.get("who").names[language], language
    assert [t.text for t in who.get_target_terms("fr")] == [
        "Organisation mondiale de la Santé",
        "OMS",
    ]
    term_types = [n.text for n in who.get_target_terms("ru")[1].notes if n.category == "termType"]
    assert term_types == ["shortForm"]
    assert not units["covax"].istranslatable()
    assert units["who"].istranslatable()


def test_tbx_round_trip_keeps_every_field(bundled: Glossary, tmp_path: Path) -> None:
    path = tmp_path / "un.tbx"
    path.write_bytes(concepts_to_tbx(list(bundled.concepts)))
    assert concepts_from_tbx(path) == list(bundled.concepts)


def test_csv_export_is_the_bundled_file(bundled: Glossary) -> None:
    exported = export_glossary(bundled, ExportFormat.CSV)
    assert exported == (BUNDLED / "un-terms.csv").read_bytes()


FOREIGN_TBX = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en"><text><body>
<termEntry id="C-17">
  <descrip type="definition">A user's own term.</descrip>
  <langSet xml:lang="en-GB"><tig><term>handwashing station</term></tig></langSet>
  <langSet xml:lang="fr-FR"><tig><term>poste de lavage des mains</term></tig>
    <tig><term>lavabo</term>
      <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig></langSet>
  <langSet xml:lang="de"><tig><term>Handwaschstation</term></tig></langSet>
</termEntry>
<termEntry>
  <langSet xml:lang="en"><tig><term>Global Handwashing Day</term></tig>
    <tig><term>GHD</term><termNote type="termType">acronym</termNote></tig></langSet>
  <langSet xml:lang="es"><tig><term>Día Mundial del Lavado de Manos</term></tig></langSet>
</termEntry>
</body></text></martif>
"""


def test_import_of_a_foreign_tbx(tmp_path: Path) -> None:
    source = tmp_path / "user.tbx"
    source.write_text(FOREIGN_TBX, encoding="utf-8")
    concepts = {concept.id: concept for concept in concepts_from_tbx(source)}
    station = concepts["c-17"]
    assert station.names == {
        Language.EN: "handwashing station",
        Language.FR: "poste de lavage des mains",
    }
    day = concepts["global-handwashing-day"]
    assert day.short_forms == {Language.EN: "GHD"} and day.kind.value == "term"
    assert day.names[Language.ES] == "Día Mundial del Lavado de Manos"


def test_import_merges_into_a_csv_existing_cells_win(tmp_path: Path) -> None:
    directory = write_glossary(tmp_path / "glossaries", [concept_row()])
    target = directory / "user.csv"
    write_glossary(
        tmp_path / "other", [minimal_row("c-17", "handwashing station", name_fr="lave-mains")]
    )
    (tmp_path / "other" / "un-terms.csv").rename(target)
    source = tmp_path / "user.tbx"
    source.write_text(FOREIGN_TBX, encoding="utf-8")
    report = import_tbx(source, target)
    assert report.added == ["global-handwashing-day"]
    assert report.conflicts == [
        "c-17: name_fr: kept 'lave-mains', TBX has 'poste de lavage des mains'"
    ]
    glossary = load_glossary(directory)
    assert glossary.get("c-17").names[Language.FR] == "lave-mains"
    assert glossary.get("global-handwashing-day").short_forms[Language.EN] == "GHD"


def test_import_refuses_what_clashes_with_the_other_files(tmp_path: Path) -> None:
    directory = write_glossary(tmp_path / "glossaries", [concept_row()])
    source = tmp_path / "who.tbx"
    source.write_bytes(concepts_to_tbx(list(load_glossary(directory).concepts)))
    target = directory / "user.csv"
    with pytest.raises(DataError, match=r"duplicate id 'who' \(first at .*un-terms\.csv:2\)"):
        import_tbx(source, target)
    assert not target.exists(), "nothing is written when the result would not load"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("<martif><text><body>", r"bad\.tbx:1: not well-formed XML"),
        ("<tmx version='1.4'><body/></tmx>", "not a TBX file"),
        (
            '<martif><text><body><termEntry id="x"><langSet xml:lang="fr"><tig><term>seul</term>'
            "</tig></langSet></termEntry></body></text></martif>",
            r"bad\.tbx:1 \(termEntry 'x'\): every concept needs an English name",
        ),
    ],
)
def test_import_errors(tmp_path: Path, content: str, message: str) -> None:
    source = tmp_path / "bad.tbx"
    source.write_text(content, encoding="utf-8")
    with pytest.raises(DataError, match=message):
        import_tbx(source, tmp_path / "out.csv")


def test_import_target_must_be_a_concept_csv(tmp_path: Path) -> None:
    source = tmp_path / "in.tbx"
    source.write_text(FOREIGN_TBX, encoding="utf-8")
    with pytest.raises(InputError, match="must be a concept file"):
        import_tbx(source, tmp_path / "out.txt")
    with pytest.raises(InputError, match="no such file"):
        import_tbx(tmp_path / "missing.tbx", tmp_path / "out.csv")


def test_tbx_round_trip_of_sparse_languages(tmp_path: Path) -> None:
    concept = Concept(
        id="leap-day",
        kind=ConceptKind.OBSERVANCE,
        names={Language.EN: "Leap Day"},
        short_forms={Language.ZH: "闰日"},
        hashtags={Language.FR: ["#JourBissextil"]},
        no_short_form=frozenset({Language.AR}),
        no_hashtag=frozenset({Language.RU}),
        observance_date=MonthDay(2, 29),
        note='Quotes " and <angle> & ampersands',
        statuses={
            "short_zh": CellStatus(status="verified", tier="secondary", source="a calendar"),
            "hashtag_fr": CellStatus(note="seen on one account"),
            "short_ar": CellStatus(status="verified", tier="official", source="<un.org> & co"),
            "hashtag_ru": CellStatus(note="none found"),
            "date": CellStatus(status="verified", tier="official", source="A/RES/1"),
        },
    )
    path = tmp_path / "sparse.tbx"
    path.write_bytes(concepts_to_tbx([concept]))
    assert concepts_from_tbx(path) == [concept]


def _status(tier: str, source: str, note: str = "") -> CellStatus:
    return CellStatus(status="verified", tier=tier, source=source, note=note)


def test_tbx_carries_each_status_in_standard_categories(bundled: Glossary) -> None:
    units: dict[str, Any] = dict(_units(export_glossary(bundled, ExportFormat.TBX)))
    unodc = units["unodc"]
    [_, short] = unodc.get_target_dom("ru").findall(unodc.namespaced("tig"))

    def texts(tag: str, key: str, value: str | None) -> list[str]:
        return [n.text for n in short.findall(unodc.namespaced(tag)) if n.get(key) == value]

    assert texts("term", "type", None) == ["УНП ООН"]
    assert texts("termNote", "type", "processStatus") == ["finalized"]
    assert texts("admin", "type", "source")[0].startswith("UNODC, ")
    assert texts("note", "from", "tier") == ["official"]
    assert "ЮНОДК" in texts("note", "from", None)[0]
    # A cell without a term carries its status in notes beside it.
    un_arabic = _notes_by_origin(units["un"], units["un"].get_target_dom("ar"))
    assert (un_arabic["none"], un_arabic["short_form-status"]) == ("short_form", "unverified")
    toilet = _notes_by_origin(units["world-toilet-day"], units["world-toilet-day"].xmlelement)
    assert (toilet["date"], toilet["date-status"], toilet["date-tier"]) == (
        "11-19",
        "verified",
        "official",
    )


def _notes_by_origin(unit: Any, parent: Any) -> dict[str, str]:
    return {n.get("from"): n.text for n in parent.findall(unit.namespaced("note"))}


def test_tbx_export_then_import_gives_the_same_statuses(bundled: Glossary, tmp_path: Path) -> None:
    path = tmp_path / "un.tbx"
    path.write_bytes(export_glossary(bundled, ExportFormat.TBX))
    imported = {concept.id: concept for concept in concepts_from_tbx(path)}

    def statuses(concept: Concept) -> dict[str, CellStatus | None]:
        return {
            column: concept.status(*parse_cell_column(column))
            for column, _ in concept.filled_cells()
        }

    for concept in bundled.concepts:
        assert statuses(imported[concept.id]) == statuses(concept), concept.id
    verified = [s for c in bundled.concepts for s in c.statuses.values() if s.verified]
    assert len(verified) == 398, "the test compares real statuses, not only defaults"


STATUS_TBX = """<martif type="TBX"><text><body><termEntry id="ipc">
<langSet xml:lang="en">
  <tig><term>infection prevention and control</term>
    <termNote type="processStatus">finalized</termNote><admin type="source">who.int</admin></tig>
  <tig><term>IPC</term><termNote type="termType">acronym</termNote>
    <termNote type="processStatus">provisionallyProcessed</termNote>
    <admin type="source">a blog</admin><note>seen once</note></tig></langSet>
<langSet xml:lang="fr"><tig><term>prévention et contrôle des infections</term>
  <termNote type="processStatus">finalized</termNote><note from="tier">official</note></tig>
</langSet></termEntry></body></text></martif>"""


def test_statuses_of_a_foreign_tbx(tmp_path: Path) -> None:
    source = tmp_path / "in.tbx"
    source.write_text(STATUS_TBX, encoding="utf-8")
    [concept] = concepts_from_tbx(source)
    assert concept.status(CellField.NAME, Language.EN) == _status("secondary", "who.int")
    assert concept.status(CellField.SHORT, Language.EN) == CellStatus(
        note="seen once; source given, not verified: a blog"
    )
    assert concept.status(CellField.NAME, Language.FR) == CellStatus(), "finalized needs a source"
    source.write_text(STATUS_TBX.replace(">official<", ">excellent<"), encoding="utf-8")
    with pytest.raises(DataError, match=r"termEntry 'ipc'\): tier 'excellent' must be official"):
        concepts_from_tbx(source)


def test_import_merges_statuses_cell_by_cell(tmp_path: Path) -> None:
    directory = write_glossary(tmp_path / "glossaries", [concept_row()])
    target = directory / "user.csv"
    (directory / "un-terms.csv").rename(target)
    (directory / "user.sources.csv").write_text(
        "id,field,language,value,status,tier,source,note\n"
        "who,name,en,World Health Organization,verified,official,the Charter,\n",
        encoding="utf-8",
    )
    statuses = {
        "name_en": _status("secondary", "a list"),
        "name_fr": _status("official", "who.int/fr", "checked"),
        "short_fr": _status("official", "who.int/fr"),
    }
    who = load_glossary(directory).get("who")
    offered = Concept.model_validate(
        who.model_dump()
        | {"short_forms": {Language.EN: "WHO", Language.FR: "OMS"}, "statuses": statuses}
    )
    source = tmp_path / "who.tbx"
    source.write_bytes(concepts_to_tbx([offered]))
    report = import_tbx(source, target)
    assert report.filled == ["who: short_fr", "who: name_fr status"]
    assert report.conflicts == [
        "who: name_en: kept verified (official: the Charter), TBX has verified (secondary: a list)"
    ]
    merged = load_glossary(directory).get("who")
    assert merged.status(CellField.NAME, Language.EN) == _status("official", "the Charter")
    assert merged.status(CellField.NAME, Language.FR) == statuses["name_fr"]
    assert merged.status(CellField.SHORT, Language.FR) == statuses["short_fr"]


def test_written_files_honour_the_umask_and_keep_an_existing_mode(
    bundled: Glossary, tmp_path: Path
) -> None:
    previous = os.umask(0o027)
    try:
        written = export_files(bundled, ExportFormat.CSV, tmp_path / "un.csv")
        assert [path.name for path in written] == ["un.csv", "un.sources.csv"]
        assert {stat.S_IMODE(path.stat().st_mode) for path in written} == {0o640}
        os.chmod(written[0], 0o604)
        export_files(bundled, ExportFormat.CSV, tmp_path / "un.csv")
        assert stat.S_IMODE(written[0].stat().st_mode) == 0o604, "an existing file keeps its mode"
        source = tmp_path / "in.tbx"
        source.write_text(STATUS_TBX, encoding="utf-8")
        import_tbx(source, tmp_path / "user.csv")
        assert stat.S_IMODE((tmp_path / "user.sources.csv").stat().st_mode) == 0o640
    finally:
        os.umask(previous)
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "in.tbx",
        "un.csv",
        "un.sources.csv",
        "user.csv",
        "user.sources.csv",
    ], "no temporary file is left behind"


def test_a_failed_write_replaces_nothing(tmp_path: Path) -> None:
    kept = tmp_path / "kept.csv"
    kept.write_text("old", encoding="utf-8")
    with pytest.raises(InputError, match="cannot write") as raised:
        write_files({kept: b"new", tmp_path / "missing" / "x.csv": b"new"})
    assert raised.value.code is ErrorCode.UNWRITABLE_FILE
    assert kept.read_text(encoding="utf-8") == "old"
    assert [path.name for path in tmp_path.iterdir()] == ["kept.csv"]
