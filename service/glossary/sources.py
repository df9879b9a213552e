"""The status file beside a concept file: one row per cell, saying whether it is verified.

``un-terms.csv`` has its statuses in ``un-terms.sources.csv`` (any ``X.csv`` in ``X.sources.csv``)::

    id, field, language, value, status, tier, source, note
    who, short, fr, OMS, verified, official, "UN SDG texts ...", ""

``field`` is ``name``, ``short``, ``hashtag`` or ``date`` (``date`` has no language).
``value`` repeats the cell's text, so that a form changed in the concept file without
re-checking its source is caught at start-up rather than keeping a stale ``verified``.
A filled cell without a row is unverified; a missing status file means every cell is.
"""

import csv
import io
from collections.abc import Mapping, Sequence
from pathlib import Path

from pydantic import ValidationError

from service.errors import DataError
from service.glossary.csvrows import Row, read_rows
from service.glossary.models import Concept
from service.glossary.status import (
    UNVERIFIED,
    CellField,
    CellStatus,
    cell_column,
    parse_cell_column,
)
from service.languages import Language

SOURCES_SUFFIX = ".sources.csv"
SOURCE_COLUMNS: tuple[str, ...] = (
    "id",
    "field",
    "language",
    "value",
    "status",
    "tier",
    "source",
    "note",
)


def sources_path(concept_file: Path) -> Path:
    """Where the statuses of ``concept_file`` live: ``un-terms.csv`` -> ``un-terms.sources.csv``."""
    return concept_file.with_name(concept_file.name.removesuffix(".csv") + SOURCES_SUFFIX)


def is_sources_file(path: Path) -> bool:
    return path.name.endswith(SOURCES_SUFFIX)


def _fail(row: Row, message: str) -> DataError:
    return DataError(f"{row.where()}: {message}", file=str(row.path), line=row.line)


def _column(row: Row) -> str:
    """The concept-file column a status row is about (``name_fr``, ``date``)."""
    field, language = row.cells["field"], row.cells["language"]
    try:
        cell_field = CellField(field)
    except ValueError:
        raise _fail(row, f"field {field!r} must be one of name, short, hashtag, date") from None
    if cell_field is CellField.DATE:
        if language:
            raise _fail(row, "a date has no language: leave the language empty")
        return cell_column(cell_field, None)
    try:
        return cell_column(cell_field, Language(language))
    except ValueError:
        raise _fail(row, f"language {language!r} must be one of ar, zh, en, fr, ru, es") from None


def _status(row: Row) -> CellStatus:
    cells = row.cells
    raw = {"status": cells["status"], "tier": cells["tier"] or None}
    try:
        return CellStatus.model_validate(raw | {"source": cells["source"], "note": cells["note"]})
    except ValidationError as error:
        first = error.errors()[0]
        message = first["msg"].removeprefix("Value error, ")
        if first["type"] == "enum":
            message = f"{first['loc'][0]}: unknown value {first['input']!r}: {message.lower()}"
        raise _fail(row, message) from None


def read_statuses(
    path: Path, concepts: Mapping[str, tuple[Concept, str]]
) -> dict[str, dict[str, CellStatus]]:
    """The statuses of ``path`` by concept id and column, checked against ``concepts``.

    ``concepts`` maps each id of the concept file to its concept and ``file:line``. Raises
    :class:`DataError` naming this file and line for an unknown concept, a repeated cell, a
    cell that holds no value or another value, or a status without its tier and source.
    """
    statuses: dict[str, dict[str, CellStatus]] = {}
    first_line: dict[tuple[str, str], int] = {}
    for row in read_rows(path, SOURCE_COLUMNS):
        concept_id = row.cells["id"]
        if concept_id not in concepts:
            raise _fail(row, f"unknown concept {concept_id!r} (not in the concept file)")
        concept, where = concepts[concept_id]
        column = _column(row)
        if (concept_id, column) in first_line:
            first = first_line[concept_id, column]
            raise _fail(row, f"{concept_id} {column} repeated (first at line {first})")
        first_line[concept_id, column] = row.line
        value, current = row.cells["value"], concept.cell(column)
        if current is None:
            raise _fail(
                row, f"{where} has no {column} for {concept_id!r}: fill it or drop this row"
            )
        if value != current:
            raise _fail(
                row,
                f"the status is for {value!r}, but {where} now has {current!r} in {column}: "
                "check the new form and update its value, status and source",
            )
        statuses.setdefault(concept_id, {})[column] = _status(row)
    return statuses


def statuses_to_csv(concepts: Sequence[Concept]) -> str:
    """A status file for ``concepts``: one row per filled cell, defaults written out."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(SOURCE_COLUMNS)
    for concept in concepts:
        for column, text in concept.filled_cells():
            field, language = parse_cell_column(column)
            status = concept.statuses.get(column, UNVERIFIED)
            writer.writerow(
                [
                    concept.id,
                    field.value,
                    language.value if language else "",
                    text,
                    status.status.value,
                    status.tier.value if status.tier else "",
                    status.source,
                    status.note,
                ]
            )
    return buffer.getvalue()
