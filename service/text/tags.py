"""@mentions, #hashtags and $cashtags, by the rules of twitter-text, plus Mastodon handles.

Each function returns ``(start, end)`` spans, Python ``str`` indices (code points), end
exclusive; ``text[start:end]`` includes the sigil (``@``, ``#``, ``$`` or their full-width
forms). The rules follow twitter-text's regular expressions (its conformance suite is the
spec):

* mention: ``@`` + 1-20 of ``[A-Za-z0-9_]``, optionally ``/list-slug`` (a letter, then up
  to 24 of ``[A-Za-z0-9_-]``); not after a letter, digit or one of ``_!#$%&*@`` (but after
  ``RT``/``RT:`` yes); not when followed by ``@``, an accented Latin letter or ``://``;
* hashtag: ``#`` + letters, marks, digits and ``_`` (and a few joiners such as ZWNJ,
  U+00B7 or U+30FB), at least one letter; not after a letter, digit or ``&``; not when
  followed by ``#`` or ``://``; ``#️⃣`` is a keycap, not a hashtag;
* cashtag: ``$`` + 1-6 ASCII letters, optionally ``.`` or ``_`` and 1-2 letters, after a
  space or the start, before a space, punctuation or the end;
* Mastodon handle (not in twitter-text): ``@user@example.social``.

twitter-text drops a hashtag that lies inside a URL; :func:`hashtag_spans` takes the URL
spans to do the same.

>>> text = "RT @un_news: #ClimateAction now! $SPY @unesco@mastodon.social"
>>> [text[s:e] for s, e in mention_spans(text) + hashtag_spans(text) + cashtag_spans(text)]
['@un_news', '#ClimateAction', '$SPY']
>>> [text[s:e] for s, e in mastodon_handle_spans(text)]
['@unesco@mastodon.social']
"""

from collections.abc import Sequence
from functools import cache

import regex

from service.text.urls import DIRECTIONAL_CHARS, LATIN_ACCENT_CHARS, SPACE_CHARS

_AT_SIGNS = "@\uff20"
_HASH_SIGNS = "#\uff03"
_HASHTAG_SPECIAL = (
    "_\u200c\u200d\ua67e\u05be\u05f3\u05f4\uff5e\u301c\u309b\u309c\u30a0\u30fb\u3003"
    "\u0f0b\u0f0c\u00b7"
)
_HASHTAG_LETTER = "\\p{L}\\p{M}"
_HASHTAG_ALNUM = f"{_HASHTAG_LETTER}\\p{{Nd}}{_HASHTAG_SPECIAL}"
_PUNCT = r"!'#%&()*+,\\\-./:;<=>?@\[\]^_{|}~$"


@cache
def _mention_pattern() -> "regex.Pattern[str]":
    before = "(?:^|[^a-zA-Z0-9_!#$%&*@\uff20]|(?:^|[^a-zA-Z0-9_+~.\\-])(?:rt|RT|rT|Rt):?)"
    return regex.compile(
        f"(?P<before>{before})[{_AT_SIGNS}][a-zA-Z0-9_]{{1,20}}"
        "(?P<list>/[a-zA-Z][a-zA-Z0-9_\\-]{0,24})?"
    )


@cache
def _mention_end_pattern() -> "regex.Pattern[str]":
    return regex.compile(f"[{_AT_SIGNS}{LATIN_ACCENT_CHARS}]|://")


@cache
def _hashtag_pattern() -> "regex.Pattern[str]":
    boundary = f"(?:^|(?<=[\ufe0e\ufe0f])|(?<![&{_HASHTAG_ALNUM}]))"
    return regex.compile(
        f"{boundary}[{_HASH_SIGNS}](?![\ufe0f\u20e3])"
        f"[{_HASHTAG_ALNUM}]*[{_HASHTAG_LETTER}][{_HASHTAG_ALNUM}]*"
    )


@cache
def _hashtag_end_pattern() -> "regex.Pattern[str]":
    return regex.compile(f"[{_HASH_SIGNS}]|://")


@cache
def _cashtag_pattern() -> "regex.Pattern[str]":
    return regex.compile(
        f"(?:^|(?<=[{SPACE_CHARS}{DIRECTIONAL_CHARS}]))\\$[a-zA-Z]{{1,6}}(?:[._][a-zA-Z]{{1,2}})?"
        f"(?=\\Z|\\s|[{_PUNCT}])"
    )


@cache
def _mastodon_handle_pattern() -> "regex.Pattern[str]":
    label = "[\\p{L}\\p{N}](?:[\\p{L}\\p{N}\\-]*[\\p{L}\\p{N}])?"
    return regex.compile(
        f"(?<![\\w/=@{_AT_SIGNS}])[{_AT_SIGNS}][a-zA-Z0-9_]+(?:[.\\-]+[a-zA-Z0-9_]+)*"
        f"[{_AT_SIGNS}]{label}(?:\\.{label})+(?![\\w@])"
    )


def mention_or_list_spans(text: str) -> list[tuple[int, int]]:
    """Spans of ``@user`` and ``@user/list`` (``extractMentionsOrListsWithIndices``)."""
    if "@" not in text and "\uff20" not in text:
        return []
    end_pattern = _mention_end_pattern()
    spans = []
    for match in _mention_pattern().finditer(text):
        if end_pattern.match(text, match.end()) is None:
            spans.append((match.end("before"), match.end()))
    return spans


def mention_spans(text: str) -> list[tuple[int, int]]:
    """Spans of ``@user`` mentions only (lists excluded, as twitter-text ``extractMentions``)."""
    return [
        (start, end) for start, end in mention_or_list_spans(text) if "/" not in text[start:end]
    ]


def mastodon_handle_spans(text: str) -> list[tuple[int, int]]:
    """Spans of fediverse handles ``@user@domain.tld`` (the domain needs a dot)."""
    if text.count("@") + text.count("\uff20") < 2:
        return []
    return [match.span() for match in _mastodon_handle_pattern().finditer(text)]


def _drop_overlapping_urls(
    hashtags: list[tuple[int, int]], urls: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """twitter-text's overlap rule: in start order, drop what overlaps the entity kept before."""
    url_set = set(urls)
    kept: list[tuple[int, int]] = []
    for span in sorted([*hashtags, *urls]):
        if kept and kept[-1][1] > span[0]:
            continue
        kept.append(span)
    return [span for span in kept if span not in url_set]


def hashtag_spans(text: str, url_spans: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Spans of ``#hashtag``; one that overlaps a URL of ``url_spans`` started first is dropped."""
    if "#" not in text and "\uff03" not in text:
        return []
    end_pattern = _hashtag_end_pattern()
    spans = [
        match.span()
        for match in _hashtag_pattern().finditer(text)
        if end_pattern.match(text, match.end()) is None
    ]
    return _drop_overlapping_urls(spans, url_spans) if spans and url_spans else spans


def cashtag_spans(text: str) -> list[tuple[int, int]]:
    """Spans of ``$TICKER`` cashtags (twitter-text ``extractCashtagsWithIndices``)."""
    if "$" not in text:
        return []
    return [match.span() for match in _cashtag_pattern().finditer(text)]
