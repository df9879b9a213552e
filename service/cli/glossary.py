"""``adapt glossary``: check the UN termbase, find its terms in a text, export and import it."""

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from service.cli.io import (
    JsonObject,
    emit_mapping,
    optional_string,
    read_text_argument,
    require_string,
    run_jsonl_mappings,
)
from service.errors import InputError
from service.glossary import Glossary, load_glossary
from service.glossary.exchange import ExportFormat, export_glossary, import_tbx, write_file
from service.languages import Language, parse_language
from service.settings import Settings

glossary_app = typer.Typer(
    name="glossary",
    help="The UN termbase: official names, short forms, hashtags and observance dates.",
    no_args_is_help=True,
)

JsonOption = Annotated[bool, typer.Option("--json", help="One JSON result.")]


def _glossary(context: typer.Context) -> Glossary:
    settings: Settings = context.obj
    return load_glossary(settings.glossaries_dir)


def _check_result(glossary: Glossary) -> dict[str, Any]:
    return {
        "valid": True,
        "files": [str(path) for path in glossary.files],
        "concepts": len(glossary.concepts),
        "observances": [
            {"id": c.id, "date": str(c.observance_date), "name": c.names[Language.EN]}
            for c in glossary.observances()
        ],
        "protected_names": glossary.do_not_translate_names(),
        "protected_hashtags": sorted(glossary.protected_hashtags(), key=str.casefold),
        "gaps": glossary.gaps(),
    }


def _render_check(console: Console, result: Mapping[str, Any]) -> None:
    console.print(
        f"[green]valid[/]: {result['concepts']} concepts, {len(result['observances'])} "
        f"observances, {len(result['protected_names'])} do-not-translate names, "
        f"{len(result['protected_hashtags'])} protected hashtags"
    )
    for path in result["files"]:
        console.print(f"  {path}", markup=False)
    gaps = result["gaps"]
    console.print(f"{len(gaps)} gap(s): unknown cells to fill from UNTERM or official pages")
    for gap in gaps:
        console.print(f"  {gap}", markup=False)


def _render_terms(console: Console, result: Mapping[str, Any]) -> None:
    if not result["terms"]:
        console.print("No termbase term found.")
        return
    table = Table("start", "end", "surface", "concept", "form")
    for term in result["terms"]:
        table.add_row(
            str(term["start_char"]),
            str(term["end_char"]),
            Text(term["surface"]),  # plain text: a surface is never Rich markup
            term["concept_id"],
            term["form"],
        )
    console.print(table)


def _render_import(console: Console, result: Mapping[str, Any]) -> None:
    console.print(
        f"{result['target']}: {len(result['added'])} concept(s) added, "
        f"{len(result['filled'])} cell(s) filled, {len(result['conflicts'])} conflict(s) kept.",
        markup=False,
    )
    for conflict in result["conflicts"]:
        console.print(f"  conflict: {conflict}", markup=False)


def _export_format(name: str) -> ExportFormat:
    try:
        return ExportFormat(name.strip().lower())
    except ValueError:
        choices = ", ".join(f.value for f in ExportFormat)
        raise InputError(f"unknown export format {name!r}: use one of {choices}") from None


@glossary_app.command()
def check(context: typer.Context, as_json: JsonOption = False) -> None:
    """Validate glossaries/ (file and line on error) and list the gaps left to fill."""
    emit_mapping(_check_result(_glossary(context)), as_json=as_json, render=_render_check)


@glossary_app.command()
def terms(
    context: typer.Context,
    text: Annotated[str | None, typer.Argument(help="Text to search.")] = None,
    language: Annotated[str, typer.Option("--language", "-l", help="Language of the text.")] = "en",
    as_json: JsonOption = False,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="Texts as JSON lines on stdin.")] = False,
) -> None:
    """Find the termbase's names and short forms in a text, with character offsets."""
    glossary = _glossary(context)

    def handle(item: JsonObject) -> JsonObject:
        code = optional_string(item, "language", language) or language
        found = glossary.matcher(parse_language(code)).find_terms(require_string(item))
        return {"language": parse_language(code).value, "terms": [m.model_dump() for m in found]}

    if jsonl:
        raise typer.Exit(run_jsonl_mappings(handle))
    if text is None:
        raise InputError("give a TEXT to search, or --jsonl to read JSON lines from stdin")
    emit_mapping(handle({"text": read_text_argument(text)}), as_json=as_json, render=_render_terms)


@glossary_app.command()
def export(
    context: typer.Context,
    output: Annotated[str, typer.Argument(metavar="OUT", help="File to write; - for stdout.")],
    export_format: Annotated[
        str, typer.Option("--format", help="tbx (ISO 30042) or csv (the termbase format).")
    ] = "csv",
) -> None:
    """Write every concept as TBX or as one concept CSV file."""
    data = export_glossary(_glossary(context), _export_format(export_format))
    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write_file(Path(output), data)


@glossary_app.command("import")
def import_command(
    context: typer.Context,
    source: Annotated[Path, typer.Argument(metavar="IN.tbx", help="TBX termbase to import.")],
    target: Annotated[Path, typer.Argument(metavar="OUT.csv", help="Concept file to merge into.")],
    as_json: JsonOption = False,
) -> None:
    """Merge a TBX termbase into a concept CSV file: existing cells win, empty ones are filled.

    Write OUT.csv inside glossaries/ to have adapt use it; it is checked against the
    other concept files there first.
    """
    report = import_tbx(source, target)
    emit_mapping(report.as_json(), as_json=as_json, render=_render_import)


def register(app: typer.Typer) -> None:
    app.add_typer(glossary_app, name="glossary")
