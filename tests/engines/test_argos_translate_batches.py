"""ArgosEngine.translate_batches: every pair of a statement at once, on real copy models."""

import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from service.engines.argos import ArgosEngine, LoadedPackage
from service.engines.argos_packages import install_from_files
from service.engines.base import EngineOutput, LanguagePair, NoRouteError, PairBatch
from service.errors import AdaptError, DataError
from service.languages import Language

EN, FR, ES, RU, ZH, AR = (Language(code) for code in ("en", "fr", "es", "ru", "zh", "ar"))
TARGETS = [FR, ES, RU, ZH, AR]
ENGLISH = [
    "WHO calls on every country to protect health workers.",
    "Vaccines have saved at least 154 million lives over the past 50 years.",
    "Read more: https://www.who.int/news_room @WHO #WorldHealthDay 🌍",
    "Measles cases rose by 20% last year.",
    "Join us.",
]
FRENCH = ["L'OMS salue « le nouveau rapport » : 3,5 millions d'enfants vaccinés !", "Agissons."]


@dataclass(frozen=True)
class RecordingPackage(LoadedPackage):
    """A loaded package that notes every batch it is given."""

    batches: list[tuple[LanguagePair, tuple[str, ...]]] = field(default_factory=list)
    threads: list[str] = field(default_factory=list)

    def translate(self, texts: Sequence[str], beam_size: int) -> list[tuple[str, int]]:
        self.batches.append((self.pair, tuple(texts)))
        self.threads.append(threading.current_thread().name)
        return super().translate(texts, beam_size)


class RecordingEngine(ArgosEngine):
    """An ArgosEngine that notes each model load and each batch, and the loaded count."""

    def __init__(self, packages_dir: Path, **options: int) -> None:
        super().__init__(packages_dir, **options)
        self.loads: list[LanguagePair] = []
        self.batches: list[tuple[LanguagePair, tuple[str, ...]]] = []
        self.threads: list[str] = []
        self.most_loaded = 0  # the most models in memory at once: loaded and loading
        self._loading = 0
        self._note = threading.Lock()

    def _load(self, pair: LanguagePair) -> LoadedPackage:
        with self._note:
            self._loading += 1
        loaded = super()._load(pair)
        with self._note:
            self.loads.append(pair)
            self.most_loaded = max(self.most_loaded, len(self.loaded_pairs()) + self._loading)
            self._loading -= 1
        return RecordingPackage(
            loaded.pair,
            loaded.package,
            loaded.translator,
            loaded.tokenizer,
            self.batches,
            self.threads,
        )

    def texts_sent(self, pair: LanguagePair) -> list[str]:
        return [text for sent, texts in self.batches if sent == pair for text in texts]


def _texts(result: list[EngineOutput] | AdaptError) -> list[str]:
    assert not isinstance(result, AdaptError), result
    return [output.text for output in result]


def test_results_come_in_input_order_with_a_pivot_and_a_missing_pair(
    tmp_path: Path, argos_package_files: dict[LanguagePair, Path]
) -> None:
    pairs = [(EN, FR), (FR, EN), (EN, ES), (EN, RU), (RU, EN)]
    install_from_files([argos_package_files[pair] for pair in pairs], tmp_path)
    engine = RecordingEngine(tmp_path, inter_threads=2)
    batches = [
        PairBatch(EN, RU, ENGLISH),
        PairBatch(FR, ES, FRENCH),  # through English
        PairBatch(EN, ZH, ENGLISH),  # no en->zh package
        PairBatch(EN, FR, ["", *ENGLISH[:2], "  "]),
        PairBatch(ES, FR, []),  # nothing to translate: no route needed
        PairBatch(RU, FR, ["ВОЗ призывает."]),  # through English
    ]
    results = engine.translate_batches(batches)
    assert _texts(results[0]) == ENGLISH
    assert _texts(results[1]) == FRENCH
    assert isinstance(results[2], NoRouteError) and results[2].fields["target"] == "zh"
    assert _texts(results[3]) == ["", *ENGLISH[:2], ""]
    assert results[4] == []
    assert _texts(results[5]) == ["ВОЗ призывает."]
    pivot = results[1]
    assert not isinstance(pivot, AdaptError)
    assert {(output.pivot, output.package_version) for output in pivot} == {(EN, "1.0 + 1.0")}
    assert not any(pair == (EN, ZH) for pair in engine.loads)


