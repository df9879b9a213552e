"""Offline neural machine translation with installed Argos Translate packages.

The engine loads each package's CTranslate2 model and SentencePiece model itself instead of
calling ``argostranslate.translate``, which splits, tokenizes and translates one sentence
per call (its batches are 32 *tokens*): batching every line of a statement, or of many,
into one ``translate_batch`` call per language pair is many times faster. It also decodes
with SentencePiece directly: argostranslate's decoder turns every ``_`` into a space.

A statement's pairs are translated at once: ``translate_batches`` takes every pair's batch
(the translate stage makes one such call per statement, or per batch of statements), gives
each model each distinct text once, and deals the work into one lane per core
(:mod:`service.engines.argos_lanes`): measured on two cores, that is as fast as raw
CTranslate2 driven the best way found (``bench/mt.py``), and 1.2 to 1.4 times as fast as
one pair after another. Each translator uses ``intra_threads=1`` (faster than any other
split here) and one worker per lane. Pairs without a direct package go through English:
the English step of all of them first, then the second steps.

Models load lazily, at most ``max_loaded_pairs`` at a time (:mod:`service.engines.model_cache`:
a model in use is never evicted, and a call that needs more models than that takes them a
group at a time, loading each once). Memory stays near the size of the loaded models plus
one batch per lane (:mod:`service.engines.native_memory`).
"""

import functools
import os
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self

from service.engines.argos_batches import BatchPlan, StepOutcomes, merge_lanes, step_work
from service.engines.argos_lanes import Chunk, plan_lanes
from service.engines.argos_packages import InstalledPackage, list_packages
from service.engines.base import (
    BatchResult,
    EngineOutput,
    LanguagePair,
    NoRouteError,
    PairBatch,
    Route,
    RouteKind,
    plan_route,
)
from service.engines.model_cache import LoadedModels
from service.engines.native_memory import limit_malloc_arenas, release_free_memory
from service.errors import AdaptError, DataError, ErrorCode
from service.languages import Language
from service.settings import Settings

MAX_DECODING_TOKENS = 512
MAX_BATCH_EXAMPLES = 64  # per CTranslate2 chunk: bounds memory in batch mode


def decoding_limit(longest_source_tokens: int) -> int:
    """The most tokens to generate for a batch whose longest source has this many.

    A translation is rarely twice as long as its source; the bound stops a degenerate
    model (or a repeating hypothesis) from running on.

    >>> decoding_limit(20)
    50
    >>> decoding_limit(400)
    512
    """
    return min(MAX_DECODING_TOKENS, 2 * longest_source_tokens + 10)


def default_threads() -> int:
    """The CPU cores this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


@dataclass(frozen=True)
class LoadedPackage:
    """A package's translator and tokenizer, ready to translate."""

    pair: LanguagePair
    package: InstalledPackage
    translator: Any  # ctranslate2.Translator
    tokenizer: Any  # sentencepiece.SentencePieceProcessor

    def translate(self, texts: Sequence[str], beam_size: int) -> list[tuple[str, int]]:
        """Translate the texts as one batch: (text, target tokens) each.

        Blank texts give ("", 0) without going through the model. Raises
        :class:`DataError` when the model fails on them.
        """
        indices = [index for index, text in enumerate(texts) if text.strip()]
        outputs = [("", 0)] * len(texts)
        if not indices:
            return outputs
        sources = self.tokenizer.encode([texts[index] for index in indices], out_type=str)
        prefix = [self.package.target_prefix] if self.package.target_prefix else []
        try:
            results = self.translator.translate_batch(
                sources,
                target_prefix=[prefix] * len(sources) if prefix else None,
                beam_size=beam_size,
                max_batch_size=len(sources),
                max_decoding_length=decoding_limit(max(map(len, sources))) + len(prefix),
                replace_unknowns=True,
            )
        except (RuntimeError, ValueError, IndexError) as error:  # what CTranslate2 raises
            raise broken_package(self.pair, self.package, f"fails to translate ({error})") from None
        for index, result in zip(indices, results, strict=True):
            tokens = list(result.hypotheses[0])[len(prefix) :]  # the prefix comes back first
            outputs[index] = (self.tokenizer.decode(tokens), len(tokens))
        return outputs


def broken_package(pair: LanguagePair, package: InstalledPackage, what: str) -> DataError:
    """The error for a package whose model does not load or run: reinstalling it helps."""
    source, target = pair
    return DataError(
        f"{package.path}: the {source}->{target} package {what}; reinstall it",
        code=ErrorCode.BROKEN_PACKAGE,
        source=source.value,
        target=target.value,
        path=str(package.path),
    )


