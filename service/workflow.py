"""Use cases shared by the API, the review UI and the CLI.

Each edge builds a :class:`Workspace` from settings once and calls these functions; they
hold the order of the pipeline, and nothing here parses flags or prints.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from types import TracebackType
from typing import TYPE_CHECKING

from service.engines.argos import ArgosEngine
from service.engines.base import RouteKind
from service.errors import InputError
from service.glossary import Glossary, load_glossary
from service.languages import Language
from service.locales import LocaleConventions, load_locales
from service.models import (
    AdaptedLine,
    Detection,
    Line,
    LineExtraction,
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
    def engine(self) -> ArgosEngine:
        return ArgosEngine.from_settings(self.settings)

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
    statement, source_language = read_statement(workspace, text, language)
    lines = _ranked_lines(workspace, statement, source_language, platform, max_lines)
    return LineExtraction(source_language=source_language, platform=platform, lines=lines)


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


def adapt_statement(
    workspace: Workspace,
    text: str,
    targets: Sequence[Language],
    platform: str,
    language: Language | None = None,
    max_lines: int = 5,
) -> StatementAdaptation:
    """The main job: a statement's best lines, adapted into every target language.

    Memory first, then MT, under the glossary; every rendition checked. Pairs no model
    serves get an empty rendition with a ``no_translation_available`` finding; the others
    are still adapted.
    """
    statement, source_language = read_statement(workspace, text, language)
    lines = _ranked_lines(workspace, statement, source_language, platform, max_lines)
    # A post is the line plus what every post carries: the link and the hashtags.
    posts = [line.text + post_suffix(statement) for line in lines]
    translations = translate_lines(
        posts,
        source_language,
        targets,
        platform,
        engine=workspace.engine,
        memory=workspace.memory,
        glossary=workspace.glossary,
        locales=workspace.locales,
        required_hashtags=statement.hashtags,
    )
    return StatementAdaptation(
        source_language=source_language,
        platform=platform,
        lines=[
            AdaptedLine(
                source=post,
                score=line.score,
                reasons=line.reasons,
                renditions=translation.renditions,
            )
            for line, post, translation in zip(lines, posts, translations, strict=True)
        ],
        missing_languages=missing_routes(workspace, source_language, targets),
    )
