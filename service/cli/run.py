"""``adapt run``: the main job - a statement's best lines, adapted into the six languages."""

from collections.abc import Sequence
from typing import Annotated

import typer
from pydantic import BaseModel

from service.cli.io import (
    JsonlOption,
    JsonObject,
    JsonOption,
    emit,
    optional_string,
    read_text_file,
    require_string,
    run_jsonl_batches,
)
from service.cli.run_view import render_adaptation
from service.languages import ALL_LANGUAGES, Language, parse_language_list, parse_optional_language
from service.workflow import AdaptRequest, Workspace, adapt_statement, adapt_statements
from service.workflow.outcomes import Outcome, attempt, map_ok

_ALL = ",".join(ALL_LANGUAGES)


def _request(item: JsonObject, platform: str, language: str | None) -> AdaptRequest:
    """An adapt request from a JSON object; missing fields fall back to the options."""
    return AdaptRequest(
        text=require_string(item),
        platform=optional_string(item, "platform", platform) or platform,
        language=parse_optional_language(optional_string(item, "language", language)),
    )


def _adapt_lines(
    workspace: Workspace,
    targets: Sequence[Language],
    options: tuple[str, str | None, int],
    batch_size: int,
) -> int:
    """JSON Lines mode: statements ``batch_size`` at a time, each batch translated together."""
    platform, language, max_lines = options

    def handle_many(items: list[JsonObject]) -> Sequence[Outcome[BaseModel]]:
        requests = [attempt(lambda item: _request(item, platform, language), i) for i in items]
        adapted = map_ok(
            requests, lambda good: adapt_statements(workspace, good, targets, max_lines)
        )
        return [Outcome(value=o.value) if o.value else Outcome(error=o.error) for o in adapted]

    return run_jsonl_batches(handle_many, batch_size)


def run_command(
    context: typer.Context,
    file: Annotated[str, typer.Argument(help="Statement (text or Markdown); - for stdin.")] = "-",
    to: Annotated[str, typer.Option("--to", help="Target languages, comma-separated.")] = _ALL,
    platform: Annotated[str, typer.Option(help="x, bluesky, mastodon, threads or linkedin.")] = "x",
    language: Annotated[str | None, typer.Option(help="Declared source language.")] = None,
    max_lines: Annotated[int, typer.Option(min=1, max=50, help="Lines to adapt.")] = 5,
    as_json: JsonOption = False,
    jsonl: JsonlOption = False,
    batch_size: Annotated[
        int, typer.Option(min=1, max=1000, help="With --jsonl: statements translated together.")
    ] = 32,
) -> None:
    """Adapt a statement's best lines into the target languages, checked for the platform."""
    targets = parse_language_list(to)
    with Workspace(context.obj) as workspace:
        if jsonl:
            options = (platform, language, max_lines)
            raise typer.Exit(_adapt_lines(workspace, targets, options, batch_size))
        one = _request({"text": read_text_file(file)}, platform, language)
        result = adapt_statement(
            workspace, one.text, targets, one.platform, one.language, max_lines
        )
        emit(result, as_json=as_json, render=render_adaptation)


def register(app: typer.Typer) -> None:
    app.command(name="run")(run_command)
