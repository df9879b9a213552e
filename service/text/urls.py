"""URL spans in post text, by the rules of twitter-text (the conformance suite is the spec).

A URL is found with or without a protocol (``https://un.org/x`` and ``un.org/x``) when its
top-level domain is on the twitter-text TLD list (``data/twitter-text/tlds.json``). The
rules, taken from twitter-text's ``extractUrlsWithIndices`` and its regular expressions:

* the character before a URL must not be a letter, digit, ``@``, ``$`` or ``#`` (so
  ``#un.org`` and ``@un.org`` are not links);
* without a protocol only ASCII domains count, and not after ``-``, ``_``, ``.`` or ``/``;
* every domain label must be 1-63 characters once punycode-encoded, the whole URL at most
  4,096 characters;
* a ``t.co`` link keeps only its slug (at most 40 characters) and query;
* a path ends on a letter, digit or one of ``=_#/+-`` or a balanced ``(...)``, so trailing
  punctuation (``http://un.org/path.``) stays outside.

Offsets are Python ``str`` indices (code points), end exclusive: ``text[start:end]`` is the
URL. Patterns are compiled on first use (the TLD alternation is large).

Unlike twitter-text, the pattern stops a domain label at 63 characters and a domain at 127
labels (the DNS limits), and it does not retry a domain start that an earlier start in the
same chain of labels already covered. Both keep matching linear in the length of the text
(twitter-text's pattern is quadratic on long runs such as a CJK paragraph without spaces
or "a.a.a.a..."). Results can differ only where twitter-text matches a domain with a
longer label or more labels, which it then rejects whole, while adapt may find a URL in its
tail; the conformance suite passes unchanged.

>>> url_spans("Read http://un.org/sdgs. Or un.org.")
[(5, 23), (28, 34)]
"""

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import regex

from service.errors import DataError

TLD_FILE = Path(__file__).parent / "data" / "twitter-text" / "tlds.json"

MAX_URL_LENGTH = 4096
MAX_TCO_SLUG_LENGTH = 40
MAX_DOMAIN_LABEL_LENGTH = 63
_DEFAULT_PROTOCOL_LENGTH = len("https://")

# Character groups of twitter-text (regexp/spacesGroup, invalidCharsGroup, punct, ...).
SPACE_CHARS = "\t-\r \x85\xa0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
INVALID_CHARS = "\ufffe\ufeff\uffff"
DIRECTIONAL_CHARS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# twitter-text's punct set (note: no '"' and no '`', as upstream).
_PUNCT_NO_DASH_UNDERSCORE = r"!'#%&()*+,\\./:;<=>?@\[\]^{|}~$"
LATIN_ACCENT_CHARS = (
    "\xc0-\xd6\xd8-\xf6\xf8-\xff\u0100-\u024f\u0253\u0254\u0256\u0257\u0259\u025b\u0263"
    "\u0268\u026f\u0272\u0289\u028b\u02bb\u0300-\u036f\u1e00-\u1eff"
)
_CYRILLIC_CHARS = "\u0400-\u04ff"

_NOT_DOMAIN = _PUNCT_NO_DASH_UNDERSCORE + SPACE_CHARS + INVALID_CHARS + DIRECTIONAL_CHARS
_DOMAIN_CHAR = f"[^_\\-{_NOT_DOMAIN}]"
_DOMAIN_CHAR_OR_DASH = f"[^_{_NOT_DOMAIN}]"
_DOMAIN_CHAR_OR_DASH_UNDERSCORE = f"[^{_NOT_DOMAIN}]"
# Labels are capped at 63 characters and domains at 127 labels (DNS limits, RFC 1035):
# twitter-text has no cap but rejects such domains after matching them (module docstring).
_SUBDOMAIN = f"(?:(?:{_DOMAIN_CHAR}{_DOMAIN_CHAR_OR_DASH_UNDERSCORE}{{0,61}})?{_DOMAIN_CHAR}\\.)"
_DOMAIN_NAME = f"(?:(?:{_DOMAIN_CHAR}{_DOMAIN_CHAR_OR_DASH}{{0,61}})?{_DOMAIN_CHAR}\\.)"
_MAX_SUBDOMAINS = 125
_PRUNE_FROM_DOTS = 16
# Characters that may precede a URL and end a label run (so a domain may start after them).
_BEFORE_LABEL = r"!'%&()*+,\\./:;<=>?\[\]^{|}~" + SPACE_CHARS + DIRECTIONAL_CHARS
# No domain starts right after "label." when a domain could have started at that label:
# whatever matches from here also matches from there, with one more subdomain, and the scan
# tried there first. Pruning these starts keeps chains like "a.a.a.a..." linear.
_NOT_AFTER_TRIED_LABEL = f"(?<!(?:^|[{_BEFORE_LABEL}]){_SUBDOMAIN})"
_TLD_END = r"(?=[^0-9a-zA-Z@+\-]|\Z)"
_PUNYCODE = r"(?:(?i:xn--)[\-0-9a-zA-Z]+)"

