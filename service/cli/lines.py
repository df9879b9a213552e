"""``adapt lines``: the ranked lines of a statement that work as posts."""

from collections.abc import Mapping
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from service.cli.io import (
    JsonObject,
    emit_mapping,
    optional_string,
    read_text_file,
    require_string,
    run_jsonl_mappings,
)
from service.languages import parse_optional_language
from service.workflow import Workspace, statement_lines


def _render(console: Console, result: Mapping[str, Any]) -> None:
    console.print(
        f"Source language: [bold]{result['source_language']}[/]  platform: {result['platform']}"
    )
    table = Table("#", "score", "length", "line", "reasons", show_lines=True)
    for rank, line in enumerate(result["lines"], start=1):
        table.add_row(
            str(rank),
            f"{line['score']:.2f}",
            str(line["length"]),
            line["text"],
            "\n".join(line["reasons"]),
        )
    console.print(table)


def register(app: typer.Typer) -> None:
    @app.command()
    def lines(
        context: typer.Context,
        file: Annotated[
            str, typer.Argument(help="Statement file (text or Markdown); - for stdin.")
        ] = "-",
        platform: Annotated[
            str, typer.Option(help="x, bluesky, mastodon, threads or linkedin.")
        ] = "x",
        language: Annotated[str | None, typer.Option(help="Declared source language.")] = None,
        max_lines: Annotated[int, typer.Option(min=1, max=100)] = 10,
        as_json: Annotated[bool, typer.Option("--json", help="One JSON result.")] = False,
        jsonl: Annotated[
            bool, typer.Option("--jsonl", help="Statements as JSON lines on stdin.")
        ] = False,
    ) -> None:
        """Extract the lines of a statement that stand alone as posts, ranked, with reasons."""
        workspace = Workspace(context.obj)

        def handle(item: JsonObject) -> JsonObject:
            result = statement_lines(
                workspace,
                require_string(item),
                optional_string(item, "platform", platform) or platform,
                parse_optional_language(optional_string(item, "language", language)),
                max_lines,
            )
            return result.model_dump(mode="json")

        if jsonl:
            raise typer.Exit(run_jsonl_mappings(handle))
        result = handle({"text": read_text_file(file)})
        emit_mapping(result, as_json=as_json, render=_render)
