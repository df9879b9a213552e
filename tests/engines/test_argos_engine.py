"""The Argos engine on real CTranslate2 models: copy models give their input back."""

import shutil
import threading
from pathlib import Path

import pytest
import sentencepiece
from support.argos_builder import build_package

from service.engines.argos import ArgosEngine, decoding_limit
from service.engines.argos_packages import install_from_files
from service.engines.base import LanguagePair, NoRouteError, RouteKind, all_pairs
from service.errors import DataError
from service.languages import ALL_LANGUAGES, Language

EN, FR, ES, RU, ZH, AR = (Language(code) for code in ("en", "fr", "es", "ru", "zh", "ar"))

LINES: dict[Language, list[str]] = {
    Language.EN: [
        "WHO calls on every country to protect health workers.",
        "Read more: https://www.who.int/news_room @WHO #WorldHealthDay 🌍",
    ],
    Language.FR: [
        "L'OMS salue « le nouveau rapport » : 3,5 millions d'enfants vaccinés !",
        "Les soins de santé primaires sauvent des vies\u202f; agissons maintenant.",
    ],
    Language.ES: ["¿Sabías que la vacuna protege a millones de niños? ¡Vacúnate!"],
    Language.RU: ["ВОЗ призывает укреплять первичную медико-санитарную помощь — сейчас."],
    Language.ZH: ["世界卫生组织呼吁加强初级卫生保健，保护每个家庭！"],
    Language.AR: ["تدعو منظمة الصحة العالمية إلى التغطية الصحية الشاملة. #صغر_الرأس ⟦0⟧"],
}


@pytest.fixture
def engine(argos_engine: ArgosEngine) -> ArgosEngine:
    return argos_engine


@pytest.mark.parametrize("language", [language for language in ALL_LANGUAGES if language != EN])
def test_copy_models_give_every_line_back_exactly(engine: ArgosEngine, language: Language) -> None:
    lines = LINES[language] + LINES[EN]
    to_english = engine.translate_batch(lines, language, EN)
    assert [output.text for output in to_english] == lines
    from_english = engine.translate_batch(lines, EN, language)
    assert [output.text for output in from_english] == lines
    first = from_english[0]
    assert (first.engine, first.package_version, first.pivot) == ("argos", "1.0", None)
    assert first.target_tokens > 0


def test_pivot_through_english(engine: ArgosEngine) -> None:
    lines = LINES[FR] + LINES[ZH]
    outputs = engine.translate_batch(lines, FR, ES)
    assert [output.text for output in outputs] == lines
    assert {(output.pivot, output.package_version) for output in outputs} == {(EN, "1.0 + 1.0")}


def test_routes_direct_pivot_and_missing(
    tmp_path: Path, argos_package_files: dict[LanguagePair, Path]
) -> None:
    install_from_files(
        [argos_package_files[pair] for pair in [(EN, FR), (FR, EN), (EN, ES), (RU, EN)]], tmp_path
    )
    engine = ArgosEngine(tmp_path)
    expected = {
        (EN, FR): RouteKind.DIRECT,
        (FR, ES): RouteKind.VIA_ENGLISH,
        (RU, FR): RouteKind.VIA_ENGLISH,
        (ES, FR): RouteKind.MISSING,  # no es->en
        (FR, RU): RouteKind.MISSING,  # no en->ru
        (FR, FR): RouteKind.MISSING,
    }
    for (source, target), kind in expected.items():
        assert engine.route(source, target).kind is kind, (source, target)
        assert engine.supports(source, target) is (kind is not RouteKind.MISSING)
    with pytest.raises(NoRouteError, match="serves es->fr"):
        engine.translate_batch(["Hola"], ES, FR)


def test_all_thirty_pairs_are_served(engine: ArgosEngine) -> None:
    for source, target in all_pairs():
        outputs = engine.translate_batch(LINES[source], source, target)
        assert [output.text for output in outputs] == LINES[source], (source, target)
        assert (outputs[0].pivot is None) == (EN in (source, target))


def test_empty_and_blank_input(argos_packages_dir: Path) -> None:
    engine = ArgosEngine(argos_packages_dir)
    assert engine.translate_batch([], EN, FR) == []
    assert engine.loaded_pairs() == []  # nothing loaded for nothing
    outputs = engine.translate_batch(["", "  ", "Hello"], EN, FR)
    assert [(output.text, output.target_tokens > 0) for output in outputs] == [
        ("", False),
        ("", False),
        ("Hello", True),
    ]


