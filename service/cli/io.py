"""Input and output shared by every CLI command: files, stdin, JSON, JSON Lines, Rich.

Commands stay thin: they read input here, call one use case, and hand its result model
back here with a function that renders it for people. ``--json`` prints the model's JSON
(``model_dump(mode="json")``, the same JSON the API serves); ``--jsonl`` reads one input per
line of stdin and writes exactly one result per input line, each carrying ``"line": N``.
"""

import json
import sys
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from pydantic import BaseModel
from rich.console import Console

from service.cli.errors import describe
from service.errors import ErrorCode, InputError
from service.inputs import decode_text, validate_text
from service.workflow.outcomes import Outcome, attempt, map_ok

JsonObject = dict[str, Any]
Result = TypeVar("Result", bound=BaseModel)
Render = Callable[[Console, Result], None]
# The --json option of a command that prints one result with emit().
JsonOption = Annotated[bool, typer.Option("--json", help="One JSON result.")]
JsonlOption = Annotated[bool, typer.Option("--jsonl", help="Inputs as JSON lines on stdin.")]
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


def to_json(result: BaseModel) -> JsonObject:
    """The JSON of a result model: the one shape every edge speaks."""
    data: JsonObject = result.model_dump(mode="json")
    return data


def dump_json(result: JsonObject) -> str:
    return json.dumps(result, ensure_ascii=False, separators=(",", ":"))


def emit(result: Result, *, as_json: bool, render: Render[Result]) -> None:
    """Print one result as JSON or, by default, for a person."""
    if as_json:
        sys.stdout.write(dump_json(to_json(result)) + "\n")
    else:
        render(stdout_console, result)


# JSON Lines ------------------------------------------------------------------------------


def _parse_jsonl_line(raw: bytes, number: int) -> JsonObject:
    if not raw.strip():
        raise InputError(f"line {number} is blank", code=ErrorCode.EMPTY_INPUT, line=number)
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(
            f"line {number} is not valid UTF-8 (byte {error.start})",
            code=ErrorCode.INVALID_ENCODING,
            line=number,
        ) from None
    try:
        value = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(
            f"line {number} is not JSON: {error.msg} at column {error.colno}",
            code=ErrorCode.INVALID_JSON,
            line=number,
        ) from None
    if isinstance(value, str):
        value = {"text": value}
    if not isinstance(value, dict):
        raise InputError(
            f'line {number} must be a JSON string or an object with "text"',
            code=ErrorCode.INVALID_JSON,
            line=number,
        )
    return value


def outcome_json(number: int, outcome: Outcome[BaseModel]) -> JsonObject:
    """One JSON Lines output: the result, or ``{"error", "code"}``; both carry ``"line"``."""
    if outcome.error is not None:
        return {"line": number, "error": describe(outcome.error), "code": outcome.error.code}
    return {"line": number, **to_json(outcome.unwrap())}


BatchHandler = Callable[[list[JsonObject]], Sequence[Outcome[BaseModel]]]


def run_jsonl_batches(handle_many: BatchHandler, batch_size: int) -> int:
    """Read JSON lines from stdin ``batch_size`` at a time; exactly one output per input line.

    ``handle_many`` gets the parsed objects of a batch and returns one outcome per object,
    in order. Outputs are written in input order as soon as their batch is done. The exit
    code is 2 if any line failed (a blank or malformed line fails too), else 0.
    """
    failed = False
    pending: list[Outcome[JsonObject]] = []
    first = 1  # the line number of pending[0]

    def flush() -> None:
        nonlocal failed, first
        for number, outcome in enumerate(map_ok(pending, handle_many), start=first):
            failed = failed or not outcome.ok
            sys.stdout.write(dump_json(outcome_json(number, outcome)) + "\n")
        sys.stdout.flush()
        first += len(pending)
        pending.clear()

    for number, raw in enumerate(sys.stdin.buffer, start=1):
        pending.append(attempt(partial(_parse_jsonl_line, number=number), raw.rstrip(b"\r\n")))
        if len(pending) >= batch_size:
            flush()
    flush()
    return 2 if failed else 0


def run_jsonl(handler: Callable[[JsonObject], BaseModel]) -> int:
    """Apply ``handler`` to each JSON line of stdin as it arrives (see run_jsonl_batches)."""

    def handle_each(items: list[JsonObject]) -> list[Outcome[BaseModel]]:
        return [attempt(handler, item) for item in items]

    return run_jsonl_batches(handle_each, batch_size=1)


def require_string(item: JsonObject, key: str = "text") -> str:
    """A required string field of a JSON Lines object, validated like any text input."""
    value = item.get(key)
    if not isinstance(value, str):
        raise InputError(f"each line needs a string field {key!r}", field=key)
    return validate_text(value, key)


def optional_string(item: JsonObject, key: str, default: str | None) -> str | None:
    """An optional string field of a JSON Lines object (the command-line option by default)."""
    value = item.get(key, default)
    if value is not None and not isinstance(value, str):
        raise InputError(f"field {key!r} must be a string", field=key)
    return value
