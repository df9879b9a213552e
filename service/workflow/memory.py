"""Translation-memory use cases: add, look up, import and export approved translations.

The memory lives in the store (SQLite under the data dir unless ``ADAPT_DATABASE_URL`` says
otherwise), migrated on first use.
"""

from datetime import UTC, datetime
from pathlib import Path

from service.engines.memory import MemoryMatch
from service.engines.tmx import TmxImportReport, export_tmx, import_tmx, write_tmx
from service.languages import Language
from service.models import Model, TranslationUnit, UnitOrigin, UnitProvenance
from service.workflow.workspace import Workspace

__all__ = ["MemoryExport", "MemoryLookup", "StoredUnit", "TmxImportReport"]


class StoredUnit(TranslationUnit):
    """A unit as stored, with a sentence for people."""

    message: str


class MemoryLookup(Model):
    source: str
    source_language: Language
    target_language: Language
    fuzzy_threshold: float
    exact: MemoryMatch | None
    suggestions: list[MemoryMatch]


class MemoryExport(Model):
    file: str
    translations: int
    message: str


def add_translation(
    workspace: Workspace,
    source: str,
    target: str,
    languages: tuple[Language, Language],
    approved_by: str | None = None,
) -> StoredUnit:
    """Remember an approved translation (it replaces one with the same source and pair)."""
    provenance = UnitProvenance(
        origin=UnitOrigin.MANUAL, approved_by=approved_by, approved_at_utc=datetime.now(UTC)
    )
    unit = workspace.memory.add(source, target, languages[0], languages[1], provenance)
    return StoredUnit(**dict(unit), message=f"stored as unit {unit.id}")


def look_up(
    workspace: Workspace, text: str, languages: tuple[Language, Language], limit: int = 3
) -> MemoryLookup:
    """The exact match and the fuzzy suggestions, with their scores."""
    memory = workspace.memory
    source_language, target_language = languages
    return MemoryLookup(
        source=text,
        source_language=source_language,
        target_language=target_language,
        fuzzy_threshold=memory.fuzzy_threshold,
        exact=memory.lookup(text, source_language, target_language),
        suggestions=memory.suggestions(text, source_language, target_language, limit),
    )


def import_memory(
    workspace: Workspace,
    path: Path,
    source_language: Language | None = None,
    all_directions: bool = False,
) -> TmxImportReport:
    """Import a TMX file: all of it in one transaction, or nothing."""
    return import_tmx(
        workspace.memory, path, source_language=source_language, all_directions=all_directions
    )


def memory_units(
    workspace: Workspace, source_language: Language | None, target_language: Language | None
) -> list[TranslationUnit]:
    """The units of the memory, or of one source or target language of it."""
    return workspace.memory.units(source_language, target_language)


def memory_tmx(units: list[TranslationUnit]) -> bytes:
    """The units as a TMX 1.4 document."""
    return write_tmx(units)


def export_memory(workspace: Workspace, path: Path, units: list[TranslationUnit]) -> MemoryExport:
    """Write the units to a TMX file, atomically."""
    count = export_tmx(units, path)
    return MemoryExport(
        file=str(path), translations=count, message=f"{path}: {count} translations exported"
    )
