"""Benchmark: X weighted length of 100,000 six-language posts, adapt vs twitter-text-parser.

What it does, in one run:

1. Agreement on the spec: both implementations compute every weighted-length case of the
   twitter-text conformance suite (``tests/data/twitter-text/validate.yml``: the config v2
   section, the config v3 "discounted emoji" section and the directional-marker section)
   and the bench prints how many each gets right (weighted length and validity).
2. Agreement on the corpus: both compute the v3 weighted length of the generated posts;
   the bench prints how many agree and a few that differ (expected differences: emoji newer
   than the parser's twemoji table, such as ZWJ sequences like 🧑‍💻, which X counts as
   one emoji).
3. Speed: each implementation measures its posts three times (``time.perf_counter``), the
   best run counts; the bench prints posts per second for both and the ratio (target:
   adapt at least 10x faster). adapt runs on all posts. The baseline takes over a
   millisecond a post, so by default it runs on the first 10,000 posts (a random sample of
   the same mix; ``--baseline-posts 100000`` for all, about ten minutes).

The corpus is generated deterministically (seeded ``random.Random``) from realistic post
fragments in Arabic, Chinese, English, French, Russian and Spanish, with URLs (with and
without protocol), hashtags, mentions, emoji (ZWJ sequences, flags, skin tones) and
numbers. The baseline is ``twitter-text-parser`` (import ``twitter_text``), installed with
the test extra. Run: ``.venv/bin/python bench/length.py [--posts N]``.
"""

import argparse
import random
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import twitter_text
import yaml

from service.text.length import weighted_length

CONFORMANCE_FILE = Path(__file__).resolve().parent.parent / "tests/data/twitter-text/validate.yml"
SEED = 20240917

SENTENCES = {
    "en": [
        "Clean water and sanitation are human rights.",
        "The Secretary-General calls for an immediate ceasefire.",
        "Over 1,000,000 children are out of school in the region.",
        "Climate action cannot wait: emissions must fall 43% by 2030.",
        "Today we honour the 75.5 million people forced to flee their homes.",
    ],
    "fr": [
        "L'eau potable et l'assainissement sont des droits humains.",
        "Le Secrétaire général appelle à un cessez-le-feu immédiat.",
        "Plus de 1 000 000 d'enfants ne sont pas scolarisés dans la région.",
        "L'action climatique ne peut attendre : les émissions doivent baisser de 43 % d'ici 2030.",
        "Aujourd'hui, nous rendons hommage aux 75,5 millions de personnes déracinées.",
    ],
    "es": [
        "El agua potable y el saneamiento son derechos humanos.",
        "El Secretario General pide un alto el fuego inmediato.",
        "Más de 1.000.000 de niños no van a la escuela en la región.",
        "La acción climática no puede esperar: las emisiones deben bajar un 43 % para 2030.",
        "Hoy honramos a los 75,5 millones de personas desplazadas por la fuerza.",
    ],
    "ru": [
        "Чистая вода и санитария — это права человека.",
        "Генеральный секретарь призывает к немедленному прекращению огня.",
        "Более 1 000 000 детей в регионе не посещают школу.",
        "Климатические меры не могут ждать: выбросы должны сократиться на 43 % к 2030 году.",
        "Сегодня мы чтим 75,5 млн человек, вынужденных покинуть свои дома.",
    ],
    "ar": [
        "المياه النظيفة والصرف الصحي من حقوق الإنسان.",
        "يدعو الأمين العام إلى وقف فوري لإطلاق النار.",
        "أكثر من ١٬٠٠٠٬٠٠٠ طفل خارج المدارس في المنطقة.",
        "لا يمكن للعمل المناخي أن ينتظر: يجب خفض الانبعاثات بنسبة ٤٣٪ بحلول عام ٢٠٣٠.",
        "نكرّم اليوم ٧٥٫٥ مليون شخص أُجبروا على الفرار من ديارهم.",
    ],
    "zh": [
        "清洁饮水和卫生设施是一项人权。",
        "秘书长呼吁立即停火。",
        "该地区有超过1,000,000名儿童失学。",
        "气候行动刻不容缓：到2030年排放量必须减少43%。",
        "今天，我们向7550万被迫逃离家园的人们致敬。",
    ],
}
HASHTAGS = {
    "en": ["#SDGs", "#ClimateAction", "#HumanRights", "#WorldWaterDay"],
    "fr": ["#ODD", "#ActionClimat", "#DroitsHumains", "#JournéeMondialeDeLEau"],
    "es": ["#ODS", "#AcciónClimática", "#DerechosHumanos", "#DíaMundialDelAgua"],
    "ru": ["#ЦУР", "#ДействияВОбластиКлимата", "#ПраваЧеловека", "#ВсемирныйДеньВоды"],
    "ar": ["#أهداف_التنمية_المستدامة", "#العمل_المناخي", "#حقوق_الإنسان", "#اليوم_العالمي_للمياه"],
    "zh": ["#可持续发展目标", "#气候行动", "#人权", "#世界水日"],
}
URLS = [
    "https://www.un.org/sustainabledevelopment/",
    "https://news.un.org/ar/story/2024/03/1129471",
    "http://un.org/sg/en/content/sg/statement",
    "un.org/climatechange",
    "https://www.who.int/news/item/22-03-2024-water",
    "https://t.co/UqIyJAJTfo",
    "unicef.org/reports?lang=fr&year=2024",
]
MENTIONS = ["@UN", "@antonioguterres", "@WHO", "@UNICEF", "@UN_News_Centre", "@UNHCR/staff"]
EMOJI = ["🌍", "💧", "🇺🇳", "👍🏽", "❤️", "👩‍⚕️", "👨‍👩‍👧‍👦", "🙏", "📢", "✅", "🧑‍💻", "1️⃣"]


