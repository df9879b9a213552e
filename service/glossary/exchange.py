"""Export the termbase (CSV or TBX) and import a user's TBX termbase into a concept CSV file.

CSV export writes exactly the format :func:`load_glossary` reads (LF line ends, quoted
only where needed), so an exported file can be dropped back into ``glossaries/``.
Import merges cell by cell: what the CSV file already says wins, empty cells are filled
from the TBX, and every disagreement is reported rather than silently overwritten.
"""

import csv
import io
import os
import tempfile
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from service.errors import DataError, InputError
from service.glossary.columns import CONCEPT_COLUMNS, concept_from_row, concept_to_row
from service.glossary.csvrows import read_rows
from service.glossary.models import Concept
from service.glossary.tbx import concepts_from_tbx, concepts_to_tbx
from service.glossary.termbase import (
    PROTECTED_FILE,
    Glossary,
    check_unique,
    concept_files,
    load_glossary,
)
from service.languages import ALL_LANGUAGES


class ExportFormat(StrEnum):
    CSV = "csv"
    TBX = "tbx"


def concepts_to_csv(concepts: list[Concept]) -> str:
    """The concepts as a concept file: header, then one row per concept."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CONCEPT_COLUMNS)
    writer.writerows(concept_to_row(concept) for concept in concepts)
    return buffer.getvalue()


def export_glossary(glossary: Glossary, export_format: ExportFormat) -> bytes:
    """Every concept of ``glossary`` in ``export_format``, as UTF-8 bytes."""
    concepts = list(glossary.concepts)
    if export_format is ExportFormat.TBX:
        return concepts_to_tbx(concepts)
    return concepts_to_csv(concepts).encode("utf-8")


def write_file(path: Path, data: bytes) -> None:
    """Replace ``path`` atomically, so a failed write never leaves half a termbase."""
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except OSError as error:
        raise InputError(f"{path}: cannot write ({error.strerror})") from None


@dataclass
class ImportReport:
    """What an import changed: concept ids added, cells filled, disagreements kept as they were."""

    target: Path
    added: list[str] = field(default_factory=list)
    filled: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "target": str(self.target),
            "added": self.added,
            "filled": self.filled,
            "conflicts": self.conflicts,
        }


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
    }
    try:
        return Concept.model_validate(raw)
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


def import_tbx(source: Path, target: Path) -> ImportReport:
    """Merge the TBX file ``source`` into the concept CSV ``target`` (created if absent).

    The result must agree with the other concept files beside ``target`` (no id, surface
    form or hashtag meaning two concepts), else :class:`DataError` and nothing is written.
    """
    if not source.is_file():
        raise InputError(f"{source}: no such file")
    if target.suffix != ".csv" or target.name == PROTECTED_FILE:
        raise InputError(f"{target}: the target must be a concept file named *.csv")
    if not target.parent.is_dir():
        raise InputError(f"{target.parent}: no such directory")
    existing = (
        [concept_from_row(row) for row in read_rows(target, CONCEPT_COLUMNS)]
        if target.exists()
        else []
    )
    report = ImportReport(target)
    merged = merge_concepts(existing, concepts_from_tbx(source), report)
    neighbours = [
        (row.where(), concept_from_row(row))
        for path in concept_files(target.parent)
        if path.resolve() != target.resolve()
        for row in read_rows(path, CONCEPT_COLUMNS)
    ]
    check_unique([*neighbours, *((f"{target} ({c.id})", c) for c in merged)])
    write_file(target, concepts_to_csv(merged).encode("utf-8"))
    load_glossary.cache_clear()
    return report
