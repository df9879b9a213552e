"""Use cases shared by the API, the review UI and the CLI.

Each edge builds a :class:`Workspace` from settings once and calls these functions; they
hold the order of the pipeline, and nothing here parses flags or prints.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from types import TracebackType
from typing import TYPE_CHECKING

from service.engines.base import RouteKind, TranslationEngine
from service.engines.registry import ENGINES
from service.errors import AdaptError, InputError
from service.glossary import Glossary, load_glossary
from service.languages import Language
from service.locales import LocaleConventions, load_locales
from service.models import (
    AdaptedLine,
    Detection,
    Line,
    LineExtraction,
    LineTranslation,
    Statement,
    StatementAdaptation,
)
from service.pipeline.detect import detect_language
from service.pipeline.extract import extract_lines, post_suffix
from service.pipeline.segment import segment
from service.pipeline.statement import parse_statement
from service.pipeline.translate import translate_lines
from service.settings import Settings

if TYPE_CHECKING:  # the store pulls in SQLAlchemy and Alembic: only commands that use it pay
    from service.engines.memory import TranslationMemory
    from service.store.database import Store

_VERIFY_CONFIDENCE = 0.9
"""Detection at least this sure that a statement is not in its declared language is an error."""


@dataclass
class Workspace:
    """The loaded data and backends every use case needs, built lazily from settings.

    Use it as a context manager (or call :meth:`close`) so the store is closed.
    """

    settings: Settings
    _store: "Store | None" = field(default=None, init=False, repr=False)

    def __enter__(self) -> "Workspace":
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    @property
    def store(self) -> "Store":
        if self._store is None:
            from service.store.database import open_store

            self._store = open_store(self.settings)
        return self._store

    @cached_property
    def memory(self) -> "TranslationMemory":
        from service.engines.memory import TranslationMemory

        return TranslationMemory(
            self.store.translation_units, fuzzy_threshold=self.settings.fuzzy_threshold
        )

    @cached_property
    def engine(self) -> TranslationEngine:
        factory = ENGINES.get(self.settings.mt_engine)
        if factory is None:
            known = ", ".join(ENGINES)
            raise InputError(f"unknown MT engine {self.settings.mt_engine!r}: use one of {known}")
        return factory(self.settings)

    @cached_property
    def locales(self) -> dict[Language, LocaleConventions]:
        return load_locales(self.settings.locales_dir)

    @cached_property
    def glossary(self) -> Glossary:
        return load_glossary(self.settings.glossaries_dir)


def verify_language(
    text: str,
    declared: Language | None,
    locales: dict[Language, LocaleConventions] | None = None,
) -> tuple[Language, Detection]:
    """Detect the language of ``text`` and check it against the declared one, if any.

    The declared language wins unless detection is confident it is another language; an
    undecidable text needs a declaration.
    """
    detection = detect_language(text, locales)
    if declared is None:
        if detection.language is None:
            raise InputError(
                "cannot tell which of the six UN languages this statement is in; "
                "declare it (--language, or 'language:' in the front matter)"
            )
        return detection.language, detection
    if (
        detection.language is not None
        and detection.language != declared
        and detection.confidence >= _VERIFY_CONFIDENCE
    ):
        raise InputError(
            f"the statement is declared as {declared} but reads as {detection.language} "
            f"(confidence {detection.confidence:.2f}); correct the declaration"
        )
    return declared, detection


def read_statement(
    workspace: Workspace, text: str, language: Language | None = None
) -> tuple[Statement, Language]:
    """Parse a statement file's text and settle its language (option, then front matter)."""
    statement = parse_statement(text)
    declared = language or statement.declared_language
    source_language, _ = verify_language(statement.body, declared, workspace.locales)
    return statement, source_language


def _ranked_lines(
    workspace: Workspace,
    statement: Statement,
    source_language: Language,
    platform: str,
    max_lines: int,
) -> list[Line]:
    conventions = workspace.locales[source_language]
    sentences = segment(statement.body, source_language, conventions).sentences
    matcher = workspace.glossary.matcher(source_language)
    return extract_lines(
        statement,
        sentences,
        conventions,
        platform,
        lambda line: [match.concept_id for match in matcher.find_terms(line)],
        max_lines=max_lines,
    )


def statement_lines(
    workspace: Workspace,
    text: str,
    platform: str,
    language: Language | None = None,
    max_lines: int = 10,
) -> LineExtraction:
    """Detect, segment and extract the ranked lines of one statement."""
    prepared = _prepare(workspace, AdaptRequest(text, platform, language), max_lines)
    return LineExtraction(
        source_language=prepared.source_language, platform=platform, lines=prepared.lines
    )


