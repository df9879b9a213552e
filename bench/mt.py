"""Benchmark: adapt's Argos engine against raw CTranslate2 and against argostranslate.

What it does, in one run (packages: ``bench/mt_packages.py``, built once into
``bench/.cache``):

1. Speed. A 24-line English statement into fr, es, ru, zh and ar (120 lines), by four
   sides, each in its own process with its models loaded once:
   * adapt: ``ArgosEngine.translate_batches`` over the five pairs, the one call the
     translate stage makes, with the default settings (beam 2, ``intra_threads=1``,
     ``inter_threads`` = cores, ``max_loaded_pairs`` 5);
   * raw CTranslate2 at the same beam, in every configuration of ``bench/mt_raw.py``
     (pre-tokenized lines, no decoding): the fastest is the physical limit;
   * argostranslate's own ``translate(line, "en", x)`` per line, at beam 2 (equal beam)
     and at its default, beam 4 (``ARGOS_BEAM_SIZE``), the packages installed with
     ``argostranslate.package.install_from_path`` into a temporary
     ``ARGOS_PACKAGES_DIR``. argostranslate splits sentences with MiniSBD, which would
     download a model; the bench replaces its splitter with "the whole line is one
     sentence" (every line is one sentence). That only removes work from the baseline.
   Each side's first pass (models loading) is reported as cold. Then the sides take
   turns, for ``--rounds`` rounds (at least 5; adapt and raw run three passes a round,
   argostranslate, ten times slower, one), so all sides see the same load; the bench
   prints each side's median lines/s and CPU seconds per pass, the load average after
   each round, adapt as a fraction of the best raw configuration (target: at least 95%),
   the ratios against argostranslate, and each process's peak RSS.
2. Memory. A fresh process serves all 30 directed pairs from the ten en<->x packages (20
   of them through English), one ``translate_batches`` call per source language as the
   stage makes it, for a few bounds on loaded pairs, and prints its peak RSS (target:
   under 1 GiB).

Run: ``.venv/bin/python bench/mt.py [--rounds 5] [--rebuild]``.
"""

import argparse
import functools
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from mt_packages import FILES_DIR, PACKAGES_DIR, STATEMENT, TARGETS, count_tokens, ensure_packages
from workers import (
    Result,
    Worker,
    cpu_seconds,
    interleave,
    median_seconds,
    peak_rss_mib,
    serve,
)

from service.settings import Settings

ROUNDS = 5
FAST_REPEATS = 3
LOADED_PAIRS_BOUNDS = [4, 5, 10]  # one too few for a statement, the default, all ten
ADAPT_TARGET = 0.95
LINES = len(STATEMENT) * len(TARGETS)


def timed(run: Callable[[], list[str]]) -> Result:
    """One pass of ``run``, which returns every output text: they must be the statement's."""
    started, cpu = time.perf_counter(), cpu_seconds()
    texts = run()
    seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    assert texts == STATEMENT * len(TARGETS), "a copy model must give its input back"
    return {"seconds": seconds, "cpu_seconds": cpu, "tokens": count_tokens(texts, PACKAGES_DIR)}


def serve_adapt() -> None:
    from service.engines.argos import ArgosEngine
    from service.engines.base import PairBatch
    from service.errors import AdaptError
    from service.languages import Language

    engine = ArgosEngine.from_settings(_bench_settings())
    batches = [PairBatch(Language.EN, Language(target), STATEMENT) for target in TARGETS]

    def run() -> list[str]:
        texts: list[str] = []
        for result in engine.translate_batches(batches):
            assert not isinstance(result, AdaptError), result
            texts.extend(output.text for output in result)
        return texts

    cold = timed(run)
    serve(lambda: {**cold, "beam_size": engine.beam_size}, {"pass": lambda: timed(run)})


def _bench_settings() -> Settings:
    return Settings(packages_dir=PACKAGES_DIR, _env_file=None)


