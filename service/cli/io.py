"""Input and output shared by every CLI command: files, stdin, JSON, JSON Lines, Rich.

Commands stay thin: they read input here, call the core, and hand a JSON-ready dict back
here together with a function that renders it for humans.
"""

import json
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from service.errors import AdaptError, InputError
from service.text.inputs import decode_text, validate_text

JsonObject = dict[str, Any]
Handler = Callable[[JsonObject], Mapping[str, Any]]
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


def read_text_file(path: str) -> str:
    """Read a UTF-8 text file (``-`` is stdin), validated like any other input."""
    if path == "-":
        return decode_text(sys.stdin.buffer.read(), "standard input")
    file_path = Path(path)
    if not file_path.is_file():
        raise InputError(f"{path}: no such file")
    try:
        raw = file_path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None
    return decode_text(raw, path)


def read_text_argument(text: str) -> str:
    """Validate text given on the command line."""
    return validate_text(text, "text")


def dump_json(result: Mapping[str, Any]) -> str:
    return json.dumps(result, ensure_ascii=False, separators=(",", ":"))


def emit(
    result: Mapping[str, Any],
    *,
    as_json: bool,
    render: Callable[[Console, Mapping[str, Any]], None],
) -> None:
    """Print one result as JSON or, by default, for a human."""
    if as_json:
        sys.stdout.write(dump_json(result) + "\n")
    else:
        render(stdout_console, result)


def _parse_jsonl_line(raw: bytes, number: int) -> JsonObject:
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(f"line {number} is not valid UTF-8 (byte {error.start})") from None
    try:
        value = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(
            f"line {number} is not JSON: {error.msg} at column {error.colno}"
        ) from None
    if isinstance(value, str):
        value = {"text": value}
    if not isinstance(value, dict):
        raise InputError(f'line {number} must be a JSON string or an object with "text"')
    if "text" in value:
        if not isinstance(value["text"], str):
            raise InputError(f'line {number}: "text" must be a string')
        value["text"] = validate_text(value["text"], f"line {number}")
    return value


Outcome = Mapping[str, Any] | AdaptError
BatchHandler = Callable[[list[JsonObject]], list[Outcome]]


def run_jsonl_batches(handle_many: BatchHandler, batch_size: int) -> int:
    """Read JSON lines from stdin in batches of ``batch_size`` good lines, one result per line.

    ``handle_many`` gets the parsed objects of a batch and returns one result or one
    :class:`AdaptError` per object, in order. Results are written in input order; a line
    that fails gives ``{"line": N, "error": "..."}`` and the rest go on. The exit code is 2
    if any line failed, else 0. Blank lines are skipped.
    """
    failed = False
    pending: list[tuple[int, JsonObject | AdaptError]] = []

    def flush() -> None:
        nonlocal failed
        items = [item for _, item in pending if not isinstance(item, AdaptError)]
        outputs = iter(handle_many(items) if items else [])
        for number, item in pending:
            outcome = item if isinstance(item, AdaptError) else next(outputs)
            if isinstance(outcome, AdaptError):
                failed = True
                outcome = {"line": number, "error": outcome.message}
            sys.stdout.write(dump_json(outcome) + "\n")
        sys.stdout.flush()
        pending.clear()

    good = 0
    for number, raw in enumerate(sys.stdin.buffer, start=1):
        if not raw.strip():
            continue
        try:
            pending.append((number, _parse_jsonl_line(raw.rstrip(b"\r\n"), number)))
            good += 1
        except AdaptError as error:
            pending.append((number, error))
        if good >= batch_size:
            flush()
            good = 0
    flush()
    return 2 if failed else 0


def run_jsonl(handler: Handler) -> int:
    """Apply ``handler`` to each JSON line of stdin as it arrives (see run_jsonl_batches)."""

    def handle_each(items: list[JsonObject]) -> list[Outcome]:
        outcomes: list[Outcome] = []
        for item in items:
            try:
                outcomes.append(handler(item))
            except AdaptError as error:
                outcomes.append(error)
        return outcomes

    return run_jsonl_batches(handle_each, batch_size=1)


def require_string(item: JsonObject, key: str = "text") -> str:
    """A required string field of a JSON Lines object, validated like any text input."""
    value = item.get(key)
    if not isinstance(value, str):
        raise InputError(f"each line needs a string field {key!r}")
    return validate_text(value, key)


def optional_string(item: JsonObject, key: str, default: str | None) -> str | None:
    """An optional string field of a JSON Lines object (the command-line option by default)."""
    value = item.get(key, default)
    if value is not None and not isinstance(value, str):
        raise InputError(f"field {key!r} must be a string")
    return value
