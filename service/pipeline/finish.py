"""Finishing a rendition: post-edit typography, fit the platform, run the quality checks.

Every rendition with text goes through the same three steps, whatever its origin (memory,
machine translation or the source itself): :func:`service.pipeline.postedit.post_edit`,
:class:`service.pipeline.fit.Fitter`, then :func:`service.pipeline.qa.run_checks`, whose
findings join those of the earlier stages. A rendition without text (origin ``none``) is
only assembled.
"""

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from service.checks.base import CheckContext
from service.glossary import Glossary
from service.languages import Language
from service.locales import LocaleConventions
from service.models import (
    ChangeKind,
    EngineReference,
    Finding,
    GlossaryRepair,
    MemoryReference,
    MemorySuggestion,
    Provenance,
    Rendition,
    RenditionChange,
    RenditionOrigin,
)
from service.pipeline.fit import Fitter
from service.pipeline.postedit import post_edit
from service.pipeline.qa import run_checks
from service.pipeline.translate.protect import SpanRenderer, source_hashtag_entities


@dataclass
class Draft:
    """A rendition under construction: what each stage found out so far."""

    text: str
    origin: RenditionOrigin
    memory: MemoryReference | None = None
    engine: EngineReference | None = None
    repairs: list[GlossaryRepair] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    suggestions: list[MemorySuggestion] = field(default_factory=list)

    def provenance(self) -> Provenance:
        return Provenance(
            origin=self.origin,
            memory=self.memory,
            engine=self.engine,
            glossary_repairs=self.repairs,
        )


@dataclass(frozen=True)
class Finisher:
    """Finishes drafts for one language pair and platform."""

    source_language: Language
    target_language: Language
    platform: str
    glossary: Glossary
    locales: dict[Language, LocaleConventions]
    required_hashtags: Collection[str] = ()

    def finish(self, source: str, draft: Draft) -> Rendition:
        """The finished rendition of ``draft`` (a translation of ``source``)."""
        if draft.origin is RenditionOrigin.NONE:
            return Rendition(
                text="",
                length=0,
                fits=False,
                origin=draft.origin,
                provenance=draft.provenance(),
                findings=draft.findings,
                suggestions=draft.suggestions,
            )
        conventions = self.locales[self.target_language]
        names = self.glossary.do_not_translate_names()
        edited = post_edit(draft.text, conventions, names)
        changes = [
            RenditionChange(kind=ChangeKind.TYPOGRAPHY, detail=edit) for edit in edited.edits
        ]
        fitter = Fitter(self.target_language, self.platform, self.glossary, conventions)
        fitted = fitter.fit(edited.text, self._required_in_target())
        changes += fitted.changes
        dropped = [
            change.before or ""
            for change in fitted.changes
            if change.kind is ChangeKind.HASHTAG_REMOVED
        ]
        findings = [*draft.findings, *run_checks(self._context(source, fitted.text, dropped))]
        return Rendition(
            text=fitted.text,
            length=fitted.length.length,
            fits=fitted.length.fits,
            origin=draft.origin,
            provenance=draft.provenance(),
            findings=findings,
            changes=changes,
            thread=fitted.thread,
            suggestions=draft.suggestions,
        )

    def _renderer(self) -> SpanRenderer:
        return SpanRenderer(self.glossary, self.locales, self.source_language, self.target_language)

    def _required_in_target(self) -> list[str]:
        """The required hashtags as written and as the target language writes them."""
        renderer = self._renderer()
        return [*self.required_hashtags, *(renderer.hashtag(tag) for tag in self.required_hashtags)]

    def _context(self, source: str, target: str, dropped: Sequence[str]) -> CheckContext:
        renderer = self._renderer()
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
        return CheckContext.build(
            source_text=source,
            target_text=target,
            source_language=self.source_language,
            target_language=self.target_language,
            locales=self.locales,
            platform=self.platform,
            protected_hashtags=protected,
            hashtag_equivalents=equivalents,
            do_not_translate=frozenset(self.glossary.do_not_translate_names()),
        )
