"""A rendition under construction, as the translate stage hands it to the finishing stages."""

from dataclasses import dataclass, field

from service.models import (
    EngineReference,
    Finding,
    GlossaryRepair,
    MemoryReference,
    MemorySuggestion,
    Provenance,
    RenditionOrigin,
)


@dataclass
class Draft:
    """One line in one target language before post-editing, fitting and the checks."""

    text: str
    origin: RenditionOrigin
    memory: MemoryReference | None = None
    engine: EngineReference | None = None
    repairs: list[GlossaryRepair] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    suggestions: list[MemorySuggestion] = field(default_factory=list)

    @property
    def is_approved_text(self) -> bool:
        """The source itself or an approved memory translation: never edited silently."""
        return self.origin in (RenditionOrigin.SOURCE, RenditionOrigin.MEMORY)

    def provenance(self) -> Provenance:
        return Provenance(
            origin=self.origin,
            memory=self.memory,
            engine=self.engine,
            glossary_repairs=self.repairs,
        )
