"""Termbase use cases: check it, find its terms in a text, export it, import a TBX into it.

Each returns a pydantic model whose ``model_dump(mode="json")`` is the JSON every edge
prints (the CLI's ``--json``); export to a stream returns the bytes to write.
"""

from pathlib import Path

from pydantic import BaseModel, Field

from service.errors import ErrorCode, InputError
from service.glossary import CellStatus, Glossary, SourceTier, TermMatch
from service.glossary.exchange import ExportFormat, export_files, export_glossary, import_tbx
from service.glossary.merge import ImportReport
from service.glossary.status import parse_cell_column
from service.languages import ALL_LANGUAGES, Language
from service.workflow.workspace import Workspace

__all__ = [
    "GlossaryCheck",
    "GlossaryExport",
    "ImportReport",
    "StatusCounts",
    "TermsFound",
    "check_glossary",
    "export_glossary_data",
    "export_glossary_file",
    "find_terms",
    "import_glossary",
]


class Observance(BaseModel):
    id: str
    date: str = Field(description="MM-DD")
    name: str = Field(description="The English name.")


class StatusCounts(BaseModel):
    """How many filled cells are verified (by the tier of their source) and unverified."""

    verified_official: int = 0
    verified_secondary: int = 0
    unverified: int = 0

    def count(self, status: CellStatus) -> None:
        if status.tier == SourceTier.OFFICIAL:
            self.verified_official += 1
        elif status.tier == SourceTier.SECONDARY:
            self.verified_secondary += 1
        else:
            self.unverified += 1


class CellStatusCounts(BaseModel):
    """Cell statuses in all, per language (names, short forms, hashtags) and for the dates."""

    total: StatusCounts = Field(default_factory=StatusCounts)
    by_language: dict[Language, StatusCounts] = Field(
        default_factory=lambda: {language: StatusCounts() for language in ALL_LANGUAGES}
    )
    dates: StatusCounts = Field(default_factory=StatusCounts)


class GlossaryCheck(BaseModel):
    """The termbase is valid (else loading raised); what it holds and what it still lacks."""

    valid: bool = True
    files: list[str]
    concepts: int
    observances: list[Observance]
    protected_names: list[str]
    protected_hashtags: list[str]
    gaps: list[str]
    statuses: CellStatusCounts


class TermsFound(BaseModel):
    language: Language
    terms: list[TermMatch]


class GlossaryExport(BaseModel):
    format: ExportFormat
    files: list[str] = Field(description="The files written: the export, and a CSV's statuses.")
    concepts: int


def _status_counts(glossary: Glossary) -> CellStatusCounts:
    counts = CellStatusCounts()
    for concept in glossary.concepts:
        for column, _ in concept.filled_cells():
            field, language = parse_cell_column(column)
            status = concept.status(field, language)
            assert status is not None  # the cell is filled
            counts.total.count(status)
            if language is None:
                counts.dates.count(status)
            else:
                counts.by_language[language].count(status)
    return counts


def check_glossary(workspace: Workspace) -> GlossaryCheck:
    """Load and validate the termbase; report its contents, statuses and gaps."""
    glossary = workspace.glossary
    return GlossaryCheck(
        files=[str(path) for path in glossary.files],
        concepts=len(glossary.concepts),
        observances=[
            Observance(id=c.id, date=str(c.observance_date), name=c.names[Language.EN])
            for c in glossary.observances()
        ],
        protected_names=glossary.do_not_translate_names(),
        protected_hashtags=sorted(glossary.protected_hashtags(), key=str.casefold),
        gaps=glossary.gaps(),
        statuses=_status_counts(glossary),
    )


def find_terms(workspace: Workspace, text: str, language: Language) -> TermsFound:
    """The termbase's names and short forms in ``text``, with offsets and cell statuses."""
    return TermsFound(
        language=language, terms=workspace.glossary.matcher(language).find_terms(text)
    )


def _export_format(name: str) -> ExportFormat:
    try:
        return ExportFormat(name.strip().lower())
    except ValueError:
        choices = ", ".join(f.value for f in ExportFormat)
        raise InputError(
            f"unknown export format {name!r}: use one of {choices}",
            code=ErrorCode.UNKNOWN_FORMAT,
            format=name,
            known=[f.value for f in ExportFormat],
        ) from None


def export_glossary_data(workspace: Workspace, export_format: str) -> bytes:
    """Every concept as TBX or as one concept CSV (without its statuses), for a stream."""
    return export_glossary(workspace.glossary, _export_format(export_format))


def export_glossary_file(workspace: Workspace, export_format: str, path: Path) -> GlossaryExport:
    """Write every concept to ``path`` (a CSV gets its status file beside it)."""
    chosen = _export_format(export_format)
    files = export_files(workspace.glossary, chosen, path)
    return GlossaryExport(
        format=chosen,
        files=[str(file) for file in files],
        concepts=len(workspace.glossary.concepts),
    )


def import_glossary(source: Path, target: Path) -> ImportReport:
    """Merge a TBX file into a concept CSV and its status file (see :mod:`.merge`)."""
    return import_tbx(source, target)