class ArgosEngine:
    """Translate with the Argos packages installed in ``packages_dir``.

    Thread-safe. The packages directory is read on first use; call :meth:`reload` after
    installing packages into it.
    """

    def __init__(
        self,
        packages_dir: Path,
        *,
        beam_size: int = 2,
        inter_threads: int = 0,
        max_loaded_pairs: int = 5,
    ) -> None:
        self.packages_dir = packages_dir
        self.beam_size = beam_size
        self.inter_threads = inter_threads or default_threads()
        limit_malloc_arenas(self.inter_threads)  # see service.engines.native_memory
        self._models: LoadedModels[LanguagePair, LoadedPackage] = LoadedModels(max_loaded_pairs)
        self._packages: dict[LanguagePair, InstalledPackage] | None = None
        self._packages_lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Settings) -> Self:
        return cls(
            settings.resolved_packages_dir,
            beam_size=settings.beam_size,
            inter_threads=settings.inter_threads,
            max_loaded_pairs=settings.max_loaded_pairs,
        )

    @property
    def name(self) -> str:
        return "argos"

    def packages(self) -> dict[LanguagePair, InstalledPackage]:
        """The package serving each directed pair that has one."""
        with self._packages_lock:
            if self._packages is None:
                self._packages = list_packages(self.packages_dir).by_pair()
            return dict(self._packages)

    def reload(self) -> None:
        """Read the packages directory again and unload every model."""
        with self._packages_lock:
            self._packages = None
        self._models.clear()
        release_free_memory()

    def loaded_pairs(self) -> list[LanguagePair]:
        """The pairs whose models are loaded now, least recently used first."""
        return self._models.keys()

    def route(self, source: Language, target: Language) -> Route:
        return plan_route(source, target, self.packages().keys())

    def supports(self, source: Language, target: Language) -> bool:
        return self.route(source, target).kind is not RouteKind.MISSING

    def translate_batch(
        self, texts: Sequence[str], source: Language, target: Language
    ) -> list[EngineOutput]:
        """Translate every text from ``source`` to ``target``; raises the batch's error."""
        result = self.translate_batches([PairBatch(source, target, texts)])[0]
        if isinstance(result, AdaptError):
            raise result
        return result

    def translate_batches(self, batches: Sequence[PairBatch]) -> list[BatchResult]:
        """Translate every pair's batch at once (see TranslationEngine.translate_batches).

        At each step of the routes (see :mod:`service.engines.argos_batches`), the distinct
        texts of every model are dealt into one balanced lane per worker thread
        (:mod:`service.engines.argos_lanes`). A pair whose model is missing or broken
        fails only the batches that need it.
        """
        plans = [self._plan(batch) for batch in batches]
        done: list[StepOutcomes] = []
        for step in range(max((len(plan.route.steps) for plan in plans), default=0)):
            done.append(self._run_step(step_work(plans, step, done)))
        return [plan.result(done, self.name) for plan in plans]

    def _plan(self, batch: PairBatch) -> BatchPlan:
        if not batch.texts:  # nothing to translate: no route needed, no step taken
            return BatchPlan(batch, Route(batch.source, batch.target, RouteKind.MISSING))
        packages = self.packages()
        route = plan_route(batch.source, batch.target, packages.keys())
        if route.kind is RouteKind.MISSING:
            return BatchPlan(batch, route, error=NoRouteError(batch.source, batch.target))
        return BatchPlan(batch, route, tuple(packages[pair].version for pair in route.steps))

    def _run_step(self, work: dict[LanguagePair, list[str]]) -> StepOutcomes:
        """Translate each model's texts; more models than the LRU holds go a group at a time."""
        outcomes: StepOutcomes = {}
        pairs = self._models.order_for(list(work))
        capacity = self._models.capacity
        for start in range(0, len(pairs), capacity):
            group = pairs[start : start + capacity]
            with self._models.hold(group):
                outcomes.update(self._run_group({pair: work[pair] for pair in group}))
        return outcomes

    def _run_group(self, work: dict[LanguagePair, list[str]]) -> StepOutcomes:
        """Translate held models' texts in balanced lanes, one thread per lane."""
        costs = {pair: [len(text) for text in texts] for pair, texts in work.items()}
        lanes = plan_lanes(costs, self.inter_threads, MAX_BATCH_EXAMPLES)
        run = functools.partial(self._run_lane, work)
        if len(lanes) <= 1:
            finished = [run(lane) for lane in lanes]
        else:
            with ThreadPoolExecutor(len(lanes) - 1, thread_name_prefix="argos-lane") as pool:
                others = [pool.submit(run, lane) for lane in lanes[1:]]
                finished = [run(lanes[0])] + [future.result() for future in others]
        return merge_lanes(finished)

    def _run_lane(
        self, work: dict[LanguagePair, list[str]], lane: list[Chunk[LanguagePair]]
    ) -> StepOutcomes:
        """Translate one lane's chunks in turn; a pair that fails is not tried again."""
        outcomes: StepOutcomes = {}
        for chunk in lane:
            known = outcomes.setdefault(chunk.key, {})
            if isinstance(known, AdaptError):
                continue
            texts = [work[chunk.key][index] for index in chunk.indices]
            try:
                loaded = self._models.get(chunk.key, functools.partial(self._load, chunk.key))
                known.update(zip(texts, loaded.translate(texts, self.beam_size), strict=True))
            except AdaptError as error:
                outcomes[chunk.key] = error
        return outcomes

    def _load(self, pair: LanguagePair) -> LoadedPackage:
        import ctranslate2
        import sentencepiece

        package = self.packages().get(pair)
        if package is None:  # removed since the route was planned
            raise NoRouteError(*pair)
        try:
            translator = ctranslate2.Translator(
                str(package.path / "model"),
                device="cpu",
                intra_threads=1,
                inter_threads=self.inter_threads,
            )
            tokenizer = sentencepiece.SentencePieceProcessor(
                model_file=str(package.path / "sentencepiece.model")
            )
        except Exception as error:  # CTranslate2 raises RuntimeError, IndexError, ValueError...
            raise broken_package(pair, package, f"does not load ({error})") from None
        return LoadedPackage(pair, package, translator, tokenizer)
