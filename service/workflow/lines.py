"""Reading a statement: its sentences, and the lines that work as posts.

``adapt segment``, ``adapt lines`` and ``adapt run`` read a statement the same way (front
matter, then the body in its format) and give offsets into the input text.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from service.languages import Language
from service.models import Segmentation, Sentence
from service.pipeline.extract import extract_lines
from service.pipeline.extract.lines import post_suffix
from service.pipeline.read import parse_statement
from service.pipeline.segment import segment
from service.statement import Line, LineExtraction, Statement, StatementFormat
from service.workflow.language import settle_language, verify_language
from service.workflow.workspace import Workspace

if TYPE_CHECKING:  # the store is not imported with the CLI: adapt run may not need it
    from service.store.records import StatementRecord


def read_statement(
    workspace: Workspace,
    text: str,
    language: Language | None = None,
    format: StatementFormat = StatementFormat.TEXT,
) -> tuple[Statement, Language]:
    """Parse a statement file's text and settle its language (option, then front matter)."""
    statement = parse_statement(text, format)
    declared = language or statement.declared_language
    source_language, _ = verify_language(workspace, statement.body, declared)
    return statement, source_language


def statement_sentences(
    workspace: Workspace,
    text: str,
    language: Language | None = None,
    format: StatementFormat = StatementFormat.TEXT,
) -> Segmentation:
    """The sentences of a statement's body, with offsets into ``text``.

    The language given wins, then the front matter's; otherwise it is detected. For a
    plain-text body ``text[start:end]`` is the sentence; for Markdown it is the sentence's
    source, markup included.
    """
    statement = parse_statement(text, format)
    source_language = settle_language(
        workspace, statement.body, language or statement.declared_language
    )
    sentences = segment(statement.body, source_language, workspace.locales[source_language])
    source_map = statement.source_map
    return Segmentation(
        language=source_language,
        sentences=[
            Sentence(text=sentence.text, start=start, end=end)
            for sentence in sentences.sentences
            for start, end in (source_map.span(sentence.start, sentence.end),)
        ],
    )


@dataclass(frozen=True)
class AdaptRequest:
    """One statement to adapt: its file text, the platform, the declared language and the
    format of its body.

    ``settled``: the language is the one detected and verified when the statement was
    stored (a queued statement's ``source_language``), so it is not detected again.
    """

    text: str
    platform: str
    language: Language | None = None
    format: StatementFormat = StatementFormat.TEXT
    settled: bool = False

    @classmethod
    def stored(cls, record: "StatementRecord", platform: str) -> "AdaptRequest":
        """A stored statement's text for ``platform``, in the language settled when it was
        stored."""
        language = record.source_language or record.language
        settled = record.source_language is not None
        return cls(record.text, platform, language, record.format, settled)


@dataclass(frozen=True)
class _Prepared:
    statement: Statement
    """The statement as read, with the link and hashtags every post carries."""
    source_language: Language
    platform: str
    extraction: LineExtraction
    posts: list[str]

    @property
    def lines(self) -> list[Line]:
        return self.extraction.lines


def _prepare(workspace: Workspace, request: AdaptRequest, max_lines: int) -> _Prepared:
    if request.settled and request.language is not None:
        statement = parse_statement(request.text, request.format)
        source_language = request.language
    else:
        statement, source_language = read_statement(
            workspace, request.text, request.language, request.format
        )
    conventions = workspace.locales[source_language]
    sentences = segment(statement.body, source_language, conventions).sentences
    matcher = workspace.glossary.matcher(source_language)
    extraction = extract_lines(
        statement, sentences, conventions, request.platform, matcher.find_terms, max_lines
    )
    # A post is the line plus what every post carries: the link and the hashtags, once each.
    link, hashtags = extraction.link, extraction.hashtags
    posts = [line.text + post_suffix(line.text, link, hashtags) for line in extraction.lines]
    carried = statement.model_copy(update={"link": link, "hashtags": hashtags})
    return _Prepared(carried, source_language, request.platform, extraction, posts)


def statement_lines(
    workspace: Workspace,
    text: str,
    platform: str,
    language: Language | None = None,
    max_lines: int = 10,
    format: StatementFormat = StatementFormat.TEXT,
) -> LineExtraction:
    """Read, detect, segment and extract the ranked lines of one statement."""
    return _prepare(workspace, AdaptRequest(text, platform, language, format), max_lines).extraction
