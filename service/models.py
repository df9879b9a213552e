"""Pydantic domain models shared by the pipeline, the store and the edges.

One spelling per concept: these field names are the JSON the CLI prints and the API serves.
"""

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from service.languages import Language


class Model(BaseModel):
    """Base for domain models: immutable, no unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Finding(Model):
    """One problem a check found; ``check`` is the check's stable id."""

    check: str
    severity: Severity
    message: str
    start: int | None = Field(default=None, description="Offset in the target, if it has one.")
    end: int | None = None


class Detection(Model):
    """Result of language detection; ``language`` is ``und`` when it cannot be decided."""

    language: Language | None
    confidence: float = Field(ge=0.0, le=1.0)

    def as_json(self) -> dict[str, object]:
        return {"language": self.language.value if self.language else "und",
                "confidence": round(self.confidence, 4)}


class Sentence(Model):
    """A sentence with character offsets into the original text (``text == original[start:end]``)."""

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


class Line(Model):
    """A candidate post extracted from a statement, with its score and the reasons for it."""

    text: str
    length: int
    score: float = Field(ge=0.0, le=1.0)
    reasons: list[str]
    start: int | None = Field(default=None, description="Offset of the line in the statement.")
    end: int | None = None
    is_cut: bool = Field(default=False, description="A clause-boundary cut of a longer sentence.")


class LineExtraction(Model):
    source_language: Language
    platform: str
    lines: list[Line]
