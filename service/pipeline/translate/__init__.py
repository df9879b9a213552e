"""Stage 5, translate: each line in each language, memory first, then MT, under the glossary."""

from service.pipeline.translate.drafts import translate_line_groups, translate_lines

__all__ = ["translate_line_groups", "translate_lines"]
