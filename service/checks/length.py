"""``length_limit``: the translation fits the platform's limit, counted the platform's way.

X counts a URL as 23 and a CJK character as 2 (twitter-text weighting), so a Chinese post
that looks short may not fit; :func:`service.text.length.weighted_length` knows the rules.
The finding points at the first character that no longer fits, so the translator sees how
much to cut.
"""

from service.checks.base import Check, CheckContext, describe_offset
from service.checks.spans import non_prose_spans
from service.models import Finding, Severity
from service.text.length import weighted_length


class LengthLimitCheck(Check):
    check_id = "length_limit"
    name = "Fits the platform"
    description = (
        "The translation fits the platform's length limit, counted as the platform counts "
        "(weighted characters, fixed-length links). Skipped when no platform is given."
    )
    severity = Severity.ERROR

    def check(self, context: CheckContext) -> list[Finding]:
        if context.platform is None:
            return []
        text = context.target_text
        measured = weighted_length(text, context.platform)
        if measured.fits:
            return []
        cut = _first_overflowing_offset(text, context.platform, measured.limit)
        return [
            self.finding(
                f"The translation counts {measured.length} on {measured.platform}; the limit is "
                f"{measured.limit}, so cut {measured.length - measured.limit}. The text stops "
                f"fitting {describe_offset(text, cut)}.",
                start=cut,
                end=len(text),
            )
        ]


def _first_overflowing_offset(text: str, platform: str, limit: int) -> int:
    """The shortest prefix that no longer fits ends here (a binary search over prefixes).

    A cut never lands inside a link or a hashtag: it moves to the entity's start.
    """
    low, high = 0, len(text)
    while low < high:
        middle = (low + high) // 2
        if weighted_length(text[: middle + 1], platform).length > limit:
            high = middle
        else:
            low = middle + 1
    for start, end in non_prose_spans(text):
        if start < low < end:
            return start
    return min(low, max(len(text) - 1, 0))
