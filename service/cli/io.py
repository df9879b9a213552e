"""Input and output shared by every CLI command: files, stdin, JSON, Rich.

Commands stay thin: they read input here, call one use case, and hand its result model
back here with a function that renders it for people. ``--json`` prints the model's JSON
(``model_dump(mode="json")``, the same JSON the API serves); ``--jsonl`` is in
:mod:`service.cli.jsonl`.
"""

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from pydantic import BaseModel
from rich.console import Console

from service.errors import ErrorCode, InputError
from service.inputs import decode_text, validate_text

Result = TypeVar("Result", bound=BaseModel)
Render = Callable[[Console, Result], None]
# The --json option of a command that prints one result with emit().
JsonOption = Annotated[bool, typer.Option("--json", help="One JSON result.")]
# The --format option of a command that reads statements (the JSON Lines "format" default).
FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        help="markdown or text. By default .md and .markdown files are Markdown; other files, "
        "standard input and JSON Lines are plain text.",
    ),
]

stdout_console = Console(highlight=False, soft_wrap=True)
stderr_console = Console(stderr=True, highlight=False, soft_wrap=True)
STDIN = "-"


def read_text_file(path: str) -> str:
    """Read a UTF-8 text file (``-`` is stdin), validated like any other input."""
    if path == STDIN:
        return decode_text(sys.stdin.buffer.read(), "standard input")
    file_path = Path(path)
    if file_path.is_dir():
        raise InputError(
            f"{path} is a directory: give a file", code=ErrorCode.IS_A_DIRECTORY, path=path
        )
    if not file_path.is_file():
        raise InputError(f"{path}: no such file", code=ErrorCode.FILE_NOT_FOUND, path=path)
    try:
        raw = file_path.read_bytes()
    except OSError as error:
        raise InputError(
            f"{path}: cannot read ({error.strerror})", code=ErrorCode.UNREADABLE_FILE, path=path
        ) from None
    return decode_text(raw, path)


def read_text_argument(text: str) -> str:
    """Validate text given on the command line; ``-`` reads it from stdin."""
    return read_text_file(STDIN) if text == STDIN else validate_text(text, "text")


def to_json(result: BaseModel) -> dict[str, Any]:
    """The JSON of a result model: the one shape every edge speaks."""
    data: dict[str, Any] = result.model_dump(mode="json")
    return data


def dump_json(result: dict[str, Any]) -> str:
    return json.dumps(result, ensure_ascii=False, separators=(",", ":"))


def emit(result: Result, *, as_json: bool, render: Render[Result]) -> None:
    """Print one result as JSON or, by default, for a person."""
    if as_json:
        sys.stdout.write(dump_json(to_json(result)) + "\n")
    else:
        render(stdout_console, result)


# JSON Lines ------------------------------------------------------------------------------
