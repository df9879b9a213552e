"""One language pair's drafts: the source itself, memory, then machine translation.

A :class:`PairTranslator` works in phases so that the stage can hand every pair's machine
translation to the engine in one call (:mod:`service.pipeline.translate.drafts`):

1. :meth:`PairTranslator.start` takes what needs no engine: the source itself (same
   language), an exact memory match, a line of links and hashtags only;
2. :meth:`PairTranslator.batch` gives the masked lines left for the engine, and
   :meth:`PairTranslator.take` restores and repairs what came back; lines still missing an
   official term are offered again, with those terms masked (:meth:`PairTranslator.retry`,
   :meth:`PairTranslator.take_retry`);
3. :meth:`PairTranslator.drafts` settles the glossary findings and adds memory suggestions.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from service.checks.stage import NO_TRANSLATION_AVAILABLE
from service.engines.base import (
    PIVOT_LANGUAGE,
    BatchResult,
    PairBatch,
    RouteKind,
    TranslationEngine,
)
from service.glossary import Glossary
from service.languages import Language
from service.locales import LocaleConventions
from service.models import EngineReference, MemorySuggestion, RenditionOrigin
from service.pipeline.translate.draft import Draft
from service.pipeline.translate.protect import MaskedText, SpanRenderer, mask, restore
from service.pipeline.translate.terms import (
    GlossaryConstraints,
    TermRequirement,
    repair_findings,
)

if TYPE_CHECKING:  # the memory pulls in SQLAlchemy: loaded only by callers that use one
    from service.engines.memory import TranslationMemory

SUGGESTION_LIMIT = 3


def models_needed(source: Language, target: Language) -> str:
    """Which Argos packages would serve ``source`` -> ``target``.

    >>> models_needed(Language.FR, Language.ES)
    'the fr->en and en->es packages (or a direct fr->es one)'
    """
    if PIVOT_LANGUAGE in (source, target):
        return f"the {source}->{target} package"
    return (
        f"the {source}->{PIVOT_LANGUAGE} and {PIVOT_LANGUAGE}->{target} packages "
        f"(or a direct {source}->{target} one)"
    )


@dataclass
class _Pending:
    """A line on its way through machine translation."""

    index: int
    source: str
    masked: MaskedText
    requirements: list[TermRequirement]
    draft: Draft | None = None
    retry_masked: MaskedText | None = None
    retry_missing: tuple[TermRequirement, ...] = ()


def _unique_batch(source: Language, target: Language, texts: Sequence[str]) -> PairBatch:
    return PairBatch(source, target, list(dict.fromkeys(texts)))


def _outputs_for(
    texts: Sequence[str], batch: PairBatch, result: BatchResult
) -> list[tuple[str, EngineReference]] | str:
    """Each text's translation, from a batch of the unique texts, or why it failed."""
    if not isinstance(result, list):
        return result.message
    by_text = {
        text: (
            output.text,
            EngineReference(engine=output.engine, package_version=output.package_version),
        )
        for text, output in zip(batch.texts, result, strict=True)
    }
    return [by_text[text] for text in texts]


