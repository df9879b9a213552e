"""``adapt check`` and ``adapt checks``: run the quality checks on a translation, list them.

Like a linter, ``adapt check`` exits 1 when any finding is an error, 0 when there are only
warnings and infos or none; bad input exits 2 (as every command).
"""

from collections.abc import Mapping
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from service.checks import CHECKS
from service.checks.base import CheckContext
from service.cli.io import JsonObject, emit, optional_string, require_string, run_jsonl
from service.errors import InputError
from service.languages import Language, parse_language
from service.locales import LocaleConventions, load_locales
from service.models import Finding
from service.pipeline.qa import has_errors, resolve_check_ids, run_checks
from service.settings import Settings
from service.text.length import platform_rules

_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _render_findings(console: Console, result: Mapping[str, Any]) -> None:
    findings = result["findings"]
    if not findings:
        console.print("no findings")
        return
    table = Table("severity", "check", "where", "message", show_lines=True)
    for finding in findings:
        severity = finding["severity"]
        where = f"{finding['start']}-{finding['end']}" if "start" in finding else ""
        table.add_row(
            f"[{_SEVERITY_STYLE.get(severity, '')}]{severity}[/]",
            finding["check"],
            where,
            finding["message"],
        )
    console.print(table)


def _render_registry(console: Console, result: Mapping[str, Any]) -> None:
    table = Table("id", "severity", "name", "description", show_lines=True)
    for check in result["checks"]:
        table.add_row(check["id"], check["severity"], check["name"], check["description"])
    console.print(table)


def _language(item: JsonObject, key: str, option: str | None) -> Language:
    code = optional_string(item, key, option)
    if not code:
        raise InputError(
            f"no {key.replace('_', ' ')}: give --{key.replace('_', '-')} or a {key!r} field"
        )
    return parse_language(code)


def _split_ids(values: list[str] | None) -> list[str] | None:
    """``--check a --check b,c`` -> ``[a, b, c]``; None (all checks) when not given."""
    if not values:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def check_translation(
    item: JsonObject,
    locales: Mapping[Language, LocaleConventions],
    defaults: Mapping[str, str | None],
    check_ids: list[str] | None,
) -> list[Finding]:
    """Run the checks on one ``{"source", "target", "source_lang", "target_lang"}`` object.

    Missing languages and platform fall back to ``defaults`` (the command-line options).
    """
    context = CheckContext.build(
        source_text=require_string(item, "source"),
        target_text=require_string(item, "target"),
        source_language=_language(item, "source_lang", defaults["source_lang"]),
        target_language=_language(item, "target_lang", defaults["target_lang"]),
        locales=locales,
        platform=optional_string(item, "platform", defaults["platform"]) or None,
    )
    return run_checks(context, check_ids)


def _as_json(findings: list[Finding]) -> JsonObject:
    return {"findings": [f.model_dump(mode="json", exclude_none=True) for f in findings]}


def register(app: typer.Typer) -> None:
    @app.command()
    def check(
        context: typer.Context,
        source: Annotated[str | None, typer.Option(help="The source text.")] = None,
        target: Annotated[str | None, typer.Option(help="The translation to check.")] = None,
        source_lang: Annotated[
            str | None, typer.Option(help="Source language: ar zh en fr ru es.")
        ] = None,
        target_lang: Annotated[str | None, typer.Option(help="Target language.")] = None,
        platform: Annotated[
            str | None, typer.Option(help="Check the length for this platform (x…).")
        ] = None,
        only: Annotated[
            list[str] | None, typer.Option("--check", help="Run only these check ids.")
        ] = None,
        as_json: Annotated[bool, typer.Option("--json", help="One JSON result.")] = False,
        jsonl: Annotated[
            bool, typer.Option("--jsonl", help="Pairs as JSON lines on stdin.")
        ] = False,
    ) -> None:
        """Check a translation against its source; exit 1 if any finding is an error."""
        settings: Settings = context.obj
        locales = load_locales(settings.locales_dir)
        check_ids = _split_ids(only)
        resolve_check_ids(check_ids)  # an unknown id or platform fails before input is read
        if platform:
            platform_rules(platform)
        defaults = {"source_lang": source_lang, "target_lang": target_lang, "platform": platform}
        if jsonl:
            if source is not None or target is not None:
                raise InputError(
                    "--jsonl reads sources and targets from stdin: drop --source/--target"
                )
            raise typer.Exit(_run_lines(locales, defaults, check_ids))
        if source is None or target is None:
            raise InputError(
                "give both --source and --target (or --jsonl to read pairs from stdin)"
            )
        item = {"source": source, "target": target}
        findings = check_translation(item, locales, defaults, check_ids)
        emit(_as_json(findings), as_json=as_json, render=_render_findings)
        if has_errors(findings):
            raise typer.Exit(1)

    @app.command()
    def checks(
        as_json: Annotated[bool, typer.Option("--json", help="One JSON result.")] = False,
    ) -> None:
        """List the quality checks: id, severity, name and what each one verifies."""
        listing = [
            {
                "id": check_id,
                "name": check.name,
                "description": check.description,
                "severity": check.severity.value,
            }
            for check_id, check in CHECKS.items()
        ]
        emit({"checks": listing}, as_json=as_json, render=_render_registry)


def _run_lines(
    locales: Mapping[Language, LocaleConventions],
    defaults: Mapping[str, str | None],
    check_ids: list[str] | None,
) -> int:
    """JSON Lines mode: 2 if a line was bad input, else 1 if any finding was an error, else 0."""
    saw_error = False

    def handle(item: JsonObject) -> JsonObject:
        nonlocal saw_error
        findings = check_translation(item, locales, defaults, check_ids)
        saw_error = saw_error or has_errors(findings)
        return _as_json(findings)

    code = run_jsonl(handle)
    return code or (1 if saw_error else 0)
