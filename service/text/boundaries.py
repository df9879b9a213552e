"""Finding a name as a whole word, in texts that mix scripts with and without spaces.

``\\b`` and ``(?<!\\w)`` treat a Chinese character as a word character, so ``WHO`` would not
be found in ``WHO呼吁`` (Chinese writes no spaces around a Latin acronym). Here a form is a
whole word when no *spaced-script* letter or digit touches it: Han characters never count
as a neighbour, and a form written in Han is found anywhere (Chinese has no word spaces).

>>> [m.group() for m in whole_word_pattern("WHO").finditer("WHO呼吁 WHOM WHO.")]
['WHO', 'WHO']
>>> [m.group() for m in whole_word_pattern("oms", ignore_case=True).finditer("l’OMS, OMSA")]
['OMS']
"""

from functools import lru_cache

import regex

_NEIGHBOUR = r"[^\W\p{Han}_]"


@lru_cache(maxsize=1024)
def whole_word_pattern(form: str, *, ignore_case: bool = False) -> "regex.Pattern[str]":
    """A compiled pattern matching ``form`` where no spaced-script letter or digit touches it."""
    flags = regex.IGNORECASE if ignore_case else 0
    return regex.compile(rf"(?<!{_NEIGHBOUR}){regex.escape(form)}(?!{_NEIGHBOUR})", flags)
