"""``--jsonl``: one input per line of stdin, exactly one output per input line.

Each output carries ``"line": N``; a blank or malformed line gets an error record with its
code, and the other lines go on. The exit code is 2 if any line failed, else 0.
"""

import json
import sys
from collections.abc import Callable, Sequence
from functools import partial
from typing import Annotated, Any

import typer
from pydantic import BaseModel

from service.cli.errors import describe
from service.cli.io import dump_json, to_json
from service.errors import ErrorCode, InputError
from service.inputs import validate_text
from service.workflow.outcomes import Outcome, attempt, map_ok

JsonObject = dict[str, Any]
JsonlOption = Annotated[bool, typer.Option("--jsonl", help="Inputs as JSON lines on stdin.")]


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
