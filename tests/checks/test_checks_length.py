"""length_limit: the translation fits the platform, counted the platform's way."""

import pytest
from support.checks import run_one

LONG_LATIN = "word " * 60  # 300 characters

PASSING = [
    ("x", "Bonjour à tous", "en>fr", "x"),
    ("x", "Hola a todos", "en>es", "x"),
    ("x", "Привет всем", "en>ru", "x"),
    ("x", "字" * 140, "en>zh", "x"),  # 140 CJK characters weigh 280
    ("x", "م" * 280, "en>ar", "x"),
    ("x", "Read https://un.org/" + "a" * 300, "fr>en", "x"),  # a link counts 23
    ("x", LONG_LATIN, "en>fr", None),  # no platform: not checked
]

FAILING = [
    ("x", LONG_LATIN, "en>fr", "x"),
    ("x", "palabra " * 40, "en>es", "x"),
    ("x", "слово " * 50, "en>ru", "x"),
    ("x", "字" * 141, "en>zh", "x"),
    ("x", "م" * 281, "en>ar", "x"),
    ("x", "a" * 301, "fr>en", "bluesky"),
]


@pytest.mark.parametrize(("source", "target", "languages", "platform"), PASSING)
def test_fits(source: str, target: str, languages: str, platform: str | None) -> None:
    assert run_one("length_limit", source, target, languages, platform=platform) == []


@pytest.mark.parametrize(("source", "target", "languages", "platform"), FAILING)
def test_too_long(source: str, target: str, languages: str, platform: str) -> None:
    (finding,) = run_one("length_limit", source, target, languages, platform=platform)
    assert finding.severity == "error"
    assert finding.end == len(target)


def test_finding_points_at_the_first_character_that_does_not_fit() -> None:
    (finding,) = run_one("length_limit", "x", "字" * 150, "en>zh", platform="x")
    assert finding.start == 140
    assert "counts 300" in finding.message and "limit is 280" in finding.message
    assert "cut 20" in finding.message


def test_cut_never_lands_inside_a_link() -> None:
    target = "a" * 270 + " https://un.org/some/long/path"
    (finding,) = run_one("length_limit", "x", target, "fr>en", platform="x")
    assert finding.start == 271
