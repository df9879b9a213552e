"""Findings the pipeline's stages raise themselves, beside the checks of the registry.

A check (:mod:`service.checks`) judges a finished text against its source; these findings
come from the work of a stage: a pair no model serves, an entity the engine dropped, a
glossary repair, a slot in quiet hours. Each has a stable id, like a check, and is listed by
``adapt checks`` with the stage that raises it. Nothing outside this module and
:class:`service.checks.base.Check` builds a :class:`~service.models.Finding`.
"""

from dataclasses import dataclass

from service.checks.base import new_finding
from service.models import Finding, Severity


@dataclass(frozen=True)
class StageFinding:
    """A kind of finding a stage raises: stable id, name, description, default severity."""

    check_id: str
    name: str
    description: str
    severity: Severity
    stage: str

    def finding(
        self,
        message: str,
        *,
        severity: Severity | None = None,
        start: int | None = None,
        end: int | None = None,
        suggestion: str | None = None,
    ) -> Finding:
        """A finding of this kind, at its default severity unless told otherwise."""
        return new_finding(
            self.check_id, severity or self.severity, message, start, end, suggestion
        )


NO_TRANSLATION_AVAILABLE = StageFinding(
    "no_translation_available",
    "No translation available",
    "No installed model serves the language pair (not even through English), so the "
    "rendition is empty; the message names the packages it needs.",
    Severity.ERROR,
    "translate",
)
ENTITY_RESTORED = StageFinding(
    "entity_restored",
    "Entity restored",
    "Machine translation dropped or repeated a link, mention, hashtag or emoji; it was put "
    "back (at the end of the post, if dropped) or kept once.",
    Severity.WARNING,
    "translate",
)
ENTITY_LOST = StageFinding(
    "entity_lost",
    "Entity lost",
    "Machine translation dropped a number or a do-not-translate name that cannot be put back "
    "automatically.",
    Severity.ERROR,
    "translate",
)
GLOSSARY_REPAIRED = StageFinding(
    "glossary_repaired",
    "Glossary repair",
    "A foreign or unofficial form of a UN term was replaced by its official form.",
    Severity.INFO,
    "translate",
)
GLOSSARY_TERM_MISSING = StageFinding(
    "glossary_term_missing",
    "Official term missing",
    "The source names a glossary term whose official rendering the translation does not use.",
    Severity.WARNING,
    "translate",
)
TERM_UNVERIFIED = StageFinding(
    "term_unverified",
    "Official term not verified",
    "The translation uses an official term whose termbase cell is not verified against a "
    "source; the message names the term and the cell for the reviewer to check.",
    Severity.INFO,
    "translate",
)
TYPOGRAPHY_SUGGESTION = StageFinding(
    "typography_suggestion",
    "Typography suggestion",
    "Approved text (the source, or a translation from memory) that does not follow the "
    "language's typography is never changed automatically: the fix is suggested for a person "
    "to apply by editing.",
    Severity.INFO,
    "postedit",
)
QUIET_HOURS = StageFinding(
    "quiet_hours",
    "Quiet hours",
    "The slot falls in the quiet hours of some of the audience's zones (a warning for an "
    "urgent post, else information).",
    Severity.INFO,
    "schedule",
)
BELOW_THRESHOLD = StageFinding(
    "below_threshold",
    "Coverage below threshold",
    "Fewer of the audience's zones than the threshold are in a posting window at the slot.",
    Severity.WARNING,
    "schedule",
)
OBSERVANCE_AHEAD = StageFinding(
    "observance_ahead",
    "Observance ahead",
    "The slot is before the observance's date in every zone.",
    Severity.INFO,
    "schedule",
)
OBSERVANCE_DATE = StageFinding(
    "observance_date",
    "Observance date",
    "At the slot, it is not the observance's date in some of the audience's zones.",
    Severity.WARNING,
    "schedule",
)
PLAN_FROM_NOW = StageFinding(
    "plan_from_now",
    "Planned from now",
    "The plan was asked to start in the past; its slots start from now.",
    Severity.INFO,
    "schedule",
)

STAGE_FINDINGS: dict[str, StageFinding] = {
    kind.check_id: kind
    for kind in (
        NO_TRANSLATION_AVAILABLE,
        ENTITY_RESTORED,
        ENTITY_LOST,
        GLOSSARY_REPAIRED,
        GLOSSARY_TERM_MISSING,
        TERM_UNVERIFIED,
        TYPOGRAPHY_SUGGESTION,
        QUIET_HOURS,
        BELOW_THRESHOLD,
        OBSERVANCE_AHEAD,
        OBSERVANCE_DATE,
        PLAN_FROM_NOW,
    )
}
