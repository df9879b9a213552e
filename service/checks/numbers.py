"""``numbers_match``: the translation states the same quantities as the source.

Each side is read in its own language (:mod:`service.checks.numeric`), so ``7.1 million``
matches ``7,1 millions``, ``7,1 млн`` and ``710万``. The two multisets of numbers are paired
by a maximum matching in which a mention with two readings (``1,000`` in French) may pair
with either; what stays unpaired is reported: a source number missing from the
translation, or a translation number the source does not have.
"""

from collections import defaultdict, deque
from collections.abc import Sequence
from decimal import Decimal

from service.checks.base import Check, CheckContext, describe_offset
from service.checks.numeric import NumberMention, format_values, number_reader
from service.checks.spans import non_prose_spans
from service.models import Finding, Severity


class NumbersMatchCheck(Check):
    check_id = "numbers_match"
    name = "Numbers match"
    description = (
        "Every number of the source appears in the translation with the same value, and the "
        "translation has no other numbers (7.1 million = 7,1 millions = 7,1 млн = 710万)."
    )
    severity = Severity.ERROR

    def check(self, context: CheckContext) -> list[Finding]:
        source = number_reader(context.source_conventions).read(
            context.source_text, non_prose_spans(context.source_text)
        )
        target = number_reader(context.target_conventions).read(
            context.target_text, non_prose_spans(context.target_text)
        )
        pairs = match_numbers([m.values for m in source], [m.values for m in target])
        paired_sources = set(pairs.values())
        missing = [m for index, m in enumerate(source) if index not in paired_sources]
        extra = [m for index, m in enumerate(target) if index not in pairs]
        findings = [self._missing(mention, extra) for mention in missing]
        findings.extend(self._extra(context.target_text, mention, missing) for mention in extra)
        return findings

    def _missing(self, mention: NumberMention, extra: Sequence[NumberMention]) -> Finding:
        instead = f" The translation has {_listing(extra)} instead." if extra else ""
        return self.finding(
            f"The source number {_label(mention)} is missing from the translation.{instead}"
        )

    def _extra(
        self, text: str, mention: NumberMention, missing: Sequence[NumberMention]
    ) -> Finding:
        expected = f" Expected {_listing(missing)}." if missing else ""
        return self.finding(
            f"The number {mention.text!r} {describe_offset(text, mention.start, mention.end)} "
            f"reads as {format_values(mention.values)}, which is not in the source.{expected}",
            start=mention.start,
            end=mention.end,
        )


def _label(mention: NumberMention) -> str:
    """``'7.1 million' (7,100,000)``, or just ``'5'`` when the value reads the same."""
    values = format_values(mention.values)
    return repr(mention.text) if values == mention.text else f"{mention.text!r} ({values})"


def _listing(mentions: Sequence[NumberMention]) -> str:
    return ", ".join(_label(mention) for mention in mentions)


def match_numbers(
    sources: Sequence[frozenset[Decimal]], targets: Sequence[frozenset[Decimal]]
) -> dict[int, int]:
    """Pair as many target mentions with source mentions as possible: target -> source index.

    Two mentions may pair when they share a reading. Mentions with one reading are paired
    first (always optimal); the ambiguous rest by augmenting paths (Kuhn's algorithm).

    >>> match_numbers([frozenset({Decimal(1), Decimal(1000)}), frozenset({Decimal(1000)})],
    ...               [frozenset({Decimal(1000)}), frozenset({Decimal(1)})])
    {0: 1, 1: 0}
    """
    owner: dict[int, int] = {}
    waiting: dict[Decimal, list[int]] = defaultdict(list)
    for index, values in enumerate(sources):
        if len(values) == 1:
            waiting[next(iter(values))].append(index)
    for index, values in enumerate(targets):
        if len(values) == 1 and waiting[next(iter(values))]:
            owner[index] = waiting[next(iter(values))].pop(0)
    taken = set(owner.values())
    free_targets = [index for index in range(len(targets)) if index not in owner]
    for source_index in range(len(sources)):
        if source_index not in taken:
            _augment(source_index, sources, targets, free_targets, owner)
    return owner


def _augment(
    start: int,
    sources: Sequence[frozenset[Decimal]],
    targets: Sequence[frozenset[Decimal]],
    candidates: Sequence[int],
    owner: dict[int, int],
) -> None:
    """Find an augmenting path from source ``start`` by breadth-first search and apply it."""
    matched_target = {source: target for target, source in owner.items()}
    reached_from: dict[int, int] = {}
    queue = deque([start])
    while queue:
        source = queue.popleft()
        for target in candidates:
            if target in reached_from or not sources[source] & targets[target]:
                continue
            reached_from[target] = source
            if target not in owner:
                _flip(target, reached_from, matched_target, owner)
                return
            queue.append(owner[target])


def _flip(
    target: int | None,
    reached_from: dict[int, int],
    matched_target: dict[int, int],
    owner: dict[int, int],
) -> None:
    while target is not None:
        source = reached_from[target]
        previous = matched_target.get(source)
        owner[target] = source
        matched_target[source] = target
        target = previous
