"""``adapt detect`` and ``adapt segment``: which language a text is in, and its sentences."""

from collections.abc import Mapping
from functools import partial
from typing import Annotated, Any

import typer
from rich.console import Console

from service.cli.io import (
    FormatOption,
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
from service.languages import Language, parse_optional_language
from service.locales import LocaleConventions, load_locales
from service.pipeline.detect import detect_language
from service.settings import Settings
from service.workflow import Workspace, statement_format, statement_sentences

Locales = Mapping[Language, LocaleConventions]


def _render_detection(console: Console, result: Mapping[str, Any]) -> None:
    if result["language"] == "und":
        console.print("und: not recognisably one of the six UN languages")
    else:
        console.print(f"{result['language']}  (confidence {result['confidence']:.2f})")


def _render_segmentation(console: Console, result: Mapping[str, Any]) -> None:
    console.print(f"Language: [bold]{result['language']}[/]", markup=True)
    for number, sentence in enumerate(result["sentences"], start=1):
        line = f"{number:>3}  [{sentence['start']}:{sentence['end']}]  {sentence['text']}"
        console.print(line, markup=False)


def _sentences_json(
    workspace: Workspace,
    language: Language | None,
    format: str | None,
    item: JsonObject,
    file_name: str | None = None,
) -> JsonObject:
    """One statement's sentences as JSON; the item's fields override the command's options."""
    code = optional_string(item, "language", None)
    return statement_sentences(
        workspace,
        require_string(item),
        parse_optional_language(code) if code is not None else language,
        statement_format(optional_string(item, "format", format), file_name),
    ).model_dump(mode="json")


def _locales(context: typer.Context) -> Locales:
    settings: Settings = context.obj
    return load_locales(settings.locales_dir)


def register(app: typer.Typer) -> None:
    @app.command()
    def detect(
        context: typer.Context,
        text: Annotated[str | None, typer.Argument(help="The text to identify.")] = None,
        as_json: JsonOption = False,
        jsonl: Annotated[
            bool, typer.Option("--jsonl", help="Texts as JSON lines on stdin.")
        ] = False,
    ) -> None:
        """Tell which of the six UN languages a text is in ("und" if none can be told)."""
        locales = _locales(context)

        def handle(item: JsonObject) -> JsonObject:
            return detect_language(require_string(item), locales).as_json()

        if jsonl:
            raise typer.Exit(run_jsonl(handle))
        if text is None:
            raise InputError("give the TEXT to identify, or --jsonl to read JSON lines on stdin")
        emit(handle({"text": read_text_argument(text)}), as_json=as_json, render=_render_detection)

    @app.command("segment")
    def segment_command(
        context: typer.Context,
        file: Annotated[str, typer.Argument(help="Text file to split; - for stdin.")] = "-",
        language: Annotated[
            str | None, typer.Option(help="Language of the text; detected when not given.")
        ] = None,
        format: FormatOption = None,
        as_json: JsonOption = False,
        jsonl: Annotated[
            bool, typer.Option("--jsonl", help='Objects {"text", "language"?} on stdin.')
        ] = False,
    ) -> None:
        """Split a statement into sentences, read as `lines` does, with offsets into the input."""
        default = parse_optional_language(language)  # a bad --language fails once, first
        handle = partial(_sentences_json, Workspace(context.obj), default, format)
        if jsonl:
            raise typer.Exit(run_jsonl(handle))
        result = handle({"text": read_text_file(file)}, file)
        emit(result, as_json=as_json, render=_render_segmentation)
