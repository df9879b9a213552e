"""invisible_characters: Trojan Source controls and zero-width characters, emoji left alone."""

import pytest
from support.checks import run_one

from service.models import Severity

PASSING = [
    ("Hello", "Bonjour 👩‍💻 au travail", "en>fr"),
    ("Family", "Familia 👨‍👩‍👧 feliz", "en>es"),
    ("Love", "Любовь ❤️‍🔥", "en>ru"),
    ("England", "England 🏴󠁧󠁢󠁥󠁮󠁧󠁿 fans", "fr>en"),
    ("Health", "健康👩🏽‍⚕️", "en>zh"),
    ("Hello", "مرحبا بكم", "en>ar"),
]

ERRORS = [
    ("abcdef", "abc\u202edef", "fr>en"),
    ("Text", "\u2066نص\u2069", "en>ar"),
    ("Hello world", "你好\u200b世界", "en>zh"),
    ("Hello", "При\ufeffвет", "en>ru"),
    ("Hello", "ho\u2060la", "en>es"),
    ("Hello", "bon\u202ajour\u202c", "en>fr"),
]

WARNINGS = [
    ("Hello", "\u200fمرحبا", "en>ar"),
    ("Hello", "Hello\u200e", "fr>en"),
    ("Hello", "bon\u200djour", "en>fr"),
    ("Hello", "ho\u200cla", "en>es"),
    ("Hello", "при\u00adвет", "en>ru"),  # soft hyphen: any other invisible format character
    ("Hello", "你\u2061好", "en>zh"),
]


@pytest.mark.parametrize(("source", "target", "languages"), PASSING)
def test_visible_text_and_emoji_sequences_pass(source: str, target: str, languages: str) -> None:
    assert run_one("invisible_characters", source, target, languages) == []


@pytest.mark.parametrize(("source", "target", "languages"), ERRORS)
def test_hidden_controls_are_errors(source: str, target: str, languages: str) -> None:
    findings = run_one("invisible_characters", source, target, languages)
    assert findings and all(finding.severity == Severity.ERROR for finding in findings)


@pytest.mark.parametrize(("source", "target", "languages"), WARNINGS)
def test_characters_that_may_be_intended_are_warnings(
    source: str, target: str, languages: str
) -> None:
    findings = run_one("invisible_characters", source, target, languages)
    assert findings and all(finding.severity == Severity.WARNING for finding in findings)


def test_trojan_source_finding_gives_the_offset_and_the_cve() -> None:
    (finding,) = run_one("invisible_characters", "x", "abc\u202edef", "fr>en")
    assert (finding.start, finding.end) == (3, 4)
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in finding.message
    assert "CVE-2021-42574" in finding.message


def test_every_control_is_reported() -> None:
    findings = run_one("invisible_characters", "x", "\u2067a\u2069 b\u200b", "fr>en")
    assert [(finding.start, finding.severity) for finding in findings] == [
        (0, Severity.ERROR),
        (2, Severity.ERROR),
        (5, Severity.ERROR),
    ]


def test_directional_mark_advice_depends_on_direction() -> None:
    (arabic,) = run_one("invisible_characters", "x", "مرحبا\u200f", "en>ar")
    (english,) = run_one("invisible_characters", "x", "Hello\u200f", "fr>en")
    assert "mixed-direction" in arabic.message
    assert "remove it" in english.message
