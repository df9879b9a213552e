"""Reading the numbers of a text as values, the way a reader of its language would.

``7.1 million``, ``7,1 millions``, ``7,1 млн`` and ``710万`` are all 7 100 000; ``1 000``
(with a space, a no-break space or a narrow no-break space) and ``1,000`` are both 1 000.
Each mention keeps *every* reading a reader could reasonably give it: a single separator
followed by exactly three digits (``1,000``, ``1.000``) is a thousands separator when it is
the language's own group symbol (CLDR, via Babel), and otherwise either a thousands or a
decimal separator, so ``1,000`` in a French text may be 1 or 1 000 while ``1,5`` is 1.5 in
every language. Multipliers come from ``locales/*.toml`` ``[numbers] scale_words``.

Digits of any script count (Arabic-Indic ``٣``, full-width ``３``); ``٫`` and ``٬`` are the
Arabic decimal and thousands separators. Signs, percent signs and units are ignored: the
check compares quantities, and ``12%`` is ``12 %`` is ``12 por ciento``.
"""

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import regex
from babel.numbers import NumberFormatError, get_group_symbol, parse_decimal

from service.checks.spans import overlaps
from service.locales import LocaleConventions

_SPACE_GROUPS = " \u00a0\u202f\u2009"
_OTHER_GROUPS = "'’٬"
_DECIMAL_ONLY = "٫"
_POINTS = ",."
_TOKEN = re.compile(
    rf"[0-9]+(?:[{_POINTS}{_OTHER_GROUPS}{_DECIMAL_ONLY}][0-9]+|[{_SPACE_GROUPS}][0-9]{{3}}(?![0-9]))*"
)
_SEPARATOR = re.compile(r"[^0-9]")
_SCALE_GAP = _SPACE_GROUPS + "-"
_HAN = regex.compile(r"\p{Script=Han}")
_MAX_CHAINED_SCALES = 3


@dataclass(frozen=True)
class NumberMention:
    """A number as written (``text`` at ``start:end``, scale word included) and its readings."""

    text: str
    start: int
    end: int
    values: frozenset[Decimal]


@dataclass(frozen=True)
class NumberReader:
    """Reads numbers with one language's separators (from Babel) and scale words."""

    babel_locale: str
    group_symbol: str
    scale_words: tuple[tuple[str, Decimal], ...]

    def read(self, text: str, skip: Sequence[tuple[int, int]] = ()) -> list[NumberMention]:
        """Every number of ``text`` outside the ``skip`` spans, in order."""
        digits = ascii_digits(text)
        mentions: list[NumberMention] = []
        for match in _TOKEN.finditer(digits):
            if overlaps(match.start(), match.end(), skip):
                continue
            mentions.extend(self._mentions(text, digits, match.start(), match.end()))
        return mentions

    def _mentions(self, text: str, digits: str, start: int, end: int) -> list[NumberMention]:
        values = self.readings(digits[start:end])
        if values:
            multiplier, scaled_end = self._scale_after(text, end)
            scaled = frozenset(value * multiplier for value in values)
            return [NumberMention(text[start:scaled_end], start, scaled_end, scaled)]
        # Not one number (``2020 100``, ``1.2.3``): read the parts one by one.
        parts: list[NumberMention] = []
        token = digits[start:end]
        splitter = f"[{_SPACE_GROUPS}]" if any(c in _SPACE_GROUPS for c in token) else "[^0-9]"
        position = start
        for piece in re.split(splitter, token):
            parts.extend(self._mentions(text, digits, position, position + len(piece)))
            position += len(piece) + 1
        return parts

    def readings(self, token: str) -> frozenset[Decimal]:
        """Every value a reader of this language may give ``token`` (ASCII digits, separators).

        Empty when the token is not one well-formed number.
        """
        separators = _SEPARATOR.findall(token)
        if not separators:
            return frozenset({Decimal(token)})
        grouped = _read(token, decimal_at=None)
        decimal = _read(token, decimal_at=len(separators) - 1)
        candidates = {value for value in (grouped, decimal) if value is not None}
        if grouped is not None and separators[0] == self.group_symbol:
            candidates = {grouped}  # the language's own thousands separator is never a decimal
        native = self._babel_reading(token)
        if native is not None:
            candidates.add(native)
        return frozenset(candidates)

    def _babel_reading(self, token: str) -> Decimal | None:
        if self.group_symbol in _SPACE_GROUPS:
            token = re.sub(f"[{_SPACE_GROUPS}]", self.group_symbol, token)
        try:
            return parse_decimal(token, locale=self.babel_locale, strict=True)
        except (NumberFormatError, InvalidOperation, ValueError):
            return None

    def _scale_after(self, text: str, position: int) -> tuple[Decimal, int]:
        """The product of the scale words right after ``position`` (``万亿``, ``mil millones``)."""
        multiplier = Decimal(1)
        for _ in range(_MAX_CHAINED_SCALES):
            found = self._scale_at(text, position)
            if found is None:
                break
            factor, position = found
            multiplier *= factor
        return multiplier, position

    def _scale_at(self, text: str, position: int) -> tuple[Decimal, int] | None:
        start = position
        if start < len(text) and text[start] in _SCALE_GAP:
            start += 1
        for word, factor in self.scale_words:
            end = start + len(word)
            if text[start:end].casefold() == word and _ends_word(text, end):
                return factor, end
        return None


