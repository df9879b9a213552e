"""Merging imported concepts into a concept file, cell by cell, with every disagreement reported.

What the concept file already says is kept; empty cells are filled from the import. A
cell's status follows its value: a kept value keeps its status, unless the file has it
unverified and the import verifies the same value (then the import's status fills it); a
filled value comes with the import's status.
"""

from typing import Any

from pydantic import BaseModel, Field, ValidationError

from service.errors import DataError
from service.glossary.models import Concept
from service.glossary.status import UNVERIFIED, CellStatus
from service.languages import ALL_LANGUAGES


class ImportReport(BaseModel):
    """What an import changed: concept ids added, cells filled, disagreements kept as they were.

    ``filled`` and ``conflicts`` name cells by concept and column, e.g. ``who: name_fr``.
    """

    target: str
    added: list[str] = Field(default_factory=list)
    filled: list[str] = Field(default_factory=list)
    conflicts: list[str] = Field(default_factory=list)


def _merge_cells(
    old: dict[Any, Any], new: dict[Any, Any], label: str, report: ImportReport
) -> dict[Any, Any]:
    merged = dict(old)
    for language in ALL_LANGUAGES:
        if language not in new:
            continue
        if language not in old:
            merged[language] = new[language]
            report.filled.append(f"{label}_{language}")
        elif old[language] != new[language]:
            report.conflicts.append(
                f"{label}_{language}: kept {old[language]!r}, TBX has {new[language]!r}"
            )
    return merged


def _verification(status: CellStatus) -> tuple[str, str | None, str]:
    return status.status.value, status.tier, status.source


def _merge_status(
    old: Concept, new: Concept, column: str, text: str, report: ImportReport
) -> CellStatus:
    """The status of the merged cell ``column`` holding ``text`` (see the module docstring)."""
    if old.cell(column) != text:  # the value was filled from the import
        return new.statuses.get(column, UNVERIFIED)
    current = old.statuses.get(column, UNVERIFIED)
    if new.cell(column) != text:  # the import has no value here, or another (a conflict)
        return current
    offered = new.statuses.get(column, UNVERIFIED)
    label = f"{old.id}: {column}"
    if _verification(current) == _verification(offered):
        if not current.note and offered.note:
            report.filled.append(f"{label} note")
            return offered
        return current
    if not current.verified and offered.verified:
        report.filled.append(f"{label} status")
        return offered.model_copy(update={"note": offered.note or current.note})
    report.conflicts.append(f"{label}: kept {current.describe()}, TBX has {offered.describe()}")
    return current


def _merge(old: Concept, new: Concept, report: ImportReport) -> Concept:
    for name in ("kind", "do_not_translate", "observance_date"):
        if getattr(old, name) != getattr(new, name):
            report.conflicts.append(
                f"{old.id}: {name}: kept {getattr(old, name)!s}, TBX has {getattr(new, name)!s}"
            )
    short_forms = _merge_cells(old.short_forms, new.short_forms, f"{old.id}: short", report)
    hashtags = _merge_cells(old.hashtags, new.hashtags, f"{old.id}: hashtag", report)
    raw = old.model_dump() | {
        "names": _merge_cells(old.names, new.names, f"{old.id}: name", report),
        "short_forms": short_forms,
        "hashtags": hashtags,
        "note": old.note or new.note,
        "no_short_form": old.no_short_form - set(short_forms),
        "no_hashtag": old.no_hashtag - set(hashtags),
        "statuses": {},
    }
    try:
        merged = Concept.model_validate(raw)
        statuses = {
            column: _merge_status(old, new, column, text, report)
            for column, text in merged.filled_cells()
        }
        return Concept.model_validate(raw | {"statuses": statuses})
    except ValidationError as error:
        message = error.errors()[0]["msg"].removeprefix("Value error, ")
        raise DataError(f"{old.id}: cannot merge the TBX entry: {message}") from None


def merge_concepts(
    existing: list[Concept], imported: list[Concept], report: ImportReport
) -> list[Concept]:
    """``existing`` with ``imported`` merged in by id; new ids are appended in TBX order."""
    merged = {concept.id: concept for concept in existing}
    for concept in imported:
        if concept.id in merged:
            merged[concept.id] = _merge(merged[concept.id], concept, report)
        else:
            merged[concept.id] = concept
            report.added.append(concept.id)
    return list(merged.values())
