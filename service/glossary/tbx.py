"""TBX (ISO 30042, MARTIF) exchange of the termbase, through translate-toolkit.

Export: one ``termEntry`` per concept, its id as the entry id, one ``langSet`` per
language. Each ``tig`` carries ``termNote type="termType"``: ``fullForm`` for the name,
``shortForm`` for the short form, as TBX-Basic does. What TBX has no category for travels
in notes: ``<note from="kind">``, ``<note from="date">`` (MM-DD), ``<note from="hashtags">``
and ``<note from="none">`` (short_form / hashtag checked absent) in a langSet, and
``<descrip type="Translation needed">no</descrip>`` for do-not-translate concepts, which
translate-toolkit itself reads (``istranslatable()``).

Import reads any TBX that translate-toolkit reads: langSets in other languages are
ignored, deprecated terms are skipped, the first full form is the name and the first
``acronym`` / ``abbreviation`` / ``shortForm`` the short form; an entry without the notes
above becomes a ``term``.
"""

import re
import unicodedata
from io import BytesIO
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from service.errors import AdaptError, DataError
from service.glossary.models import Concept, ConceptKind, MonthDay
from service.languages import ALL_LANGUAGES, Language, parse_language

_SHORT_TYPES = {"acronym", "abbreviation", "shortform", "short form"}
_TRANSLATION_NEEDED = "Translation needed"


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


def _type_terms(unit: Any, language_node: Any, types: list[str]) -> None:
    """Mark each tig of a langSet with its TBX-Basic termType, in order."""
    for tig, term_type in zip(language_node.findall(unit.namespaced("tig")), types, strict=True):
        node = tig.makeelement(unit.namespaced("termNote"), {"type": "termType"})
        node.text = term_type
        tig.append(node)


def _export_language(unit: Any, concept: Concept, language: Language) -> None:
    """One langSet: name and short form as typed tigs, then hashtags and absent markers."""
    forms = [
        (concept.names.get(language), "fullForm"),
        (concept.short_forms.get(language), "shortForm"),
    ]
    terms = [text for text, _ in forms if text]
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
    _type_terms(unit, node, [term_type for text, term_type in forms if text])
    if concept.hashtags.get(language):
        _note(unit, node, "hashtags", " ".join(concept.hashtags[language]))
    if absent:
        _note(unit, node, "none", " ".join(absent))


def _export_concept(store: Any, concept: Concept) -> None:
    unit = store.addsourceunit(concept.names[Language.EN])
    unit.setid(concept.id)
    for language in ALL_LANGUAGES:
        _export_language(unit, concept, language)
    _note(unit, unit.xmlelement, "kind", concept.kind.value)
    if concept.observance_date is not None:
        _note(unit, unit.xmlelement, "date", str(concept.observance_date))
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


def _read_language(unit: Any, code: str, raw: dict[str, Any]) -> None:
    language = parse_language(code)
    name = short = None
    for term in unit.get_target_terms(code):
        if term.deprecated or not term.text.strip():
            continue
        types = {n.text.strip().casefold() for n in term.notes if n.category == "termType"}
        if types & _SHORT_TYPES:
            short = short or term.text.strip()
        else:
            name = name or term.text.strip()
    if name:
        raw["names"][language] = name
    if short:
        raw["short_forms"][language] = short
    notes = _notes(unit, unit.get_target_dom(code))
    if notes.get("hashtags"):
        raw["hashtags"][language] = notes["hashtags"].split()
    absent = notes.get("none", "").split()
    raw["no_short_form"].update([language] if "short_form" in absent else [])
    raw["no_hashtag"].update([language] if "hashtag" in absent else [])


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
    }
    for node in unit.getlanguageNodes():
        code = node.get("{http://www.w3.org/XML/1998/namespace}lang") or node.get("lang") or ""
        try:
            _read_language(unit, code, raw)
        except AdaptError:
            continue  # a language outside the six UN languages
    english = raw["names"].get(Language.EN, "")
    raw["id"] = _slug(unit.xmlelement.get("id") or english)
    raw["kind"] = notes.get("kind") or ConceptKind.TERM.value
    raw["do_not_translate"] = _flagged_do_not_translate(unit)
    if raw["do_not_translate"] and english:
        raw["names"] = dict.fromkeys(ALL_LANGUAGES, english)
    raw["note"] = notes.get("note") or notes.get("", "")
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
