"""``adapt entities``: the URLs, mentions, hashtags, cashtags, emoji and numbers of a text."""

from collections.abc import Mapping
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from service.cli.io import JsonObject, emit, read_text_argument, require_string, run_jsonl
from service.errors import InputError
from service.text.entities import extract_entities


def entities_json(text: str) -> JsonObject:
    """``{"entities": [{"kind", "text", "start", "end"}, ...]}`` (code-point offsets)."""
    return {"entities": [entity.as_json() for entity in extract_entities(text)]}


def _render(console: Console, result: Mapping[str, Any]) -> None:
    if not result["entities"]:
        console.print("no entities")
        return
    table = Table("kind", "text", "start", "end")
    for entity in result["entities"]:
        table.add_row(
            entity["kind"], Text(entity["text"]), str(entity["start"]), str(entity["end"])
        )
    console.print(table)


def register(app: typer.Typer) -> None:
    @app.command()
    def entities(
        text: Annotated[str | None, typer.Argument(help="The text to scan.")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="One JSON result.")] = False,
        jsonl: Annotated[
            bool, typer.Option("--jsonl", help='Objects {"text"} (or strings) on stdin.')
        ] = False,
    ) -> None:
        """List the entities of a text with their offsets (code points, end exclusive)."""

        def handle(item: JsonObject) -> JsonObject:
            return entities_json(require_string(item))

        if jsonl:
            raise typer.Exit(run_jsonl(handle))
        if text is None:
            raise InputError("give the TEXT to scan, or --jsonl to read JSON lines on stdin")
        emit(entities_json(read_text_argument(text)), as_json=as_json, render=_render)
