"""``typography``: punctuation and spacing as the target language writes them.

Every rule is data from ``locales/<code>.toml`` ``[typography]``; this module only knows
how to apply each kind of rule:

``space_before``       French puts a narrow no-break space (U+202F) before ; : ! ? and »
                       (Lexique des règles typographiques); a normal space or none is a finding.
``quote_inner_space``  the space inside the opening quote: « U+202F …
``quotes``             straight quotes ``"`` where the language has its own (an info).
``native_punctuation`` ASCII , . ; : ! ? ( ) next to Chinese text should be full-width (GB/T
                       15834-2011); next to Arabic text, ، ؛ ؟.
``paired_inverted``    Spanish opens with ¿ and ¡ what it closes with ? and ! (RAE 2010).

Links, mentions, hashtags and emoji are never judged, nor is punctuation between two digits
(``10:30``, ``7.1``, ``1,000``) or in an emoticon (``:)``, ``;-)``).
"""

import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from service.checks.base import Check, CheckContext, describe_offset
from service.checks.spans import Span, blank_out, is_inside, non_prose_spans
from service.locales import LocaleConventions, TypographyRules
from service.models import Finding, Severity
from service.text.typography import missing_inner_space, missing_space_before, native_form


@dataclass(frozen=True)
class _Problem:
    message: str
    start: int
    end: int
    severity: Severity = Severity.WARNING


def _character(char: str) -> str:
    """``normal space`` or ``narrow no-break space (U+202F)``, for messages."""
    if char == " ":
        return "normal space"
    return f"{unicodedata.name(char, 'character').lower()} (U+{ord(char):04X})"


def _space_before(text: str, rules: TypographyRules, skip: Sequence[Span]) -> Iterator[_Problem]:
    for offset, char in enumerate(text):
        required = missing_space_before(text, offset, rules)
        if required is None or is_inside(offset, skip):
            continue
        before = text[offset - 1]
        where = describe_offset(text, offset)
        if before.isspace():
            yield _Problem(
                f"A {_character(before)} before {char!r} {where}: "
                f"use a {_character(required)} instead.",
                offset - 1,
                offset,
            )
        else:
            yield _Problem(
                f"No space before {char!r} {where}: put a {_character(required)} before it.",
                offset,
                offset + 1,
            )


def _quote_inner_space(
    text: str, rules: TypographyRules, skip: Sequence[Span]
) -> Iterator[_Problem]:
    inner = rules.quote_inner_space
    for offset, char in enumerate(text):
        position = missing_inner_space(text, offset, rules)
        if position is None or is_inside(offset, skip):
            continue
        neighbour = text[position]
        side = "after" if char == rules.quotes[0] else "before"
        where = describe_offset(text, offset)
        if neighbour.isspace():
            yield _Problem(
                f"A {_character(neighbour)} {side} {char!r} {where}: "
                f"use a {_character(inner)} instead.",
                position,
                position + 1,
            )
        else:
            yield _Problem(
                f"No space {side} {char!r} {where}: put a {_character(inner)} there.",
                offset,
                offset + 1,
            )


def _straight_quotes(
    text: str, rules: TypographyRules, skip: Sequence[Span], language: str
) -> Iterator[_Problem]:
    if '"' in rules.quotes:
        return
    offsets = [
        offset for offset, char in enumerate(text) if char == '"' and not is_inside(offset, skip)
    ]
    opening, closing = rules.quotes
    for first in range(0, len(offsets), 2):
        start = offsets[first]
        end = offsets[first + 1] + 1 if first + 1 < len(offsets) else start + 1
        yield _Problem(
            f'Straight quotes (") {describe_offset(text, start, end)}: {language} uses '
            f"{opening}…{closing}.",
            start,
            end,
            Severity.INFO,
        )


def _native_punctuation(
    text: str, conventions: LocaleConventions, skip: Sequence[Span]
) -> Iterator[_Problem]:
    for offset, char in enumerate(text):
        native = native_form(text, offset, conventions)
        if native is None or is_inside(offset, skip):
            continue
        yield _Problem(
            f"ASCII {char!r} {describe_offset(text, offset)} in {conventions.language.name} "
            f"text: use {native!r} (U+{ord(native):04X}).",
            offset,
            offset + 1,
        )


def _paired_inverted(text: str, rules: TypographyRules, skip: Sequence[Span]) -> Iterator[_Problem]:
    """Every ``?`` closes a ``¿`` since the previous ``?``/``!`` or line break, and vice versa.

    Only closing marks and line breaks bound a question: a full stop may be an abbreviation
    (``EE. UU.``) inside it.
    """
    if not rules.paired_inverted:
        return
    closing_of = {opening: closing for closing, opening in rules.paired_inverted.items()}
    masked = blank_out(text, skip)
    boundaries = set(rules.paired_inverted) | {"\n"}
    segment_start = offset = 0
    while offset <= len(masked):
        if offset < len(masked) and masked[offset] not in boundaries:
            offset += 1
            continue
        cluster_end = offset
        while cluster_end < len(masked) and masked[cluster_end] in rules.paired_inverted:
            cluster_end += 1
        segment, cluster = masked[segment_start:offset], masked[offset:cluster_end]
        for position in range(offset, cluster_end):
            opening = rules.paired_inverted[masked[position]]
            if opening not in segment:
                yield _Problem(
                    f"{masked[position]!r} {describe_offset(text, position)} has no opening "
                    f"{opening!r} before it: write {opening}…{masked[position]}.",
                    position,
                    position + 1,
                )
        for position, char in enumerate(segment, start=segment_start):
            if char in closing_of and closing_of[char] not in cluster:
                yield _Problem(
                    f"{char!r} {describe_offset(text, position)} is not closed with "
                    f"{closing_of[char]!r}: write {char}…{closing_of[char]}.",
                    position,
                    position + 1,
                )
        segment_start = offset = max(cluster_end, offset + 1)


class TypographyCheck(Check):
    check_id = "typography"
    name = "Typography"
    description = (
        "Punctuation and spacing follow the target language: French narrow no-break spaces "
        "before ; : ! ? and inside « », Spanish ¿…? and ¡…!, Chinese full-width and Arabic "
        "، ؛ ؟ punctuation, the language's own quotation marks."
    )
    severity = Severity.WARNING

    def check(self, context: CheckContext) -> list[Finding]:
        text = context.target_text
        conventions = context.target_conventions
        rules = conventions.typography
        skip = non_prose_spans(text)
        problems = [
            *_space_before(text, rules, skip),
            *_quote_inner_space(text, rules, skip),
            *_straight_quotes(text, rules, skip, conventions.language.name),
            *_native_punctuation(text, conventions, skip),
            *_paired_inverted(text, rules, skip),
        ]
        problems.sort(key=lambda problem: (problem.start, problem.end))
        return [
            self.finding(p.message, start=p.start, end=p.end, severity=p.severity) for p in problems
        ]
