"""Benchmark: ``adapt batch`` throughput, against raw CTranslate2 and argostranslate.

One run, on the Argos-sized packages of ``bench/mt_packages.py`` (built once into
``bench/.cache``):

* The batch: 210 statements (two sentences each, all different: 70 each in English,
  French and Spanish, one JSON Lines file per language) into the six languages, so five
  targets each, one line per statement (``max_lines=1``), on X. The ``adapt`` side runs
  ``run_batch`` (the use case of ``adapt batch``: reading, storing, the whole pipeline,
  the journal and the outputs, into a fresh SQLite database and folder each pass) with the
  default settings (chunks of 64 in one process). It prints statements/s, lines/s and
  translations/s (a line into one target language). The same batch also runs as ``adapt
  batch --workers N`` runs it, N the cores: one worker process per core, each with its own
  engine, started (and loading its models) in every pass, on chunks of ``adapt batch
  --workers``'s default size (32) or fewer, as many for each worker.
* Raw CTranslate2 (``bench/batch_raw.py``) replays exactly the MT work of the adapt side's
  first pass (recorded from the engine, pivots included) in the two configurations
  ``bench/mt.py`` found fastest, step by step and with every step at once (no barrier
  between a pivot's two steps); the fastest of the four is the reference. adapt's whole
  batch, in one process and with ``--workers``, is printed as a fraction of it (target: at
  least 90%).
* argostranslate's ``translate(line, source, target)`` per line, at beam 2 (equal beam)
  and at its default beam 4, on every tenth (line, target) of the same batch (the same
  masked texts adapt's engine saw; it pivots through English itself); adapt's
  translations/s against its.
* Scaling: the batch in two halves (every other statement of each file), on one worker
  process pinned to one core (one engine thread) one half after the other, then on two
  worker processes pinned to one core each, at once, as ``adapt batch --workers 2`` runs
  (target: at least 1.8x). The same chunks either way.

Each side is its own process, set up once; sides take turns for ``--rounds`` rounds
and medians are compared. The machine's speed drifts by several percent over minutes, so
adapt's fraction of raw is taken pass by pass: in each round adapt's two passes and the
raw passes run back to back (adapt first in even rounds, last in odd ones, the fastest raw
configuration next to them), and the median of the rounds' fractions is the figure (the
fraction of the medians is printed beside it). The load average after each round is
printed, and the share of the machine's CPU time the hypervisor stole during each pass
(on a virtual machine, steal slows a pass by about as much; a fraction from passes with
very different steal says little).

Run: ``.venv/bin/python bench/batch.py [--rounds 1]`` (about 10 minutes a round on 2 cores),
or ``.venv/bin/python bench/batch.py --ratio-only --rounds 5`` for adapt's fraction of raw
alone (about 2.5 minutes a round).
"""

import argparse
import functools
import json
import os
import shutil
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, ClassVar

from batch_corpus import CORPUS, HALVES, WORK, batch_pass, write_corpus
from mt import install_argostranslate
from mt_packages import FILES_DIR, PACKAGES_DIR, ensure_packages
from workers import Result, Worker, cpu_seconds, load_average, peak_rss_mib, serve

from service.settings import Settings

SAMPLE_EVERY = 10
RAW_TARGET, SCALING_TARGET = 0.90, 1.8
WORKERS = "adapt --workers"  # one worker process per core, started for each pass


def _workers_chunk() -> int:
    """``adapt batch --workers``'s default chunk size (imported here: the raw and
    argostranslate workers never load the batch use case)."""
    from service.workflow.batch import SHARED_CHUNK_SIZE

    return SHARED_CHUNK_SIZE


# The adapt side ---------------------------------------------------------------------------


