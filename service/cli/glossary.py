"""``adapt glossary``: check the UN termbase, find its terms in a text, export and import it."""

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from service.cli.io import STDIN, JsonOption, emit, read_text_argument
from service.cli.jsonl import JsonObject, optional_string, require_string, run_jsonl
from service.errors import InputError
from service.languages import ALL_LANGUAGES, parse_language
from service.workflow import Workspace
from service.workflow.glossary import (
    GlossaryCheck,
    GlossaryExport,
    ImportReport,
    StatusCounts,
    TermsFound,
    check_glossary,
    export_glossary_data,
    export_glossary_file,
    find_terms,
    import_glossary,
)

glossary_app = typer.Typer(
    name="glossary",
    help="The UN termbase: official names, short forms, hashtags and observance dates.",
    no_args_is_help=True,
)


def _counts_row(label: str, counts: StatusCounts) -> list[str]:
    return [
        label,
        str(counts.verified_official),
        str(counts.verified_secondary),
        str(counts.unverified),
    ]


def _status_table(report: GlossaryCheck) -> Table:
    statuses = report.statuses
    table = Table("cells", "verified (official)", "verified (secondary)", "unverified")
    for language in ALL_LANGUAGES:
        table.add_row(*_counts_row(language.value, statuses.by_language[language]))
    table.add_row(*_counts_row("dates", statuses.dates))
    table.add_row(*_counts_row("all", statuses.total))
    return table


def _render_check(console: Console, report: GlossaryCheck) -> None:
    console.print(
        f"[green]valid[/]: {report.concepts} concepts, {len(report.observances)} "
        f"observances, {len(report.protected_names)} do-not-translate names, "
        f"{len(report.protected_hashtags)} protected hashtags"
    )
    for path in report.files:
        console.print(f"  {path}", markup=False)
    console.print(_status_table(report))
    console.print(f"{len(report.gaps)} gap(s): unknown cells to fill from UNTERM or official pages")
    for gap in report.gaps:
        console.print(f"  {gap}", markup=False)


def _render_terms(console: Console, found: TermsFound) -> None:
    if not found.terms:
        console.print("No termbase term found.")
        return
    table = Table("start", "end", "surface", "concept", "form", "status")
    for term in found.terms:
        status = term.status
        table.add_row(
            str(term.start_char),
            str(term.end_char),
            Text(term.surface),  # plain text: a surface is never Rich markup
            term.concept_id,
            term.form,
            f"{status.status} ({status.tier})" if status.tier else status.status.value,
        )
    console.print(table)


def _render_export(console: Console, export: GlossaryExport) -> None:
    console.print(
        f"{' and '.join(export.files)}: {export.concepts} concepts exported", markup=False
    )


def _render_import(console: Console, report: ImportReport) -> None:
    console.print(
        f"{report.target}: {len(report.added)} concept(s) added, "
        f"{len(report.filled)} cell(s) filled, {len(report.conflicts)} conflict(s) kept.",
        markup=False,
    )
    for conflict in report.conflicts:
        console.print(f"  conflict: {conflict}", markup=False)


@glossary_app.command()
def check(context: typer.Context, as_json: JsonOption = False) -> None:
    """Validate glossaries/ (file and line on error); count cells by status; list the gaps."""
    emit(check_glossary(Workspace(context.obj)), as_json=as_json, render=_render_check)


@glossary_app.command()
def terms(
    context: typer.Context,
    text: Annotated[str | None, typer.Argument(help="Text to search.")] = None,
    language: Annotated[str, typer.Option("--language", "-l", help="Language of the text.")] = "en",
    as_json: JsonOption = False,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="Texts as JSON lines on stdin.")] = False,
) -> None:
    """Find the termbase's names and short forms in a text, with offsets and statuses."""
    workspace = Workspace(context.obj)

    def handle(item: JsonObject) -> TermsFound:
        code = optional_string(item, "language", language) or language
        return find_terms(workspace, require_string(item), parse_language(code))

    if jsonl:
        raise typer.Exit(run_jsonl(handle))
    if text is None:
        raise InputError("give a TEXT to search, or --jsonl to read JSON lines from stdin")
    emit(handle({"text": read_text_argument(text)}), as_json=as_json, render=_render_terms)


@glossary_app.command()
def export(
    context: typer.Context,
    output: Annotated[str, typer.Argument(metavar="OUT", help="File to write; - for stdout.")],
    export_format: Annotated[
        str, typer.Option("--format", help="tbx (ISO 30042) or csv (the termbase format).")
    ] = "csv",
    as_json: JsonOption = False,
) -> None:
    """Write every concept as TBX, or as a concept CSV with its status file beside it."""
    workspace = Workspace(context.obj)
    if output == STDIN:
        sys.stdout.buffer.write(export_glossary_data(workspace, export_format))
        sys.stdout.flush()
        return
    result = export_glossary_file(workspace, export_format, Path(output))
    emit(result, as_json=as_json, render=_render_export)


@glossary_app.command("import")
def import_command(
    source: Annotated[Path, typer.Argument(metavar="IN.tbx", help="TBX termbase to import.")],
    target: Annotated[Path, typer.Argument(metavar="OUT.csv", help="Concept file to merge into.")],
    as_json: JsonOption = False,
) -> None:
    """Merge a TBX termbase into a concept CSV file: existing cells win, empty ones are filled.

    Write OUT.csv inside glossaries/ to have adapt use it; it is checked against the
    other concept files there first. The cell statuses go to OUT.sources.csv beside it.
    """
    emit(import_glossary(source, target), as_json=as_json, render=_render_import)


def register(app: typer.Typer) -> None:
    app.add_typer(glossary_app, name="glossary")
