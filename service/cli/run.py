"""``adapt run``: the main job - a statement's best lines, adapted into the six languages."""

from collections.abc import Mapping
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from service.cli.io import (
    JsonObject,
    emit,
    optional_string,
    read_text_file,
    require_string,
    run_jsonl,
)
from service.languages import ALL_LANGUAGES, parse_language, parse_language_list
from service.workflow import Workspace, adapt_statement

_ALL = ",".join(ALL_LANGUAGES)


def _render_line(console: Console, rank: int, line: Mapping[str, Any]) -> None:
    console.print(f"\n[bold]Line {rank}[/] (score {line['score']:.2f}): {line['source']}")
    table = Table("lang", "origin", "length", "text", "findings", show_lines=True)
    for language, rendition in line["renditions"].items():
        findings = "\n".join(f"{f['severity']}: {f['check']}" for f in rendition["findings"])
        if not rendition["text"]:
            table.add_row(language, rendition["origin"], "—", "—", findings or "—")
            continue
        fits = "" if rendition["fits"] else " [red](too long)[/]"
        table.add_row(
            language,
            rendition["origin"],
            f"{rendition['length']}{fits}",
            rendition["text"],
            findings or "—",
        )
    console.print(table)


def _render(console: Console, result: Mapping[str, Any]) -> None:
    console.print(
        f"Source language: [bold]{result['source_language']}[/]  "
        f"platform: {result['platform']}  lines: {len(result['lines'])}"
    )
    for rank, line in enumerate(result["lines"], start=1):
        _render_line(console, rank, line)
    missing = result["missing_languages"]
    if missing:
        console.print(
            f"\n[yellow]No translation model serves {result['source_language']} -> "
            f"{', '.join(missing)}.[/] Install models with "
            f"`adapt models install --languages {_ALL}` (online) or "
            "`adapt models install --from FILE.argosmodel` (air-gapped)."
        )


def register(app: typer.Typer) -> None:
    @app.command(name="run")
    def run_command(
        context: typer.Context,
        file: Annotated[
            str, typer.Argument(help="Statement file (text or Markdown); - for stdin.")
        ] = "-",
        to: Annotated[str, typer.Option("--to", help="Target languages, comma-separated.")] = _ALL,
        platform: Annotated[
            str, typer.Option(help="x, bluesky, mastodon, threads or linkedin.")
        ] = "x",
        language: Annotated[str | None, typer.Option(help="Declared source language.")] = None,
        max_lines: Annotated[int, typer.Option(min=1, max=50, help="Lines to adapt.")] = 5,
        as_json: Annotated[bool, typer.Option("--json", help="One JSON result.")] = False,
        jsonl: Annotated[
            bool, typer.Option("--jsonl", help="Statements as JSON lines on stdin.")
        ] = False,
    ) -> None:
        """Adapt a statement's best lines into the target languages, checked for the platform."""
        targets = parse_language_list(to)
        with Workspace(context.obj) as workspace:

            def handle(item: JsonObject) -> JsonObject:
                declared = optional_string(item, "language", language)
                result = adapt_statement(
                    workspace,
                    require_string(item),
                    targets,
                    optional_string(item, "platform", platform) or platform,
                    parse_language(declared) if declared else None,
                    max_lines,
                )
                return result.model_dump(mode="json")

            if jsonl:
                raise typer.Exit(run_jsonl(handle))
            emit(handle({"text": read_text_file(file)}), as_json=as_json, render=_render)
