"""Re-writing a number from one language's format into another's, only where it is exact.

A figure such as ``1,000.5`` (English) is ``1 000,5`` in French and ``1.000,5`` in Spanish
(CLDR, via Babel): the separators are the language's, the digits and their count are the
same. :func:`convert_number` does that conversion and nothing else. It returns ``None``
(keep the number as written) whenever the reading is not certain:

* no separator at all (``2030``, ``193``): a year or a count reads the same everywhere,
  and grouping ``2030`` as ``2 030`` would be wrong;
* digits other than ASCII (``٣٫٥``): the writer chose a digit system on purpose;
* separators that are not exactly the source language's group and decimal symbols
  (``1.5`` in a French text), more than one decimal symbol, or groups that are not three
  digits (``1,00``): the number may be a date, a version or a typo;
* a lone decimal symbol before exactly three digits (``1.000`` in English): many writers
  mean one thousand by it.

A sign before the number and a percent sign after it are kept as written.

>>> convert_number("1,000.5", "en", "fr")
'1\\u202f000,5'
>>> convert_number("7,50 %", "fr", "en")
'7.50 %'
>>> convert_number("2030", "en", "fr") is None
True
"""

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol

_SPACE_GROUPS = frozenset(" \u00a0\u202f\u2009")
_NUMBER = re.compile(
    r"^([-+\u2212]?)([0-9][0-9,.\u00a0\u202f\u2009 ]*[0-9]|[0-9])((?:\s?[%\u2030])?)$"
)


@lru_cache(maxsize=32)
def _symbols(babel_locale: str) -> tuple[str, str]:
    """(group symbol, decimal symbol) of a Babel locale, Latin digits."""
    return get_group_symbol(babel_locale), get_decimal_symbol(babel_locale)


def _is_group(char: str, group_symbol: str) -> bool:
    if group_symbol in _SPACE_GROUPS:
        return char in _SPACE_GROUPS
    return char == group_symbol


def _split(body: str, babel_locale: str) -> tuple[list[str], str] | None:
    """The integer groups and the fraction digits of ``body``, or None if not exactly readable."""
    group_symbol, decimal_symbol = _symbols(babel_locale)
    integer, has_fraction, fraction = body.partition(decimal_symbol)
    if has_fraction and (not fraction.isdigit() or not fraction.isascii()):
        return None
    groups: list[str] = []
    current = ""
    for char in integer:
        if char.isdigit():
            current += char
        elif _is_group(char, group_symbol) and current:
            groups.append(current)
            current = ""
        else:
            return None
    groups.append(current)
    if not current or len(groups[0]) > 3 or any(len(group) != 3 for group in groups[1:]):
        return None
    return groups, fraction


def convert_number(text: str, source_locale: str, target_locale: str) -> str | None:
    """``text`` (one number as written in ``source_locale``) in ``target_locale``'s format.

    ``None`` means "keep it as written" (see the module docstring for when).
    """
    found = _NUMBER.match(text)
    if found is None:
        return None
    sign, body, suffix = found.groups()
    if body.isdigit():
        return None  # nothing to localize: 2030, 193
    parts = _split(body, source_locale)
    if parts is None:
        return None
    groups, fraction = parts
    if len(groups) == 1 and len(fraction) == 3:
        return None  # "1.000": a decimal here, but many writers mean one thousand
    try:
        value = Decimal("".join(groups) + ("." + fraction if fraction else ""))
    except InvalidOperation:
        return None
    integer_pattern = "#,##0" if len(groups) > 1 else "0"
    pattern = integer_pattern + ("." + "0" * len(fraction) if fraction else "")
    rendered = format_decimal(value, format=pattern, locale=target_locale)
    return f"{sign}{rendered}{suffix}"
