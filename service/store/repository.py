"""The translation-memory repository: domain models in and out, rows stay inside.

The repository knows nothing of matching: the memory engine computes the normalized
``source_key`` and the repository stores and finds rows by it. Each public method runs in
one transaction, so a batch (a TMX import) is written completely or not at all.
"""

import hashlib
import heapq
import itertools
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypeVar

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from service.languages import Language
from service.models import TranslationUnit, UnitOrigin, UnitProvenance
from service.store.tables import TranslationUnitRow

TransactionFactory = Callable[[], AbstractContextManager[Session]]
_Item = TypeVar("_Item")

# Keys per IN (...) query: well below SQLite's 32,766 bound parameters.
_KEYS_PER_QUERY = 500
# Rows fetched at a time while walking the length index (server-side cursor on PostgreSQL).
_ROWS_PER_FETCH = 1000


@dataclass(frozen=True)
class UnitDraft:
    """An approved translation to store; ``source_key`` is the memory's normalized source."""

    source_language: Language
    target_language: Language
    source_text: str
    target_text: str
    source_key: str
    provenance: UnitProvenance


@dataclass(frozen=True)
class UpsertCounts:
    inserted: int
    updated: int


def key_hash(source_key: str) -> str:
    """SHA-256 of the key, hex: the indexed column exact lookups go through."""
    return hashlib.sha256(source_key.encode("utf-8")).hexdigest()


def _to_unit(row: TranslationUnitRow) -> TranslationUnit:
    return TranslationUnit(
        id=row.id,
        source_language=Language(row.source_language),
        target_language=Language(row.target_language),
        source_text=row.source_text,
        target_text=row.target_text,
        provenance=UnitProvenance(
            origin=UnitOrigin(row.origin),
            approved_by=row.approved_by,
            approved_at_utc=row.approved_at_utc,
            imported_from=row.imported_from,
        ),
        created_at_utc=row.created_at_utc,
        updated_at_utc=row.updated_at_utc,
    )


def _identity(draft: UnitDraft) -> tuple[str, str, str]:
    return (draft.source_language.value, draft.target_language.value, key_hash(draft.source_key))


def _values(draft: UnitDraft, now: datetime) -> dict[str, object]:
    """Column values of a draft for a bulk INSERT or UPDATE."""
    return {
        "source_language": draft.source_language.value,
        "target_language": draft.target_language.value,
        "source_text": draft.source_text,
        "target_text": draft.target_text,
        "source_key": draft.source_key,
        "source_key_hash": key_hash(draft.source_key),
        "source_length": len(draft.source_key),
        "origin": draft.provenance.origin.value,
        "approved_by": draft.provenance.approved_by,
        "approved_at_utc": draft.provenance.approved_at_utc,
        "imported_from": draft.provenance.imported_from,
        "updated_at_utc": now,
    }