_PATH_CHAR = f"[A-Za-z{_CYRILLIC_CHARS}0-9!*';:=+,.$/%#\\[\\]\\-\u2013_~@|&{LATIN_ACCENT_CHARS}]"
_BALANCED_PARENS = f"\\((?:{_PATH_CHAR}+|(?:{_PATH_CHAR}*\\({_PATH_CHAR}+\\){_PATH_CHAR}*))\\)"
_PATH_END = f"(?:[+\\-A-Za-z{_CYRILLIC_CHARS}0-9=_#/{LATIN_ACCENT_CHARS}]|{_BALANCED_PARENS})"
_PATH = f"(?:(?:{_PATH_CHAR}*(?:{_BALANCED_PARENS}{_PATH_CHAR}*)*{_PATH_END})|(?:@{_PATH_CHAR}+/))"
_QUERY_CHAR = r"[A-Za-z0-9!?*'@();:&=+$/%#\[\]\-_.,~|]"
_QUERY_END = r"[A-Za-z0-9\-_&=#/]"

# A URL never contains one of these spaces, so only the space-free runs holding a '.' that
# a possible top-level domain follows need the full pattern (see _candidate_runs).
_DOTTED_RUN = re.compile(f"(?:^|[{SPACE_CHARS}])[^{SPACE_CHARS}.]*+\\.[^{SPACE_CHARS}]*")
_DOT_BEFORE_TLD = re.compile(f"\\.[^{SPACE_CHARS}{_PUNCT_NO_DASH_UNDERSCORE}_\\-0-9]")
_INVALID_BEFORE_BARE_URL = frozenset("-_./")


_Match = re.Match[str] | regex.Match[str]


@dataclass(frozen=True, slots=True)
class _Patterns:
    url: re.Pattern[str]
    ascii_domain: re.Pattern[str]
    tco: re.Pattern[str]


_Trie = dict[str, "_Trie"]


def _trie_pattern(words: Iterable[str]) -> str:
    """An alternation of ``words`` as a trie, longest alternative first at every branch.

    Equivalent to ``a|b|c`` for a following look-ahead that rejects letters and digits,
    but much faster than trying 1,574 alternatives one by one.

    >>> _trie_pattern(["com", "co", "coop", "org"])
    '(?:co(?:m|op)?|org)'
    """
    trie: _Trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _node_pattern(trie)


def _node_pattern(node: _Trie) -> str:
    branches = [re.escape(char) + _node_pattern(node[char]) for char in sorted(node) if char]
    optional = "" in node
    if not branches:
        return ""
    if len(branches) == 1 and not optional:
        return branches[0]
    return "(?:" + "|".join(branches) + ")" + ("?" if optional else "")


def load_tlds(path: Path = TLD_FILE) -> tuple[list[str], list[str]]:
    """Read the (generic, country) TLD lists; a broken file is a :class:`DataError`."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise DataError(f"{path}: cannot read the TLD list ({error})") from None
    lists = []
    for key in ("generic", "country"):
        values = data.get(key) if isinstance(data, dict) else None
        if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
            raise DataError(f"{path}: {key!r} must be a list of non-empty strings")
        lists.append(values)
    return lists[0], lists[1]


@cache
def _pattern_sources() -> tuple[str, str]:
    """The URL pattern (``PRUNE`` marks where the pruned variant differs) and the ASCII
    domain pattern, both with the TLD alternations."""
    generic, country = load_tlds()
    gtld = f"(?:(?i:{_trie_pattern(generic)}){_TLD_END})"
    cctld = f"(?:(?i:{_trie_pattern(country)}){_TLD_END})"
    domain = f"(?:{_SUBDOMAIN}{{0,{_MAX_SUBDOMAINS}}}{_DOMAIN_NAME}(?:{gtld}|{cctld}|{_PUNYCODE}))"
    url = (
        f"(?P<before>[^A-Za-z0-9@\uff20$#\uff03{INVALID_CHARS}]|^)"
        "(?P<url>"
        "(?:(?P<protocol>(?i:https?://))PRUNE)"
        f"(?P<domain>{domain})"
        "(?::[0-9]+)?"
        f"(?P<path>/{_PATH}*+)?"
        f"(?:\\?{_QUERY_CHAR}*{_QUERY_END})?"
        ")"
    )
    ascii_domain = f"(?:[\\-a-zA-Z0-9{LATIN_ACCENT_CHARS}]+\\.)+(?:{gtld}|{cctld}|{_PUNYCODE})"
    return url, ascii_domain


@cache
def _patterns() -> _Patterns:
    url, ascii_domain = _pattern_sources()
    tco = f"(?i:https?://t\\.co/)(?P<slug>[A-Za-z0-9]+)(?:\\?{_QUERY_CHAR}*{_QUERY_END})?"
    return _Patterns(
        re.compile(url.replace("PRUNE", "?")), re.compile(ascii_domain), re.compile(tco)
    )


@cache
def _pruned_url_pattern() -> "regex.Pattern[str]":
    """The URL pattern for runs with many dots, compiled only when one comes (it is slow to
    compile, and most texts have none)."""
    url, _ = _pattern_sources()
    return regex.compile(url.replace("PRUNE", "|" + _NOT_AFTER_TRIED_LABEL))


def _punycode_length(label: str) -> int:
    if label.isascii():
        return len(label)
    return len("xn--") + len(label.encode("punycode"))


def _is_valid_host(url_length: int, has_protocol: bool, domain: str) -> bool:
    """twitter-text's ``isValidUrl``: DNS label lengths (RFC 3490) and the 4,096 limit."""
    if domain.startswith("xn--") and not _patterns().ascii_domain.search(domain):
        return False  # a punycode label cannot hold non-ASCII characters
    encoded_length = domain.count(".")
    for label in domain.split("."):
        label_length = _punycode_length(label)
        if not 1 <= label_length <= MAX_DOMAIN_LABEL_LENGTH:
            return False
        encoded_length += label_length
    length = url_length + encoded_length - len(domain)
    return length + (0 if has_protocol else _DEFAULT_PROTOCOL_LENGTH) <= MAX_URL_LENGTH


