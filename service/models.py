"""Pydantic domain models shared by the pipeline, the store and the edges.

One spelling per concept: these field names are the JSON the CLI prints and the API serves.
"""

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    SerializerFunctionWrapHandler,
    field_serializer,
    model_serializer,
    model_validator,
)

from service.languages import Language


class Model(BaseModel):
    """Base for domain models: immutable, no unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Finding(Model):
    """One problem a check or a stage found; ``check`` is its stable id.

    Its JSON leaves out the fields that are not set (offsets, suggestion).
    """

    check: str
    severity: Severity
    message: str
    start: int | None = Field(default=None, description="Offset in the target, if it has one.")
    end: int | None = None
    suggestion: str | None = Field(
        default=None, description="The whole text with the fix applied, for a person to accept."
    )

    @model_serializer(mode="wrap")
    def _without_unset(self, handler: SerializerFunctionWrapHandler) -> dict[str, object]:
        data: dict[str, object] = handler(self)
        return {key: value for key, value in data.items() if value is not None}


class Detection(Model):
    """Result of language detection; ``language`` is ``und`` when it cannot be decided."""

    language: Language | None
    confidence: float = Field(ge=0.0, le=1.0)

    @field_serializer("language")
    def _und(self, language: Language | None) -> str:
        return language.value if language else "und"

    @field_serializer("confidence")
    def _rounded(self, confidence: float) -> float:
        return round(confidence, 4)


class Sentence(Model):
    """A sentence with character offsets into the original text: ``original[start:end]``."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Segmentation(Model):
    language: Language
    sentences: list[Sentence]


class PlatformLength(Model):
    platform: str
    length: int
    limit: int
    fits: bool


# Translation memory and provenance ---------------------------------------------------------


class MatchKind(StrEnum):
    """How a translation-memory entry matched: the same normalized text, or a close one."""

    EXACT = "exact"
    FUZZY = "fuzzy"


class UnitOrigin(StrEnum):
    """How an approved translation entered the memory."""

    REVIEW = "review"
    TMX = "tmx"
    MANUAL = "manual"


class UnitProvenance(Model):
    """Where a translation-memory unit came from: who approved it, when, from which file."""

    origin: UnitOrigin
    approved_by: str | None = None
    approved_at_utc: AwareDatetime | None = None
    imported_from: str | None = Field(default=None, description="File name of a TMX import.")


class TranslationUnit(Model):
    """One approved translation of a source text into one target language."""

    id: int
    source_language: Language
    target_language: Language
    source_text: str
    target_text: str
    provenance: UnitProvenance
    created_at_utc: AwareDatetime
    updated_at_utc: AwareDatetime


class RenditionOrigin(StrEnum):
    """Where the text of a rendition came from; ``none`` means no engine served the pair,
    ``edited`` that a person wrote the current text (the review service only)."""

    MEMORY = "memory"
    MT = "mt"
    SOURCE = "source"
    NONE = "none"
    EDITED = "edited"


class MemoryReference(Model):
    """The translation-memory unit a rendition was taken from, and how well it matched."""

    unit_id: int
    kind: MatchKind
    score: float = Field(ge=0.0, le=1.0)


class EngineReference(Model):
    """The machine-translation engine and package version that produced a rendition."""

    engine: str
    package_version: str | None = None


class GlossaryRepair(Model):
    """One glossary repair applied to a rendition: ``before`` was replaced by ``after``."""

    concept_id: str
    before: str
    after: str


class Provenance(Model):
    """Where a rendition came from, recorded with it so a reviewer can judge it.

    ``memory`` is set exactly when the origin is ``memory``, ``engine`` exactly when it is
    ``mt``; glossary repairs can follow any origin that produced text.
    """

    origin: RenditionOrigin
    memory: MemoryReference | None = None
    engine: EngineReference | None = None
    glossary_repairs: list[GlossaryRepair] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> "Provenance":
        if (self.memory is not None) != (self.origin is RenditionOrigin.MEMORY):
            raise ValueError("memory is given exactly when the origin is 'memory'")
        if (self.engine is not None) != (self.origin is RenditionOrigin.MT):
            raise ValueError("engine is given exactly when the origin is 'mt'")
        if self.glossary_repairs and self.origin is RenditionOrigin.NONE:
            raise ValueError("a rendition with origin 'none' has no text to repair")
        return self


# Scheduling ---------------------------------------------------------------------------------


