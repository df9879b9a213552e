"""Translating lines into the target languages: memory first, then machine translation.

:func:`translate_lines` drafts every line of a statement (or of many statements in one
source language) in every target language. For each pair, each line is drafted from the
first of:

1. the **source** itself, when the target is the source language;
2. an **exact translation-memory match** (an approved translation), origin ``memory``;
3. **machine translation**, origin ``mt``: the lines that need it, with their protected
   spans masked (:mod:`service.pipeline.translate.protect`), go to the engine; the spans are
   restored and the glossary constraints enforced (:mod:`service.pipeline.translate.terms`):
   foreign forms of a term are repaired in place, and lines still missing an official term
   are translated again with those terms masked;
4. **nothing**, origin ``none``, when no model serves the pair: an empty text and a
   ``no_translation_available`` error naming the packages it needs. The other languages are
   not affected.

Every pair's lines go to the engine in *one* ``translate_batches`` call (and one more for
the glossary retries), so a backend can translate the pairs concurrently; with
:func:`translate_line_groups`, the pairs of several source languages share those calls. A
draft records its provenance: the memory unit and score, or the engine and package
version, and each glossary repair. Post-editing, fitting and the checks are the next stages.
"""

from collections.abc import Sequence
from typing import TYPE_CHECKING

from service.engines.base import BatchResult, PairBatch, TranslationEngine
from service.errors import ErrorCode, InputError
from service.glossary import Glossary
from service.languages import Language
from service.locales import LocaleConventions
from service.pipeline.translate.draft import Draft
from service.pipeline.translate.pair import PairTranslator

if TYPE_CHECKING:  # the memory pulls in SQLAlchemy: loaded only by callers that use one
    from service.engines.memory import TranslationMemory

Drafts = dict[Language, Draft]
"""One line's draft in each target language."""


def translate_lines(
    lines: Sequence[str],
    source_language: Language,
    target_languages: Sequence[Language],
    *,
    engine: TranslationEngine | None,
    memory: "TranslationMemory | None",
    glossary: Glossary,
    locales: dict[Language, LocaleConventions],
) -> list[Drafts]:
    """Draft every line in every target language (see the module docstring for the order).

    Raises :class:`InputError` for a blank line.
    """
    (drafts,) = translate_line_groups(
        [(lines, source_language)],
        target_languages,
        engine=engine,
        memory=memory,
        glossary=glossary,
        locales=locales,
    )
    return drafts


def translate_line_groups(
    groups: Sequence[tuple[Sequence[str], Language]],
    target_languages: Sequence[Language],
    *,
    engine: TranslationEngine | None,
    memory: "TranslationMemory | None",
    glossary: Glossary,
    locales: dict[Language, LocaleConventions],
) -> list[list[Drafts]]:
    """:func:`translate_lines` for groups of lines in different source languages at once:
    the engine gets every group's pairs in the same ``translate_batches`` call (and one more
    for the glossary retries), so a batch of statements in several languages waits for the
    engine twice, not twice per language.

    Raises :class:`InputError` for a blank line.
    """
    for lines, _ in groups:
        check_lines(lines)
    targets = list(dict.fromkeys(target_languages))
    pairs = [
        [PairTranslator(source, target, engine, memory, glossary, locales) for target in targets]
        for _, source in groups
    ]
    for (lines, _), group_pairs in zip(groups, pairs, strict=True):
        for pair in group_pairs:
            pair.start(lines)
    every_pair = [pair for group_pairs in pairs for pair in group_pairs]
    _translate(engine, [(pair, pair.batch()) for pair in every_pair], retry=False)
    _translate(engine, [(pair, pair.retry()) for pair in every_pair], retry=True)
    return [
        _by_line(len(lines), group_pairs)
        for (lines, _), group_pairs in zip(groups, pairs, strict=True)
    ]


def check_lines(lines: Sequence[str]) -> None:
    """Raises :class:`InputError` for a blank line: every line to translate needs text."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            raise InputError(
                f"line {number} is empty: every line to translate needs text",
                code=ErrorCode.EMPTY_INPUT,
                line=number,
            )


def _by_line(count: int, pairs: Sequence[PairTranslator]) -> list[Drafts]:
    drafted = [pair.drafts() for pair in pairs]
    return [
        {pair.target_language: drafts[index] for pair, drafts in zip(pairs, drafted, strict=True)}
        for index in range(count)
    ]


def _translate(
    engine: TranslationEngine | None,
    requests: Sequence[tuple[PairTranslator, PairBatch | None]],
    *,
    retry: bool,
) -> None:
    """One ``translate_batches`` call for every pair that has lines; each pair takes its own."""
    wanted = [(pair, batch) for pair, batch in requests if batch is not None]
    if not wanted or engine is None:
        return
    results: list[BatchResult] = engine.translate_batches([batch for _, batch in wanted])
    for (pair, batch), result in zip(wanted, results, strict=True):
        if retry:
            pair.take_retry(batch, result)
        else:
            pair.take(batch, result)
