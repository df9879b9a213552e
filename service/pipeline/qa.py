"""Quality assurance: run the registered checks on one translation.

The checks themselves live in :mod:`service.checks`; this stage picks which ones to run
and gathers their findings in registry order.
"""

from collections.abc import Iterable

from service.checks import CHECKS
from service.checks.base import CheckContext
from service.errors import ErrorCode, InputError
from service.models import Finding, Severity


def resolve_check_ids(check_ids: Iterable[str] | None) -> list[str]:
    """The ids to run, in registry order; ``None`` means all. An unknown id is an InputError."""
    if check_ids is None:
        return list(CHECKS)
    wanted = [check_id.strip() for check_id in check_ids]
    unknown = [check_id for check_id in wanted if check_id not in CHECKS]
    if unknown:
        raise InputError(
            f"unknown check {', '.join(map(repr, unknown))}: use one of {', '.join(CHECKS)}",
            code=ErrorCode.UNKNOWN_CHECK,
            unknown=unknown,
            known=list(CHECKS),
        )
    return [check_id for check_id in CHECKS if check_id in wanted]


def run_checks(context: CheckContext, check_ids: Iterable[str] | None = None) -> list[Finding]:
    """All findings of the chosen checks (all registered checks by default) on ``context``."""
    findings: list[Finding] = []
    for check_id in resolve_check_ids(check_ids):
        findings.extend(CHECKS[check_id].check(context))
    return findings


def has_errors(findings: Iterable[Finding]) -> bool:
    """Whether any finding is an error: what makes ``adapt check`` exit 1."""
    return any(finding.severity == Severity.ERROR for finding in findings)
