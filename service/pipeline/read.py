"""Reading an approved statement: optional front matter, then plain text or Markdown.

A statement file may start with a front-matter block between two ``---`` lines holding
``key: value`` pairs: ``title``, ``link`` (carried by every post), ``hashtags`` (carried by
every post, space separated) and ``language`` (declared source language). Only these keys
are accepted, so a typo is an error rather than silently ignored.

Markdown is reduced to text for line extraction: headings, list markers, emphasis and
link syntax are removed (a link's text stays; its address is dropped unless it *is* the
text). A first-level heading becomes the title when the front matter gives none.
"""

import re

from service.errors import InputError
from service.languages import parse_optional_language
from service.models import Statement

_FRONT_MATTER_KEYS = frozenset({"title", "link", "hashtags", "language"})
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_HASHTAG = re.compile(r"^#\w+$")


def _parse_front_matter(lines: list[str]) -> tuple[dict[str, str], int]:
    """Return the front-matter pairs and the index of the first body line."""
    if not lines or lines[0].strip() != "---":
        return {}, 0
    closing = next((i for i, line in enumerate(lines[1:], start=1) if line.strip() == "---"), None)
    if closing is None:
        raise InputError("front matter opened with '---' on line 1 is never closed with '---'")
    pairs: dict[str, str] = {}
    for index in range(1, closing):
        line = lines[index]
        if not line.strip() or line.lstrip().startswith("#"):
            continue  # blank lines and YAML-style comments
        key, separator, value = line.partition(":")
        key = key.strip().lower()
        if not separator or key not in _FRONT_MATTER_KEYS:
            allowed = ", ".join(sorted(_FRONT_MATTER_KEYS))
            raise InputError(
                f"front matter line {index + 1}: expected 'key: value' with key in {allowed}"
            )
        if key in pairs:
            raise InputError(f"front matter line {index + 1}: {key!r} given twice")
        pairs[key] = value.strip().strip('"').strip("'")
    return pairs, closing + 1


def _parse_hashtags(value: str) -> list[str]:
    hashtags = value.replace(",", " ").split()
    for hashtag in hashtags:
        if not _HASHTAG.match(hashtag):
            raise InputError(f"front matter: {hashtag!r} is not a hashtag (#Word, no spaces)")
    return hashtags


def _markdown_to_text(line: str) -> tuple[str, bool]:
    """Strip Markdown syntax from one line; the flag says whether it was a heading."""
    heading = _HEADING.match(line)
    text = heading.group(2) if heading else _LIST_MARKER.sub("", line)
    text = _MARKDOWN_LINK.sub(
        lambda m: m.group(2) if m.group(1) in ("", m.group(2)) else m.group(1), text
    )
    text = _EMPHASIS.sub(r"\2", text)
    return text, heading is not None


def parse_statement(text: str) -> Statement:
    """Parse a statement file's text.

    >>> parse_statement("---\\nlink: https://who.int\\n---\\n# Title\\n\\nBody **text**.").body
    'Body text.'
    """
    lines = text.splitlines()
    pairs, body_start = _parse_front_matter(lines)
    title = pairs.get("title") or None
    body_lines: list[str] = []
    for line in lines[body_start:]:
        clean, is_heading = _markdown_to_text(line)
        if is_heading and title is None and not body_lines:
            title = clean
            continue
        if is_heading and clean == title:
            continue
        body_lines.append(clean)
    body = "\n".join(body_lines).strip()
    if not body:
        raise InputError("the statement has no body text")
    language = pairs.get("language")
    return Statement(
        body=body,
        title=title,
        link=pairs.get("link") or None,
        hashtags=_parse_hashtags(pairs.get("hashtags", "")),
        declared_language=parse_optional_language(language),
    )