def _engine(settings: Settings, record: bool) -> Any:
    from service.engines.argos import ArgosEngine

    class RecordingEngine(ArgosEngine):
        """The engine, writing down each step's work (the distinct texts of each model)."""

        steps: ClassVar[list[dict[str, list[str]]]] = []
        requests: ClassVar[list[tuple[str, str, str]]] = []

        def translate_batches(self, batches: Any) -> Any:
            if record:
                for batch in batches:
                    self.requests.extend(
                        (batch.source.value, batch.target.value, text) for text in batch.texts
                    )
            return super().translate_batches(batches)

        def _run_step(self, work: Any) -> Any:
            if record:
                self.steps.append(
                    {f"{source}_{target}": list(texts) for (source, target), texts in work.items()}
                )
            return super()._run_step(work)

    return RecordingEngine.from_settings(settings)


def serve_adapt(corpora: list[Path], pin: int | None, record: bool) -> None:
    if pin is not None:
        os.sched_setaffinity(0, {pin})
    settings = Settings(
        packages_dir=PACKAGES_DIR, inter_threads=1 if pin is not None else 0, _env_file=None
    )
    engine = _engine(settings, record)

    def run(corpus: Path = corpora[0], workers: int = 1) -> Result:
        summary, seconds, cpu = batch_pass(engine, corpus, workers)
        return {
            "seconds": seconds,
            "cpu_seconds": cpu,
            "statements": summary.statements,
            "lines": summary.lines,
            "translations": summary.renditions.get("mt", 0),
        }

    cold = run()
    if record:
        WORK.write_text(
            json.dumps({"steps": engine.steps, "requests": engine.requests}), encoding="utf-8"
        )
    cores = len(os.sched_getaffinity(0))
    commands: dict[str, Callable[[], Result]] = {
        "pass": run,
        "pass workers": functools.partial(run, workers=cores),
    }
    commands |= {f"pass {n}": functools.partial(run, corpus) for n, corpus in enumerate(corpora)}
    serve(lambda: cold, commands)


# The baselines ----------------------------------------------------------------------------


def _work() -> dict[str, Any]:
    work: dict[str, Any] = json.loads(WORK.read_text(encoding="utf-8"))
    return work


def serve_raw() -> None:
    from batch_raw import RawBatch

    from service.engines.argos import default_threads

    settings = Settings(packages_dir=PACKAGES_DIR, _env_file=None)
    raw = RawBatch(
        PACKAGES_DIR,
        _work()["steps"],
        settings.beam_size,
        settings.inter_threads or default_threads(),
    )

    def timed(configuration: Any) -> Result:
        started, cpu = time.perf_counter(), cpu_seconds()
        configuration()
        return {"seconds": time.perf_counter() - started, "cpu_seconds": cpu_seconds() - cpu}

    commands = {
        name: (lambda c=configuration: timed(c)) for name, configuration in raw.passes().items()
    }
    serve(
        lambda: {"configurations": list(commands), "model_translations": raw.translations}, commands
    )


def serve_argostranslate() -> None:
    requests = [tuple(item) for item in _work()["requests"]][::SAMPLE_EVERY]
    pairs = {f"{source}_en" for source, _, _ in requests if source != "en"}
    pairs |= {f"en_{target}" for _, target, _ in requests if target != "en"}
    home = install_argostranslate(
        [FILES_DIR / f"translate-{pair}.argosmodel" for pair in sorted(pairs)]
    )
    try:
        import argostranslate.settings
        import argostranslate.translate

        def run() -> Result:
            started, cpu = time.perf_counter(), cpu_seconds()
            for source, target, text in requests:
                argostranslate.translate.translate(text, source, target)
            seconds = time.perf_counter() - started
            return {
                "seconds": seconds,
                "cpu_seconds": cpu_seconds() - cpu,
                "translations": len(requests),
            }

        run()  # cold: models load
        serve(lambda: {"beam_size": argostranslate.settings.beam_size}, {"pass": run})
    finally:
        shutil.rmtree(home, ignore_errors=True)


# The run ----------------------------------------------------------------------------------


def _script(*arguments: str, environment: dict[str, str] | None = None) -> Worker:
    return Worker(Path(__file__), *arguments, environment=environment or {})


