"""Per-language corrections to spaCy's sentence boundaries, decided on characters.

spaCy's rule-based sentencizer ends a sentence after any terminator token and attaches every
punctuation token that follows to the sentence before. That is a good base but wrong often
enough to matter for posts: "¿" and "«" end up at the end of the previous sentence, "Dr." and
"А. С." end sentences, "7.1" splits in Chinese (its tokenizer cuts every character), a
quotation is cut in the middle. :class:`BoundaryRules` takes one proposed boundary and decides
whether it stands and where exactly the two sentences meet, from the data in
``locales/*.toml`` ``[segmentation]``.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from service.locales import SegmentationRules

_BRACKETS = {"(": ")", "[": "]", "{": "}", "（": "）", "【": "】"}
"""Brackets are the same in all six languages: an opening one starts the next sentence."""
_APOSTROPHES = frozenset("’'")


def _between_letters(line: str, index: int) -> bool:
    return 0 < index < len(line) - 1 and line[index - 1].isalpha() and line[index + 1].isalpha()


class _Abbreviation(Enum):
    NEVER_FINAL = "never_final"
    MAY_BE_FINAL = "may_be_final"


def _abbreviation_pattern(abbreviations: Sequence[str]) -> "re.Pattern[str] | None":
    """One regex for a list of abbreviations: longest first, any space inside ("p. ej.").

    A lower-case abbreviation also matches capitalized, as it is written at a sentence start.
    """
    variants = set(abbreviations)
    variants.update(entry[0].upper() + entry[1:] for entry in abbreviations if entry[0].islower())
    if not variants:
        return None
    alternatives = [
        r"\s+".join(re.escape(part) for part in entry.split())
        for entry in sorted(variants, key=len, reverse=True)
    ]
    return re.compile(r"(?<![\w.])(?:" + "|".join(alternatives) + ")")


@dataclass(frozen=True)
class LineFacts:
    """What the rules need to know about one line, computed once per line."""

    line: str
    quoted: tuple[tuple[int, int], ...]
    """(opening index, closing index) of every quotation or paired mark closed in the line."""
    protected: tuple[tuple[int, int], ...]
    """(start, end) of URLs, mentions, numbers and the like: never split inside one."""
    abbreviations: tuple[tuple[int, int, _Abbreviation], ...]
    prose: str
    """The line with every protected span blanked out (same length)."""

    def inside_quotation(self, end: int) -> bool:
        return any(opening < end <= closing for opening, closing in self.quoted)

    def inside_entity(self, position: int) -> bool:
        return any(start < position < end for start, end in self.protected)

    def starts_entity(self, position: int) -> bool:
        return any(start == position for start, _ in self.protected)

    def has_prose(self, start: int, end: int) -> bool:
        """Whether ``line[start:end]`` has a letter outside URLs, hashtags, mentions…"""
        return any(char.isalpha() for char in self.prose[start:end])

    def abbreviation_before(self, position: int) -> _Abbreviation | None:
        """The longest abbreviation ending at ``position`` ("т. п.", not "п."); one that spans
        ``position`` never ends a sentence there."""
        ending = [(start, kind) for start, end, kind in self.abbreviations if end == position]
        if any(start < position < end for start, end, _ in self.abbreviations):
            return _Abbreviation.NEVER_FINAL
        return min(ending, key=lambda entry: entry[0])[1] if ending else None


@dataclass(frozen=True)
class BoundaryRules:
    """One language's sentence rules, compiled from its ``[segmentation]`` table."""

    terminators: frozenset[str]
    ellipses: tuple[str, ...]
    openers: frozenset[str]
    closers: frozenset[str]
    pairs: dict[str, str]
    never_final: "re.Pattern[str] | None"
    may_be_final: "re.Pattern[str] | None"
    initials: bool
    spaced: bool
    terminator_run: "re.Pattern[str]"

    @classmethod
    def from_locale(cls, rules: SegmentationRules) -> "BoundaryRules":
        pairs = {opening: closing for opening, closing in rules.quotes}
        pairs.update(rules.paired_marks)
        quote_closers = {closing for _, closing in rules.quotes}
        closers = frozenset(quote_closers) | frozenset(_BRACKETS.values())
        ending = set(rules.terminators).union(*rules.ellipses)
        terminator_run = re.compile(
            f"[{re.escape(''.join(sorted(ending)))}]+[{re.escape(''.join(sorted(closers)))}\\s]*"
        )
        return cls(
            terminators=frozenset(rules.terminators),
            ellipses=tuple(sorted(rules.ellipses, key=len, reverse=True)),
            openers=frozenset(pairs) | frozenset(_BRACKETS),
            closers=closers,
            pairs=pairs,
            never_final=_abbreviation_pattern(rules.abbreviations),
            may_be_final=_abbreviation_pattern(rules.final_abbreviations),
            initials=rules.initials,
            spaced=rules.spaces_between_sentences,
            terminator_run=terminator_run,
        )

    @property
    def punct_chars(self) -> tuple[str, ...]:
        """What spaCy's sentencizer should treat as the end of a sentence."""
        return tuple(sorted(self.terminators | set(self.ellipses)))

    def facts(self, line: str, protected: Sequence[tuple[int, int]]) -> LineFacts:
        abbreviations: list[tuple[int, int, _Abbreviation]] = []
        for pattern, kind in (
            (self.never_final, _Abbreviation.NEVER_FINAL),
            (self.may_be_final, _Abbreviation.MAY_BE_FINAL),
        ):
            if pattern is not None:
                abbreviations.extend((m.start(), m.end(), kind) for m in pattern.finditer(line))
        prose = list(line)
        for start, end in protected:
            prose[start:end] = " " * (end - start)
        return LineFacts(
            line, self._quotations(line), tuple(protected), tuple(abbreviations), "".join(prose)
        )

    def spaced_candidates(self, line: str) -> list[int]:
        """Starts after a terminator, closing marks and a space, found on characters.

        spaCy's tokenizer hides some: it keeps "etc." and "p.m." whole, and the Arabic one
        keeps "نغادر»." as one token, so no terminator token follows the word.
        """
        return [
            match.end()
            for match in self.terminator_run.finditer(line)
            if match.end() < len(line) and any(char.isspace() for char in match.group())
        ]

    def gap(self, line: str, candidate: int) -> tuple[int, int]:
        """Where the sentence before ``candidate`` ends and the next starts.

        spaCy puts opening marks after a terminator ("¿", "«", an opening quote or bracket) in
        the sentence before; they belong to the next one.
        """
        end = candidate
        while True:
            while end > 0 and line[end - 1].isspace():
                end -= 1
            if end > 0 and self._opens(line, end - 1):
                end -= 1
                continue
            break
        start = end
        while start < len(line) and line[start].isspace():
            start += 1
        return end, start

    def is_boundary(self, facts: LineFacts, end: int, start: int) -> bool:
        """Whether a sentence really ends at ``end`` with the next starting at ``start``."""
        line = facts.line
        if end == 0 or start >= len(line):
            return False
        core = self._before_closers(line, end)
        ellipsis = any(line.endswith(mark, 0, core) for mark in self.ellipses)
        if core == 0 or (not ellipsis and line[core - 1] not in self.terminators):
            return False
        if facts.inside_quotation(end) or facts.inside_entity(core):
            return False
        if self._inside_word(line, core, end, start):
            return False
        if line[start].islower() and not facts.starts_entity(start):
            return False  # "e.g. this", "¿Vienes?, preguntó", "Il attendait… puis"
        if ellipsis:
            return self._opens_sentence(line, end, start)
        abbreviation = facts.abbreviation_before(core)
        if abbreviation is _Abbreviation.NEVER_FINAL:
            return False
        if abbreviation is _Abbreviation.MAY_BE_FINAL:
            return self._opens_sentence(line, end, start)
        return not (self.initials and self._is_initial(line, core))

    def _opens(self, line: str, index: int) -> bool:
        """Whether the mark at ``index`` opens (rather than closes) a quotation or bracket."""
        char = line[index]
        if char not in self.openers:
            return False
        if char not in self.closers:
            return True
        return index == 0 or line[index - 1].isspace() or line[index - 1] in self.openers

    def _before_closers(self, line: str, end: int) -> int:
        """``end`` moved back over closing quotes and brackets (and spaces before them)."""
        while end > 0 and (line[end - 1] in self.closers or line[end - 1].isspace()):
            end -= 1
        return end

    def _inside_word(self, line: str, core: int, end: int, start: int) -> bool:
        """A period with no space after it inside a word, a number or a domain (7.1, who.int)."""
        if start != end:
            return False
        following = line[start]
        if self.spaced and following.isalnum():
            return True
        preceding = line[core - 2] if core >= 2 else " "
        return (
            line[core - 1] == "."
            and preceding.isascii()
            and preceding.isalnum()
            and following.isascii()
            and following.isalnum()
        )

    def _opens_sentence(self, line: str, end: int, start: int) -> bool:
        """After an ellipsis or "etc.": a new sentence only if the next word clearly starts one.

        A capital or an opening mark does; so does a letter of a script without case (Arabic,
        Han) or a digit, when a space separates it.
        """
        following = line[start]
        if following.isupper() or following in self.openers:
            return True
        caseless = following.isalpha() and not following.islower()
        return start > end and (caseless or following.isdigit())

    def _is_initial(self, line: str, core: int) -> bool:
        """One capital letter and a period: "J." in "J. K. Rowling", "С." in "А. С. Пушкин"."""
        if core < 2 or line[core - 1] != "." or not line[core - 2].isupper():
            return False
        return core == 2 or not line[core - 3].isalpha()

    def _quotations(self, line: str) -> tuple[tuple[int, int], ...]:
        """Every quotation or paired mark (¿…?) that opens and closes in ``line``.

        An unclosed one is ignored, so a stray quote cannot swallow the rest of a paragraph;
        an apostrophe between two letters (don’t) closes nothing.
        """
        stack: list[tuple[str, int]] = []
        regions: list[tuple[int, int]] = []
        for index, char in enumerate(line):
            if char in _APOSTROPHES and _between_letters(line, index):
                continue
            depth = next(
                (level for level in range(len(stack) - 1, -1, -1) if stack[level][0] == char),
                None,
            )
            if depth is not None:
                regions.append((stack[depth][1], index))
                del stack[depth:]
            elif char in self.pairs:
                stack.append((self.pairs[char], index))
        return tuple(regions)