class PairTranslator:
    """Drafts for every line of one language pair (see the module docstring for the phases)."""

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
        self.names = glossary.do_not_translate_names()
        self.constraints = GlossaryConstraints(glossary, source_language, target_language)
        self.render = SpanRenderer(glossary, locales, source_language, target_language)
        self._drafts: list[Draft | None] = []
        self._pending: list[_Pending] = []

    # Phase 1: what needs no engine ------------------------------------------------------

    def start(self, lines: Sequence[str]) -> None:
        if self.source_language is self.target_language:
            self._drafts = [Draft(text=line, origin=RenditionOrigin.SOURCE) for line in lines]
            return
        self._drafts = list(self._from_memory(lines))
        for index, line in enumerate(lines):
            if self._drafts[index] is not None:
                continue
            item = _Pending(
                index, line, mask(line, self.names), self.constraints.requirements(line)
            )
            if not item.masked.needs_translation():
                restored = restore(item.masked.masked, item.masked, self.render)
                item.draft = Draft(
                    text=restored.text, origin=RenditionOrigin.SOURCE, findings=restored.findings
                )
            self._pending.append(item)
        reason = self._unavailable()
        if reason is not None:
            for item in self._waiting():
                item.draft = self._nothing(reason)

    def _from_memory(self, lines: Sequence[str]) -> list[Draft | None]:
        if self.memory is None:
            return [None] * len(lines)
        matches = self.memory.lookup_many(lines, self.source_language, self.target_language)
        drafts: list[Draft | None] = []
        for line, match in zip(lines, matches, strict=True):
            if match is None:
                drafts.append(None)
                continue
            requirements = self.constraints.requirements(line)
            missing = self.constraints.missing(match.target_text, requirements)
            drafts.append(
                Draft(
                    text=match.target_text,
                    origin=RenditionOrigin.MEMORY,
                    memory=match.reference(),
                    findings=[
                        *self.constraints.missing_findings(missing),
                        *self.constraints.unverified_findings(match.target_text, requirements),
                    ],
                )
            )
        return drafts

    def _unavailable(self) -> str | None:
        """Why the pair cannot be machine-translated, or None if it can."""
        needed = models_needed(self.source_language, self.target_language)
        if self.engine is None:
            return f"no machine-translation engine is configured (it would need {needed})"
        if self.engine.route(self.source_language, self.target_language).kind is RouteKind.MISSING:
            return f"no installed model serves this pair (it needs {needed})"
        return None

    def _nothing(self, reason: str) -> Draft:
        message = f"No translation into {self.target_language.value}: {reason}."
        return Draft(
            text="",
            origin=RenditionOrigin.NONE,
            findings=[NO_TRANSLATION_AVAILABLE.finding(message)],
        )

    def _waiting(self) -> list[_Pending]:
        return [item for item in self._pending if item.draft is None]

    # Phase 2: machine translation, then a retry with missing terms masked ---------------

    def batch(self) -> PairBatch | None:
        """The masked lines for the engine, or None when there are none."""
        texts = [item.masked.masked for item in self._waiting()]
        return _unique_batch(self.source_language, self.target_language, texts) if texts else None

    def take(self, batch: PairBatch, result: BatchResult) -> None:
        """Restore and repair the engine's output for :meth:`batch`'s lines."""
        waiting = self._waiting()
        translated = _outputs_for([item.masked.masked for item in waiting], batch, result)
        if isinstance(translated, str):  # a package removed or broken since routing
            for item in waiting:
                item.draft = self._nothing(translated)
            return
        for item, (text, reference) in zip(waiting, translated, strict=True):
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
                terms = [match for requirement in repaired.missing for match in requirement.matches]
                item.retry_masked = mask(item.source, self.names, terms)
                item.retry_missing = tuple(repaired.missing)

    def _retrying(self) -> list[_Pending]:
        return [item for item in self._pending if item.retry_masked is not None]

    def retry(self) -> PairBatch | None:
        """The lines to translate again with their still-missing terms masked, or None."""
        texts = [item.retry_masked.masked for item in self._retrying() if item.retry_masked]
        return _unique_batch(self.source_language, self.target_language, texts) if texts else None

    def take_retry(self, batch: PairBatch, result: BatchResult) -> None:
        """Keep a retried translation only where it misses fewer official terms."""
        retrying = self._retrying()
        masked = [item.retry_masked for item in retrying if item.retry_masked]
        translated = _outputs_for([m.masked for m in masked], batch, result)
        if isinstance(translated, str):
            return  # keep the first translation; the missing terms are reported
        for item, retry_masked, (text, reference) in zip(retrying, masked, translated, strict=True):
            self._take_one_retry(item, retry_masked, text, reference)

    def _take_one_retry(
        self, item: _Pending, masked: MaskedText, text: str, reference: EngineReference
    ) -> None:
        restored = restore(text, masked, self.render)
        repaired = self.constraints.repair(restored.text, item.requirements)
        if len(repaired.missing) >= len(item.retry_missing):
            return  # the second attempt is no better: keep the first
        lost = {span.concept_id for span in restored.lost_terms}
        held = [
            requirement.as_repair(
                self.render.term(
                    requirement.concept_id, requirement.form, requirement.source_surface
                )
            )
            for requirement in item.retry_missing
            if requirement.concept_id not in lost
        ]
        item.draft = Draft(
            text=repaired.text,
            origin=RenditionOrigin.MT,
            engine=reference,
            repairs=[*held, *repaired.repairs],
            findings=restored.findings,
        )

    # Phase 3: settle ----------------------------------------------------------------------

    def drafts(self) -> list[Draft]:
        """Every line's draft, in order, with its glossary findings and memory suggestions."""
        memory = self.memory
        suggesting = memory is not None and memory.holds_pair(
            self.source_language, self.target_language
        )
        for item in self._pending:
            draft = item.draft
            assert draft is not None, "every pending line was drafted"
            if draft.origin is RenditionOrigin.MT:
                missing = self.constraints.missing(draft.text, item.requirements)
                draft.findings = [
                    *draft.findings,
                    *repair_findings(draft.repairs),
                    *self.constraints.missing_findings(missing),
                    *self.constraints.unverified_findings(draft.text, item.requirements),
                ]
            if suggesting and draft.origin is not RenditionOrigin.SOURCE:
                draft.suggestions = self._suggestions(item.source)
            self._drafts[item.index] = draft
        finished = [draft for draft in self._drafts if draft is not None]
        assert len(finished) == len(self._drafts), "every line has a draft"
        return finished

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
