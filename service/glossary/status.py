"""How sure the termbase is of each cell: verified against a named source, or not.

Every filled cell of a concept (a name, a short form or ``-``, the hashtags, an observance
date) has a :class:`CellStatus`. ``verified`` means someone found the form in a source and
wrote the source down; the tier says which kind of source it was, because a reviewer
weighs a UN page and a third-party list differently:

* ``official``: a UN or agency page, or an official UN text (the Charter, a resolution);
* ``secondary``: third-party material (a dataset, an encyclopedia, the press).

``unverified`` is the honest default: the form may well be right, but nobody checked it.
A cell is addressed by its column in the concept file (``name_fr``, ``short_ru``,
``hashtag_en``, ``date``), so a status can always be traced to one cell.

>>> cell_column(CellField.SHORT, Language.RU), parse_cell_column("date")
('short_ru', (<CellField.DATE: 'date'>, None))
>>> CellStatus(status=Verification.VERIFIED, tier=SourceTier.OFFICIAL, source="un.org").verified
True
"""

import re
from enum import StrEnum
from typing import Self

from pydantic import BaseModel, ConfigDict, model_validator

from service.languages import ALL_LANGUAGES, Language


class CellField(StrEnum):
    """The kind of a cell; with a language (except ``date``) it names one cell of a concept."""

    NAME = "name"
    SHORT = "short"
    HASHTAG = "hashtag"
    DATE = "date"


class Verification(StrEnum):
    VERIFIED = "verified"
    UNVERIFIED = "unverified"


class SourceTier(StrEnum):
    """What kind of source verified a cell (see the module docstring)."""

    OFFICIAL = "official"
    SECONDARY = "secondary"


LANGUAGE_FIELDS = (CellField.NAME, CellField.SHORT, CellField.HASHTAG)
# Every cell that can hold a form, in the order of the concept file's columns.
CELL_COLUMNS: tuple[str, ...] = (
    *(f"{field}_{language}" for field in LANGUAGE_FIELDS for language in ALL_LANGUAGES),
    CellField.DATE.value,
)


def cell_column(field: CellField, language: Language | None) -> str:
    """The concept-file column of a cell: ``name_fr``; ``date`` has no language."""
    return field.value if field is CellField.DATE else f"{field.value}_{language}"


def parse_cell_column(column: str) -> tuple[CellField, Language | None]:
    """The inverse of :func:`cell_column`; ValueError for a column that is not a cell."""
    if column not in CELL_COLUMNS:
        raise ValueError(f"{column!r} is not a cell of a concept")
    if column == CellField.DATE.value:
        return CellField.DATE, None
    field, language = column.rsplit("_", 1)
    return CellField(field), Language(language)


# Unicode's control characters (general category Cc, fixed since Unicode 1.1) but tab and
# line feed: one search instead of a category lookup per character of every source and note.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _check_text(value: str, what: str) -> None:
    if value != value.strip():
        raise ValueError(f"the {what} has leading or trailing spaces")
    if _CONTROL.search(value):
        raise ValueError(f"the {what} contains a control character")


class CellStatus(BaseModel):
    """The status of one cell; ``verified`` needs a tier and a source, ``unverified`` neither."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    status: Verification = Verification.UNVERIFIED
    tier: SourceTier | None = None
    source: str = ""
    note: str = ""

    @property
    def verified(self) -> bool:
        return self.status is Verification.VERIFIED

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        _check_text(self.source, "source")
        _check_text(self.note, "note")
        if self.verified and (self.tier is None or not self.source):
            raise ValueError("a verified cell needs its tier (official or secondary) and source")
        if not self.verified and (self.tier is not None or self.source):
            raise ValueError(
                "an unverified cell has no tier or source; write what is known in the note"
            )
        return self

    def describe(self) -> str:
        """One line for a reviewer: ``verified (official: un.org/...)`` or ``unverified``."""
        if self.verified:
            return f"verified ({self.tier}: {self.source})"
        return "unverified"


UNVERIFIED = CellStatus()
