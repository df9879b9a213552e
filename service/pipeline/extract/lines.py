"""Line extraction: which sentences of a statement stand alone as a post, ranked, with reasons.

A good line (UN social media practice, as the issue states it):
- stands alone (see :mod:`standalone`): no dateline, no opener that needs an antecedent
  (unless a glossary name can take its place), not the closing link line;
- fits the platform with room for the link and hashtags every post carries;
- carries the key facts: numbers, named UN entities and glossary terms, calls to action;
- prefers the lead (journalism's inverted pyramid: the first sentences carry the news);
- does not repeat another line.

Where a sentence does not fit, a cut at a clause boundary is offered instead (never
mid-word, never inside a URL or hashtag), marked ``is_cut`` and ranked below whole
sentences of the same merit. Every sentence that is not offered is accounted for in
``left_out``. Offsets are into the input text, through the statement's source map.
"""

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from service.glossary import TermMatch
from service.locales import LocaleConventions
from service.models import Sentence
from service.pipeline.extract import standalone
from service.pipeline.extract.cuts import clause_cut
from service.pipeline.extract.features import LineFeatures, describe, measure, similarity
from service.statement import (
    LeftOutLine,
    LeftOutReason,
    Line,
    LineEdit,
    LineEditKind,
    LineExtraction,
    Statement,
)
from service.text.entities import EntityKind, extract_entities
from service.text.length import weighted_length

TermFinder = Callable[[str], Sequence[TermMatch]]
"""Returns the glossary terms found in a text (see service.glossary)."""

_DUPLICATE_SIMILARITY = 0.6
_CUT_PENALTY = 0.85
_WEIGHTS = {"lead": 0.25, "facts": 0.35, "standalone": 0.2, "size": 0.2}
_EDITED_STANDALONE = 0.5
"""A line that stands alone only through an edit ranks below one that needs none."""


def _url_key(url: str) -> str:
    key = url.casefold().removeprefix("https://").removeprefix("http://")
    return key.removeprefix("www.").rstrip("/")


def post_suffix(line: str, link: str | None, hashtags: Sequence[str]) -> str:
    """What a post carries after its line: the link, then the hashtags, each once per post.

    A link or hashtag the line already carries is not repeated.

    >>> post_suffix("Learn more at https://who.int #Health", "https://who.int/", ["#health", "#UN"])
    ' #UN'
    """
    present = {
        _url_key(entity.text) if entity.kind is EntityKind.URL else entity.text.casefold()
        for entity in extract_entities(line)
        if entity.kind in (EntityKind.URL, EntityKind.HASHTAG)
    }
    parts = [link] if link and _url_key(link) not in present else []
    for hashtag in hashtags:
        if hashtag.casefold() not in present:
            present.add(hashtag.casefold())
            parts.append(hashtag)
    return (" " + " ".join(parts)) if parts else ""


@dataclass(frozen=True)
class _Candidate:
    text: str
    start: int | None
    end: int | None
    position: int
    is_cut: bool = False
    is_title: bool = False
    notes: tuple[str, ...] = ()
    edits: tuple[LineEdit, ...] = ()


@dataclass(frozen=True)
class _Standing:
    """A sentence as it would stand alone: its text and where that starts in the body."""

    text: str
    body_start: int
    body_end: int
    shift: int = 0
    """How much longer the text is than its source, from an edit at its start."""
    notes: tuple[str, ...] = ()
    edits: tuple[LineEdit, ...] = ()


@dataclass
class _Scored:
    score: float
    candidate: _Candidate
    features: LineFeatures


