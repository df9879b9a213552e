"""``adapt memory``: the translation memory - add, look up, import and export TMX.

The store is opened from the settings (SQLite under the data dir unless
``ADAPT_DATABASE_URL`` says otherwise) and migrated on first use.
"""

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from service.cli.io import emit, read_text_argument
from service.languages import parse_language, parse_optional_language
from service.models import UnitOrigin, UnitProvenance
from service.settings import Settings
from service.workflow import Workspace

if TYPE_CHECKING:  # SQLAlchemy and translate-toolkit load only when a memory command runs
    from service.engines.memory import MemoryMatch, TranslationMemory

memory_app = typer.Typer(
    name="memory",
    help="The translation memory: approved translations, exact and fuzzy lookup, TMX.",
    no_args_is_help=True,
)

SourceLanguageOption = Annotated[str, typer.Option("--source-lang", help="Source language.")]
TargetLanguageOption = Annotated[str, typer.Option("--target-lang", help="Target language.")]
JsonOption = Annotated[bool, typer.Option("--json", help="One JSON result.")]


@contextmanager
def _memory(settings: Settings) -> Iterator["TranslationMemory"]:
    with Workspace(settings) as workspace:
        yield workspace.memory


def _match_json(match: "MemoryMatch") -> dict[str, Any]:
    result = match.model_dump(mode="json")
    result["score"] = round(match.score, 4)
    return result


def _render_import(console: Console, result: Mapping[str, Any]) -> None:
    console.print(
        f"{result['file']}: translation units read: {result['translation_units']}, "
        f"translations added: {result['inserted']}, updated: {result['updated']}."
    )
    if result["skipped_units"]:
        console.print(f"{result['skipped_units']} units skipped (no pair in the six languages).")
    for tag, count in result["skipped_languages"].items():
        console.print(f"{count} variants in {tag!r} skipped (not a UN language).")


def _render_lookup(console: Console, result: Mapping[str, Any]) -> None:
    exact = result["exact"]
    console.print(f"Exact: {exact['target_text']}" if exact else "Exact: no match")
    if not result["suggestions"]:
        console.print(f"No fuzzy match at {result['fuzzy_threshold']:.0%} or more.")
        return
    table = Table("score", "source", "target", "unit")
    for match in result["suggestions"]:
        table.add_row(
            f"{match['score']:.0%}",
            match["source_text"],
            match["target_text"],
            str(match["unit_id"]),
        )
    console.print(table)


def _render_summary(console: Console, result: Mapping[str, Any]) -> None:
    console.print(result["message"])


@memory_app.command("add")
def add(
    context: typer.Context,
    source: Annotated[str, typer.Option("--source", help="Approved source text.")],
    target: Annotated[str, typer.Option("--target", help="Approved translation.")],
    source_lang: SourceLanguageOption,
    target_lang: TargetLanguageOption,
    approved_by: Annotated[str | None, typer.Option(help="Who approved it.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Remember an approved translation (it replaces one with the same source and pair)."""
    provenance = UnitProvenance(
        origin=UnitOrigin.MANUAL, approved_by=approved_by, approved_at_utc=datetime.now(UTC)
    )
    with _memory(context.obj) as memory:
        unit = memory.add(
            read_text_argument(source),
            read_text_argument(target),
            parse_language(source_lang),
            parse_language(target_lang),
            provenance,
        )
    result = unit.model_dump(mode="json")
    result["message"] = f"stored as unit {unit.id}"
    emit(result, as_json=as_json, render=_render_summary)


@memory_app.command("lookup")
def lookup(
    context: typer.Context,
    text: Annotated[str, typer.Argument(help="Source text to look up.")],
    source_lang: SourceLanguageOption,
    target_lang: TargetLanguageOption,
    limit: Annotated[int, typer.Option(min=1, max=50, help="Most fuzzy suggestions.")] = 3,
    as_json: JsonOption = False,
) -> None:
    """Find the exact match and the fuzzy suggestions, with their scores."""
    source_text = read_text_argument(text)
    source_language, target_language = parse_language(source_lang), parse_language(target_lang)
    with _memory(context.obj) as memory:
        exact = memory.lookup(source_text, source_language, target_language)
        suggestions = memory.suggestions(source_text, source_language, target_language, limit)
        threshold = memory.fuzzy_threshold
    result = {
        "source": source_text,
        "source_language": source_language.value,
        "target_language": target_language.value,
        "fuzzy_threshold": threshold,
        "exact": _match_json(exact) if exact else None,
        "suggestions": [_match_json(match) for match in suggestions],
    }
    emit(result, as_json=as_json, render=_render_lookup)


@memory_app.command("import")
def import_(
    context: typer.Context,
    file: Annotated[Path, typer.Argument(help="TMX file to import.")],
    source_lang: Annotated[
        str | None, typer.Option("--source-lang", help="Source language (overrides srclang).")
    ] = None,
    all_directions: Annotated[
        bool, typer.Option(help="Every directed pair among a unit's languages.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Import a TMX file: all of it in one transaction, or nothing."""
    from service.engines.tmx import import_tmx

    with _memory(context.obj) as memory:
        report = import_tmx(
            memory,
            file,
            source_language=parse_optional_language(source_lang),
            all_directions=all_directions,
        )
    emit(asdict(report), as_json=as_json, render=_render_import)


@memory_app.command("export")
def export(
    context: typer.Context,
    file: Annotated[str, typer.Argument(help="TMX file to write; - for standard output.")],
    source_lang: Annotated[str | None, typer.Option("--source-lang")] = None,
    target_lang: Annotated[str | None, typer.Option("--target-lang")] = None,
    as_json: JsonOption = False,
) -> None:
    """Export the memory (or one source or target language of it) as TMX 1.4."""
    from service.engines.tmx import export_tmx, write_tmx

    with _memory(context.obj) as memory:
        units = memory.units(
            parse_optional_language(source_lang), parse_optional_language(target_lang)
        )
    if file == "-":
        typer.echo(write_tmx(units).decode("utf-8"), nl=False)
        return
    count = export_tmx(units, Path(file))
    result = {
        "file": file,
        "translations": count,
        "message": f"{file}: {count} translations exported",
    }
    emit(result, as_json=as_json, render=_render_summary)


def register(app: typer.Typer) -> None:
    app.add_typer(memory_app)