def _bare_url_spans(match: _Match, offset: int) -> list[tuple[int, int]]:
    """Spans for a protocol-less match: its ASCII-only domains, the last one with the path."""
    domain = match["domain"]
    start = match.start("url") + offset
    spans = [
        (start + found.start(), start + found.end())
        for found in _patterns().ascii_domain.finditer(domain)
    ]
    if spans and match["path"]:
        spans[-1] = (spans[-1][0], match.end("url") + offset)
    return spans


def _match_spans(match: _Match, offset: int, without_protocol: bool) -> list[tuple[int, int]]:
    url = match["url"]
    has_protocol = match["protocol"] is not None
    if not _is_valid_host(len(url), has_protocol, match["domain"]):
        return []
    if not has_protocol:
        if not without_protocol or match["before"] in _INVALID_BEFORE_BARE_URL:
            return []
        return _bare_url_spans(match, offset)
    start = match.start("url") + offset
    tco = _patterns().tco.match(url)
    if tco is None:
        return [(start, match.end("url") + offset)]
    if len(tco["slug"]) > MAX_TCO_SLUG_LENGTH:
        return []
    return [(start, start + tco.end())]


def _candidate_runs(text: str) -> Iterable[tuple[int, str]]:
    """Space-free runs that may hold a URL, each with the space before it, and their offsets.

    A URL match lies inside one run (no part of it may be a space) and is preceded by a
    character of the run, the space before it or the start of text; its domain has a '.'
    followed by the first letter of a top-level domain. So scanning only such runs, one by
    one, gives exactly the matches of scanning the whole text.
    """
    for run in _DOTTED_RUN.finditer(text):
        token = run.group()
        if _DOT_BEFORE_TLD.search(token):
            yield run.start(), token


def url_spans(text: str, *, without_protocol: bool = True) -> list[tuple[int, int]]:
    """``(start, end)`` of every URL in ``text``, in order (see the module docstring)."""
    if "." not in text:
        return []
    if not without_protocol and ":" not in text:
        return []
    spans: list[tuple[int, int]] = []
    for offset, run in _candidate_runs(text):
        for match, shift in _url_matches(run):
            spans.extend(_match_spans(match, offset + shift, without_protocol))
    return spans


def _url_matches(run: str) -> Iterable[tuple[_Match, int]]:
    """The URL pattern's matches in ``run``, each with the offset its positions are relative to.

    Most runs use the `re` pattern. A run with many dots uses the pruned `regex` pattern,
    which stays linear on chains like "a.a.a.a..." where `re` would retry every label. Its
    look-behind must not count a label whose preceding character a previous match used, so
    after each match the search goes on in the rest of the run behind a sentinel "@" (a
    character that can neither precede a URL nor be part of one there).
    """
    if run.count(".") <= _PRUNE_FROM_DOTS:
        yield from ((match, 0) for match in _patterns().url.finditer(run))
        return
    pruned = _pruned_url_pattern()
    position = 0
    while True:
        shift = position - 1 if position else 0
        match = pruned.search("@" + run[position:] if position else run)
        if match is None:
            return
        yield match, shift
        position = shift + match.end()