def _ends_word(text: str, end: int) -> bool:
    """A scale word must end at a word boundary (``k`` in ``5 k`` but not in ``5 km``).

    Han characters are written without spaces, so ``710万人`` ends ``万`` before ``人``.
    """
    last = text[end - 1]
    if end >= len(text) or not last.isalpha() or _HAN.match(last):
        return True
    return not (text[end].isalnum() or text[end] == "_")


def _read(token: str, decimal_at: int | None) -> Decimal | None:
    """``token`` read with separator number ``decimal_at`` as the decimal mark, others grouping."""
    groups = _SEPARATOR.split(token)
    separators = _SEPARATOR.findall(token)
    integer_groups = groups if decimal_at is None else groups[: decimal_at + 1]
    grouping = separators if decimal_at is None else separators[:decimal_at]
    if decimal_at is not None and (
        separators[decimal_at] not in _POINTS + _DECIMAL_ONLY or separators[decimal_at] in grouping
    ):
        return None
    if grouping and not _well_grouped(integer_groups, grouping):
        return None
    if decimal_at is None and _DECIMAL_ONLY in grouping:
        return None
    integer = "".join(integer_groups)
    fraction = "" if decimal_at is None else groups[-1]
    return Decimal(f"{integer}.{fraction}" if fraction else integer)


def _well_grouped(groups: Sequence[str], separators: Sequence[str]) -> bool:
    """``1 000 000``: one separator kind, a first group of 1-3 digits (no leading 0), then 3s."""
    return (
        len(set(separators)) == 1
        and 1 <= len(groups[0]) <= 3
        and not groups[0].startswith("0")
        and all(len(group) == 3 for group in groups[1:])
    )


def ascii_digits(text: str) -> str:
    """``text`` with every decimal digit of any script as its ASCII digit; same length.

    >>> ascii_digits("٧٫١ مليون و３")
    '7٫1 مليون و3'
    """
    return "".join(str(unicodedata.decimal(char)) if char.isdecimal() else char for char in text)


def number_reader(conventions: LocaleConventions) -> NumberReader:
    """The reader for one language's conventions (Babel symbols and scale words, cached)."""
    scale_words = tuple(
        (word, multiplier)
        for multiplier, words in sorted(conventions.numbers.scale_words.items())
        for word in words
    )
    return _number_reader(conventions.language.babel_locale, scale_words)


@lru_cache(maxsize=16)
def _number_reader(babel_locale: str, scale_words: tuple[tuple[str, str], ...]) -> NumberReader:
    longest_first = sorted(
        ((word.casefold(), Decimal(multiplier)) for word, multiplier in scale_words),
        key=lambda pair: -len(pair[0]),
    )
    return NumberReader(
        babel_locale=babel_locale,
        group_symbol=get_group_symbol(babel_locale),
        scale_words=tuple(longest_first),
    )


def format_value(value: Decimal) -> str:
    """A value for a message: ``7,100,000``, ``2030`` or ``7.1`` (grouped from 10,000 up).

    >>> [format_value(Decimal(text)) for text in ("7.100E+6", "2030", "1.50")]
    ['7,100,000', '2030', '1.5']
    """
    normalized = value.normalize()
    return format(normalized, ",f" if abs(normalized) >= 10_000 else "f")


def format_values(values: Iterable[Decimal]) -> str:
    """``1 or 1,000`` for an ambiguous mention."""
    return " or ".join(format_value(value) for value in sorted(values))
