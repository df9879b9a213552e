"""Benchmark: the inline batch runner with and without its overlap, alternately, one process.

``bench/batch.py`` compares the whole batch with raw CTranslate2 measured minutes apart;
on a machine whose speed drifts, that ratio moves by several percent from run to run.
This isolates what the overlap buys: the same batch (``bench/batch_corpus.py``: 210
statements into the six languages, chunks of 64, as ``bench/batch.py`` runs it) through
``run_batch`` with one warm engine, alternating the inline runner with ``overlap`` (a chunk
finished and stored in a second thread while the engine drafts the next) and without (one
chunk after the other), into a fresh SQLite database each pass. It prints each pass, the
medians, their CPU seconds and the ratio.

Run: ``.venv/bin/python bench/batch_overlap.py [--rounds 3]`` (about a minute and a half a
round on 2 cores).
"""

import argparse
import os
import statistics
from collections.abc import Callable

from batch_corpus import batch_pass, write_corpus
from mt_packages import PACKAGES_DIR, ensure_packages

from service.engines.argos import ArgosEngine
from service.settings import Settings
from service.workflow import batch as batch_module
from service.workflow.batch_runners import InlineRunner


def _inline(overlap: bool) -> Callable[..., InlineRunner]:
    """A stand-in for ``chunk_runner``: the inline runner, with or without overlap."""
    return lambda workspace, *_: InlineRunner(workspace, overlap=overlap)


def one_pass(engine: ArgosEngine, overlap: bool) -> tuple[float, float]:
    """Wall and CPU seconds of one batch with the inline runner, with or without overlap."""
    original = batch_module.chunk_runner  # type: ignore[attr-defined]
    batch_module.chunk_runner = _inline(overlap)  # type: ignore[attr-defined]
    try:
        _, seconds, cpu = batch_pass(engine)
        return seconds, cpu
    finally:
        batch_module.chunk_runner = original  # type: ignore[attr-defined]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    rounds = parser.parse_args().rounds
    ensure_packages(rebuild=False)
    write_corpus()
    engine = ArgosEngine.from_settings(Settings(packages_dir=PACKAGES_DIR, _env_file=None))
    one_pass(engine, overlap=False)  # models load
    passes: dict[str, list[tuple[float, float]]] = {"without overlap": [], "with overlap": []}
    for _ in range(rounds):
        for name, overlap in (("without overlap", False), ("with overlap", True)):
            passes[name].append(one_pass(engine, overlap))
            wall, cpu = passes[name][-1]
            load = os.getloadavg()[0]
            print(f"  {name}: {wall:.1f} s, CPU {cpu:.1f} s (load {load:.1f})", flush=True)
    medians = {name: statistics.median(wall for wall, _ in runs) for name, runs in passes.items()}
    for name, runs in passes.items():
        cpu = statistics.median(cpu for _, cpu in runs)
        print(f"{name}: median {medians[name]:.1f} s a pass, CPU {cpu:.1f} s")
    ratio = medians["without overlap"] / medians["with overlap"]
    print(f"the overlap makes a pass {ratio:.3f}x as fast ({rounds} round(s))")


if __name__ == "__main__":
    main()
