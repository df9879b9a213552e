"""The loaded data and backends every use case needs, shared by one edge process.

An edge builds one :class:`Workspace` from settings (CLI command, API lifespan, worker) and
hands it to the use cases. Each part is built on first use, at most once, under a lock, so
one workspace can serve an ASGI server's thread pool. Tests and workers can give any part
ready-made (an engine, a memory, a store, the locales, the glossary, the audiences, the
cache of authenticated tokens).
"""

import threading
from typing import TYPE_CHECKING

from service.audiences import Audience
from service.closing import Closing
from service.engines.base import TranslationEngine
from service.engines.registry import ENGINES
from service.errors import ErrorCode, InputError
from service.glossary import Glossary, load_glossary
from service.languages import Language
from service.locales import LocaleConventions, load_audiences, load_locales
from service.pipeline.detect import LanguageDetector
from service.pipeline.segment.pipelines import use_tokenizer_cache
from service.settings import Settings
from service.workflow.token_cache import TokenCache

if TYPE_CHECKING:  # the store pulls in SQLAlchemy and Alembic: only commands that use it pay
    from service.engines.memory import TranslationMemory
    from service.store.database import Store

Locales = dict[Language, LocaleConventions]


class Workspace(Closing):
    """Settings plus lazily built, thread-safe parts; a context manager that closes the store.

    Parts given to the constructor are used as they are and are not closed here (the caller
    owns them); parts built here are closed by :meth:`close`.
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        engine: TranslationEngine | None = None,
        memory: "TranslationMemory | None" = None,
        store: "Store | None" = None,
        locales: Locales | None = None,
        glossary: Glossary | None = None,
        audiences: dict[str, Audience] | None = None,
        token_cache: TokenCache | None = None,
    ) -> None:
        self.settings = settings or Settings()
        use_tokenizer_cache(self.settings.resolved_cache_dir)  # spaCy tokenizers, fast to load
        self._lock = threading.RLock()
        self._engine = engine
        self._memory = memory
        self._store = store
        self._owns_store = store is None
        self._locales = locales
        self._glossary = glossary
        self._audiences = audiences
        self._detector: LanguageDetector | None = None
        self.token_cache = (
            token_cache if token_cache is not None else TokenCache(self.settings.token_cache_s)
        )

    def validate_data(self) -> None:
        """Load the language data now (locales, audiences, glossary): a broken file stops here
        with its name and line, before any command starts work."""
        _ = self.locales, self.audiences, self.glossary

    def close(self) -> None:
        """Close the store if this workspace opened it; the other parts hold no connection."""
        with self._lock:
            if self._store is not None and self._owns_store:
                self._store.close()
                self._store = None
                self._memory = None

    @property
    def locales(self) -> Locales:
        with self._lock:
            if self._locales is None:
                self._locales = load_locales(self.settings.locales_dir)
            return self._locales

    @property
    def glossary(self) -> Glossary:
        with self._lock:
            if self._glossary is None:
                self._glossary = load_glossary(self.settings.glossaries_dir)
            return self._glossary

    @property
    def audiences(self) -> dict[str, Audience]:
        with self._lock:
            if self._audiences is None:
                settings = self.settings
                self._audiences = load_audiences(settings.locales_dir, settings.audiences_file)
            return self._audiences

    @property
    def detector(self) -> LanguageDetector:
        """The language detector for the configured locales (langdetect loads on first use)."""
        with self._lock:
            if self._detector is None:
                self._detector = LanguageDetector(self.locales)
            return self._detector

    @property
    def engine(self) -> TranslationEngine:
        with self._lock:
            if self._engine is None:
                self._engine = self._build_engine()
            return self._engine

    @property
    def store(self) -> "Store":
        with self._lock:
            if self._store is None:
                from service.store.database import open_store

                self._store = open_store(self.settings)
                self._owns_store = True
            return self._store

    @property
    def memory(self) -> "TranslationMemory":
        with self._lock:
            if self._memory is None:
                from service.engines.memory import TranslationMemory

                self._memory = TranslationMemory(
                    self.store.translation_units, fuzzy_threshold=self.settings.fuzzy_threshold
                )
            return self._memory

    def _build_engine(self) -> TranslationEngine:
        factory = ENGINES.get(self.settings.mt_engine)
        if factory is None:
            raise InputError(
                f"unknown MT engine {self.settings.mt_engine!r}: use one of {', '.join(ENGINES)}",
                code=ErrorCode.UNKNOWN_ENGINE,
                engine=self.settings.mt_engine,
                known=list(ENGINES),
            )
        return factory(self.settings)