def test_random_model_stops_at_the_decoding_limit(tmp_path: Path) -> None:
    package = build_package(tmp_path / "random.argosmodel", "en", "fr", mode="random")
    install_from_files([package], tmp_path / "packages")
    processor = sentencepiece.SentencePieceProcessor(
        model_file=str(tmp_path / "packages" / "translate-en_fr" / "sentencepiece.model")
    )
    lines = ["Hi", "WHO calls on every country to protect health workers and their families."]
    longest = max(len(processor.encode(line, out_type=str)) for line in lines)
    outputs = ArgosEngine(tmp_path / "packages").translate_batch(lines, EN, FR)
    assert all(0 < output.target_tokens <= decoding_limit(longest) for output in outputs)
    assert max(output.target_tokens for output in outputs) == decoding_limit(longest)


def test_target_prefix_is_fed_and_removed(tmp_path: Path) -> None:
    # A copy model emits the source token of each position; the prefix takes position 0, so
    # the first source token gives way to it, and the prefix itself is dropped from the text.
    package = build_package(tmp_path / "prefix.argosmodel", "en", "fr", target_prefix="▁w")
    install_from_files([package], tmp_path / "packages")
    processor = sentencepiece.SentencePieceProcessor(
        model_file=str(tmp_path / "packages" / "translate-en_fr" / "sentencepiece.model")
    )
    source = processor.encode("world health", out_type=str)
    assert source[0] == "▁w" and processor.piece_to_id("▁w") != processor.unk_id()
    output = ArgosEngine(tmp_path / "packages").translate_batch(["world health"], EN, FR)[0]
    assert output.text == processor.decode(source[1:]) == "orld health"


def test_loaded_pairs_are_bounded_least_recently_used_first(argos_packages_dir: Path) -> None:
    engine = ArgosEngine(argos_packages_dir, max_loaded_pairs=1)
    engine.translate_batch(["Hello"], EN, FR)
    engine.translate_batch(["Hello"], EN, ES)
    assert engine.loaded_pairs() == [(EN, ES)]
    assert engine.translate_batch(["Bonjour"], FR, ES)[0].text == "Bonjour"  # pivot with room for 1
    assert engine.loaded_pairs() == [(EN, ES)]
    engine = ArgosEngine(argos_packages_dir, max_loaded_pairs=2)
    for target in (FR, ES, FR, RU):
        engine.translate_batch(["Hello"], EN, target)
    assert engine.loaded_pairs() == [(EN, FR), (EN, RU)]


def test_translating_from_many_threads(argos_packages_dir: Path) -> None:
    engine = ArgosEngine(argos_packages_dir, max_loaded_pairs=2)  # forces evictions mid-run
    jobs = [
        (language, target)
        for language in ALL_LANGUAGES
        for target in (EN, ES)
        if language != target
    ]
    failures: list[str] = []

    def work(source: Language, target: Language) -> None:
        for _ in range(3):
            texts = [
                output.text for output in engine.translate_batch(LINES[source], source, target)
            ]
            if texts != LINES[source]:
                failures.append(f"{source}->{target}: {texts}")

    threads = [threading.Thread(target=work, args=job) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert len(engine.loaded_pairs()) <= 2


def test_a_damaged_model_is_a_clear_error(
    tmp_path: Path, argos_package_files: dict[LanguagePair, Path]
) -> None:
    install_from_files([argos_package_files[(EN, FR)]], tmp_path)
    (tmp_path / "translate-en_fr" / "model" / "model.bin").write_bytes(b"\0" * 64)
    with pytest.raises(DataError, match="en->fr package does not load"):
        ArgosEngine(tmp_path).translate_batch(["Hello"], EN, FR)


def test_reload_sees_new_and_removed_packages(
    tmp_path: Path, argos_package_files: dict[LanguagePair, Path]
) -> None:
    engine = ArgosEngine(tmp_path)
    assert not engine.supports(EN, FR)
    install_from_files([argos_package_files[(EN, FR)]], tmp_path)
    engine.reload()
    assert engine.translate_batch(["Hello"], EN, FR)[0].text == "Hello"
    shutil.rmtree(tmp_path / "translate-en_fr")
    engine.reload()
    assert engine.loaded_pairs() == [] and not engine.supports(EN, FR)
