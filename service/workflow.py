"""Use cases shared by the API, the review UI and the CLI.

Each edge builds a :class:`Workspace` from settings once and calls these functions; they
hold the order of the pipeline, and nothing here parses flags or prints.
"""

from dataclasses import dataclass
from functools import cached_property

from service.errors import InputError
from service.glossary import Glossary, load_glossary
from service.languages import Language
from service.locales import LocaleConventions, load_locales
from service.models import Detection, LineExtraction, Statement
from service.pipeline.detect import detect_language
from service.pipeline.extract import extract_lines
from service.pipeline.segment import segment
from service.pipeline.statement import parse_statement
from service.settings import Settings

_VERIFY_CONFIDENCE = 0.9
"""Detection at least this sure that a statement is not in its declared language is an error."""


@dataclass
class Workspace:
    """The loaded data every use case needs, built lazily from settings."""

    settings: Settings

    @cached_property
    def locales(self) -> dict[Language, LocaleConventions]:
        return load_locales(self.settings.locales_dir)

    @cached_property
    def glossary(self) -> Glossary:
        return load_glossary(self.settings.glossaries_dir)


def verify_language(text: str, declared: Language | None) -> tuple[Language, Detection]:
    """Detect the language of ``text`` and check it against the declared one, if any.

    The declared language wins unless detection is confident it is another language; an
    undecidable text needs a declaration.
    """
    detection = detect_language(text)
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


def read_statement(text: str, language: Language | None = None) -> tuple[Statement, Language]:
    """Parse a statement file's text and settle its language (option, then front matter)."""
    statement = parse_statement(text)
    declared = language or statement.declared_language
    source_language, _ = verify_language(statement.body, declared)
    return statement, source_language


def statement_lines(
    workspace: Workspace,
    text: str,
    platform: str,
    language: Language | None = None,
    max_lines: int = 10,
) -> LineExtraction:
    """Detect, segment and extract the ranked lines of one statement."""
    statement, source_language = read_statement(text, language)
    conventions = workspace.locales[source_language]
    sentences = segment(statement.body, source_language, conventions).sentences
    matcher = workspace.glossary.matcher(source_language)
    lines = extract_lines(
        statement,
        sentences,
        conventions,
        platform,
        lambda line: [match.concept_id for match in matcher.find_terms(line)],
        max_lines=max_lines,
    )
    return LineExtraction(source_language=source_language, platform=platform, lines=lines)
