"""TBX (ISO 30042, MARTIF) exchange of the termbase, through translate-toolkit.

Export: one ``termEntry`` per concept, its id as the entry id, one ``langSet`` per
language. Each ``tig`` carries ``termNote type="termType"``: ``fullForm`` for the name,
``shortForm`` for the short form, as TBX-Basic does. What TBX has no category for travels
in notes: ``<note from="kind">``, ``<note from="date">`` (MM-DD), ``<note from="hashtags">``
and ``<note from="none">`` (short_form / hashtag checked absent) in a langSet, and
``<descrip type="Translation needed">no</descrip>`` for do-not-translate concepts, which
translate-toolkit itself reads (``istranslatable()``).

Every cell's status (:mod:`service.glossary.status`) travels with it. A name or short form
carries it in its ``tig`` with standard data categories: ``<termNote type="processStatus">``
``finalized`` (verified) or ``provisionallyProcessed`` (unverified), the TBX-Basic
``<admin type="source">`` and a plain ``<note>``, plus ``<note from="tier">`` (official or
secondary), which TBX has no category for. A cell without a term (the hashtags, a ``-``,
the date) carries it in notes beside the cell's own note: ``<note from="hashtag-status">``,
``hashtag-tier``, ``hashtag-source``, ``hashtag-note`` (and ``short_form-...``, ``date-...``).

Import reads any TBX that translate-toolkit reads: langSets in other languages are
ignored, deprecated terms are skipped, the first full form is the name and the first
``acronym`` / ``abbreviation`` / ``shortForm`` the short form; an entry without the notes
above becomes a ``term``. A term without a ``processStatus`` is unverified; a ``finalized``
one needs a source to be verified, and counts as a secondary source unless its tier says
otherwise.
"""

import re
import unicodedata
from io import BytesIO
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from service.errors import AdaptError, DataError
from service.glossary.models import Concept, ConceptKind, MonthDay
from service.glossary.status import UNVERIFIED, CellField, CellStatus, SourceTier, cell_column
from service.languages import ALL_LANGUAGES, Language, parse_language

_SHORT_TYPES = {"acronym", "abbreviation", "shortform", "short form"}
_TRANSLATION_NEEDED = "Translation needed"
_FINALIZED, _PROVISIONAL = "finalized", "provisionallyProcessed"
# The key of a cell without a term in the notes that carry its status.
_NOTE_KEYS = {CellField.HASHTAG: "hashtag", CellField.SHORT: "short_form", CellField.DATE: "date"}


def _note(unit: Any, parent: Any, origin: str, text: str) -> None:
    """Add ``<note from=origin>`` to ``parent`` before its langSets or tigs (TBX order)."""
    node = parent.makeelement(unit.namespaced("note"), {"from": origin})
    node.text = text
    containers = {unit.namespaced(tag) for tag in ("langSet", "tig", "ntig")}
    first = next((child for child in parent if child.tag in containers), None)
    if first is None:
        parent.append(node)
    else:
        first.addprevious(node)


def _child(unit: Any, parent: Any, tag: str, attributes: dict[str, str], text: str) -> None:
    node = parent.makeelement(unit.namespaced(tag), attributes)
    node.text = text
    parent.append(node)


def _describe_terms(unit: Any, language_node: Any, terms: list[tuple[str, CellStatus]]) -> None:
    """Give each tig of a langSet, in order, its TBX-Basic termType and its cell's status."""
    tigs = language_node.findall(unit.namespaced("tig"))
    for tig, (term_type, status) in zip(tigs, terms, strict=True):
        _child(unit, tig, "termNote", {"type": "termType"}, term_type)
        process = _FINALIZED if status.verified else _PROVISIONAL
        _child(unit, tig, "termNote", {"type": "processStatus"}, process)
        if status.source:
            _child(unit, tig, "admin", {"type": "source"}, status.source)
        if status.tier is not None:
            _child(unit, tig, "note", {"from": "tier"}, status.tier.value)
        if status.note:
            _child(unit, tig, "note", {}, status.note)


def _cell_notes(unit: Any, parent: Any, field: CellField, status: CellStatus | None) -> None:
    """The status of a cell without a term, as notes keyed by the cell (``hashtag-status``)."""
    if status is None:
        return
    key = _NOTE_KEYS[field]
    values = [
        ("status", status.status.value),
        ("tier", status.tier.value if status.tier else ""),
        ("source", status.source),
        ("note", status.note),
    ]
    for name, text in values:
        if text:
            _note(unit, parent, f"{key}-{name}", text)