@dataclass
class _Extractor:
    statement: Statement
    sentences: Sequence[Sentence]
    conventions: LocaleConventions
    platform: str
    find_terms: TermFinder
    link: str | None = None
    hashtags: list[str] = field(default_factory=list)
    link_lines: dict[int, str] = field(default_factory=dict)
    left_out: list[LeftOutLine] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.link, self.hashtags = self.statement.link, list(self.statement.hashtags)
        self.limit = weighted_length("", self.platform).limit
        for position, sentence in enumerate(self.sentences):
            found = standalone.link_line(sentence.text, self.conventions)
            if found is not None:
                self.link_lines[position] = self._carry(*found)

    def _carry(self, url: str, hashtags: list[str]) -> str:
        """Take a link line's link and hashtags where the front matter gives none."""
        if not self.statement.hashtags:
            known = {hashtag.casefold() for hashtag in self.hashtags}
            self.hashtags += [tag for tag in dict.fromkeys(hashtags) if tag.casefold() not in known]
        if self.link is None:
            self.link = url
        if _url_key(self.link) == _url_key(url):
            return f"the closing link line: every post carries {self.link} instead"
        return f"a link line: every post carries the statement's link {self.link} instead"

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.statement.source_map.span(start, end)

    def leave_out(
        self, text: str, span: tuple[int | None, int | None], reason: LeftOutReason, detail: str
    ) -> None:
        start, end = span
        self.left_out.append(
            LeftOutLine(text=text, start=start, end=end, reason=reason, detail=detail)
        )

    def leave_out_sentence(self, position: int, reason: LeftOutReason, detail: str) -> None:
        sentence = self.sentences[position]
        self.leave_out(sentence.text, self.span(sentence.start, sentence.end), reason, detail)

    def suffix(self, text: str) -> str:
        return post_suffix(text, self.link, self.hashtags)

    def budget(self, text: str) -> int:
        return self.limit - weighted_length(self.suffix(text), self.platform).length

    # Standing alone --------------------------------------------------------------------

    def standing(self, position: int) -> _Standing | None:
        """The sentence at ``position`` without its dateline and with a named subject for
        its opening pronoun; None (and a left-out entry) when it cannot stand alone."""
        sentence = self.sentences[position]
        rules = self.conventions.lines
        dateline = standalone.dateline(sentence.text, rules) if position == 0 else ""
        text, body_start = sentence.text[len(dateline) :], sentence.start + len(dateline)
        notes = (f"dateline {dateline.strip()!r} dropped",) if dateline else ()
        word = standalone.opener(text, self.conventions)
        if word is None:
            return _Standing(text, body_start, sentence.end, notes=notes)
        name = self.antecedent(position, word, text)
        if name is None:
            detail = f"opens with {word!r}, which needs an antecedent"
            self.leave_out_sentence(position, LeftOutReason.DANGLING_OPENER, detail)
            return None
        edited, offset = standalone.replace_opener(text, word, name)
        before = text[offset : offset + len(word)]
        start, end = self.span(body_start + offset, body_start + offset + len(word))
        edit = LineEdit(
            kind=LineEditKind.OPENER_REPLACED, before=before, after=name, start=start, end=end
        )
        note = f"{before!r} replaced by {name!r}, the subject of the sentence before: review it"
        return _Standing(
            edited, body_start, sentence.end, len(name) - len(before), (*notes, note), (edit,)
        )

    def antecedent(self, position: int, word: str, text: str) -> str | None:
        """The name ``word`` stands for: the glossary-known subject of the sentence before."""
        if position == 0 or not standalone.replaceable(word, text, self.conventions):
            return None
        previous = self.sentences[position - 1].text
        if position == 1:
            previous = previous[len(standalone.dateline(previous, self.conventions.lines)) :]
        return standalone.subject_name(previous, self.find_terms(previous), self.conventions)

    # Fitting ---------------------------------------------------------------------------

    def candidate(self, position: int, standing: _Standing) -> _Candidate | None:
        text = standing.text
        if weighted_length(text + self.suffix(text), self.platform).length <= self.limit:
            start, end = self.span(standing.body_start, standing.body_end)
            return _Candidate(
                text, start, end, position, notes=standing.notes, edits=standing.edits
            )
        cut = clause_cut(text, self.budget(text), self.platform, self.conventions)
        if cut is None:
            detail = f"too long for {self.platform}, and no clause or word boundary leaves a fit"
            self.leave_out_sentence(position, LeftOutReason.TOO_LONG, detail)
            return None
        kept = len(cut) - len(self.conventions.lines.cut_marker) - standing.shift
        start, end = self.span(standing.body_start, standing.body_start + kept)
        return _Candidate(
            cut, start, end, position, True, notes=standing.notes, edits=standing.edits
        )

    def title(self) -> _Candidate | None:
        title = self.statement.title
        if not title:
            return None
        word = standalone.opener(title, self.conventions)
        if word is not None:
            detail = f"opens with {word!r}, which needs an antecedent"
            self.leave_out(title, self.title_span(), LeftOutReason.DANGLING_OPENER, detail)
            return None
        return _Candidate(title, *self.title_span(), 0, is_title=True)

    def title_span(self) -> tuple[int | None, int | None]:
        return self.statement.title_span or (None, None)

    def candidates(self) -> list[_Candidate]:
        found = [self.title()]
        for position in range(len(self.sentences)):
            if position in self.link_lines:
                detail = self.link_lines[position]
                self.leave_out_sentence(position, LeftOutReason.LINK_LINE, detail)
                continue
            standing = self.standing(position)
            found.append(None if standing is None else self.candidate(position, standing))
        return [candidate for candidate in found if candidate is not None]

    # Ranking ---------------------------------------------------------------------------

    def score(self, features: LineFeatures, candidate: _Candidate) -> float:
        lead = 1.0 - candidate.position / max(len(self.sentences), 1)
        facts = features.numbers + len(features.terms) + features.calls_to_action
        facts_score = min(1.0, min(1.0, facts / 2.0) + 0.25 * features.entities)
        standing = _EDITED_STANDALONE if candidate.edits else 1.0
        if candidate.is_title:
            lead *= 0.8  # a headline rarely says enough alone; it must earn its rank with facts
        score = (
            _WEIGHTS["lead"] * lead
            + _WEIGHTS["facts"] * facts_score
            + _WEIGHTS["standalone"] * standing
            + _WEIGHTS["size"] * features.size_fitness
        )
        return score * (_CUT_PENALTY if candidate.is_cut else 1.0)

    def scored(self) -> list[_Scored]:
        scored: list[_Scored] = []
        minimum = self.conventions.lines.min_line_chars
        for candidate in self.candidates():
            suffix = self.suffix(candidate.text)
            budget = self.limit - weighted_length(suffix, self.platform).length
            features = measure(
                candidate.text, suffix, self.platform, budget, self.conventions, self.find_terms
            )
            if features.too_short:
                detail = f"shorter than {minimum} characters: too little to stand alone"
                self.leave_out_candidate(candidate, LeftOutReason.TOO_SHORT, detail)
                continue
            scored.append(_Scored(self.score(features, candidate), candidate, features))
        scored.sort(key=lambda item: (-item.score, item.candidate.position, item.candidate.is_cut))
        return scored

    def leave_out_candidate(
        self, candidate: _Candidate, reason: LeftOutReason, detail: str
    ) -> None:
        self.leave_out(candidate.text, (candidate.start, candidate.end), reason, detail)

    def line(self, item: _Scored) -> Line:
        candidate, features = item.candidate, item.features
        return Line(
            text=candidate.text,
            length=features.post_length,
            score=round(min(1.0, max(0.0, item.score)), 3),
            reasons=describe(
                features, candidate.position, candidate.is_cut, candidate.is_title, candidate.notes
            ),
            start=candidate.start,
            end=candidate.end,
            is_cut=candidate.is_cut,
            edits=list(candidate.edits),
        )

    def lines(self, max_lines: int) -> list[Line]:
        lines: list[Line] = []
        for item in self.scored():
            repeated = next(
                (
                    rank
                    for rank, line in enumerate(lines, start=1)
                    if similarity(item.candidate.text, line.text) > _DUPLICATE_SIMILARITY
                ),
                None,
            )
            if repeated is not None:
                detail = f"repeats line {repeated}, which ranks higher"
                self.leave_out_candidate(item.candidate, LeftOutReason.DUPLICATE, detail)
            elif len(lines) < max_lines:
                lines.append(self.line(item))
        return lines


