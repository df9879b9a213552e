"""Raw CTranslate2 replaying the MT work of a whole batch: the physical limit for it.

``bench/mt_raw.py`` drives one list of lines through every model; a batch gives each
model its own lines at each step (English pivots after the first step). This replays
exactly the work adapt's engine did, step by step, recorded from its ``_run_step`` calls
as ``{"source_target": [texts]}``: pre-tokenized, no decoding, the same decoding settings
as mt_raw (beam, ``intra_threads=1``, ``replace_unknowns``, the decoding bound), in the
two configurations ``bench/mt.py`` found fastest, generalized to one batch per model:

* ``async-1``: every model's whole batch of the step submitted at once with
  ``asynchronous=True``, one worker per model;
* ``lanes``: one thread per core, each translating its share of all the models' rows laid
  end to end (``service/engines/argos_lanes.py``);

and in the same two without the barrier between steps (``async-1 all steps``, ``lanes all
steps``): the recorded English pivots are already known, so raw can translate every step
at once, as no real pipeline can (a pivot's second step needs its first step's output).
adapt overlaps the steps of two chunks at a time; these give raw even more freedom.
"""

import threading
from pathlib import Path
from typing import Any

import ctranslate2
import sentencepiece
from mt_raw import in_threads

from service.engines.argos import MAX_BATCH_EXAMPLES, decoding_limit
from service.engines.argos_lanes import plan_lanes

Tokens = list[str]
Step = dict[str, list[Tokens]]


class RawBatch:
    """The recorded steps, tokenized; translators loaded once per model and worker count."""

    def __init__(
        self, packages_dir: Path, steps: list[dict[str, list[str]]], beam: int, cores: int
    ):
        self.packages_dir, self.beam, self.cores = packages_dir, beam, cores
        self._tokenizers: dict[str, Any] = {}
        self._translators: dict[tuple[str, int], Any] = {}
        self.steps: list[Step] = [
            {
                pair: self._tokenizer(pair).encode(texts, out_type=str)
                for pair, texts in step.items()
            }
            for step in steps
        ]
        self.translations = sum(len(texts) for step in self.steps for texts in step.values())
        for pair in {pair for step in self.steps for pair in step}:
            for workers in (1, cores):  # load and run each translator once before any timing
                self._translator(pair, workers).translate_batch([["▁a"]], beam_size=beam)

    def _folder(self, pair: str) -> Path:
        return self.packages_dir / f"translate-{pair}"

    def _tokenizer(self, pair: str) -> Any:
        if pair not in self._tokenizers:
            model = self._folder(pair) / "sentencepiece.model"
            self._tokenizers[pair] = sentencepiece.SentencePieceProcessor(model_file=str(model))
        return self._tokenizers[pair]

    def _translator(self, pair: str, workers: int) -> Any:
        if (pair, workers) not in self._translators:
            self._translators[pair, workers] = ctranslate2.Translator(
                str(self._folder(pair) / "model"),
                device="cpu",
                intra_threads=1,
                inter_threads=workers,
            )
        return self._translators[pair, workers]

    def passes(self) -> dict[str, Any]:
        return {
            "async-1": self.async_one_worker_per_model,
            "lanes": self.lanes,
            "async-1 all steps": self.async_all_steps,
            "lanes all steps": self.lanes_all_steps,
        }

    def _options(self, batch: list[Tokens]) -> dict[str, Any]:
        return {
            "beam_size": self.beam,
            "max_decoding_length": decoding_limit(max(map(len, batch))),
            "replace_unknowns": True,
        }

    def async_one_worker_per_model(self) -> int:
        produced = 0
        for step in self.steps:
            submitted = [
                self._translator(pair, 1).translate_batch(
                    batch, asynchronous=True, **self._options(batch)
                )
                for pair, batch in step.items()
            ]
            produced += sum(len(r.result().hypotheses[0]) for pair in submitted for r in pair)
        return produced

    def async_all_steps(self) -> int:
        submitted = [
            self._translator(pair, 1).translate_batch(
                batch, asynchronous=True, **self._options(batch)
            )
            for step in self.steps
            for pair, batch in step.items()
        ]
        return sum(len(r.result().hypotheses[0]) for batch in submitted for r in batch)

    def lanes(self) -> int:
        return sum(
            self._in_lanes({(0, pair): batch for pair, batch in step.items()})
            for step in self.steps
        )

    def lanes_all_steps(self) -> int:
        return self._in_lanes(
            {
                (number, pair): batch
                for number, step in enumerate(self.steps)
                for pair, batch in step.items()
            }
        )

    def _in_lanes(self, work: dict[tuple[int, str], list[Tokens]]) -> int:
        """Every batch of ``work`` ((step, pair) -> rows) dealt into one lane per core."""
        produced = [0]
        lock = threading.Lock()
        costs = {key: [len(tokens) for tokens in batch] for key, batch in work.items()}

        def run(lane: list[Any]) -> None:
            for chunk in lane:
                batch = [work[chunk.key][index] for index in chunk.indices]
                results = self._translator(chunk.key[1], self.cores).translate_batch(
                    batch, max_batch_size=len(batch), **self._options(batch)
                )
                with lock:
                    produced[0] += sum(len(result.hypotheses[0]) for result in results)

        in_threads(plan_lanes(costs, self.cores, MAX_BATCH_EXAMPLES), run)
        return produced[0]
