"""The UN termbase: official names, short forms, hashtags and observance dates in six languages.

The only reader of ``glossaries/``. Typical use::

    glossary = load_glossary(settings.glossaries_dir)      # validated, cached per path
    day = glossary.observance("world-health-day")          # day.observance_date == (4, 7)
    day.names[Language.FR]                                  # 'Journée mondiale de la santé'
    glossary.matcher(Language.EN).find_terms(text)          # [TermMatch(concept_id='who', ...)]

Modules: ``models`` (Concept and friends), ``csvrows`` and ``columns`` (the file format),
``termbase`` (Glossary, load_glossary), ``match`` (TermMatcher), ``exchange`` (TBX and CSV
export, TBX import).
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
from service.glossary.termbase import Glossary, load_glossary

__all__ = [
    "Concept",
    "ConceptKind",
    "Glossary",
    "MonthDay",
    "ProtectedKind",
    "ProtectedTerm",
    "TermEntry",
    "TermMatch",
    "TermMatcher",
    "load_glossary",
]