def _at_once(workers: Sequence[Worker]) -> Result:
    """One pass on every worker at the same time; the wall time is the slowest one's."""
    started = time.perf_counter()
    for worker in workers:
        worker.send("pass")
    answers = [worker.receive() for worker in workers]
    return {
        "seconds": time.perf_counter() - started,
        "statements": sum(a["statements"] for a in answers),
    }


def measure(rounds: int, ratio_only: bool) -> None:
    """The rounds; with ``ratio_only``, adapt's passes and raw's only (shorter rounds, so
    more of them fit in the same time: the ratio is what drifts most)."""
    adapt = _script("--worker", "adapt", "--corpus", str(CORPUS), "--record")
    cold = adapt.ready
    raw = _script("--worker", "raw")
    others: dict[str, Worker] = {}
    if not ratio_only:
        for beam in ("2", "4"):
            environment = {"ARGOS_BEAM_SIZE": beam}
            others[beam] = _script("--worker", "argostranslate", environment=environment)
        cores = sorted(os.sched_getaffinity(0))
        # Worker A (core 0) can run either half; worker B (core 1) runs the second one.
        halves = [str(half) for half in HALVES]
        others["A"] = _script("--worker", "adapt", "--corpus", *halves, "--pin", str(cores[0]))
        others["B"] = _script("--worker", "adapt", "--corpus", halves[1], "--pin", str(cores[-1]))
    results: dict[str, list[Result]] = {}
    loads = [load_average()]
    configurations = raw.ready["configurations"]
    adapt_passes = [("adapt", "pass"), (WORKERS, "pass workers")]
    for number in range(rounds):
        # adapt and raw take turns going first; the last configuration (all steps in lanes,
        # the fastest so far) runs right next to adapt's passes either way.
        if number % 2 == 0:
            for name, command in adapt_passes:
                results.setdefault(name, []).append(adapt.ask(command))
        for name in configurations[::-1] if number % 2 == 0 else configurations:
            results.setdefault(f"raw {name}", []).append(raw.ask(name))
        if number % 2 == 1:
            for name, command in adapt_passes[::-1]:
                results.setdefault(name, []).append(adapt.ask(command))
        if others:
            _other_passes(others, results)
        loads.append(load_average())
    peaks = {"adapt": adapt.close()["peak_rss_mib"], "raw": raw.close()["peak_rss_mib"]}
    for worker in others.values():
        worker.close()
    report(cold, raw.ready["model_translations"], results, loads, peaks)


def _other_passes(workers: dict[str, Worker], results: dict[str, list[Result]]) -> None:
    """argostranslate at both beams, and the scaling passes, once each."""
    for beam in ("2", "4"):
        results.setdefault(f"argostranslate beam {beam}", []).append(workers[beam].ask("pass"))
    first, second = workers["A"], workers["B"]
    halves = [first.ask("pass 0"), first.ask("pass 1")]  # one worker: a half, then the other
    seconds = sum(half["seconds"] for half in halves)
    results.setdefault("1 worker on 1 core", []).append({"seconds": seconds})
    results.setdefault("2 workers on 1 core each", []).append(_at_once([first, second]))


def _median(results: list[Result], key: str = "seconds") -> float:
    return float(statistics.median(result[key] for result in results))


