"""Small termbases written to a temporary directory, for tests that need their own glossary."""

import csv
import io
from collections.abc import Mapping, Sequence
from pathlib import Path

from service.glossary.columns import CONCEPT_COLUMNS, PROTECTED_COLUMNS

_WHO = {
    "kind": "organization",
    "name_ar": "منظمة الصحة العالمية",
    "name_zh": "世界卫生组织",
    "name_en": "World Health Organization",
    "name_fr": "Organisation mondiale de la Santé",
    "name_ru": "Всемирная организация здравоохранения",
    "name_es": "Organización Mundial de la Salud",
    "short_en": "WHO",
}
_WORLD_HEALTH_DAY = {
    "kind": "observance",
    "name_ar": "يوم الصحة العالمي",
    "name_zh": "世界卫生日",
    "name_en": "World Health Day",
    "name_fr": "Journée mondiale de la santé",
    "name_ru": "Всемирный день здоровья",
    "name_es": "Día Mundial de la Salud",
    "hashtag_en": "#WorldHealthDay",
    "date": "04-07",
}


def _row(concept_id: str, cells: Mapping[str, str]) -> dict[str, str]:
    """A row with every column: empty, ``do_not_translate`` false, then ``cells``."""
    row = dict.fromkeys(CONCEPT_COLUMNS, "")
    row.update(id=concept_id, do_not_translate="false")
    row.update(cells)
    return row


def concept_row(concept_id: str = "who", **cells: str) -> dict[str, str]:
    """A valid organization row (WHO) in all six languages, with ``cells`` overriding it."""
    return _row(concept_id, {**_WHO, **cells})


def observance_row(concept_id: str = "world-health-day", **cells: str) -> dict[str, str]:
    """A valid observance row (World Health Day, 04-07), with ``cells`` overriding it."""
    return _row(concept_id, {**_WORLD_HEALTH_DAY, **cells})


def minimal_row(concept_id: str, name_en: str, kind: str = "term", **cells: str) -> dict[str, str]:
    """A valid row with only an English name, with ``cells`` added."""
    return _row(concept_id, {"kind": kind, "name_en": name_en, **cells})


def csv_text(rows: Sequence[dict[str, str]], columns: Sequence[str] = CONCEPT_COLUMNS) -> str:
    """Rows as CSV text with a header, quoted as the csv module quotes (LF line ends)."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def write_glossary(
    directory: Path,
    rows: Sequence[dict[str, str]],
    protected: Sequence[tuple[str, str, str]] = (),
) -> Path:
    """Write ``un-terms.csv`` (and ``do-not-translate.csv`` if ``protected``) in ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "un-terms.csv").write_text(csv_text(rows), encoding="utf-8", newline="")
    if protected:
        entries = [dict(zip(PROTECTED_COLUMNS, entry, strict=True)) for entry in protected]
        text = csv_text(entries, PROTECTED_COLUMNS)
        (directory / "do-not-translate.csv").write_text(text, encoding="utf-8", newline="")
    return directory