def test_each_model_translates_each_distinct_text_once(argos_packages_dir: Path) -> None:
    engine = RecordingEngine(argos_packages_dir, inter_threads=2, max_loaded_pairs=5)
    statement = [*FRENCH, FRENCH[0]]  # a repeated line
    batches = [PairBatch(FR, target, statement) for target in (EN, ES, RU, ZH, AR)]
    results = engine.translate_batches(batches)
    assert all(_texts(result) == statement for result in results)
    assert sorted(engine.texts_sent((FR, EN))) == sorted(FRENCH)  # once for en and 4 pivots
    for target in (ES, RU, ZH, AR):
        assert sorted(engine.texts_sent((EN, target))) == sorted(FRENCH)
    assert sorted(engine.loads) == sorted([(FR, EN), (EN, ES), (EN, RU), (EN, ZH), (EN, AR)])


def test_all_pairs_run_at_once_in_balanced_lanes(argos_packages_dir: Path) -> None:
    engine = RecordingEngine(argos_packages_dir, inter_threads=2, max_loaded_pairs=5)
    results = engine.translate_batches([PairBatch(EN, target, ENGLISH) for target in TARGETS])
    assert all(_texts(result) == ENGLISH for result in results)
    # Two lanes over five pairs: one pair is cut in two, every other goes in one batch.
    sizes = sorted(len(texts) for _, texts in engine.batches)
    assert len(engine.batches) == 6 and sizes[-4:] == [5, 5, 5, 5] and sum(sizes[:2]) == 5
    assert len(set(engine.threads)) == 2


def test_one_pair_is_split_longest_first_to_fill_the_workers(argos_packages_dir: Path) -> None:
    engine = RecordingEngine(argos_packages_dir, inter_threads=2, max_loaded_pairs=5)
    assert _texts(engine.translate_batch(ENGLISH, EN, FR)) == ENGLISH
    by_length = sorted(ENGLISH, key=len, reverse=True)
    assert sorted(texts for _, texts in engine.batches) == sorted(
        [tuple(by_length[:2]), tuple(by_length[2:])]
    )
    assert len(set(engine.threads)) == 2


def test_a_broken_package_fails_only_its_batches(
    tmp_path: Path, argos_package_files: dict[LanguagePair, Path]
) -> None:
    pairs = [(EN, FR), (FR, EN), (EN, ES), (EN, RU)]
    install_from_files([argos_package_files[pair] for pair in pairs], tmp_path)
    (tmp_path / "translate-en_es" / "model" / "model.bin").write_bytes(b"\0" * 64)
    engine = ArgosEngine(tmp_path, inter_threads=2)
    results = engine.translate_batches(
        [PairBatch(FR, ES, FRENCH), PairBatch(EN, FR, ENGLISH), PairBatch(EN, ES, ENGLISH)]
    )
    for failed in (results[0], results[2]):
        assert isinstance(failed, DataError) and "en->es package does not load" in failed.message
    assert _texts(results[1]) == ENGLISH
    with pytest.raises(DataError, match="en->es package does not load"):
        engine.translate_batch(["Hello"], EN, ES)


def test_more_pairs_than_the_bound_load_each_model_once(argos_packages_dir: Path) -> None:
    engine = RecordingEngine(argos_packages_dir, inter_threads=2, max_loaded_pairs=2)
    batches = [PairBatch(EN, target, ENGLISH) for target in TARGETS]
    assert all(_texts(result) == ENGLISH for result in engine.translate_batches(batches))
    assert sorted(engine.loads) == sorted((EN, target) for target in TARGETS)
    assert engine.most_loaded <= 2
    engine.loads.clear()
    engine.translate_batches(batches)  # the two still loaded are used before they go
    assert len(engine.loads) == 3


def test_the_same_statement_again_loads_nothing(argos_packages_dir: Path) -> None:
    engine = RecordingEngine(argos_packages_dir, max_loaded_pairs=5)
    batches = [PairBatch(RU, target, ["ВОЗ призывает."]) for target in (EN, FR, ES, ZH, AR)]
    for _ in range(3):
        assert all(
            _texts(result) == ["ВОЗ призывает."] for result in engine.translate_batches(batches)
        )
    assert len(engine.loads) == 5


def test_concurrent_calls_keep_the_bound_and_their_results(argos_packages_dir: Path) -> None:
    engine = RecordingEngine(argos_packages_dir, inter_threads=2, max_loaded_pairs=3)
    failures: list[str] = []

    def work(source: Language, lines: list[str]) -> None:
        targets = [target for target in (EN, FR, ES, RU) if target != source]
        for _ in range(2):
            results = engine.translate_batches([PairBatch(source, t, lines) for t in targets])
            failures.extend(f"{source}: {result}" for result in results if _texts(result) != lines)

    jobs = [(EN, ENGLISH), (FR, FRENCH), (RU, ["ВОЗ призывает."])]
    with ThreadPoolExecutor(len(jobs)) as pool:
        list(pool.map(work, *zip(*jobs, strict=True)))  # re-raises what a thread raised
    assert failures == []
    assert engine.most_loaded <= 3
