"""typography: the target language's punctuation and spacing, driven by locales/*.toml."""

import pytest
from support.checks import run_one

from service.models import Severity

NNBSP, NBSP = "\u202f", "\u00a0"

PASSING = [
    ("Why?", f"Pourquoi{NNBSP}?", "en>fr"),
    ("Why?", f"Pourquoi{NBSP}?", "en>fr"),
    ("Warning: danger!", f"Attention{NNBSP}: danger{NNBSP}!", "en>fr"),
    ("What?!", f"Quoi{NNBSP}?!", "en>fr"),
    ("“Hello”", f"«{NNBSP}Bonjour{NNBSP}»", "en>fr"),
    ("At 10:30", "À 10:30", "en>fr"),
    ("Thanks :)", "Merci :)", "en>fr"),
    ("See https://un.org/?q=1", "Voir https://un.org/?q=1", "en>fr"),
    ("What is happening?", "¿Qué pasa?", "en>es"),
    ("Hello!", "¡Hola!", "en>es"),
    ("If you come, what will we do?", "Si vienes, ¿qué haremos?", "en>es"),
    ("What?!", "¡¿Qué?!", "en>es"),
    ("Are you coming to the USA?", "¿Vienes a EE. UU.?", "en>es"),
    ("See https://un.org/?q=1", "Visita https://un.org/?q=1", "en>es"),
    ("We, you", "我们，你们", "en>zh"),
    ("Version 7.1 is out.", "版本7.1发布。", "en>zh"),
    ("See https://un.org/zh/?a=1,2", "访问 https://un.org/zh/?a=1,2", "en>zh"),
    ("WHO (World Health Organization)", "世界卫生组织（WHO）", "en>zh"),
    ("What?", "ماذا؟", "en>ar"),
    ("Hello, how are you?", "مرحبا، كيف حالك؟", "en>ar"),
    ("1,000 people", "1,000 شخص", "en>ar"),
    ("See https://un.org/ar?x=1", "انظر https://un.org/ar?x=1", "en>ar"),
    ("Why? Because!", "Why? Because: reasons!", "fr>en"),
    ("He said “hello”.", "He said “hello”.", "fr>en"),
    ("Why? Because!", "Почему? Потому что!", "en>ru"),
    ("“Hello”", "«Привет»", "en>ru"),
]

FAILING = [
    ("Why?", "Pourquoi ?", "en>fr"),
    ("Why?", "Pourquoi?", "en>fr"),
    ("Warning: danger", "Attention : danger", "en>fr"),
    ("“Hello”", "« Bonjour »", "en>fr"),
    ("“Hello”", "«Bonjour»", "en>fr"),
    ("What is happening?", "Qué pasa?", "en>es"),
    ("Hello!", "Hola!", "en>es"),
    ("What is happening?", "¿Qué pasa.", "en>es"),
    ("Hello. What?", "Hola. Qué?", "en>es"),
    ("We, you", "我们,你们", "en>zh"),
    ("Hello!", "你好!", "en>zh"),
    ("(World)", "(世界)", "en>zh"),
    ("World.", "世界.", "en>zh"),
    ("What?", "ماذا?", "en>ar"),
    ("What?", "ماذا ?", "en>ar"),
    ("Hello, how", "مرحبا, كيف", "en>ar"),
    ("Yes; no", "نعم; لا", "en>ar"),
    ("He said “hello”.", 'He said "hello".', "fr>en"),
    ("He said “hello”.", 'Он сказал "привет".', "en>ru"),
]


@pytest.mark.parametrize(("source", "target", "languages"), PASSING)
def test_good_typography(source: str, target: str, languages: str) -> None:
    assert run_one("typography", source, target, languages) == []


@pytest.mark.parametrize(("source", "target", "languages"), FAILING)
def test_bad_typography(source: str, target: str, languages: str) -> None:
    assert run_one("typography", source, target, languages)


@pytest.mark.parametrize(
    ("target", "languages", "span", "expected"),
    [
        ("Pourquoi ?", "en>fr", (8, 9), "normal space before '?'"),
        ("Pourquoi?", "en>fr", (8, 9), "No space before '?'"),
        ("«Bonjour»", "en>fr", (0, 1), "No space after '«'"),
        ("Qué pasa?", "en>es", (8, 9), "no opening '¿'"),
        ("¿Qué pasa.", "en>es", (0, 1), "not closed with '?'"),
        ("我们,你们", "en>zh", (2, 3), "use '，'"),
        ("ماذا?", "en>ar", (4, 5), "use '؟'"),
    ],
)
def test_findings_say_what_and_where(
    target: str, languages: str, span: tuple[int, int], expected: str
) -> None:
    finding = run_one("typography", "x", target, languages)[0]
    assert (finding.start, finding.end) == span
    assert expected in finding.message
    assert finding.severity == Severity.WARNING


def test_straight_quotes_are_only_an_info() -> None:
    (finding,) = run_one("typography", "x", 'He said "hello" twice', "fr>en")
    assert finding.severity == Severity.INFO
    assert (finding.start, finding.end) == (8, 15)
    assert "“…”" in finding.message


def test_each_mark_is_reported_once() -> None:
    findings = run_one("typography", "x", "Quoi ?! Non !", "en>fr")
    assert [finding.start for finding in findings] == [4, 11]
