"""``adapt length``: how long a post is on each platform, and whether it fits."""

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from service.cli.io import JsonOption, emit, read_text_argument
from service.cli.jsonl import JsonlOption, JsonObject, optional_string, require_string, run_jsonl
from service.errors import InputError
from service.models import PlatformLength
from service.workflow.text import (
    ALL_PLATFORMS,
    PlatformLengths,
    check_platform,
    measure,
    platform_name,
    platforms,
)

_PLATFORM_HELP = f"{', '.join(p.id for p in platforms())} or {ALL_PLATFORMS} (every platform)."


def _render(console: Console, result: PlatformLength | PlatformLengths) -> None:
    table = Table("platform", "length", "limit", "fits")
    rows = result.lengths if isinstance(result, PlatformLengths) else [result]
    for row in rows:
        fits = "[green]yes[/]" if row.fits else "[bold red]no[/]"
        table.add_row(platform_name(row.platform), str(row.length), str(row.limit), fits)
    console.print(table)


def length(
    text: Annotated[str | None, typer.Argument(help="The post to measure; - for stdin.")] = None,
    platform: Annotated[str, typer.Option(help=_PLATFORM_HELP)] = "x",
    as_json: JsonOption = False,
    jsonl: JsonlOption = False,
) -> None:
    """Measure a post as a platform counts it (X: twitter-text weights) against its limit."""
    check_platform(platform)  # an unknown --platform fails once, before any input is read

    def handle(item: JsonObject) -> PlatformLength | PlatformLengths:
        chosen = optional_string(item, "platform", platform) or platform
        return measure(require_string(item), chosen)

    if jsonl:
        raise typer.Exit(run_jsonl(handle))
    if text is None:
        raise InputError("give the TEXT to measure, or --jsonl to read JSON lines on stdin")
    emit(measure(read_text_argument(text), platform), as_json=as_json, render=_render)


def register(app: typer.Typer) -> None:
    app.command()(length)
