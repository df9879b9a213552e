"""Build check contexts and run one check in tests, from the bundled locales."""

from service.checks import CHECKS
from service.checks.base import CheckContext
from service.languages import parse_language
from service.locales import load_locales
from service.models import Finding
from service.pipeline.detect import LanguageDetector
from service.settings import REPOSITORY_ROOT

LOCALES = load_locales(REPOSITORY_ROOT / "locales")
DETECTOR = LanguageDetector(LOCALES)


def context(
    source: str,
    target: str,
    source_language: str,
    target_language: str,
    *,
    platform: str | None = None,
    protected_hashtags: frozenset[str] | None = None,
    hashtag_equivalents: dict[str, frozenset[str]] | None = None,
    do_not_translate: frozenset[str] = frozenset(),
) -> CheckContext:
    return CheckContext.build(
        source_text=source,
        target_text=target,
        source_language=parse_language(source_language),
        target_language=parse_language(target_language),
        locales=LOCALES,
        detector=DETECTOR,
        platform=platform,
        protected_hashtags=protected_hashtags,
        hashtag_equivalents=hashtag_equivalents,
        do_not_translate=do_not_translate,
    )


def run_one(
    check_id: str,
    source: str,
    target: str,
    languages: str,
    *,
    platform: str | None = None,
    protected_hashtags: frozenset[str] | None = None,
    hashtag_equivalents: dict[str, frozenset[str]] | None = None,
    do_not_translate: frozenset[str] = frozenset(),
) -> list[Finding]:
    """Run one registered check; ``languages`` is ``"en>fr"`` (source > target).

    Also asserts what holds for every finding: its check id, a message, offsets in the target.
    """
    source_language, target_language = languages.split(">")
    built = context(
        source,
        target,
        source_language,
        target_language,
        platform=platform,
        protected_hashtags=protected_hashtags,
        hashtag_equivalents=hashtag_equivalents,
        do_not_translate=do_not_translate,
    )
    findings = CHECKS[check_id].check(built)
    for finding in findings:
        assert finding.check == check_id
        assert finding.message.strip()
        if finding.start is not None:
            assert finding.end is not None
            assert 0 <= finding.start <= finding.end <= len(target)
    return findings
