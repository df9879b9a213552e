"""The output formats of ``adapt batch`` (see :mod:`service.workflow.batch_output`).

A module of its own so that the command line can offer the choice without importing the
batch machinery (the store, translate-toolkit, the calendar exports) for other commands.
"""

from enum import StrEnum


class BatchFormat(StrEnum):
    JSONL = "jsonl"
    CSV = "csv"
    XLIFF = "xliff"
    ICS = "ics"
    HOOTSUITE = "hootsuite"
