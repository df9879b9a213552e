"""The finishing stages of one draft: post-edit typography, fit the platform, run the checks.

Each stage is a function over a draft's text; :func:`service.pipeline.finish_draft` runs
them in order. Approved text (the source, a memory match) is never changed silently: its
typography is only suggested (a ``typography_suggestion`` finding with the fixed text) and
it is never shortened, only proposed as a thread when too long.
"""

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Protocol

from service.checks.base import CheckContext, Detector
from service.checks.stage import TYPOGRAPHY_SUGGESTION
from service.glossary import Glossary
from service.languages import Language
from service.locales import LocaleConventions
from service.models import ChangeKind, Finding, Rendition, RenditionChange
from service.pipeline.fit import FitResult, Fitter
from service.pipeline.postedit import post_edit
from service.pipeline.qa import run_checks
from service.pipeline.translate.draft import Draft
from service.pipeline.translate.protect import SpanRenderer, source_hashtag_entities


class TargetResources(Protocol):
    """The language resources a :class:`Target` carries; a Workspace is one."""

    @property
    def glossary(self) -> Glossary: ...
    @property
    def locales(self) -> dict[Language, LocaleConventions]: ...
    @property
    def detector(self) -> Detector: ...


@dataclass(frozen=True)
class Target:
    """Where one rendition goes: its languages, its platform, and what it must keep."""

    source_language: Language
    target_language: Language
    platform: str
    glossary: Glossary
    locales: dict[Language, LocaleConventions]
    detector: Detector
    required_hashtags: Collection[str] = ()

    @classmethod
    def of(
        cls,
        resources: TargetResources,
        languages: tuple[Language, Language],
        platform: str,
        required_hashtags: Collection[str] = (),
    ) -> "Target":
        """The target ``(source, target)`` languages on ``platform``, with ``resources``."""
        source_language, target_language = languages
        return cls(
            source_language=source_language,
            target_language=target_language,
            platform=platform,
            glossary=resources.glossary,
            locales=resources.locales,
            detector=resources.detector,
            required_hashtags=required_hashtags,
        )

    @property
    def conventions(self) -> LocaleConventions:
        return self.locales[self.target_language]

    @property
    def renderer(self) -> SpanRenderer:
        return SpanRenderer(self.glossary, self.locales, self.source_language, self.target_language)


@dataclass(frozen=True)
class Edited:
    """A draft's text after post-editing, with what was changed and what is only advised."""

    text: str
    changes: list[RenditionChange]
    findings: list[Finding]


def post_edit_draft(draft: Draft, target: Target) -> Edited:
    """Stage: the target language's typography, applied to MT output, suggested otherwise."""
    names = target.glossary.do_not_translate_names()
    edited = post_edit(draft.text, target.conventions, names)
    if not draft.is_approved_text:
        changes = [RenditionChange(kind=ChangeKind.TYPOGRAPHY, detail=e) for e in edited.edits]
        return Edited(edited.text, changes, [])
    if edited.text == draft.text:
        return Edited(draft.text, [], [])
    advice = TYPOGRAPHY_SUGGESTION.finding(
        f"This approved text does not follow {target.conventions.language.name} typography "
        f"({', '.join(edited.edits)}); it was left as approved. A suggested fix is attached: "
        "apply it by editing, if it is right.",
        suggestion=edited.text,
    )
    return Edited(draft.text, [], [advice])


def fit_draft(text: str, draft: Draft, target: Target) -> FitResult:
    """Stage: fit the platform (short forms, optional hashtags; approved text is kept whole)."""
    fitter = Fitter(target.target_language, target.platform, target.glossary, target.conventions)
    renderer = target.renderer
    required = [*target.required_hashtags, *map(renderer.hashtag, target.required_hashtags)]
    return fitter.fit(text, required, edit=not draft.is_approved_text)


def check_draft(source: str, text: str, target: Target, dropped: Sequence[str]) -> list[Finding]:
    """Stage: the registered checks on the finished text against its source."""
    renderer = target.renderer
    source_tags = source_hashtag_entities(source)
    dropped_keys = {tag.casefold() for tag in dropped}
    protected = frozenset(
        tag
        for tag in source_tags
        if tag.casefold() not in dropped_keys
        and renderer.hashtag(tag).casefold() not in dropped_keys
    )
    equivalents = {
        tag: frozenset({renderer.hashtag(tag)})
        for tag in source_tags
        if renderer.hashtag(tag) != tag
    }
    context = CheckContext.build(
        source_text=source,
        target_text=text,
        source_language=target.source_language,
        target_language=target.target_language,
        locales=target.locales,
        detector=target.detector,
        platform=target.platform,
        protected_hashtags=protected,
        hashtag_equivalents=equivalents,
        do_not_translate=frozenset(target.glossary.do_not_translate_names()),
    )
    return run_checks(context)


def empty_rendition(draft: Draft) -> Rendition:
    """The rendition of a pair nothing could translate: no text, only its findings."""
    return Rendition(
        text="",
        length=0,
        fits=False,
        origin=draft.origin,
        provenance=draft.provenance(),
        findings=draft.findings,
        suggestions=draft.suggestions,
    )


def assemble(draft: Draft, edited: Edited, fitted: FitResult, checks: list[Finding]) -> Rendition:
    """The finished rendition: the fitted text, every change and every finding, in order."""
    return Rendition(
        text=fitted.text,
        length=fitted.length.length,
        fits=fitted.length.fits,
        origin=draft.origin,
        provenance=draft.provenance(),
        findings=[*draft.findings, *edited.findings, *checks],
        changes=[*edited.changes, *fitted.changes],
        thread=fitted.thread,
        suggestions=draft.suggestions,
    )


def dropped_hashtags(fitted: FitResult) -> list[str]:
    """The hashtags the fit stage dropped (their absence is not an entities_preserved error)."""
    return [
        change.before or ""
        for change in fitted.changes
        if change.kind is ChangeKind.HASHTAG_REMOVED
    ]
