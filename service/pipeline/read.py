"""Stage 1, read: optional front matter, then a plain-text or CommonMark body.

A statement file may start with a front-matter block between two ``---`` lines holding
``key: value`` pairs: ``title``, ``link`` (carried by every post), ``hashtags`` (carried by
every post, space separated), ``language`` (declared source language) and ``observance``
(the glossary id of the international day it is about, e.g. ``world-health-day``, so that
its posts are planned on that date). Only these keys
are accepted, so a typo is an error rather than silently ignored. Front matter is read the
same way in both formats.

The body is read as its format says (:class:`StatementFormat`): plain text is taken as it
is, character for character; Markdown is read with a CommonMark parser
(:mod:`service.text.markdown`), keeping the text a reader sees. In both, URLs, @mentions,
#hashtags and $cashtags pass through untouched. A first-level heading that opens a
Markdown body becomes the title when the front matter gives none.

The statement keeps a source map from its body back to the input text, so that every
offset given to a user is an offset into what they gave (front matter included).
"""

from dataclasses import dataclass, field

import regex

from service.errors import ErrorCode, InputError
from service.languages import parse_optional_language
from service.statement import SourceMap, SourceRun, Statement, StatementFormat
from service.text.markdown import Block, markdown_blocks

_FRONT_MATTER_KEYS = frozenset({"title", "link", "hashtags", "language", "observance"})
_HASHTAG = regex.compile(r"^#\w+$")


@dataclass
class _FrontMatter:
    pairs: dict[str, str] = field(default_factory=dict)
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    body_start: int = 0


def _front_matter_error(message: str, line: int) -> InputError:
    return InputError(message, code=ErrorCode.INVALID_FRONT_MATTER, line=line)


def _value_span(value: str, start: int) -> tuple[str, int, int]:
    """``value`` without surrounding spaces and quotes, and where that is in the input."""
    end = start + len(value)
    for characters in (None, '"', "'"):
        stripped = value.lstrip(characters)
        start += len(value) - len(stripped)
        value = stripped.rstrip(characters)
        end -= len(stripped) - len(value)
    return value, start, end


def _parse_front_matter(text: str) -> _FrontMatter:
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return _FrontMatter()
    closing = next((i for i, line in enumerate(lines[1:], start=1) if line.strip() == "---"), None)
    if closing is None:
        raise _front_matter_error(
            "front matter opened with '---' on line 1 is never closed with '---'", 1
        )
    front = _FrontMatter(body_start=sum(len(line) for line in lines[: closing + 1]))
    offset = len(lines[0])
    for index in range(1, closing):
        line, line_start = lines[index], offset
        offset += len(line)
        if not line.strip() or line.lstrip().startswith("#"):
            continue  # blank lines and YAML-style comments
        key, separator, value = line.rstrip("\r\n").partition(":")
        name = key.strip().lower()
        if not separator or name not in _FRONT_MATTER_KEYS:
            allowed = ", ".join(sorted(_FRONT_MATTER_KEYS))
            raise _front_matter_error(
                f"front matter line {index + 1}: expected 'key: value' with key in {allowed}",
                index + 1,
            )
        if name in front.pairs:
            message = f"front matter line {index + 1}: {name!r} given twice"
            raise _front_matter_error(message, index + 1)
        clean, start, end = _value_span(value, line_start + len(key) + 1)
        front.pairs[name] = clean
        front.spans[name] = (start, end)
    return front


def _parse_hashtags(value: str) -> list[str]:
    hashtags = value.replace(",", " ").split()
    for hashtag in hashtags:
        if not _HASHTAG.match(hashtag):
            raise InputError(
                f"front matter: {hashtag!r} is not a hashtag (#Word, no spaces)",
                code=ErrorCode.INVALID_FRONT_MATTER,
                hashtag=hashtag,
            )
    return list(dict.fromkeys(hashtags))


def _trimmed(text: str, runs: list[SourceRun], offset: int) -> tuple[str, list[SourceRun]]:
    """``text`` without surrounding whitespace; its runs clipped and moved by ``offset``."""
    lead = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    clipped: list[SourceRun] = []
    for start, stop, source_start, source_stop in runs:
        low, high = max(start, lead), min(stop, end)
        if low >= high:
            continue
        if stop - start == source_stop - source_start:  # character for character
            source_start, source_stop = source_start + low - start, source_stop - (stop - high)
        clipped.append((low - lead, high - lead, source_start + offset, source_stop + offset))
    return text[lead:end], clipped


@dataclass
class _Body:
    text: str = ""
    runs: list[SourceRun] = field(default_factory=list)

    def append(self, text: str, runs: list[SourceRun]) -> None:
        if self.text:
            self.text += "\n"
        shift = len(self.text)
        self.text += text
        self.runs.extend((a + shift, b + shift, c, d) for a, b, c, d in runs)


def _read_markdown(
    source: str, offset: int, title: str | None
) -> tuple[_Body, str | None, tuple[int, int] | None]:
    """The body of a Markdown ``source`` (which starts at ``offset`` in the input), and the
    title its opening heading gives when ``title`` is None."""
    body = _Body()
    title_span: tuple[int, int] | None = None
    blocks: list[Block] = markdown_blocks(source)
    for position, block in enumerate(blocks):
        text, runs = _trimmed(block.text, block.runs, offset)
        if block.is_heading and title is None and position == 0:
            title, title_span = text, SourceMap(runs=tuple(runs)).span(0, len(text))
            continue
        if block.is_heading and text == title:
            continue
        body.append(text, runs)
    return body, title, title_span


def parse_statement(text: str, format: StatementFormat = StatementFormat.TEXT) -> Statement:
    """Read a statement file's text in the given format.

    >>> markdown = "---\\nlink: https://who.int\\n---\\n# Title\\n\\nBody **text**, #Peace_Day."
    >>> parse_statement(markdown, StatementFormat.MARKDOWN).body
    'Body text, #Peace_Day.'
    >>> parse_statement(markdown).body
    '# Title\\n\\nBody **text**, #Peace_Day.'
    """
    front = _parse_front_matter(text)
    title = front.pairs.get("title") or None
    title_span = front.spans.get("title") if title else None
    source = text[front.body_start :]
    if format is StatementFormat.MARKDOWN:
        body, title, heading_span = _read_markdown(source, front.body_start, title)
        title_span = title_span or heading_span
    else:
        whole = [(0, len(source), 0, len(source))]
        body = _Body(*_trimmed(source, whole, front.body_start))
    if not body.text:
        raise InputError("the statement has no body text", code=ErrorCode.EMPTY_INPUT)
    return Statement(
        body=body.text,
        title=title,
        link=front.pairs.get("link") or None,
        hashtags=_parse_hashtags(front.pairs.get("hashtags", "")),
        declared_language=parse_optional_language(front.pairs.get("language")),
        observance=front.pairs.get("observance") or None,
        format=format,
        source_map=SourceMap(runs=tuple(body.runs)),
        title_span=title_span,
    )
