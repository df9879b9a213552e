"""Use cases: what every edge (CLI, API, review UI, batch, worker) calls, and nothing else.

An edge parses its input, builds one :class:`Workspace`, calls one use case and renders the
result model (``model_dump(mode="json")`` is the JSON every edge speaks). Use cases hold the
order of the pipeline and the rules; they never parse flags, print, or word an error for one
edge.
"""

from service.statement import StatementFormat, statement_format
from service.workflow.adapt import adapt_one, adapt_statement, adapt_statements, missing_routes
from service.workflow.language import detect, split_sentences, verify_language
from service.workflow.lines import (
    AdaptRequest,
    read_statement,
    statement_lines,
    statement_sentences,
)
from service.workflow.workspace import Workspace

__all__ = [
    "AdaptRequest",
    "StatementFormat",
    "Workspace",
    "adapt_one",
    "adapt_statement",
    "adapt_statements",
    "detect",
    "missing_routes",
    "read_statement",
    "split_sentences",
    "statement_format",
    "statement_lines",
    "statement_sentences",
    "verify_language",
]
