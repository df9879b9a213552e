"""Rich views shared by several commands: findings coloured by severity, tables that wrap.

Every view takes the result model a use case returned; none computes anything.
"""

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from service.models import Finding, Severity
from service.workflow.check import CheckReport, FindingKinds

SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def severity_text(severity: Severity) -> Text:
    return Text(severity.value, style=SEVERITY_STYLE[severity])


def findings_table(findings: Sequence[Finding]) -> Table:
    """Severity (coloured), id, where and message, one row per finding; long text wraps."""
    table = Table("severity", "check", "where", "message", show_lines=True, expand=False)
    table.columns[3].overflow = "fold"
    for finding in findings:
        where = f"{finding.start}-{finding.end}" if finding.start is not None else ""
        table.add_row(severity_text(finding.severity), finding.check, where, Text(finding.message))
    return table


def render_findings(console: Console, report: CheckReport) -> None:
    if not report.findings:
        console.print("no findings")
        return
    console.print(findings_table(report.findings))


def render_finding_kinds(console: Console, kinds: FindingKinds) -> None:
    table = Table("id", "severity", "stage", "name", "description", show_lines=True)
    for kind in kinds.checks:
        table.add_row(
            kind.id, severity_text(kind.severity), kind.stage, kind.name, Text(kind.description)
        )
    console.print(table)
