"""The termbase as the rest of adapt sees it: lookup, observances, surface forms, protection.

:func:`load_glossary` is the only reader of ``glossaries/``. It reads every concept file
(``*.csv``) and ``do-not-translate.csv``, validates them all and checks across rows that
ids, surface forms and hashtags are unique, so a broken termbase stops adapt at start-up
with the file and line to fix, never in the middle of a translation.
"""

import difflib
import threading
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from service.errors import DataError, ErrorCode, InputError
from service.glossary.columns import (
    CONCEPT_COLUMNS,
    PROTECTED_COLUMNS,
    concept_from_row,
    protected_from_row,
)
from service.glossary.csvrows import read_rows
from service.glossary.models import Concept, ConceptKind, ProtectedKind, ProtectedTerm, TermEntry
from service.glossary.sources import (
    SOURCES_SUFFIX,
    is_sources_file,
    read_statuses,
    sources_path,
)
from service.glossary.status import UNVERIFIED, CellField, CellStatus
from service.languages import ALL_LANGUAGES, Language

if TYPE_CHECKING:
    from service.glossary.match import TermMatcher

PROTECTED_FILE = "do-not-translate.csv"


class Glossary:
    """A validated, read-only termbase; build it with :func:`load_glossary`.

    Term matchers are built on first use per language and kept for the life of the object.
    """

    def __init__(
        self,
        concepts: Sequence[Concept],
        protected: Sequence[ProtectedTerm] = (),
        files: Sequence[Path] = (),
    ) -> None:
        self._concepts = tuple(concepts)
        self._by_id: dict[str, Concept] = {}
        for concept in self._concepts:
            if concept.id in self._by_id:
                raise DataError(f"duplicate concept id {concept.id!r}")
            self._by_id[concept.id] = concept
        self._protected = tuple(protected)
        self._files = tuple(files)
        self._by_hashtag = {
            tag.casefold(): concept
            for concept in self._concepts
            for tags in concept.hashtags.values()
            for tag in tags
        }
        self._matchers: dict[Language, TermMatcher] = {}
        self._lock = threading.Lock()

    @property
    def concepts(self) -> tuple[Concept, ...]:
        """Every concept, in file order."""
        return self._concepts

    @property
    def protected(self) -> tuple[ProtectedTerm, ...]:
        """The entries of ``do-not-translate.csv``."""
        return self._protected

    @property
    def files(self) -> tuple[Path, ...]:
        """The files this glossary was read from."""
        return self._files

    def get(self, concept_id: str) -> Concept:
        """The concept with this id; :class:`InputError` (with a suggestion) if there is none."""
        try:
            return self._by_id[concept_id]
        except KeyError:
            close = difflib.get_close_matches(concept_id, list(self._by_id), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise InputError(
                f"unknown concept {concept_id!r}{hint}",
                code=ErrorCode.UNKNOWN_CONCEPT,
                concept=concept_id,
                suggestion=close[0] if close else None,
            ) from None

    def observance(self, concept_id: str) -> Concept:
        """The observance with this id (its ``observance_date`` is set), for scheduling."""
        concept = self.get(concept_id)
        if concept.kind is not ConceptKind.OBSERVANCE:
            raise InputError(
                f"{concept_id!r} is not an observance (its kind is {concept.kind.value})",
                code=ErrorCode.UNKNOWN_CONCEPT,
                concept=concept_id,
                kind=concept.kind.value,
            )
        return concept

    def observances(self) -> list[Concept]:
        """Every observance, in calendar order."""
        found = [c for c in self._concepts if c.observance_date is not None]
        return sorted(found, key=lambda c: (c.observance_date, c.id))

    def gaps(self) -> list[str]:
        """Human-readable report of unknown cells, e.g. ``who: short form missing for ar``.

        Every concept should have a name in all six languages. A short form or hashtag is
        only reported missing when the concept has one in some other language and the
        language is not marked ``-`` (checked: none).
        """
        report: list[str] = []
        for concept in self._concepts:
            for language in ALL_LANGUAGES:
                if language not in concept.names:
                    report.append(f"{concept.id}: name missing for {language}")
            report.extend(
                _missing(concept, "short form", concept.short_forms, concept.no_short_form)
            )
            report.extend(_missing(concept, "hashtag", concept.hashtags, concept.no_hashtag))
        return report

    def terms_for(self, language: Language) -> list[TermEntry]:
        """Every surface form in ``language`` (names, then short forms), with its status."""
        entries: list[TermEntry] = []
        for field, form in ((CellField.NAME, "name"), (CellField.SHORT, "short_form")):
            for concept in self._concepts:
                values = concept.names if field is CellField.NAME else concept.short_forms
                if language in values:
                    entries.append(
                        TermEntry(
                            concept_id=concept.id,
                            language=language,
                            surface=values[language],
                            form=form,
                            status=concept.status(field, language) or UNVERIFIED,
                        )
                    )
        return entries

    def protected_hashtags(self) -> set[str]:
        """Official hashtags (all languages) and the protected ones of do-not-translate.csv."""
        tags = {tag for c in self._concepts for tags in c.hashtags.values() for tag in tags}
        tags.update(p.text for p in self._protected if p.kind is ProtectedKind.HASHTAG)
        return tags

    def do_not_translate_names(self) -> list[str]:
        """Names machine translation must copy unchanged, longest first (so they win overlaps)."""
        names = {c.names[Language.EN] for c in self._concepts if c.do_not_translate}
        names.update(p.text for p in self._protected if p.kind is ProtectedKind.NAME)
        return sorted(names, key=lambda name: (-len(name), name))

    def concept_for_hashtag(self, hashtag: str) -> Concept | None:
        """The concept owning an official hashtag (any case), to swap the tag per language."""
        return self._by_hashtag.get(hashtag.casefold())

    def matcher(self, language: Language) -> "TermMatcher":
        """The term matcher for ``language``, built on first use (it loads a spaCy tokenizer)."""
        with self._lock:
            if language not in self._matchers:
                from service.glossary.match import TermMatcher

                self._matchers[language] = TermMatcher(self.terms_for(language), language)
            return self._matchers[language]


def _missing(
    concept: Concept,
    what: str,
    given: dict[Language, str] | dict[Language, list[str]],
    absent: frozenset[Language],
) -> Iterable[str]:
    if not given:
        return []
    return [
        f"{concept.id}: {what} missing for {language}"
        for language in ALL_LANGUAGES
        if language not in given and language not in absent
    ]


def _claims(concept: Concept) -> list[tuple[tuple[str, ...], str]]:
    """What a concept claims for itself: its id, each surface form per language, each hashtag."""
    claims: list[tuple[tuple[str, ...], str]] = [(("id", concept.id), f"id {concept.id!r}")]
    for language in ALL_LANGUAGES:
        for surface in (concept.names.get(language), concept.short_forms.get(language)):
            if surface:
                key = ("surface", language.value, surface.casefold())
                claims.append((key, f"{surface!r} ({language})"))
        for tag in concept.hashtags.get(language, []):
            claims.append((("hashtag", tag.casefold()), f"hashtag {tag!r}"))
    return claims


def check_unique(located: list[tuple[str, Concept]]) -> None:
    """Ids, surface forms (per language, ignoring case) and hashtags must each mean one concept.

    ``located`` pairs each concept with where it comes from (``file:line``) for the message.
    """
    owners: dict[tuple[str, ...], tuple[str, str]] = {}
    for where, concept in located:
        for key, label in _claims(concept):
            owner = owners.setdefault(key, (where, concept.id))
            if owner == (where, concept.id):
                continue
            if key[0] == "id":
                raise DataError(f"{where}: duplicate id {concept.id!r} (first at {owner[0]})")
            if owner[1] != concept.id:
                raise DataError(f"{where}: {label} already used by {owner[1]!r} at {owner[0]}")


def read_concept_file(path: Path) -> list[tuple[str, Concept]]:
    """The concepts of one concept file with their ``file:line``, and the statuses beside it.

    The statuses come from :func:`~service.glossary.sources.sources_path` when that file
    exists; every cell it does not list is unverified.
    """
    located = [(row.where(), concept_from_row(row)) for row in read_rows(path, CONCEPT_COLUMNS)]
    status_file = sources_path(path)
    if not status_file.is_file():
        return located
    check_unique(located)  # one concept per id, so a status row names exactly one
    by_id = {concept.id: (concept, where) for where, concept in located}
    statuses = read_statuses(status_file, by_id)
    return [
        (where, _with_statuses(concept, statuses.get(concept.id, {}))) for where, concept in located
    ]


def _with_statuses(concept: Concept, statuses: dict[str, CellStatus]) -> Concept:
    if not statuses:
        return concept
    return Concept.model_validate(concept.model_dump() | {"statuses": statuses})


def _read_concepts(paths: Sequence[Path]) -> list[Concept]:
    located = [pair for path in paths for pair in read_concept_file(path)]
    check_unique(located)
    return [concept for _, concept in located]


def _read_protected(path: Path) -> list[ProtectedTerm]:
    if not path.is_file():
        return []
    entries: list[ProtectedTerm] = []
    first_line: dict[str, int] = {}
    for row in read_rows(path, PROTECTED_COLUMNS):
        entry = protected_from_row(row)
        key = entry.text.casefold()
        if key in first_line:
            raise DataError(
                f"{row.where()}: {entry.text!r} repeated (first at line {first_line[key]})"
            )
        first_line[key] = row.line
        entries.append(entry)
    return entries


def concept_files(directory: Path) -> list[Path]:
    """The concept files of a glossary directory: every ``*.csv`` but do-not-translate.csv
    and the status files (``*.sources.csv``)."""
    return sorted(
        path
        for path in directory.glob("*.csv")
        if path.name != PROTECTED_FILE and not is_sources_file(path) and path.is_file()
    )


def _check_status_files(directory: Path, paths: Sequence[Path]) -> None:
    """A status file must sit beside its concept file (a renamed one would be ignored)."""
    expected = {sources_path(path) for path in paths}
    for path in sorted(directory.glob(f"*{SOURCES_SUFFIX}")):
        if path not in expected:
            concept_file = path.name.removesuffix(SOURCES_SUFFIX) + ".csv"
            raise DataError(
                f"{path}: a status file without its concept file {concept_file}",
                file=str(path),
            )


@lru_cache(maxsize=8)
def load_glossary(directory: Path) -> Glossary:
    """Read and validate the termbase in ``directory``; cached per path.

    Raises :class:`DataError` naming the file and line of the first problem.
    """
    if not directory.is_dir():
        raise DataError(f"{directory}: glossary directory not found")
    paths = concept_files(directory)
    if not paths:
        raise DataError(f"{directory}: no concept file (*.csv) in the glossary directory")
    _check_status_files(directory, paths)
    concepts = _read_concepts(paths)
    protected_path = directory / PROTECTED_FILE
    protected = _read_protected(protected_path)
    files = [
        *(file for path in paths for file in (path, sources_path(path)) if file.is_file()),
        *([protected_path] if protected_path.is_file() else []),
    ]
    return Glossary(concepts, protected, files)
