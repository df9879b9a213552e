"""entities_preserved: links, mentions and protected hashtags survive translation."""

import pytest
from support.checks import run_one

from service.checks.entities import hashtag_key
from service.models import Severity

SOURCE = "Read more at https://un.org/sdgs via @UN #GlobalGoals"

PASSING = [
    (SOURCE, "En savoir plus sur https://un.org/sdgs via @UN #GlobalGoals", "en>fr"),
    (SOURCE, "Más información en https://un.org/sdgs vía @un #globalgoals", "en>es"),
    (SOURCE, "Подробнее: https://un.org/sdgs @UN #GlobalGoals", "en>ru"),
    (SOURCE, "了解更多 https://un.org/sdgs @UN #GlobalGoals", "en>zh"),
    (SOURCE, "اقرأ المزيد https://un.org/sdgs @UN #GlobalGoals", "en>ar"),
    ("Hello", "Bonjour", "en>fr"),
]

FAILING = [
    (SOURCE, "En savoir plus via @UN #GlobalGoals", "en>fr"),  # link dropped
    (SOURCE, "Más información en https://un.org/es/sdgs vía @UN #GlobalGoals", "en>es"),
    (SOURCE, "Подробнее: https://un.org/sdgs #GlobalGoals", "en>ru"),  # mention dropped
    (SOURCE, "了解更多 https://un.org/sdgs @UN", "en>zh"),  # hashtag dropped
    (SOURCE, "اقرأ المزيد https://un.org/sdgs @UN #الأهداف_العالمية", "en>ar"),  # no equivalent
    ("#SDG3", "#ODD3", "en>fr"),
]


@pytest.mark.parametrize(("source", "target", "languages"), PASSING)
def test_entities_kept(source: str, target: str, languages: str) -> None:
    assert run_one("entities_preserved", source, target, languages) == []


@pytest.mark.parametrize(("source", "target", "languages"), FAILING)
def test_entities_lost(source: str, target: str, languages: str) -> None:
    findings = run_one("entities_preserved", source, target, languages)
    assert any(finding.severity == Severity.ERROR for finding in findings)


def test_localized_official_hashtag_replaces_the_source_one() -> None:
    target = "اقرأ المزيد https://un.org/sdgs @UN #الأهداف_العالمية"
    equivalents = {"#GlobalGoals": frozenset({"#الأهداف_العالمية"})}
    assert (
        run_one("entities_preserved", SOURCE, target, "en>ar", hashtag_equivalents=equivalents)
        == []
    )
    findings = run_one(
        "entities_preserved",
        "#SDG3",
        "#ODD4",
        "en>fr",
        hashtag_equivalents={"sdg3": frozenset({"ODD3"})},
    )
    assert "#SDG3 (or #ODD3)" in findings[0].message


def test_only_protected_hashtags_must_stay() -> None:
    source = "Join us #WorldHealthDay #HealthForAll"
    target = "Rejoignez-nous #WorldHealthDay #SantéPourTous"
    assert run_one("entities_preserved", source, target, "en>fr")
    protected = frozenset({"#worldhealthday"})
    assert (
        run_one("entities_preserved", source, target, "en>fr", protected_hashtags=protected) == []
    )


def test_new_links_and_mentions_are_warnings_with_offsets() -> None:
    target = "Voir https://evil.com/a @Someone"
    findings = run_one("entities_preserved", "See", target, "en>fr")
    assert [(f.severity, f.start, f.end) for f in findings] == [
        (Severity.WARNING, 5, 23),
        (Severity.WARNING, 24, 32),
    ]


def test_missing_link_message_says_what_to_do() -> None:
    (finding,) = run_one("entities_preserved", "See https://un.org", "Voir", "en>fr")
    assert "https://un.org" in finding.message and "copy it unchanged" in finding.message


def test_hashtag_key() -> None:
    assert hashtag_key("#GlobalGoals") == hashtag_key("globalgoals") == hashtag_key("＃GLOBALGOALS")
