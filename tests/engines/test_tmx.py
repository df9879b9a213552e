"""TMX import and export of the translation memory."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from service.engines.memory import TranslationMemory
from service.engines.tmx import export_tmx, import_tmx, read_tmx, write_tmx
from service.errors import InputError
from service.languages import ALL_LANGUAGES, Language
from service.models import TranslationUnit, UnitOrigin, UnitProvenance
from service.store import Store

AR, ZH, EN, FR, RU, ES = ALL_LANGUAGES

HAND_HYGIENE = {
    AR: "نظافة اليدين تنقذ الأرواح.",
    ZH: "手部卫生拯救生命。",
    EN: "Hand hygiene saves lives.",
    FR: "L’hygiène des mains sauve des vies.",
    RU: "Гигиена рук спасает жизни.",
    ES: "La higiene de las manos salva vidas.",
}
MANUAL_PROVENANCE = UnitProvenance(origin=UnitOrigin.MANUAL)


def _tmx(body: str, header: str = 'srclang="en"') -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">'
        f'<header creationtool="test" creationtoolversion="1" segtype="sentence" o-tmf="x" '
        f'adminlang="en" datatype="plaintext" {header}/><body>{body}</body></tmx>'
    ).encode()


def _tu(variants: dict[str, str], attributes: str = "") -> str:
    tuvs = "".join(
        f'<tuv xml:lang="{tag}"><seg>{text}</seg></tuv>' for tag, text in variants.items()
    )
    return f"<tu {attributes}>{tuvs}</tu>"


def _pairs(
    data: bytes, source_language: Language | None = None, all_directions: bool = False
) -> set[tuple[str, str, str, str]]:
    reading = read_tmx(
        data, "test.tmx", source_language=source_language, all_directions=all_directions
    )
    return {
        (t.source_language.value, t.target_language.value, t.source_text, t.target_text)
        for t in reading.translations
    }


def test_export_then_import_round_trips_six_languages(
    memory: TranslationMemory, tmp_path: Path
) -> None:
    approved = datetime(2024, 4, 7, 9, 30, tzinfo=UTC)
    provenance = UnitProvenance(
        origin=UnitOrigin.REVIEW, approved_by="Ana", approved_at_utc=approved
    )
    for language, text in HAND_HYGIENE.items():
        if language is not EN:
            memory.add(HAND_HYGIENE[EN], text, EN, language, provenance)
    memory.add(HAND_HYGIENE[ZH], "Hand hygiene  saves lives!", ZH, EN, provenance)
    path = tmp_path / "memory.tmx"
    assert export_tmx(memory.units(), path) == 6

    with Store.open(f"sqlite:///{tmp_path / 'other.sqlite3'}") as other_store:
        other = TranslationMemory(other_store.translation_units)
        report = import_tmx(other, path)
        assert (report.translation_units, report.inserted, report.updated) == (2, 6, 0)
        imported = other.units()

    def essence(memory_units: list[TranslationUnit]) -> set[tuple[object, ...]]:
        return {
            (
                u.source_language,
                u.target_language,
                u.source_text,
                u.target_text,
                u.provenance.approved_by,
                u.provenance.approved_at_utc,
            )
            for u in memory_units
        }

    assert essence(imported) == essence(memory.units())
    assert {u.provenance.origin for u in imported} == {UnitOrigin.TMX}
    assert {u.provenance.imported_from for u in imported} == {"memory.tmx"}


def test_export_groups_one_source_into_one_multilingual_unit(memory: TranslationMemory) -> None:
    for language in (FR, ES, AR):
        memory.add(HAND_HYGIENE[EN], HAND_HYGIENE[language], EN, language, MANUAL_PROVENANCE)
    document = write_tmx(memory.units()).decode()
    assert document.count("<tu ") == 1
    assert document.count("<tuv ") == 4
    assert 'srclang="en"' in document


def test_a_multilingual_unit_gives_source_to_every_other_language() -> None:
    data = _tmx(_tu({"en": "Hello", "fr": "Bonjour", "es": "Hola", "ar": "مرحبا"}))
    assert _pairs(data) == {
        ("en", "fr", "Hello", "Bonjour"),
        ("en", "es", "Hello", "Hola"),
        ("en", "ar", "Hello", "مرحبا"),
    }


@pytest.mark.parametrize(
    ("header", "attributes", "all_directions"),
    [
        ('srclang="*all*"', "", False),
        ('srclang="en"', 'srclang="*all*"', False),
        ('srclang="en"', "", True),
        ("", "", True),  # every direction needs no source language
    ],
)
def test_all_directions(header: str, attributes: str, all_directions: bool) -> None:
    data = _tmx(_tu({"en": "Hello", "fr": "Bonjour", "es": "Hola"}, attributes), header)
    pairs = _pairs(data, all_directions=all_directions)
    assert len(pairs) == 6
    assert ("fr", "es", "Bonjour", "Hola") in pairs


def test_inline_codes_are_dropped_and_highlighted_text_kept() -> None:
    seg = (
        'Read <bpt i="1">&lt;b&gt;</bpt>this<ept i="1">&lt;/b&gt;</ept><ph>&lt;br/&gt;</ph>'
        " <!-- a comment --><hi>now</hi>"
    )
    data = _tmx(_tu({"en": seg, "fr": 'Lisez <it pos="begin">&lt;i&gt;</it>ceci'}))
    assert _pairs(data) == {("en", "fr", "Read this now", "Lisez ceci")}


def test_source_language_option_overrides_srclang() -> None:
    data = _tmx(_tu({"en": "Hello", "fr": "Bonjour"}, 'srclang="en"'))
    assert _pairs(data, source_language=FR) == {("fr", "en", "Bonjour", "Hello")}


@pytest.mark.parametrize(
    ("tag", "language"),
    [
        ("zh-CN", "zh"),
        ("zh-Hans", "zh"),
        ("fr-FR", "fr"),
        ("EN-us", "en"),
        ("es_419", "es"),
        ("ar-EG", "ar"),
        ("ru-RU", "ru"),
    ],
)
def test_language_tags_are_normalized(tag: str, language: str) -> None:
    source = "Bonjour" if language == "en" else "Hello"
    source_tag = "fr" if language == "en" else "en"
    data = _tmx(_tu({source_tag: source, tag: "text"}), f'srclang="{source_tag}"')
    assert {pair[1] for pair in _pairs(data)} == {language}


def test_other_languages_are_skipped_and_counted() -> None:
    body = (
        _tu({"en": "Hello", "de": "Hallo", "fr": "Bonjour", "pt-BR": "Olá"})
        + _tu({"en": "Only German", "de": "Nur Deutsch"})
        + _tu({"de": "Hallo", "fr": "Bonjour"}, 'srclang="de"')
    )
    reading = read_tmx(_tmx(body), "test.tmx")
    assert [(t.target_language, t.target_text) for t in reading.translations] == [(FR, "Bonjour")]
    assert reading.translation_units == 3
    assert reading.skipped_units == 2
    assert reading.skipped_languages == {"de": 3, "pt-BR": 1}


def test_provenance_comes_from_the_variant_then_the_unit() -> None:
    body = (
        '<tu creationid="unit-author" creationdate="20200101T000000Z">'
        '<tuv xml:lang="en"><seg>Hello</seg></tuv>'
        '<tuv xml:lang="fr" changeid="reviewer" changedate="20240407T093000Z">'
        "<seg>Bonjour</seg></tuv>"
        '<tuv xml:lang="es"><seg>Hola</seg></tuv></tu>'
    )
    by_target = {
        t.target_language: t.provenance for t in read_tmx(_tmx(body), "a.tmx").translations
    }
    assert by_target[FR].approved_by == "reviewer"
    assert by_target[FR].approved_at_utc == datetime(2024, 4, 7, 9, 30, tzinfo=UTC)
    assert by_target[ES].approved_by == "unit-author"
    assert by_target[ES].approved_at_utc == datetime(2020, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "not well-formed XML"),
        (b"<tmx version='1.4'><body><tu>", "not well-formed XML"),
        (b"\xff\xfe\x00garbage", "not well-formed XML"),
        (b"<xliff version='1.2'/>", "not a TMX file"),
        (_tmx("<tu><tuv><seg>Hello</seg></tuv></tu>"), "line 2: <tuv> without xml:lang"),
        (_tmx(_tu({"en": "a", "fr": "b"}), header=""), "no source language"),
        (_tmx(_tu({"en": "a", "fr": "b"}, 'changedate="yesterday"')), "not in the TMX form"),
    ],
)
def test_malformed_files_are_input_errors(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_tmx(data, "bad.tmx")


def test_a_malformed_file_imports_nothing(memory: TranslationMemory, tmp_path: Path) -> None:
    path = tmp_path / "half.tmx"
    good = _tu({"en": "Hello", "fr": "Bonjour"})
    path.write_bytes(
        _tmx(good + '<tu><tuv xml:lang="en"><seg>x</seg></tuv><tuv><seg>y</seg></tuv></tu>')
    )
    with pytest.raises(InputError, match=r"half\.tmx"):
        import_tmx(memory, path)
    assert memory.units() == []
    with pytest.raises(InputError, match="no such file"):
        import_tmx(memory, tmp_path / "missing.tmx")


def test_importing_again_updates(memory: TranslationMemory, tmp_path: Path) -> None:
    path = tmp_path / "a.tmx"
    path.write_bytes(
        _tmx(_tu({"en": "Hello", "fr": "Bonjour"}) + _tu({"en": "Hello ", "fr": "Salut"}))
    )
    first = import_tmx(memory, path)
    assert (first.inserted, first.updated) == (1, 0)  # same key twice: the last one wins
    second = import_tmx(memory, path)
    assert (second.inserted, second.updated) == (0, 1)
    assert [unit.target_text for unit in memory.units()] == ["Salut"]


def test_export_filters_and_refuses_a_missing_folder(
    memory: TranslationMemory, tmp_path: Path
) -> None:
    memory.add("Hello", "Bonjour", EN, FR, MANUAL_PROVENANCE)
    memory.add("Hello", "Hola", EN, ES, MANUAL_PROVENANCE)
    memory.add("Bonjour", "Hello", FR, EN, MANUAL_PROVENANCE)
    assert [u.target_text for u in memory.units(target_language=ES)] == ["Hola"]
    path = tmp_path / "fr.tmx"
    assert export_tmx(memory.units(source_language=FR), path) == 1
    assert _pairs(path.read_bytes()) == {("fr", "en", "Bonjour", "Hello")}
    with pytest.raises(InputError, match="does not exist"):
        export_tmx(memory.units(), tmp_path / "missing" / "out.tmx")
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".tmx") == ["fr.tmx"]
