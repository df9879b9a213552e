"""Benchmark: the inline batch runner with and without its overlap, alternately, one process.

``bench/batch.py`` compares the whole batch with raw CTranslate2 measured minutes apart;
on a machine whose speed drifts, that ratio moves by several percent from run to run.
This isolates what the overlap buys: the same batch (``bench/batch_corpus.py``: 210
statements into the six languages, chunks of 64, as ``bench/batch.py`` runs it) through
``run_batch`` with one warm engine, alternating the inline runner without overlap (one chunk
after the other), with one chunk drafted ahead (a chunk finished and stored while the
engine drafts the next) and with two (the chunk after that read and masked meanwhile, its
MT waiting its turn: ``service/workflow/batch_turns.py``, so the engine goes straight from
one chunk's MT to the next), into a fresh SQLite database each pass. It
prints each pass (with the load and the share of CPU time the hypervisor stole), the
medians, their CPU seconds and the ratios.

Run: ``.venv/bin/python bench/batch_overlap.py [--rounds 3]`` (about a minute and a
quarter a round on 2 cores).
"""

import argparse
import os
import statistics
from collections.abc import Callable

from batch_corpus import batch_pass, write_corpus
from mt_packages import PACKAGES_DIR, ensure_packages
from workers import machine_ticks, steal_share

from service.engines.argos import ArgosEngine
from service.settings import Settings
from service.workflow import batch as batch_module
from service.workflow.batch_runners import InlineRunner


def _inline(ahead: int) -> Callable[..., InlineRunner]:
    """A stand-in for ``chunk_runner``: the inline runner drafting ``ahead`` chunks ahead."""
    return lambda workspace, *_: InlineRunner(workspace, ahead=ahead)


def one_pass(engine: ArgosEngine, ahead: int) -> tuple[float, float]:
    """Wall and CPU seconds of one batch with the inline runner, ``ahead`` chunks ahead."""
    original = batch_module.chunk_runner  # type: ignore[attr-defined]
    batch_module.chunk_runner = _inline(ahead)  # type: ignore[attr-defined]
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
    one_pass(engine, ahead=0)  # models load
    depths = {"without overlap": 0, "one chunk ahead": 1, "two chunks ahead": 2}
    passes: dict[str, list[tuple[float, float]]] = {name: [] for name in depths}
    for _ in range(rounds):
        for name, ahead in depths.items():
            ticks = machine_ticks()
            passes[name].append(one_pass(engine, ahead))
            wall, cpu = passes[name][-1]
            load, steal = os.getloadavg()[0], steal_share(ticks, machine_ticks())
            print(
                f"  {name}: {wall:.1f} s, CPU {cpu:.1f} s (load {load:.1f}, steal {steal:.1%})",
                flush=True,
            )
    medians = {name: statistics.median(wall for wall, _ in runs) for name, runs in passes.items()}
    for name, runs in passes.items():
        cpu = statistics.median(cpu for _, cpu in runs)
        print(f"{name}: median {medians[name]:.1f} s a pass, CPU {cpu:.1f} s")
    for name in list(depths)[1:]:
        ratio = medians["without overlap"] / medians[name]
        print(f"{name} makes a pass {ratio:.3f}x as fast ({rounds} round(s))")


if __name__ == "__main__":
    main()
