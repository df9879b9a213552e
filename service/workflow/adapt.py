"""The main job: a statement's best lines adapted into the target languages, one or many."""

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from service.engines.base import RouteKind, TranslationEngine
from service.languages import Language
from service.models import Plan, Rendition
from service.pipeline import DraftedPosts, Post, PostGroup, check_posts, draft_posts, finish_posts
from service.schedule.plan import language_audiences
from service.statement import AdaptedLine, StatementAdaptation, StatementFormat
from service.workflow.lines import AdaptRequest, _prepare, _Prepared
from service.workflow.outcomes import Outcome, attempt
from service.workflow.schedule import PlanRequest, SearchRequest, plan_posts
from service.workflow.workspace import Workspace


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


def _assemble(
    workspace: Workspace,
    prepared: _Prepared,
    renditions: Sequence[dict[Language, Rendition]],
    targets: Sequence[Language],
) -> StatementAdaptation:
    return StatementAdaptation(
        source_language=prepared.source_language,
        platform=prepared.platform,
        lines=[
            AdaptedLine(source=post, score=line.score, reasons=line.reasons, renditions=rendered)
            for line, post, rendered in zip(prepared.lines, prepared.posts, renditions, strict=True)
        ],
        missing_languages=missing_routes(workspace, prepared.source_language, targets),
        left_out=prepared.extraction.left_out,
        no_lines_reason=prepared.extraction.no_lines_reason,
        observance=prepared.statement.observance,
    )


def adapt_statements(
    workspace: Workspace,
    requests: Sequence[AdaptRequest],
    targets: Sequence[Language],
    max_lines: int = 5,
) -> list[Outcome[StatementAdaptation]]:
    """The main job for many statements at once: each one's best lines in every target.

    Memory first, then MT, under the glossary; every rendition post-edited, fitted and
    checked. The posts of all statements are translated together, so the engine gets one
    batch per language pair for all of them. A statement that cannot be read gets its error
    in its place; the others are still adapted. Pairs no model serves get an empty
    rendition with a ``no_translation_available`` finding.

    The same as :func:`finish_statements` of :func:`draft_statements`.
    """
    return finish_statements(workspace, draft_statements(workspace, requests, targets, max_lines))


@dataclass(frozen=True)
class DraftedStatements:
    """:func:`adapt_statements` halfway: every statement read and its lines extracted (or
    its error), and the posts of each source language drafted in every target (or the
    error that stopped that language's group)."""

    prepared: list[Outcome[_Prepared]]
    groups: list[tuple[list[int], Outcome[DraftedPosts]]]
    """Each source language's statements (positions in ``prepared``) and their drafts."""
    targets: tuple[Language, ...]


def draft_statements(
    workspace: Workspace,
    requests: Sequence[AdaptRequest],
    targets: Sequence[Language],
    max_lines: int = 5,
    engine: TranslationEngine | None = None,
) -> DraftedStatements:
    """Read every statement and draft its posts: the first half of :func:`adapt_statements`,
    the one that waits for the engine (all source languages in the same engine calls), on
    ``engine`` (the workspace's by default)."""
    prepared = [
        attempt(lambda request: _prepare(workspace, request, max_lines), request)
        for request in requests
    ]
    by_language: dict[Language, list[int]] = {}
    for index, outcome in enumerate(prepared):
        if outcome.value is not None:
            by_language.setdefault(outcome.value.source_language, []).append(index)
    groups: list[tuple[list[int], Outcome[PostGroup]]] = [
        (indices, attempt(_checked_group, [prepared[index].unwrap() for index in indices]))
        for indices in by_language.values()
    ]
    good = [(indices, outcome.unwrap()) for indices, outcome in groups if outcome.ok]
    drafted = attempt(
        lambda ready: draft_posts([group for _, group in ready], targets, workspace, engine),
        good,
    )
    drafts = iter(drafted.value or [])
    return DraftedStatements(
        prepared=prepared,
        groups=[
            (
                indices,
                Outcome[DraftedPosts](error=outcome.error or drafted.error)
                if outcome.error is not None or drafted.error is not None
                else Outcome(value=next(drafts)),
            )
            for indices, outcome in groups
        ],
        targets=tuple(targets),
    )