def missing_routes(
    workspace: Workspace, source_language: Language, targets: Sequence[Language]
) -> list[Language]:
    """Targets no installed model serves from ``source_language``, not even via English."""
    return [
        target
        for target in targets
        if target != source_language
        and workspace.engine.route(source_language, target).kind is RouteKind.MISSING
    ]


@dataclass(frozen=True)
class AdaptRequest:
    """One statement to adapt: its file text, the platform and the declared language."""

    text: str
    platform: str
    language: Language | None = None


@dataclass(frozen=True)
class _Prepared:
    statement: Statement
    source_language: Language
    platform: str
    lines: list[Line]
    posts: list[str]

    @property
    def batch_key(self) -> tuple[Language, str, tuple[str, ...]]:
        """Statements with the same key are translated in the same engine batches."""
        return self.source_language, self.platform, tuple(self.statement.hashtags)


def _prepare(workspace: Workspace, request: AdaptRequest, max_lines: int) -> _Prepared:
    statement, source_language = read_statement(workspace, request.text, request.language)
    lines = _ranked_lines(workspace, statement, source_language, request.platform, max_lines)
    # A post is the line plus what every post carries: the link and the hashtags.
    posts = [line.text + post_suffix(statement) for line in lines]
    return _Prepared(statement, source_language, request.platform, lines, posts)


def _assemble(
    workspace: Workspace,
    prepared: _Prepared,
    translations: Sequence[LineTranslation],
    targets: Sequence[Language],
) -> StatementAdaptation:
    return StatementAdaptation(
        source_language=prepared.source_language,
        platform=prepared.platform,
        lines=[
            AdaptedLine(
                source=post,
                score=line.score,
                reasons=line.reasons,
                renditions=translation.renditions,
            )
            for line, post, translation in zip(
                prepared.lines, prepared.posts, translations, strict=True
            )
        ],
        missing_languages=missing_routes(workspace, prepared.source_language, targets),
    )


def adapt_statements(
    workspace: Workspace,
    requests: Sequence[AdaptRequest],
    targets: Sequence[Language],
    max_lines: int = 5,
) -> list[StatementAdaptation | AdaptError]:
    """The main job for many statements at once: each one's best lines in every target.

    Memory first, then MT, under the glossary; every rendition checked. The lines of all
    statements that share a source language, platform and hashtags go through translation
    together, so the engine makes one batch per language pair for all of them. A statement
    that cannot be read gets its error in its place; the others are still adapted. Pairs no
    model serves get an empty rendition with a ``no_translation_available`` finding.
    """
    results: list[StatementAdaptation | AdaptError | _Prepared] = []
    for request in requests:
        try:
            results.append(_prepare(workspace, request, max_lines))
        except AdaptError as error:
            results.append(error)
    groups: dict[tuple[Language, str, tuple[str, ...]], list[int]] = {}
    for index, item in enumerate(results):
        if isinstance(item, _Prepared):
            groups.setdefault(item.batch_key, []).append(index)
    for (source_language, platform, hashtags), indices in groups.items():
        members = [results[index] for index in indices]
        prepared = [member for member in members if isinstance(member, _Prepared)]
        try:
            translations = translate_lines(
                [post for item in prepared for post in item.posts],
                source_language,
                targets,
                platform,
                engine=workspace.engine,
                memory=workspace.memory,
                glossary=workspace.glossary,
                locales=workspace.locales,
                required_hashtags=hashtags,
            )
        except AdaptError as error:
            for index in indices:
                results[index] = error
            continue
        offset = 0
        for index, item in zip(indices, prepared, strict=True):
            count = len(item.posts)
            chunk = translations[offset : offset + count]
            results[index] = _assemble(workspace, item, chunk, targets)
            offset += count
    finished: list[StatementAdaptation | AdaptError] = []
    for item in results:
        assert not isinstance(item, _Prepared), "every prepared statement was assembled"
        finished.append(item)
    return finished


def adapt_statement(
    workspace: Workspace,
    text: str,
    targets: Sequence[Language],
    platform: str,
    language: Language | None = None,
    max_lines: int = 5,
) -> StatementAdaptation:
    """Adapt one statement (see :func:`adapt_statements`); raises its :class:`AdaptError`."""
    (result,) = adapt_statements(
        workspace, [AdaptRequest(text, platform, language)], targets, max_lines
    )
    if isinstance(result, AdaptError):
        raise result
    return result
