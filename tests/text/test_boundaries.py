"""Whole-word matching across scripts with and without spaces."""

import pytest

from service.text.boundaries import whole_word_pattern


@pytest.mark.parametrize(
    ("form", "ignore_case", "text", "found"),
    [
        ("WHO", False, "WHO calls", ["WHO"]),
        ("WHO", False, "WHOM calls", []),
        ("WHO", False, "who calls", []),
        ("WHO", False, "WHO呼吁", ["WHO"]),  # Chinese writes no space around an acronym
        ("OMS", False, "l’OMS et l'OMS", ["OMS", "OMS"]),
        ("ВОЗ", False, "ВОЗу", []),
        ("Gavi", True, "GAVI, gavi; Gavin", ["GAVI", "gavi"]),
        ("世卫组织", False, "世卫组织呼吁", ["世卫组织"]),
        ("منظمة الصحة العالمية", False, "منظمة الصحة العالمية تدعو", ["منظمة الصحة العالمية"]),
        ("COVID-19", False, "COVID-19s", []),
        ("UN", False, "UN-Women", ["UN"]),
    ],
)
def test_whole_word_pattern(form: str, ignore_case: bool, text: str, found: list[str]) -> None:
    pattern = whole_word_pattern(form, ignore_case=ignore_case)
    assert [match.group() for match in pattern.finditer(text)] == found