class Observance(Model):
    """An international day from the glossary: a post about it goes out on its date."""

    concept_id: str
    month: int = Field(ge=1, le=12)
    day: int = Field(ge=1, le=31)
    names: dict[Language, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _real_date(self) -> "Observance":
        try:
            date(2024, self.month, self.day)  # a leap year: 29 February is a real date
        except ValueError:
            raise ValueError(f"{self.month}-{self.day} is not a date") from None
        return self

    def name_in(self, language: Language) -> str:
        return self.names.get(language) or self.names.get(Language.EN) or self.concept_id


class ZoneTime(Model):
    """One zone of an audience at a slot: its local time and what holds there."""

    timezone: str
    weight: float
    local_time: str = Field(description="ISO 8601 with the zone's offset at that instant.")
    local_time_display: str = Field(description="Full date, time and zone name (Babel).")
    in_window: bool
    local_date_ok: bool = Field(description="True unless it is not the observance's date there.")
    asleep: bool = Field(description="The local time is in the audience's quiet hours.")


class SlotMode(StrEnum):
    """How a slot was chosen."""

    NEXT = "next"
    BEST = "best"
    AT = "at"
    URGENT = "urgent"


class Slot(Model):
    """When one post goes out to one audience, and the proof that the time is right."""

    audience_id: str
    language: Language
    mode: SlotMode
    slot_utc: AwareDatetime
    coverage: float = Field(ge=0.0, le=1.0, description="Weighted share of zones in a window.")
    threshold: float = Field(ge=0.0, le=1.0)
    observance_id: str | None = None
    zones: list[ZoneTime]
    findings: list[Finding]

    @field_serializer("slot_utc", when_used="json")
    def _slot_in_utc(self, instant: datetime) -> str:
        return utc_text(instant)

    @field_serializer("coverage", when_used="json")
    def _rounded(self, coverage: float) -> float:
        return round(coverage, 4)


class Plan(Model):
    """A statement's posts: the slots of each audience in turn, one or more per account."""

    after_utc: AwareDatetime
    now_utc: AwareDatetime
    slots: list[Slot]
    findings: list[Finding]

    @field_serializer("after_utc", "now_utc", when_used="json")
    def _in_utc(self, instant: datetime) -> str:
        return utc_text(instant)


def utc_text(instant: datetime) -> str:
    """ISO 8601 in UTC with a ``Z``: ``2026-04-07T07:00:00Z``."""
    return instant.astimezone(UTC).isoformat().replace("+00:00", "Z")


UtcInstant = Annotated[
    AwareDatetime, PlainSerializer(lambda instant: utc_text(instant), when_used="json")
]
"""A timezone-aware datetime whose JSON is :func:`utc_text` (UTC with a ``Z``)."""

MAX_ROW_ID = 2**31 - 1
"""The largest id (and row offset) the store holds: ids are 32-bit integers on PostgreSQL,
and a larger number from a request would overflow the database driver instead of being
refused as input."""

RowId = Annotated[int, Field(ge=1, le=MAX_ROW_ID)]


# Renditions ---------------------------------------------------------------------------------


class ChangeKind(StrEnum):
    """What a pipeline stage changed in a rendition after translation."""

    TYPOGRAPHY = "typography"
    SHORT_FORM = "short_form"
    HASHTAG_REMOVED = "hashtag_removed"
    THREAD_SPLIT = "thread_split"


class RenditionChange(Model):
    """One change made to fit the language's typography or the platform's length."""

    kind: ChangeKind
    detail: str
    before: str | None = None
    after: str | None = None


class MemorySuggestion(Model):
    """A close (fuzzy) translation-memory match offered to the reviewer, with its score."""

    unit_id: int
    score: float = Field(ge=0.0, le=1.0)
    source_text: str
    target_text: str


class Rendition(Model):
    """One line in one target language: the text, where it came from, and what is wrong.

    ``text`` is empty exactly when ``origin`` is ``none``; such a rendition has length 0
    and ``fits`` false, since there is nothing to post. ``thread`` holds the numbered parts
    of a proposed thread when the text does not fit the platform, else it is empty.
    """

    text: str
    length: int = Field(ge=0)
    fits: bool
    origin: RenditionOrigin
    provenance: Provenance
    findings: list[Finding] = Field(default_factory=list)
    changes: list[RenditionChange] = Field(default_factory=list)
    thread: list[str] = Field(default_factory=list)
    suggestions: list[MemorySuggestion] = Field(default_factory=list)


class LineTranslation(Model):
    """A source line and its rendition in each target language."""

    source: str
    renditions: dict[Language, Rendition]
