"""A statement as it is read, and the lines extracted from it that work as posts.

Domain models like those of :mod:`service.models` (the same base): ``model_dump(mode="json")``
is the JSON every edge prints.
"""

from bisect import bisect_right
from enum import StrEnum

from pydantic import Field

from service.errors import ErrorCode, InputError
from service.languages import Language
from service.models import Model, Plan, Rendition


class LineEditKind(StrEnum):
    """How a line's text differs from its source span, beyond a cut."""

    OPENER_REPLACED = "opener_replaced"


class LineEdit(Model):
    """One change made to a sentence so that it stands alone; review sees each one."""

    kind: LineEditKind
    before: str
    after: str
    start: int = Field(ge=0, description="Offset of ``before`` in the input text.")
    end: int = Field(ge=0)


class Line(Model):
    """A candidate post extracted from a statement, with its score and the reasons for it.

    ``start`` and ``end`` are offsets into the input text (the whole file, front matter
    included): ``input[start:end]`` is the line's source (for a cut line, the kept prefix;
    after a dropped dateline, the rest of the sentence). ``edits`` lists every other change.
    """

    text: str
    length: int
    score: float = Field(ge=0.0, le=1.0)
    reasons: list[str]
    start: int | None = Field(default=None, description="Offset of the line in the input.")
    end: int | None = None
    is_cut: bool = Field(default=False, description="A clause-boundary cut of a longer sentence.")
    edits: list[LineEdit] = Field(default_factory=list)


class LeftOutReason(StrEnum):
    """Why a sentence of a statement is not offered as a line."""

    LINK_LINE = "link_line"
    DANGLING_OPENER = "dangling_opener"
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    DUPLICATE = "duplicate"


class LeftOutLine(Model):
    """A sentence (or the title) that is not offered as a line, and why."""

    text: str
    start: int | None = Field(default=None, description="Offset in the input text.")
    end: int | None = None
    reason: LeftOutReason
    detail: str


class LineExtraction(Model):
    """The ranked lines of a statement and what every post carries with them.

    ``left_out`` accounts for every sentence that is not offered; ``no_lines_reason`` says
    why, in a sentence, when no line at all can be offered.
    """

    source_language: Language
    platform: str
    lines: list[Line]
    link: str | None = Field(default=None, description="The link every post carries.")
    hashtags: list[str] = Field(default_factory=list, description="Carried by every post.")
    left_out: list[LeftOutLine] = Field(default_factory=list)
    no_lines_reason: str | None = None


class StatementFormat(StrEnum):
    """How a statement's body is written: CommonMark Markdown or plain text."""

    MARKDOWN = "markdown"
    TEXT = "text"


def statement_format(given: str | None, file_name: str | None = None) -> StatementFormat:
    """The format named by ``given``; else ``.md`` and ``.markdown`` files are Markdown and
    everything else, standard input included, is plain text (nothing in it is markup).

    >>> statement_format(None, "statement.MD"), statement_format(None, "a.txt")
    (<StatementFormat.MARKDOWN: 'markdown'>, <StatementFormat.TEXT: 'text'>)
    """
    if given is not None:
        try:
            return StatementFormat(given.strip().lower())
        except ValueError:
            known = ", ".join(StatementFormat)
            raise InputError(
                f"unknown statement format {given!r}: use one of {known}",
                code=ErrorCode.UNKNOWN_FORMAT,
                given=given,
                known=list(StatementFormat),
            ) from None
    suffix = file_name.rsplit(".", 1)[-1].lower() if file_name and "." in file_name else ""
    return StatementFormat.MARKDOWN if suffix in ("md", "markdown") else StatementFormat.TEXT


SourceRun = tuple[int, int, int, int]
"""``(body_start, body_end, input_start, input_end)``: body characters and their source."""


class SourceMap(Model):
    """Where each character of a statement's read body came from in the input text.

    Runs are sorted and cover the body. A run whose two spans have the same length maps
    character by character; any other run (an escape, a character reference, a line break
    read as a space) maps as a whole. No runs means the body is the input itself.

    >>> SourceMap(runs=((0, 3, 2, 5), (3, 4, 7, 12))).span(1, 4)
    (3, 12)
    """

    runs: tuple[SourceRun, ...] = ()

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The input span of the body span ``[start, end)`` (``end > start``)."""
        if not self.runs:
            return start, end
        return self._position(start, first=True), self._position(end - 1, first=False)

    def _position(self, offset: int, *, first: bool) -> int:
        index = max(0, bisect_right(self.runs, offset, key=lambda run: run[0]) - 1)
        body_start, body_end, input_start, input_end = self.runs[index]
        if body_end - body_start == input_end - input_start:
            position = input_start + min(offset - body_start, body_end - body_start - 1)
            return position if first else position + 1
        return input_start if first else input_end


class Statement(Model):
    """One approved statement: its body (plain text or Markdown) and what every post carries.

    ``body`` is the text that is read (Markdown syntax and the front matter removed);
    ``source_map`` and ``title_span`` lead back to the input text.
    """

    body: str
    title: str | None = None
    link: str | None = None
    hashtags: list[str] = Field(default_factory=list)
    declared_language: Language | None = None
    observance: str | None = Field(
        default=None, description="Glossary id of the international day it is about."
    )
    format: StatementFormat = StatementFormat.TEXT
    source_map: SourceMap = SourceMap()
    title_span: tuple[int, int] | None = Field(
        default=None, description="Offsets of the title in the input text, if it has any."
    )


class AdaptedLine(Model):
    """One extracted line as a post (the line, the link, the hashtags), with its rank and its
    rendition in each target language."""

    source: str
    score: float = Field(ge=0.0, le=1.0)
    reasons: list[str]
    renditions: dict[Language, Rendition]


class StatementAdaptation(Model):
    """The main job's result: a statement's best lines adapted into the target languages.

    ``left_out`` and ``no_lines_reason`` say what was not offered and why, as for
    :class:`LineExtraction`; ``plan`` is a proposed posting plan, when one was asked for.
    """

    source_language: Language
    platform: str
    lines: list[AdaptedLine]
    missing_languages: list[Language] = Field(
        default_factory=list, description="Targets no installed model serves, even via English."
    )
    left_out: list[LeftOutLine] = Field(default_factory=list)
    no_lines_reason: str | None = None
    observance: str | None = Field(default=None, description="From the front matter.")
    plan: Plan | None = Field(
        default=None, description="When each audience would see the posts, once approved."
    )
