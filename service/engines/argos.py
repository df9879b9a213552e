"""Offline neural machine translation with installed Argos Translate packages.

The engine loads each package's CTranslate2 model and SentencePiece model itself instead of
calling ``argostranslate.translate``, which splits, tokenizes and translates one sentence
per call (its batches are 32 *tokens*): batching every line of a statement, or of many,
into one ``translate_batch`` call per language pair is many times faster. It also decodes
with SentencePiece directly: argostranslate's decoder turns every ``_`` into a space.

Measured on two cores, ``intra_threads=1`` with ``inter_threads`` = cores beats any other
split, so the batch is cut into one chunk per worker. Models load lazily, at most
``max_loaded_pairs`` at a time (LRU), and the memory a batch freed is given back to the
system after it, so memory stays near the size of the loaded models. Pairs without a
direct package go through English.
"""

import functools
import math
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
    translate_one_by_one,
)
from service.engines.model_cache import LoadedModels
from service.engines.native_memory import release_free_memory
from service.errors import DataError, ErrorCode
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
class _LoadedPackage:
    """A package's translator and tokenizer, ready to translate."""

    package: InstalledPackage
    translator: Any  # ctranslate2.Translator
    tokenizer: Any  # sentencepiece.SentencePieceProcessor
    workers: int

    def translate(self, texts: Sequence[str], beam_size: int) -> list[tuple[str, int]]:
        """Translate every text in one ``translate_batch`` call: (text, target tokens) each.

        Blank texts give ("", 0) without going through the model.
        """
        indices = [index for index, text in enumerate(texts) if text.strip()]
        outputs = [("", 0)] * len(texts)
        if not indices:
            return outputs
        sources = self.tokenizer.encode([texts[index] for index in indices], out_type=str)
        prefix = [self.package.target_prefix] if self.package.target_prefix else []
        results = self.translator.translate_batch(
            sources,
            target_prefix=[prefix] * len(sources) if prefix else None,
            beam_size=beam_size,
            max_batch_size=min(MAX_BATCH_EXAMPLES, math.ceil(len(sources) / self.workers)),
            max_decoding_length=decoding_limit(max(map(len, sources))) + len(prefix),
            replace_unknowns=True,
        )
        for index, result in zip(indices, results, strict=True):
            tokens = list(result.hypotheses[0])[len(prefix) :]  # the prefix comes back first
            outputs[index] = (self.tokenizer.decode(tokens), len(tokens))
        return outputs


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
        max_loaded_pairs: int = 4,
    ) -> None:
        self.packages_dir = packages_dir
        self.beam_size = beam_size
        self.inter_threads = inter_threads or default_threads()
        self._models: LoadedModels[LanguagePair, _LoadedPackage] = LoadedModels(max_loaded_pairs)
        self._packages: dict[LanguagePair, InstalledPackage] | None = None
        self._packages_lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Settings) -> "ArgosEngine":
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
        """Translate every text from ``source`` to ``target``; one call per model used."""
        if not texts:
            return []
        route = self.route(source, target)
        if route.kind is RouteKind.MISSING:
            raise NoRouteError(source, target)
        current = [(text, 0) for text in texts]
        versions: list[str] = []
        for pair in route.steps:
            loaded = self._models.get(pair, functools.partial(self._load, pair))
            current = loaded.translate([text for text, _ in current], self.beam_size)
            release_free_memory()  # else each worker thread keeps the batch's memory
            versions.append(loaded.package.version)
        version = " + ".join(versions)
        return [
            EngineOutput(text, self.name, version, route.pivot, target_tokens)
            for text, target_tokens in current
        ]

    def translate_batches(self, batches: Sequence[PairBatch]) -> list[BatchResult]:
        """Translate each pair's batch in turn (see TranslationEngine.translate_batches)."""
        return translate_one_by_one(self, batches)

    def _load(self, pair: LanguagePair) -> _LoadedPackage:
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
            raise DataError(
                f"{package.path}: the {pair[0]}->{pair[1]} package does not load ({error}); "
                "reinstall it",
                code=ErrorCode.BROKEN_PACKAGE,
                source=pair[0].value,
                target=pair[1].value,
                path=str(package.path),
            ) from None
        return _LoadedPackage(package, translator, tokenizer, self.inter_threads)
