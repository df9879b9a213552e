"""The contract every quality check follows, and the context it is given.

A check is a small class with a stable snake_case ``check_id`` (stored with every finding,
so never rename one), a ``name`` and ``description`` for people, a default ``severity`` and
one method, :meth:`Check.check`, that reads a :class:`CheckContext` and returns findings.
A check never raises for a problem it finds: a problem is a :class:`~service.models.Finding`.
The shape follows Weblate's ``checks/`` package.
"""

from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from typing import ClassVar, Protocol, Self, runtime_checkable

from pydantic import BaseModel, ConfigDict, Field, model_validator

from service.languages import Language
from service.locales import LocaleConventions
from service.models import Detection, Finding, Severity


@runtime_checkable
class Detector(Protocol):
    """Tells which of the six languages a text is in (see ``service.pipeline.detect``)."""

    def detect(self, text: str) -> Detection: ...


class CheckContext(BaseModel):
    """One source text and its translation, with everything a check may need to judge it.

    ``protected_hashtags`` are the source hashtags that must survive translation; ``None``
    means every hashtag of the source. ``hashtag_equivalents`` maps a source hashtag to the
    localized official hashtags that may replace it (``#WorldHealthDay`` ->
    ``{"#JournéeMondialeDeLaSanté"}``). ``do_not_translate`` holds glossary names that are
    legitimately the same in both languages. ``detector`` is the edge's language detector,
    built from the configured locales.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    source_text: str
    target_text: str
    source_language: Language
    target_language: Language
    source_conventions: LocaleConventions
    target_conventions: LocaleConventions
    platform: str | None = Field(default=None, description="Platform id; None skips length.")
    protected_hashtags: frozenset[str] | None = None
    hashtag_equivalents: dict[str, frozenset[str]] = Field(default_factory=dict)
    do_not_translate: frozenset[str] = frozenset()
    detector: Detector = Field(exclude=True)

    @model_validator(mode="after")
    def _conventions_fit_languages(self) -> Self:
        for side, language, conventions in (
            ("source", self.source_language, self.source_conventions),
            ("target", self.target_language, self.target_conventions),
        ):
            if conventions.language.code != language:
                raise ValueError(
                    f"{side}_conventions are for {conventions.language.code}, "
                    f"but {side}_language is {language}"
                )
        return self

    @classmethod
    def build(
        cls,
        *,
        source_text: str,
        target_text: str,
        source_language: Language,
        target_language: Language,
        locales: Mapping[Language, LocaleConventions],
        detector: Detector,
        platform: str | None = None,
        protected_hashtags: frozenset[str] | None = None,
        hashtag_equivalents: Mapping[str, Iterable[str]] | None = None,
        do_not_translate: frozenset[str] = frozenset(),
    ) -> "CheckContext":
        """Build a context, picking both languages' conventions from ``load_locales`` output."""
        return cls(
            source_text=source_text,
            target_text=target_text,
            source_language=source_language,
            target_language=target_language,
            source_conventions=locales[source_language],
            target_conventions=locales[target_language],
            platform=platform,
            protected_hashtags=protected_hashtags,
            hashtag_equivalents={
                hashtag: frozenset(localized)
                for hashtag, localized in (hashtag_equivalents or {}).items()
            },
            do_not_translate=do_not_translate,
            detector=detector,
        )


class Check(ABC):
    """One quality check. Subclasses set the four class attributes and implement ``check``."""

    check_id: ClassVar[str]
    name: ClassVar[str]
    description: ClassVar[str]
    severity: ClassVar[Severity]

    @abstractmethod
    def check(self, context: CheckContext) -> list[Finding]:
        """Return what is wrong with ``context.target_text``; an empty list when nothing is."""

    def finding(
        self,
        message: str,
        *,
        start: int | None = None,
        end: int | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        """A finding of this check, at the check's default severity unless told otherwise."""
        return new_finding(self.check_id, severity or self.severity, message, start, end)


def new_finding(
    check_id: str,
    severity: Severity,
    message: str,
    start: int | None = None,
    end: int | None = None,
    suggestion: str | None = None,
) -> Finding:
    """A finding of a registered kind: a check here, a stage's own in ``stage.py``."""
    return Finding(
        check=check_id,
        severity=severity,
        message=message,
        start=start,
        end=end,
        suggestion=suggestion,
    )


def describe_offset(text: str, start: int, end: int | None = None) -> str:
    """Say where a finding is for a translator: the offset and a few characters around it.

    >>> describe_offset("Pourquoi ?", 9)
    "at offset 9 ('…rquoi ?')"
    """
    end = start + 1 if end is None else end
    before = text[max(0, start - 6) : start]
    after = text[end : end + 6]
    prefix = "…" if start > 6 else ""
    suffix = "…" if end + 6 < len(text) else ""
    excerpt = f"{prefix}{before}{text[start:end]}{after}{suffix}"
    return f"at offset {start} ({excerpt!r})"
