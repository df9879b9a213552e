"""Stage 4, extract: the lines of a statement that work as posts, ranked, with reasons."""

from service.pipeline.extract.lines import extract_lines

__all__ = ["extract_lines"]