_SUMMARY = {
    LeftOutReason.LINK_LINE: "the closing link",
    LeftOutReason.DANGLING_OPENER: "opening on a word that needs an antecedent",
    LeftOutReason.TOO_SHORT: "too short to stand alone",
    LeftOutReason.TOO_LONG: "too long, with nowhere to cut",
    LeftOutReason.DUPLICATE: "repeating a better line",
}


def _no_lines_reason(left_out: Sequence[LeftOutLine], platform: str) -> str:
    counts = Counter(item.reason for item in left_out)
    parts = [f"{count} {_SUMMARY[reason]}" for reason, count in counts.items()]
    return f"no line can be offered for {platform}: " + "; ".join(parts)


def extract_lines(
    statement: Statement,
    sentences: Sequence[Sentence],
    conventions: LocaleConventions,
    platform: str,
    find_terms: TermFinder,
    max_lines: int = 10,
) -> LineExtraction:
    """Rank the lines of a segmented statement for ``platform``, best first, without repeats.

    ``sentences`` are the sentences of ``statement.body`` (offsets into the body); the
    lines' offsets are into the input text. Every sentence that is not offered is in
    ``left_out`` with its reason (lines past ``max_lines`` are simply not listed).
    """
    extractor = _Extractor(statement, sentences, conventions, platform, find_terms)
    lines = extractor.lines(max_lines)
    left_out = sorted(extractor.left_out, key=lambda item: -1 if item.start is None else item.start)
    return LineExtraction(
        source_language=conventions.language.code,
        platform=platform,
        lines=lines,
        link=extractor.link,
        hashtags=extractor.hashtags,
        left_out=left_out,
        no_lines_reason=None if lines else _no_lines_reason(left_out, platform),
    )
