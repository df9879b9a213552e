"""Numbers as written in the six UN languages, found as spans of the original text.

A number is a run of decimal digits of any script (``\\p{Nd}``: ASCII, Arabic-Indic
``٠-٩``, Persian ``۰-۹``, full-width ``０-９``...) with, between digits:

* ``,`` ``.`` ``٫`` ``٬`` (decimal and group separators of en/zh ``1,000.5``, es/fr/ru
  ``7,1`` or ``1.000,5``, ar ``٧٫١``);
* a space, no-break space U+00A0, narrow no-break space U+202F or thin space U+2009 before
  a group of exactly three digits, after a first group of one to three (fr/ru
  ``1 000 000``; ``2024 100`` stays two numbers);

optionally a sign (``-``, ``+``, U+2212 minus) when nothing but space or the start comes
before it, and a percent or per-mille sign (``12%``, fr ``12 %``, ar ``١٢٪``). The text is
kept as written: which separator is decimal depends on the language, so no value is
guessed here. Offsets are Python ``str`` indices (code points), end exclusive.

>>> text = "En 2024, 1 000 000 personnes (7,1 %) ; ٣٫٥٪ ; 1,000.5"
>>> [text[start:end] for start, end in number_spans(text)]
['2024', '1 000 000', '7,1 %', '٣٫٥٪', '1,000.5']
"""

from functools import cache

import regex

_GROUP_SPACES = "\u0020\u00a0\u202f\u2009"
_SEPARATORS = ",.\u066b\u066c"
_PERCENT_SPACES = "\u0020\u00a0\u202f"
_PERCENT_SIGNS = "%\u066a\uff05\u2030"


@cache
def _number_pattern() -> "regex.Pattern[str]":
    sign = "(?:(?<![\\p{L}\\p{N}\\p{P}\\p{S}])[\\-+\u2212](?=\\p{Nd}))?"
    spaced = (
        f"\\p{{Nd}}{{1,3}}(?:[{_GROUP_SPACES}]\\p{{Nd}}{{3}}(?!\\p{{Nd}}))+"
        "(?:[,.\u066b]\\p{Nd}+)?"
    )
    plain = f"\\p{{Nd}}+(?:[{_SEPARATORS}]\\p{{Nd}}+)*"
    percent = f"(?:[{_PERCENT_SPACES}]?[{_PERCENT_SIGNS}])?"
    return regex.compile(f"{sign}(?<!\\p{{Nd}})(?:{spaced}|{plain}){percent}")


def number_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every number in ``text``, in order."""
    return [match.span() for match in _number_pattern().finditer(text)]
