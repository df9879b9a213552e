"""Whether a sentence stands alone as a post: datelines, dangling openers and link lines.

A post is read alone in a feed, with no sentence before it and no press-release furniture:

- The lead of a press release opens with a dateline ("GENEVA, 7 April 2026 –", "2026年6月5日，
  纽约——"). A post never carries it, so it is dropped.
- A sentence that opens on a word needing an antecedent ("This", "Cela", "Это", "这", "هذا")
  does not stand alone. Where the word is a pronoun that can stand for a name ("It",
  "Elle", "Она", "它") and the sentence before opens with a name the glossary knows, as its
  subject, the name may take the pronoun's place: an edit that review must see.
- A closing call ("Read more at URL #tag", "Pour en savoir plus : URL", "了解更多：URL") is
  the link every post carries, not a post of its own.

Every language fact used here is in ``locales/<code>.toml`` ``[lines]``.
"""

from collections.abc import Sequence

import regex

from service.glossary import TermMatch
from service.locales import LineRules, LocaleConventions
from service.text.entities import EntityKind, extract_entities

_LEADING = " \"'«“„¿¡("
"""Quotation marks and openers a sentence may start with before its first word."""
_PARENTHETICAL = regex.compile(r"\s*[(（][^()（）]{1,80}[)）]")
_FIRST_WORD_CHARACTER = regex.compile(r"[\s,，、]*(\w)")
_BEFORE_FIRST_LETTER = regex.compile(r"^[^\p{L}]+")
_LETTER = regex.compile(r"\p{L}")


def _lead(text: str) -> int:
    return len(text) - len(text.lstrip(_LEADING))


def opens_with(text: str, phrase: str, spaced: bool = True) -> bool:
    """Whether ``text`` opens with ``phrase``, case-insensitively, as whole words.

    In languages written without spaces (Chinese) a prefix is enough, and so it is for a
    phrase that ends in an apostrophe (French "L’").

    >>> opens_with("This year, we act", "This"), opens_with("Thistles grow", "This")
    (True, False)
    """
    folded, candidate = text.casefold(), phrase.casefold()
    if not folded.startswith(candidate):
        return False
    rest = folded[len(candidate) :]
    if not spaced or not rest or not candidate[-1].isalnum():
        return True
    return not (rest[0].isalnum() or rest[0] in "-'’")


def opener(text: str, conventions: LocaleConventions) -> str | None:
    """The word that opens ``text`` and needs an antecedent, if any ("This", "Cela", "这").

    Phrases listed as resolved ("This year") stand alone.
    """
    rules = conventions.lines
    spaced = conventions.segmentation.spaces_between_sentences
    stripped = text[_lead(text) :]
    if any(opens_with(stripped, phrase, spaced) for phrase in rules.resolved_openers):
        return None
    for word in sorted(rules.unresolved_openers, key=len, reverse=True):
        if opens_with(stripped, word, spaced):
            return word
    return None


def dateline(text: str, rules: LineRules) -> str:
    """The dateline that opens ``text``, its separator and spaces included, or ``""``."""
    for pattern in rules.dateline_patterns():
        match = pattern.match(text)
        if match is not None and match.end() < len(text):
            return match.group(0)
    return ""


def subject_name(
    text: str, matches: Sequence[TermMatch], conventions: LocaleConventions
) -> str | None:
    """The glossary name that opens ``text`` as its subject, with its article, if any.

    The name must open the sentence (after an article of ``[lines] determiners``) and be
    followed, after an optional parenthetical short form, by a word in lower case, so that
    "WHO calls" and "The World Health Organization (WHO) today" name a subject while "WHO
    Director-General Dr Tedros said" does not. In scripts without case (Chinese, Arabic),
    only the parenthetical of a first mention ("世界卫生组织（世卫组织）") says so.
    """
    spaced = conventions.segmentation.spaces_between_sentences
    lead = _lead(text)
    starts = {lead}
    for determiner in conventions.lines.determiners:
        if opens_with(text[lead:], determiner, spaced):
            after = lead + len(determiner)
            starts.add(after + len(text[after:]) - len(text[after:].lstrip()))
    match = next((m for m in matches if m.start_char in starts), None)
    if match is None:
        return None
    rest = text[match.end_char :]
    parenthetical = _PARENTHETICAL.match(rest)
    if parenthetical is not None:
        rest = rest[parenthetical.end() :]
    following = _FIRST_WORD_CHARACTER.match(rest)
    if following is None:
        return None
    letter = following.group(1)
    if letter.lower() != letter.upper():
        return text[lead : match.end_char] if letter.islower() else None
    return text[lead : match.end_char] if parenthetical is not None else None


def replaceable(word: str, text: str, conventions: LocaleConventions) -> bool:
    """Whether ``word``, opening ``text``, is a pronoun that may stand for a name there."""
    rules = conventions.lines
    spaced = conventions.segmentation.spaces_between_sentences
    stripped = text[_lead(text) :]
    return word in rules.antecedent_pronouns and not any(
        opens_with(stripped, phrase, spaced) for phrase in rules.impersonal_openers
    )


def replace_opener(text: str, word: str, name: str) -> tuple[str, int]:
    """``text`` with its opening ``word`` replaced by ``name``, and the word's offset."""
    lead = _lead(text)
    return text[:lead] + name + text[lead + len(word) :], lead


def link_line(text: str, conventions: LocaleConventions) -> tuple[str, list[str]] | None:
    """The link and hashtags of a closing link line ("Read more at URL #tag"), or None.

    A link line has a URL and either opens with one of ``[lines] link_calls`` or has no
    words besides its entities.
    """
    entities = extract_entities(text)
    urls = [entity.text for entity in entities if entity.kind is EntityKind.URL]
    if not urls:
        return None
    spaced = conventions.segmentation.spaces_between_sentences
    opening = _BEFORE_FIRST_LETTER.sub("", text)
    calls = any(opens_with(opening, call, spaced) for call in conventions.lines.link_calls)
    if not calls:
        prose = list(text)
        for entity in entities:
            prose[entity.start : entity.end] = " " * (entity.end - entity.start)
        if _LETTER.search("".join(prose)):
            return None
    return urls[0], [entity.text for entity in entities if entity.kind is EntityKind.HASHTAG]
