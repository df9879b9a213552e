"""``invisible_characters``: characters that change how a post reads without being seen.

Bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) can make
text display in an order other than the one it is stored in: the Trojan Source attack,
CVE-2021-42574. Zero-width spaces, word joiners and byte-order marks (U+200B, U+2060,
U+FEFF) break links, hashtags and search, and can carry hidden marks. These are errors.

Some invisible characters have a legitimate use and are warnings: the directional marks
LRM, RLM and ALM (U+200E, U+200F, U+061C) in right-to-left text, the zero-width
non-joiner U+200C, and the zero-width joiner U+200D outside an emoji sequence (inside one,
as in 👩‍💻, it is how the emoji is written and is not reported). Any other invisible format
character (Unicode category Cf) outside an emoji is a warning too.
"""

import unicodedata

import regex

from service.checks.base import Check, CheckContext, describe_offset
from service.models import Finding, Severity

_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_ZERO_WIDTH = frozenset("\u200b\u2060\ufeff")
_DIRECTIONAL_MARKS = frozenset("\u200e\u200f\u061c")
_ZERO_WIDTH_JOINER = "\u200d"
# Emoji presentation selectors, skin tones and tag characters (🏴 subdivision flags).
_TAG_FIRST, _TAG_LAST = "\U000e0020", "\U000e007f"
_EMOJI_PARTS = regex.compile(
    rf"[\p{{Extended_Pictographic}}\p{{Emoji_Modifier}}\ufe0f{_TAG_FIRST}-{_TAG_LAST}]"
)


def _label(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, 'FORMAT CHARACTER')}"


def _inside_emoji(text: str, offset: int) -> bool:
    """Whether the character at ``offset`` is part of an emoji sequence.

    A joiner joins two emoji (👩 + ZWJ + 💻); tag characters follow a flag (🏴 + tags).
    """
    before = text[offset - 1] if offset > 0 else ""
    after = text[offset + 1] if offset + 1 < len(text) else ""
    if not (before and _EMOJI_PARTS.match(before)):
        return False
    return _TAG_FIRST <= text[offset] <= _TAG_LAST or bool(after and _EMOJI_PARTS.match(after))


class InvisibleCharactersCheck(Check):
    check_id = "invisible_characters"
    name = "Invisible characters"
    description = (
        "No hidden bidirectional controls (Trojan Source, CVE-2021-42574) or zero-width "
        "characters; directional marks and joiners that may be intended are warnings."
    )
    severity = Severity.ERROR

    def check(self, context: CheckContext) -> list[Finding]:
        text = context.target_text
        right_to_left = context.target_conventions.language.direction == "rtl"
        findings: list[Finding] = []
        for offset, char in enumerate(text):
            if unicodedata.category(char) != "Cf":
                continue
            verdict = self._judge(text, offset, char, right_to_left)
            if verdict is None:
                continue
            severity, advice = verdict
            findings.append(
                self.finding(
                    f"Invisible {_label(char)} {describe_offset(text, offset)}: {advice}",
                    start=offset,
                    end=offset + 1,
                    severity=severity,
                )
            )
        return findings

    def _judge(
        self, text: str, offset: int, char: str, right_to_left: bool
    ) -> tuple[Severity, str] | None:
        """The severity and advice for one format character, or None when it is fine."""
        if char in _BIDI_CONTROLS:
            return Severity.ERROR, (
                "it can reorder how the text displays (Trojan Source, CVE-2021-42574); remove it."
            )
        if char in _ZERO_WIDTH:
            return Severity.ERROR, "it breaks links, hashtags and search; remove it."
        if char in _DIRECTIONAL_MARKS:
            if right_to_left:
                return (
                    Severity.WARNING,
                    "keep it only if it fixes the order of mixed-direction text.",
                )
            return Severity.WARNING, "a left-to-right text has no use for it; remove it."
        if _inside_emoji(text, offset):
            return None
        if char == _ZERO_WIDTH_JOINER:
            return (
                Severity.WARNING,
                "outside an emoji it is rarely intended; remove it unless it is.",
            )
        if char == "\u200c":
            return (
                Severity.WARNING,
                "keep it only where the spelling needs it; otherwise remove it.",
            )
        return Severity.WARNING, "check that it is intended, or remove it."
