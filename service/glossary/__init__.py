"""The UN termbase: official names, short forms, hashtags and observance dates in six languages.

The only reader of ``glossaries/``. Typical use::

    glossary = load_glossary(settings.glossaries_dir)      # validated, cached per path
    day = glossary.observance("world-health-day")          # day.observance_date == (4, 7)
    day.names[Language.FR]                                  # 'Journée mondiale de la santé'
    glossary.matcher(Language.EN).find_terms(text)          # [TermMatch(concept_id='who', ...)]

    day.status(CellField.NAME, Language.FR)                 # CellStatus(status='verified', ...)

Modules: ``models`` (Concept and friends), ``status`` (whether a cell is verified, and its
source), ``csvrows``, ``columns`` and ``sources`` (the file formats), ``termbase`` (Glossary,
load_glossary), ``match`` (TermMatcher), ``tbx`` and ``exchange`` (TBX and CSV export, TBX
import), ``merge`` (merging an import cell by cell).
"""

from service.glossary.match import TermMatcher
from service.glossary.models import (
    Concept,
    ConceptKind,
    MonthDay,
    ProtectedKind,
    ProtectedTerm,
    TermEntry,
    TermMatch,
)
from service.glossary.status import CellField, CellStatus, SourceTier, Verification
from service.glossary.termbase import Glossary, load_glossary

__all__ = [
    "CellField",
    "CellStatus",
    "Concept",
    "ConceptKind",
    "Glossary",
    "MonthDay",
    "ProtectedKind",
    "ProtectedTerm",
    "SourceTier",
    "TermEntry",
    "TermMatch",
    "TermMatcher",
    "Verification",
    "load_glossary",
]
