"""Translating lines into the target languages: memory first, then machine translation.

:func:`translate_lines` is the stage the workflow calls with every line of a statement (or
of many statements). For each target language, each line is rendered by the first of:

1. the **source** itself, when the target is the source language;
2. an **exact translation-memory match** (an approved translation), origin ``memory``;
3. **machine translation**, origin ``mt``: every line that needs it goes to the engine in
   *one* ``translate_batch`` call per language pair, with its protected spans masked
   (:mod:`service.pipeline.translate.protect`); the spans are restored, then the glossary
   constraints are enforced (:mod:`service.pipeline.translate.terms`): foreign forms
   of a term are repaired in place, and lines still missing an official term are
   translated again, in one more batch, with those terms masked;
4. **nothing**, origin ``none``, when no model serves the pair: an empty text and a
   ``no_translation_available`` error saying how to install models. The other languages
   are not affected.

Every rendition with text is then finished (:mod:`service.pipeline.finish`): typography,
platform fit, quality checks. A rendition records its provenance: the memory unit and
score, or the engine and package version, and each glossary repair.
"""

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from service.engines.base import PIVOT_LANGUAGE, RouteKind, TranslationEngine
from service.errors import AdaptError, InputError
from service.glossary import Glossary
from service.languages import Language
from service.locales import LocaleConventions
from service.models import (
    EngineReference,
    Finding,
    LineTranslation,
    MemorySuggestion,
    Rendition,
    RenditionOrigin,
    Severity,
)
from service.pipeline.finish import Draft, Finisher
from service.pipeline.translate.protect import MaskedText, SpanRenderer, mask, restore
from service.pipeline.translate.terms import (
    GlossaryConstraints,
    TermRequirement,
    repair_findings,
)
from service.text.length import platform_rules

if TYPE_CHECKING:  # the memory pulls in SQLAlchemy: loaded only by callers that use one
    from service.engines.memory import TranslationMemory

NO_TRANSLATION_AVAILABLE = "no_translation_available"
SUGGESTION_LIMIT = 3


def translate_lines(
    lines: Sequence[str],
    source_language: Language,
    target_languages: Sequence[Language],
    platform: str,
    *,
    engine: TranslationEngine | None,
    memory: "TranslationMemory | None",
    glossary: Glossary,
    locales: dict[Language, LocaleConventions],
    required_hashtags: Collection[str] = (),
) -> list[LineTranslation]:
    """Render every line in every target language (see the module docstring for the order).

    ``required_hashtags`` (a statement's campaign hashtags) are never dropped to fit the
    platform. Raises :class:`InputError` for a blank line or an unknown platform.
    """
    platform_rules(platform)
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            raise InputError(f"line {number} is empty: every line to translate needs text")
    renditions: list[dict[Language, Rendition]] = [{} for _ in lines]
    for target in dict.fromkeys(target_languages):
        pair = _PairTranslator(source_language, target, engine, memory, glossary, locales)
        finisher = Finisher(source_language, target, platform, glossary, locales, required_hashtags)
        for index, draft in enumerate(pair.drafts(lines)):
            renditions[index][target] = finisher.finish(lines[index], draft)
    return [
        LineTranslation(source=line, renditions=renditions[index])
        for index, line in enumerate(lines)
    ]


def missing_models_hint(source: Language, target: Language) -> str:
    """Which Argos packages serve ``source`` -> ``target`` and how to install them.

    >>> missing_models_hint(Language.FR, Language.ES)[:63]
    'install the fr->en and en->es packages (or a direct fr->es one)'
    """
    if PIVOT_LANGUAGE in (source, target):
        needed = f"the {source}->{target} package"
    else:
        needed = (
            f"the {source}->{PIVOT_LANGUAGE} and {PIVOT_LANGUAGE}->{target} packages "
            f"(or a direct {source}->{target} one)"
        )
    return (
        f"install {needed} with `adapt models install --languages {source},{target}` when "
        "online, or from files with `adapt models install --from FILE.argosmodel`"
    )


@dataclass
class _Pending:
    """A line on its way through machine translation."""

    index: int
    source: str
    masked: MaskedText
    requirements: list[TermRequirement]
    draft: Draft | None = None


