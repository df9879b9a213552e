"""``adapt entities``: the URLs, mentions, hashtags, cashtags, emoji and numbers of a text."""

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from service.cli.io import JsonOption, emit, read_text_argument
from service.cli.jsonl import JsonlOption, JsonObject, require_string, run_jsonl
from service.errors import InputError
from service.workflow.text import Entities, find_entities


def _render(console: Console, result: Entities) -> None:
    if not result.entities:
        console.print("no entities")
        return
    table = Table("kind", "text", "start", "end")
    for entity in result.entities:
        table.add_row(entity.kind.value, Text(entity.text), str(entity.start), str(entity.end))
    console.print(table)


def entities(
    text: Annotated[str | None, typer.Argument(help="The text to scan; - for stdin.")] = None,
    as_json: JsonOption = False,
    jsonl: JsonlOption = False,
) -> None:
    """List the entities of a text with their offsets (code points, end exclusive)."""

    def handle(item: JsonObject) -> Entities:
        return find_entities(require_string(item))

    if jsonl:
        raise typer.Exit(run_jsonl(handle))
    if text is None:
        raise InputError("give the TEXT to scan, or --jsonl to read JSON lines on stdin")
    emit(find_entities(read_text_argument(text)), as_json=as_json, render=_render)


def register(app: typer.Typer) -> None:
    app.command()(entities)
