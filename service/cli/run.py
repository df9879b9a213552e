"""``adapt run``: the main job - a statement's best lines, adapted into the six languages."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated

import typer
from pydantic import BaseModel

from service.cli.io import FormatOption, JsonOption, emit, read_text_file
from service.cli.jsonl import (
    JsonlOption,
    JsonObject,
    optional_string,
    require_string,
    run_jsonl_batches,
)
from service.cli.run_view import render_adaptation
from service.languages import ALL_LANGUAGES, Language, parse_language_list, parse_optional_language
from service.workflow import (
    AdaptRequest,
    Workspace,
    adapt_one,
    adapt_statements,
    statement_format,
)
from service.workflow.outcomes import Outcome, attempt, map_ok

_ALL = ",".join(ALL_LANGUAGES)
BatchSizeOption = Annotated[
    int, typer.Option(min=1, max=1000, help="With --jsonl: statements translated together.")
]
StatementFile = Annotated[str, typer.Argument(help="Statement (text or Markdown); - for stdin.")]
TargetsOption = Annotated[str, typer.Option("--to", help="Target languages, comma-separated.")]
PlanOption = Annotated[bool, typer.Option(help="Also propose when each audience sees it.")]


@dataclass(frozen=True)
class _Options:
    """The command-line options a JSON Lines object's fields fall back to."""

    platform: str
    language: str | None
    format: str | None
    max_lines: int

    def request(self, item: JsonObject, file_name: str | None = None) -> AdaptRequest:
        return AdaptRequest(
            text=require_string(item),
            platform=optional_string(item, "platform", self.platform) or self.platform,
            language=parse_optional_language(optional_string(item, "language", self.language)),
            format=statement_format(optional_string(item, "format", self.format), file_name),
        )


def _adapt_lines(
    workspace: Workspace, targets: Sequence[Language], options: _Options, batch_size: int
) -> int:
    """JSON Lines mode: statements ``batch_size`` at a time, each batch translated together."""

    def handle_many(items: list[JsonObject]) -> Sequence[Outcome[BaseModel]]:
        requests = [attempt(options.request, item) for item in items]
        return map_ok(
            requests, lambda good: adapt_statements(workspace, good, targets, options.max_lines)
        )

    return run_jsonl_batches(handle_many, batch_size)


def run_command(
    context: typer.Context,
    file: StatementFile = "-",
    to: TargetsOption = _ALL,
    platform: Annotated[str, typer.Option(help="x, bluesky, mastodon, threads or linkedin.")] = "x",
    language: Annotated[str | None, typer.Option(help="Declared source language.")] = None,
    format: FormatOption = None,
    max_lines: Annotated[int, typer.Option(min=1, max=50, help="Lines to adapt.")] = 5,
    as_json: JsonOption = False,
    jsonl: JsonlOption = False,
    batch_size: BatchSizeOption = 32,
    plan: PlanOption = False,
) -> None:
    """Adapt a statement's best lines into the target languages, checked for the platform."""
    targets = parse_language_list(to)
    options = _Options(platform, language, format, max_lines)
    with Workspace(context.obj) as workspace:
        if jsonl:
            raise typer.Exit(_adapt_lines(workspace, targets, options, batch_size))
        request = options.request({"text": read_text_file(file)}, file)
        result = adapt_one(workspace, request, targets, max_lines, plan=plan)
        emit(result, as_json=as_json, render=render_adaptation)


def register(app: typer.Typer) -> None:
    app.command(name="run")(run_command)
