"""A batch's output files in ``DIR``, written from the finished chunks, each atomically.

* ``jsonl`` - ``batch.jsonl``: one stored statement per line (file, line, statement id,
  its lines with every rendition: id, text, version, origin, findings, review status).
* ``csv`` - ``batch.csv``: one row per rendition, with a header row.
* ``xliff`` - ``batch.<source>-<target>.xlf`` per language pair: XLIFF 2.0 (translate-
  toolkit), one unit per rendition, id ``rendition-<id>-<platform>`` (the id
  ``adapt import`` reads back), the line as source, the rendition as target, the state
  (``final`` once approved, ``translated`` with a text, else ``initial``) and the origin
  and findings as notes.

* ``ics`` and ``hootsuite`` - the approved posts at their planned slots (written by
  :mod:`service.workflow.batch_posts`, which plans them).

Failed items go to ``errors.jsonl`` (file, line, code, message) whatever the format.
"""

import csv
import io
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from translate.storage.xliff2 import Xliff2File

from service.files import write_atomic
from service.languages import Language
from service.models import RenditionOrigin
from service.review import ReviewState
from service.workflow.batch_format import BatchFormat
from service.workflow.batch_inputs import BatchFailure
from service.workflow.batch_journal import BatchRecord
from service.workflow.statement_views import RenditionView

ERRORS_FILE = "errors.jsonl"
XLIFF_NAMESPACE = "urn:oasis:names:tc:xliff:document:2.0"
CSV_COLUMNS = (
    "file",
    "line",
    "statement_id",
    "position",
    "source_language",
    "language",
    "platform",
    "rendition_id",
    "version",
    "origin",
    "review_state",
    "length",
    "fits",
    "findings",
    "source",
    "text",
)


def rendition_unit_id(rendition_id: int, platform: str) -> str:
    """The id of a rendition's XLIFF unit (the same as ``adapt``'s statement export)."""
    return f"rendition-{rendition_id}-{platform}"


def _renditions(record: BatchRecord) -> Iterable[tuple[int, str, RenditionView]]:
    for line in record.lines:
        for rendition in line.renditions:
            yield line.position, line.source, rendition


def _jsonl(records: Sequence[BatchRecord]) -> bytes:
    return "".join(record.model_dump_json() + "\n" for record in records).encode("utf-8")


def _csv(records: Sequence[BatchRecord]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for record in records:
        for position, source, rendition in _renditions(record):
            findings = ";".join(finding.check for finding in rendition.findings)
            writer.writerow(
                (
                    record.file,
                    record.line,
                    record.statement_id,
                    position,
                    record.source_language,
                    rendition.language.value,
                    rendition.platform,
                    rendition.id,
                    rendition.version,
                    rendition.origin.value,
                    rendition.review.state.value,
                    rendition.length,
                    rendition.fits,
                    findings,
                    source,
                    rendition.text,
                )
            )
    return buffer.getvalue().encode("utf-8")


def _state(rendition: RenditionView) -> str:
    if rendition.review.state is ReviewState.APPROVED:
        return "final"
    return "translated" if rendition.text.strip() else "initial"


def _add_notes(unit: Any, rendition: RenditionView) -> None:
    """``<notes>`` first in the ``<unit>`` (XLIFF 2.0): origin, then one per finding."""
    element = unit.xmlelement.getparent()
    notes = element.makeelement(f"{{{XLIFF_NAMESPACE}}}notes", {})
    texts = [("origin", rendition.origin.value)]
    texts += [
        (f"finding:{f.severity.value}", f"{f.check}: {f.message}") for f in rendition.findings
    ]
    for category, text in texts:
        note = notes.makeelement(f"{{{XLIFF_NAMESPACE}}}note", {"category": category})
        note.text = text
        notes.append(note)
    element.insert(0, notes)


def xliff_document(
    source_language: str, target_language: Language, units: Sequence[tuple[str, RenditionView]]
) -> bytes:
    """XLIFF 2.0 for one language pair: one unit per (source, rendition)."""
    store: Any = Xliff2File()  # translate-toolkit is partly typed
    store.setsourcelanguage(source_language)
    store.settargetlanguage(target_language.value)
    for source, rendition in units:
        unit = store.addsourceunit(source)
        unit.target = rendition.text
        unit.setid(rendition_unit_id(rendition.id, rendition.platform))
        unit.xmlelement.set("state", _state(rendition))
        _add_notes(unit, rendition)
    content: bytes = bytes(store)
    return content


def _xliff(records: Sequence[BatchRecord]) -> dict[str, bytes]:
    pairs: dict[tuple[str, Language], list[tuple[str, RenditionView]]] = {}
    for record in records:
        for _, source, rendition in _renditions(record):
            if rendition.origin is RenditionOrigin.SOURCE:
                continue  # the source language itself: nothing to translate
            key = (record.source_language, rendition.language)
            pairs.setdefault(key, []).append((source, rendition))
    return {
        f"batch.{source}-{target.value}.xlf": xliff_document(source, target, units)
        for (source, target), units in sorted(pairs.items())
    }


def output_files(records: Sequence[BatchRecord], format: BatchFormat) -> dict[str, bytes]:
    """The output files of the format, by name in ``DIR`` (ICS is planned from the store:
    see :func:`service.workflow.batch.run_batch`)."""
    if format is BatchFormat.CSV:
        return {"batch.csv": _csv(records)}
    if format is BatchFormat.XLIFF:
        return _xliff(records)
    return {"batch.jsonl": _jsonl(records)}


def write_outputs(
    out_dir: Path, files: dict[str, bytes], failures: Sequence[BatchFailure]
) -> list[str]:
    """Write the output files and ``errors.jsonl``, each atomically; return their paths."""
    files = dict(files)
    files[ERRORS_FILE] = "".join(
        json.dumps(failure.model_dump(mode="json"), ensure_ascii=False) + "\n"
        for failure in failures
    ).encode("utf-8")
    for name, data in files.items():
        write_atomic(out_dir / name, data)
    return [str(out_dir / name) for name in files]
