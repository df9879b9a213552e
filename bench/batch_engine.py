"""Benchmark: adapt's engine alone against raw CTranslate2, on a batch's recorded MT work.

``bench/batch.py`` compares the whole batch (reading, storing, the pipeline, the outputs)
with raw CTranslate2. This splits the gap in two: it replays the MT work that batch
recorded (``bench/.cache/batch/work.json``, written by ``bench/batch.py``'s first pass)
through adapt's engine, step by step as the batch ran it (``ArgosEngine._run_step``:
tokenizing, the lanes, detokenizing), and through raw CTranslate2 in lanes
(``bench/batch_raw.py``: pre-tokenized, nothing decoded), alternately in one process, and
prints the median of each and their ratio. What the whole batch spends beyond the
engine is the pipeline around it.

Run: ``.venv/bin/python bench/batch.py`` once, then ``.venv/bin/python
bench/batch_engine.py [--rounds 3]`` (about a minute a round on 2 cores).
"""

import argparse
import json
import statistics
import time

from batch_corpus import WORK
from batch_raw import RawBatch
from mt_packages import PACKAGES_DIR
from workers import load_average

from service.engines.argos import ArgosEngine
from service.languages import Language
from service.settings import Settings


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    rounds = parser.parse_args().rounds
    if not WORK.exists():
        raise SystemExit(f"{WORK} is missing: run bench/batch.py first")
    recorded = json.loads(WORK.read_text(encoding="utf-8"))["steps"]
    engine = ArgosEngine.from_settings(Settings(packages_dir=PACKAGES_DIR, _env_file=None))
    steps = [
        {tuple(Language(code) for code in pair.split("_")): texts for pair, texts in step.items()}
        for step in recorded
    ]
    raw = RawBatch(PACKAGES_DIR, recorded, engine.beam_size, engine.inter_threads)

    def replay() -> None:
        for step in steps:
            engine._run_step(step)  # type: ignore[arg-type]

    replay()  # models load
    seconds: dict[str, list[float]] = {"adapt engine": [], "raw lanes": []}
    loads = [load_average()]
    for _ in range(rounds):
        for name, run in (("adapt engine", replay), ("raw lanes", raw.lanes)):
            started = time.perf_counter()
            run()
            seconds[name].append(time.perf_counter() - started)
        loads.append(load_average())
    medians = {name: statistics.median(values) for name, values in seconds.items()}
    print(
        f"{raw.translations} model translations, {rounds} round(s), load average "
        + " ".join(f"{v:.1f}" for v in loads)
    )
    for name, value in medians.items():
        print(f"  {name}: {value:.1f} s")
    print(f"adapt's engine is {medians['raw lanes'] / medians['adapt engine']:.1%} of raw lanes")


if __name__ == "__main__":
    main()
