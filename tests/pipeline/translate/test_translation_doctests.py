"""The doctests of the translation stage's modules are examples that must stay true."""

import doctest
from types import ModuleType

import pytest

from service.pipeline import fit, postedit
from service.pipeline.translate import pair, protect
from service.text import boundaries, number_format


@pytest.mark.parametrize(
    "module",
    [protect, postedit, fit, pair, number_format, boundaries],
    ids=lambda m: m.__name__,
)
def test_doctests(module: ModuleType) -> None:
    result = doctest.testmod(module)
    assert result.attempted > 0
    assert result.failed == 0
