"""The translation memory: approved translations, found again exactly or nearly.

``lookup`` finds the *exact* match: the same text up to whitespace, Unicode composition and
the values of URLs, @mentions, cashtags and numbers (see :mod:`service.engines.memory_keys`);
the stored target comes back re-filled with the new source's entities, with score 1.0.
``suggestions`` offers *fuzzy* matches: units whose key is at least ``fuzzy_threshold``
similar to the new key, best first. They are suggestions for a reviewer, never used as a
rendition on their own.

The score is the normalized Indel similarity of the two keys, 2·LCS / (len a + len b)
(LCS: longest common subsequence of characters) - the measure difflib's ``ratio``
approximates, computed exactly and in C++ by RapidFuzz (difflib's pure-Python matcher
takes about a millisecond per pair, too slow for thousands of candidates per line).

Fuzzy search stays fast on a large memory: a score of at least t is only possible when the
shorter key is at least t / (2 - t) of the longer one, so SQL reads only the ids and keys
in that length band (indexed), nearest length first, at most ``max_candidates`` of them;
the few winners are then fetched whole.
"""

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pydantic import Field, field_serializer
from rapidfuzz import process
from rapidfuzz.distance import Indel

from service.engines.memory_keys import SourceKey, make_source_key, normalize_text, refill_target
from service.errors import ErrorCode, InputError
from service.languages import Language
from service.models import (
    MatchKind,
    MemoryReference,
    Model,
    TranslationUnit,
    UnitProvenance,
)
from service.store.repository import TranslationUnitRepository, UnitDraft, UpsertCounts

DEFAULT_MAX_CANDIDATES = 5000


class MemoryMatch(Model):
    """A translation found in the memory, ready to use (exact) or to review (fuzzy)."""

    target_text: str
    score: float = Field(ge=0.0, le=1.0, description="1.0 for exact; the similarity for fuzzy.")
    kind: MatchKind
    unit_id: int
    source_text: str
    provenance: UnitProvenance

    @field_serializer("score")
    def _rounded(self, score: float) -> float:
        return round(score, 4)

    def reference(self) -> MemoryReference:
        """What a rendition's :class:`~service.models.Provenance` records about this match."""
        return MemoryReference(unit_id=self.unit_id, kind=self.kind, score=self.score)


@dataclass(frozen=True)
class ApprovedTranslation:
    """A translation to remember: approved by a reviewer, added by hand or imported."""

    source_language: Language
    target_language: Language
    source_text: str
    target_text: str
    provenance: UnitProvenance


def _match(
    unit: TranslationUnit, stored: SourceKey, new: SourceKey, kind: MatchKind, score: float
) -> MemoryMatch | None:
    """Build a match, re-filling entities; None for an exact match that cannot be re-filled."""
    same_kinds = [e.kind for e in stored.entities] == [e.kind for e in new.entities]
    target = refill_target(stored, new, unit.target_text) if same_kinds else None
    if target is None and kind is MatchKind.EXACT:
        return None
    return MemoryMatch(
        target_text=target if target is not None else unit.target_text,
        score=score,
        kind=kind,
        unit_id=unit.id,
        source_text=unit.source_text,
        provenance=unit.provenance,
    )


def _length_band(length: int, threshold: float) -> tuple[int, int]:
    """Key lengths that can reach ``threshold`` against a key of ``length`` code points."""
    low = math.ceil(length * threshold / (2.0 - threshold) - 1e-9)
    high = math.floor(length * (2.0 - threshold) / threshold + 1e-9)
    return low, high


def _check_pair(source_language: Language, target_language: Language) -> None:
    if source_language is target_language:
        raise InputError(
            f"source and target language are both {source_language.value}",
            code=ErrorCode.INVALID_INPUT,
            language=source_language.value,
        )


