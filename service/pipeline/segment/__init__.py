"""Stage 3, segment: sentences with character offsets (spaCy sentencizer + locales/ rules)."""

from service.pipeline.segment.sentences import segment

__all__ = ["segment"]
