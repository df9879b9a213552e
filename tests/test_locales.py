"""locales/: the bundled files load, and a broken file names its file and line."""

import shutil
from pathlib import Path

import pytest

from service.errors import DataError
from service.languages import ALL_LANGUAGES
from service.locales import load_locales, parse_locale
from service.settings import REPOSITORY_ROOT

LOCALES_DIR = REPOSITORY_ROOT / "locales"


def test_every_bundled_locale_loads_and_matches_its_file() -> None:
    locales = load_locales(LOCALES_DIR)
    assert list(locales) == list(ALL_LANGUAGES)
    scripts = {code.value: conventions.language.script for code, conventions in locales.items()}
    assert scripts == {
        "ar": "Arabic",
        "zh": "Han",
        "en": "Latin",
        "fr": "Latin",
        "ru": "Cyrillic",
        "es": "Latin",
    }
    assert locales[ALL_LANGUAGES[0]].language.direction == "rtl"


def _broken_copy(tmp_path: Path, old: str, new: str) -> Path:
    target = tmp_path / "locales"
    shutil.copytree(LOCALES_DIR, target)
    path = target / "fr.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if needle in line)


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        ('direction = "ltr"', 'direction = "sideways"', "direction =", "language.direction"),
        ('script = "Latin"', 'script = "Klingon"', "script =", "language.script"),
        ('numbering = "{index}/{total}"', 'numbering = "{index}"', "numbering =", "{total}"),
        ('code = "fr"', 'code = "es"', "code =", "!= file name"),
        ("[lines]", "[lines]\nsurprise = 1", "surprise", "lines.surprise"),
        ('"Elle", "Il"]', '"Elle", "Nous"]', "[lines]", "['Nous'] are not unresolved_openers"),
        ("datelines = ['", "datelines = ['(unclosed', '", "[lines]", "dateline '(unclosed'"),
        ("dateline_months = [", "dateline_months = [' ', ", "[lines]", "must not be empty"),
    ],
)
def test_invalid_values_name_file_and_line(
    tmp_path: Path, old: str, new: str, needle: str, message: str
) -> None:
    path = _broken_copy(tmp_path, old, new)
    with pytest.raises(DataError) as raised:
        parse_locale(path)
    assert raised.value.message.startswith(f"{path}:{_line_of(path, needle)}:")
    assert message in raised.value.message


def test_invalid_toml_and_missing_file(tmp_path: Path) -> None:
    path = _broken_copy(tmp_path, "[numbers]", "[numbers")
    with pytest.raises(DataError, match=r"fr\.toml: invalid TOML: .*line"):
        parse_locale(path)
    path.unlink()
    with pytest.raises(DataError, match=r"fr\.toml: locale file missing for fr"):
        load_locales(path.parent)
