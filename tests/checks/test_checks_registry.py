"""The registry, the check contract and run_checks."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from support.checks import DETECTOR, LOCALES, context

from service.checks import CHECKS
from service.checks.base import Check, CheckContext, describe_offset
from service.errors import InputError
from service.languages import ALL_LANGUAGES, Language
from service.models import Severity
from service.pipeline.qa import has_errors, resolve_check_ids, run_checks

SNAKE_CASE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")


def test_registry_keys_are_the_check_ids() -> None:
    assert all(key == check.check_id for key, check in CHECKS.items())
    assert len({type(check) for check in CHECKS.values()}) == len(CHECKS)


@pytest.mark.parametrize("check", list(CHECKS.values()), ids=list(CHECKS))
def test_every_check_follows_the_contract(check: Check) -> None:
    assert SNAKE_CASE.match(check.check_id)
    assert check.name.strip() and check.description.strip()
    assert isinstance(check.severity, Severity)


def test_the_checks_the_product_promises_are_registered() -> None:
    assert set(CHECKS) == {
        "length_limit",
        "entities_preserved",
        "numbers_match",
        "untranslated",
        "wrong_script",
        "wrong_language",
        "double_space",
        "leading_trailing_space",
        "invisible_characters",
        "typography",
    }


def test_run_checks_runs_every_check_by_default() -> None:
    findings = run_checks(
        context(
            "7.1 million people. Why?", " 7,2 millions  de personnes. Pourquoi ?\u202e", "en", "fr"
        )
    )
    assert {finding.check for finding in findings} == {
        "numbers_match",
        "double_space",
        "leading_trailing_space",
        "invisible_characters",
        "typography",
    }
    assert has_errors(findings)


def test_run_checks_runs_only_the_chosen_checks() -> None:
    built = context("7 people. Why?", "8 personnes. Pourquoi ?", "en", "fr")
    findings = run_checks(built, ["typography"])
    assert [finding.check for finding in findings] == ["typography"]
    assert not has_errors(findings)


def test_unknown_check_id_is_an_input_error() -> None:
    with pytest.raises(InputError, match=r"unknown check 'spelling'.*numbers_match"):
        run_checks(context("a", "b", "en", "fr"), ["spelling"])


def test_resolved_ids_follow_the_registry_order() -> None:
    assert resolve_check_ids(["typography", "length_limit"]) == ["length_limit", "typography"]
    assert resolve_check_ids(None) == list(CHECKS)


def test_unknown_platform_is_an_input_error() -> None:
    with pytest.raises(InputError, match="unknown platform"):
        run_checks(context("a", "b", "en", "fr", platform="myspace"), ["length_limit"])


def test_context_rejects_conventions_of_another_language() -> None:
    with pytest.raises(ValidationError, match="target_conventions are for es"):
        CheckContext(
            source_text="a",
            target_text="b",
            source_language=Language.EN,
            target_language=Language.FR,
            source_conventions=LOCALES[Language.EN],
            target_conventions=LOCALES[Language.ES],
            detector=DETECTOR,
        )


def test_context_is_frozen() -> None:
    built = context("a", "b", "en", "fr")
    with pytest.raises(ValidationError):
        built.target_text = "c"  # type: ignore[misc]


def test_describe_offset_shows_invisible_characters() -> None:
    assert describe_offset("abc\u202edef", 3) == "at offset 3 ('abc\\u202edef')"


@settings(max_examples=40, deadline=None)
@given(
    source=st.text(min_size=1, max_size=80),
    target=st.text(min_size=1, max_size=80),
    source_language=st.sampled_from(ALL_LANGUAGES),
    target_language=st.sampled_from(ALL_LANGUAGES),
)
def test_checks_never_raise_on_any_text(
    source: str, target: str, source_language: Language, target_language: Language
) -> None:
    built = context(source, target, source_language, target_language, platform="x")
    for finding in run_checks(built):
        if finding.start is not None:
            assert finding.end is not None and 0 <= finding.start <= finding.end <= len(target)
