"""CommonMark to plain text, with a map back to the source, that never touches an entity.

The parser is markdown-it-py with its ``commonmark`` preset: no tables, no strikethrough and
no linkify, so ``~`` and bare URLs are plain text, as CommonMark 0.31 says. What is kept is
the text a reader sees: headings, paragraphs, list items, block quotes and code; emphasis,
escapes, character references, raw HTML and images are reduced to their text or dropped
(an image is not text; an HTML block is markup). A link keeps its text, or its address when
it has none; an autolink ``<https://…>`` keeps its address as written.

URLs, @mentions, #hashtags and $cashtags (as :mod:`service.text.entities` finds them in the
source) are protected before parsing: each is replaced by a run of one private-use character
of the same length (keeping a leading ``#``, ``@`` or ``$``, so delimiter rules see the same
neighbours), so no Markdown rule can read ``_`` in ``#Peace_Day`` or ``*`` in a URL as
emphasis. The output copies their characters back from the source: they pass byte for byte.

Every output character is mapped to its source: a run ``(start, end, source_start,
source_end)`` of equal lengths maps character by character; any other run (an escape, a
character reference, a line break read as a space) maps as a whole.

>>> [block.text for block in markdown_blocks("# Día *Mundial*\\n\\n- **#Peace_Day** at <https://un.org/a_b>")]
['Día Mundial', '#Peace_Day at https://un.org/a_b']
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.helpers import parseLinkDestination, parseLinkTitle
from markdown_it.token import Token

from service.text.entities import EntityKind, extract_entities

Run = tuple[int, int, int, int]
"""``(start, end, source_start, source_end)``: output characters and the source they came from."""

_PROTECTED_KINDS = frozenset(
    {EntityKind.URL, EntityKind.MENTION, EntityKind.HASHTAG, EntityKind.CASHTAG}
)
_KEPT_PREFIXES = "#@$"
_PRIVATE_USE = [chr(code) for code in range(0xE000, 0xE100)]
_SPACE = " \t\n"


@dataclass
class Block:
    """One block of text (a heading, a paragraph, a code block) and its source map."""

    text: str = ""
    runs: list[Run] = field(default_factory=list)
    is_heading: bool = False

    def add(self, text: str, source_start: int, source_end: int) -> None:
        """Append ``text``, which came from ``source[source_start:source_end]``."""
        if not text:
            return
        start, end = len(self.text), len(self.text) + len(text)
        self.text += text
        if self.runs and _literal(self.runs[-1]) and len(text) == source_end - source_start:
            last = self.runs[-1]
            if last[1] == start and last[3] == source_start:
                self.runs[-1] = (last[0], end, last[2], source_end)
                return
        self.runs.append((start, end, source_start, source_end))


def _literal(run: Run) -> bool:
    return run[1] - run[0] == run[3] - run[2]


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # text_join would merge escapes and character references into the text around them;
    # kept apart, each one can be mapped to its source.
    return MarkdownIt("commonmark").disable("text_join")


def _protect(source: str) -> str:
    """``source`` with every entity replaced by a same-length private-use run."""
    placeholder = next((char for char in _PRIVATE_USE if char not in source), None)
    if placeholder is None:
        raise ValueError("the text uses every private-use character the reader could use")
    characters = list(source)
    for entity in extract_entities(source):
        if entity.kind not in _PROTECTED_KINDS:
            continue
        start, end = entity.start, entity.end
        if start > 0 and end < len(source) and source[start - 1] == "<" and source[end] == ">":
            continue  # an autolink: CommonMark takes it as written, and it must parse as one
        keep = 1 if source[start] in _KEPT_PREFIXES else 0
        characters[start + keep : end] = placeholder * (end - start - keep)
    return "".join(characters)


class _InlineReader:
    """Walks the inline tokens of one block, finding each one in the source from a cursor."""

    def __init__(self, source: str, protected: str, cursor: int, block: Block) -> None:
        self.source = source
        self.protected = protected
        self.cursor = cursor
        self.block = block

    def find(self, text: str) -> int:
        position = self.protected.find(text, self.cursor)
        return self.cursor if position < 0 else position

    def copy(self, start: int, end: int, emit: bool) -> None:
        """Take ``source[start:end]`` as it is written; move the cursor past it."""
        if emit:
            self.block.add(self.source[start:end], start, end)
        self.cursor = max(self.cursor, end)

    def walk(self, tokens: Sequence[Token], emit: bool = True) -> None:
        index = 0
        while index < len(tokens):
            token = tokens[index]
            if token.type == "link_open" and token.markup == "autolink":
                self.autolink(emit)
                while tokens[index].type != "link_close":
                    index += 1
            elif token.type == "link_open":
                index = self.link(tokens, index, emit)
            else:
                self.token(token, emit)
            index += 1

    def token(self, token: Token, emit: bool) -> None:
        kind = token.type
        if kind == "text":
            start = self.protected.find(token.content, self.cursor)
            if start < 0:  # not expected: markdown-it's text is the source as written
                self.block.add(token.content if emit else "", self.cursor, self.cursor)
                return
            self.copy(start, start + len(token.content), emit)
        elif kind == "text_special":  # an escape or a character reference
            start = self.find(token.markup)
            if emit:
                self.block.add(token.content, start, start + len(token.markup))
            self.cursor = start + len(token.markup)
        elif kind in ("softbreak", "hardbreak"):
            start = self.find("\n")
            if emit:
                self.block.add(" " if kind == "softbreak" else "\n", start, start + 1)
            self.cursor = start + 1
        elif kind == "code_inline":
            self.code_span(token, emit)
        elif kind == "image":
            self.cursor = self.find("![") + 2
            self.walk(token.children or [], emit=False)
            self.link_tail(emit=False)
        elif kind == "html_inline" or token.markup:  # raw HTML, emphasis delimiters
            self.cursor = self.find(token.content or token.markup) + len(
                token.content or token.markup
            )

    def code_span(self, token: Token, emit: bool) -> None:
        opening = self.find(token.markup)
        inner = opening + len(token.markup)
        closing = inner
        while True:
            closing = self.protected.find(token.markup, closing)
            after = closing + len(token.markup)
            if closing < 0 or not self.protected.startswith("`", after):
                break
            closing = after + len(self.protected) - len(self.protected[after:].lstrip("`"))
        closing = len(self.protected) if closing < 0 else closing
        # CommonMark strips one space on each side when both are there (and turns line
        # endings into spaces), so the content starts one character in or none.
        offset = 1 if (closing - inner) - len(token.content) == 2 else 0
        if emit:
            for index, char in enumerate(token.content):
                position = inner + offset + index
                original = self.source[position] if position < len(self.source) else char
                self.block.add(" " if original == "\n" else original, position, position + 1)
        self.cursor = min(len(self.protected), closing + len(token.markup))

    def autolink(self, emit: bool) -> None:
        opening = self.find("<")
        closing = self.protected.find(">", opening)
        closing = len(self.protected) if closing < 0 else closing
        self.copy(opening + 1, closing, emit)
        self.cursor = closing + 1

    def link(self, tokens: Sequence[Token], index: int, emit: bool) -> int:
        """Read ``[text](destination)``; return the index of its ``link_close``."""
        self.cursor = self.find("[") + 1
        closing = index + 1
        while tokens[closing].type != "link_close":
            closing += 1
        before = len(self.block.text)
        self.walk(tokens[index + 1 : closing], emit)
        destination = self.link_tail(emit=emit)
        if emit and len(self.block.text) == before and destination is not None:
            self.copy(*destination, emit=True)  # a link without text shows its address
        return closing

    def link_tail(self, emit: bool) -> tuple[int, int] | None:
        """Skip ``](destination "title")`` or ``][label]``; return the destination's span."""
        protected = self.protected
        position = self.find("]") + 1
        self.cursor = position
        if protected.startswith("[", position):
            end = protected.find("]", position + 1)
            self.cursor = position + 1 if end < 0 else end + 1
            return None
        if not protected.startswith("(", position):
            return None
        position = _skip_space(protected, position + 1)
        destination = parseLinkDestination(protected, position, len(protected))
        if not destination.ok:
            return None
        span = (position, destination.pos)
        if protected.startswith("<", position):
            span = (position + 1, destination.pos - 1)
        position = _skip_space(protected, destination.pos)
        title = parseLinkTitle(protected, position, len(protected))
        if title.ok:
            position = _skip_space(protected, title.pos)
        self.cursor = position + 1 if protected.startswith(")", position) else position
        return span


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position] in _SPACE:
        position += 1
    return position


