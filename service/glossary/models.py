"""Domain models of the termbase: concepts, their surface forms, and the matches found in text.

A :class:`Concept` is one row of a termbase file: one thing (an organization, a body, a
title, a term or an observance) with its official name, short form and hashtags in each of
the six languages. Every value is checked here, so a concept built in code obeys the same
rules as one read from ``glossaries/``.
"""

import datetime
import re
import unicodedata
from enum import StrEnum
from typing import Annotated, Literal, NamedTuple, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from service.glossary.status import (
    CELL_COLUMNS,
    UNVERIFIED,
    CellField,
    CellStatus,
    cell_column,
    parse_cell_column,
)
from service.languages import ALL_LANGUAGES, Language

CONCEPT_ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_MONTH_DAY = re.compile(r"^(\d{2})-(\d{2})$")
_LEAP_YEAR = 2000  # 02-29 is a real observance date (it recurs every four years).


class ConceptKind(StrEnum):
    """What a concept names; scheduling only looks at observances."""

    ORGANIZATION = "organization"
    BODY = "body"
    TITLE = "title"
    TERM = "term"
    OBSERVANCE = "observance"


class MonthDay(NamedTuple):
    """A day of the year (``04-07``) on which an observance recurs; unpacks as (month, day).

    >>> MonthDay.parse("04-07")
    MonthDay(month=4, day=7)
    >>> str(MonthDay(12, 1))
    '12-01'
    """

    month: int
    day: int

    @classmethod
    def parse(cls, text: str) -> "MonthDay":
        """Parse ``MM-DD``; the day must exist in a leap year, so ``02-29`` is accepted."""
        found = _MONTH_DAY.match(text)
        if found is None:
            raise ValueError(f"date {text!r} must be MM-DD, e.g. 04-07")
        value = cls(int(found.group(1)), int(found.group(2)))
        value.check()
        return value

    def check(self) -> None:
        """Raise ValueError unless this is a real calendar day."""
        try:
            datetime.date(_LEAP_YEAR, self.month, self.day)
        except ValueError:
            raise ValueError(f"date {self} is not a real day of the year") from None

    def __str__(self) -> str:
        return f"{self.month:02d}-{self.day:02d}"


def _check_surface(value: str) -> str:
    """A name or short form: trimmed, single-line, NFC, with at least one letter or digit."""
    if value != value.strip():
        raise ValueError(f"{value!r} has leading or trailing spaces")
    if any(unicodedata.category(char).startswith("C") for char in value):
        raise ValueError(f"{value!r} contains a control or invisible character")
    if "  " in value:
        raise ValueError(f"{value!r} contains a double space")
    if unicodedata.normalize("NFC", value) != value:
        raise ValueError(f"{value!r} is not in Unicode NFC form; re-save it normalized")
    if not any(char.isalnum() for char in value):
        raise ValueError(f"{value!r} must contain a letter or a digit")
    return value


def is_hashtag(value: str) -> bool:
    """True for ``#`` followed by letters, digits, marks or ``_``, with at least one letter.

    This is what X, Instagram and Facebook link as one tag; ``#2030`` is not a tag.

    >>> is_hashtag("#يوم_الصحة_العالمي"), is_hashtag("#JournéeMondialeDeLaSanté")
    (True, True)
    >>> is_hashtag("WorldHealthDay"), is_hashtag("#World-Health"), is_hashtag("#2030")
    (False, False, False)
    """
    body = value[1:]
    return (
        value.startswith("#")
        and bool(body)
        and all(
            char == "_" or char.isalnum() or unicodedata.category(char).startswith("M")
            for char in body
        )
        and any(char.isalpha() for char in body)
        and unicodedata.normalize("NFC", value) == value
    )


def _check_hashtag(value: str) -> str:
    if not value.startswith("#"):
        raise ValueError(f"hashtag {value!r} must start with '#'")
    if not is_hashtag(value):
        raise ValueError(
            f"hashtag {value!r} may only hold letters, digits and '_' after '#', "
            "with at least one letter (NFC)"
        )
    return value


def _check_hashtag_list(values: list[str]) -> list[str]:
    seen: set[str] = set()
    for value in values:
        if value.casefold() in seen:
            raise ValueError(f"hashtag {value!r} is listed twice")
        seen.add(value.casefold())
    return values


