"""The bench's Argos-sized packages and statement, shared by ``bench/mt.py`` and ``bench/run.py``.

The ten en<->x packages are built offline (6+6 layers, d_model 512, 8 heads, FFN 2048, 32k
vocabulary, int8: the shape and cost of a real Argos model) in "copy" mode into
``bench/.cache`` on first use (git-ignored), and installed with adapt's own installer.
Their SentencePiece vocabulary also learns the statement's text, so it is cut into about
1.4 pieces per word as a real Argos model cuts English; from the builder's corpus alone
(templates and pseudo-words) it would be cut into characters (3.7 pieces per word), which
no real model does. A copy model's output is its input, so every side produces the same
text and the same number of target tokens, and the benches check the output.
"""

import shutil
import sys
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPOSITORY / "tests"))  # the package builder lives with the tests

CACHE = REPOSITORY / "bench" / ".cache"
BUILD_STAMP = "base-copy-seed0-bpe-statement-v2"
TARGETS = ["fr", "es", "ru", "zh", "ar"]

STATEMENT = [
    "Geneva, 24 April 2026 - At the start of World Immunization Week, the World Health "
    "Organization calls on every country to close the immunization gaps left by the pandemic.",
    "Vaccines have saved at least 154 million lives over the past 50 years, most of them infants.",
    "Yet in 2025, 14.3 million children did not receive a single dose of the vaccine against "
    "diphtheria, tetanus and pertussis.",
    "These zero-dose children live mostly in fragile settings, in urban slums and in remote rural "
    "communities.",
    "Measles cases rose by 20% last year, with large outbreaks reported in 57 countries.",
    "Every outbreak is a warning that immunity in the community has fallen below safe levels.",
    'WHO Director-General Dr Tedros Adhanom Ghebreyesus said: "No child should die of a disease '
    'we know how to prevent."',
    "He added that vaccines are among the most cost-effective investments a country can make in "
    "its future.",
    "Health workers are the backbone of every immunization programme, and they need training, "
    "supplies and fair pay.",
    "WHO urges governments to integrate immunization into primary health care and to fund it "
    "from domestic budgets.",
    "Routine immunization must reach every district, including areas affected by conflict and "
    "displacement.",
    "Countries should use data to find the children who were missed and offer catch-up doses "
    "without delay.",
    "The HPV vaccine can prevent most cases of cervical cancer, which kills a woman every two "
    "minutes.",
    "A single dose of HPV vaccine now offers strong protection, making it easier for girls to "
    "be vaccinated.",
    "New malaria vaccines are being rolled out in 19 African countries and could save tens of "
    "thousands of lives each year.",
    "Misinformation about vaccines spreads fast online; trusted local voices are essential to "
    "counter it.",
    "Parents can ask their health worker which vaccines their child needs and when.",
    "WHO works with UNICEF, Gavi and partners to make vaccines available and affordable for all.",
    "The Immunization Agenda 2030 sets out a strategy to leave no one behind at any age.",
    "Achieving its goals would avert 50 million deaths by the end of the decade.",
    "Climate change, conflict and economic shocks put these gains at risk.",
    "Sustained political commitment and financing are needed now, not tomorrow.",
    "Join us this week to celebrate the people who make vaccination possible.",
    "Learn more at https://www.who.int/campaigns/world-immunization-week and share your "
    "story with #VaccinesWork.",
]


FILES_DIR, PACKAGES_DIR = CACHE / "files", CACHE / "packages"


def ensure_packages(rebuild: bool) -> None:
    """Build the ten en<->x base copy packages and install them (once; cached)."""
    from support.argos_builder import build_package

    from service.engines.argos_packages import install_from_files

    stamp = CACHE / "stamp"
    if not rebuild and stamp.is_file() and stamp.read_text() == BUILD_STAMP:
        return
    shutil.rmtree(CACHE, ignore_errors=True)
    started = time.perf_counter()
    for other in TARGETS:
        for source, target in (("en", other), (other, "en")):
            path = FILES_DIR / f"translate-{source}_{target}.argosmodel"
            build_package(
                path, source, target, size="base", mode="copy", extra_lines=tuple(STATEMENT)
            )
    install_from_files(sorted(FILES_DIR.iterdir()), PACKAGES_DIR)
    stamp.write_text(BUILD_STAMP)
    print(f"built and installed 10 base packages in {time.perf_counter() - started:.0f} s")


def count_tokens(texts: list[str], packages_dir: Path) -> int:
    import sentencepiece

    model = packages_dir / "translate-en_fr" / "sentencepiece.model"
    processor = sentencepiece.SentencePieceProcessor(model_file=str(model))
    return sum(len(pieces) for pieces in processor.encode(texts, out_type=str))
