"""Post-editing typography: punctuation and spacing as the target language writes them.

Machine translation (and many writers) produce ASCII punctuation and plain spaces. This
stage rewrites a rendition so that it meets ``locales/<code>.toml`` ``[typography]``, the
same rules the ``typography`` check (:mod:`service.checks.typography`) judges by:

``quotes``             straight ``"…"`` pairs become the language's quotes (« », “ ”).
``native_punctuation`` ASCII , . ; : ! ? ( ) next to text in the language's script become
                       native (Chinese ，。；：！？（）, GB/T 15834-2011; Arabic ، ؛ ؟). Spaces
                       next to a full-width mark are dropped: it carries its own spacing.
``space_before``       the required space goes before ; : ! ? » (French U+202F, Lexique des
                       règles typographiques); a plain space there is replaced.
``quote_inner_space``  the same inside the opening quote: « U+202F …
``paired_inverted``    a Spanish sentence that ends in ? or ! opens with ¿ or ¡ (RAE 2010);
                       the mark goes at the start of the sentence.

Every rule is data; nothing here knows a language. Links, mentions, hashtags, cashtags,
emoji, numbers and the given protected names are never touched, nor is punctuation
between two digits (``10:30``) or an emoticon (``:)``).
"""

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from service.locales import LocaleConventions, TypographyRules
from service.text.entities import extract_entities
from service.text.typography import (
    between_digits,
    missing_inner_space,
    missing_space_before,
    native_form,
    starts_emoticon,
)

Span = tuple[int, int]
_MAX_ROUNDS = 4


@dataclass(frozen=True)
class PostEdit:
    """The edited text and what was changed, one line per kind of edit (for the reviewer)."""

    text: str
    edits: list[str] = field(default_factory=list)


@dataclass
class _Editor:
    """Collects replacements on one text, then applies them all at once."""

    text: str
    replacements: dict[int, tuple[int, str]] = field(default_factory=dict)
    counts: Counter[str] = field(default_factory=Counter)

    def replace(self, start: int, end: int, new: str, label: str) -> None:
        if start not in self.replacements:
            self.replacements[start] = (end, new)
            self.counts[label] += 1

    def result(self) -> str:
        pieces: list[str] = []
        position = 0
        for start in sorted(self.replacements):
            end, new = self.replacements[start]
            if start < position:
                continue
            pieces += [self.text[position:start], new]
            position = end
        pieces.append(self.text[position:])
        return "".join(pieces)


def protected_spans(text: str, names: Sequence[str] = ()) -> list[Span]:
    """Sorted spans never edited: every entity (numbers included) and each protected name."""
    spans = [(entity.start, entity.end) for entity in extract_entities(text)]
    for name in names:
        spans += [match.span() for match in re.finditer(re.escape(name), text)]
    return sorted(spans)


def _inside(offset: int, spans: Sequence[Span]) -> bool:
    return any(start <= offset < end for start, end in spans)


def _judged(text: str, offset: int, spans: Sequence[Span]) -> bool:
    """Whether the mark at ``offset`` is prose punctuation this stage may edit."""
    return not (
        _inside(offset, spans) or between_digits(text, offset) or starts_emoticon(text, offset)
    )


def _straight_quotes(text: str, rules: TypographyRules, spans: Sequence[Span]) -> _Editor:
    editor = _Editor(text)
    if '"' in rules.quotes:
        return editor
    offsets = [i for i, char in enumerate(text) if char == '"' and not _inside(i, spans)]
    for first, second in zip(offsets[::2], offsets[1::2], strict=False):
        editor.replace(first, first + 1, rules.quotes[0], f'" -> {rules.quotes[0]}')
        editor.replace(second, second + 1, rules.quotes[1], f'" -> {rules.quotes[1]}')
    return editor


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("F", "W")


def _native_punctuation(
    text: str, conventions: LocaleConventions, spans: Sequence[Span]
) -> _Editor:
    editor = _Editor(text)
    for offset, char in enumerate(text):
        native = native_form(text, offset, conventions)
        if native is None or not _judged(text, offset, spans):
            continue
        if char == "." and "." in (text[offset - 1 : offset], text[offset + 1 : offset + 2]):
            continue  # an ellipsis written with dots
        start, end = offset, offset + 1
        if _is_wide(native):  # a full-width mark carries its own space
            if unicodedata.category(char) == "Ps":
                while start > 0 and text[start - 1] == " " and not _inside(start - 1, spans):
                    start -= 1
            else:
                while end < len(text) and text[end] == " " and not _inside(end, spans):
                    end += 1
        editor.replace(start, end, native, f"{char} -> {native}")
    return editor


