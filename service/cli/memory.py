"""``adapt memory``: the translation memory - add, look up, import and export TMX.

See :mod:`service.workflow.memory`; the store is opened from the settings and migrated on
first use. Each command imports its use case, so other commands do not load the memory.
"""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from service.cli.io import STDIN, JsonOption, emit, read_text_argument
from service.languages import Language, parse_language, parse_optional_language
from service.workflow import Workspace

if TYPE_CHECKING:  # the memory's use cases pull in the store and translate-toolkit (TMX)
    from service.workflow.memory import MemoryExport, MemoryLookup, StoredUnit, TmxImportReport

memory_app = typer.Typer(
    name="memory",
    help="The translation memory: approved translations, exact and fuzzy lookup, TMX.",
    no_args_is_help=True,
)

SourceLanguageOption = Annotated[str, typer.Option("--source-lang", help="Source language.")]
TargetLanguageOption = Annotated[str, typer.Option("--target-lang", help="Target language.")]
OptionalLanguage = Annotated[str | None, typer.Option(help="Only this language.")]


def _pair(source_lang: str, target_lang: str) -> tuple[Language, Language]:
    return parse_language(source_lang), parse_language(target_lang)


def _render_import(console: Console, report: "TmxImportReport") -> None:
    console.print(
        f"{report.file}: translation units read: {report.translation_units}, "
        f"translations added: {report.inserted}, updated: {report.updated}.",
        markup=False,
    )
    if report.skipped_units:
        console.print(f"{report.skipped_units} units skipped (no pair in the six languages).")
    for tag, count in report.skipped_languages.items():
        console.print(f"{count} variants in {tag!r} skipped (not a UN language).", markup=False)


def _render_lookup(console: Console, result: "MemoryLookup") -> None:
    exact = result.exact
    console.print(Text(f"Exact: {exact.target_text}" if exact else "Exact: no match"))
    if not result.suggestions:
        console.print(f"No fuzzy match at {result.fuzzy_threshold:.0%} or more.")
        return
    table = Table("score", "source", "target", "unit")
    for match in result.suggestions:
        table.add_row(
            f"{match.score:.0%}",
            Text(match.source_text),
            Text(match.target_text),
            str(match.unit_id),
        )
    console.print(table)


def _render_message(console: Console, result: "StoredUnit | MemoryExport") -> None:
    console.print(result.message, markup=False)


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
    from service.workflow.memory import add_translation

    texts = read_text_argument(source), read_text_argument(target)
    with Workspace(context.obj) as workspace:
        unit = add_translation(workspace, *texts, _pair(source_lang, target_lang), approved_by)
    emit(unit, as_json=as_json, render=_render_message)


def lookup(
    context: typer.Context,
    text: Annotated[str, typer.Argument(help="Source text to look up; - for stdin.")],
    source_lang: SourceLanguageOption,
    target_lang: TargetLanguageOption,
    limit: Annotated[int, typer.Option(min=1, max=50, help="Most fuzzy suggestions.")] = 3,
    as_json: JsonOption = False,
) -> None:
    """Find the exact match and the fuzzy suggestions, with their scores."""
    from service.workflow.memory import look_up

    source_text = read_text_argument(text)
    with Workspace(context.obj) as workspace:
        result = look_up(workspace, source_text, _pair(source_lang, target_lang), limit)
    emit(result, as_json=as_json, render=_render_lookup)


def import_command(
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
    from service.workflow.memory import import_memory

    source_language = parse_optional_language(source_lang)
    with Workspace(context.obj) as workspace:
        report = import_memory(workspace, file, source_language, all_directions)
    emit(report, as_json=as_json, render=_render_import)


def export_command(
    context: typer.Context,
    file: Annotated[str, typer.Argument(help="TMX file to write; - for standard output.")],
    source_lang: Annotated[str | None, typer.Option("--source-lang")] = None,
    target_lang: Annotated[str | None, typer.Option("--target-lang")] = None,
    as_json: JsonOption = False,
) -> None:
    """Export the memory (or one source or target language of it) as TMX 1.4."""
    from service.workflow.memory import export_memory, memory_tmx, memory_units

    languages = parse_optional_language(source_lang), parse_optional_language(target_lang)
    with Workspace(context.obj) as workspace:
        units = memory_units(workspace, *languages)
        if file == STDIN:
            sys.stdout.buffer.write(memory_tmx(units))
            sys.stdout.flush()
            return
        result = export_memory(workspace, Path(file), units)
    emit(result, as_json=as_json, render=_render_message)


def register(app: typer.Typer) -> None:
    memory_app.command("add")(add)
    memory_app.command("lookup")(lookup)
    memory_app.command("import")(import_command)
    memory_app.command("export")(export_command)
    app.add_typer(memory_app)
