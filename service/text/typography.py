"""Where a language's typography rules apply: the questions the check and the post-edit share.

The ``typography`` check (:mod:`service.checks.typography`) reports and the post-edit
(:mod:`service.pipeline.postedit`) rewrites by the same ``locales/<code>.toml``
``[typography]`` rules. Both ask these pure questions of one mark in a text, so that what
the post-edit changes is what the check would report. Which spans of the text are off
limits (links, emoji, protected names) is each caller's business, not this module's.

Punctuation between two digits (``10:30``, ``7.1``) is never judged, nor is the first mark
of an emoticon (``:)``, ``;-)``).
"""

import re
import unicodedata
from functools import lru_cache

import regex

from service.locales import LocaleConventions, TypographyRules

_EMOTICON = re.compile(r"[:;=][-'^o]?[()\[\]DPpOo3*|/\\](?=\s|$|[.,!?])")
# A closing mark looks left past closing brackets and quotes, spaces and combining marks;
# an opening mark looks right past opening brackets and quotes and spaces.
_SKIP_LEFT = frozenset({"Pe", "Pf", "Zs", "Mn"})
_SKIP_RIGHT = frozenset({"Ps", "Pi", "Zs"})
_NEIGHBOUR_DISTANCE = 3


@lru_cache(maxsize=16)
def script_pattern(script: str) -> "regex.Pattern[str]":
    """A pattern matching one character of the Unicode ``script`` (``Han``, ``Arabic``)."""
    return regex.compile(rf"\p{{Script={script}}}")


def between_digits(text: str, offset: int) -> bool:
    """Whether the mark at ``offset`` stands between two digits, as in ``10:30`` or ``7.1``.

    >>> between_digits("10:30", 2), between_digits("10 : 30", 3)
    (True, False)
    """
    return (
        0 < offset < len(text) - 1 and text[offset - 1].isdecimal() and text[offset + 1].isdecimal()
    )


def starts_emoticon(text: str, offset: int) -> bool:
    """Whether an emoticon (``:)``, ``;-)``) starts at ``offset``, after a space or the start.

    >>> starts_emoticon("Merci :)", 6), starts_emoticon("Note:)", 4)
    (True, False)
    """
    return (offset == 0 or text[offset - 1].isspace()) and bool(_EMOTICON.match(text, offset))


def _neighbour(text: str, offset: int, step: int, skipped: frozenset[str]) -> str:
    """The nearest character on one side that is not a space, mark or bracket of ``skipped``."""
    position = offset + step
    for _ in range(_NEIGHBOUR_DISTANCE):
        if not 0 <= position < len(text):
            return ""
        if unicodedata.category(text[position]) not in skipped:
            return text[position]
        position += step
    return ""


def native_form(text: str, offset: int, conventions: LocaleConventions) -> str | None:
    """The language's own mark for the ASCII punctuation at ``offset``, where it needs one.

    It needs one when ``[typography] native_punctuation`` maps it, it is not between two
    digits and the text it attaches to (the next character for an opening bracket, the
    previous one otherwise, within a few spaces and brackets) is in the language's script.
    ``None`` where the mark stays as it is.

    >>> from service.locales import load_locales
    >>> from service.settings import REPOSITORY_ROOT
    >>> from service.languages import Language
    >>> chinese = load_locales(REPOSITORY_ROOT / "locales")[Language.ZH]
    >>> native_form("你好, world", 2, chinese), native_form("Hello, 世界", 5, chinese)
    ('，', None)
    """
    char = text[offset]
    native = conventions.typography.native_punctuation.get(char)
    if native is None or between_digits(text, offset):
        return None
    if unicodedata.category(char) == "Ps":
        neighbour = _neighbour(text, offset, 1, _SKIP_RIGHT)
    else:
        neighbour = _neighbour(text, offset, -1, _SKIP_LEFT)
    if neighbour and script_pattern(conventions.language.script).match(neighbour):
        return native
    return None


def missing_space_before(text: str, offset: int, rules: TypographyRules) -> str | None:
    """The space ``[typography] space_before`` wants before the mark at ``offset``, if lacking.

    ``None`` where the mark needs no space or is well spaced: it has the required or an
    accepted space, starts a line, is a number's separator or an emoticon, or follows
    another such mark (``?!``: the space goes before the first only) or an opening bracket
    or quote (``(?)``, ``«?»``).

    >>> from service.locales import load_locales
    >>> from service.settings import REPOSITORY_ROOT
    >>> from service.languages import Language
    >>> french = load_locales(REPOSITORY_ROOT / "locales")[Language.FR].typography
    >>> missing_space_before("Pourquoi ?", 9, french), missing_space_before("10:30", 2, french)
    ('\\u202f', None)
    """
    required = rules.space_before.get(text[offset])
    if required is None or offset == 0:
        return None
    if between_digits(text, offset) or starts_emoticon(text, offset):
        return None
    before = text[offset - 1]
    if before == required or before in rules.accepted_spaces_before or before in "\n\r":
        return None
    if before in rules.space_before and before != rules.quotes[1]:
        return None
    if unicodedata.category(before) in ("Ps", "Pi"):
        return None
    return required


def missing_inner_space(text: str, offset: int, rules: TypographyRules) -> int | None:
    """Where the quote at ``offset`` lacks ``[typography] quote_inner_space``, if it does.

    The answer is the position of the character just inside the quote (after ``«``, before
    ``»``) that is neither the inner space nor an accepted one. ``None`` for anything but
    a quote that needs the space: a language without an inner space or with the same mark
    on both sides, an opening quote at the end of a line, a closing quote that
    ``space_before`` already governs.

    >>> from service.locales import load_locales
    >>> from service.settings import REPOSITORY_ROOT
    >>> from service.languages import Language
    >>> french = load_locales(REPOSITORY_ROOT / "locales")[Language.FR].typography
    >>> missing_inner_space("« merci »", 0, french), missing_inner_space("«\\u202fmerci", 0, french)
    (1, None)
    """
    opening, closing = rules.quotes
    inner = rules.quote_inner_space
    if not inner or opening == closing:
        return None
    char = text[offset]
    if char == opening and offset + 1 < len(text) and text[offset + 1] not in "\n\r":
        position = offset + 1
    elif char == closing and closing not in rules.space_before and offset > 0:
        position = offset - 1
    else:
        return None
    if text[position] == inner or text[position] in rules.accepted_spaces_before:
        return None
    return position