def report(
    cold: Result,
    model_translations: int,
    results: dict[str, list[Result]],
    loads: list[float],
    peaks: dict[str, float],
) -> None:
    seconds = _median(results["adapt"])
    statements, lines, translations = cold["statements"], cold["lines"], cold["translations"]
    print(
        f"\n{statements} statements (en, fr, es) into the six languages, {lines} lines, "
        f"{translations} translations ({model_translations} model translations with the English "
        f"pivots), base-size int8 models, {os.cpu_count()} CPU cores, "
        f"{len(results['adapt'])} round(s)"
    )
    print(
        "load average (1 min) before and after each round: " + " ".join(f"{v:.1f}" for v in loads)
    )
    print(
        f"adapt batch: {statements / seconds:.1f} statements/s, {lines / seconds:.1f} lines/s, "
        f"{translations / seconds:.1f} translations/s ({seconds:.1f} s a pass, CPU "
        f"{_median(results['adapt'], 'cpu_seconds'):.1f} s; "
        f"cold first pass {cold['seconds']:.1f} s)"
    )
    raw = {name: _median(runs) for name, runs in results.items() if name.startswith("raw ")}
    best = min(raw, key=raw.__getitem__)
    print(
        "raw CTranslate2 on the same MT work: "
        + ", ".join(f"{name} {value:.1f} s" for name, value in raw.items())
    )
    workers = _median(results[WORKERS])
    print(
        f"adapt batch --workers {len(os.sched_getaffinity(0))} (one worker process per core, "
        f"each with its engine, started and loading its models in every pass; chunks of "
        f"{_workers_chunk()} or fewer, as many for each): {workers:.1f} s a pass, "
        f"{statements / workers:.1f} statements/s"
    )
    for name, label in (("adapt", "adapt's whole batch"), (WORKERS, "adapt --workers")):
        paired = [
            theirs["seconds"] / ours["seconds"]
            for theirs, ours in zip(results[best], results[name], strict=True)
        ]
        fraction = statistics.median(paired)
        print(
            f"{label} against the best raw configuration ({best}), pass by pass in the same "
            "round: "
            + ", ".join(f"{value:.1%}" for value in paired)
            + f"; median {fraction:.1%} ({raw[best] / _median(results[name]):.1%} from the "
            f"medians), {'meets' if fraction >= RAW_TARGET else 'MISSES'} the "
            f"{RAW_TARGET:.0%} target"
        )
    print(
        "CPU time stolen by the hypervisor during each pass (adapt / adapt --workers / raw): "
        + ", ".join(
            f"{ours['steal']:.1%} / {pool['steal']:.1%} / {theirs['steal']:.1%}"
            for theirs, ours, pool in zip(
                results[best], results["adapt"], results[WORKERS], strict=True
            )
        )
    )
    if "argostranslate beam 2" in results:
        _report_others(translations / seconds, results)
    print(
        "peak RSS: "
        + ", ".join(f"{name} {peak:.0f} MiB" for name, peak in peaks.items())
        + f"; this process {peak_rss_mib():.0f} MiB"
    )


def _report_others(rate: float, results: dict[str, list[Result]]) -> None:
    for beam in ("2", "4"):
        runs = results[f"argostranslate beam {beam}"]
        theirs = runs[0]["translations"] / _median(runs)
        print(
            f"argostranslate translate() per line at beam {beam}: {theirs:.1f} translations/s; "
            f"adapt {rate / theirs:.1f}x"
        )
    scaling = _median(results["1 worker on 1 core"]) / _median(results["2 workers on 1 core each"])
    print(
        f"scaling from 1 to 2 workers pinned to one core each: {scaling:.2f}x "
        f"({'meets' if scaling >= SCALING_TARGET else 'MISSES'} the {SCALING_TARGET}x target)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=1, help="interleaved rounds")
    parser.add_argument(
        "--ratio-only",
        action="store_true",
        help="only adapt's and raw's passes: no argostranslate, no scaling",
    )
    parser.add_argument("--worker", choices=["adapt", "raw", "argostranslate"])
    parser.add_argument("--corpus", type=Path, nargs="+")
    parser.add_argument("--pin", type=int)
    parser.add_argument("--record", action="store_true")
    arguments = parser.parse_args()
    if arguments.worker == "adapt":
        serve_adapt(arguments.corpus, arguments.pin, arguments.record)
    elif arguments.worker == "raw":
        serve_raw()
    elif arguments.worker == "argostranslate":
        serve_argostranslate()
    else:
        ensure_packages(False)
        write_corpus()
        measure(max(1, arguments.rounds), arguments.ratio_only)


if __name__ == "__main__":
    main()
