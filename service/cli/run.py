"""``adapt run``: the main job - a statement's best lines, adapted into the six languages."""

from collections.abc import Mapping
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from service.cli.io import (
    FormatOption,
    JsonObject,
    Outcome,
    emit,
    optional_string,
    read_text_file,
    require_string,
    run_jsonl_batches,
)
from service.errors import AdaptError
from service.languages import ALL_LANGUAGES, parse_language_list, parse_optional_language
from service.models import StatementAdaptation
from service.workflow import (
    AdaptRequest,
    Workspace,
    adapt_statement,
    adapt_statements,
    statement_format,
)

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


def _as_json(outcome: StatementAdaptation | AdaptError) -> Outcome:
    return outcome if isinstance(outcome, AdaptError) else outcome.model_dump(mode="json")


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
        format: FormatOption = None,
        max_lines: Annotated[int, typer.Option(min=1, max=50, help="Lines to adapt.")] = 5,
        as_json: Annotated[bool, typer.Option("--json", help="One JSON result.")] = False,
        jsonl: Annotated[
            bool, typer.Option("--jsonl", help="Statements as JSON lines on stdin.")
        ] = False,
        batch_size: Annotated[
            int,
            typer.Option(min=1, max=1000, help="With --jsonl: statements translated together."),
        ] = 32,
    ) -> None:
        """Adapt a statement's best lines into the target languages, checked for the platform."""
        targets = parse_language_list(to)

        def request(item: JsonObject, file_name: str | None = None) -> AdaptRequest:
            return AdaptRequest(
                text=require_string(item),
                platform=optional_string(item, "platform", platform) or platform,
                language=parse_optional_language(optional_string(item, "language", language)),
                format=statement_format(optional_string(item, "format", format), file_name),
            )

        with Workspace(context.obj) as workspace:

            def handle_many(items: list[JsonObject]) -> list[Outcome]:
                requests: list[AdaptRequest | AdaptError] = []
                for item in items:
                    try:
                        requests.append(request(item))
                    except AdaptError as error:
                        requests.append(error)
                good = [r for r in requests if isinstance(r, AdaptRequest)]
                adapted = iter(adapt_statements(workspace, good, targets, max_lines))
                return [
                    r if isinstance(r, AdaptError) else _as_json(next(adapted)) for r in requests
                ]

            if jsonl:
                raise typer.Exit(run_jsonl_batches(handle_many, batch_size))
            one = request({"text": read_text_file(file)}, file)
            result = adapt_statement(
                workspace, one.text, targets, one.platform, one.language, max_lines, one.format
            )
            emit(result.model_dump(mode="json"), as_json=as_json, render=_render)
