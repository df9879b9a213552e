"""``untranslated``: the translation is the source text, whole or in long verbatim runs.

Links, mentions, hashtags, emoji and numbers are left out of the comparison, and so are the
glossary's do-not-translate names (``UNICEF``, ``COVID-19``): they are meant to be equal.
Case, spacing and punctuation are ignored, so ``Hello!`` and ``hello !`` are the same text.
"""

from service.checks.base import Check, CheckContext
from service.checks.words import Word, words
from service.models import Finding, Severity


def verbatim_runs(source: list[Word], target: list[Word], min_words: int) -> list[tuple[int, int]]:
    """``(first, last)`` word indexes of maximal target runs of ``min_words`` or more source words.

    Works on ``min_words``-grams, so it is linear in the length of both texts.
    """
    keys = [word.key for word in source]
    grams = {tuple(keys[i : i + min_words]) for i in range(len(keys) - min_words + 1)}
    target_keys = [word.key for word in target]
    runs: list[tuple[int, int]] = []
    for index in range(len(target_keys) - min_words + 1):
        if tuple(target_keys[index : index + min_words]) not in grams:
            continue
        last = index + min_words - 1
        if runs and index <= runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], last)
        else:
            runs.append((index, last))
    return runs


class UntranslatedCheck(Check):
    check_id = "untranslated"
    name = "Untranslated text"
    description = (
        "The translation is not the source text itself (ignoring case, spacing, links, "
        "numbers and do-not-translate names), and holds no long run of source words verbatim."
    )
    severity = Severity.ERROR
    min_run_words = 5

    def check(self, context: CheckContext) -> list[Finding]:
        if context.source_language == context.target_language:
            return []
        names = context.do_not_translate
        source = words(context.source_text, names, "\0source")
        target = words(context.target_text, names, "\0target")
        source_keys = [word.key for word in source if word.key != "\0source"]
        target_keys = [word.key for word in target if word.key != "\0target"]
        if source_keys and source_keys == target_keys:
            language = context.target_conventions.language
            return [
                self.finding(
                    f"The translation is the same as the {context.source_language} source text; "
                    f"translate it into {language.name} ({language.code})."
                )
            ]
        return [
            self._run_finding(context.target_text, target, run)
            for run in verbatim_runs(source, target, self.min_run_words)
        ]

    def _run_finding(self, text: str, target: list[Word], run: tuple[int, int]) -> Finding:
        start, end = target[run[0]].start, target[run[1]].end
        return self.finding(
            f"{run[1] - run[0] + 1} words at offset {start} are copied from the source "
            f"untranslated: {text[start:end]!r}. Translate them, or add the name to the "
            "glossary's do-not-translate list if it must stay as is.",
            start=start,
            end=end,
            severity=Severity.WARNING,
        )
