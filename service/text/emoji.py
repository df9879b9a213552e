"""Emoji sequences in post text: what a reader sees as one emoji, found as one span.

An emoji is, after UTS #51 (Unicode emoji) and matching what twitter-text's emoji parser
(twemoji) counts as one emoji:

* a flag: two regional indicators (``🇺🇳``);
* a keycap: ``0-9``, ``#`` or ``*``, an optional U+FE0F, then U+20E3 (``1⃣``, ``1️⃣``);
* an emoji character (Unicode ``Emoji`` property; text-default ones like ``❤`` and ``©``
  too, as twemoji does) with an optional U+FE0F or skin-tone modifier and an optional tag
  sequence (subdivision flags such as England's);
* any of those joined by U+200D ZERO WIDTH JOINER (``👨‍👩‍👧‍👦`` is one emoji).

A lone regional indicator or skin-tone modifier is not an emoji (as twemoji). Offsets are
Python ``str`` indices (code points), end exclusive.

>>> emoji_spans("Go 👍🏽 🇫🇷 👨‍👩‍👧 1️⃣!")
[(3, 5), (6, 8), (9, 14), (15, 18)]
"""

import re
from functools import cache

import regex

# Every emoji starts with a code point of this class or is a keycap (a test checks the
# class against the Unicode data of `regex`); only there does the full pattern need to run.
_CANDIDATE = re.compile(
    "[0-9#*]\ufe0f?\u20e3|[\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u2bff\u3030\u303d\u3297"
    "\u3299\U0001f000-\U0001faff]"
)


@cache
def _emoji_pattern() -> "regex.Pattern[str]":
    keycap = "[0-9#*]\ufe0f?\u20e3"
    flag = "\\p{Regional_Indicator}{2}"
    modifier = "[\U0001f3fb-\U0001f3ff]"
    tags = "[\U000e0020-\U000e007e]+\U000e007f"
    base = "[\\p{Emoji}--[0-9#*\\p{Regional_Indicator}\U0001f3fb-\U0001f3ff]]"
    element = f"(?:{flag}|{keycap}|{base}(?:\ufe0f|{modifier}\ufe0f?)?(?:{tags})?)"
    return regex.compile(f"(?V1){element}(?:\u200d{element})*")


def has_emoji_candidate(text: str) -> bool:
    """False when ``text`` certainly holds no emoji (a fast pre-check)."""
    return _CANDIDATE.search(text) is not None


def emoji_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every emoji sequence in ``text``, in order.

    Same result as scanning with the emoji pattern, but it is only tried where a candidate
    starts, and a candidate inside an emoji already found is skipped.
    """
    spans: list[tuple[int, int]] = []
    pattern = None
    end = 0
    for candidate in _CANDIDATE.finditer(text):
        if candidate.start() < end:
            continue
        pattern = pattern or _emoji_pattern()
        match = pattern.match(text, candidate.start())
        if match is not None:
            spans.append(match.span())
            end = match.end()
    return spans
