"""The column layout of termbase files, both ways: a row to a :class:`Concept` and back.

Concept files (``un-terms.csv`` and any other ``*.csv``) have one concept per row::

    id, kind, name_<lang>..., short_<lang>..., hashtag_<lang>..., do_not_translate, date, note

for the six languages in UN order (ar, zh, en, fr, ru, es). An empty cell means unknown;
``-`` in a short-form or hashtag cell means "checked: this language has none".
Hashtag cells hold space-separated tags. ``do-not-translate.csv`` has ``text, kind, note``.
"""

from typing import Any

from pydantic import ValidationError

from service.errors import DataError
from service.glossary.csvrows import Row
from service.glossary.models import Concept, MonthDay, ProtectedTerm
from service.glossary.status import CELL_COLUMNS, CellField
from service.languages import ALL_LANGUAGES, Language

ABSENT = "-"
NAME, SHORT, HASHTAG = CellField.NAME.value, CellField.SHORT.value, CellField.HASHTAG.value
CONCEPT_COLUMNS: tuple[str, ...] = (
    "id",
    "kind",
    *(f"{NAME}_{language}" for language in ALL_LANGUAGES),
    *(f"{SHORT}_{language}" for language in ALL_LANGUAGES),
    *(f"{HASHTAG}_{language}" for language in ALL_LANGUAGES),
    "do_not_translate",
    "date",
    "note",
)
PROTECTED_COLUMNS: tuple[str, ...] = ("text", "kind", "note")
_FIELD_PREFIX = {"names": NAME, "short_forms": SHORT, "hashtags": HASHTAG}
_BOOLEANS = {"true": True, "false": False}


def _column_of(location: tuple[int | str, ...]) -> str:
    """The CSV column a pydantic error location points to, e.g. ('names', 'fr') -> name_fr."""
    if not location:
        return ""
    field = str(location[0])
    if field in _FIELD_PREFIX and len(location) > 1:
        return f"{_FIELD_PREFIX[field]}_{location[1]}"
    return {"observance_date": "date"}.get(field, field)


def _fail(row: Row, column: str, message: str) -> DataError:
    prefix = f"{column}: " if column else ""
    return DataError(f"{row.where()}: {prefix}{message}")


def _validation_error(row: Row, error: ValidationError) -> DataError:
    first = error.errors()[0]
    message = first["msg"].removeprefix("Value error, ")
    column = _column_of(tuple(first["loc"]))
    if first["type"] == "enum":
        message = f"unknown value {first['input']!r}: {message.lower()}"
    elif first["type"] == "string_pattern_mismatch":
        message = f"{first['input']!r} must be a lower-case slug such as world-health-day"
    return _fail(row, column, message)


def _per_language(row: Row, prefix: str) -> tuple[dict[Language, str], set[Language]]:
    """Cells ``<prefix>_<lang>``: the given values, and the languages marked ``-``."""
    values: dict[Language, str] = {}
    absent: set[Language] = set()
    for language in ALL_LANGUAGES:
        cell = row.cells[f"{prefix}_{language}"]
        if cell == ABSENT and prefix != NAME:
            absent.add(language)
        elif cell:
            values[language] = cell
    return values, absent


def _flag(row: Row) -> bool:
    cell = row.cells["do_not_translate"]
    if cell not in _BOOLEANS:
        raise _fail(row, "do_not_translate", f"{cell!r} must be true or false")
    return _BOOLEANS[cell]


def _date(row: Row) -> MonthDay | None:
    cell = row.cells["date"]
    if not cell:
        return None
    try:
        return MonthDay.parse(cell)
    except ValueError as error:
        raise _fail(row, "date", str(error)) from None


def concept_from_row(row: Row) -> Concept:
    """Validate one row of a concept file; :class:`DataError` names file, line and column."""
    if not row.cells["name_en"]:
        raise _fail(row, "name_en", "every concept needs an English name")
    names, _ = _per_language(row, NAME)
    short_forms, no_short_form = _per_language(row, SHORT)
    hashtag_cells, no_hashtag = _per_language(row, HASHTAG)
    raw: dict[str, Any] = {
        "id": row.cells["id"],
        "kind": row.cells["kind"],
        "names": names,
        "short_forms": short_forms,
        "hashtags": {language: cell.split() for language, cell in hashtag_cells.items()},
        "do_not_translate": _flag(row),
        "observance_date": _date(row),
        "note": row.cells["note"],
        "no_short_form": no_short_form,
        "no_hashtag": no_hashtag,
    }
    try:
        return Concept.model_validate(raw)
    except ValidationError as error:
        raise _validation_error(row, error) from None


def concept_to_row(concept: Concept) -> list[str]:
    """The cells of ``concept`` in :data:`CONCEPT_COLUMNS` order (the inverse of the above)."""
    cells = dict(concept.filled_cells())
    return [
        concept.id,
        concept.kind.value,
        *(cells.get(column, "") for column in CELL_COLUMNS if column != CellField.DATE),
        "true" if concept.do_not_translate else "false",
        cells.get("date", ""),
        concept.note,
    ]


def protected_from_row(row: Row) -> ProtectedTerm:
    """Validate one row of ``do-not-translate.csv``."""
    try:
        return ProtectedTerm.model_validate(row.cells)
    except ValidationError as error:
        raise _validation_error(row, error) from None