def _export_language(unit: Any, concept: Concept, language: Language) -> None:
    """One langSet: name and short form as typed tigs, then hashtags and absent markers."""
    forms = [
        (concept.names.get(language), "fullForm", CellField.NAME),
        (concept.short_forms.get(language), "shortForm", CellField.SHORT),
    ]
    terms = [text for text, _, _ in forms if text]
    absent = [
        what
        for what, languages in (
            ("short_form", concept.no_short_form),
            ("hashtag", concept.no_hashtag),
        )
        if language in languages
    ]
    if not terms and not concept.hashtags.get(language) and not absent:
        return
    if language is Language.EN:
        unit.set_source_terms(terms)
    else:
        unit.set_target_terms(terms, lang=language.value)
    node = unit.get_target_dom(language.value)
    if node is None:  # no term: translate-toolkit adds no empty langSet
        node = unit.createlanguageNode(language.value, "", "target")
        node.remove(node.find(unit.namespaced("tig")))
        unit.xmlelement.append(node)
    described = [
        (term_type, concept.status(field, language) or UNVERIFIED)
        for text, term_type, field in forms
        if text
    ]
    _describe_terms(unit, node, described)
    if concept.hashtags.get(language):
        _note(unit, node, "hashtags", " ".join(concept.hashtags[language]))
    if absent:
        _note(unit, node, "none", " ".join(absent))
    if language in concept.no_short_form:
        _cell_notes(unit, node, CellField.SHORT, concept.status(CellField.SHORT, language))
    _cell_notes(unit, node, CellField.HASHTAG, concept.status(CellField.HASHTAG, language))


def _export_concept(store: Any, concept: Concept) -> None:
    unit = store.addsourceunit(concept.names[Language.EN])
    unit.setid(concept.id)
    for language in ALL_LANGUAGES:
        _export_language(unit, concept, language)
    _note(unit, unit.xmlelement, "kind", concept.kind.value)
    if concept.observance_date is not None:
        _note(unit, unit.xmlelement, "date", str(concept.observance_date))
        _cell_notes(unit, unit.xmlelement, CellField.DATE, concept.status(CellField.DATE))
    if concept.note:
        _note(unit, unit.xmlelement, "note", concept.note)
    if concept.do_not_translate:
        descrip = unit.xmlelement.makeelement(
            unit.namespaced("descrip"), {"type": _TRANSLATION_NEEDED}
        )
        descrip.text = "no"
        unit.xmlelement.insert(0, descrip)


def concepts_to_tbx(concepts: list[Concept]) -> bytes:
    """The concepts as a TBX document (UTF-8), source language English."""
    from translate.storage import tbx

    store = tbx.tbxfile(sourcelanguage=Language.EN.value)
    for concept in concepts:
        _export_concept(store, concept)
    return bytes(store)


def _slug(text: str) -> str:
    """An id from a TBX entry id or English term: ``C-17`` -> ``c-17``, ``Día`` -> ``dia``."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    ascii_only = "".join(char for char in decomposed if not unicodedata.combining(char))
    return re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")


def _notes(unit: Any, parent: Any) -> dict[str, str]:
    """The direct ``<note from=...>`` children of ``parent``, by origin ('' if none)."""
    found: dict[str, str] = {}
    for node in parent.findall(unit.namespaced("note")):
        origin = node.get("from") or ""
        found[origin] = " ".join(filter(None, [found.get(origin), (node.text or "").strip()]))
    return found


def _texts(unit: Any, tig: Any, tag: str, attribute: str, value: str | None) -> str:
    """The texts of the ``tag`` children of ``tig`` whose ``attribute`` is ``value``, joined."""
    texts = [
        (node.text or "").strip()
        for node in tig.findall(unit.namespaced(tag))
        if node.get(attribute) == value
    ]
    return "; ".join(text for text in texts if text)


def _status(process: str, tier: str, source: str, note: str, where: str) -> CellStatus:
    """A cell's status from what a TBX says (see the module docstring for the rules)."""
    if tier and tier not in SourceTier.__members__.values():
        raise DataError(f"{where}: tier {tier!r} must be official or secondary")
    if process == _FINALIZED and source:
        return CellStatus(
            status="verified", tier=tier or SourceTier.SECONDARY, source=source, note=note
        )
    if source:  # a source that does not verify the cell is still worth keeping
        note = "; ".join(filter(None, [note, f"source given, not verified: {source}"]))
    return CellStatus(note=note)


def _term_status(unit: Any, tig: Any, where: str) -> CellStatus:
    return _status(
        _texts(unit, tig, "termNote", "type", "processStatus"),
        _texts(unit, tig, "note", "from", "tier"),
        _texts(unit, tig, "admin", "type", "source"),
        _texts(unit, tig, "note", "from", None),
        where,
    )


