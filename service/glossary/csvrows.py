"""Reading a termbase CSV file into header-checked rows that remember their line number.

RFC 4180: UTF-8 (a BOM is tolerated), a header row, fields quoted with ``"`` where they
hold a comma, a quote or a line break. A quoted field may span lines, so a row's line is
the line it starts on, as a spreadsheet or an editor shows it. Blank lines are skipped.
"""

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from service.errors import DataError


@dataclass(frozen=True)
class Row:
    """One data row: ``cells`` maps each header column to its text."""

    path: Path
    line: int
    cells: dict[str, str]

    def where(self) -> str:
        """``file:line`` for an error message."""
        return f"{self.path}:{self.line}"


def _decode(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise DataError(f"{path}: cannot read ({error.strerror})") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise DataError(f"{path}:{line}: not valid UTF-8 (byte {error.start})") from None


def _check_header(path: Path, header: list[str], columns: Sequence[str]) -> None:
    missing = [column for column in columns if column not in header]
    unknown = [column for column in header if column not in columns]
    duplicated = sorted({column for column in header if header.count(column) > 1})
    problems = []
    if missing:
        problems.append(f"missing column(s) {', '.join(missing)}")
    if unknown:
        problems.append(f"unknown column(s) {', '.join(repr(c) for c in unknown)}")
    if duplicated:
        problems.append(f"repeated column(s) {', '.join(duplicated)}")
    if problems:
        raise DataError(f"{path}:1: header: {'; '.join(problems)} (expected: {','.join(columns)})")


def read_rows(path: Path, columns: Sequence[str]) -> Iterator[Row]:
    """Yield the data rows of ``path``; the header must name exactly ``columns`` (any order).

    Raises :class:`DataError` naming the file and line for bad encoding, broken quoting,
    a wrong header or a row with the wrong number of fields.
    """
    reader = csv.reader(io.StringIO(_decode(path), newline=""), strict=True)
    next_line = 1
    header: list[str] | None = None
    while True:
        start = next_line
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise DataError(
                f"{path}:{start}: malformed CSV in the row starting here ({error})"
            ) from None
        next_line = reader.line_num + 1
        if not fields:
            continue
        if header is None:
            header = fields
            _check_header(path, header, columns)
            continue
        if len(fields) != len(header):
            raise DataError(
                f"{path}:{start}: expected {len(header)} fields, found {len(fields)} "
                "(quote a field that contains a comma)"
            )
        yield Row(path, start, dict(zip(header, fields, strict=True)))
    if header is None:
        raise DataError(f"{path}:1: empty file; expected the header {','.join(columns)}")
