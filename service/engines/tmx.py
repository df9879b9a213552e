"""TMX 1.4 import and export of the translation memory, with translate-toolkit.

Import. A translation unit (``<tu>``) holds one variant (``<tuv>``) per language. Its
source language is, in order: the one given (the CLI's ``--source-lang``), the unit's
``srclang``, the header's ``srclang``. Each unit yields one approved translation from the
source variant to every other variant among the six UN languages. With ``srclang="*all*"``
(any variant may be the source, per the TMX spec) or with ``all_directions``, it yields
every directed pair among its variants. Language tags are normalized (``zh-CN`` -> ``zh``,
``fr-FR`` -> ``fr``); the first variant of a language wins. Variants in other languages are
skipped and counted by tag. Who approved a translation and when come from the target
variant's (else the unit's) ``changeid``/``changedate``, falling back to
``creationid``/``creationdate``.

Export. Units with the same source language and text become one ``<tu>`` with a variant
per target language, so an export imports back to the same memory.
"""

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import Any

from translate.misc.xml_helpers import getXMLlang
from translate.storage.tmx import tmxfile

from service.engines.memory import ApprovedTranslation, TranslationMemory
from service.errors import ErrorCode, InputError
from service.files import write_atomic
from service.languages import Language, parse_language
from service.models import Model, TranslationUnit, UnitOrigin, UnitProvenance

ALL_SOURCES = "*all*"
_TMX_DATE = "%Y%m%dT%H%M%SZ"
_NATIVE_CODES = frozenset({"bpt", "ept", "ph", "it", "ut"})

# translate-toolkit ships py.typed but leaves these unannotated; typed aliases keep the
# rest of this module under mypy --strict. Elements are lxml elements (no stubs): Any.
_parse_tmx: Callable[[bytes], Any] = tmxfile.parsestring
_xml_lang: Callable[[Any], str | None] = getXMLlang


@dataclass
class TmxReading:
    """What a TMX file holds for the memory, and what was left out of it and why."""

    translations: list[ApprovedTranslation] = field(default_factory=list)
    translation_units: int = 0
    skipped_units: int = 0
    skipped_languages: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True)
class _Variant:
    language: Language
    text: str
    node: Any


def _parse(data: bytes, name: str) -> Any:
    """The parsed TMX store; lxml's XMLSyntaxError is a SyntaxError."""
    try:
        store = _parse_tmx(data)
    except SyntaxError as error:
        raise InputError(
            f"{name}: not well-formed XML: {error.msg}", code=ErrorCode.INVALID_TMX
        ) from None
    except AssertionError:  # translate-toolkit asserts the root element's name
        store = None
    if store is None or store.document.getroot().tag != "tmx":
        raise InputError(
            f"{name}: not a TMX file (the root element must be <tmx>)", code=ErrorCode.INVALID_TMX
        )
    return store


def _date(value: str | None, name: str, line: int) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.strptime(value, _TMX_DATE).replace(tzinfo=UTC)
    except ValueError:
        raise InputError(
            f"{name} line {line}: date {value!r} is not in the TMX form YYYYMMDDThhmmssZ",
            code=ErrorCode.INVALID_TMX,
        ) from None


def _provenance(tu: Any, target: _Variant, name: str, imported_from: str) -> UnitProvenance:
    def attribute(key: str) -> str | None:
        value = target.node.get(key) or tu.get(key)
        return str(value) if value else None

    approved_by = attribute("changeid") or attribute("creationid")
    date_key = "changedate" if attribute("changedate") else "creationdate"
    line = target.node.sourceline or tu.sourceline or 0
    return UnitProvenance(
        origin=UnitOrigin.TMX,
        approved_by=approved_by,
        approved_at_utc=_date(attribute(date_key), name, line),
        imported_from=imported_from,
    )


def _segment_text(element: Any) -> str:
    """The text of a ``<seg>``: inline native codes (``<bpt>``, ``<ept>``, ``<ph>``,
    ``<it>``, ``<ut>``: formatting of the tool that wrote the file) are dropped, the text
    inside ``<hi>`` and ``<sub>`` kept."""
    if element is None:
        return ""
    pieces = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag not in _NATIVE_CODES:  # not a comment
            pieces.append(_segment_text(child))
        pieces.append(child.tail or "")
    return "".join(pieces)


def _variants(unit: Any, name: str, skipped: Counter[str]) -> dict[Language, _Variant]:
    """The unit's non-empty variants in the six languages, first per language."""
    variants: dict[Language, _Variant] = {}
    for node in unit.getlanguageNodes():
        tag = _xml_lang(node) or node.get("lang")
        if not tag:
            raise InputError(
                f"{name} line {node.sourceline}: <tuv> without xml:lang", code=ErrorCode.INVALID_TMX
            )
        try:
            language = parse_language(tag)
        except InputError:
            skipped[tag] += 1
            continue
        text = _segment_text(node.find("seg")).strip()
        if text and language not in variants:
            variants[language] = _Variant(language, text, node)
    return variants


def _source_tag(unit: Any, header_source: str | None, override: Language | None) -> str | None:
    if override is not None:
        return override.value
    tag = unit.xmlelement.get("srclang") or header_source
    return str(tag) if tag else None


