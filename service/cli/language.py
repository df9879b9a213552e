"""``adapt detect`` and ``adapt segment``: which language a text is in, and its sentences."""

from collections.abc import Mapping
from typing import Annotated, Any

import typer
from rich.console import Console

from service.cli.io import (
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
from service.languages import Language, parse_language
from service.locales import LocaleConventions, load_locales
from service.pipeline.detect import detect_language
from service.pipeline.segment.sentences import segment
from service.settings import Settings

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


def _settled_language(text: str, code: str | None, locales: Locales) -> Language:
    """The language given, or the detected one; "und" without ``--language`` is an error."""
    if code:
        return parse_language(code)
    detection = detect_language(text, locales)
    if detection.language is None:
        raise InputError(
            "cannot tell which of the six UN languages this text is in; "
            "give it with --language (ar, zh, en, fr, ru, es)"
        )
    return detection.language


def _segment_json(text: str, code: str | None, locales: Locales) -> JsonObject:
    language = _settled_language(text, code, locales)
    return segment(text, language, locales[language]).model_dump(mode="json")


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
        as_json: JsonOption = False,
        jsonl: Annotated[
            bool, typer.Option("--jsonl", help='Objects {"text", "language"?} on stdin.')
        ] = False,
    ) -> None:
        """Split a text into sentences, with character offsets into the text."""
        locales = _locales(context)
        if language is not None:
            parse_language(language)  # a bad --language fails once, before any input is read

        def handle(item: JsonObject) -> JsonObject:
            code = optional_string(item, "language", language)
            return _segment_json(require_string(item), code, locales)

        if jsonl:
            raise typer.Exit(run_jsonl(handle))
        result = _segment_json(read_text_file(file), language, locales)
        emit(result, as_json=as_json, render=_render_segmentation)
