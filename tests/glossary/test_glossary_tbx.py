"""TBX and CSV exchange: export, read back with translate-toolkit, import and merge."""

from io import BytesIO
from pathlib import Path

import pytest
from support.glossary_files import concept_row, minimal_row, write_glossary
from translate.storage import tbx

from service.errors import DataError, InputError
from service.glossary import Concept, ConceptKind, Glossary, MonthDay, load_glossary
from service.glossary.exchange import ExportFormat, export_glossary, import_tbx
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
    )
    path = tmp_path / "sparse.tbx"
    path.write_bytes(concepts_to_tbx([concept]))
    assert concepts_from_tbx(path) == [concept]
