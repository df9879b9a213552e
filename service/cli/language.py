"""``adapt detect`` and ``adapt segment``: which language a text is in, and its sentences."""

from typing import Annotated

import typer
from rich.console import Console

from service.cli.io import (
    JsonlOption,
    JsonObject,
    JsonOption,
    emit,
    optional_string,
    read_text_argument,
    read_text_file,
    require_string,
    run_jsonl,
)
from service.errors import InputError
from service.languages import parse_optional_language
from service.models import Detection, Segmentation
from service.workflow import Workspace, detect, split_sentences


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


def segment_command(
    context: typer.Context,
    file: Annotated[str, typer.Argument(help="Text file to split; - for stdin.")] = "-",
    language: Annotated[
        str | None, typer.Option(help="Language of the text; detected when not given.")
    ] = None,
    as_json: JsonOption = False,
    jsonl: JsonlOption = False,
) -> None:
    """Split a text into sentences, with character offsets into the text."""
    workspace = Workspace(context.obj)
    declared = parse_optional_language(language)  # a bad --language fails before any input

    def handle(item: JsonObject) -> Segmentation:
        code = parse_optional_language(optional_string(item, "language", None))
        return split_sentences(workspace, require_string(item), code or declared)

    if jsonl:
        raise typer.Exit(run_jsonl(handle))
    result = split_sentences(workspace, read_text_file(file), declared)
    emit(result, as_json=as_json, render=_render_segmentation)


def register(app: typer.Typer) -> None:
    app.command("detect")(detect_command)
    app.command("segment")(segment_command)
