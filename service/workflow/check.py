"""Check use cases: run the quality checks on one translation, and list every finding id."""

from collections.abc import Sequence

from service.checks import CHECKS
from service.checks.base import CheckContext
from service.checks.stage import STAGE_FINDINGS
from service.languages import Language
from service.models import Finding, Model, Severity
from service.pipeline.qa import has_errors, resolve_check_ids, run_checks
from service.text.length import platform_rules
from service.workflow.workspace import Workspace

QA_STAGE = "qa"


class CheckRequest(Model):
    """A source text and its translation, and the platform whose length limit applies."""

    source: str
    target: str
    source_language: Language
    target_language: Language
    platform: str | None = None


class CheckReport(Model):
    findings: list[Finding]

    @property
    def has_errors(self) -> bool:
        """Whether any finding is an error: what makes ``adapt check`` exit 1."""
        return has_errors(self.findings)


class FindingKindInfo(Model):
    """One finding id adapt can raise: a check of the registry, or a stage's own finding."""

    id: str
    name: str
    description: str
    severity: Severity
    stage: str


class FindingKinds(Model):
    checks: list[FindingKindInfo]


def validate_check_options(check_ids: Sequence[str] | None, platform: str | None) -> None:
    """Fail on an unknown check id or platform before any input is read."""
    resolve_check_ids(check_ids)
    if platform:
        platform_rules(platform)


def check_translation(
    workspace: Workspace, request: CheckRequest, check_ids: Sequence[str] | None = None
) -> CheckReport:
    """The findings of the chosen checks (all by default) on one translation."""
    context = CheckContext.build(
        source_text=request.source,
        target_text=request.target,
        source_language=request.source_language,
        target_language=request.target_language,
        locales=workspace.locales,
        detector=workspace.detector,
        platform=request.platform,
    )
    return CheckReport(findings=run_checks(context, check_ids))


def finding_kinds() -> FindingKinds:
    """Every finding id: the checks in registry order, then each stage's own findings."""
    checks = [
        FindingKindInfo(
            id=check_id,
            name=check.name,
            description=check.description,
            severity=check.severity,
            stage=QA_STAGE,
        )
        for check_id, check in CHECKS.items()
    ]
    stages = [
        FindingKindInfo(
            id=kind.check_id,
            name=kind.name,
            description=kind.description,
            severity=kind.severity,
            stage=kind.stage,
        )
        for kind in STAGE_FINDINGS.values()
    ]
    return FindingKinds(checks=[*checks, *stages])