def _pairs(
    variants: dict[Language, _Variant], source_tag: str
) -> Iterator[tuple[_Variant, _Variant]]:
    if source_tag.lower() == ALL_SOURCES:
        sources = list(variants.values())
    else:
        try:
            source = variants.get(parse_language(source_tag))
        except InputError:
            source = None
        sources = [source] if source is not None else []
    for source in sources:
        for target in variants.values():
            if target.language is not source.language:
                yield source, target


def read_tmx(
    data: bytes,
    name: str,
    *,
    source_language: Language | None = None,
    all_directions: bool = False,
    imported_from: str | None = None,
) -> TmxReading:
    """Read the approved translations of a TMX document.

    ``name`` is used in messages, ``imported_from`` (default: ``name``) in the provenance.

    Malformed XML, a non-TMX document, a variant without a language or a bad date raises
    :class:`InputError` before anything is stored.
    """
    store = _parse(data, name)
    header = store.document.getroot().find("header")
    header_source = header.get("srclang") if header is not None else None
    reading = TmxReading()
    for unit in store.units:
        reading.translation_units += 1
        variants = _variants(unit, name, reading.skipped_languages)
        source_tag = _source_tag(unit, header_source, source_language)
        if all_directions:
            source_tag = ALL_SOURCES
        if source_tag is None:
            line = unit.xmlelement.sourceline
            raise InputError(
                f"{name} line {line}: no source language (no srclang on <tu> or <header>); "
                "give the source language",
                code=ErrorCode.INVALID_TMX,
                missing="source_language",
            )
        before = len(reading.translations)
        for source, target in _pairs(variants, source_tag):
            reading.translations.append(
                ApprovedTranslation(
                    source_language=source.language,
                    target_language=target.language,
                    source_text=source.text,
                    target_text=target.text,
                    provenance=_provenance(unit.xmlelement, target, name, imported_from or name),
                )
            )
        if len(reading.translations) == before:
            reading.skipped_units += 1
    return reading


def _tmx_date(value: datetime) -> str:
    return value.astimezone(UTC).strftime(_TMX_DATE)


def write_tmx(units: Iterable[TranslationUnit]) -> bytes:
    """A TMX 1.4 document with the units, one ``<tu>`` per source language and text."""
    grouped: dict[tuple[Language, str], list[TranslationUnit]] = {}
    for unit in units:
        grouped.setdefault((unit.source_language, unit.source_text), []).append(unit)
    source_languages = {language for language, _ in grouped}
    header_source = source_languages.pop().value if len(source_languages) == 1 else ALL_SOURCES
    store: Any = tmxfile(sourcelanguage=header_source)
    for (language, source_text), members in grouped.items():
        tu = store.addsourceunit(source_text, sourcelang=language.value)
        for member in members:
            tu.settarget(member.target_text, member.target_language.value, append=True)
            node = tu.getlanguageNodes()[-1]
            if member.provenance.approved_by:
                node.set("changeid", member.provenance.approved_by)
            if member.provenance.approved_at_utc:
                node.set("changedate", _tmx_date(member.provenance.approved_at_utc))
    output = BytesIO()
    store.serialize(output)
    return output.getvalue()


class TmxImportReport(Model):
    """What an import did; ``skipped_languages`` counts variants by language tag."""

    file: str
    translation_units: int
    inserted: int
    updated: int
    skipped_units: int
    skipped_languages: dict[str, int]


def import_tmx(
    memory: TranslationMemory,
    path: Path,
    *,
    source_language: Language | None = None,
    all_directions: bool = False,
) -> TmxImportReport:
    """Import a TMX file into the memory in one transaction: all of it, or nothing."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(
            f"{path}: no such file", code=ErrorCode.FILE_NOT_FOUND, path=str(path)
        ) from None
    except IsADirectoryError:
        raise InputError(
            f"{path} is a directory: give a TMX file", code=ErrorCode.IS_A_DIRECTORY, path=str(path)
        ) from None
    except OSError as error:
        raise InputError(
            f"{path}: cannot read ({error.strerror})",
            code=ErrorCode.UNREADABLE_FILE,
            path=str(path),
        ) from None
    reading = read_tmx(
        data,
        str(path),
        source_language=source_language,
        all_directions=all_directions,
        imported_from=path.name,
    )
    counts = memory.add_many(reading.translations)
    return TmxImportReport(
        file=str(path),
        translation_units=reading.translation_units,
        inserted=counts.inserted,
        updated=counts.updated,
        skipped_units=reading.skipped_units,
        skipped_languages=dict(sorted(reading.skipped_languages.items())),
    )


def export_tmx(units: Sequence[TranslationUnit], path: Path) -> int:
    """Write the units to a TMX file, atomically (a failed write leaves the old file)."""
    data = write_tmx(units)
    if not path.parent.is_dir():
        raise InputError(
            f"{path}: the folder {path.parent} does not exist",
            code=ErrorCode.UNWRITABLE_FILE,
            path=str(path),
        )
    write_atomic(path, data)
    return len(units)
