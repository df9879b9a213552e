"""Everything a reviewer's statement page shows, in one use case: :func:`review_page`.

The page is an edge (``service/ui/``); this module gathers what it renders, so the page
holds no rule of its own: the statement's source with its extracted lines marked, each
line's glossary terms with their official equivalents in every target language, and for
each rendition its checks, origin, history, the approvals it still needs and whether the
viewer may approve it or request changes, and if not why. The refusals are the core's own
(:func:`service.review.review_refusal`), so a disabled button always agrees with what the
service would answer.
"""

from collections.abc import Sequence
from typing import Literal

from pydantic import Field

from service.errors import AdaptError, ErrorCode
from service.glossary import Glossary, TermMatch
from service.languages import Language
from service.models import Model, UtcInstant
from service.pipeline.read import parse_statement
from service.review import (
    Action,
    Review,
    ReviewDecision,
    User,
    approvals_needed,
    permission_refusal,
    review_refusal,
)
from service.store.records import StatementError, StatementRecord, StatementStatus
from service.text.length import platform_rules
from service.workflow.history import RenditionHistory, rendition_history
from service.workflow.statement_views import LineView, RenditionView
from service.workflow.statements import get_statement
from service.workflow.workspace import Workspace


class LanguageLabel(Model):
    """How a language is written: its endonym and direction (``locales/<code>.toml``)."""

    code: Language
    name: str
    direction: Literal["ltr", "rtl"]


class TextSegment(Model):
    """A run of text; ``mark`` says what it is: a line of the statement, a glossary term."""

    text: str
    mark: str | None = Field(default=None, description="Line position or concept id; None.")


class TermEquivalent(Model):
    """A termbase concept found in a line's source, and its official form in the target."""

    concept_id: str
    source_surface: str
    official_name: str | None
    official_short_form: str | None
    in_target: bool = Field(description="The target text holds the name or the short form.")


class ReviewOption(Model):
    """One decision button: what the core would refuse, and why (None: allowed)."""

    decision: ReviewDecision
    refusal_code: ErrorCode | None = None
    refusal: str | None = None


class RenditionPanel(Model):
    rendition: RenditionView
    language: LanguageLabel
    platform_name: str
    limit: int
    approvals_needed: int
    options: list[ReviewOption]
    edit_refusal: str | None
    terms: list[TermEquivalent]
    history: RenditionHistory


class LinePanel(Model):
    id: int
    position: int
    source: list[TextSegment] = Field(description="The line, its glossary terms marked.")
    score: float
    reasons: list[str]
    renditions: list[RenditionPanel]


class StatementHeader(Model):
    id: int
    status: StatementStatus
    error: StatementError | None
    title: str | None
    approval_ref: str
    urgent: bool
    created_by: str
    created_at_utc: UtcInstant
    platforms: list[str]


class ReviewPage(Model):
    statement: StatementHeader
    viewer: User
    source_language: LanguageLabel | None
    source: list[TextSegment] = Field(description="The body, its extracted lines marked.")
    lines: list[LinePanel]


def language_label(workspace: Workspace, language: Language) -> LanguageLabel:
    info = workspace.locales[language].language
    return LanguageLabel(code=language, name=info.name, direction=info.direction)


def language_labels(workspace: Workspace) -> list[LanguageLabel]:
    """The six languages with their endonyms and directions, in UN order."""
    return [language_label(workspace, language) for language in Language]


def split_marked(text: str, spans: Sequence[tuple[int, int, str]]) -> list[TextSegment]:
    """``text`` cut at the (start, end, mark) spans; overlapping spans after the first drop.

    >>> [(s.text, s.mark) for s in split_marked("Save lives now", [(5, 10, "a")])]
    [('Save ', None), ('lives', 'a'), (' now', None)]
    """
    segments: list[TextSegment] = []
    cursor = 0
    for start, end, mark in sorted(spans):
        if start < cursor or start >= end:
            continue
        if start > cursor:
            segments.append(TextSegment(text=text[cursor:start]))
        segments.append(TextSegment(text=text[start:end], mark=mark))
        cursor = end
    if cursor < len(text) or not segments:
        segments.append(TextSegment(text=text[cursor:]))
    return segments


