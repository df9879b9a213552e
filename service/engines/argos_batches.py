"""What one call of ``translate_batches`` asks of each model, step by step, and what it gets.

A call takes many pairs' batches. Each batch follows its route: one model, or two through
English. Step 0 of every route runs first, for all batches together; step 1 (English to
the target) runs when step 0 is done, because its input is step 0's output. At each step a
model translates each distinct text once, however many batches ask for it: a French
statement into the six languages needs fr->en once, for the English rendition and for the
four pivots alike.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from service.engines.base import BatchResult, EngineOutput, LanguagePair, PairBatch, Route
from service.errors import AdaptError

Translation = tuple[str, int]
"""A translated text and the number of target tokens the model generated for it."""

StepOutcomes = dict[LanguagePair, dict[str, Translation] | AdaptError]
"""For each model used at one step: its translation of each distinct text, or its error."""


@dataclass(frozen=True)
class BatchPlan:
    """One batch, the route it takes and the package versions on it (or why it cannot go)."""

    batch: PairBatch
    route: Route
    versions: tuple[str, ...] = ()
    error: AdaptError | None = None

    def inputs(self, step: int, done: Sequence[StepOutcomes]) -> list[str] | None:
        """The texts this batch gives its ``step``-th model (blank ones need no model).

        None when the batch does not reach that step: no such step, or an error before it.
        """
        if self.error is not None or step >= len(self.route.steps):
            return None
        walked = self._walk(done[:step])
        if isinstance(walked, AdaptError):
            return None
        return [text for text, _ in walked if text.strip()]

    def result(self, done: Sequence[StepOutcomes], engine: str) -> BatchResult:
        """The batch's outputs once every step is done, or the error that stopped it."""
        if self.error is not None:
            return self.error
        walked = self._walk(done)
        if isinstance(walked, AdaptError):
            return walked
        version = " + ".join(self.versions)
        return [
            EngineOutput(text, engine, version, self.route.pivot, tokens) for text, tokens in walked
        ]

    def _walk(self, done: Sequence[StepOutcomes]) -> list[Translation] | AdaptError:
        """The texts after the steps in ``done``: each blank text stays ("", 0)."""
        current = [(text, 0) for text in self.batch.texts]
        for pair, outcomes in zip(self.route.steps, done, strict=False):
            translations = outcomes.get(pair, {})
            if isinstance(translations, AdaptError):
                return translations
            current = [translations[text] if text.strip() else ("", 0) for text, _ in current]
        return current


def step_work(
    plans: Iterable[BatchPlan], step: int, done: Sequence[StepOutcomes]
) -> dict[LanguagePair, list[str]]:
    """For each model used at ``step``, the distinct texts to translate, in first-asked order."""
    work: dict[LanguagePair, dict[str, None]] = {}
    for plan in plans:
        inputs = plan.inputs(step, done)
        if inputs:
            work.setdefault(plan.route.steps[step], {}).update(dict.fromkeys(inputs))
    return {pair: list(texts) for pair, texts in work.items()}


def merge_lanes(lanes: Iterable[StepOutcomes]) -> StepOutcomes:
    """One step's outcomes from its lanes: a model that failed in any lane failed."""
    merged: StepOutcomes = {}
    for outcomes in lanes:
        for pair, translations in outcomes.items():
            known = merged.setdefault(pair, {})
            if isinstance(known, AdaptError):
                continue
            if isinstance(translations, AdaptError):
                merged[pair] = translations
            else:
                known.update(translations)
    return merged
