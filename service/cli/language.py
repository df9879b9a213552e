"""``adapt detect`` and ``adapt segment``: which language a text is in, and its sentences."""

from typing import Annotated

import typer
from rich.console import Console

from service.cli.io import FormatOption, JsonOption, emit, read_text_argument, read_text_file
from service.cli.jsonl import JsonlOption, JsonObject, optional_string, require_string, run_jsonl
from service.errors import InputError
from service.languages import Language, parse_optional_language
from service.models import Detection, Segmentation
from service.workflow import Workspace, detect, statement_format, statement_sentences


def _render_detection(console: Console, result: Detection) -> None:
    if result.language is None:
        console.print("und: not recognisably one of the six UN languages")
    else:
        console.print(f"{result.language}  (confidence {result.confidence:.2f})")


def _render_segmentation(console: Console, result: Segmentation) -> None:
    console.print(f"Language: [bold]{result.language}[/]", markup=True)
    for number, sentence in enumerate(result.sentences, start=1):
        line = f"{number:>3}  [{sentence.start}:{sentence.end}]  {sentence.text}"
        console.print(line, markup=False)


def detect_command(
    context: typer.Context,
    text: Annotated[str | None, typer.Argument(help="The text to identify; - for stdin.")] = None,
    as_json: JsonOption = False,
    jsonl: JsonlOption = False,
) -> None:
    """Tell which of the six UN languages a text is in ("und" if none can be told)."""
    workspace = Workspace(context.obj)

    def handle(item: JsonObject) -> Detection:
        return detect(workspace, require_string(item))

    if jsonl:
        raise typer.Exit(run_jsonl(handle))
    if text is None:
        raise InputError("give the TEXT to identify, or --jsonl to read JSON lines on stdin")
    emit(handle({"text": read_text_argument(text)}), as_json=as_json, render=_render_detection)


def _sentences(
    workspace: Workspace,
    options: tuple[Language | None, str | None],
    item: JsonObject,
    file_name: str | None = None,
) -> Segmentation:
    """One statement's sentences; the item's fields override the command's options."""
    language, format = options
    code = optional_string(item, "language", None)
    return statement_sentences(
        workspace,
        require_string(item),
        parse_optional_language(code) if code is not None else language,
        statement_format(optional_string(item, "format", format), file_name),
    )


def segment_command(
    context: typer.Context,
    file: Annotated[str, typer.Argument(help="Statement file to split; - for stdin.")] = "-",
    language: Annotated[
        str | None, typer.Option(help="Language of the text; detected when not given.")
    ] = None,
    format: FormatOption = None,
    as_json: JsonOption = False,
    jsonl: JsonlOption = False,
) -> None:
    """Split a statement into sentences, read as `lines` does, with offsets into the input."""
    workspace = Workspace(context.obj)
    options = (parse_optional_language(language), format)  # a bad --language fails first
    if jsonl:
        raise typer.Exit(run_jsonl(lambda item: _sentences(workspace, options, item)))
    result = _sentences(workspace, options, {"text": read_text_file(file)}, file)
    emit(result, as_json=as_json, render=_render_segmentation)


def register(app: typer.Typer) -> None:
    app.command("detect")(detect_command)
    app.command("segment")(segment_command)
