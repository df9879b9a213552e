"""The pipeline: one approved statement in, checked posts in six languages out.

    read       read.py        the statement: front matter, Markdown or plain text
    detect     detect.py      which of the six languages it is in
    segment    segment/       sentences with offsets (spaCy sentencizer + locales/ rules)
    extract    extract/       the lines that work as posts, ranked, with reasons
    translate  translate/     each post in each language: memory, then MT, under the glossary
    postedit   postedit.py    the target language's typography (suggested for approved text)
    fit        fit.py         the platform's length: short forms, optional hashtags, thread
    qa         qa.py          the checks (service/checks/) -> findings
    ...after two people have reviewed it: service/schedule/ plans when each audience sees it.

:func:`render_posts` runs translate -> postedit -> fit -> qa for the posts of one source
language; the use cases in ``service/workflow/`` run read -> detect -> segment -> extract
and call it (many statements at once share its engine batches). The same in two halves:
:func:`draft_posts` translates groups of posts in several source languages together (the
engine waited on twice in all), and :func:`finish_posts` post-edits, fits and checks one
group's drafts, so a batch can finish one chunk while the engine translates the next.
"""

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from service.checks.base import Detector
from service.engines.base import TranslationEngine
from service.glossary import Glossary
from service.languages import Language
from service.locales import LocaleConventions
from service.models import Rendition, RenditionOrigin
from service.pipeline.finish import (
    Target,
    assemble,
    check_draft,
    dropped_hashtags,
    empty_rendition,
    fit_draft,
    post_edit_draft,
)
from service.pipeline.translate import translate_line_groups
from service.pipeline.translate.draft import Draft
from service.pipeline.translate.drafts import Drafts, check_lines
from service.text.length import platform_rules

if TYPE_CHECKING:
    from service.engines.memory import TranslationMemory


class Resources(Protocol):
    """What the translating stages need; a :class:`service.workflow.Workspace` is one."""

    @property
    def locales(self) -> dict[Language, LocaleConventions]: ...
    @property
    def glossary(self) -> Glossary: ...
    @property
    def engine(self) -> TranslationEngine | None: ...
    @property
    def memory(self) -> "TranslationMemory | None": ...
    @property
    def detector(self) -> Detector: ...


@dataclass(frozen=True)
class Post:
    """A line as a post (the line, the link, the hashtags), for one platform."""

    text: str
    platform: str
    required_hashtags: Collection[str] = ()


@dataclass(frozen=True)
class PostGroup:
    """Posts in one source language."""

    posts: Sequence[Post]
    source_language: Language


@dataclass(frozen=True)
class DraftedPosts:
    """A group's posts drafted in every target language (memory, MT, the glossary), before
    post-editing, fitting and the checks."""

    group: PostGroup
    drafts: list[Drafts]


def check_posts(group: PostGroup) -> None:
    """Raises :class:`~service.errors.InputError` for an unknown platform or a blank post."""
    for platform in {post.platform for post in group.posts}:
        platform_rules(platform)
    check_lines([post.text for post in group.posts])


def draft_posts(
    groups: Sequence[PostGroup],
    targets: Sequence[Language],
    resources: Resources,
    engine: TranslationEngine | None = None,
) -> list[DraftedPosts]:
    """Every group's posts drafted in every target language, the groups' MT together, on
    ``engine`` (the resources' engine by default).

    Raises :class:`~service.errors.InputError` for an unknown platform or a blank post.
    """
    for group in groups:
        check_posts(group)
    drafted = translate_line_groups(
        [([post.text for post in group.posts], group.source_language) for group in groups],
        targets,
        engine=resources.engine if engine is None else engine,
        memory=resources.memory,
        glossary=resources.glossary,
        locales=resources.locales,
    )
    return [DraftedPosts(group, drafts) for group, drafts in zip(groups, drafted, strict=True)]


def finish_posts(drafted: DraftedPosts, resources: Resources) -> list[dict[Language, Rendition]]:
    """Each drafted post in each target language post-edited, fitted and checked."""
    source_language = drafted.group.source_language
    return [
        {
            language: finish_draft(
                post.text, draft, _target(post, source_language, language, resources)
            )
            for language, draft in line.items()
        }
        for post, line in zip(drafted.group.posts, drafted.drafts, strict=True)
    ]


def render_posts(
    posts: Sequence[Post],
    source_language: Language,
    targets: Sequence[Language],
    resources: Resources,
) -> list[dict[Language, Rendition]]:
    """Each post in each target language: translated, post-edited, fitted and checked.

    Raises :class:`~service.errors.InputError` for an unknown platform or a blank post.
    """
    (drafted,) = draft_posts([PostGroup(posts, source_language)], targets, resources)
    return finish_posts(drafted, resources)


def finish_draft(source: str, draft: Draft, target: Target) -> Rendition:
    """postedit -> fit -> qa for one draft of ``source``."""
    if draft.origin is RenditionOrigin.NONE:
        return empty_rendition(draft)
    edited = post_edit_draft(draft, target)
    fitted = fit_draft(edited.text, draft, target)
    checks = check_draft(source, fitted.text, target, dropped_hashtags(fitted))
    return assemble(draft, edited, fitted, checks)


def _target(post: Post, source: Language, language: Language, resources: Resources) -> Target:
    return Target.of(resources, (source, language), post.platform, post.required_hashtags)