class _PairTranslator:
    """Drafts for every line of one language pair: source, memory, machine translation."""

    def __init__(
        self,
        source_language: Language,
        target_language: Language,
        engine: TranslationEngine | None,
        memory: "TranslationMemory | None",
        glossary: Glossary,
        locales: dict[Language, LocaleConventions],
    ) -> None:
        self.source_language = source_language
        self.target_language = target_language
        self.engine = engine
        self.memory = memory
        self.glossary = glossary
        self.names = glossary.do_not_translate_names()
        self.constraints = GlossaryConstraints(glossary, source_language, target_language)
        self.render = SpanRenderer(glossary, locales, source_language, target_language)

    def drafts(self, lines: Sequence[str]) -> list[Draft]:
        if self.source_language is self.target_language:
            return [Draft(text=line, origin=RenditionOrigin.SOURCE) for line in lines]
        drafts: list[Draft | None] = list(self._from_memory(lines))
        pending = [
            _Pending(index, line, mask(line, self.names), self.constraints.requirements(line))
            for index, line in enumerate(lines)
            if drafts[index] is None
        ]
        for item in pending:
            if not item.masked.needs_translation():
                item.draft = self._only_entities(item)
        self._machine_translate([item for item in pending if item.draft is None])
        for item in pending:
            item_draft = item.draft
            assert item_draft is not None
            if item_draft.origin is not RenditionOrigin.SOURCE:
                item_draft.suggestions = self._suggestions(item.source)
            drafts[item.index] = item_draft
        finished = [draft for draft in drafts if draft is not None]
        assert len(finished) == len(lines)
        return finished

    # Memory -----------------------------------------------------------------------------

    def _from_memory(self, lines: Sequence[str]) -> list[Draft | None]:
        if self.memory is None:
            return [None] * len(lines)
        matches = self.memory.lookup_many(lines, self.source_language, self.target_language)
        drafts: list[Draft | None] = []
        for line, match in zip(lines, matches, strict=True):
            if match is None:
                drafts.append(None)
                continue
            missing = self.constraints.missing(
                match.target_text, self.constraints.requirements(line)
            )
            drafts.append(
                Draft(
                    text=match.target_text,
                    origin=RenditionOrigin.MEMORY,
                    memory=match.reference(),
                    findings=self.constraints.missing_findings(missing),
                )
            )
        return drafts

    def _suggestions(self, source: str) -> list[MemorySuggestion]:
        if self.memory is None:
            return []
        return [
            MemorySuggestion(
                unit_id=match.unit_id,
                score=match.score,
                source_text=match.source_text,
                target_text=match.target_text,
            )
            for match in self.memory.suggestions(
                source, self.source_language, self.target_language, limit=SUGGESTION_LIMIT
            )
        ]

    # Machine translation ----------------------------------------------------------------

    def _only_entities(self, item: _Pending) -> Draft:
        """A line of links, hashtags and emoji only: nothing to translate, render the spans."""
        restored = restore(item.masked.masked, item.masked, self.render)
        return Draft(text=restored.text, origin=RenditionOrigin.SOURCE, findings=restored.findings)

    def _unavailable(self) -> str | None:
        """Why the pair cannot be machine-translated, or None if it can."""
        if self.engine is None:
            return "no machine-translation engine is configured; " + missing_models_hint(
                self.source_language, self.target_language
            )
        if self.engine.route(self.source_language, self.target_language).kind is RouteKind.MISSING:
            return "no installed model serves this pair; " + missing_models_hint(
                self.source_language, self.target_language
            )
        return None

    def _translate(self, texts: Sequence[str]) -> list[tuple[str, EngineReference]] | str:
        """One engine batch for ``texts``, or the reason it failed (a user-actionable message)."""
        reason = self._unavailable()
        if reason is not None or not texts:
            return reason or []
        assert self.engine is not None
        unique = list(dict.fromkeys(texts))
        try:
            outputs = self.engine.translate_batch(
                unique, self.source_language, self.target_language
            )
        except AdaptError as error:  # a package removed or broken since routing
            return error.message
        by_text = {
            text: (
                output.text,
                EngineReference(engine=output.engine, package_version=output.package_version),
            )
            for text, output in zip(unique, outputs, strict=True)
        }
        return [by_text[text] for text in texts]

    def _machine_translate(self, pending: list[_Pending]) -> None:
        translated = self._translate([item.masked.masked for item in pending])
        if isinstance(translated, str):
            for item in pending:
                item.draft = Draft(
                    text="",
                    origin=RenditionOrigin.NONE,
                    findings=[self._no_translation(translated)],
                )
            return
        retry: list[_Pending] = []
        for item, (text, reference) in zip(pending, translated, strict=True):
            restored = restore(text, item.masked, self.render)
            repaired = self.constraints.repair(restored.text, item.requirements)
            item.draft = Draft(
                text=repaired.text,
                origin=RenditionOrigin.MT,
                engine=reference,
                repairs=repaired.repairs,
                findings=restored.findings,
            )
            if repaired.missing:
                retry.append(item)
        self._retranslate_with_terms(retry)
        for item in pending:
            self._settle_glossary(item)

    def _retranslate_with_terms(self, retry: list[_Pending]) -> None:
        """Translate again, in one batch, with the still-missing terms masked (repair step 2)."""
        if not retry:
            return
        masked_again: list[tuple[_Pending, MaskedText, list[TermRequirement]]] = []
        for item in retry:
            assert item.draft is not None
            missing = self.constraints.missing(item.draft.text, item.requirements)
            terms = [match for requirement in missing for match in requirement.matches]
            masked_again.append((item, mask(item.source, self.names, terms), missing))
        translated = self._translate([masked.masked for _, masked, _ in masked_again])
        if isinstance(translated, str):
            return  # keep the first translation; the missing terms are reported
        for (item, masked, missing), (text, reference) in zip(
            masked_again, translated, strict=True
        ):
            assert item.draft is not None
            restored = restore(text, masked, self.render)
            repaired = self.constraints.repair(restored.text, item.requirements)
            if len(repaired.missing) >= len(missing):
                continue  # the second attempt is no better: keep the first
            lost = {span.concept_id for span in restored.lost_terms}
            held = [
                requirement.as_repair(
                    self.render.term(
                        requirement.concept_id, requirement.form, requirement.source_surface
                    )
                )
                for requirement in missing
                if requirement.concept_id not in lost
            ]
            item.draft = Draft(
                text=repaired.text,
                origin=RenditionOrigin.MT,
                engine=reference,
                repairs=[*held, *repaired.repairs],
                findings=restored.findings,
            )

    def _settle_glossary(self, item: _Pending) -> None:
        """Add the repair and missing-term findings of the final text to its draft."""
        draft = item.draft
        assert draft is not None
        missing = self.constraints.missing(draft.text, item.requirements)
        draft.findings = [
            *draft.findings,
            *repair_findings(draft.repairs),
            *self.constraints.missing_findings(missing),
        ]

    def _no_translation(self, reason: str) -> Finding:
        return Finding(
            check=NO_TRANSLATION_AVAILABLE,
            severity=Severity.ERROR,
            message=f"No translation into {self.target_language.value}: {reason}.",
        )