def _chunks(items: Sequence[_Item], size: int) -> Iterator[Sequence[_Item]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class TranslationUnitRepository:
    """Stores approved translations, unique per (source language, target language, key)."""

    def __init__(self, transaction: TransactionFactory, read: TransactionFactory) -> None:
        self._transaction = transaction
        self._read = read  # lookups: no write lock (SQLite), nothing to commit

    def upsert(self, draft: UnitDraft) -> TranslationUnit:
        """Insert the unit, or update the one with the same pair and key; return it stored."""
        with self._transaction() as session:
            self._write(session, [draft])
            query = select(TranslationUnitRow).where(
                TranslationUnitRow.source_language == draft.source_language.value,
                TranslationUnitRow.target_language == draft.target_language.value,
                TranslationUnitRow.source_key_hash == key_hash(draft.source_key),
            )
            return _to_unit(session.scalars(query).one())

    def upsert_many(self, drafts: Iterable[UnitDraft]) -> UpsertCounts:
        """Insert or update many units in one transaction; the last draft for a key wins."""
        latest = {_identity(draft): draft for draft in drafts}
        with self._transaction() as session:
            inserted = self._write(session, list(latest.values()))
        return UpsertCounts(inserted=inserted, updated=len(latest) - inserted)

    def _write(self, session: Session, drafts: Sequence[UnitDraft]) -> int:
        """Bulk-insert the new drafts and bulk-update the stored ones; return how many are new."""
        existing = self._existing_ids(session, drafts)
        now = datetime.now(UTC)
        inserts: list[dict[str, object]] = []
        updates: list[dict[str, object]] = []
        for draft in drafts:
            unit_id = existing.get(_identity(draft))
            if unit_id is None:
                inserts.append(_values(draft, now) | {"created_at_utc": now})
            else:
                updates.append(_values(draft, now) | {"id": unit_id})
        if inserts:
            session.execute(insert(TranslationUnitRow), inserts)
        if updates:
            session.execute(update(TranslationUnitRow), updates)
        return len(inserts)

    @staticmethod
    def _existing_ids(
        session: Session, drafts: Sequence[UnitDraft]
    ) -> dict[tuple[str, str, str], int]:
        """Ids of the stored units with the drafts' identities, found by key hash."""
        identities = {_identity(draft) for draft in drafts}
        hashes = sorted({identity[2] for identity in identities})
        columns = (
            TranslationUnitRow.id,
            TranslationUnitRow.source_language,
            TranslationUnitRow.target_language,
            TranslationUnitRow.source_key_hash,
        )
        found: dict[tuple[str, str, str], int] = {}
        for chunk in _chunks(hashes, _KEYS_PER_QUERY):
            query = select(*columns).where(TranslationUnitRow.source_key_hash.in_(chunk))
            for unit_id, source_language, target_language, hashed in session.execute(query):
                identity = (source_language, target_language, hashed)
                if identity in identities:
                    found[identity] = unit_id
        return found

    def find_exact(
        self, source_language: Language, target_language: Language, source_keys: Collection[str]
    ) -> dict[str, TranslationUnit]:
        """The stored units whose key is one of ``source_keys``, by key; one query per 500."""
        wanted = {key_hash(key): key for key in source_keys}
        result: dict[str, TranslationUnit] = {}
        with self._read() as session:
            for hashes in _chunks(sorted(wanted), _KEYS_PER_QUERY):
                query = select(TranslationUnitRow).where(
                    TranslationUnitRow.source_language == source_language.value,
                    TranslationUnitRow.target_language == target_language.value,
                    TranslationUnitRow.source_key_hash.in_(hashes),
                )
                for row in session.scalars(query):
                    if row.source_key == wanted[row.source_key_hash]:
                        result[row.source_key] = _to_unit(row)
        return result

    def find_keys_by_length(
        self,
        source_language: Language,
        target_language: Language,
        *,
        min_length: int,
        max_length: int,
        near_length: int,
        limit: int,
    ) -> list[tuple[int, str]]:
        """(id, key) of units of the pair whose key length is in the band, nearest first.

        The fuzzy matcher's SQL prefilter. Two scans of the (pair, length) index walk out
        from ``near_length``, up and down, so no sort of the band is needed; only ids and
        keys are read, at most ``limit`` of them. :meth:`get_many` fetches the winners.
        """
        length = TranslationUnitRow.source_length
        band = select(TranslationUnitRow.id, TranslationUnitRow.source_key, length).where(
            TranslationUnitRow.source_language == source_language.value,
            TranslationUnitRow.target_language == target_language.value,
            length.between(min_length, max_length),
        )
        longer = band.where(length >= near_length).order_by(length, TranslationUnitRow.id)
        shorter = band.where(length < near_length).order_by(length.desc(), TranslationUnitRow.id)
        with self._read() as session:
            up = session.execute(longer.execution_options(yield_per=_ROWS_PER_FETCH))
            down = session.execute(shorter.execution_options(yield_per=_ROWS_PER_FETCH))
            try:
                nearest = heapq.merge(up, down, key=lambda row: abs(row[2] - near_length))
                return [(unit_id, key) for unit_id, key, _ in itertools.islice(nearest, limit)]
            finally:
                up.close()
                down.close()

    def get_many(self, unit_ids: Collection[int]) -> dict[int, TranslationUnit]:
        """The stored units with these ids, by id (missing ids are left out)."""
        result: dict[int, TranslationUnit] = {}
        with self._read() as session:
            for chunk in _chunks(sorted(set(unit_ids)), _KEYS_PER_QUERY):
                query = select(TranslationUnitRow).where(TranslationUnitRow.id.in_(chunk))
                result.update((row.id, _to_unit(row)) for row in session.scalars(query))
        return result

    def get(self, unit_id: int) -> TranslationUnit | None:
        with self._read() as session:
            row = session.get(TranslationUnitRow, unit_id)
            return _to_unit(row) if row is not None else None

    def list_units(
        self, source_language: Language | None = None, target_language: Language | None = None
    ) -> list[TranslationUnit]:
        """All units, optionally of one source and/or target language, oldest first."""
        query = select(TranslationUnitRow).order_by(TranslationUnitRow.id)
        if source_language is not None:
            query = query.where(TranslationUnitRow.source_language == source_language.value)
        if target_language is not None:
            query = query.where(TranslationUnitRow.target_language == target_language.value)
        with self._read() as session:
            return [_to_unit(row) for row in session.scalars(query)]

    def has_pair(self, source_language: Language, target_language: Language) -> bool:
        """Whether any unit translates ``source_language`` into ``target_language``."""
        query = select(TranslationUnitRow.id).where(
            TranslationUnitRow.source_language == source_language.value,
            TranslationUnitRow.target_language == target_language.value,
        )
        with self._read() as session:
            return session.scalar(query.limit(1)) is not None

    def count(self) -> int:
        with self._read() as session:
            return session.scalar(select(func.count()).select_from(TranslationUnitRow)) or 0
