"""The only reader of ``locales/``: per-language conventions, validated at start-up.

Each language has one TOML file, ``locales/<code>.toml``, with these tables:

``[language]``      script, direction, Babel and spaCy locale codes
``[segmentation]``  sentence terminators, abbreviations, paired marks (Spanish ¿…?), quotes
``[lines]``         openers that need an antecedent ("This", "Cela", "这"…), calls to action
``[typography]``    spaces before punctuation, quotes, native punctuation (zh full-width, ar)
``[numbers]``       scale words (million, млн, 亿) for comparing numbers across languages
``[thread]``        how a thread is numbered ("1/3")

Errors name the file and the line of the offending key, so a translator can fix the data
without reading code.
"""

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from service.errors import DataError
from service.languages import ALL_LANGUAGES, Language


class _Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class LanguageInfo(_Section):
    code: Language
    name: str = Field(min_length=1, description="Endonym, e.g. Français.")
    script: Literal["Latin", "Arabic", "Han", "Cyrillic"]
    direction: Literal["ltr", "rtl"]
    babel_locale: str
    spacy_language: str


class SegmentationRules(_Section):
    terminators: list[str] = Field(min_length=1, description="Characters that end a sentence.")
    abbreviations: list[str] = Field(
        default_factory=list, description="Tokens after which a terminator does not end a sentence."
    )
    paired_marks: dict[str, str] = Field(
        default_factory=dict, description="Opening mark -> closing mark kept in one sentence (¿ -> ?)."
    )
    quotes: list[tuple[str, str]] = Field(
        default_factory=list, description="Quotation pairs a sentence never ends inside."
    )
    spaces_between_sentences: bool = Field(
        default=True, description="False for Chinese: sentences follow each other with no space."
    )


class LineRules(_Section):
    unresolved_openers: list[str] = Field(
        min_length=1, description="Words that open a sentence but need an antecedent (This, Cela)."
    )
    calls_to_action: list[str] = Field(default_factory=list)


class TypographyRules(_Section):
    space_before: dict[str, str] = Field(
        default_factory=dict, description="Punctuation -> the space required before it (fr)."
    )
    accepted_spaces_before: list[str] = Field(
        default_factory=list, description="Spaces also accepted where space_before asks for one."
    )
    quotes: tuple[str, str] = ('"', '"')
    quote_inner_space: str = Field(default="", description="Space inside quotes (fr « … »).")
    native_punctuation: dict[str, str] = Field(
        default_factory=dict, description="ASCII punctuation -> native form (zh ，。, ar ، ؛ ؟)."
    )
    paired_inverted: dict[str, str] = Field(
        default_factory=dict, description="Closing mark -> the opening mark it requires (es ? -> ¿)."
    )


class NumberRules(_Section):
    scale_words: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Multiplier (as a decimal string, e.g. '1000000') -> words that mean it.",
    )
    percent_signs: list[str] = Field(default_factory=lambda: ["%"])

    @field_validator("scale_words")
    @classmethod
    def _multipliers_are_numbers(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for multiplier in value:
            if not multiplier.isdigit():
                raise ValueError(f"scale multiplier {multiplier!r} must be digits, e.g. '1000000'")
        return value


class ThreadRules(_Section):
    numbering: str = Field(default="{index}/{total}", description="Format with {index} and {total}.")

    @field_validator("numbering")
    @classmethod
    def _has_placeholders(cls, value: str) -> str:
        if "{index}" not in value or "{total}" not in value:
            raise ValueError("numbering must contain {index} and {total}")
        return value


class LocaleConventions(_Section):
    """Everything adapt knows about writing in one language."""

    language: LanguageInfo
    segmentation: SegmentationRules
    lines: LineRules
    typography: TypographyRules
    numbers: NumberRules
    thread: ThreadRules = ThreadRules()


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
