"""Raw CTranslate2: the physical limit adapt's engine is measured against.

The same packages, lines and decoding settings as adapt (beam, ``intra_threads=1``,
``replace_unknowns``, the decoding bound), but no Python around the model: the lines are
tokenized once, before any timing, and outputs are not decoded. Every configuration here
translates all five pairs' batches in one pass; the bench takes the fastest median as the
reference, so adapt is compared with the best way found to drive CTranslate2, not with one
way:

* ``sequential``: one pair after another, each batch cut into one chunk per core, one
  translator with ``inter_threads`` = cores per model (adapt before it ran pairs at once);
* ``async-1``: every pair's whole batch submitted at once with ``asynchronous=True``, one
  worker per model (``inter_threads=1``): the operating system shares the cores among
  five workers (the best configuration issue 8 found);
* ``async-chunks``: every pair's batch sorted by length and cut into one chunk per core,
  all submitted at once to translators with a worker per core;
* ``lanes``: one thread per core, each translating its share of the rows of all pairs laid
  end to end (the wrap-around rule of ``service/engines/argos_lanes.py``), longest lines
  first within a pair.
"""

import math
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import ctranslate2

from service.engines.argos import MAX_BATCH_EXAMPLES, decoding_limit
from service.engines.argos_lanes import plan_lanes

Tokens = list[str]


class RawConfigurations:
    """Translators loaded once per configuration; each method is one timed pass."""

    def __init__(self, model_dirs: Sequence[Path], sources: list[Tokens], beam: int, cores: int):
        self.sources = sources
        self.beam = beam
        self.cores = cores
        self.shared = [self._translator(path, cores) for path in model_dirs]
        self.single = [self._translator(path, 1) for path in model_dirs]

    @staticmethod
    def _translator(path: Path, workers: int) -> Any:
        return ctranslate2.Translator(
            str(path), device="cpu", intra_threads=1, inter_threads=workers
        )

    def passes(self) -> dict[str, Callable[[], list[list[Tokens]]]]:
        return {
            "sequential": self.sequential,
            "async-1": self.async_one_worker_per_model,
            "async-chunks": self.async_chunks,
            "lanes": self.lanes,
        }

    def _options(self, batch: list[Tokens]) -> dict[str, Any]:
        return {
            "beam_size": self.beam,
            "max_decoding_length": decoding_limit(max(map(len, batch))),
            "replace_unknowns": True,
        }

    def sequential(self) -> list[list[Tokens]]:
        size = math.ceil(len(self.sources) / self.cores)
        return [
            _hypotheses(
                translator.translate_batch(
                    self.sources, max_batch_size=size, **self._options(self.sources)
                )
            )
            for translator in self.shared
        ]

    def async_one_worker_per_model(self) -> list[list[Tokens]]:
        submitted = [
            translator.translate_batch(
                self.sources, asynchronous=True, **self._options(self.sources)
            )
            for translator in self.single
        ]
        return [[result.result().hypotheses[0] for result in pair] for pair in submitted]

    def async_chunks(self) -> list[list[Tokens]]:
        order = sorted(range(len(self.sources)), key=lambda index: -len(self.sources[index]))
        size = math.ceil(len(order) / self.cores)
        chunks = [order[start : start + size] for start in range(0, len(order), size)]
        submitted = [
            [
                translator.translate_batch(
                    batch, asynchronous=True, max_batch_size=len(batch), **self._options(batch)
                )
                for batch in ([self.sources[index] for index in chunk] for chunk in chunks)
            ]
            for translator in self.shared
        ]
        outputs: list[list[Tokens]] = []
        for pair in submitted:
            by_index: dict[int, Tokens] = {}
            for chunk, results in zip(chunks, pair, strict=True):
                for index, result in zip(chunk, results, strict=True):
                    by_index[index] = result.result().hypotheses[0]
            outputs.append([by_index[index] for index in range(len(self.sources))])
        return outputs

    def lanes(self) -> list[list[Tokens]]:
        costs = {pair: [len(tokens) for tokens in self.sources] for pair in range(len(self.shared))}
        outputs: list[list[Tokens]] = [[[] for _ in self.sources] for _ in self.shared]

        def run(lane: list[Any]) -> None:
            for chunk in lane:
                batch = [self.sources[index] for index in chunk.indices]
                results = self.shared[chunk.key].translate_batch(
                    batch, max_batch_size=len(batch), **self._options(batch)
                )
                for index, result in zip(chunk.indices, results, strict=True):
                    outputs[chunk.key][index] = result.hypotheses[0]

        in_threads(plan_lanes(costs, self.cores, MAX_BATCH_EXAMPLES), run)
        return outputs


def in_threads(lanes: list[list[Any]], run: Callable[[list[Any]], None]) -> None:
    """Run each lane in a thread of its own, and wait for all of them."""
    threads = [threading.Thread(target=run, args=(lane,)) for lane in lanes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def _hypotheses(results: Sequence[Any]) -> list[Tokens]:
    return [result.hypotheses[0] for result in results]