class TranslationMemory:
    """Approved translations per language pair, with exact lookup and fuzzy suggestions."""

    def __init__(
        self,
        repository: TranslationUnitRepository,
        *,
        fuzzy_threshold: float = 0.85,
        max_candidates: int = DEFAULT_MAX_CANDIDATES,
    ) -> None:
        if not 0.0 < fuzzy_threshold <= 1.0:
            raise ValueError(f"fuzzy_threshold must be in (0, 1], not {fuzzy_threshold}")
        self._repository = repository
        self.fuzzy_threshold = fuzzy_threshold
        self.max_candidates = max_candidates

    def add(
        self,
        source_text: str,
        target_text: str,
        source_language: Language,
        target_language: Language,
        provenance: UnitProvenance,
    ) -> TranslationUnit:
        """Remember an approved translation; it replaces one with the same key and pair."""
        translation = ApprovedTranslation(
            source_language, target_language, source_text, target_text, provenance
        )
        return self._repository.upsert(self._draft(translation))

    def add_many(self, translations: Iterable[ApprovedTranslation]) -> UpsertCounts:
        """Remember many translations in one transaction: all are stored, or none."""
        return self._repository.upsert_many([self._draft(t) for t in translations])

    @staticmethod
    def _draft(translation: ApprovedTranslation) -> UnitDraft:
        _check_pair(translation.source_language, translation.target_language)
        if not translation.source_text.strip() or not translation.target_text.strip():
            raise InputError(
                "a translation memory entry needs a non-empty source and target",
                code=ErrorCode.EMPTY_INPUT,
            )
        return UnitDraft(
            source_language=translation.source_language,
            target_language=translation.target_language,
            source_text=translation.source_text,
            target_text=translation.target_text,
            source_key=make_source_key(translation.source_text).key,
            provenance=translation.provenance,
        )

    def units(
        self, source_language: Language | None = None, target_language: Language | None = None
    ) -> list[TranslationUnit]:
        """Every stored unit, optionally of one source and/or target language, oldest first."""
        return self._repository.list_units(source_language, target_language)

    def holds_pair(self, source_language: Language, target_language: Language) -> bool:
        """Whether the memory has any translation of this pair (else nothing can match)."""
        return self._repository.has_pair(source_language, target_language)

    def lookup(
        self, source_text: str, source_language: Language, target_language: Language
    ) -> MemoryMatch | None:
        """The exact match for ``source_text``, with the new entities filled in, or None."""
        return self.lookup_many([source_text], source_language, target_language)[0]

    def lookup_many(
        self, source_texts: Sequence[str], source_language: Language, target_language: Language
    ) -> list[MemoryMatch | None]:
        """Exact matches for many texts at once (one query per 500 keys), in input order."""
        _check_pair(source_language, target_language)
        keys = [make_source_key(text) for text in source_texts]
        units = self._repository.find_exact(
            source_language, target_language, {key.key for key in keys}
        )
        stored_keys = {key: make_source_key(unit.source_text) for key, unit in units.items()}
        matches: list[MemoryMatch | None] = []
        for key in keys:
            unit = units.get(key.key)
            if unit is None:
                matches.append(None)
                continue
            matches.append(_match(unit, stored_keys[key.key], key, MatchKind.EXACT, 1.0))
        return matches

    def suggestions(
        self,
        source_text: str,
        source_language: Language,
        target_language: Language,
        limit: int = 3,
    ) -> list[MemoryMatch]:
        """Fuzzy matches scoring at least the threshold, best first (exact match excluded)."""
        _check_pair(source_language, target_language)
        new = make_source_key(source_text)
        if not new.key or limit < 1:
            return []
        low, high = _length_band(len(new.key), self.fuzzy_threshold)
        candidates = self._repository.find_keys_by_length(
            source_language,
            target_language,
            min_length=low,
            max_length=high,
            near_length=len(new.key),
            limit=self.max_candidates,
        )
        # One more than asked: the unit with the very same key is lookup's, not a suggestion.
        scores = self._best_scores(new, candidates, limit + 1)
        units = self._repository.get_many(scores)
        return self._matches(new, source_text, scores, units, limit)

    def _best_scores(
        self, new: SourceKey, candidates: Sequence[tuple[int, str]], limit: int
    ) -> dict[int, float]:
        """Score by unit id of the best ``limit`` candidates that reach the threshold."""
        found = process.extract(
            new.key,
            dict(candidates),
            scorer=Indel.normalized_similarity,
            score_cutoff=self.fuzzy_threshold,
            limit=None,
        )
        found.sort(key=lambda item: (-item[1], item[2]))
        return {unit_id: score for _, score, unit_id in found[:limit]}

    def _matches(
        self,
        new: SourceKey,
        source_text: str,
        scores: dict[int, float],
        units: dict[int, TranslationUnit],
        limit: int,
    ) -> list[MemoryMatch]:
        """Best-first fuzzy matches, the exact-key unit aside (see :meth:`_same_key_score`)."""
        ranked: list[tuple[float, TranslationUnit, SourceKey]] = []
        for unit_id, score in scores.items():
            unit = units.get(unit_id)
            if unit is None:  # deleted since the scan
                continue
            stored = make_source_key(unit.source_text)
            if stored.key == new.key:
                same_key_score = self._same_key_score(stored, new, source_text, unit)
                if same_key_score is None or same_key_score < self.fuzzy_threshold:
                    continue
                score = same_key_score
            ranked.append((score, unit, stored))
        ranked.sort(key=lambda item: (-item[0], item[1].id))
        matches = [
            _match(unit, stored, new, MatchKind.FUZZY, score) for score, unit, stored in ranked
        ]
        return [match for match in matches[:limit] if match is not None]

    @staticmethod
    def _same_key_score(
        stored: SourceKey, new: SourceKey, source_text: str, unit: TranslationUnit
    ) -> float | None:
        """The exact match is :meth:`lookup`'s (None here), unless its target cannot be
        re-filled (a number it spells out): then it is a suggestion, scored on the texts
        themselves, entities included."""
        if refill_target(stored, new, unit.target_text) is not None:
            return None
        return float(
            Indel.normalized_similarity(
                normalize_text(unit.source_text), normalize_text(source_text)
            )
        )