def serve_raw() -> None:
    import sentencepiece
    from mt_raw import RawConfigurations

    from service.engines.argos import default_threads

    settings = _bench_settings()
    tokenizer = sentencepiece.SentencePieceProcessor(
        model_file=str(PACKAGES_DIR / "translate-en_fr" / "sentencepiece.model")
    )
    sources = tokenizer.encode(STATEMENT, out_type=str)
    raw = RawConfigurations(
        [PACKAGES_DIR / f"translate-en_{target}" / "model" for target in TARGETS],
        sources,
        settings.beam_size,
        settings.inter_threads or default_threads(),
    )
    commands: dict[str, Callable[[], Result]] = {}
    for name, configuration in raw.passes().items():

        def run(configuration: Callable[[], list[list[list[str]]]] = configuration) -> Result:
            started, cpu = time.perf_counter(), cpu_seconds()
            outputs = configuration()
            seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
            assert outputs == [sources] * len(TARGETS), "a copy model must give its input back"
            tokens = sum(map(len, sources)) * len(TARGETS)
            return {"seconds": seconds, "cpu_seconds": cpu, "tokens": tokens}

        run()  # warm: each configuration's translators have run once
        commands[name] = run
    serve(lambda: {"configurations": list(commands)}, commands)


def install_argostranslate(package_files: list[Path]) -> Path:
    """Install the packages for argostranslate in a fresh temporary home; return the home.

    MiniSBD would download its model: the bench's lines are one sentence each, so its
    splitter is replaced by "the whole line is one sentence" (only less work for it).
    """
    home = Path(tempfile.mkdtemp(prefix="argos-bench-"))
    for name, folder in [
        ("XDG_DATA_HOME", "data"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_CONFIG_HOME", "config"),
        ("ARGOS_PACKAGES_DIR", "packages"),
    ]:
        os.environ[name] = str(home / folder)
    os.environ["ARGOS_DEVICE_TYPE"] = "cpu"
    import argostranslate.package
    import argostranslate.sbd

    for path in package_files:
        argostranslate.package.install_from_path(path)
    argostranslate.sbd.MiniSBDSentencizer.split_sentences = lambda self, text: [text]
    return home


def serve_argostranslate() -> None:
    home = install_argostranslate(
        [FILES_DIR / f"translate-en_{target}.argosmodel" for target in TARGETS]
    )
    try:
        import argostranslate.settings
        import argostranslate.translate

        def run() -> list[str]:
            return [
                argostranslate.translate.translate(line, "en", target)
                for target in TARGETS
                for line in STATEMENT
            ]

        cold = timed(run)
        beam = argostranslate.settings.beam_size
        serve(lambda: {**cold, "beam_size": beam}, {"pass": lambda: timed(run)})
    finally:
        shutil.rmtree(home, ignore_errors=True)


def serve_all_pairs(max_loaded_pairs: int) -> None:
    """Serve the 30 directed pairs (the whole statement each) through the LRU."""
    from service.engines.argos import ArgosEngine
    from service.engines.base import PairBatch
    from service.languages import ALL_LANGUAGES

    engine = ArgosEngine(PACKAGES_DIR, max_loaded_pairs=max_loaded_pairs)
    started = time.perf_counter()
    for source in ALL_LANGUAGES:
        batches = [PairBatch(source, target, STATEMENT) for target in ALL_LANGUAGES]
        results = engine.translate_batches([batch for batch in batches if batch.target != source])
        assert all(
            not isinstance(result, Exception) and [o.text for o in result] == STATEMENT
            for result in results
        )
    seconds = time.perf_counter() - started
    serve(
        lambda: {"seconds": seconds, "peak_rss_mib": peak_rss_mib()},
        {},
    )


def measure_speed(rounds: int) -> None:
    script = Path(__file__)
    adapt = Worker(script, "--worker", "adapt")
    raw = Worker(script, "--worker", "raw")
    beams = dict.fromkeys([str(_bench_settings().beam_size), "4"])  # equal, then its default
    argos = {
        beam: Worker(script, "--worker", "argostranslate", environment={"ARGOS_BEAM_SIZE": beam})
        for beam in beams
    }
    passes: dict[str, Callable[[], Result]] = {"adapt": functools.partial(adapt.ask, "pass")}
    for name in raw.ready["configurations"]:
        passes[f"raw {name}"] = functools.partial(raw.ask, name)
    for beam, worker in argos.items():
        passes[f"argostranslate beam {beam}"] = functools.partial(worker.ask, "pass")
    started_load = os.getloadavg()[0]
    # argostranslate takes ten times as long a pass: the others run FAST_REPEATS times a round.
    fast = {name: FAST_REPEATS for name in passes if not name.startswith("argostranslate")}
    results, loads = interleave(passes, rounds, fast)
    peaks = {
        "adapt": adapt.close()["peak_rss_mib"],
        "raw CTranslate2 (two translator sets)": raw.close()["peak_rss_mib"],
        **{f"argostranslate beam {beam}": w.close()["peak_rss_mib"] for beam, w in argos.items()},
    }
    colds = {
        "adapt": adapt.ready,
        **{f"argostranslate beam {b}": w.ready for b, w in argos.items()},
    }
    report_speed(results, [started_load, *loads], colds, peaks, adapt.ready["beam_size"])


def report_speed(
    results: dict[str, list[Result]],
    loads: list[float],
    colds: dict[str, Result],
    peaks: dict[str, float],
    beam: int,
) -> None:
    tokens = results["adapt"][0]["tokens"]
    rounds = len(results["argostranslate beam 4"])
    print(
        f"\n{len(STATEMENT)}-line statement into {', '.join(TARGETS)} ({LINES} lines, "
        f"{tokens / LINES:.0f} target tokens per line), base-size int8 models, "
        f"{os.cpu_count()} CPU cores; adapt and raw CTranslate2 at beam {beam}"
    )
    print(
        "load average (1 min) before and after each round: " + " ".join(f"{v:.1f}" for v in loads)
    )
    print(
        f"\nmedian of {rounds} interleaved rounds ({FAST_REPEATS} passes a round for adapt and raw)"
        f"\n{'':48}{'lines/s':>8}{'slowest-fastest':>17}"
        f"{'CPU s':>7}{'lines/CPU s':>12}"
    )
    rates = {}
    for name, runs in results.items():
        rates[name] = LINES / median_seconds(runs)
        cpu = statistics.median(run["cpu_seconds"] for run in runs)
        slowest, fastest = (
            LINES / max(r["seconds"] for r in runs),
            LINES / min(r["seconds"] for r in runs),
        )
        print(
            f"  {name:46}{rates[name]:8.1f}{slowest:9.1f}-{fastest:<7.1f}{cpu:7.2f}"
            f"{LINES / cpu:12.1f}"
        )
    best_raw = max((name for name in rates if name.startswith("raw ")), key=rates.__getitem__)
    fraction = rates["adapt"] / rates[best_raw]
    verdict = "meets" if fraction >= ADAPT_TARGET else "MISSES"
    print(
        f"\nadapt is {fraction:.1%} of the best raw CTranslate2 configuration ({best_raw}) "
        f"at beam {beam} ({verdict} the {ADAPT_TARGET:.0%} target)"
    )
    equal, default = rates[f"argostranslate beam {beam}"], rates["argostranslate beam 4"]
    print(
        f"adapt is {rates['adapt'] / equal:.1f}x argostranslate at equal beam ({beam}), "
        f"{rates['adapt'] / default:.1f}x at each tool's default beam (adapt {beam}, "
        "argostranslate 4)"
    )
    print(
        "cold first pass (with model loading): "
        + ", ".join(f"{name} {LINES / cold['seconds']:.1f} lines/s" for name, cold in colds.items())
    )
    print("peak RSS: " + ", ".join(f"{name} {peak:.0f} MiB" for name, peak in peaks.items()))


def measure_memory() -> None:
    print("\nServing all 30 pairs from the ten en<->x packages (one call per source language):")
    for bound in LOADED_PAIRS_BOUNDS:
        worker = Worker(Path(__file__), "--worker", "all-pairs", "--max-loaded-pairs", str(bound))
        result = worker.ready
        worker.close()
        verdict = "under" if result["peak_rss_mib"] < 1024 else "OVER"
        print(
            f"  max_loaded_pairs={bound:<3} peak RSS {result['peak_rss_mib']:.0f} MiB "
            f"({verdict} 1 GiB), {result['seconds']:.1f} s"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="rebuild the test packages")
    parser.add_argument("--rounds", type=int, default=ROUNDS, help="interleaved rounds (>= 5)")
    parser.add_argument("--worker", choices=["adapt", "raw", "argostranslate", "all-pairs"])
    parser.add_argument("--max-loaded-pairs", type=int, default=5)
    arguments = parser.parse_args()
    if arguments.worker is None:
        if arguments.rounds < 5:
            parser.error("--rounds must be at least 5: a median of fewer says little")
        ensure_packages(arguments.rebuild)
        measure_speed(arguments.rounds)
        measure_memory()
        return
    # Workers import only what they measure: the builder is never loaded here.
    workers: dict[str, Callable[[], None]] = {
        "adapt": serve_adapt,
        "raw": serve_raw,
        "argostranslate": serve_argostranslate,
        "all-pairs": lambda: serve_all_pairs(arguments.max_loaded_pairs),
    }
    workers[arguments.worker]()


if __name__ == "__main__":
    main()
