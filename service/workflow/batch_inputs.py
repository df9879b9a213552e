"""A batch's inputs: files and folders (searched recursively) read into statements.

Each statement is a :class:`BatchItem` named by its file and line (1 for a whole file, the
line or row number in ``.jsonl`` and ``.csv``). What cannot become a statement is a
:class:`BatchFailure` with the same address, a stable code and a message, and the batch
goes on:

* ``.txt`` and ``.md``/``.markdown``: one statement per file, plain text or Markdown.
* ``.html``/``.htm``: one statement per file, the text a reader sees, taken from the
  markup by the standard library's HTML parser (``script``, ``style`` and ``head`` are
  dropped; block elements end a paragraph; ``<title>`` becomes the title).
* ``.jsonl``: one statement per line, a JSON string or an object with ``text`` and
  optional ``language``, ``platform`` and ``format``.
* ``.csv``: one statement per row, from the ``text`` column (optional ``language`` and
  ``platform`` columns).

A file that is not UTF-8, empty, or over :data:`~service.inputs.MAX_INPUT_BYTES` per
statement is a failure. A path that does not exist is a usage error (``file_not_found``).
"""

import csv
import io
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import partial
from html.parser import HTMLParser
from pathlib import Path

from service.errors import AdaptError, ErrorCode, InputError
from service.inputs import MAX_INPUT_BYTES, validate_text
from service.languages import Language, parse_optional_language
from service.models import Model
from service.statement import StatementFormat, statement_format

STATEMENT_SUFFIXES = {".txt": "text", ".md": "markdown", ".markdown": "markdown"}
HTML_SUFFIXES = (".html", ".htm")
SUFFIXES = (*STATEMENT_SUFFIXES, *HTML_SUFFIXES, ".jsonl", ".csv")
# A JSON Lines or CSV file holds many statements, each at most MAX_INPUT_BYTES.
MAX_COLLECTION_BYTES = 200_000_000
MAX_HTML_BYTES = 10 * MAX_INPUT_BYTES  # markup around at most MAX_INPUT_BYTES of text
TEXT_COLUMN = "text"
_BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    ]
)
_DROPPED = frozenset({"script", "style", "head", "template", "noscript"})


class BatchItem(Model):
    """One statement of a batch, where it came from, and what its source declares."""

    file: str
    line: int
    text: str
    format: StatementFormat = StatementFormat.TEXT
    language: Language | None = None
    platform: str | None = None


class BatchFailure(Model):
    """An item that failed: where it is, the error's stable code and its message."""

    file: str
    line: int
    code: str
    message: str

    @classmethod
    def of(cls, file: str, line: int, error: AdaptError) -> "BatchFailure":
        return cls(file=file, line=line, code=error.code.value, message=error.message)


class _TextOfHtml(HTMLParser):
    """The text a reader sees: data outside dropped elements, paragraphs at block ends."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self._dropped = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in _DROPPED:
            self._dropped += 1
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in _DROPPED:
            self._dropped = max(0, self._dropped - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        elif not self._dropped:
            self.parts.append(data)


def html_statement(markup: str) -> str:
    """The statement in an HTML page: its visible text, paragraph by paragraph, with the
    page's ``<title>`` as front matter.

    >>> html_statement("<title>Day</title><p>Wash <b>your</b>\\nhands.</p><script>x()</script>")
    '---\\ntitle: Day\\n---\\nWash your hands.'
    """
    parser = _TextOfHtml()
    parser.feed(markup)
    parser.close()
    paragraphs = (" ".join(block.split()) for block in "".join(parser.parts).split("\n\n"))
    body = "\n\n".join(paragraph for paragraph in paragraphs if paragraph)
    title = " ".join("".join(parser.title).split())
    return f"---\ntitle: {title}\n---\n{body}" if title and body else body


def input_files(paths: Sequence[Path], skip: Path | None = None) -> list[Path]:
    """The files to read: each file given, and every file with a known suffix under each
    folder given, recursively, in a stable order; nothing under ``skip`` (the output
    folder, which may be inside an input folder)."""
    files: list[Path] = []
    skipped = skip.resolve() if skip is not None else None
    for path in paths:
        if path.is_dir():
            found = (
                item
                for item in path.rglob("*")
                if item.is_file()
                and (skipped is None or not item.resolve().is_relative_to(skipped))
            )
            files.extend(sorted(item for item in found if item.suffix.lower() in SUFFIXES))
        elif path.is_file():
            files.append(path)
        else:
            raise InputError(
                f"{path}: no such file or folder", code=ErrorCode.FILE_NOT_FOUND, path=str(path)
            )
    return list(dict.fromkeys(files))


def _file_text(path: Path, limit: int) -> str:
    """The file's text: at most ``limit`` bytes of UTF-8 (a BOM is dropped)."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InputError(
            f"cannot read {path} ({error.strerror})", code=ErrorCode.UNREADABLE_FILE
        ) from None
    if len(raw) > limit:
        raise InputError(
            f"{path} is {len(raw):,} bytes; the limit is {limit:,}",
            code=ErrorCode.INPUT_TOO_LARGE,
        )
    if not raw.strip():
        raise InputError(f"{path} is empty", code=ErrorCode.EMPTY_INPUT)
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{path} is not valid UTF-8 (bad byte at offset {error.start}); save it as UTF-8",
            code=ErrorCode.INVALID_ENCODING,
            offset=error.start,
        ) from None


