"""``adapt length``: how long a post is on each platform, and whether it fits."""

from collections.abc import Mapping
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from service.cli.io import (
    JsonObject,
    emit,
    optional_string,
    read_text_argument,
    require_string,
    run_jsonl,
)
from service.errors import InputError
from service.text.length import PLATFORMS, platform_rules, weighted_length

ALL_PLATFORMS = "all"


def measure(text: str, platform: str) -> JsonObject:
    """``{"platform", "length", "limit", "fits"}``, or ``{"lengths": [...]}`` for ``all``."""
    if platform.strip().lower() == ALL_PLATFORMS:
        return {"lengths": [weighted_length(text, each).model_dump() for each in PLATFORMS]}
    return weighted_length(text, platform).model_dump()


def _render(console: Console, result: Mapping[str, Any]) -> None:
    table = Table("platform", "length", "limit", "fits")
    for row in result.get("lengths", [result]):
        fits = "[green]yes[/]" if row["fits"] else "[bold red]no[/]"
        table.add_row(PLATFORMS[row["platform"]].name, str(row["length"]), str(row["limit"]), fits)
    console.print(table)


def _check_platform(platform: str) -> None:
    if platform.strip().lower() != ALL_PLATFORMS:
        platform_rules(platform)  # an unknown --platform fails once, before any input is read


def register(app: typer.Typer) -> None:
    @app.command()
    def length(
        text: Annotated[str | None, typer.Argument(help="The post to measure.")] = None,
        platform: Annotated[
            str,
            typer.Option(help=f"{', '.join(PLATFORMS)} or {ALL_PLATFORMS} (every platform)."),
        ] = "x",
        as_json: Annotated[bool, typer.Option("--json", help="One JSON result.")] = False,
        jsonl: Annotated[
            bool, typer.Option("--jsonl", help='Objects {"text", "platform"?} on stdin.')
        ] = False,
    ) -> None:
        """Measure a post as a platform counts it (X: twitter-text weights) against its limit."""
        _check_platform(platform)

        def handle(item: JsonObject) -> JsonObject:
            chosen = optional_string(item, "platform", platform) or platform
            return measure(require_string(item), chosen)

        if jsonl:
            raise typer.Exit(run_jsonl(handle))
        if text is None:
            raise InputError("give the TEXT to measure, or --jsonl to read JSON lines on stdin")
        emit(measure(read_text_argument(text), platform), as_json=as_json, render=_render)
