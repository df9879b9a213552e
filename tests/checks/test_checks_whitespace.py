"""double_space and leading_trailing_space."""

import pytest
from support.checks import run_one

NNBSP = "\u202f"

DOUBLE_SPACE_PASSING = [
    ("Hello everyone", "Bonjour à tous", "en>fr"),
    ("Hello everyone", "Hola a todos", "en>es"),
    ("Hello everyone", "Привет всем", "en>ru"),
    ("Hello everyone", "大家好", "en>zh"),
    ("Hello everyone", "مرحبا بالجميع", "en>ar"),
    ("Line one\nLine two", "Line one\n\nLine two", "fr>en"),
    ("Why?", f"Pourquoi{NNBSP}?", "en>fr"),
]

DOUBLE_SPACE_FAILING = [
    ("Hello everyone", "Bonjour  à tous", "en>fr"),
    ("Hello everyone", "Hola  a todos", "en>es"),
    ("Hello everyone", "Привет  всем", "en>ru"),
    ("Hello world", "你好  世界", "en>zh"),
    ("Hello everyone", "مرحبا  بالجميع", "en>ar"),
    ("Why?", f"Pourquoi {NNBSP}?", "en>fr"),
    ("Hello world", "Hello\u3000\u3000world", "fr>en"),
]

EDGE_PASSING = [
    ("Hello", "Bonjour", "en>fr"),
    ("Hello", "Hola", "en>es"),
    ("Hello", "Привет", "en>ru"),
    ("Hello", "你好", "en>zh"),
    ("Hello", "مرحبا", "en>ar"),
    ("Line one\nLine two", "Line one\nLine two", "fr>en"),
]

EDGE_FAILING = [
    ("Hello", " Bonjour", "en>fr"),
    ("Hello", "Hola ", "en>es"),
    ("Hello", "Привет\n", "en>ru"),
    ("Hello", "\n你好", "en>zh"),
    ("Hello", f"مرحبا{NNBSP}", "en>ar"),
    ("Line one\nLine two", "Line one \nLine two", "fr>en"),
    ("Line one\nLine two", "Line one\n  Line two", "fr>en"),
]


@pytest.mark.parametrize(("source", "target", "languages"), DOUBLE_SPACE_PASSING)
def test_single_spaces_pass(source: str, target: str, languages: str) -> None:
    assert run_one("double_space", source, target, languages) == []


@pytest.mark.parametrize(("source", "target", "languages"), DOUBLE_SPACE_FAILING)
def test_double_spaces_fail(source: str, target: str, languages: str) -> None:
    assert run_one("double_space", source, target, languages)


@pytest.mark.parametrize(("source", "target", "languages"), EDGE_PASSING)
def test_trimmed_lines_pass(source: str, target: str, languages: str) -> None:
    assert run_one("leading_trailing_space", source, target, languages) == []


@pytest.mark.parametrize(("source", "target", "languages"), EDGE_FAILING)
def test_spaces_at_the_edges_fail(source: str, target: str, languages: str) -> None:
    assert run_one("leading_trailing_space", source, target, languages)


def test_double_space_offsets_and_message() -> None:
    (finding,) = run_one("double_space", "x", "Bonjour  à tous", "en>fr")
    assert (finding.start, finding.end) == (7, 9)
    assert "2 spaces" in finding.message and "single space" in finding.message


def test_spaces_at_a_line_edge_are_reported_once() -> None:
    text = "Bonjour  \n  à tous"
    assert run_one("double_space", "x", text, "en>fr") == []
    findings = run_one("leading_trailing_space", "x", text, "en>fr")
    assert [(f.start, f.end) for f in findings] == [(7, 9), (10, 12)]
