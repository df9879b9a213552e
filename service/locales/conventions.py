"""The conventions of one language, as ``locales/<code>.toml`` states them (validated models).

Read by :mod:`service.locales`, the only reader of the files; every other module sees only
these models. See the package docstring for what each table holds.
"""

from functools import lru_cache
from typing import Literal

import regex
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from service.languages import Language


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
    """How sentences end in one language; read by :mod:`service.pipeline.segment.sentences`."""

    terminators: list[str] = Field(min_length=1, description="Characters that end a sentence.")
    ellipses: list[str] = Field(
        default_factory=lambda: ["…", "..."],
        description="Marks of an omission; they end a sentence only before a capital letter.",
    )
    abbreviations: list[str] = Field(
        default_factory=list, description="Tokens after which a terminator does not end a sentence."
    )
    final_abbreviations: list[str] = Field(
        default_factory=list,
        description="Abbreviations that may also end a sentence (etc.): only before a capital.",
    )
    initials: bool = Field(
        default=True,
        description="A single capital letter and a period (J. K., А. С.) never ends a sentence.",
    )
    paired_marks: dict[str, str] = Field(
        default_factory=dict,
        description="Opening mark -> closing mark kept in one sentence (¿ -> ?).",
    )
    quotes: list[tuple[str, str]] = Field(
        default_factory=list, description="Quotation pairs a sentence never ends inside."
    )
    spaces_between_sentences: bool = Field(
        default=True, description="False for Chinese: sentences follow each other with no space."
    )

    @field_validator("terminators")
    @classmethod
    def _single_characters(cls, value: list[str]) -> list[str]:
        for terminator in value:
            if len(terminator) != 1:
                raise ValueError(f"terminator {terminator!r} must be one character (see ellipses)")
        return value

    @field_validator("ellipses", "abbreviations", "final_abbreviations")
    @classmethod
    def _no_empty_entries(cls, value: list[str]) -> list[str]:
        if any(not entry.strip() for entry in value):
            raise ValueError("entries must not be empty")
        return value


class LineRules(_Section):
    """What makes a sentence stand alone as a post; read by :mod:`service.pipeline.extract`."""

    unresolved_openers: list[str] = Field(
        min_length=1, description="Words that open a sentence but need an antecedent (This, Cela)."
    )
    resolved_openers: list[str] = Field(
        default_factory=list,
        description="Phrases that start like an unresolved opener but stand alone (This year).",
    )
    antecedent_pronouns: list[str] = Field(
        default_factory=list,
        description="Unresolved openers that may stand for the named subject of the sentence "
        "before (It, Elle); the line is then offered with that name in their place.",
    )
    impersonal_openers: list[str] = Field(
        default_factory=list,
        description="Phrases in which such a pronoun stands for nothing (It is, Il faut).",
    )
    determiners: list[str] = Field(
        default_factory=list,
        description="Articles that may open a subject's name and go with it (The, L’, La).",
    )
    calls_to_action: list[str] = Field(default_factory=list)
    link_calls: list[str] = Field(
        default_factory=list,
        description="Phrases that open a closing link line (Read more, Pour en savoir plus).",
    )
    datelines: list[str] = Field(
        default_factory=list,
        description="Patterns (Python regex module) of a press release's dateline at the start "
        "of its lead, separator included; {month} stands for any of dateline_months.",
    )
    dateline_months: list[str] = Field(
        default_factory=list, description="Month names as datelines write them (7 April)."
    )
    clause_boundaries: list[str] = Field(
        min_length=1, description="Punctuation after which a too-long sentence may be cut."
    )
    cut_marker: str = Field(default="…", description="Appended to a sentence cut at a clause.")
    min_line_chars: int = Field(
        default=30, ge=1, description="Shorter sentences do not stand alone as a post."
    )

    @model_validator(mode="after")
    def _consistent(self) -> "LineRules":
        lists = ("antecedent_pronouns", "impersonal_openers", "determiners", "link_calls")
        for name in (*lists, "dateline_months"):
            if any(not entry.strip() for entry in getattr(self, name)):
                raise ValueError(f"{name}: entries must not be empty")
        unknown = [word for word in self.antecedent_pronouns if word not in self.unresolved_openers]
        if unknown:
            raise ValueError(f"antecedent_pronouns {unknown} are not unresolved_openers")
        for pattern in self.datelines:
            if "{month}" in pattern and not self.dateline_months:
                raise ValueError(f"dateline {pattern!r} uses {{month}}: give dateline_months")
            try:
                dateline_pattern(pattern, tuple(self.dateline_months))
            except regex.error as error:
                raise ValueError(f"dateline {pattern!r}: {error}") from None
        return self

    def dateline_patterns(self) -> list[regex.Pattern[str]]:
        """The compiled dateline patterns, each anchored at the start of the lead."""
        months = tuple(self.dateline_months)
        return [dateline_pattern(pattern, months) for pattern in self.datelines]


@lru_cache(maxsize=64)
def dateline_pattern(pattern: str, months: tuple[str, ...]) -> regex.Pattern[str]:
    """Compile one dateline pattern, ``{month}`` standing for any of ``months``."""
    names = "|".join(regex.escape(month) for month in sorted(months, key=len, reverse=True))
    return regex.compile(pattern.replace("{month}", f"(?:{names})"))


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
        default_factory=dict,
        description="Closing mark -> the opening mark it requires (es ? -> ¿).",
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
    numbering: str = Field(
        default="{index}/{total}", description="Format with {index} and {total}."
    )

    @field_validator("numbering")
    @classmethod
    def _has_placeholders(cls, value: str) -> str:
        if "{index}" not in value or "{total}" not in value:
            raise ValueError("numbering must contain {index} and {total}")
        return value


DetectionScript = Literal["Hiragana", "Katakana", "Hangul"]


class DetectionHints(_Section):
    """What tells this language from others written in the same script.

    Read by :mod:`service.pipeline.detect`. The script alone decides where only one of the
    six languages uses it (ar, ru, zh); the hints matter among the Latin-script languages.
    """

    langdetect_profile: str | None = Field(
        default=None, description="Name of langdetect's bundled profile for this language."
    )
    hint_characters: str = Field(
        default="", description="Lower-case letters this language has and its neighbours lack."
    )
    common_words: list[str] = Field(
        default_factory=list, description="Very common words, lower case (articles, 'merci')."
    )
    excluded_scripts: list[DetectionScript] = Field(
        default_factory=list,
        description="Scripts whose presence rules this language out (kana next to Han).",
    )
    vowels: str = Field(
        default="",
        description="Lower-case letters of which every word has one; empty: no such rule.",
    )
    max_word_letters: int = Field(
        default=0, ge=0, description="Longer runs of letters are not words; 0: no limit."
    )

    @field_validator("common_words")
    @classmethod
    def _lower_case_words(cls, value: list[str]) -> list[str]:
        for word in value:
            if not word or word != word.lower() or any(char.isspace() for char in word):
                raise ValueError(f"common word {word!r} must be one lower-case word")
        return value

    @field_validator("hint_characters", "vowels")
    @classmethod
    def _lower_case_characters(cls, value: str) -> str:
        if value != value.lower():
            raise ValueError("letters must be lower case")
        return value


class LocaleConventions(_Section):
    """Everything adapt knows about writing in one language."""

    language: LanguageInfo
    segmentation: SegmentationRules
    lines: LineRules
    typography: TypographyRules
    numbers: NumberRules
    thread: ThreadRules = ThreadRules()
    detection: DetectionHints = DetectionHints()
