"""Export the termbase (CSV or TBX) and import a user's TBX termbase into a concept CSV file.

CSV export writes exactly the format :func:`load_glossary` reads (LF line ends, quoted
only where needed) and, beside a file, its status file, so that an exported pair can be
dropped back into ``glossaries/``. Import merges cell by cell (:mod:`.merge`) and writes
the concept file and its status file. Files are replaced atomically (a temporary file in
the same folder, then a rename) and new ones get the mode the user's umask gives.
"""

import csv
import io
import os
import secrets
import stat
from enum import StrEnum
from pathlib import Path

from service.errors import ErrorCode, InputError
from service.glossary.columns import CONCEPT_COLUMNS, concept_to_row
from service.glossary.merge import ImportReport, merge_concepts
from service.glossary.models import Concept
from service.glossary.sources import is_sources_file, sources_path, statuses_to_csv
from service.glossary.tbx import concepts_from_tbx, concepts_to_tbx
from service.glossary.termbase import (
    PROTECTED_FILE,
    Glossary,
    check_unique,
    concept_files,
    load_glossary,
    read_concept_file,
)


class ExportFormat(StrEnum):
    CSV = "csv"
    TBX = "tbx"


def concepts_to_csv(concepts: list[Concept]) -> str:
    """The concepts as a concept file: header, then one row per concept."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CONCEPT_COLUMNS)
    writer.writerows(concept_to_row(concept) for concept in concepts)
    return buffer.getvalue()


def export_glossary(glossary: Glossary, export_format: ExportFormat) -> bytes:
    """Every concept of ``glossary`` in ``export_format``, as UTF-8 bytes (CSV: no statuses)."""
    concepts = list(glossary.concepts)
    if export_format is ExportFormat.TBX:
        return concepts_to_tbx(concepts)
    return concepts_to_csv(concepts).encode("utf-8")


def export_files(glossary: Glossary, export_format: ExportFormat, path: Path) -> list[Path]:
    """Write the export to ``path`` (and a CSV's statuses beside it); the files written."""
    files = {path: export_glossary(glossary, export_format)}
    if export_format is ExportFormat.CSV:
        files[sources_path(path)] = statuses_to_csv(list(glossary.concepts)).encode("utf-8")
    write_files(files)
    return list(files)


def _unwritable(path: Path, error: OSError) -> InputError:
    return InputError(
        f"{path}: cannot write ({error.strerror})",
        code=ErrorCode.UNWRITABLE_FILE,
        file=str(path),
    )


def _write_temporary(path: Path, data: bytes) -> Path:
    """``data`` in a new file beside ``path``: ``path``'s mode if it exists, else the umask's."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
        if path.exists():
            os.chmod(temporary, stat.S_IMODE(path.stat().st_mode))
    except OSError:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def write_files(files: dict[Path, bytes]) -> None:
    """Replace each file atomically; all are written before any is replaced.

    A new file gets the mode of ``open()`` under the user's umask (as other exports do),
    an existing one keeps its mode.
    """
    written: dict[Path, Path] = {}
    try:
        for path, data in files.items():
            try:
                written[path] = _write_temporary(path, data)
            except OSError as error:
                raise _unwritable(path, error) from None
        for path, temporary in written.items():
            try:
                os.replace(temporary, path)
            except OSError as error:
                raise _unwritable(path, error) from None
    finally:
        for temporary in written.values():
            temporary.unlink(missing_ok=True)


def _check_import_paths(source: Path, target: Path) -> None:
    if not source.is_file():
        code = ErrorCode.IS_A_DIRECTORY if source.is_dir() else ErrorCode.FILE_NOT_FOUND
        what = "is a directory" if source.is_dir() else "no such file"
        raise InputError(f"{source}: {what}", code=code, file=str(source))
    if target.suffix != ".csv" or target.name == PROTECTED_FILE or is_sources_file(target):
        raise InputError(
            f"{target}: the target must be a concept file named *.csv "
            f"(not {PROTECTED_FILE} or a *.sources.csv status file)",
            code=ErrorCode.INVALID_INPUT,
            file=str(target),
        )
    if not target.parent.is_dir():
        raise InputError(
            f"{target.parent}: no such directory",
            code=ErrorCode.FILE_NOT_FOUND,
            file=str(target.parent),
        )


def import_tbx(source: Path, target: Path) -> ImportReport:
    """Merge the TBX file ``source`` into the concept CSV ``target`` (created if absent).

    The result must agree with the other concept files beside ``target`` (no id, surface
    form or hashtag meaning two concepts), else :class:`DataError` and nothing is written.
    The statuses go to ``target``'s status file.
    """
    _check_import_paths(source, target)
    existing = [concept for _, concept in read_concept_file(target)] if target.exists() else []
    report = ImportReport(target=str(target))
    merged = merge_concepts(existing, concepts_from_tbx(source), report)
    neighbours = [
        located
        for path in concept_files(target.parent)
        if path.resolve() != target.resolve()
        for located in read_concept_file(path)
    ]
    check_unique([*neighbours, *((f"{target} ({c.id})", c) for c in merged)])
    write_files(
        {
            target: concepts_to_csv(merged).encode("utf-8"),
            sources_path(target): statuses_to_csv(merged).encode("utf-8"),
        }
    )
    load_glossary.cache_clear()
    return report