def _cell_status(notes: dict[str, str], field: CellField, where: str) -> CellStatus:
    key = _NOTE_KEYS[field]
    return _status(
        _FINALIZED if notes.get(f"{key}-status") == "verified" else "",
        notes.get(f"{key}-tier", ""),
        notes.get(f"{key}-source", ""),
        notes.get(f"{key}-note", ""),
        where,
    )


def _read_language(
    unit: Any, code: str, language: Language, raw: dict[str, Any], where: str
) -> None:
    node = unit.get_target_dom(code)
    found: dict[CellField, tuple[str, CellStatus]] = {}
    tigs = node.findall(unit.namespaced("tig"))
    for term, tig in zip(unit.get_target_terms(code), tigs, strict=True):
        if term.deprecated or not term.text.strip():
            continue
        types = {n.text.strip().casefold() for n in term.notes if n.category == "termType"}
        field = CellField.SHORT if types & _SHORT_TYPES else CellField.NAME
        if field not in found:
            found[field] = (term.text.strip(), _term_status(unit, tig, where))
    for field, (text, status) in found.items():
        raw["names" if field is CellField.NAME else "short_forms"][language] = text
        raw["statuses"][cell_column(field, language)] = status
    notes = _notes(unit, node)
    if notes.get("hashtags"):
        raw["hashtags"][language] = notes["hashtags"].split()
    absent = notes.get("none", "").split()
    if "short_form" in absent:
        raw["no_short_form"].add(language)
        raw["statuses"][cell_column(CellField.SHORT, language)] = _cell_status(
            notes, CellField.SHORT, where
        )
    if "hashtag" in absent:
        raw["no_hashtag"].add(language)
    if notes.get("hashtags") or "hashtag" in absent:
        raw["statuses"][cell_column(CellField.HASHTAG, language)] = _cell_status(
            notes, CellField.HASHTAG, where
        )


def _flagged_do_not_translate(unit: Any) -> bool:
    """True when the entry says ``<descrip type="Translation needed">no</descrip>``."""
    flagged = any(
        node.get("type") == _TRANSLATION_NEEDED
        for node in unit.xmlelement.iter(unit.namespaced("descrip"))
    )
    return flagged and not unit.istranslatable()


def _concept_from_unit(unit: Any, where: str) -> Concept:
    notes = _notes(unit, unit.xmlelement)
    raw: dict[str, Any] = {
        "names": {},
        "short_forms": {},
        "hashtags": {},
        "no_short_form": set(),
        "no_hashtag": set(),
        "statuses": {},
    }
    for node in unit.getlanguageNodes():
        code = node.get("{http://www.w3.org/XML/1998/namespace}lang") or node.get("lang") or ""
        try:
            language = parse_language(code)
        except AdaptError:
            continue  # a language outside the six UN languages
        _read_language(unit, code, language, raw, where)
    english = raw["names"].get(Language.EN, "")
    raw["id"] = _slug(unit.xmlelement.get("id") or english)
    raw["kind"] = notes.get("kind") or ConceptKind.TERM.value
    raw["do_not_translate"] = _flagged_do_not_translate(unit)
    if raw["do_not_translate"] and english:
        raw["names"] = dict.fromkeys(ALL_LANGUAGES, english)
    raw["note"] = notes.get("note") or notes.get("", "")
    if notes.get("date"):
        raw["statuses"][CellField.DATE.value] = _cell_status(notes, CellField.DATE, where)
    try:
        raw["observance_date"] = MonthDay.parse(notes["date"]) if notes.get("date") else None
        return Concept.model_validate(raw)
    except ValueError as error:
        message = error.errors()[0]["msg"] if isinstance(error, ValidationError) else str(error)
        raise DataError(f"{where}: {message.removeprefix('Value error, ')}") from None


def concepts_from_tbx(path: Path) -> list[Concept]:
    """Read a TBX file into concepts; :class:`DataError` names the file and line."""
    from translate.storage import tbx

    try:
        store: Any = tbx.tbxfile(BytesIO(path.read_bytes()))
    except OSError as error:
        raise DataError(f"{path}: cannot read ({error.strerror})") from None
    except SyntaxError as error:  # lxml's XMLSyntaxError
        raise DataError(f"{path}:{error.lineno}: not well-formed XML ({error.msg})") from None
    except AssertionError:  # translate-toolkit asserts the name of the root element
        store = None
    if store is None or store.document.getroot().tag != "martif":
        raise DataError(f"{path}:1: not a TBX file (the root element must be <martif>)")
    concepts = []
    for unit in store.units:
        where = f"{path}:{unit.xmlelement.sourceline} (termEntry {unit.xmlelement.get('id')!r})"
        concepts.append(_concept_from_unit(unit, where))
    return concepts
