"""``wrong_script`` and ``wrong_language``: the translation is written in its language.

The script test is exact and cheap: words are sorted by Unicode script (``\\p{Script=…}``),
a Han character counting as one word (so ``WHO和UNICEF呼吁`` is mostly Han), and the
target's script comes from ``locales/<code>.toml`` ``[language] script``. Where the script
is right but several languages share it (en, fr, es all use Latin), the language detector
decides, and its answer is only reported when it is confident about enough letters. The
source-language rendition is not a translation: it is the approved line, and the
statement's language was detected and verified when it was read.
"""

import unicodedata
from collections import Counter
from functools import lru_cache

import regex

from service.checks.base import Check, CheckContext
from service.checks.spans import blank_out, non_prose_spans
from service.checks.words import words
from service.models import Finding, Severity

_BARRIER = "\0name"
_NAMED_SCRIPTS = ("Latin", "Arabic", "Han", "Cyrillic", "Greek", "Hebrew", "Hiragana", "Katakana")


# One alternative per named script: the group that matches names the script.
_NAMED = regex.compile("|".join(rf"(?P<{name}>\p{{Script={name}}})" for name in _NAMED_SCRIPTS))


def script_of(word: str) -> str:
    """The Unicode script of a word's first letter (``Latin``, ``Han``, ``Devanagari``…).

    >>> script_of("пример"), script_of("مثال"), script_of("例")
    ('Cyrillic', 'Arabic', 'Han')
    """
    letter = next((char for char in word if char.isalpha()), word[:1])
    named = _NAMED.match(letter)
    if named is not None and named.lastgroup is not None:
        return named.lastgroup
    return unicodedata.name(letter, "unknown").split(" ", 1)[0].title()


def script_counts(text: str, do_not_translate: frozenset[str]) -> Counter[str]:
    """Prose words per script, do-not-translate names left out."""
    return Counter(_script_counts(text, do_not_translate))


@lru_cache(maxsize=256)
def _script_counts(text: str, do_not_translate: frozenset[str]) -> Counter[str]:
    """:func:`script_counts`, remembered for ``wrong_language`` after ``wrong_script``."""
    prose = words(text, do_not_translate, _BARRIER)
    return Counter(script_of(word.key) for word in prose if word.key != _BARRIER)


class WrongScriptCheck(Check):
    check_id = "wrong_script"
    name = "Wrong script"
    description = (
        "Most words of the translation are in the script of its language (Latin, Arabic, "
        "Han, Cyrillic), not in another one."
    )
    severity = Severity.ERROR
    min_words = 3

    def check(self, context: CheckContext) -> list[Finding]:
        counts = script_counts(context.target_text, context.do_not_translate)
        total = sum(counts.values())
        expected = context.target_conventions.language.script
        if total < self.min_words or counts[expected] * 2 >= total:
            return []
        dominant, dominant_words = counts.most_common(1)[0]
        language = context.target_conventions.language
        return [
            self.finding(
                f"{dominant_words} of the {total} words of the translation are in {dominant} "
                f"script, only {counts[expected]} in {expected}; {language.name} "
                f"({language.code}) is written in {expected} script. Is this the right text?"
            )
        ]


class WrongLanguageCheck(Check):
    check_id = "wrong_language"
    name = "Wrong language"
    description = (
        "The translation is in its target language and not in another one written in the same "
        "script (French, not Spanish); reported only when the detector is confident."
    )
    severity = Severity.ERROR
    min_letters = 20
    min_confidence = 0.9

    def check(self, context: CheckContext) -> list[Finding]:
        if context.source_language == context.target_language:
            return []  # the approved text itself, its language verified with the statement's
        text = context.target_text
        counts = script_counts(text, context.do_not_translate)
        expected = context.target_conventions.language.script
        if counts[expected] * 2 < sum(counts.values()):
            return []  # wrong_script reports it
        prose = blank_out(text, non_prose_spans(text))
        if sum(char.isalpha() for char in prose) < self.min_letters:
            return []
        detection = context.detector.detect(prose)
        if (
            detection.language is None
            or detection.language == context.target_language
            or detection.confidence < self.min_confidence
        ):
            return []
        language = context.target_conventions.language
        detected = str(detection.language)
        if detection.language == context.source_language:
            detected = (
                f"{context.source_conventions.language.name} ({detected}, the source language)"
            )
        return [
            self.finding(
                f"The translation reads as {detected} (confidence "
                f"{detection.confidence:.2f}), not {language.name} ({language.code}). "
                "Is this the right text?"
            )
        ]