def _line_starts(source: str) -> list[int]:
    starts = [0]
    starts.extend(index + 1 for index, char in enumerate(source) if char == "\n")
    return starts


def _code_block(token: Token, source: str, protected: str, line_start: int) -> Block:
    """A code block's lines as written (each found in the source from the block's start)."""
    block = Block()
    cursor = line_start
    for line in token.content.rstrip("\n").split("\n"):
        position = protected.find(line, cursor) if line else cursor
        position = cursor if position < 0 else position
        if block.text:
            block.add("\n", max(cursor - 1, 0), max(cursor, 1))
        block.add(source[position : position + len(line)], position, position + len(line))
        cursor = source.find("\n", position + len(line)) + 1 or len(source)
    return block


def markdown_blocks(source: str) -> list[Block]:
    """The text blocks of a CommonMark document, in order, each with its map to ``source``.

    Offsets are into ``source`` as given; line endings may be ``\\n``, ``\\r\\n`` or ``\\r``.
    """
    # markdown-it normalizes line endings; doing it here, length for length, keeps offsets.
    normalized = source.replace("\r\n", " \n").replace("\r", "\n")
    protected = _protect(normalized)
    line_starts = _line_starts(normalized)
    blocks: list[Block] = []
    tokens = _parser().parse(protected)
    for index, token in enumerate(tokens):
        start = line_starts[token.map[0]] if token.map else 0
        if token.type == "inline":
            block = Block(is_heading=index > 0 and tokens[index - 1].type == "heading_open")
            _InlineReader(normalized, protected, start, block).walk(token.children or [])
        elif token.type in ("code_block", "fence"):
            block = _code_block(token, normalized, protected, start)
        else:
            continue
        if block.text.strip():
            blocks.append(block)
    return blocks
