"""Language detection, restricted to the six UN languages.

The script decides first. Among the six, Arabic script means Arabic, Han means Chinese
(unless Japanese kana or Korean hangul are present), Cyrillic means Russian; which language
uses which script comes from ``locales/*.toml`` (``[language] script``, ``[detection]``).
Only the Latin script is shared (en, fr, es). There langdetect, loaded with just those three
profiles, votes, and the locale hints (very common words, distinctive letters) correct it:
on a short post langdetect alone is unreliable ("Hand hygiene saves lives" comes out French,
"Merci" Spanish) because it samples the same few n-grams until it is "sure".

What is not prose is removed before deciding: URLs, @mentions, #hashtags, cashtags, emoji and
numbers (service.text.entities). Hashtag words are used only when nothing else is left, so
"#WorldHealthDay" alone still reads as English.

Letters count only inside words: a run of letters longer than the language's
``max_word_letters``, one letter repeated over and over, or (where the locale lists vowels) a
run with no vowel is no word of any of the six languages, so "zzzzzzzz" is ``und``.

>>> from service.locales import load_locales
>>> from service.settings import REPOSITORY_ROOT
>>> detector = LanguageDetector(load_locales(REPOSITORY_ROOT / "locales"))
>>> detector.detect("Merci à toutes et à tous !").language
<Language.FR: 'fr'>
>>> detector.detect("世界卫生日").language
<Language.ZH: 'zh'>
>>> detector.detect("https://who.int 2024 🙂").language is None
True
>>> detector.detect("zzzzzzzzzzzz").language is None
True
"""

import math
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex

from service.errors import DataError
from service.languages import Language
from service.locales import LocaleConventions
from service.models import Detection
from service.text.entities import EntityKind, extract_entities

_REMOVED_KINDS = frozenset(EntityKind)  # every kind of entity
_HINT_ODDS = 4.0
"""Each common word or distinctive letter multiplies its language's odds by this much."""
_HALF_RELIABLE_LETTERS = 20
"""At this many letters langdetect's vote counts half; below, the hints matter more."""
_MAX_CHARS = 20_000
"""Only the start of a long text is read: langdetect itself stops at 10,000 characters."""
_WORD = regex.compile(r"\p{L}+")
_MAX_REPEATS = 3
"""A run of more letters than this, all the same letter, is not a word ("zzzz", "aaaaa")."""
_HASHTAG_WORD_BREAK = regex.compile(r"(?<=\p{Ll})(?=\p{Lu})|_+")
_UNDETERMINED = Detection(language=None, confidence=0.0)


@lru_cache(maxsize=16)
def _script_pattern(script: str) -> "regex.Pattern[str]":
    """Letters of one Unicode script (``Han``, ``Latin``…); combining marks do not count."""
    return regex.compile(rf"(?=\p{{L}})\p{{Script={script}}}")


def _prose(text: str, *, hashtag_words: bool = False) -> str:
    """``text`` with entities blanked out, or, with ``hashtag_words``, only the hashtag words."""
    entities = [entity for entity in extract_entities(text) if entity.kind in _REMOVED_KINDS]
    if hashtag_words:
        words = [
            _HASHTAG_WORD_BREAK.sub(" ", entity.text[1:])
            for entity in entities
            if entity.kind is EntityKind.HASHTAG
        ]
        return " ".join(words)
    pieces: list[str] = []
    position = 0
    for entity in sorted(entities, key=lambda entity: entity.start):
        if entity.start >= position:
            pieces.append(text[position : entity.start])
            pieces.append(" ")
            position = entity.end
    pieces.append(text[position:])
    return "".join(pieces)


@dataclass(frozen=True)
class _Candidate:
    """One language as the detector sees it: its script and its hints."""

    language: Language
    script: str
    profile: str
    words: frozenset[str]
    characters: frozenset[str]
    excluded_scripts: tuple[str, ...]
    vowels: frozenset[str]
    max_word_letters: int

    def accepts(self, word: str) -> bool:
        """Whether ``word`` (letters of this candidate's script) can be a word of it."""
        lowered = word.lower()
        if self.max_word_letters and len(word) > self.max_word_letters:
            return False
        if len(word) > _MAX_REPEATS and len(set(lowered)) == 1:
            return False
        return not self.vowels or any(char in self.vowels for char in lowered)


def _candidates(locales: Mapping[Language, LocaleConventions]) -> tuple[_Candidate, ...]:
    return tuple(
        _Candidate(
            language=language,
            script=conventions.language.script,
            profile=conventions.detection.langdetect_profile or language.value,
            words=frozenset(conventions.detection.common_words),
            characters=frozenset(conventions.detection.hint_characters),
            excluded_scripts=tuple(conventions.detection.excluded_scripts),
            vowels=frozenset(conventions.detection.vowels),
            max_word_letters=conventions.detection.max_word_letters,
        )
        for language, conventions in locales.items()
    )


