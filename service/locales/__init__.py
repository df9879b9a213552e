"""The only reader of ``locales/``: per-language conventions, validated at start-up.

Each language has one TOML file, ``locales/<code>.toml``, with these tables:

``[language]``      script, direction, Babel and spaCy locale codes
``[segmentation]``  sentence terminators, abbreviations, paired marks (Spanish ¿…?), quotes
``[lines]``         openers that need an antecedent ("This", "Cela", "这"…), calls to action,
                    link lines ("Read more"), datelines ("GENEVA, 7 April 2026 –")
``[typography]``    spaces before punctuation, quotes, native punctuation (zh full-width, ar)
``[numbers]``       scale words (million, млн, 亿) for comparing numbers across languages
``[thread]``        how a thread is numbered ("1/3")

``locales/audiences.toml`` holds the audiences of the language accounts (time zones,
posting windows, quiet hours), read by :func:`load_audiences` at the end of this module.
``[detection]``     hints for language detection (common words, distinctive letters)

Errors name the file and the line of the offending key, so a translator can fix the data
without reading code.
"""

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from service.audiences import Audience
from service.errors import DataError
from service.languages import ALL_LANGUAGES, Language
from service.locales.conventions import (
    DetectionHints,
    LanguageInfo,
    LineRules,
    LocaleConventions,
    NumberRules,
    SegmentationRules,
    ThreadRules,
    TypographyRules,
    dateline_pattern,
)

__all__ = [
    "DetectionHints",
    "LanguageInfo",
    "LineRules",
    "LocaleConventions",
    "NumberRules",
    "SegmentationRules",
    "ThreadRules",
    "TypographyRules",
    "dateline_pattern",
    "load_audiences",
    "load_locales",
    "parse_locale",
]


def _line_of(text: str, location: tuple[int | str, ...]) -> int:
    """Best line number for a dotted key path in a TOML file (the table header, then the key)."""
    lines = text.splitlines()
    table = str(location[0]) if location else ""
    key = str(location[1]) if len(location) > 1 else ""
    header_line = 0
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped == f"[{table}]":
            header_line = number
        elif header_line and stripped.startswith("["):
            break
        elif header_line and key and stripped.split("=", 1)[0].strip().strip('"') == key:
            return number
    return header_line or 1


def parse_locale(path: Path) -> LocaleConventions:
    """Read and validate one locale file; :class:`DataError` names the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise DataError(f"{path}: cannot read locale file ({error})") from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise DataError(f"{path}: invalid TOML: {error}") from None
    try:
        conventions = LocaleConventions.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        location = tuple(first["loc"])
        dotted = ".".join(str(part) for part in location)
        raise DataError(f"{path}:{_line_of(text, location)}: {dotted}: {first['msg']}") from None
    if conventions.language.code.value != path.stem:
        line = _line_of(text, ("language", "code"))
        raise DataError(f"{path}:{line}: language.code {conventions.language.code} != file name")
    return conventions


@lru_cache(maxsize=8)
def load_locales(directory: Path) -> dict[Language, LocaleConventions]:
    """Load all six locale files from ``directory``; a missing one is an error."""
    result: dict[Language, LocaleConventions] = {}
    for language in ALL_LANGUAGES:
        path = directory / f"{language.value}.toml"
        if not path.is_file():
            raise DataError(f"{path}: locale file missing for {language.value}")
        result[language] = parse_locale(path)
    return result


# Audiences ----------------------------------------------------------------------------------
# locales/audiences.toml, and the user's audiences file merged over it: one table per
# audience, named by its id (fields in service/audiences.py). A user table with a bundled id
# replaces that audience's keys one by one; a new id adds an audience.

AUDIENCES_FILE_NAME = "audiences.toml"

_Origin = tuple[Path, str]
"""A file and its text, to point an error at the line of the key that came from it."""


def load_audiences(locales_dir: Path, user_file: Path | None = None) -> dict[str, Audience]:
    """All audiences by id, the bundled ones first, then the user's.

    :class:`DataError` names the file and line of the offending key.
    """
    return dict(_load_audiences(locales_dir, user_file))


@lru_cache(maxsize=8)
def _load_audiences(locales_dir: Path, user_file: Path | None) -> tuple[tuple[str, Audience], ...]:
    paths = [locales_dir / AUDIENCES_FILE_NAME]
    if user_file is not None:
        paths.append(user_file)
    merged: dict[str, dict[str, tuple[Any, _Origin]]] = {}
    for path in paths:
        text, tables = _read_audience_tables(path)
        for audience_id, table in tables.items():
            keys = merged.setdefault(audience_id, {})
            keys.update({key: (value, (path, text)) for key, value in table.items()})
            keys["id"] = (audience_id, (path, text))
    locales = load_locales(locales_dir)
    return tuple(
        (audience_id, _validate_audience(audience_id, keys, locales))
        for audience_id, keys in merged.items()
    )


def _read_audience_tables(path: Path) -> tuple[str, dict[str, dict[str, Any]]]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(f"{path}: audiences file not found") from None
    except (OSError, UnicodeDecodeError) as error:
        raise DataError(f"{path}: cannot read audiences file ({error})") from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise DataError(f"{path}: invalid TOML: {error}") from None
    for audience_id, table in raw.items():
        if not isinstance(table, dict):
            line = _line_of(text, (audience_id,))
            raise DataError(f"{path}:{line}: {audience_id}: each audience is a table, e.g. [sahel]")
        if "id" in table:
            line = _line_of(text, (audience_id, "id"))
            raise DataError(f"{path}:{line}: {audience_id}.id: the table name is the id")
    return text, raw


def _validate_audience(
    audience_id: str,
    keys: dict[str, tuple[Any, _Origin]],
    locales: dict[Language, LocaleConventions],
) -> Audience:
    data = {key: value for key, (value, _origin) in keys.items()}
    if "babel_locale" not in data and data.get("language") in set(ALL_LANGUAGES):
        data["babel_locale"] = locales[Language(data["language"])].language.babel_locale
    try:
        return Audience.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        location = tuple(first["loc"])
        key = str(location[0]) if location else ""
        path, text = keys[key][1] if key in keys else keys["id"][1]
        line = _line_of(text, (audience_id, key) if key else (audience_id,))
        dotted = ".".join(str(part) for part in (audience_id, *location))
        message = str(first["msg"]).removeprefix("Value error, ")
        raise DataError(f"{path}:{line}: {dotted}: {message}") from None
