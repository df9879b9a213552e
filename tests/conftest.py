"""Fixtures shared across test areas. Keep helpers out of here: they live in tests/support/."""

from pathlib import Path

import pytest
from support.argos_builder import build_package

from service.engines.argos_packages import install_from_files
from service.engines.base import PIVOT_LANGUAGE, LanguagePair
from service.languages import ALL_LANGUAGES

ENGLISH_PAIRS: list[LanguagePair] = [
    pair
    for other in ALL_LANGUAGES
    if other != PIVOT_LANGUAGE
    for pair in ((PIVOT_LANGUAGE, other), (other, PIVOT_LANGUAGE))
]


@pytest.fixture(scope="session")
def argos_package_files(tmp_path_factory: pytest.TempPathFactory) -> dict[LanguagePair, Path]:
    """Tiny real Argos "copy" packages (output = input) for the ten en<->x pairs, as
    ``.argosmodel`` files. Built once per session; they share one model, so this is fast."""
    folder = tmp_path_factory.mktemp("argos-files")
    return {
        (source, target): build_package(
            folder / f"translate-{source}_{target}.argosmodel", source, target
        )
        for source, target in ENGLISH_PAIRS
    }


@pytest.fixture(scope="session")
def argos_packages_dir(
    tmp_path_factory: pytest.TempPathFactory, argos_package_files: dict[LanguagePair, Path]
) -> Path:
    """A packages directory with the ten en<->x copy packages installed, shared by the
    session: read it, never install into it (use ``tmp_path`` for that)."""
    packages_dir = tmp_path_factory.mktemp("argos-packages")
    install_from_files(list(argos_package_files.values()), packages_dir)
    return packages_dir
