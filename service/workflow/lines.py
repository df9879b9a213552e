"""Reading a statement and extracting the lines that work as posts."""

from dataclasses import dataclass

from service.languages import Language
from service.models import Line, LineExtraction, Statement
from service.pipeline.extract import extract_lines
from service.pipeline.extract.lines import post_suffix
from service.pipeline.read import parse_statement
from service.pipeline.segment import segment
from service.workflow.language import verify_language
from service.workflow.workspace import Workspace


def read_statement(
    workspace: Workspace, text: str, language: Language | None = None
) -> tuple[Statement, Language]:
    """Parse a statement file's text and settle its language (option, then front matter)."""
    statement = parse_statement(text)
    declared = language or statement.declared_language
    source_language, _ = verify_language(workspace, statement.body, declared)
    return statement, source_language


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
