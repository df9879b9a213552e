"""Benchmark: where a batch pass's time goes, around its engine calls.

``bench/batch.py`` compares the whole batch with raw CTranslate2, and
``bench/batch_engine.py`` the engine alone with raw; this shows what lies between. The
same batch (``bench/batch_corpus.py``: 210 statements into the six languages, as
``bench/batch.py`` runs it) through ``run_batch`` with one warm engine whose
``translate_batches`` calls are timed:

* each pass's timeline: the time before the first engine call (reading, storing, the first
  chunk's drafting), each call, the time between calls (where the engine waits for the
  pipeline), and after the last (finishing the last chunk, the outputs); the share of the
  pass spent inside the engine is the ratio printed;
* the pipeline alone: the same batch with every translation answered at once from what the
  engine gave in the timed passes, with the chunks one after the other (no overlap), so
  that its wall and CPU seconds are the pipeline's work around the engine (the checks, the
  memory, the store, the outputs); on two cores about half of it adds to a pass, since it
  shares the cores with the engine's lanes.

Run: ``.venv/bin/python bench/batch_timeline.py [--rounds 3]`` (about a minute a round on 2
cores).
"""

import argparse
import itertools
import statistics
import time
from collections.abc import Sequence
from typing import Any

from batch_corpus import batch_pass, write_corpus
from batch_overlap import one_pass
from mt_packages import PACKAGES_DIR, ensure_packages

from service.engines.argos import ArgosEngine
from service.engines.base import BatchResult, EngineOutput, PairBatch
from service.languages import Language
from service.settings import Settings

Key = tuple[Language, Language, str]


class TimedEngine(ArgosEngine):
    """The engine, timing each ``translate_batches`` call and keeping what it gave; with
    ``replay`` set, it answers from what it kept instead, at once."""

    def __init__(self, *args: Any, **options: Any) -> None:
        super().__init__(*args, **options)
        self.calls: list[tuple[float, float]] = []
        self.kept: dict[Key, EngineOutput] = {}
        self.replay = False

    def translate_batches(self, batches: Sequence[PairBatch]) -> list[BatchResult]:
        if self.replay:
            return [[self.kept[b.source, b.target, text] for text in b.texts] for b in batches]
        started = time.perf_counter()
        results = super().translate_batches(batches)
        self.calls.append((started, time.perf_counter()))
        for batch, result in zip(batches, results, strict=True):
            if isinstance(result, list):
                keys = [(batch.source, batch.target, text) for text in batch.texts]
                self.kept.update(zip(keys, result, strict=True))
        return results


def timeline(engine: TimedEngine) -> dict[str, float]:
    """One pass: its wall seconds, in the engine, before, between and after the calls."""
    engine.calls.clear()
    started = time.perf_counter()
    batch_pass(engine)
    ended = time.perf_counter()
    calls = engine.calls
    between = [after[0] - before[1] for before, after in itertools.pairwise(calls)]
    inside = sum(end - start for start, end in calls)
    figures = {
        "pass": ended - started,
        "engine": inside,
        "before": calls[0][0] - started,
        "between": sum(between),
        "after": ended - calls[-1][1],
    }
    print(
        f"  {figures['pass']:.2f} s: before {figures['before']:.2f} | "
        + " | ".join(
            f"engine {end - start:.2f}" + (f", then {gap:.2f}" if n < len(between) else "")
            for n, ((start, end), gap) in enumerate(zip(calls, [*between, 0.0], strict=True))
        )
        + f" | after {figures['after']:.2f}",
        flush=True,
    )
    return figures


def pipeline_alone(engine: TimedEngine) -> tuple[float, float]:
    """Wall and CPU seconds of a pass with the translations replayed, one chunk at a time."""
    engine.replay = True
    try:
        return one_pass(engine, ahead=0)
    finally:
        engine.replay = False


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    rounds = max(1, parser.parse_args().rounds)
    ensure_packages(rebuild=False)
    write_corpus()
    engine = TimedEngine.from_settings(Settings(packages_dir=PACKAGES_DIR, _env_file=None))
    batch_pass(engine)  # models load; every translation kept for the replay
    passes, alone = [], []
    for _ in range(rounds):
        passes.append(timeline(engine))
        alone.append(pipeline_alone(engine))
    median = {key: statistics.median(p[key] for p in passes) for key in passes[0]}
    wall = statistics.median(seconds for seconds, _ in alone)
    cpu = statistics.median(cpu for _, cpu in alone)
    print(
        f"medians of {rounds} pass(es): {median['pass']:.2f} s a pass, {median['engine']:.2f} s "
        f"in the engine's calls; outside them {median['before']:.2f} s before the first, "
        f"{median['between']:.2f} s between, {median['after']:.2f} s after the last"
    )
    print(f"the pipeline alone (translations replayed): {wall:.2f} s a pass, CPU {cpu:.2f} s")
    print(f"share of a pass inside the engine's calls: {median['engine'] / median['pass']:.1%}")


if __name__ == "__main__":
    main()
