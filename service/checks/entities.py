"""``entities_preserved``: links, @mentions and protected hashtags survive translation.

A translated post that drops ``https://un.org/...`` or ``@UN`` no longer does its job, and
one that gains a link the source does not have may be an injected link. Mentions and
hashtags are compared case-insensitively, as the platforms treat them; URLs exactly.
A source hashtag is satisfied by itself or by one of its localized official equivalents
(``CheckContext.hashtag_equivalents``).
"""

from collections.abc import Iterable, Mapping

from service.checks.base import Check, CheckContext, describe_offset
from service.models import Finding, Severity
from service.text.entities import Entity, EntityKind, extract_entities


def _of_kind(entities: Iterable[Entity], kind: EntityKind) -> list[Entity]:
    return [entity for entity in entities if entity.kind == kind]


def hashtag_key(hashtag: str) -> str:
    """How hashtags compare: without the ``#`` (or full-width ``＃``), case-folded.

    >>> hashtag_key("#WorldHealthDay") == hashtag_key("worldhealthday")
    True
    """
    return hashtag.lstrip("#＃").casefold()


def _equivalents(mapping: Mapping[str, Iterable[str]]) -> dict[str, set[str]]:
    return {
        hashtag_key(source): {hashtag_key(hashtag) for hashtag in localized}
        for source, localized in mapping.items()
    }


class EntitiesPreservedCheck(Check):
    check_id = "entities_preserved"
    name = "Links, mentions and hashtags kept"
    description = (
        "Every URL, @mention and protected hashtag of the source is in the translation "
        "(or the hashtag's localized official equivalent); no new links or mentions appear."
    )
    severity = Severity.ERROR

    def check(self, context: CheckContext) -> list[Finding]:
        source = extract_entities(context.source_text)
        target = extract_entities(context.target_text)
        findings = self._missing_urls(source, target)
        findings += self._missing_mentions(source, target)
        findings += self._missing_hashtags(context, source, target)
        findings += self._new_links(context.target_text, source, target)
        return findings

    def _missing_urls(self, source: list[Entity], target: list[Entity]) -> list[Finding]:
        kept = {entity.text for entity in _of_kind(target, EntityKind.URL)}
        missing = dict.fromkeys(
            e.text for e in _of_kind(source, EntityKind.URL) if e.text not in kept
        )
        return [
            self.finding(f"The link {url} is missing from the translation; copy it unchanged.")
            for url in missing
        ]

    def _missing_mentions(self, source: list[Entity], target: list[Entity]) -> list[Finding]:
        kept = {entity.text.casefold() for entity in _of_kind(target, EntityKind.MENTION)}
        missing = dict.fromkeys(
            e.text for e in _of_kind(source, EntityKind.MENTION) if e.text.casefold() not in kept
        )
        return [
            self.finding(f"The mention {mention} is missing from the translation; keep it.")
            for mention in missing
        ]

    def _missing_hashtags(
        self, context: CheckContext, source: list[Entity], target: list[Entity]
    ) -> list[Finding]:
        source_hashtags = [entity.text for entity in _of_kind(source, EntityKind.HASHTAG)]
        if context.protected_hashtags is not None:
            protected = {hashtag_key(hashtag) for hashtag in context.protected_hashtags}
            source_hashtags = [tag for tag in source_hashtags if hashtag_key(tag) in protected]
        kept = {hashtag_key(entity.text) for entity in _of_kind(target, EntityKind.HASHTAG)}
        equivalents = _equivalents(context.hashtag_equivalents)
        findings: list[Finding] = []
        for hashtag in dict.fromkeys(source_hashtags):
            accepted = {hashtag_key(hashtag)} | equivalents.get(hashtag_key(hashtag), set())
            if accepted & kept:
                continue
            localized = sorted(
                tag if tag.startswith(("#", "＃")) else f"#{tag}"
                for key, tags in context.hashtag_equivalents.items()
                if hashtag_key(key) == hashtag_key(hashtag)
                for tag in tags
            )
            alternative = f" (or {' or '.join(localized)})" if localized else ""
            findings.append(
                self.finding(f"The hashtag {hashtag}{alternative} is missing from the translation.")
            )
        return findings

    def _new_links(self, text: str, source: list[Entity], target: list[Entity]) -> list[Finding]:
        """Links and mentions the source does not have: at best a mistake, at worst injected."""
        known_urls = {entity.text for entity in _of_kind(source, EntityKind.URL)}
        known_mentions = {entity.text.casefold() for entity in _of_kind(source, EntityKind.MENTION)}
        findings: list[Finding] = []
        for entity in target:
            is_new_url = entity.kind == EntityKind.URL and entity.text not in known_urls
            is_new_mention = (
                entity.kind == EntityKind.MENTION and entity.text.casefold() not in known_mentions
            )
            if is_new_url or is_new_mention:
                what = "link" if is_new_url else "mention"
                where = describe_offset(text, entity.start, entity.end)
                findings.append(
                    self.finding(
                        f"The {what} {entity.text} {where} is not in the source; "
                        "remove it or check it is intended.",
                        start=entity.start,
                        end=entity.end,
                        severity=Severity.WARNING,
                    )
                )
        return findings