class LanguageDetector:
    """Detects which of the given languages a text is in; safe to share between threads.

    langdetect's profiles are read on the first text that needs them, once per group of
    languages sharing a script, and kept.
    """

    def __init__(self, locales: Mapping[Language, LocaleConventions]) -> None:
        self._candidates = _candidates(locales)
        scripts = {candidate.script for candidate in self._candidates}
        for candidate in self._candidates:
            scripts.update(candidate.excluded_scripts)
        self._scripts = tuple(sorted(scripts))
        self._runs = regex.compile(
            "|".join(rf"\p{{Script={script}}}+" for script in self._scripts) + r"|\p{L}"
        )
        self._factories: dict[tuple[str, ...], Any] = {}
        self._lock = threading.Lock()

    def detect(self, text: str) -> Detection:
        """The language of ``text``; ``language`` is None ("und") when it cannot be told.

        ``confidence`` is the share of letters in the deciding script times, for a shared
        script, the probability of the chosen language among those using it; 0 for "und".
        """
        text = text[:_MAX_CHARS]
        prose = self._words_only(_prose(text))
        letters, counts = self._script_counts(prose)
        if letters == 0:
            prose = self._words_only(_prose(text, hashtag_words=True))
            letters, counts = self._script_counts(prose)
        if letters == 0:
            return _UNDETERMINED
        script, script_letters = max(counts.items(), key=lambda item: item[1])
        candidates = [
            candidate
            for candidate in self._candidates
            if candidate.script == script
            and not any(counts.get(excluded, 0) for excluded in candidate.excluded_scripts)
        ]
        share = script_letters / letters
        if not candidates:
            return _UNDETERMINED
        if len(candidates) == 1:
            return Detection(language=candidates[0].language, confidence=min(1.0, share))
        probabilities = self._vote(prose, candidates, script_letters)
        language, probability = max(probabilities.items(), key=lambda item: item[1])
        return Detection(language=language, confidence=min(1.0, share * probability))

    def _words_only(self, prose: str) -> str:
        """``prose`` with every run of letters that is no candidate's word blanked out."""

        def keep(match: "regex.Match[str]") -> str:
            run = match.group()
            owners = [c for c in self._candidates if _script_pattern(c.script).match(run)]
            if owners and not any(candidate.accepts(run) for candidate in owners):
                return " " * len(run)
            return run

        return self._runs.sub(keep, prose)

    def _script_counts(self, prose: str) -> tuple[int, dict[str, int]]:
        """All letters, and letters per script; "other" counts scripts no language uses."""
        letters = sum(1 for char in prose if char.isalpha())
        counts = {script: len(_script_pattern(script).findall(prose)) for script in self._scripts}
        counts["other"] = max(0, letters - sum(counts.values()))
        return letters, counts

    def _vote(
        self, prose: str, candidates: Sequence[_Candidate], letters: int
    ) -> dict[Language, float]:
        """Probabilities among same-script candidates: langdetect's vote times hint odds.

        langdetect's vote is shrunk towards uniform in proportion to how little text there
        is; each hint (a common word, a distinctive letter) then multiplies the odds.
        """
        voted = self._langdetect(prose, candidates)
        reliability = letters / (letters + _HALF_RELIABLE_LETTERS)
        lowered = prose.lower()
        words = _WORD.findall(lowered)
        log_scores: dict[Language, float] = {}
        for candidate in candidates:
            prior = reliability * voted.get(candidate.profile, 0.0)
            prior += (1.0 - reliability) / len(candidates)
            hits = sum(word in candidate.words for word in words)
            hits += sum(char in candidate.characters for char in lowered)
            log_scores[candidate.language] = math.log(prior) + hits * math.log(_HINT_ODDS)
        highest = max(log_scores.values())
        odds = {language: math.exp(score - highest) for language, score in log_scores.items()}
        total = sum(odds.values())
        return {language: value / total for language, value in odds.items()}

    def _langdetect(self, prose: str, candidates: Sequence[_Candidate]) -> dict[str, float]:
        """langdetect's probabilities by profile name; empty when it finds no features."""
        from langdetect.lang_detect_exception import LangDetectException

        # Profiles in locale (UN) order: langdetect's sampling, and so its answer on text too
        # short to tell ("Article 2" is English and French), depends on the order.
        factory = self._factory(tuple(candidate.profile for candidate in candidates))
        detector = factory.create()
        detector.append(prose)
        try:
            return {result.lang: float(result.prob) for result in detector.get_probabilities()}
        except LangDetectException:
            return {}

    def _factory(self, profiles: tuple[str, ...]) -> Any:
        """A langdetect factory holding only ``profiles``, built once, seeded for repeatability."""
        with self._lock:
            factory = self._factories.get(profiles)
            if factory is None:
                factory = _load_factory(profiles)
                self._factories[profiles] = factory
            return factory


def _load_factory(profiles: tuple[str, ...]) -> Any:
    """Load some of langdetect's bundled profiles (all of them would add Danish, Dutch…)."""
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
    from langdetect.lang_detect_exception import LangDetectException

    texts: list[str] = []
    for profile in profiles:
        path = Path(PROFILES_DIRECTORY) / profile
        try:
            texts.append(path.read_text(encoding="utf-8"))
        except OSError:
            raise DataError(
                f"langdetect has no profile {profile!r} (see [detection] langdetect_profile)"
            ) from None
    factory = DetectorFactory()
    try:
        factory.load_json_profile(texts)
    except LangDetectException as error:
        raise DataError(f"cannot load langdetect profiles {profiles}: {error}") from None
    factory.set_seed(0)
    return factory
