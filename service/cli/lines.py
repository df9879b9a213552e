"""``adapt lines``: the ranked lines of a statement that work as posts."""

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from service.cli.io import FormatOption, JsonOption, emit, read_text_file
from service.cli.jsonl import JsonlOption, JsonObject, optional_string, require_string, run_jsonl
from service.languages import parse_optional_language
from service.statement import LeftOutLine, Line, LineExtraction
from service.workflow import Workspace, statement_format, statement_lines


def _render_lines(console: Console, lines: list[Line]) -> None:
    table = Table("#", "score", "length", "line", "reasons", show_lines=True)
    for rank, line in enumerate(lines, start=1):
        table.add_row(
            str(rank),
            f"{line.score:.2f}",
            str(line.length),
            Text(line.text),
            Text("\n".join(line.reasons)),
        )
    console.print(table)


def _render_left_out(console: Console, left_out: list[LeftOutLine]) -> None:
    console.print(f"Left out: {len(left_out)} sentence(s)" if left_out else "Left out: none")
    for item in left_out:
        where = f"[{item.start}:{item.end}] " if item.start is not None else ""
        console.print(Text(f"  {where}{item.text}\n      {item.detail}"))


def _render(console: Console, result: LineExtraction) -> None:
    console.print(
        f"Source language: [bold]{result.source_language}[/]  platform: {result.platform}"
    )
    carried = " ".join(filter(None, [result.link, *result.hashtags]))
    console.print(Text(f"Every post carries: {carried or 'nothing (no link, no hashtags)'}"))
    if result.lines:
        _render_lines(console, result.lines)
    else:
        console.print(Text(result.no_lines_reason or "no line can be offered", style="yellow"))
    _render_left_out(console, result.left_out)


def _lines(
    workspace: Workspace,
    defaults: dict[str, str | None],
    max_lines: int,
    item: JsonObject,
    file_name: str | None = None,
) -> LineExtraction:
    """One statement's lines; the item's fields override the command's options."""
    given = {key: optional_string(item, key, value) for key, value in defaults.items()}
    return statement_lines(
        workspace,
        require_string(item),
        given["platform"] or str(defaults["platform"]),
        parse_optional_language(given["language"]),
        max_lines,
        statement_format(given["format"], file_name),
    )


def lines(
    context: typer.Context,
    file: Annotated[str, typer.Argument(help="Statement (text or Markdown); - for stdin.")] = "-",
    platform: Annotated[str, typer.Option(help="x, bluesky, mastodon, threads or linkedin.")] = "x",
    language: Annotated[str | None, typer.Option(help="Declared source language.")] = None,
    format: FormatOption = None,
    max_lines: Annotated[int, typer.Option(min=1, max=100)] = 10,
    as_json: JsonOption = False,
    jsonl: JsonlOption = False,
) -> None:
    """Extract the lines of a statement that stand alone as posts, ranked, with reasons."""
    workspace = Workspace(context.obj)
    defaults = {"platform": platform, "language": language, "format": format}
    if jsonl:
        raise typer.Exit(run_jsonl(lambda item: _lines(workspace, defaults, max_lines, item)))
    result = _lines(workspace, defaults, max_lines, {"text": read_text_file(file)}, file)
    emit(result, as_json=as_json, render=_render)


def register(app: typer.Typer) -> None:
    app.command()(lines)
