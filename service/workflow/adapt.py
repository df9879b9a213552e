"""The main job: a statement's best lines adapted into the target languages, one or many."""

from collections.abc import Sequence

from service.engines.base import RouteKind
from service.errors import AdaptError
from service.languages import Language
from service.models import AdaptedLine, LineTranslation, StatementAdaptation
from service.pipeline.translate import translate_lines
from service.statement import StatementFormat
from service.workflow.lines import AdaptRequest, _prepare, _Prepared
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
    format: StatementFormat = StatementFormat.TEXT,
) -> StatementAdaptation:
    """Adapt one statement (see :func:`adapt_statements`); raises its :class:`AdaptError`."""
    request = AdaptRequest(text, platform, language, format)
    (result,) = adapt_statements(workspace, [request], targets, max_lines)
    if isinstance(result, AdaptError):
        raise result
    return result
