"""Glossary constraints: every official term of the source comes out as the official target term.

For each glossary term in the source (``WHO``, ``World Health Day``), the rendition must
contain the concept's official name or short form in the target language (``OMS``,
``Journée mondiale de la santé``). Terms are found with the glossary's
:class:`~service.glossary.TermMatcher` on both sides, so its case rules hold (the acronym
``WHO`` is not the pronoun "who") and "l’OMS" counts as "OMS". Terms inside links,
mentions, hashtags and emoji are not prose and are ignored.

Why terms go through machine translation unmasked first: a model that sees the term in its
sentence gets the grammar around it right (the article in "l'OMS", the Russian case of a
full name, the Arabic proclitic), and models trained on UN corpora often produce the
official term by themselves. What they get wrong is repaired, in this order:

1. :meth:`GlossaryConstraints.repair`: where a form of the concept in *another* language
   survived in the target (the source surface left untranslated, or the English form
   after a pivot through English), it is replaced by the official target form: the short
   form for a short form, the name for a name. Each repair is a
   :class:`~service.models.GlossaryRepair` for the rendition's provenance.
2. The translation stage then translates the line again with the still-missing terms
   masked (:func:`service.pipeline.protect.mask` with ``terms``) and puts the official
   target form in their place.
3. What neither locates is a ``glossary_term_missing`` finding for the reviewer: the term
   may have been rendered by a paraphrase or a pronoun, which only a person can judge.

An official target form the rendition does use, from memory, MT or a repair, but whose
termbase cell nobody has verified against a source gets a ``term_unverified`` info
finding naming the term and the cell, so that the reviewer checks that form too.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import regex

from service.checks.stage import GLOSSARY_REPAIRED, GLOSSARY_TERM_MISSING, TERM_UNVERIFIED
from service.glossary import CellField, Concept, Glossary, TermMatch
from service.languages import ALL_LANGUAGES, Language
from service.models import Finding, GlossaryRepair
from service.text.boundaries import whole_word_pattern
from service.text.entities import EntityKind, extract_entities

_NOT_PROSE = frozenset(
    {EntityKind.URL, EntityKind.MENTION, EntityKind.HASHTAG, EntityKind.CASHTAG, EntityKind.EMOJI}
)


@dataclass(frozen=True)
class TermRequirement:
    """A concept the source names, and the official target forms that satisfy it."""

    concept_id: str
    source_surface: str
    form: Literal["name", "short_form"]
    matches: tuple[TermMatch, ...]
    preferred: str
    accepted: tuple[str, ...]

    def as_repair(self, after: str) -> GlossaryRepair:
        """The repair that put ``after`` where the source had this term."""
        return GlossaryRepair(concept_id=self.concept_id, before=self.source_surface, after=after)


@dataclass(frozen=True)
class _ForeignHit:
    """A form of a concept in another language, found in the target text."""

    concept_id: str
    form: Literal["name", "short_form"]
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class RepairResult:
    """The text after repairs, the repairs made, and the requirements still not met."""

    text: str
    repairs: list[GlossaryRepair] = field(default_factory=list)
    missing: list[TermRequirement] = field(default_factory=list)


def _prose_terms(glossary: Glossary, language: Language, text: str) -> list[TermMatch]:
    """Terms of ``text`` outside links, mentions, hashtags and emoji."""
    spans = [(e.start, e.end) for e in extract_entities(text) if e.kind in _NOT_PROSE]
    return [
        match
        for match in glossary.matcher(language).find_terms(text)
        if not any(start < match.end_char and match.start_char < end for start, end in spans)
    ]


def _prose_hits(text: str, form: str) -> list["regex.Match[str]"]:
    """Whole-word occurrences of ``form`` outside links, hashtags, mentions and emoji.

    An acronym (two or more capitals, no lower case) must match in capitals, like the
    term matcher's rule: the pronoun "who" is not WHO.
    """
    spans = [(e.start, e.end) for e in extract_entities(text) if e.kind in _NOT_PROSE]
    pattern = whole_word_pattern(form, ignore_case=not _is_acronym(form))
    return [
        hit
        for hit in pattern.finditer(text)
        if not any(start < hit.end() and hit.start() < end for start, end in spans)
    ]


def _is_acronym(surface: str) -> bool:
    return sum(char.isupper() for char in surface) >= 2 and not any(c.islower() for c in surface)


def _official(concept: Concept, language: Language, form: str) -> tuple[str, tuple[str, ...]]:
    """(preferred, accepted) target forms: the short form for a short form, else the name."""
    name = concept.names.get(language)
    short = concept.short_forms.get(language)
    accepted = tuple(surface for surface in (name, short) if surface)
    preferred = short if form == "short_form" and short else (name or short or "")
    return preferred, accepted


class GlossaryConstraints:
    """The glossary's requirements for one language pair, and their check and repair."""

    def __init__(self, glossary: Glossary, source_language: Language, target_language: Language):
        self.glossary = glossary
        self.source_language = source_language
        self.target_language = target_language

    def requirements(self, source_text: str) -> list[TermRequirement]:
        """One requirement per concept named in the source that has a target form, in order."""
        by_concept: dict[str, list[TermMatch]] = {}
        for match in _prose_terms(self.glossary, self.source_language, source_text):
            by_concept.setdefault(match.concept_id, []).append(match)
        requirements: list[TermRequirement] = []
        for concept_id, matches in by_concept.items():
            concept = self.glossary.get(concept_id)
            preferred, accepted = _official(concept, self.target_language, matches[0].form)
            if not accepted:
                continue  # the termbase does not know the target form: nothing to require
            requirements.append(
                TermRequirement(
                    concept_id=concept_id,
                    source_surface=matches[0].surface,
                    form=matches[0].form,
                    matches=tuple(matches),
                    preferred=preferred,
                    accepted=accepted,
                )
            )
        return requirements

    def missing(
        self, target_text: str, requirements: Sequence[TermRequirement]
    ) -> list[TermRequirement]:
        """The requirements whose concept the target does not name in an official form.

        The term matcher decides first; an official form standing as a whole word in the
        prose also counts, for what the blank tokenizers do not split ("l'OMS" in Spanish).
        """
        if not requirements:
            return []
        matched = _prose_terms(self.glossary, self.target_language, target_text)
        present = {match.concept_id for match in matched}
        return [
            requirement
            for requirement in requirements
            if requirement.concept_id not in present
            and not any(_prose_hits(target_text, form) for form in requirement.accepted)
        ]

    def repair(self, target_text: str, requirements: Sequence[TermRequirement]) -> RepairResult:
        """Replace every foreign form of a required concept by its official target form (step 1).

        Foreign forms are the concept's names and short forms in the other five languages,
        found as whole words in the prose, outside official target terms; where two overlap
        the longer wins. A foreign form in brackets right after the official target form
        ("Organisation mondiale de la Santé (WHO)") becomes the target short form, or stays
        when the target has none (no "X (X)").
        """
        hits = self._foreign_hits(target_text, requirements)
        pieces: list[str] = []
        repairs: dict[tuple[str, str], GlossaryRepair] = {}
        position = 0
        for hit in hits:
            replacement = self._replacement(target_text, hit)
            if replacement is None or replacement == hit.text:
                continue
            pieces += [target_text[position : hit.start], replacement]
            position = hit.end
            repairs.setdefault(
                (hit.concept_id, hit.text),
                GlossaryRepair(concept_id=hit.concept_id, before=hit.text, after=replacement),
            )
        pieces.append(target_text[position:])
        text = "".join(pieces)
        return RepairResult(
            text=text, repairs=list(repairs.values()), missing=self.missing(text, requirements)
        )

    def _foreign_hits(
        self, text: str, requirements: Sequence[TermRequirement]
    ) -> list["_ForeignHit"]:
        """Non-overlapping foreign forms in ``text``, longest first on overlap, in text order."""
        official = [
            (m.start_char, m.end_char)
            for m in _prose_terms(self.glossary, self.target_language, text)
        ]
        candidates = [
            _ForeignHit(requirement.concept_id, form, hit.group(0), hit.start(), hit.end())
            for requirement in requirements
            for surface, form in self._foreign_forms(requirement)
            for hit in _prose_hits(text, surface)
        ]
        candidates.sort(key=lambda hit: (hit.start - hit.end, hit.start))
        taken: list[_ForeignHit] = []
        for candidate in candidates:
            spans = official + [(hit.start, hit.end) for hit in taken]
            if not any(start < candidate.end and candidate.start < end for start, end in spans):
                taken.append(candidate)
        return sorted(taken, key=lambda hit: hit.start)

    def _replacement(self, text: str, hit: "_ForeignHit") -> str | None:
        """The official form for ``hit``; in brackets after the concept, the short form or None."""
        concept = self.glossary.get(hit.concept_id)
        replacement, _ = _official(concept, self.target_language, hit.form)
        before = text[: hit.start].rstrip(" \u00a0")
        if before.endswith(("(", "（")) and text[hit.end : hit.end + 1] in (")", "）"):
            glossed = before[:-1].rstrip(" \u00a0").casefold()
            # Any form of the concept, official or about to be repaired, names it already.
            forms = [*concept.names.values(), *concept.short_forms.values()]
            if any(glossed.endswith(form.casefold()) for form in forms):
                short = concept.short_forms.get(self.target_language)
                return short if short and not glossed.endswith(short.casefold()) else None
        return replacement

    def _foreign_forms(
        self, requirement: TermRequirement
    ) -> list[tuple[str, Literal["name", "short_form"]]]:
        """(surface, form) of the concept in the other languages, longest first."""
        concept = self.glossary.get(requirement.concept_id)
        found: dict[str, Literal["name", "short_form"]] = {}
        for language in ALL_LANGUAGES:
            if language is self.target_language:
                continue
            name, short = concept.names.get(language), concept.short_forms.get(language)
            if name and name not in requirement.accepted:
                found.setdefault(name, "name")
            if short and short not in requirement.accepted:
                found.setdefault(short, "short_form")
        if requirement.source_surface not in requirement.accepted:
            found.setdefault(requirement.source_surface, requirement.form)
        return sorted(found.items(), key=lambda item: -len(item[0]))

    def missing_findings(self, missing: Sequence[TermRequirement]) -> list[Finding]:
        """A ``glossary_term_missing`` warning per requirement the rendition does not meet."""
        findings: list[Finding] = []
        for requirement in missing:
            others = [form for form in requirement.accepted if form != requirement.preferred]
            alternative = f" (or {' or '.join(repr(f) for f in others)})" if others else ""
            findings.append(
                GLOSSARY_TERM_MISSING.finding(
                    f"The source names {requirement.source_surface!r} "
                    f"({requirement.concept_id}), but the {self.target_language.value} text "
                    f"does not use its official form {requirement.preferred!r}{alternative}: "
                    "check the rendering and use the official term."
                )
            )
        return findings

    def unverified_findings(
        self, target_text: str, requirements: Sequence[TermRequirement]
    ) -> list[Finding]:
        """A ``term_unverified`` info per official target form in use whose cell is unverified.

        A form is in use when the term matcher finds it for the required concept or it stands
        as a whole word in the prose, the same two tests as :meth:`missing`.
        """
        matched = {
            (match.concept_id, match.form)
            for match in _prose_terms(self.glossary, self.target_language, target_text)
        }
        findings: list[Finding] = []
        for concept_id in dict.fromkeys(requirement.concept_id for requirement in requirements):
            concept = self.glossary.get(concept_id)
            for cell_field, form, surface in _term_cells(concept, self.target_language):
                status = concept.status(cell_field, self.target_language)
                if status is None or status.verified:
                    continue
                if (concept_id, form) in matched or _prose_hits(target_text, surface):
                    column = f"{cell_field}_{self.target_language}"
                    note = f" ({status.note})" if status.note else ""
                    findings.append(
                        TERM_UNVERIFIED.finding(
                            f"The text uses {surface!r}, the termbase's official form for "
                            f"{concept_id} ({column}), which is not verified against a "
                            f"source{note}: check it before publishing."
                        )
                    )
        return findings


def _term_cells(
    concept: Concept, language: Language
) -> list[tuple[CellField, Literal["name", "short_form"], str]]:
    """(cell, matcher form, surface) of the concept's name and short form in ``language``."""
    cells: list[tuple[CellField, Literal["name", "short_form"], str]] = []
    if language in concept.names:
        cells.append((CellField.NAME, "name", concept.names[language]))
    if language in concept.short_forms:
        cells.append((CellField.SHORT, "short_form", concept.short_forms[language]))
    return cells


def repair_findings(repairs: Sequence[GlossaryRepair]) -> list[Finding]:
    """An info finding per repair, so the reviewer sees it beside the other findings."""
    return [
        GLOSSARY_REPAIRED.finding(
            f"Glossary: {repair.before!r} was replaced by the official {repair.after!r} "
            f"({repair.concept_id})."
        )
        for repair in repairs
    ]
