"""``double_space`` and ``leading_trailing_space``: stray spaces a post should not carry.

Both treat the no-break spaces (U+00A0, U+202F) and the thin space like a space: French
``Pourquoi \\u202f?`` has two spaces before ``?``. Line breaks are allowed; spaces at the
start or end of a line, or of the whole text, are not.
"""

import re
import unicodedata

from service.checks.base import Check, CheckContext, describe_offset
from service.models import Finding, Severity

_SPACES = " \t\u00a0\u2009\u202f\u3000"
_RUN_OF_SPACES = re.compile(f"[{_SPACES}]{{2,}}")
_EDGE_OF_LINE = re.compile(f"^[{_SPACES}]+|[{_SPACES}]+(?=\r?$)", re.MULTILINE)
_BLANK_EDGE = re.compile(r"\A[\r\n]+|[\r\n]+\Z")


def _describe(run: str) -> str:
    """``a space``, ``2 spaces`` or ``2 spaces (no-break space U+00A0, space)``."""
    if run == " ":
        return "a space"
    if set(run) == {" "}:
        return f"{len(run)} spaces"
    names = ", ".join(
        f"{unicodedata.name(char, 'space').lower()} U+{ord(char):04X}" for char in run
    )
    return f"{len(run)} spaces ({names})" if len(run) > 1 else names


def _name(char: str) -> str:
    return "tab" if char == "\t" else unicodedata.name(char, "space").lower()


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def _inside_line(text: str, run: re.Match[str]) -> bool:
    """Whether ``run`` neither starts nor ends its line (``leading_trailing_space`` has those)."""
    line_start = text.rfind("\n", 0, run.start()) + 1
    line_end = text.find("\n", run.end())
    line_end = len(text) if line_end == -1 else line_end
    return run.start() != line_start and run.end() != line_end


def _finding_over(check: Check, run: re.Match[str], message: str) -> Finding:
    """A finding of ``check`` that covers the matched ``run``."""
    return check.finding(message, start=run.start(), end=run.end())


class DoubleSpaceCheck(Check):
    check_id = "double_space"
    name = "Double space"
    description = "No two spaces in a row inside a line (no-break spaces count as spaces)."
    severity = Severity.WARNING

    def check(self, context: CheckContext) -> list[Finding]:
        text = context.target_text
        return [
            _finding_over(
                self,
                run,
                f"{_capitalized(_describe(run.group()))} in a row "
                f"{describe_offset(text, run.start(), run.end())}; use a single space.",
            )
            for run in _RUN_OF_SPACES.finditer(text)
            if _inside_line(text, run)
        ]


class LeadingTrailingSpaceCheck(Check):
    check_id = "leading_trailing_space"
    name = "Leading or trailing space"
    description = "No spaces at the start or end of a line, and no blank lines at either end."
    severity = Severity.WARNING

    def check(self, context: CheckContext) -> list[Finding]:
        text = context.target_text
        findings: list[Finding] = []
        for run in _EDGE_OF_LINE.finditer(text):
            where = "start" if run.start() == 0 or text[run.start() - 1] == "\n" else "end"
            message = (
                f"{_capitalized(_describe(run.group()))} at the {where} of a line, at offset "
                f"{run.start()}; remove {'it' if len(run.group()) == 1 else 'them'}."
            )
            findings.append(_finding_over(self, run, message))
        for run in _BLANK_EDGE.finditer(text):
            where = "start" if run.start() == 0 else "end"
            message = (
                f"Line break at the {where} of the translation (offset {run.start()}); remove it."
            )
            findings.append(_finding_over(self, run, message))
        return findings
