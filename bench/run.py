"""Benchmark: where the time of an ``adapt run`` goes, stage by stage, cold and warm.

The run: ``adapt run examples/statement.md --to fr,es,ru,zh,ar --platform x --max-lines 5
--json`` (five posts into five languages) with the bench's Argos-sized copy packages
(``bench/mt_packages.py``), an SQLite memory and the bundled glossary and locales.

* cold: the CLI in a fresh process, sampled from before its first import, with the
  serialized spaCy tokenizers already in the cache (every run after the first on a
  machine);
* baseline: the same with an empty spaCy cache, so every spaCy pipeline is built from
  scratch (the first run on a machine, and every run before the cache existed);
* warm: a second statement in the same process (``adapt_statement`` on a workspace that
  has run once: models loaded, pipelines built), as in ``--jsonl`` mode or a server.

The memory's database exists already (``bench/.cache/run-data``), as it does after a
first run. A sampler attributes the time to the stage modules (``bench/stages.py``);
model loading happens in the engine's lane threads and so counts as MT. Baseline, cold
and warm processes alternate for ``--rounds`` rounds; the bench prints the median of
each stage, the load average, the time outside MT and model loading against the 0.5 s
target, and the ratio of that time, baseline over cold.

Run: ``.venv/bin/python bench/run.py [--rounds 3]``.
"""

import argparse
import contextlib
import io
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from mt_packages import PACKAGES_DIR, REPOSITORY, ensure_packages
from stages import MT_STAGES, NOT_PIPELINE, ORDER, StageSampler
from workers import Result, Worker, load_average, serve

STATEMENT_FILE = REPOSITORY / "examples" / "statement.md"
TARGETS = "fr,es,ru,zh,ar"
ARGUMENTS = ["run", str(STATEMENT_FILE), "--to", TARGETS, "--platform", "x", "--max-lines", "5"]
SPACY_CACHE = REPOSITORY / "bench" / ".cache" / "spacy"
HOME = REPOSITORY / "bench" / ".cache" / "run-data"
TARGET_SECONDS = 0.5
ROUNDS = 3


def _sampled(run: Callable[[], object]) -> Result:
    started = time.perf_counter()
    with StageSampler() as sampler:
        run()
    return {"wall": time.perf_counter() - started, "stages": sampler.result()}


def _cli_run() -> None:
    from service.cli import run

    with contextlib.redirect_stdout(io.StringIO()):
        code = run([*ARGUMENTS, "--json"])
    assert code == 0, f"adapt run failed with exit code {code}"


def serve_cold() -> None:
    serve(lambda: _sampled(_cli_run), {})


def serve_warm() -> None:
    from service.languages import Language
    from service.settings import Settings
    from service.workflow.adapt import adapt_statement
    from service.workflow.workspace import Workspace

    text = STATEMENT_FILE.read_text(encoding="utf-8")
    targets = [Language(code) for code in TARGETS.split(",")]
    with Workspace(Settings()) as workspace:

        def run() -> object:
            return adapt_statement(workspace, text, targets, "x", max_lines=5)

        run()
        serve(lambda: _sampled(run), {})


def _one(kind: str, spacy_cache: Path) -> Result:
    """One fresh process of ``kind``."""
    environment = {
        "ADAPT_PACKAGES_DIR": str(PACKAGES_DIR),
        "ADAPT_DATA_DIR": str(HOME),  # the memory's database exists after the first run
        "ADAPT_DATABASE_URL": "",
        "ADAPT_CACHE_DIR": str(spacy_cache),
    }
    worker = Worker(Path(__file__), "--worker", kind, environment=environment)
    worker.close()
    return worker.ready


def measure(rounds: int) -> None:
    loads = [load_average()]
    _one("cold", SPACY_CACHE)  # creates the database and fills the spaCy cache, if need be
    runs: dict[str, list[Result]] = {"cold": [], "baseline": [], "warm": []}
    for _ in range(rounds):
        empty = Path(tempfile.mkdtemp(prefix="adapt-spacy-cache-"))
        try:
            runs["baseline"].append(_one("cold", empty))
        finally:
            shutil.rmtree(empty, ignore_errors=True)
        runs["cold"].append(_one("cold", SPACY_CACHE))
        runs["warm"].append(_one("warm", SPACY_CACHE))
        loads.append(load_average())
    report(runs, loads)


def _median_stages(results: list[Result]) -> dict[str, float]:
    return {
        stage: statistics.median(result["stages"][stage] for result in results)
        for stage in [*ORDER, NOT_PIPELINE]
    }


def _outside_mt(stages: dict[str, float]) -> float:
    return sum(seconds for stage, seconds in stages.items() if stage not in MT_STAGES)


def report(runs: dict[str, list[Result]], loads: list[float]) -> None:
    columns = ["cold", "warm", "baseline"]
    medians = {name: _median_stages(runs[name]) for name in columns}
    print(
        f"\nadapt run {STATEMENT_FILE.relative_to(REPOSITORY)} --to {TARGETS} --platform x "
        f"--max-lines 5: median of {len(runs['cold'])} rounds, seconds (wall, sampled)"
    )
    print(
        "load average (1 min) before and after each round: " + " ".join(f"{v:.1f}" for v in loads)
    )
    print(f"\n{'stage':54}{'cold':>8}{'warm':>8}{'baseline':>10}")
    for stage in [*ORDER, NOT_PIPELINE]:
        print(
            f"  {stage:52}"
            + "".join(f"{medians[name][stage]:>8.3f}" for name in columns[:2])
            + f"{medians['baseline'][stage]:>10.3f}"
        )
    outside = {name: _outside_mt(medians[name]) for name in columns}
    stages_only = {name: outside[name] - medians[name][NOT_PIPELINE] for name in columns}
    print(
        f"  {'outside MT and model loading':52}"
        + "".join(f"{outside[n]:>8.3f}" for n in columns[:2])
        + f"{outside['baseline']:>10.3f}"
    )
    print(
        f"  {'  of which pipeline stages':52}"
        + "".join(f"{stages_only[n]:>8.3f}" for n in columns[:2])
        + f"{stages_only['baseline']:>10.3f}"
    )
    walls = {name: statistics.median(result["wall"] for result in runs[name]) for name in columns}
    print("\nwall: " + ", ".join(f"{name} {seconds:.2f} s" for name, seconds in walls.items()))
    for name in ("cold", "warm"):
        verdict = "meets" if stages_only[name] < TARGET_SECONDS else "MISSES"
        print(
            f"{name}: pipeline stages outside MT and model loading {stages_only[name]:.2f} s "
            f"({verdict} the {TARGET_SECONDS} s target); with start-up {outside[name]:.2f} s"
        )
    print(
        f"ratio: a cold run spends {outside['baseline'] / outside['cold']:.1f}x less time outside "
        "MT and model loading with the serialized spaCy tokenizers than building them"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument("--worker", choices=["cold", "warm"])
    arguments = parser.parse_args()
    if arguments.worker is None:
        ensure_packages(rebuild=False)
        measure(arguments.rounds)
        return
    {"cold": serve_cold, "warm": serve_warm}[arguments.worker]()


if __name__ == "__main__":
    main()