def _space_before(text: str, rules: TypographyRules, spans: Sequence[Span]) -> _Editor:
    editor = _Editor(text)
    for offset, char in enumerate(text):
        required = missing_space_before(text, offset, rules)
        if required is None or _inside(offset, spans):
            continue
        label = f"space before {char}"
        if text[offset - 1].isspace():
            editor.replace(offset - 1, offset, required, label)
        else:
            editor.replace(offset, offset + 1, required + char, label)
    return editor


def _quote_inner_space(text: str, rules: TypographyRules, spans: Sequence[Span]) -> _Editor:
    editor = _Editor(text)
    opening, closing = rules.quotes
    inner = rules.quote_inner_space
    for offset, char in enumerate(text):
        position = missing_inner_space(text, offset, rules)
        if position is None or _inside(offset, spans):
            continue
        if char == opening:
            end = offset + 2 if text[position].isspace() else offset + 1
            editor.replace(offset, end, opening + inner, f"space inside {opening}")
        else:
            start = offset - 1 if text[position].isspace() else offset
            editor.replace(start, offset + 1, inner + closing, f"space inside {closing}")
    return editor


def _sentence_start(text: str, offset: int, conventions: LocaleConventions) -> int:
    """Where the sentence holding ``offset`` starts: after the previous sentence end or line."""
    terminators = set(conventions.segmentation.terminators) | set(
        conventions.typography.paired_inverted
    )
    abbreviations = conventions.segmentation.abbreviations
    position = offset - 1
    while position >= 0:
        char = text[position]
        if char == "\n":
            break
        if (
            char in terminators
            and position + 1 < offset
            and text[position + 1].isspace()
            and not any(text[: position + 1].endswith(a) for a in abbreviations)
        ):
            break
        position -= 1
    start = position + 1
    while start < offset and text[start].isspace():
        start += 1
    return start


def _paired_inverted(text: str, conventions: LocaleConventions, spans: Sequence[Span]) -> _Editor:
    editor = _Editor(text)
    rules = conventions.typography.paired_inverted
    if not rules:
        return editor
    segment_start = 0
    offset = 0
    while offset < len(text):
        if text[offset] == "\n" or text[offset] not in rules or _inside(offset, spans):
            segment_start = offset + 1 if text[offset] == "\n" else segment_start
            offset += 1
            continue
        cluster_end = offset
        while cluster_end < len(text) and text[cluster_end] in rules:
            cluster_end += 1
        segment = text[segment_start:offset]
        needed = [rules[c] for c in reversed(text[offset:cluster_end]) if rules[c] not in segment]
        if needed:
            start = _sentence_start(text, offset, conventions)
            opening = "".join(dict.fromkeys(needed))
            editor.replace(start, start, opening, f"{opening} at the start of the sentence")
        segment_start = offset = cluster_end
    return editor


_Step = Callable[[str, LocaleConventions, Sequence[Span]], _Editor]
_STEPS: tuple[_Step, ...] = (
    lambda text, conventions, spans: _straight_quotes(text, conventions.typography, spans),
    _native_punctuation,
    lambda text, conventions, spans: _space_before(text, conventions.typography, spans),
    lambda text, conventions, spans: _quote_inner_space(text, conventions.typography, spans),
    _paired_inverted,
)


def post_edit(text: str, conventions: LocaleConventions, protected: Sequence[str] = ()) -> PostEdit:
    """Apply the language's typography to ``text``; ``protected`` names are left as they are.

    >>> from service.locales import load_locales
    >>> from service.settings import REPOSITORY_ROOT
    >>> locales = load_locales(REPOSITORY_ROOT / "locales")
    >>> from service.languages import Language
    >>> post_edit('Il a dit "merci": bravo!', locales[Language.FR]).text
    'Il a dit «\\u202fmerci\\u202f»\\u202f: bravo\\u202f!'
    >>> post_edit("你好, 世界!", locales[Language.ZH]).text
    '你好，世界！'
    >>> post_edit("Qué hacemos? Actúa ya!", locales[Language.ES]).text
    '¿Qué hacemos? ¡Actúa ya!'
    """
    counts: Counter[str] = Counter()
    for _ in range(_MAX_ROUNDS):  # an edit can bring marks together ("好 ) )" -> "好 ））")
        before = text
        for step in _STEPS:
            editor = step(text, conventions, protected_spans(text, protected))
            text = editor.result()
            counts.update(editor.counts)
        if text == before:
            break
    return PostEdit(text=text, edits=[f"{label} ({n}x)" for label, n in counts.items()])
