"""``adapt check`` and ``adapt checks``: run the quality checks on a translation, list them.

Like a linter, ``adapt check`` exits 1 when any finding is an error, 0 when there are only
warnings and infos or none; bad input exits 2 (as every command).
"""

from collections.abc import Mapping
from typing import Annotated

import typer

from service.cli.io import JsonOption, emit, read_text_argument
from service.cli.jsonl import JsonlOption, JsonObject, optional_string, require_string, run_jsonl
from service.cli.render import render_finding_kinds, render_findings
from service.errors import InputError
from service.languages import Language, parse_language
from service.workflow import Workspace
from service.workflow.check import (
    CheckReport,
    CheckRequest,
    check_translation,
    finding_kinds,
    validate_check_options,
)

LanguageOption = Annotated[str | None, typer.Option(help="Language: ar zh en fr ru es.")]


def _language(item: JsonObject, key: str, option: str | None) -> Language:
    code = optional_string(item, key, option)
    if not code:
        flag = "--" + key.replace("_", "-")
        raise InputError(f"no {key.replace('_', ' ')}: give {flag} or a {key!r} field")
    return parse_language(code)


def _split_ids(values: list[str] | None) -> list[str] | None:
    """``--check a --check b,c`` -> ``[a, b, c]``; None (all checks) when not given."""
    if not values:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _request(item: JsonObject, defaults: Mapping[str, str | None]) -> CheckRequest:
    """A check request from a JSON object; missing fields fall back to the options."""
    return CheckRequest(
        source=require_string(item, "source"),
        target=require_string(item, "target"),
        source_language=_language(item, "source_lang", defaults["source_lang"]),
        target_language=_language(item, "target_lang", defaults["target_lang"]),
        platform=optional_string(item, "platform", defaults["platform"]) or None,
    )


def _check_lines(
    workspace: Workspace, defaults: Mapping[str, str | None], check_ids: list[str] | None
) -> int:
    """JSON Lines mode: 2 if a line was bad input, else 1 if any finding was an error, else 0."""
    saw_error = False

    def handle(item: JsonObject) -> CheckReport:
        nonlocal saw_error
        report = check_translation(workspace, _request(item, defaults), check_ids)
        saw_error = saw_error or report.has_errors
        return report

    return run_jsonl(handle) or (1 if saw_error else 0)


def check(
    context: typer.Context,
    source: Annotated[str | None, typer.Option(help="The source text; - for stdin.")] = None,
    target: Annotated[str | None, typer.Option(help="The translation to check.")] = None,
    source_lang: LanguageOption = None,
    target_lang: LanguageOption = None,
    platform: Annotated[str | None, typer.Option(help="Check the length for it (x…).")] = None,
    only: Annotated[list[str] | None, typer.Option("--check", help="Only these ids.")] = None,
    as_json: JsonOption = False,
    jsonl: JsonlOption = False,
) -> None:
    """Check a translation against its source; exit 1 if any finding is an error."""
    check_ids = _split_ids(only)
    validate_check_options(check_ids, platform)
    defaults = {"source_lang": source_lang, "target_lang": target_lang, "platform": platform}
    workspace = Workspace(context.obj)
    if jsonl:
        if source is not None or target is not None:
            raise InputError("--jsonl reads sources and targets from stdin: drop --source/--target")
        raise typer.Exit(_check_lines(workspace, defaults, check_ids))
    if source is None or target is None:
        raise InputError("give both --source and --target (or --jsonl to read pairs from stdin)")
    item = {"source": read_text_argument(source), "target": target}
    report = check_translation(workspace, _request(item, defaults), check_ids)
    emit(report, as_json=as_json, render=render_findings)
    if report.has_errors:
        raise typer.Exit(1)


def checks(as_json: JsonOption = False) -> None:
    """List every finding id: the checks, and the findings the stages raise, with severity."""
    emit(finding_kinds(), as_json=as_json, render=render_finding_kinds)


def register(app: typer.Typer) -> None:
    app.command()(check)
    app.command()(checks)