def _line_core(source: str, record: StatementRecord) -> str:
    """The line without the link and hashtags every post carries."""
    for extra in [record.link or "", *record.hashtags]:
        if extra:
            source = source.replace(extra, " ")
    return " ".join(source.split())


def marked_source(record: StatementRecord, lines: Sequence[LineView]) -> list[TextSegment]:
    """The statement's body with each extracted line found in it marked by its position."""
    body = parse_statement(record.text, record.format).body
    spans: list[tuple[int, int, str]] = []
    for line in lines:
        core = _line_core(line.source, record)
        start = body.find(core) if core else -1
        if start >= 0:
            spans.append((start, start + len(core), str(line.position)))
    return split_marked(body, spans)


def _equivalents(
    glossary: Glossary, matches: Sequence[TermMatch], target: Language, text: str
) -> list[TermEquivalent]:
    found: list[TermEquivalent] = []
    folded = text.casefold()
    for match in matches:
        concept = glossary.get(match.concept_id)
        name, short = concept.names.get(target), concept.short_forms.get(target)
        forms = [form.casefold() for form in (name, short) if form]
        found.append(
            TermEquivalent(
                concept_id=match.concept_id,
                source_surface=match.surface,
                official_name=name,
                official_short_form=short,
                in_target=any(form in folded for form in forms),
            )
        )
    return found


def _refusal(error: AdaptError | None) -> tuple[ErrorCode | None, str | None]:
    return (error.code, error.message) if error else (None, None)


def _options(
    viewer: User, rendition: RenditionView, reviews: Sequence[Review]
) -> list[ReviewOption]:
    options = []
    for decision in ReviewDecision:
        error = review_refusal(
            viewer,
            decision,
            rendition.language,
            rendition.version,
            current_version=rendition.version,
            last_editor=rendition.last_editor,
            reviews=reviews,
        )
        if error is None and decision is ReviewDecision.APPROVE and not rendition.text.strip():
            error = AdaptError("no text to approve: write it first", code=ErrorCode.EMPTY_INPUT)
        code, message = _refusal(error)
        options.append(ReviewOption(decision=decision, refusal_code=code, refusal=message))
    return options


def _edit_refusal(viewer: User, language: Language) -> str | None:
    refused = permission_refusal(viewer, Action.EDIT, language)
    return refused.message if refused else None


def _panel(
    workspace: Workspace, viewer: User, rendition: RenditionView, matches: Sequence[TermMatch]
) -> RenditionPanel:
    history = rendition_history(workspace, viewer, rendition.id)
    rules = platform_rules(rendition.platform)
    return RenditionPanel(
        rendition=rendition,
        language=language_label(workspace, rendition.language),
        platform_name=rules.name,
        limit=rules.limit,
        approvals_needed=approvals_needed(rendition.review, rendition.last_editor),
        options=_options(viewer, rendition, history.reviews),
        edit_refusal=_edit_refusal(viewer, rendition.language),
        terms=_equivalents(workspace.glossary, matches, rendition.language, rendition.text),
        history=history,
    )


def _line_panel(
    workspace: Workspace, viewer: User, line: LineView, source_language: Language | None
) -> LinePanel:
    matcher = workspace.glossary.matcher(source_language) if source_language else None
    matches = matcher.find_terms(line.source) if matcher else []
    spans = [(match.start_char, match.end_char, match.concept_id) for match in matches]
    return LinePanel(
        id=line.id,
        position=line.position,
        source=split_marked(line.source, spans),
        score=line.score,
        reasons=line.reasons,
        renditions=[_panel(workspace, viewer, item, matches) for item in line.renditions],
    )


def review_page(workspace: Workspace, viewer: User, statement_id: int) -> ReviewPage:
    """The statement page of ``statement_id`` as ``viewer`` sees it (see the module doc)."""
    view = get_statement(workspace, viewer, statement_id)
    source_language = view.source_language
    return ReviewPage(
        statement=StatementHeader(**view.model_dump(include=set(StatementHeader.model_fields))),
        viewer=viewer,
        source_language=language_label(workspace, source_language) if source_language else None,
        source=marked_source(view, view.lines),
        lines=[_line_panel(workspace, viewer, line, source_language) for line in view.lines],
    )