Surface = Annotated[str, AfterValidator(_check_surface)]
Hashtag = Annotated[str, AfterValidator(_check_hashtag)]
HashtagList = Annotated[list[Hashtag], AfterValidator(_check_hashtag_list)]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Concept(_Frozen):
    """One concept with its official forms per language; an absent language is unknown.

    ``no_short_form`` and ``no_hashtag`` list languages checked to have none (``-`` in the
    file), so :meth:`Glossary.gaps` does not report them. ``statuses`` holds the status of
    each filled cell by its column (``name_fr``) where it is not the default, unverified
    with no note; :meth:`status` answers for every cell.
    """

    id: str = Field(pattern=CONCEPT_ID_PATTERN, description="Stable slug, e.g. world-health-day.")
    kind: ConceptKind
    names: dict[Language, Surface] = Field(description="Official name per language.")
    short_forms: dict[Language, Surface] = Field(default_factory=dict)
    hashtags: dict[Language, HashtagList] = Field(default_factory=dict)
    do_not_translate: bool = Field(
        default=False, description="The name is the same in every language and never goes to MT."
    )
    observance_date: MonthDay | None = Field(default=None, description="For observances only.")
    note: str = ""
    no_short_form: frozenset[Language] = frozenset()
    no_hashtag: frozenset[Language] = frozenset()
    statuses: dict[str, CellStatus] = Field(default_factory=dict)

    @field_validator("statuses")
    @classmethod
    def _only_known(cls, statuses: dict[str, CellStatus]) -> dict[str, CellStatus]:
        """Drop default statuses, so that two concepts that say the same are equal."""
        return {column: status for column, status in statuses.items() if status != UNVERIFIED}

    def cell(self, column: str) -> str | None:
        """The text of a cell as the concept file writes it (``-``, tags joined); None if empty.

        >>> Concept(id="un", kind="organization", names={"en": "United Nations"},
        ...         no_short_form={"ar"}).cell("short_ar")
        '-'
        """
        field, language = parse_cell_column(column)
        if field is CellField.DATE:
            return str(self.observance_date) if self.observance_date else None
        assert language is not None
        if field is CellField.NAME:
            return self.names.get(language)
        absent = self.no_short_form if field is CellField.SHORT else self.no_hashtag
        if language in absent:
            return "-"
        if field is CellField.SHORT:
            return self.short_forms.get(language)
        return " ".join(self.hashtags[language]) if language in self.hashtags else None

    def filled_cells(self) -> list[tuple[str, str]]:
        """(column, text) of every cell with a value, in the concept file's column order."""
        cells = ((column, self.cell(column)) for column in CELL_COLUMNS)
        return [(column, text) for column, text in cells if text is not None]

    def status(self, field: CellField, language: Language | None = None) -> CellStatus | None:
        """The status of a filled cell (unverified unless recorded); None for an empty cell."""
        column = cell_column(field, language)
        if self.cell(column) is None:
            return None
        return self.statuses.get(column, UNVERIFIED)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if Language.EN not in self.names:
            raise ValueError("every concept needs an English name (name_en)")
        if self.observance_date is not None:
            self.observance_date.check()
        if (self.kind is ConceptKind.OBSERVANCE) != (self.observance_date is not None):
            raise ValueError("an observance needs a date (MM-DD) and only an observance has one")
        if self.do_not_translate and (
            set(self.names) != set(ALL_LANGUAGES) or len(set(self.names.values())) != 1
        ):
            raise ValueError("a do_not_translate concept has the same name in all six languages")
        for field, absent in (("short form", self.no_short_form), ("hashtag", self.no_hashtag)):
            given = self.short_forms if field == "short form" else self.hashtags
            clash = sorted(language.value for language in absent if given.get(language))
            if clash:
                raise ValueError(f"{field} both given and marked absent for {', '.join(clash)}")
        for column in self.statuses:
            if column not in CELL_COLUMNS or self.cell(column) is None:
                raise ValueError(f"a status is given for {column}, which holds no value")
        return self


class TermEntry(_Frozen):
    """One surface form of a concept in one language (its name or short form) and its status."""

    concept_id: str
    language: Language
    surface: str
    form: Literal["name", "short_form"]
    status: CellStatus = UNVERIFIED


class TermMatch(_Frozen):
    """A term found in a text: ``text[start_char:end_char] == surface`` (character offsets)."""

    concept_id: str
    surface: str
    start_char: int = Field(ge=0)
    end_char: int = Field(ge=0)
    form: Literal["name", "short_form"]
    status: CellStatus = Field(default=UNVERIFIED, description="The status of the matched cell.")


class ProtectedKind(StrEnum):
    NAME = "name"
    HASHTAG = "hashtag"


class ProtectedTerm(_Frozen):
    """A name or hashtag outside the concepts that machine translation must leave as it is."""

    text: Surface
    kind: ProtectedKind
    note: str = ""

    @model_validator(mode="after")
    def _kind_fits(self) -> Self:
        if self.kind is ProtectedKind.HASHTAG:
            _check_hashtag(self.text)
        elif self.text.startswith("#"):
            raise ValueError(f"{self.text!r} starts with '#': give it kind 'hashtag'")
        return self