def _checked_group(members: Sequence[_Prepared]) -> PostGroup:
    """The posts of statements in one source language; raises what :func:`check_posts` does."""
    group = PostGroup(
        [
            Post(text, member.platform, tuple(member.statement.hashtags))
            for member in members
            for text in member.posts
        ],
        members[0].source_language,
    )
    check_posts(group)
    return group


def finish_statements(
    workspace: Workspace, drafted: DraftedStatements
) -> list[Outcome[StatementAdaptation]]:
    """Post-edit, fit and check the drafts, and assemble each statement's adaptation: the
    second half of :func:`adapt_statements`, which needs no engine."""
    adapted: dict[int, Outcome[StatementAdaptation]] = {}
    for indices, outcome in drafted.groups:
        members = [drafted.prepared[index].unwrap() for index in indices]
        finish = partial(_finish_group, workspace, members, targets=drafted.targets)
        group: Outcome[list[StatementAdaptation]] = (
            attempt(finish, outcome.value)
            if outcome.value is not None
            else Outcome(error=outcome.error)
        )
        for position, index in enumerate(indices):
            adapted[index] = (
                Outcome(value=group.value[position])
                if group.value is not None
                else Outcome(error=group.error)
            )
    return [
        adapted.get(index) or Outcome(error=outcome.error)
        for index, outcome in enumerate(drafted.prepared)
    ]


def _finish_group(
    workspace: Workspace,
    members: Sequence[_Prepared],
    drafted: DraftedPosts,
    targets: Sequence[Language],
) -> list[StatementAdaptation]:
    """Finish the posts of statements in one source language together, then split them up."""
    renditions = finish_posts(drafted, workspace)
    adapted: list[StatementAdaptation] = []
    offset = 0
    for member in members:
        chunk = renditions[offset : offset + len(member.posts)]
        adapted.append(_assemble(workspace, member, chunk, targets))
        offset += len(member.posts)
    return adapted


def adapt_statement(
    workspace: Workspace,
    text: str,
    targets: Sequence[Language],
    platform: str,
    language: Language | None = None,
    max_lines: int = 5,
    format: StatementFormat = StatementFormat.TEXT,
    *,
    plan: bool = False,
) -> StatementAdaptation:
    """Adapt one statement (see :func:`adapt_statements`); raises its :class:`AdaptError`.

    With ``plan``, the result also proposes when each target language's audience would see
    the posts (from now, on the statement's observance where it names one). A plan is only
    a proposal: nothing is scheduled or exported before two people have approved a post.
    """
    request = AdaptRequest(text, platform, language, format)
    return adapt_one(workspace, request, targets, max_lines, plan=plan)


def adapt_one(
    workspace: Workspace,
    request: AdaptRequest,
    targets: Sequence[Language],
    max_lines: int = 5,
    *,
    plan: bool = False,
) -> StatementAdaptation:
    """:func:`adapt_statement` for a request already built; raises its :class:`AdaptError`."""
    (result,) = adapt_statements(workspace, [request], targets, max_lines)
    adaptation = result.unwrap()
    if not plan:
        return adaptation
    return adaptation.model_copy(update={"plan": propose_plan(workspace, adaptation, targets)})


def propose_plan(
    workspace: Workspace, adaptation: StatementAdaptation, targets: Sequence[Language]
) -> Plan:
    """One slot per target language's account, from now, on the observance's date if any."""
    audiences = [
        audience.id
        for audience in language_audiences(workspace.audiences)
        if audience.language in targets
    ]
    request = PlanRequest(
        audience=audiences, search=SearchRequest(observance=adaptation.observance)
    )
    return plan_posts(workspace, request)