def make_post(rng: random.Random) -> str:
    """One post: 1-3 sentences (sometimes of two languages) with entities mixed in."""
    language = rng.choice(list(SENTENCES))
    languages = [language, rng.choice(list(SENTENCES))] if rng.random() < 0.1 else [language]
    parts = [rng.choice(SENTENCES[rng.choice(languages)]) for _ in range(rng.randint(1, 3))]
    if rng.random() < 0.3:
        parts.insert(0, rng.choice(MENTIONS))
    if rng.random() < 0.5:
        parts.append(rng.choice(EMOJI) * rng.randint(1, 2))
    if rng.random() < 0.6:
        parts.append(rng.choice(URLS))
    parts += rng.sample(HASHTAGS[language], rng.randint(0, 2))
    return " ".join(parts)


def make_corpus(count: int) -> list[str]:
    rng = random.Random(SEED)
    return [make_post(rng) for _ in range(count)]


def baseline_config(version: int) -> dict[str, Any]:
    config = dict(twitter_text.config.config[f"version{version}"])
    config.setdefault("emoji_parsing_enabled", False)
    return config


def ours(text: str) -> int:
    return weighted_length(text, "x").length


def theirs(text: str) -> int:
    return int(twitter_text.parse_tweet(text, BASELINE_V3).weightedLength)


BASELINE_V3 = baseline_config(3)


def conformance_agreement() -> None:
    """Both implementations on every weighted-length case of validate.yml."""
    from service.text.tweet import TwitterTextConfig, parse_tweet

    data_dir = CONFORMANCE_FILE.parent
    suite = yaml.safe_load(CONFORMANCE_FILE.read_text(encoding="utf-8"))["tests"]
    sections = [
        ("WeightedTweetsCounterTest", 2),
        ("WeightedTweetsWithDiscountedEmojiCounterTest", 3),
        ("UnicodeDirectionalMarkerCounterTest", 3),
    ]
    ours_right = theirs_right = agree = total = 0
    for section, version in sections:
        our_config = TwitterTextConfig.from_file(data_dir / f"config_v{version}.json")
        for case in suite[section]:
            expected = (case["expected"]["weightedLength"], case["expected"]["valid"])
            our = parse_tweet(case["text"], our_config)
            their = twitter_text.parse_tweet(case["text"], baseline_config(version))
            our_result = (our.weighted_length, our.valid)
            their_result = (int(their.weightedLength), their.valid)
            total += 1
            ours_right += our_result == expected
            theirs_right += their_result == expected
            agree += our_result == their_result
    print(f"conformance weighted-length cases: {total}")
    print(f"  adapt correct:               {ours_right}/{total}")
    print(f"  twitter-text-parser correct: {theirs_right}/{total}")
    print(f"  both agree:                  {agree}/{total}")


def corpus_agreement(corpus: Sequence[str]) -> None:
    differing = [text for text in corpus if ours(text) != theirs(text)]
    agreeing = len(corpus) - len(differing)
    print(f"corpus agreement: {agreeing}/{len(corpus)} posts ({agreeing / len(corpus):.2%})")
    for text in sorted(set(differing), key=len)[:3]:
        print(f"  differs: adapt {ours(text)}, parser {theirs(text)}: {text!r}")


def best_of_three(function: Callable[[str], int], corpus: Sequence[str]) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for text in corpus:
            function(text)
        best = min(best, time.perf_counter() - started)
    return best


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--baseline-posts", type=int, default=10_000)
    args = parser.parse_args(argv)
    corpus = make_corpus(args.posts)
    sample = corpus[: args.baseline_posts]
    print(f"corpus: {len(corpus):,} posts, {sum(map(len, corpus)):,} characters")
    conformance_agreement()
    corpus_agreement(sample)
    our_rate = len(corpus) / best_of_three(ours, corpus)
    their_rate = len(sample) / best_of_three(theirs, sample)
    print(f"adapt:               {our_rate:12,.0f} posts/s (best of 3 over {len(corpus):,} posts)")
    print(
        f"twitter-text-parser: {their_rate:12,.0f} posts/s (best of 3 over {len(sample):,} posts)"
    )
    print(f"ratio: adapt is {our_rate / their_rate:.1f}x faster (target: 10x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