def _optional(value: object, field: str) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InputError(f"{field!r} must be a string", code=ErrorCode.INVALID_INPUT, field=field)
    return value


def _item(name: str, line: int, fields: Mapping[str, object]) -> BatchItem:
    text = fields.get(TEXT_COLUMN)
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{name} line {line} has no text", code=ErrorCode.EMPTY_INPUT)
    return BatchItem(
        file=name,
        line=line,
        text=validate_text(text, f"{name} line {line}"),
        format=statement_format(_optional(fields.get("format"), "format")),
        language=parse_optional_language(_optional(fields.get("language"), "language")),
        platform=_optional(fields.get("platform"), "platform"),
    )


def _jsonl_item(name: str, number: int, line: str) -> BatchItem:
    try:
        value = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(
            f"{name} line {number} is not JSON ({error.msg})", code=ErrorCode.INVALID_JSON
        ) from None
    if isinstance(value, str):
        value = {TEXT_COLUMN: value}
    if not isinstance(value, dict):
        raise InputError(
            f"{name} line {number}: give a JSON string or an object with text",
            code=ErrorCode.INVALID_JSON,
        )
    return _item(name, number, value)


def _rows(name: str, text: str) -> Iterator[tuple[int, dict[str, object]]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if TEXT_COLUMN not in (reader.fieldnames or []):
        raise InputError(
            f"{name} has no {TEXT_COLUMN!r} column in its header row", code=ErrorCode.INVALID_INPUT
        )
    line = reader.line_num
    for row in reader:
        yield line + 1, dict(row)
        line = reader.line_num


def _entries(path: Path) -> Iterator[tuple[int, Callable[[], BatchItem]]]:
    """(line, how to make its item) for each statement the file holds."""
    name, suffix = str(path), path.suffix.lower()
    if suffix == ".jsonl":
        # JSON Lines end at "\n" only: U+2028 and the like may stand raw inside a string.
        lines = [
            line.removesuffix("\r") for line in _file_text(path, MAX_COLLECTION_BYTES).split("\n")
        ]
        for number, line in enumerate(lines, 1):
            if line.strip():
                yield number, partial(_jsonl_item, name, number, line)
    elif suffix == ".csv":
        for number, row in _rows(name, _file_text(path, MAX_COLLECTION_BYTES)):
            yield number, partial(_item, name, number, row)
    elif suffix in HTML_SUFFIXES:
        text = html_statement(_file_text(path, MAX_HTML_BYTES))
        yield 1, partial(_item, name, 1, {TEXT_COLUMN: text})
    elif suffix in STATEMENT_SUFFIXES:
        fields = {
            TEXT_COLUMN: _file_text(path, MAX_INPUT_BYTES),
            "format": STATEMENT_SUFFIXES[suffix],
        }
        yield 1, partial(_item, name, 1, fields)
    else:
        raise InputError(
            f"{name}: unsupported file type; use {', '.join(SUFFIXES)}",
            code=ErrorCode.UNKNOWN_FORMAT,
        )


def read_file(path: Path) -> Iterator[BatchItem | BatchFailure]:
    """The statements of one input file, in order, or the failures in their places."""
    try:
        for line, make in _entries(path):
            try:
                yield make()
            except AdaptError as error:
                yield BatchFailure.of(str(path), line, error)
    except AdaptError as error:
        yield BatchFailure.of(str(path), 1, error)


def read_inputs(
    paths: Sequence[Path], skip: Path | None = None
) -> tuple[list[BatchItem], list[BatchFailure]]:
    """Every statement of the inputs, in order, and every item that failed."""
    items: list[BatchItem] = []
    failures: list[BatchFailure] = []
    for path in input_files(paths, skip):
        for entry in read_file(path):
            if isinstance(entry, BatchItem):
                items.append(entry)
            else:
                failures.append(entry)
    return items, failures
